import Foundation
import Shablon
import ShablonData
import ShablonXML
import ShablonZip

/// A typed document as the plan importer sees it: the body's paragraphs and tables in order, each
/// paragraph with its text (line breaks as `\n`, tabs as `\t`, non-breaking spaces as spaces), its
/// alignment, boldness, list numbering and indent — whatever the suite that wrote it (Word,
/// LibreOffice, МойОфис, Р7-Офис) stored it as. Revision marks are read as accepted (inserted text
/// kept, deleted text dropped); spell-check marks, bookmarks and split runs leave no trace.
public struct ImportDocument: Sendable, Equatable {
    /// Paragraph alignment.
    public enum Alignment: String, Sendable, Equatable {
        case start, center, end, justify
    }

    /// Automatic list numbering (Word numbering, an ODF list) of a paragraph.
    public struct Numbering: Sendable, Equatable {
        /// How the number looks.
        public enum Format: Sendable, Equatable {
            /// A bullet character as typed in the list's definition.
            case bullet(String)
            /// 1. 2. 3. (or with another suffix: «1)»).
            case decimal(suffix: String)
            /// а) б) в), a) b) c).
            case letter(suffix: String)
            /// Any other numbering (Roman …), with its suffix.
            case other(suffix: String)
        }

        public var format: Format
        /// 0 for the top level.
        public var level: Int

        public init(format: Format, level: Int) {
            self.format = format
            self.level = level
        }
    }

    /// A paragraph.
    public struct Paragraph: Sendable, Equatable {
        public var text: String
        public var alignment: Alignment
        /// Every letter of the paragraph is bold.
        public var bold: Bool
        /// The bold text the paragraph starts with («Цель:» in «**Цель:** создание условий …»).
        public var boldPrefix: String
        public var numbering: Numbering?
        /// The left indent in points.
        public var indent: Double
        /// The 1-based number of the paragraph in the main part (cells included), for messages.
        public var number: Int

        public init(text: String, alignment: Alignment = .start, bold: Bool = false, boldPrefix: String = "",
                    numbering: Numbering? = nil, indent: Double = 0, number: Int = 0) {
            self.text = text
            self.alignment = alignment
            self.bold = bold
            self.boldPrefix = boldPrefix
            self.numbering = numbering
            self.indent = indent
            self.number = number
        }
    }

    /// A table cell.
    public struct Cell: Sendable, Equatable {
        public var paragraphs: [Paragraph]
        /// How many grid columns the cell spans.
        public var span: Int
        /// The cell continues a vertical merge from the row above (it shows nothing of its own).
        public var continuesMerge: Bool

        public init(paragraphs: [Paragraph], span: Int = 1, continuesMerge: Bool = false) {
            self.paragraphs = paragraphs
            self.span = span
            self.continuesMerge = continuesMerge
        }

        /// The cell's text, paragraphs joined by line breaks, empty lines at the ends dropped.
        public var text: String {
            var lines = paragraphs.map(\.text).joined(separator: "\n").split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            while lines.first?.isEmpty == true { lines.removeFirst() }
            while lines.last?.isEmpty == true { lines.removeLast() }
            return lines.joined(separator: "\n")
        }
    }

    /// A table row.
    public struct Row: Sendable, Equatable {
        public var cells: [Cell]
        /// Marked as a header row (repeated on each page).
        public var header: Bool

        public init(cells: [Cell], header: Bool = false) {
            self.cells = cells
            self.header = header
        }
    }

    /// A table.
    public struct Table: Sendable, Equatable {
        public var rows: [Row]
        /// The 1-based number of the table in the main part, for messages.
        public var number: Int

        public init(rows: [Row], number: Int = 0) {
            self.rows = rows
            self.number = number
        }
    }

    /// A paragraph or a table of the body.
    public enum Block: Sendable, Equatable {
        case paragraph(Paragraph)
        case table(Table)
    }

