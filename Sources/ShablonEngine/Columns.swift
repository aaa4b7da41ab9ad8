import ShablonData
import ShablonXML

/// The grid columns of one table that a column loop repeats: `start..<end` of the template's grid.
final class ColumnRange {
    let start: Int
    let end: Int
    var width: Int { end - start }
    init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}

/// A container of grid markup (DOCX `w:gridCol`, ODF `table:table-column`, ODF covered cells) written
/// once per repeated column, once per column the repetition adds beyond the template's, or once if
/// there is any column at all.
final class ColumnRepeat {
    enum Mode {
        /// The grid's columns: once per repeated column.
        case perColumn
        /// ODF covered cells of a spanning cell: once per added column.
        case extraColumns
        /// A cell spanning exactly the repeated columns: gone with them when the list is empty.
        case ifAnyColumn
    }
    let range: ColumnRange
    let mode: Mode
    init(range: ColumnRange, mode: Mode) {
        self.range = range
        self.mode = mode
    }

    /// How many times the content is written when the range has `n` columns.
    func times(_ n: Int) -> Int {
        switch mode {
        case .perColumn: return n
        case .extraColumns: return max(0, (n - 1) * range.width)
        case .ifAnyColumn: return n > 0 ? 1 : 0
        }
    }
}

/// ODF: a repeated column's style, whose width the render divides among the repetitions.
final class ColumnStyle {
    let name: String
    let range: ColumnRange
    /// The `style:` prefix the part uses.
    let prefix: String
    /// The absolute width (`2.5cm` → 2.5, "cm") and the relative width (`1234*`), when the style has them.
    let width: (Double, String)?
    let relative: Double?
    init(name: String, range: ColumnRange, prefix: String, width: (Double, String)?, relative: Double?) {
        self.name = name
        self.range = range
        self.prefix = prefix
        self.width = width
        self.relative = relative
    }

    /// The name of the style for `count` repetitions.
    func name(count: Int) -> String { "\(name).shablon\(count)" }
}

/// An attribute value the render writes.
enum DynamicValue {
    /// The template's value divided by the number of columns of the range (widths).
    case share(Double, suffix: String, ColumnRange)
    /// A cell spanning the whole range: its span grows by the added columns.
    case span(Int, ColumnRange)
    /// ODF: the style of a repeated column.
    case columnStyle(ColumnStyle)
    /// DOCX: a list's numbering id, renumbered in each repetition of the block.
    case numbering(String, Block)

    /// The repeated columns whose count the value depends on (none for numbering ids).
    var range: ColumnRange? {
        switch self {
        case .share(_, _, let r), .span(_, let r): return r
        case .columnStyle(let s): return s.range
        case .numbering: return nil
        }
    }
}

/// Prepares column loops and numbering restarts after the blocks are arranged: finds the grid columns
/// each column loop covers, and marks what the render must write per column (grid, widths, spans).
struct ColumnPlanner {
    let dialect: Dialect
    let part: String
    /// Where each paragraph stands (for messages about cells).
    let paragraphs: [ObjectIdentifier: ParagraphInfo]
    var problems: [Problem] = []

    init(dialect: Dialect, part: String, paragraphs: [ObjectIdentifier: ParagraphInfo]) {
        self.dialect = dialect
        self.part = part
        self.paragraphs = paragraphs
    }

    /// Where a cell stands: the place of its first paragraph.
    private func location(of cell: TElement) -> ProblemLocation? {
        var found: ProblemLocation?
        func walk(_ e: TElement) {
            for x in e.elements where found == nil {
                if x.isParagraph, let info = paragraphs[ObjectIdentifier(x)] { found = info.location; return }
                walk(x)
            }
        }
        walk(cell)
        return found
    }

    private mutating func report(_ code: Problem.Code, _ tag: Tag, ru: String, en: String, hintRu: String, hintEn: String,
                                 severity: Problem.Severity = .error) {
        problems.append(Problem(severity, code: code, part: part, location: tag.location, tag: tag.raw,
                                message: LocalizedText(ru: ru, en: en), hint: LocalizedText(ru: hintRu, en: hintEn)))
    }

