import ShablonRussian
import ShablonData

/// A matched block: its opening tag, optional `{{else}}` and closing tag.
final class Block {
    enum Placement: String {
        /// Content between the tags inside one paragraph.
        case inline
        /// Whole paragraphs (or list items, or tables) between two tag paragraphs, which vanish.
        case paragraphs
        /// Table rows from the opening tag's row to the closing tag's row.
        case rows
        /// Table cells from the opening tag's cell to the closing tag's cell, in one row (`столбцы`).
        case columns
    }

    let kind: BlockKind
    let expression: Expression
    let open: Tag
    var otherwise: Tag?
    var close: Tag?
    var placement: Placement = .inline
    /// Blocks opened inside this one.
    var children: [Block] = []
    /// The container gathering the block's content, once arranged.
    weak var container: TElement?
    /// For column loops: the grid columns the repeated cells cover.
    var columnRange: ColumnRange?

    init(kind: BlockKind, expression: Expression, open: Tag) {
        self.kind = kind
        self.expression = expression
        self.open = open
    }
}

/// Matches opening and closing tags, decides for each block what repeats (docs/template-language.md: inline,
/// paragraphs or rows, by where its tags stand), and gathers the repeating content into block containers.
struct Structure {
    let dialect: Dialect
    let part: String
    let paragraphs: [ObjectIdentifier: ParagraphInfo]
    var problems: [Problem] = []
    /// Top-level blocks in document order.
    var roots: [Block] = []

    init(dialect: Dialect, part: String, paragraphs: [ObjectIdentifier: ParagraphInfo]) {
        self.dialect = dialect
        self.part = part
        self.paragraphs = paragraphs
    }

    private mutating func report(_ code: Problem.Code, _ tag: Tag, ru: String, en: String, hintRu: String, hintEn: String) {
        problems.append(Problem(code: code, part: part, location: tag.location, tag: tag.raw,
                                message: LocalizedText(ru: ru, en: en), hint: LocalizedText(ru: hintRu, en: hintEn)))
    }

    private static func name(_ k: BlockKind) -> String { k.rawValue }

    /// How deep blocks may nest. Everything after matching (arranging, compiling, rendering, the
    /// outline, `inspect`) walks blocks inside blocks, so the depth is bounded here, once; no document
    /// needs more than a few levels.
    static let maxDepth = 100

    /// How many blocks one part and one paragraph may hold. Placing a block edits the paragraph or the
    /// body around it, so time grows with blocks × their surroundings; real templates hold tens of
    /// blocks, a few in a paragraph.
    static let maxBlocks = 5_000
    static let maxBlocksInParagraph = 200