    public var kind: DocumentKind
    /// The main part's name, for messages.
    public var part: String
    public var blocks: [Block]

    public init(kind: DocumentKind, part: String, blocks: [Block]) {
        self.kind = kind
        self.part = part
        self.blocks = blocks
    }

    /// Reads a DOCX or ODT package through `DocumentPackage` — the same limits and refusals as a
    /// template gets (not a zip, unsafe names, zip bombs, DOCTYPE, malformed XML). Every text part a
    /// template would read is parsed, so a hostile header is refused here too.
    public static func read(_ bytes: [UInt8], limits: ZipLimits = ZipLimits(), partLimits: XMLLimits = XMLLimits()) throws(Problems) -> ImportDocument {
        let package = try DocumentPackage(bytes: bytes, limits: limits, partLimits: partLimits)
        var problems = package.problems
        var parsed: [String: XMLDocument] = [:]
        for (name, _) in package.parts where package.archive.contains(name) {
            do { parsed[name] = try package.parse(name) } catch { problems += error.items }
        }
        func optional(_ name: String) throws(Problems) -> XMLDocument? {
            guard package.archive.contains(name) else { return nil }
            return try package.parse(name)
        }
        if !problems.isEmpty { throw Problems(problems) }
        guard let main = parsed[package.main] else { throw Problems([]) }
        switch package.kind {
        case .docx:
            let folder = package.main.contains("/") ? String(package.main[..<package.main.lastIndex(of: "/")!]) + "/" : ""
            var reader = WordReader(styles: try optional(folder + "styles.xml"), numbering: try optional(folder + "numbering.xml"))
            return ImportDocument(kind: .docx, part: package.main, blocks: reader.body(main.root))
        case .odt:
            var reader = ODFReader(content: main, styles: parsed["styles.xml"])
            return ImportDocument(kind: .odt, part: package.main, blocks: reader.body(main.root))
        }
    }
}

/// The local part of a qualified name: `w:p` → `p`.
func localName(_ name: String) -> Substring {
    guard let i = name.lastIndex(of: ":") else { return Substring(name) }
    return name[name.index(after: i)...]
}

extension XMLElement {
    /// The value of the attribute with this local name, whatever its prefix.
    func attribute(local: String) -> String? {
        attributes.first { localName($0.name) == local }?.value
    }

    /// The first child element with this local name.
    func child(_ local: String) -> XMLElement? {
        for c in children { if case .element(let e) = c, localName(e.name) == local { return e } }
        return nil
    }

    var childElements: [XMLElement] { children.compactMap(\.element) }
}

/// What the importer needs of a paragraph or character style (Word or ODF).
struct ImportStyle {
    /// `basedOn` (Word), `parent-style-name` (ODF).
    var parent: String?
    var alignment: ImportDocument.Alignment?
    var bold: Bool?
    var indent: Double?
    /// Word: the style's numbering.
    var numID: String?
    var level: Int?
    /// ODF: the style's list style.
    var listStyle: String?
}

/// A style property looked up through the style's parents (at most 16, so a loop ends).
func inheritedProperty<S, T>(_ name: String?, _ styles: [String: S], parent: KeyPath<S, String?>, _ get: (S) -> T?) -> T? {
    var name = name
    var seen = 0
    while let n = name, let s = styles[n], seen < 16 {
        if let v = get(s) { return v }
        name = s[keyPath: parent]
        seen += 1
    }
    return nil
}

/// Text gathered from runs: each piece bold or not.
struct RunText {
    var pieces: [(String, Bool)] = []

    mutating func add(_ s: String, bold: Bool) {
        guard !s.isEmpty else { return }
        if let last = pieces.last, last.1 == bold { pieces[pieces.count - 1].0 += s } else { pieces.append((s, bold)) }
    }

    var text: String { pieces.map(\.0).joined() }