    mutating func run(_ blocks: [Block], root: TElement) {
        for b in blocks where b.expression.options.contains(.restartNumbering) {
            if let c = b.container { markNumbering(c, block: b) }
        }
        var tables: [ObjectIdentifier: (TElement, [Block])] = [:]
        var order: [ObjectIdentifier] = []
        for b in blocks where b.placement == .columns {
            guard let c = b.container, let row = c.parent, row.roles.contains(.row), let table = ancestor(row, .table) else {
                report(.blockPlacement, b.open,
                       ru: "цикл по столбцам \(b.open.raw) должен стоять прямо в строке таблицы (не внутри другого цикла по столбцам)",
                       en: "the column loop \(b.open.raw) must stand directly in a table row (not inside another column loop)",
                       hintRu: "Уберите вложенный цикл по столбцам или вынесите его в отдельную строку.",
                       hintEn: "Remove the nested column loop or move it into a row of its own.")
                continue
            }
            let id = ObjectIdentifier(table)
            if tables[id] == nil { order.append(id); tables[id] = (table, []) }
            tables[id]!.1.append(b)
        }
        var needsStyles = false
        for id in order {
            let (table, blocks) = tables[id]!
            if plan(table, blocks, root: root) { needsStyles = true }
        }
        if needsStyles { markStylesSlot(root) }
    }

    // MARK: - Numbering

    /// DOCX: every `w:numPr/w:numId` inside the block gets a new id per repetition. ODF: the block's lists
    /// no longer continue a list before them (each repetition's lists start again).
    private func markNumbering(_ container: TElement, block: Block) {
        func walk(_ e: TElement, inList: Bool) {
            for x in e.elements {
                if x.key == "w:numId", e.key == "w:numPr", let v = x.attribute(local: "val"), v != "0" {
                    let name = x.attributes.first { $0.name.hasSuffix("val") }!.name
                    x.dynamic.removeAll { $0.name == name }
                    x.dynamic.append((name, .numbering(v, block)))
                }
                let isList = x.key == dialect.list
                if isList && !inList {
                    x.attributes.removeAll { $0.name.hasSuffix(":continue-numbering") || $0.name.hasSuffix(":continue-list") || $0.name == "xml:id" }
                }
                walk(x, inList: inList || isList)
            }
        }
        walk(container, inList: false)
    }

    // MARK: - Columns

    private func ancestor(_ e: TElement, _ role: ElementRoles) -> TElement? {
        var p = e.parent
        while let x = p {
            if x.roles.contains(role) { return x }
            p = x.parent
        }
        return nil
    }

    /// The rows of a table, through block containers, not those of tables inside cells.
    private func rows(_ table: TElement) -> [TElement] {
        var out: [TElement] = []
        func walk(_ e: TElement) {
            for x in e.elements {
                if x.roles.contains(.row) { out.append(x) }
                else if !x.roles.contains(.table) && !x.roles.contains(.cell) { walk(x) }
            }
        }
        walk(table)
        return out
    }

    private func span(_ cell: TElement) -> Int {
        if dialect.tableGrid == .columnElements {
            // A cell written once for several identical ones (`number-columns-repeated`) fills them all.
            let repeated = max(1, min(1000, Int(cell.attribute(local: "number-columns-repeated") ?? "") ?? 1))
            return max(1, min(1000, Int(cell.attribute(local: "number-columns-spanned") ?? "") ?? 1)) * repeated
        }
        let tcPr = cell.elements.first { $0.key == "w:tcPr" }
        let gs = tcPr?.elements.first { $0.key == "w:gridSpan" }
        return max(1, Int(gs?.attribute(local: "val") ?? "") ?? 1)
    }

    private enum Item {
        case cell(TElement, start: Int, span: Int)
        case loop(Block, start: Int, width: Int)
    }

