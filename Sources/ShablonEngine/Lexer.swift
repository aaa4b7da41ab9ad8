import ShablonData

/// What the lexer learned about one paragraph.
struct ParagraphInfo {
    var number: Int
    var location: ProblemLocation
    var tags: [Tag] = []
    /// True when the paragraph has no text but its tags.
    var blankBesidesTags = true
    /// True when the paragraph holds a picture, an object or section settings: it never vanishes.
    var hasDrawing = false
}

/// Finds tags in the concatenated text of each paragraph, whatever runs, spans, bookmarks or spelling
/// marks lie between their characters, and cuts each tag out into a node of its own. Splitting a tag
/// across runs is offset arithmetic over the paragraph's text, not XML surgery by pattern.
struct Lexer {
    let dialect: Dialect
    let part: String
    var problems: [Problem] = []
    var tags: [Tag] = []
    var paragraphs: [ObjectIdentifier: ParagraphInfo] = [:]

    private var paragraphCount = 0
    private var tableCount = 0
    /// (table number, row, cell) for each open table.
    private var tableStack: [(table: Int, row: Int, cell: Int)] = []

    init(dialect: Dialect, part: String) {
        self.dialect = dialect
        self.part = part
    }

    /// A piece of a paragraph's text: a text node, or an element standing for characters.
    private struct Chunk {
        unowned(unsafe) var parent: TElement
        var index: Int
        var start: Int
        var length: Int
        var isAtom: Bool
    }

    private final class Segment {
        let paragraph: TElement
        var chunks: [Chunk] = []
        var bytes: [UInt8] = []
        var hasDrawing = false
        init(_ p: TElement) { paragraph = p }
    }

    mutating func run(_ root: TElement) {
        visit(root, segment: nil)
    }

    private mutating func visit(_ e: TElement, segment: Segment?) {
        let roles = e.roles
        if roles.contains(.opaque) || roles.contains(.property) {
            if let segment, roles.contains(.drawing) { segment.hasDrawing = true }
            return
        }
        if let segment, roles.contains(.drawing) { segment.hasDrawing = true }
        let isParagraph = roles.contains(.paragraph)
            || (dialect.textNodesAreParagraphs && e.children.contains { if case .text = $0 { return true }; return false })
        if roles.contains(.table) {
            tableCount += 1
            tableStack.append((tableCount, 0, 0))
        } else if roles.contains(.row), !tableStack.isEmpty {
            tableStack[tableStack.count - 1].row += 1
            tableStack[tableStack.count - 1].cell = 0
        } else if roles.contains(.cell), !tableStack.isEmpty {
            tableStack[tableStack.count - 1].cell += 1
        }
        defer { if roles.contains(.table) { tableStack.removeLast() } }

        let seg = isParagraph ? Segment(e) : segment
        if isParagraph { paragraphCount += 1 }
        let number = paragraphCount
        let collectsText = seg != nil && (dialect.textElement == nil || roles.contains(.text))
        for (i, c) in e.children.enumerated() {
            switch c {
            case .text(let t) where collectsText:
                if let seg {
                    let start = seg.bytes.count
                    seg.bytes.append(contentsOf: t.utf8)
                    seg.chunks.append(Chunk(parent: e, index: i, start: start, length: seg.bytes.count - start, isAtom: false))
                }
            case .element(let child):
                if let seg, child.roles.contains(.atom), let ch = dialect.atoms[child.key], !isInsideProperties(child) {
                    var count = 1
                    if child.key == "text:s", let c = child.attributes.first(where: { $0.name.hasSuffix(":c") }), let n = Int(c.value) {
                        count = max(1, min(n, 1000))
                    }
                    let start = seg.bytes.count
                    for _ in 0..<count { seg.bytes.append(contentsOf: String(ch).utf8) }
                    seg.chunks.append(Chunk(parent: e, index: i, start: start, length: seg.bytes.count - start, isAtom: true))
                } else {
                    visit(child, segment: seg)
                }
            default:
                break
            }
        }
        if isParagraph, let seg { finish(seg, number: number) }
    }

    private func isInsideProperties(_ e: TElement) -> Bool {
        var p = e.parent
        while let x = p {
            if x.roles.contains(.property) { return true }
            if x.roles.contains(.paragraph) { return false }
            p = x.parent
        }
        return false
    }