    /// Every letter or digit is bold.
    var allBold: Bool {
        pieces.contains { $0.0.contains { $0.isLetter || $0.isNumber } }
            && !pieces.contains { !$0.1 && $0.0.contains { $0.isLetter || $0.isNumber } }
    }

    /// The leading bold text (spaces before it skipped).
    var boldPrefix: String {
        var s = ""
        for (t, b) in pieces {
            if b { s += t } else if t.allSatisfy(\.isWhitespace) && s.isEmpty { continue } else { break }
        }
        return s
    }
}

/// Normalises typed text: non-breaking and other special spaces become spaces; soft hyphens and
/// zero-width characters vanish; control characters other than tab and line break are dropped.
func cleanText(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    for u in s.unicodeScalars {
        switch u.value {
        case 0xA0, 0x2007, 0x202F, 0x2002, 0x2003, 0x2009: out.append(" ")
        case 0xAD, 0x200B, 0x200C, 0x200D, 0xFEFF, 0x2060: continue
        case 0x2011: out.append("-")
        case 0x09, 0x0A: out.append(u)
        case 0x0D, 0x85, 0x2028, 0x2029: out.append("\n")
        case 0..<0x20, 0x7F: continue
        default: out.append(u)
        }
    }
    return String(out)
}

// MARK: - WordprocessingML

/// Reads a Word body: paragraphs with their style's alignment, boldness and numbering resolved.
struct WordReader {
    typealias Style = ImportStyle

    var styles: [String: Style] = [:]
    var defaultParagraphStyle: String?
    /// numId → abstractNumId; abstractNumId → level → (format, level text).
    var nums: [String: String] = [:]
    var abstracts: [String: [Int: (String, String)]] = [:]
    var paragraphCount = 0
    var tableCount = 0

    init(styles: XMLDocument?, numbering: XMLDocument?) {
        for s in styles?.root.childElements ?? [] where localName(s.name) == "style" {
            guard let id = s.attribute(local: "styleId") else { continue }
            var st = Style()
            st.parent = s.child("basedOn")?.attribute(local: "val")
            if let p = s.child("pPr") {
                st.alignment = WordReader.alignment(p)
                if let n = p.child("numPr") {
                    st.numID = n.child("numId")?.attribute(local: "val")
                    st.level = n.child("ilvl")?.attribute(local: "val").flatMap { Int($0) }
                }
                st.indent = WordReader.indent(p)
            }
            if let r = s.child("rPr") { st.bold = WordReader.bold(r) }
            self.styles[id] = st
            if s.attribute(local: "type") == "paragraph" && ["1", "true", "on"].contains(s.attribute(local: "default") ?? "") { defaultParagraphStyle = id }
        }
        for e in numbering?.root.childElements ?? [] {
            switch localName(e.name) {
            case "abstractNum":
                guard let id = e.attribute(local: "abstractNumId") else { continue }
                var levels: [Int: (String, String)] = [:]
                for l in e.childElements where localName(l.name) == "lvl" {
                    let i = Int(l.attribute(local: "ilvl") ?? "0") ?? 0
                    levels[i] = (l.child("numFmt")?.attribute(local: "val") ?? "decimal", l.child("lvlText")?.attribute(local: "val") ?? "")
                }
                abstracts[id] = levels
            case "num":
                if let id = e.attribute(local: "numId"), let a = e.child("abstractNumId")?.attribute(local: "val") { nums[id] = a }
            default: break
            }
        }
    }

    static func alignment(_ pPr: XMLElement) -> ImportDocument.Alignment? {
        switch pPr.child("jc")?.attribute(local: "val") {
        case "center": return .center
        case "right", "end": return .end
        case "both", "distribute", "mediumKashida", "highKashida", "lowKashida", "thaiDistribute": return .justify
        case "left", "start": return .start
        default: return nil
        }
    }

    static func bold(_ rPr: XMLElement) -> Bool? {
        guard let b = rPr.child("b") else { return nil }
        return !["0", "false", "off"].contains(b.attribute(local: "val") ?? "1")
    }