    /// The cells and column loops of a row with the grid column each starts at.
    private func items(_ row: TElement) -> [Item] {
        var pos = 0
        if dialect.tableGrid == .gridColumns,
           let before = row.elements.first(where: { $0.key == "w:trPr" })?.elements.first(where: { $0.key == "w:gridBefore" }) {
            pos = Int(before.attribute(local: "val") ?? "") ?? 0
        }
        var out: [Item] = []
        // ODF: the covered cells that follow a horizontally spanning cell stand inside its span; covered
        // cells of a vertical merge take grid columns of their own.
        var coveredBySpan = 0
        for x in row.elements {
            if x.roles.contains(.cell) {
                if x.key == dialect.coveredCell && coveredBySpan > 0 {
                    coveredBySpan -= max(1, Int(x.attribute(local: "number-columns-repeated") ?? "") ?? 1)
                    continue
                }
                let s = span(x)
                out.append(.cell(x, start: pos, span: s))
                pos += s
                coveredBySpan = dialect.coveredCell != nil ? s - 1 : 0
            } else if let b = x.block, b.placement == .columns {
                let w = x.elements.filter { $0.roles.contains(.cell) }.reduce(0) { $0 + span($1) }
                out.append(.loop(b, start: pos, width: w))
                pos += w
            }
        }
        return out
    }

    /// Plans one table; returns true when ODF column styles are needed.
    private mutating func plan(_ table: TElement, _ loops: [Block], root: TElement) -> Bool {
        var ranges: [ColumnRange] = []
        let allRows = rows(table)
        // The range each loop covers.
        for row in allRows {
            for case .loop(let b, let start, let width) in items(row) {
                guard width > 0 else { continue }
                if let r = ranges.first(where: { $0.start == start && $0.end == start + width }) {
                    b.columnRange = r
                } else if let other = ranges.first(where: { $0.start < start + width && start < $0.end }) {
                    report(.blockPlacement, b.open,
                           ru: "цикл по столбцам \(b.open.raw) захватывает столбцы \(start + 1)–\(start + width), а другой цикл этой таблицы — \(other.start + 1)–\(other.end)",
                           en: "the column loop \(b.open.raw) covers columns \(start + 1)–\(start + width), another loop of this table \(other.start + 1)–\(other.end)",
                           hintRu: "Циклы по столбцам одной таблицы должны повторять одни и те же столбцы или не пересекаться.",
                           hintEn: "Column loops of one table must repeat the same columns or not overlap.")
                } else {
                    let r = ColumnRange(start: start, end: start + width)
                    ranges.append(r)
                    b.columnRange = r
                }
            }
        }
        guard !ranges.isEmpty else { return false }
        table.columnTable = true
        // Cells of other rows: spanning the whole range they grow; standing inside it they cannot follow.
        for row in allRows {
            for case .cell(let cell, let start, let span) in items(row) {
                for r in ranges where start < r.end && r.start < start + span {
                    if start <= r.start && start + span >= r.end {
                        markSpan(cell, span: span, range: r)
                    } else if let tag = loops.first(where: { $0.columnRange === r })?.open {
                        problems.append(Problem(.warning, code: .columnCell, part: part, location: location(of: cell) ?? tag.location,
                                                message: LocalizedText(
                                                    ru: "ячейка столбца \(start + 1) стоит под повторяемыми столбцами цикла \(tag.raw), но её строка их не повторяет",
                                                    en: "the cell of column \(start + 1) stands under the columns the loop \(tag.raw) repeats, but its row does not repeat them"),
                                                hint: LocalizedText(
                                                    ru: "Поставьте в эту строку такой же цикл по столбцам или объедините её ячейки над повторяемыми столбцами.",
                                                    en: "Give this row the same column loop, or merge its cells over the repeated columns.")))
                    }
                }
            }
            for case .loop(let b, _, _) in items(row) {
                guard let c = b.container else { continue }
                for cell in c.elements where cell.roles.contains(.cell) { markCellWidth(cell, b.columnRange) }
            }
        }
        return markGrid(table, ranges, root: root)
    }