    /// Pairs the block tags; returns the blocks in document order of their opening tags (outer first).
    /// Blocks nested deeper than `maxDepth` are an error (`block-too-deep`) and end the matching.
    mutating func match(_ tags: [Tag]) -> [Block] {
        var stack: [Block] = []
        var all: [Block] = []
        var perParagraph: [ObjectIdentifier: Int] = [:]
        for t in tags {
            switch t.kind {
            case .open(let k, let e):
                if stack.count >= Structure.maxDepth {
                    report(.blockTooDeep, t,
                           ru: "блоки вложены слишком глубоко: \(t.raw) открывает \(Structure.maxDepth + 1)-й уровень, а можно не больше \(Structure.maxDepth)",
                           en: "blocks are nested too deeply: \(t.raw) opens level \(Structure.maxDepth + 1), at most \(Structure.maxDepth) are allowed",
                           hintRu: "Проверьте, закрыт ли каждый блок ({{/each}}, {{/if}}, {{/unless}}): блоки {{#…}} внутри других блоков могут идти не глубже \(Counted.levelsOf.ru(Structure.maxDepth)).",
                           hintEn: "Check that every block is closed ({{/each}}, {{/if}}, {{/unless}}): blocks inside blocks may go at most \(Counted.levelsOf.en(Structure.maxDepth)) deep.")
                    return all
                }
                let inParagraph = t.paragraph.map { perParagraph[ObjectIdentifier($0), default: 0] + 1 } ?? 0
                if all.count >= Structure.maxBlocks || inParagraph > Structure.maxBlocksInParagraph {
                    let one = inParagraph > Structure.maxBlocksInParagraph
                    let limit = one ? Structure.maxBlocksInParagraph : Structure.maxBlocks
                    report(.tooManyBlocks, t,
                           ru: "слишком много блоков \(one ? "в одном абзаце" : "в одной части документа"): \(t.raw) — \(limit + 1)-й, а можно не больше \(limit)",
                           en: "too many blocks \(one ? "in one paragraph" : "in one part of the document"): \(t.raw) is number \(limit + 1), at most \(limit) are allowed",
                           hintRu: "Повторяющееся оформление задайте одним циклом {{#each}} по списку в данных, а не множеством одинаковых блоков.",
                           hintEn: "Make repeated content one {{#each}} loop over a list in the data rather than many separate blocks.")
                    return all
                }
                if let p = t.paragraph { perParagraph[ObjectIdentifier(p)] = inParagraph }
                let b = Block(kind: k, expression: e, open: t)
                if let top = stack.last { top.children.append(b) } else { roots.append(b) }
                stack.append(b)
                all.append(b)
            case .otherwise:
                guard let top = stack.last else {
                    report(.strayElse, t, ru: "{{else}} вне блока", en: "{{else}} outside a block",
                           hintRu: "{{else}} ставится между {{#if …}} и {{/if}} или {{#each …}} и {{/each}}.",
                           hintEn: "{{else}} goes between {{#if …}} and {{/if}} or {{#each …}} and {{/each}}.")
                    continue
                }
                if top.otherwise != nil {
                    report(.duplicateElse, t, ru: "второй {{else}} в одном блоке", en: "a second {{else}} in one block",
                           hintRu: "Оставьте один {{else}} в блоке \(top.open.raw).", hintEn: "Keep one {{else}} in the block \(top.open.raw).")
                    continue
                }
                top.otherwise = t
            case .close(let k):
                guard let top = stack.last else {
                    report(.unopenedBlock, t, ru: "закрывающий тег \(t.raw) без открывающего {{#\(Structure.name(k)) …}}",
                           en: "closing tag \(t.raw) without an opening {{#\(Structure.name(k)) …}}",
                           hintRu: "Добавьте {{#\(Structure.name(k)) …}} выше или удалите этот тег.",
                           hintEn: "Add {{#\(Structure.name(k)) …}} above or remove this tag.")
                    continue
                }
                if top.kind != k {
                    // A closing tag of another kind: if it closes an enclosing block, the top one is unclosed.
                    if stack.contains(where: { $0.kind == k }) {
                        while let b = stack.last, b.kind != k {
                            reportUnclosed(b)
                            stack.removeLast()
                        }
                        stack.last?.close = t
                        stack.removeLast()
                    } else {
                        report(.mismatchedBlock, t, ru: "тег \(t.raw) закрывает не тот блок: открыт \(top.open.raw)",
                               en: "tag \(t.raw) closes the wrong block: \(top.open.raw) is open",
                               hintRu: "Закройте блок тегом {{/\(Structure.name(top.kind))}}.",
                               hintEn: "Close the block with {{/\(Structure.name(top.kind))}}.")
                    }
                    continue
                }
                top.close = t
                stack.removeLast()
            default:
                break
            }
        }
        for b in stack.reversed() { reportUnclosed(b) }
        return all
    }

    private mutating func reportUnclosed(_ b: Block) {
        report(.unclosedBlock, b.open, ru: "блок \(b.open.raw) не закрыт", en: "block \(b.open.raw) is not closed",
               hintRu: "Добавьте {{/\(Structure.name(b.kind))}} там, где повторяемая (или условная) часть кончается.",
               hintEn: "Add {{/\(Structure.name(b.kind))}} where the repeated (or conditional) part ends.")
    }

    // MARK: - Placement

    private func parent(of tag: Tag, in root: TElement) -> TElement? {
        // Tags sit inside text elements or paragraphs; find by walking from the paragraph.
        guard let p = tag.paragraph else { return nil }
        if let h = tag.holder, h.index(of: tag) != nil { return h }
        var found: TElement?
        func search(_ e: TElement) {
            if found != nil { return }
            if e.index(of: tag) != nil { found = e; return }
            for c in e.children { if case .element(let x) = c { search(x) } }
        }
        search(p)
        return found
    }

    private func ancestor(_ e: TElement, where test: (TElement) -> Bool) -> TElement? {
        var p: TElement? = e
        while let x = p {
            if test(x) { return x }
            p = x.parent
        }
        return nil
    }

    private func info(_ p: TElement) -> ParagraphInfo? { paragraphs[ObjectIdentifier(p)] }

    /// True when the paragraph holds nothing but this tag.
    private func isAlone(_ tag: Tag) -> Bool {
        guard let p = tag.paragraph, let i = info(p) else { return false }
        return i.blankBesidesTags && !i.hasDrawing && i.tags.count == 1
    }

    /// The paragraph, or the ODF list item it alone fills.
    private func unit(_ p: TElement) -> TElement {
        if let li = dialect.listItem, let parent = p.parent, parent.key == li,
           parent.children.filter({ if case .element(let e) = $0 { return e.isParagraph || e.key.hasSuffix(":list") }; return false }).count == 1 {
            return parent
        }
        return p
    }