    static func indent(_ pPr: XMLElement) -> Double? {
        guard let ind = pPr.child("ind"), let v = ind.attribute(local: "left") ?? ind.attribute(local: "start"), let tw = Double(v) else { return nil }
        return tw / 20
    }

    /// A style's property, looked up through `basedOn`.
    func inherited<T>(_ id: String?, _ get: (Style) -> T?) -> T? {
        inheritedProperty(id ?? defaultParagraphStyle, styles, parent: \.parent, get)
    }

    func numbering(id: String?, level: Int) -> ImportDocument.Numbering? {
        guard let id, id != "0", let a = nums[id], let levels = abstracts[a] else { return nil }
        let (fmt, text) = levels[level] ?? ("decimal", "%1.")
        let suffix = text.range(of: "%\(level + 1)").map { String(text[$0.upperBound...]) } ?? "."
        switch fmt {
        case "none": return nil
        case "bullet": return .init(format: .bullet(text), level: level)
        case "decimal", "decimalZero": return .init(format: .decimal(suffix: suffix), level: level)
        case "lowerLetter", "upperLetter", "russianLower", "russianUpper": return .init(format: .letter(suffix: suffix), level: level)
        default: return .init(format: .other(suffix: suffix), level: level)
        }
    }

    mutating func body(_ root: XMLElement) -> [ImportDocument.Block] {
        guard let body = root.child("body") else { return [] }
        var blocks: [ImportDocument.Block] = []
        container(body, &blocks)
        return blocks
    }

    /// Paragraphs and tables of a container (the body, a content control, a cell).
    mutating func container(_ e: XMLElement, _ blocks: inout [ImportDocument.Block]) {
        for c in e.childElements {
            switch localName(c.name) {
            case "p": blocks.append(.paragraph(paragraph(c)))
            case "tbl": blocks.append(.table(table(c)))
            case "sdt": if let content = c.child("sdtContent") { container(content, &blocks) }
            case "customXml", "ins", "moveTo": container(c, &blocks)
            default: break
            }
        }
    }

    mutating func paragraph(_ p: XMLElement) -> ImportDocument.Paragraph {
        paragraphCount += 1
        let pPr = p.child("pPr")
        let style = pPr?.child("pStyle")?.attribute(local: "val")
        let styleBold = inherited(style) { $0.bold } ?? false
        var runs = RunText()
        inline(p, &runs, styleBold: styleBold)
        var numbering: ImportDocument.Numbering?
        if let n = pPr?.child("numPr") {
            numbering = self.numbering(id: n.child("numId")?.attribute(local: "val"), level: Int(n.child("ilvl")?.attribute(local: "val") ?? "0") ?? 0)
        } else if let id = inherited(style, { $0.numID }) {
            numbering = self.numbering(id: id, level: inherited(style) { $0.level } ?? 0)
        }
        return ImportDocument.Paragraph(text: cleanText(runs.text), alignment: pPr.flatMap(WordReader.alignment) ?? inherited(style) { $0.alignment } ?? .start,
                                        bold: runs.allBold, boldPrefix: cleanText(runs.boldPrefix), numbering: numbering,
                                        indent: pPr.flatMap(WordReader.indent) ?? inherited(style) { $0.indent } ?? 0, number: paragraphCount)
    }