    /// The paragraph's text for messages: tabs and line breaks as single spaces, trimmed, at most 40
    /// characters (counted as Unicode scalars) and «…».
    static func excerpt(_ bytes: [UInt8]) -> String {
        var scalars: [Unicode.Scalar] = []
        var pendingSeparator = false
        for u in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if u == "\n" || u == "\t" {
                pendingSeparator = !scalars.isEmpty
                continue
            }
            if scalars.isEmpty && TagParser.isSpace(u) { continue }
            if pendingSeparator {
                scalars.append(" ")
                pendingSeparator = false
            }
            scalars.append(u)
            if scalars.count > 60 { break }
        }
        while let last = scalars.last, TagParser.isSpace(last) { scalars.removeLast() }
        if scalars.count > 40 { return TagParser.string(scalars[0..<40]) + "…" }
        return TagParser.string(scalars[...])
    }

    private mutating func finish(_ seg: Segment, number: Int) {
        let b = seg.bytes
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        // Only a paragraph with braces can hold tags (or stray braces): only its place is ever named.
        let hasBraces = b.contains(open) || b.contains(close)
        let excerpt = hasBraces ? Lexer.excerpt(b) : ""
        let location: ProblemLocation
        if let t = tableStack.last, t.row > 0, t.cell > 0 {
            location = .cell(table: t.table, row: t.row, cell: t.cell, excerpt: excerpt)
        } else {
            location = .paragraph(number: number, excerpt: excerpt)
        }
        var info = ParagraphInfo(number: number, location: location)
        info.hasDrawing = seg.hasDrawing
        guard hasBraces else {
            // Most paragraphs have a visible ASCII character; only the rest need decoding.
            info.blankBesidesTags = !b.contains { $0 > 0x20 && $0 < 0x7F }
                && String(decoding: b, as: UTF8.self).allSatisfy { TagParser.isSpace($0) || $0 == "\r" }
            paragraphs[ObjectIdentifier(seg.paragraph)] = info
            return
        }
        // Find the tags: `{{` … first `}}`.
        var found: [(start: Int, end: Int)] = []
        var i = 0
        var blank = true
        var lastEnd = 0
        func noteText(_ from: Int, _ to: Int) {
            if from < to, !String(decoding: b[from..<to], as: UTF8.self).allSatisfy({ TagParser.isSpace($0) || $0 == "\r" }) {
                blank = false
            }
        }
        while i + 1 < b.count {
            if b[i] == open && b[i + 1] == open {
                var j = i + 2
                while j + 1 < b.count && !(b[j] == close && b[j + 1] == close) { j += 1 }
                if j + 1 >= b.count {
                    problems.append(Problem(code: .unclosedTag, part: part, location: location,
                                            tag: String(decoding: b[i..<min(b.count, i + 40)], as: UTF8.self),
                                            message: LocalizedText(ru: "тег открыт «{{», но не закрыт «}}» в этом абзаце",
                                                                   en: "a tag is opened with '{{' but not closed with '}}' in this paragraph"),
                                            hint: LocalizedText(ru: "Допишите «}}» в конце тега; тег не может переходить в следующий абзац.",
                                                                en: "Add '}}' at the end of the tag; a tag cannot continue into the next paragraph.")))
                    noteText(lastEnd, i)
                    lastEnd = b.count
                    break
                }
                noteText(lastEnd, i)
                found.append((i, j + 2))
                i = j + 2
                lastEnd = i
            } else if b[i] == close && b[i + 1] == close {
                problems.append(Problem(code: .unopenedTag, part: part, location: location, tag: "}}",
                                        message: LocalizedText(ru: "«}}» без открывающих «{{»", en: "'}}' without an opening '{{'"),
                                        hint: LocalizedText(ru: "Допишите «{{» в начале тега или удалите лишние скобки.",
                                                            en: "Add '{{' at the start of the tag or remove the stray braces.")))
                i += 2
            } else {
                i += 1
            }
        }
        noteText(lastEnd, b.count)
        info.blankBesidesTags = blank

        var made: [Tag] = []
        for (start, end) in found {
            let raw = String(decoding: b[start..<end], as: UTF8.self)
            let inner = String(decoding: b[(start + 2)..<(end - 2)], as: UTF8.self)
            let tag: Tag
            switch TagParser.parse(inner) {
            case .success(let kind):
                tag = Tag(raw: raw, kind: kind, location: location, part: part)
            case .failure(let f):
                // A block opening that cannot be read still opens its block, so that its closing tag
                // is not reported a second time.
                var kind = Tag.Kind.invalid
                let word = inner.trimmingCharacters().dropFirst().prefix { $0.isLetter }
                if inner.trimmingCharacters().hasPrefix("#"), let k = BlockKind(rawValue: String(word)) {
                    kind = .open(k, Expression(path: Path(head: .this, steps: []), filters: []))
                }
                tag = Tag(raw: raw, kind: kind, location: location, part: part)
                problems.append(Problem(code: f.code, part: part, location: location, tag: raw, message: f.message, hint: f.hint))
            }
            tag.paragraph = seg.paragraph
            tag.prefix = seg.paragraph.prefix
            made.append(tag)
        }
        cut(made, at: found, in: seg)
        info.tags = made
        tags.append(contentsOf: made)
        paragraphs[ObjectIdentifier(seg.paragraph)] = info
    }

    /// Cuts every tag of a paragraph out in one pass over its chunks: each tag's characters leave the
    /// chunks it covers and one tag node stands where it starts. Each parent's children are rebuilt
    /// once, so a paragraph costs time in proportion to its size, however many tags it holds.
    /// `spans` are the tags' byte ranges in the paragraph's text, in order and not overlapping.
    private func cut(_ tags: [Tag], at spans: [(start: Int, end: Int)], in seg: Segment) {
        // The new nodes of each chunk a tag covers, by parent, in document order.
        var edits: [ObjectIdentifier: [(index: Int, nodes: [TNode])]] = [:]
        var parents: [TElement] = []
        var firstOf: Set<ObjectIdentifier> = []
        var t = 0
        for c in seg.chunks where c.length > 0 {
            let chunkEnd = c.start + c.length
            while t < spans.count && spans[t].end <= c.start { t += 1 }
            guard t < spans.count, spans[t].start < chunkEnd else { continue }
            let parent = c.parent
            var nodes: [TNode] = []
            if c.isAtom {
                // An atom stands for characters a tag never starts with; a tag covering it takes it away.
                if spans[t].start >= c.start { nodes.append(.tag(tags[t])) }
            } else {
                guard case .text(let current) = parent.children[c.index] else { continue }
                let u = Array(current.utf8)
                var done = 0
                var k = t
                while k < spans.count && spans[k].start < chunkEnd {
                    let from = max(0, spans[k].start - c.start), to = min(u.count, spans[k].end - c.start)
                    if from > done { nodes.append(.text(String(decoding: u[done..<from], as: UTF8.self))) }
                    if spans[k].start >= c.start {
                        // The tag starts here: its node takes this place.
                        nodes.append(.tag(tags[k]))
                        if parent.roles.contains(.text) {
                            tags[k].textElementName = parent.name
                            tags[k].prefix = parent.prefix
                            firstOf.insert(ObjectIdentifier(parent))
                        }
                    }
                    done = max(done, to)
                    k += 1
                }
                if done < u.count { nodes.append(.text(String(decoding: u[done...], as: UTF8.self))) }
            }
            let id = ObjectIdentifier(parent)
            if edits[id] == nil { parents.append(parent) }
            edits[id, default: []].append((c.index, nodes))
        }
        for parent in parents {
            let list = edits[ObjectIdentifier(parent)]!
            var children: [TNode] = []
            children.reserveCapacity(parent.children.count + list.count * 2)
            var e = 0
            for (i, node) in parent.children.enumerated() {
                if e < list.count && list[e].index == i {
                    children.append(contentsOf: list[e].nodes)
                    e += 1
                } else {
                    children.append(node)
                }
            }
            parent.children = children
            for case .tag(let t) in children { t.holder = parent }
            if parent.roles.contains(.text) {
                preserveSpaces(parent, holdsTag: firstOf.contains(ObjectIdentifier(parent)))
            }
        }
    }

    /// A text element (DOCX `w:t`) a tag was cut from. Word and LibreOffice drop the spaces at the ends
    /// of a text element unless it says `xml:space="preserve"`: the element a tag stands in always says
    /// so (its value may begin or end with spaces), and any other one once the cut leaves spaces at its
    /// ends (`}} года` → ` года`). An element whose ends are not spaces is left as it was.
    private func preserveSpaces(_ e: TElement, holdsTag: Bool) {
        if !holdsTag {
            if e.attributes.contains(where: { $0.name == "xml:space" && $0.value == "preserve" }) { return }
            func isSpace(_ b: UInt8?) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
            var first: UInt8?, last: UInt8?
            if case .text(let s)? = e.children.first { first = s.utf8.first }
            if case .text(let s)? = e.children.last { last = s.utf8.last }
            guard isSpace(first) || isSpace(last) else { return }
        }
        e.attributes.removeAll { $0.name == "xml:space" }
        e.attributes.append(.init("xml:space", "preserve"))
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, TagParser.isSpace(f) { s = s.dropFirst() }
        while let l = s.last, TagParser.isSpace(l) { s = s.dropLast() }
        return String(s)
    }
}