    private func cellAndRow(_ p: TElement) -> (cell: TElement, row: TElement)? {
        guard let cell = ancestor(p, where: { $0.roles.contains(.cell) }),
              let row = ancestor(cell, where: { $0.roles.contains(.row) }) else { return nil }
        return (cell, row)
    }

    /// Decides where each block repeats and rebuilds the tree with block containers. Blocks are taken
    /// outer first, so an inner block finds its content already inside the outer container.
    mutating func arrange(_ blocks: [Block], root: TElement) {
        for b in blocks {
            guard let close = b.close, let po = b.open.paragraph, let pc = close.paragraph else { continue }
            let tags = [b.open] + (b.otherwise.map { [$0] } ?? []) + [close]
            if b.expression.options.contains(.columns) {
                arrangeColumns(b, close: close, po: po, pc: pc, root: root)
                continue
            }
            if po === pc {
                guard b.otherwise.map({ $0.paragraph === po }) ?? true else {
                    misplacedElse(b)
                    continue
                }
                b.placement = .inline
                for t in tags { liftInline(t, paragraph: po, root: root) }
                collapse(b, root: root)
                continue
            }
            let uo = unit(po), uc = unit(pc)
            if uo.parent === uc.parent, isAlone(b.open), isAlone(close) {
                if let e = b.otherwise {
                    guard let pe = e.paragraph, isAlone(e), unit(pe).parent === uo.parent else {
                        misplacedElse(b)
                        continue
                    }
                }
                b.placement = .paragraphs
                for t in tags {
                    if let p = t.paragraph { replace(unit(p), with: t) }
                }
                collapse(b, root: root)
                continue
            }
            if let (co, ro) = cellAndRow(po), let (cc, rc) = cellAndRow(pc), ro.parent === rc.parent, co !== cc || ro !== rc {
                b.placement = .rows
                if let e = b.otherwise {
                    guard let pe = e.paragraph, let (_, re) = cellAndRow(pe), re.parent === ro.parent, re !== ro, re !== rc else {
                        misplacedElse(b)
                        continue
                    }
                    remove(e, root: root)
                    replace(re, with: e)
                }
                remove(b.open, root: root)
                if rowIsEmpty(ro) { replace(ro, with: b.open) } else { insert(b.open, before: ro) }
                remove(close, root: root)
                if rowIsEmpty(rc) { replace(rc, with: close) } else { insert(close, after: rc) }
                collapse(b, root: root)
                continue
            }
            report(.blockPlacement, b.open,
                   ru: "не понять, что повторять: \(b.open.raw) и \(close.raw) (\(close.location.text("ru"))) стоят в разных местах",
                   en: "cannot tell what repeats: \(b.open.raw) and \(close.raw) (\(close.location.text("en"))) stand in different places",
                   hintRu: "Поставьте оба тега в один абзац (повтор внутри абзаца), каждый в отдельный абзац на одном уровне (повтор абзацев) или в ячейки строк одной таблицы (повтор строк).",
                   hintEn: "Put both tags in one paragraph (inline repeat), each alone in its own paragraph at the same level (paragraphs repeat), or in cells of rows of one table (rows repeat).")
            b.close = nil
        }
    }

    /// A column loop: the cells from the opening tag's cell to the closing tag's cell of one row repeat.
    /// The tags leave their paragraphs (a paragraph that held nothing else vanishes if its cell keeps one).
    private mutating func arrangeColumns(_ b: Block, close: Tag, po: TElement, pc: TElement, root: TElement) {
        guard let (co, ro) = cellAndRow(po), let (cc, rc) = cellAndRow(pc), ro === rc, co.parent === ro, cc.parent === ro,
              let io = ro.index(of: co), let ic = ro.index(of: cc), io <= ic else {
            report(.blockPlacement, b.open,
                   ru: "цикл по столбцам \(b.open.raw) должен открываться и закрываться в ячейках одной строки таблицы",
                   en: "the column loop \(b.open.raw) must open and close in cells of one table row",
                   hintRu: "Поставьте \(b.open.raw) в первую повторяемую ячейку строки, а \(close.raw) — в последнюю (или в ту же).",
                   hintEn: "Put \(b.open.raw) in the first repeated cell of the row and \(close.raw) in the last (or the same) one.")
            b.close = nil
            return
        }
        if b.otherwise != nil {
            misplacedElse(b)
            return
        }
        b.placement = .columns
        for t in [b.open, close] {
            let alone = isAlone(t)
            remove(t, root: root)
            if alone, let p = t.paragraph, let cell = p.parent, cell.roles.contains(.cell),
               cell.elements.filter(\.isParagraph).count > 1, let i = cell.index(of: p) {
                cell.replace(i..<(i + 1), with: [])
            }
        }
        insert(b.open, before: co)
        insert(close, after: cc)
        collapse(b, root: root)
    }