    /// The text of runs, hyperlinks, accepted insertions, fields and smart tags; deletions, field
    /// codes, drawings and marks dropped.
    func inline(_ e: XMLElement, _ runs: inout RunText, styleBold: Bool) {
        for c in e.childElements {
            switch localName(c.name) {
            case "r":
                var bold = styleBold
                if let rPr = c.child("rPr") {
                    if let s = rPr.child("rStyle")?.attribute(local: "val"), let b = inherited(s, { $0.bold }) { bold = b }
                    if let b = WordReader.bold(rPr) { bold = b }
                }
                for x in c.childElements {
                    switch localName(x.name) {
                    case "t": runs.add(x.textContent, bold: bold)
                    case "tab", "ptab": runs.add("\t", bold: bold)
                    case "br": if x.attribute(local: "type") != "page" && x.attribute(local: "type") != "column" { runs.add("\n", bold: bold) }
                    case "cr": runs.add("\n", bold: bold)
                    case "noBreakHyphen": runs.add("-", bold: bold)
                    case "sym": if let ch = x.attribute(local: "char"), let v = UInt32(ch, radix: 16), v < 0xF000, let u = Unicode.Scalar(v) { runs.add(String(u), bold: bold) }
                    default: break
                    }
                }
            case "ins", "moveTo", "hyperlink", "smartTag", "fldSimple", "customXml", "dir", "bdo":
                inline(c, &runs, styleBold: styleBold)
            case "sdt":
                if let content = c.child("sdtContent") { inline(content, &runs, styleBold: styleBold) }
            default: break // pPr, del, moveFrom, proofErr, bookmarks, comments …
            }
        }
    }

    mutating func table(_ t: XMLElement) -> ImportDocument.Table {
        tableCount += 1
        let number = tableCount
        var rows: [ImportDocument.Row] = []
        func rowsOf(_ e: XMLElement) {
            for r in e.childElements {
                switch localName(r.name) {
                case "tr":
                    let header = r.child("trPr")?.child("tblHeader").map { !["0", "false", "off"].contains($0.attribute(local: "val") ?? "1") } ?? false
                    var cells: [ImportDocument.Cell] = []
                    func cellsOf(_ x: XMLElement) {
                        for c in x.childElements {
                            switch localName(c.name) {
                            case "tc":
                                let tcPr = c.child("tcPr")
                                let span = tcPr?.child("gridSpan")?.attribute(local: "val").flatMap { Int($0) } ?? 1
                                let vMerge = tcPr?.child("vMerge")
                                let continues = vMerge != nil && (vMerge?.attribute(local: "val") ?? "continue") == "continue"
                                var blocks: [ImportDocument.Block] = []
                                container(c, &blocks)
                                cells.append(ImportDocument.Cell(paragraphs: WordReader.flatten(blocks), span: max(1, span), continuesMerge: continues))
                            case "sdt", "customXml": if let content = c.child("sdtContent") ?? (localName(c.name) == "customXml" ? c : nil) { cellsOf(content) }
                            default: break
                            }
                        }
                    }
                    cellsOf(r)
                    rows.append(ImportDocument.Row(cells: cells, header: header))
                case "sdt": if let content = r.child("sdtContent") { rowsOf(content) }
                case "customXml": rowsOf(r)
                default: break
                }
            }
        }
        rowsOf(t)
        return ImportDocument.Table(rows: rows, number: number)
    }

    /// A nested table's paragraphs, row by row, inside the cell that holds it.
    static func flatten(_ blocks: [ImportDocument.Block]) -> [ImportDocument.Paragraph] {
        blocks.flatMap { b -> [ImportDocument.Paragraph] in
            switch b {
            case .paragraph(let p): return [p]
            case .table(let t): return t.rows.flatMap { $0.cells.flatMap(\.paragraphs) }
            }
        }
    }
}

// MARK: - OpenDocument

/// Reads an ODF text body: paragraphs with their automatic or common style resolved, lists with
/// their list style's numbering.
struct ODFReader {
    typealias Style = ImportStyle

    var styles: [String: Style] = [:]
    /// List style name → level (0-based) → numbering format.
    var listStyles: [String: [Int: ImportDocument.Numbering.Format]] = [:]
    var paragraphCount = 0
    var tableCount = 0