    private func markCellWidth(_ cell: TElement, _ range: ColumnRange?) {
        guard let range, dialect.tableGrid == .gridColumns,
              let tcW = cell.elements.first(where: { $0.key == "w:tcPr" })?.elements.first(where: { $0.key == "w:tcW" }),
              let a = tcW.attributes.first(where: { $0.name == "w" || $0.name.hasSuffix(":w") }) else { return }
        let type = tcW.attribute(local: "type") ?? "dxa"
        guard type == "dxa" || type == "pct" else { return }
        if a.value.hasSuffix("%"), let v = Double(a.value.dropLast()) {
            tcW.dynamic.append((a.name, .share(v, suffix: "%", range)))
        } else if let v = Double(a.value) {
            tcW.dynamic.append((a.name, .share(v, suffix: "", range)))
        }
    }

    private func markSpan(_ cell: TElement, span: Int, range: ColumnRange) {
        let p = cell.prefix.isEmpty ? "" : cell.prefix + ":"
        switch dialect.tableGrid {
        case .gridColumns:
            var tcPr = cell.elements.first { $0.key == "w:tcPr" }
            if tcPr == nil {
                let e = TElement(name: p + "tcPr", key: "w:tcPr", attributes: [])
                e.roles = dialect.roles(of: "w:tcPr")
                cell.replace(0..<0, with: [.element(e)])
                tcPr = e
            }
            guard let tcPr else { return }
            if let gs = tcPr.elements.first(where: { $0.key == "w:gridSpan" }) {
                gs.attributes.removeAll { $0.name.hasSuffix("val") }
                gs.dynamic.append((p + "val", .span(span, range)))
            } else {
                // After w:cnfStyle and w:tcW, which come first in w:tcPr.
                let gs = TElement(name: p + "gridSpan", key: "w:gridSpan", attributes: [])
                gs.dynamic.append((p + "val", .span(span, range)))
                var at = 0
                for (i, c) in tcPr.children.enumerated() {
                    if case .element(let x) = c, x.key == "w:cnfStyle" || x.key == "w:tcW" { at = i + 1 }
                }
                tcPr.replace(at..<at, with: [.element(gs)])
            }
        case .columnElements:
            cell.attributes.removeAll { $0.name.hasSuffix(":number-columns-spanned") }
            cell.dynamic.append((p + "number-columns-spanned", .span(span, range)))
            // The covered cells that follow a spanning cell: one more per added column.
            guard let row = cell.parent, let i = row.index(of: cell) else { return }
            let covered = TElement(name: p + "covered-table-cell", key: "table:covered-table-cell", attributes: [])
            covered.roles = dialect.roles(of: "table:covered-table-cell")
            let rep = TElement(columnRepeat: ColumnRepeat(range: range, mode: .extraColumns))
            rep.append(.element(covered))
            row.replace((i + 1)..<(i + 1), with: [.element(rep)])
        case .none:
            break
        }
        // A cell over exactly the repeated columns (a heading above them) goes when they do, with the
        // covered cells of its span.
        guard span == range.width, let row = cell.parent, let i = row.index(of: cell) else { return }
        var end = i + 1
        var covered = span - 1
        while end < row.children.count, case .element(let x) = row.children[end] {
            if x.columnRepeat != nil { end += 1; continue }
            guard covered > 0, x.key == "table:covered-table-cell" else { break }
            covered -= 1
            end += 1
        }
        let whole = TElement(columnRepeat: ColumnRepeat(range: range, mode: .ifAnyColumn))
        for n in row.children[i..<end] { whole.append(n) }
        row.replace(i..<end, with: [.element(whole)])
    }