    private mutating func misplacedElse(_ b: Block) {
        guard let e = b.otherwise else { return }
        report(.elsePlacement, e, ru: "{{else}} стоит не там, где может разделить блок \(b.open.raw)",
               en: "{{else}} stands where it cannot split the block \(b.open.raw)",
               hintRu: "Для повтора внутри абзаца {{else}} пишется в том же абзаце; для повтора абзацев — отдельным абзацем; для строк — в отдельной строке таблицы между ними.",
               hintEn: "For an inline block write {{else}} in the same paragraph; for paragraphs, in a paragraph of its own; for rows, in a row of its own between them.")
        b.close = nil
    }

    /// True when no paragraph of the row has text, tags or drawings.
    private func rowIsEmpty(_ row: TElement) -> Bool {
        var empty = true
        func check(_ e: TElement) {
            if !empty { return }
            if e.isParagraph {
                if let i = info(e), !i.blankBesidesTags || i.hasDrawing { empty = false; return }
            }
            if e.roles.contains(.drawing) { empty = false; return }
            for c in e.children {
                switch c {
                case .tag: empty = false
                case .element(let x): check(x)
                default: break
                }
            }
        }
        check(row)
        return empty
    }

    /// Removes a tag node from wherever it is.
    private func remove(_ tag: Tag, root: TElement) {
        if let p = parent(of: tag, in: root), let i = p.index(of: tag) { p.replace(i..<(i + 1), with: []) }
    }

    private func replace(_ e: TElement, with tag: Tag) {
        guard let p = e.parent, let i = p.index(of: e) else { return }
        p.replace(i..<(i + 1), with: [.tag(tag)])
    }

    private func insert(_ tag: Tag, before e: TElement) {
        guard let p = e.parent, let i = p.index(of: e) else { return }
        p.replace(i..<i, with: [.tag(tag)])
    }

    private func insert(_ tag: Tag, after e: TElement) {
        guard let p = e.parent, let i = p.index(of: e) else { return }
        p.replace((i + 1)..<(i + 1), with: [.tag(tag)])
    }

    /// Splits the elements between the tag and the paragraph (runs, spans, links) so that the tag becomes
    /// a child of the paragraph, or of a block container inside it.
    private func liftInline(_ tag: Tag, paragraph: TElement, root: TElement) {
        guard var e = parent(of: tag, in: paragraph) else { return }
        while e !== paragraph && !e.isBlock, let g = e.parent, let idx = e.index(of: tag), let at = g.index(of: e) {
            let left = e.shallowCopy(), right = e.shallowCopy()
            var seenContent = false
            for (k, c) in e.children.enumerated() {
                if case .element(let x) = c, x.roles.contains(.property), !seenContent {
                    left.append(.element(x.deepCopy()))
                    right.append(.element(x.deepCopy()))
                    continue
                }
                if k < idx { left.append(c); seenContent = true } else if k > idx { right.append(c); seenContent = true }
            }
            func hasContent(_ x: TElement) -> Bool {
                x.children.contains { if case .element(let y) = $0 { return !y.roles.contains(.property) }; return true }
            }
            var nodes: [TNode] = []
            if hasContent(left) { nodes.append(.element(left)) }
            nodes.append(.tag(tag))
            if hasContent(right) { nodes.append(.element(right)) }
            g.replace(at..<(at + 1), with: nodes)
            e = g
        }
    }

    /// Gathers the nodes between the block's two tags (now siblings) into a block container.
    private mutating func collapse(_ b: Block, root: TElement) {
        guard let close = b.close, let p = findParent(b.open, root),
              let o = p.index(of: b.open), let c = p.index(of: close), o < c else {
            report(.blockPlacement, b.open,
                   ru: "теги блока \(b.open.raw) и его закрывающий тег оказались на разных уровнях документа",
                   en: "the tags of block \(b.open.raw) and its closing tag ended up at different levels of the document",
                   hintRu: "Поставьте открывающий и закрывающий теги на один уровень: оба в абзацах одного раздела или оба в строках одной таблицы.",
                   hintEn: "Put the opening and closing tags at one level: both in paragraphs of one section or both in rows of one table.")
            b.close = nil
            return
        }
        let container = TElement(block: b)
        b.container = container
        for n in p.children[(o + 1)..<c] { container.append(n) }
        p.replace(o..<(c + 1), with: [.element(container)])
    }

    private func findParent(_ tag: Tag, _ root: TElement) -> TElement? {
        if let h = tag.holder, h.index(of: tag) != nil { return h }
        var found: TElement?
        func search(_ e: TElement) {
            if found != nil { return }
            if e.index(of: tag) != nil { found = e; return }
            for c in e.children { if case .element(let x) = c { search(x) } }
        }
        search(root)
        return found
    }
}