    init(content: XMLDocument, styles: XMLDocument?) {
        // Common styles first: automatic styles of content.xml with the same name win.
        for root in [styles?.root, content.root].compactMap({ $0 }) {
            for group in root.childElements where ["styles", "automatic-styles"].contains(localName(group.name)) {
                for s in group.childElements {
                    switch localName(s.name) {
                    case "style":
                        guard let name = s.attribute(local: "name") else { continue }
                        var st = Style()
                        st.parent = s.attribute(local: "parent-style-name")
                        st.listStyle = s.attribute(local: "list-style-name")
                        if let p = s.child("paragraph-properties") {
                            switch p.attribute(local: "text-align") {
                            case "center": st.alignment = .center
                            case "end", "right": st.alignment = .end
                            case "justify": st.alignment = .justify
                            case "start", "left": st.alignment = .start
                            default: break
                            }
                            st.indent = p.attribute(local: "margin-left").flatMap(ODFReader.points)
                        }
                        if let t = s.child("text-properties"), let w = t.attribute(local: "font-weight") {
                            st.bold = w == "bold" || (Int(w) ?? 400) >= 600
                        }
                        self.styles[name] = st
                    case "list-style":
                        guard let name = s.attribute(local: "name") else { continue }
                        var levels: [Int: ImportDocument.Numbering.Format] = [:]
                        for l in s.childElements {
                            let level = (Int(l.attribute(local: "level") ?? "1") ?? 1) - 1
                            let suffix = l.attribute(local: "num-suffix") ?? ""
                            switch localName(l.name) {
                            case "list-level-style-bullet": levels[level] = .bullet(l.attribute(local: "bullet-char") ?? "•")
                            case "list-level-style-number":
                                switch l.attribute(local: "num-format") ?? "" {
                                case "1": levels[level] = .decimal(suffix: suffix)
                                case "a", "A", "а", "А": levels[level] = .letter(suffix: suffix)
                                case "": break
                                default: levels[level] = .other(suffix: suffix)
                                }
                            default: break
                            }
                        }
                        listStyles[name] = levels
                    default: break
                    }
                }
            }
        }
    }

    /// «1.5cm», «12pt», «0.5in», «10mm» in points.
    static func points(_ s: String) -> Double? {
        for (unit, k) in [("cm", 72 / 2.54), ("mm", 72 / 25.4), ("in", 72.0), ("pt", 1.0), ("pc", 12.0)] where s.hasSuffix(unit) {
            return Double(s.dropLast(unit.count)).map { $0 * k }
        }
        return nil
    }

    func inherited<T>(_ name: String?, _ get: (Style) -> T?) -> T? {
        inheritedProperty(name, styles, parent: \.parent, get)
    }

    mutating func body(_ root: XMLElement) -> [ImportDocument.Block] {
        guard let text = root.child("body")?.child("text") else { return [] }
        var blocks: [ImportDocument.Block] = []
        container(text, &blocks, list: nil)
        return blocks
    }

    /// The list a paragraph stands in: its style name and level, and whether the item is a header
    /// (no number).
    struct ListContext { var style: String?; var level: Int; var numbered: Bool }

    mutating func container(_ e: XMLElement, _ blocks: inout [ImportDocument.Block], list: ListContext?) {
        for c in e.childElements {
            switch localName(c.name) {
            case "p", "h": blocks.append(.paragraph(paragraph(c, list: list)))
            case "table": blocks.append(.table(table(c)))
            case "list":
                let style = c.attribute(local: "style-name") ?? list?.style
                let level = list.map { $0.level + 1 } ?? 0
                for item in c.childElements {
                    let numbered = localName(item.name) == "list-item"
                    guard numbered || localName(item.name) == "list-header" else { continue }
                    // Only the item's first paragraph carries the number.
                    var first = true
                    for x in item.childElements {
                        if localName(x.name) == "list" {
                            container(XMLElement("wrap", children: [.element(x)]), &blocks, list: ListContext(style: style, level: level, numbered: true))
                        } else {
                            container(XMLElement("wrap", children: [.element(x)]), &blocks, list: ListContext(style: style, level: level, numbered: numbered && first))
                            if ["p", "h"].contains(localName(x.name)) { first = false }
                        }
                    }
                }
            case "section", "index-body", "table-of-content", "alphabetical-index", "illustration-index", "user-index", "bibliography",
                 "change-start", "change-end":
                container(c, &blocks, list: list)
            default: break // sequence declarations, tracked changes, forms …
            }
        }
    }