    /// The grid: DOCX `w:tblGrid/w:gridCol`, ODF `table:table-column`. Columns of a range are wrapped in a
    /// repeat container, their widths divided. Returns true when ODF column styles are needed.
    private mutating func markGrid(_ table: TElement, _ ranges: [ColumnRange], root: TElement) -> Bool {
        var columns: [TElement] = []
        switch dialect.tableGrid {
        case .gridColumns:
            guard let grid = table.elements.first(where: { $0.key == "w:tblGrid" }) else { return false }
            columns = grid.elements.filter { $0.name.hasSuffix("gridCol") }
            for (i, c) in columns.enumerated() {
                if let a = c.attributes.first(where: { $0.name == "w" || $0.name.hasSuffix(":w") }), let v = Double(a.value),
                   let r = ranges.first(where: { $0.start <= i && i < $0.end }) {
                    c.dynamic.append((a.name, .share(v, suffix: "", r)))
                }
            }
        case .columnElements:
            columns = expandColumns(table)
            let styles = automaticStyles(root)
            for (i, c) in columns.enumerated() {
                guard let r = ranges.first(where: { $0.start <= i && i < $0.end }),
                      let a = c.attributes.first(where: { $0.name.hasSuffix(":style-name") }) else { continue }
                let found = styles?.elements.first { $0.attribute(local: "name") == a.value && $0.attribute(local: "family") == "table-column" }
                let props = found?.elements.first { $0.name.hasSuffix("table-column-properties") }
                let prefix = found.map { $0.prefix.isEmpty ? "" : $0.prefix + ":" } ?? "style:"
                c.dynamic.append((a.name, .columnStyle(ColumnStyle(
                    name: a.value, range: r, prefix: prefix, width: props?.attribute(local: "column-width").flatMap(Self.length),
                    relative: props?.attribute(local: "rel-column-width").flatMap { Double($0.replacingOccurrences(of: "*", with: "")) }))))
                c.attributes.removeAll { $0.name == a.name }
            }
        case .none:
            return false
        }
        for r in ranges {
            guard r.end <= columns.count else { continue }
            let group = Array(columns[r.start..<r.end])
            guard let parent = group.first?.parent, group.allSatisfy({ $0.parent === parent }),
                  let first = parent.index(of: group[0]), let last = parent.index(of: group[group.count - 1]),
                  last - first + 1 == parent.children[first...last].filter({ if case .element = $0 { return true }; return false }).count
            else { continue }
            let rep = TElement(columnRepeat: ColumnRepeat(range: r, mode: .perColumn))
            for n in parent.children[first...last] { rep.append(n) }
            parent.replace(first..<(last + 1), with: [.element(rep)])
        }
        return dialect.tableGrid == .columnElements
    }

    /// ODF: the table's column elements, one per grid column (`number-columns-repeated` written out).
    private func expandColumns(_ table: TElement) -> [TElement] {
        var out: [TElement] = []
        func walk(_ e: TElement) {
            var i = 0
            while i < e.children.count {
                guard case .element(let x) = e.children[i] else { i += 1; continue }
                if x.name.hasSuffix(":table-column") {
                    let n = min(1000, max(1, Int(x.attribute(local: "number-columns-repeated") ?? "") ?? 1))
                    x.attributes.removeAll { $0.name.hasSuffix(":number-columns-repeated") }
                    var copies: [TNode] = [.element(x)]
                    out.append(x)
                    for _ in 0..<(n - 1) {
                        let c = x.shallowCopy()
                        copies.append(.element(c))
                        out.append(c)
                    }
                    e.replace(i..<(i + 1), with: copies)
                    i += copies.count
                } else {
                    if x.name.hasSuffix(":table-columns") || x.name.hasSuffix(":table-header-columns") || x.name.hasSuffix(":table-column-group") {
                        walk(x)
                    }
                    i += 1
                }
            }
        }
        walk(table)
        return out
    }

    private func automaticStyles(_ root: TElement) -> TElement? {
        root.elements.first { $0.name.hasSuffix(":automatic-styles") }
    }

    /// ODF: the automatic styles get a slot where the render writes the divided column styles.
    private func markStylesSlot(_ root: TElement) {
        if let s = automaticStyles(root) {
            s.stylesSlot = true
            return
        }
        let p = root.prefix.isEmpty ? "" : root.prefix + ":"
        let styles = TElement(name: p + "automatic-styles", key: "office:automatic-styles", attributes: [])
        styles.stylesSlot = true
        let at = root.children.firstIndex { if case .element(let e) = $0 { return e.name.hasSuffix(":body") }; return false } ?? 0
        root.replace(at..<at, with: [.element(styles)])
    }

    /// `2.5cm` → (2.5, "cm").
    static func length(_ s: String) -> (Double, String)? {
        let digits = s.prefix { $0.isNumber || $0 == "." || $0 == "-" }
        guard let v = Double(digits), v > 0 else { return nil }
        return (v, String(s.dropFirst(digits.count)))
    }
}