    mutating func paragraph(_ p: XMLElement, list: ListContext?) -> ImportDocument.Paragraph {
        paragraphCount += 1
        let style = p.attribute(local: "style-name")
        let styleBold = inherited(style) { $0.bold } ?? false
        var runs = RunText()
        inline(p, &runs, bold: styleBold)
        var numbering: ImportDocument.Numbering?
        if let list, list.numbered, let ls = list.style ?? inherited(style, { $0.listStyle }) {
            if let f = listStyles[ls]?[list.level] { numbering = .init(format: f, level: list.level) }
        }
        return ImportDocument.Paragraph(text: cleanText(runs.text), alignment: inherited(style) { $0.alignment } ?? .start,
                                        bold: runs.allBold, boldPrefix: cleanText(runs.boldPrefix), numbering: numbering,
                                        indent: inherited(style) { $0.indent } ?? 0, number: paragraphCount)
    }

    func inline(_ e: XMLElement, _ runs: inout RunText, bold: Bool) {
        for c in e.children {
            switch c {
            case .text(let t): runs.add(t.replacingOccurrences(of: "\n", with: " "), bold: bold)
            case .element(let x):
                switch localName(x.name) {
                case "s": runs.add(String(repeating: " ", count: max(1, Int(x.attribute(local: "c") ?? "1") ?? 1)), bold: bold)
                case "tab": runs.add("\t", bold: bold)
                case "line-break": runs.add("\n", bold: bold)
                case "span": inline(x, &runs, bold: inherited(x.attribute(local: "style-name")) { $0.bold } ?? bold)
                case "a", "meta", "sequence", "date", "time", "page-number", "page-count", "chapter", "title", "subject",
                     "author-name", "file-name", "ruby", "ruby-base", "text-input", "user-defined", "variable-get", "expression":
                    inline(x, &runs, bold: bold)
                default: break // notes, annotations, frames, bookmarks, change marks, soft page breaks …
                }
            default: break
            }
        }
    }

    mutating func table(_ t: XMLElement) -> ImportDocument.Table {
        tableCount += 1
        let number = tableCount
        var rows: [ImportDocument.Row] = []
        func rowsOf(_ e: XMLElement, header: Bool) {
            for r in e.childElements {
                switch localName(r.name) {
                case "table-row":
                    var cells: [ImportDocument.Cell] = []
                    var covered = 0 // grid columns still covered by a horizontal span in this row
                    for c in r.childElements {
                        let repeated = max(1, min(64, Int(c.attribute(local: "number-columns-repeated") ?? "1") ?? 1))
                        switch localName(c.name) {
                        case "table-cell":
                            let span = max(1, Int(c.attribute(local: "number-columns-spanned") ?? "1") ?? 1)
                            var blocks: [ImportDocument.Block] = []
                            container(c, &blocks, list: nil)
                            for _ in 0..<repeated { cells.append(ImportDocument.Cell(paragraphs: WordReader.flatten(blocks), span: span)) }
                            covered = span - 1
                        case "covered-table-cell":
                            for _ in 0..<repeated {
                                if covered > 0 { covered -= 1 } else { cells.append(ImportDocument.Cell(paragraphs: [], continuesMerge: true)) }
                            }
                        default: break
                        }
                    }
                    rows.append(ImportDocument.Row(cells: cells, header: header))
                case "table-header-rows": rowsOf(r, header: true)
                case "table-rows", "table-row-group": rowsOf(r, header: header)
                default: break
                }
            }
        }
        rowsOf(t, header: false)
        return ImportDocument.Table(rows: rows, number: number)
    }
}
