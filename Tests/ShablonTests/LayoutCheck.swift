import Foundation
import ShablonXML
import ShablonZip

// The layout checker of LayoutTests.swift: it looks at LibreOffice's PDF of a document the way a person
// reviewing the pages does, against what the document itself says (its DOCX or ODT XML).
//  (a) every word in the PDF is a word of the document: a word broken across lines without a hyphen
//      leaves fragments that are not (line-end hyphenation «органи-» + «зация» is joined first);
//  (b) no table cell starts on one page and ends on the next (a row split across pages);
//  (c) no page but the last ends with a heading, a table header row, a section row (one cell across
//      the table) or a line ending in «:»;
//  (d) no straight double quote;
//  (e) in a specification «Итого», the VAT row and the sum in words stand on one page;
//  (f) no widow or orphan: a paragraph's last line alone at the top of a page, or its first at the bottom.
// Every failure is one line naming the document, the page and the text, so a person can find it.

/// What a document says, read from its XML: the paragraphs, the table rows and every word it has.
struct LayoutSource: Sendable {
    struct Paragraph: Sendable {
        var text: String
        /// A heading or title style (or an outline level), or a short paragraph all in bold, outside tables.
        var heading = false
        var inTable = false
    }

    struct Row: Sendable {
        /// Each cell's paragraphs, joined by spaces; covered and continued cells are left out.
        var cells: [String]
        /// A repeated header row (`w:tblHeader`, `table:table-header-rows`).
        var header = false
        /// One cell spanning the whole table (of two or more columns).
        var section = false
    }

    var paragraphs: [Paragraph] = []
    var rows: [Row] = []
    /// The words (`Layout.tokens`) of every part: body, headers, footers, charts.
    var words: Set<String> = []
    /// The document has charts: LibreOffice adds their axis numbers.
    var hasCharts = false

    init(paragraphs: [Paragraph] = [], rows: [Row] = [], words: Set<String>? = nil, hasCharts: Bool = false) {
        self.paragraphs = paragraphs
        self.rows = rows
        self.words = words ?? Set((paragraphs.map(\.text) + rows.flatMap(\.cells)).flatMap(Layout.tokens))
        self.hasCharts = hasCharts
    }

    /// Reads a DOCX or ODT package.
    init(package bytes: [UInt8]) throws {
        let zip = try ZipArchive(bytes: bytes)
        let names = zip.entries.map(\.name)
        let docx = names.contains("word/document.xml")
        let main = docx ? "word/document.xml" : "content.xml"
        var reader = SourceReader(styles: try StyleSheet(zip, names, docx: docx))
        let root = try XMLParser.parse(zip.read(main)).root
        reader.read(root, inTable: false)
        paragraphs = reader.paragraphs
        rows = reader.rows
        for p in paragraphs { words.formUnion(Layout.tokens(p.text)) }
        // Headers, footers and charts too (LibreOffice prints their words); not settings or metadata.
        let parts = names.filter { n in
            n.hasSuffix(".xml") && (docx ? n.hasPrefix("word/") : n == main || n == "styles.xml" || (n.hasPrefix("Object") && n.hasSuffix("/content.xml")))
        }
        for name in parts {
            guard let part = name == main ? root : try? XMLParser.parse(zip.read(name)).root else { continue }
            for t in paragraphTexts(part) { words.formUnion(Layout.tokens(t)) }
        }
        hasCharts = names.contains { $0.hasPrefix("word/charts/") || $0.hasPrefix("Object") }
    }
}

/// Paragraph and character styles: which are bold, which are headings.
private struct StyleSheet {
    struct Style { var name: String; var parent: String?; var bold: Bool?; var outline: Bool }
    var styles: [String: Style] = [:]
    var defaultParagraph: String?

    init(_ zip: ZipArchive, _ names: [String], docx: Bool) throws {
        for part in docx ? ["word/styles.xml"] : ["styles.xml", "content.xml"] where names.contains(part) {
            collect(try XMLParser.parse(zip.read(part)).root, docx: docx)
        }
    }

    private mutating func collect(_ e: XMLElement, docx: Bool) {
        for x in e.children.compactMap(\.element) {
            if docx, x.name == "w:style", let id = x[attribute: "w:styleId"] {
                let b = x.firstElement(named: "w:rPr")?.firstElement(named: "w:b").map(Layout.on)
                styles[id] = Style(name: x.firstElement(named: "w:name")?[attribute: "w:val"] ?? id,
                                   parent: x.firstElement(named: "w:basedOn")?[attribute: "w:val"], bold: b,
                                   outline: x.firstElement(named: "w:pPr")?.firstElement(named: "w:outlineLvl") != nil)
                if x[attribute: "w:type"] == "paragraph", Layout.on(x, "w:default") { defaultParagraph = id }
            } else if !docx, x.name == "style:style", let id = x[attribute: "style:name"] {
                let weight = x.firstElement(named: "style:text-properties")?[attribute: "fo:font-weight"]
                styles[id] = Style(name: x[attribute: "style:display-name"] ?? id, parent: x[attribute: "style:parent-style-name"],
                                   bold: weight.map { $0 == "bold" || (Int($0) ?? 0) >= 600 },
                                   outline: x[attribute: "style:default-outline-level"] != nil)
            } else {
                collect(x, docx: docx)
            }
        }
    }

    /// The first answer up the chain of parents.
    private func find<T>(_ id: String?, _ f: (Style) -> T?) -> T? {
        var id = id
        for _ in 0..<20 {
            guard let i = id, let s = styles[i] else { return nil }
            if let v = f(s) { return v }
            id = s.parent
        }
        return nil
    }

    func bold(_ id: String?) -> Bool? { find(id) { $0.bold } }

    func heading(_ id: String?) -> Bool {
        find(id) { s in
            s.outline || s.name.range(of: "heading|title|заголов", options: [.regularExpression, .caseInsensitive]) != nil ? true : nil
        } ?? false
    }
}

/// Walks a main part (WordprocessingML or ODF) into paragraphs and rows.
private struct SourceReader {
    let styles: StyleSheet
    var paragraphs: [LayoutSource.Paragraph] = []
    var rows: [LayoutSource.Row] = []

    init(styles: StyleSheet) { self.styles = styles }

    mutating func read(_ e: XMLElement, inTable: Bool) {
        for x in e.children.compactMap(\.element) {
            switch x.name {
            case "w:p", "text:p", "text:h": paragraphs.append(paragraph(x, inTable: inTable))
            case "w:tbl", "table:table": table(x)
            case "w:sectPr", "mc:Fallback", "office:annotation", "text:tracked-changes": break
            default: read(x, inTable: inTable)
            }
        }
    }

    private func paragraph(_ p: XMLElement, inTable: Bool) -> LayoutSource.Paragraph {
        let docx = p.name == "w:p"
        let style = docx ? p.firstElement(named: "w:pPr")?.firstElement(named: "w:pStyle")?[attribute: "w:val"] ?? styles.defaultParagraph
            : p[attribute: "text:style-name"]
        var text = "", allBold = true, any = false
        func add(_ s: String, _ bold: Bool) {
            text += s
            if s.contains(where: { !$0.isWhitespace }) { any = true; allBold = allBold && bold }
        }
        func walk(_ e: XMLElement, _ bold: Bool) {
            for c in e.children {
                switch c {
                case .text(let t) where !docx || e.name == "w:t": add(t, bold)
                case .element(let x):
                    switch x.name {
                    case "w:r":
                        let rPr = x.firstElement(named: "w:rPr")
                        let b = rPr?.firstElement(named: "w:b").map(Layout.on)
                            ?? styles.bold(rPr?.firstElement(named: "w:rStyle")?[attribute: "w:val"]) ?? bold
                        walk(x, b)
                    case "text:span", "text:a": walk(x, styles.bold(x[attribute: "text:style-name"]) ?? bold)
                    case "w:tab", "w:br", "w:cr", "text:tab", "text:line-break": text += " "
                    case "w:noBreakHyphen": text += "-"
                    case "text:s": text += String(repeating: " ", count: Int(x[attribute: "text:c"] ?? "1") ?? 1)
                    case "w:pPr", "w:rPr", "w:txbxContent", "w:instrText", "w:delText", "mc:Fallback",
                         "text:p", "text:h", "draw:frame", "text:note", "office:annotation": break
                    default: walk(x, bold)
                    }
                default: break
                }
            }
        }
        walk(p, styles.bold(style) ?? false)
        let short = text.trimmingCharacters(in: .whitespaces).count <= 120
        let heading = !inTable && (p.name == "text:h" || styles.heading(style) || (allBold && any && short))
        return .init(text: text, heading: heading, inTable: inTable)
    }

    private mutating func table(_ t: XMLElement) {
        let docx = t.name == "w:tbl"
        var columns = 0
        func countColumns(_ e: XMLElement) {
            for x in e.children.compactMap(\.element) {
                switch x.name {
                case "w:gridCol": columns += 1
                case "table:table-column": columns += Int(x[attribute: "table:number-columns-repeated"] ?? "1") ?? 1
                case "w:tblGrid", "table:table-columns", "table:table-header-columns", "table:table-column-group": countColumns(x)
                default: break
                }
            }
        }
        countColumns(t)
        func readRows(_ e: XMLElement, header: Bool) {
            for x in e.children.compactMap(\.element) {
                switch x.name {
                case "table:table-header-rows": readRows(x, header: true)
                case "table:table-rows", "table:table-row-group", "w:sdt", "w:sdtContent", "w:customXml": readRows(x, header: header)
                case "w:tr", "table:table-row":
                    let cells = x.children.compactMap(\.element).filter { $0.name == "w:tc" || $0.name == "table:table-cell" }
                    let repeated = docx && x.firstElement(named: "w:trPr")?.firstElement(named: "w:tblHeader").map(Layout.on) == true
                    var texts: [String] = []
                    for c in cells {
                        let start = paragraphs.count
                        read(c, inTable: true)
                        texts.append(paragraphs[start...].map(\.text).joined(separator: " "))
                    }
                    let span = cells.count == 1 ? Int((docx ? cells[0].firstElement(named: "w:tcPr")?.firstElement(named: "w:gridSpan")?[attribute: "w:val"]
                                                             : cells[0][attribute: "table:number-columns-spanned"]) ?? "1") ?? 1 : 0
                    rows.append(.init(cells: texts, header: header || repeated, section: columns >= 2 && span == columns))
                default: break
                }
            }
        }
        readRows(t, header: false)
    }
}

/// A PDF as `pdftotext -bbox-layout` describes it: pages of words with their boxes.
struct LayoutPDF: Sendable {
    struct Word: Sendable {
        var text: String
        var x0: Double, y0: Double, x1: Double, y1: Double
        /// 1-based page number.
        var page: Int
        /// pdftotext's line (a run of words in one block), numbered through the document.
        var line: Int
        /// `Layout.tokens(text)`.
        var tokens: [String]

        init(text: String, x0: Double, y0: Double, x1: Double, y1: Double, page: Int, line: Int) {
            (self.text, self.x0, self.y0, self.x1, self.y1, self.page, self.line) = (text, x0, y0, x1, y1, page, line)
            tokens = Layout.tokens(text)
        }
    }

    struct Page: Sendable {
        var width: Double
        var height: Double
        var words: [Word]
        /// `Layout.visualLines` of the words.
        var lines: [[Word]] = []

        init(width: Double, height: Double, words: [Word]) {
            (self.width, self.height, self.words) = (width, height, words)
            lines = Layout.visualLines(words)
        }
    }

    let pages: [Page]
    /// All the words, page after page.
    let words: [Word]

    init(pages: [Page]) {
        self.pages = pages
        words = pages.flatMap(\.words)
    }

    /// Parses pdftotext's XHTML (its DOCTYPE is dropped: the XML parser refuses one).
    init(bbox xhtml: String) throws {
        var text = xhtml
        if let d = text.range(of: "<!DOCTYPE"), let end = text[d.upperBound...].firstIndex(of: ">") {
            text.removeSubrange(d.lowerBound...end)
        }
        let root = try XMLParser.parse(Array(text.utf8)).root
        var pages: [(width: Double, height: Double, words: [Word])] = []
        var line = 0
        func walk(_ e: XMLElement) {
            for x in e.children.compactMap(\.element) {
                switch x.name {
                case "page":
                    pages.append((Double(x[attribute: "width"] ?? "") ?? 0, Double(x[attribute: "height"] ?? "") ?? 0, []))
                    walk(x)
                case "line":
                    line += 1
                    for w in x.elements(named: "word") {
                        func d(_ n: String) -> Double { Double(w[attribute: n] ?? "") ?? 0 }
                        pages[pages.count - 1].words.append(Word(text: w.textContent, x0: d("xMin"), y0: d("yMin"), x1: d("xMax"), y1: d("yMax"),
                                                                 page: pages.count, line: line))
                    }
                default: walk(x)
                }
            }
        }
        walk(root)
        self.init(pages: pages.map { Page(width: $0.width, height: $0.height, words: $0.words) })
    }
}

enum Layout {
    /// The words of a text, lower case: runs of letters and digits (soft hyphens dropped, ligatures and
    /// other compatibility forms unfolded; punctuation, hyphens and spaces separate).
    static func tokens(_ s: String) -> [String] {
        var out: [String] = [], cur = ""
        for c in s.precomposedStringWithCompatibilityMapping where c != "\u{AD}" {
            if c.isLetter || c.isNumber { cur.append(c) } else if !cur.isEmpty { out.append(cur.lowercased()); cur = "" }
        }
        if !cur.isEmpty { out.append(cur.lowercased()) }
        return out
    }

    /// A text for comparison: lower case, soft hyphens dropped, white space (no-break too) folded.
    static func folded(_ s: String) -> String {
        s.replacingOccurrences(of: "\u{AD}", with: "").lowercased()
            .split(whereSeparator: { $0.isWhitespace || $0 == "\u{A0}" }).joined(separator: " ")
    }

    /// An on/off property (`<w:b/>`, `w:val="0"`).
    static func on(_ e: XMLElement) -> Bool { on(e, "w:val") }
    static func on(_ e: XMLElement, _ attribute: String) -> Bool {
        guard let v = e[attribute: attribute] else { return attribute == "w:val" }
        return !["0", "false", "off"].contains(v)
    }

    static let hyphens: Set<Character> = ["-", "\u{AD}", "\u{2010}", "\u{2011}"]

    // MARK: - Lines

    /// A page's words in visual lines, top to bottom, each left to right: words whose middles lie within
    /// a third of a line's height of each other share a line (cells of one table row included).
    static func visualLines(_ words: [LayoutPDF.Word]) -> [[LayoutPDF.Word]] {
        var lines: [(mid: Double, words: [LayoutPDF.Word])] = []
        for w in words.sorted(by: { ($0.y1, $0.x0) < ($1.y1, $1.x0) }) {
            let mid = (w.y0 + w.y1) / 2
            if let last = lines.last, abs(last.mid - mid) < 0.35 * (w.y1 - w.y0) {
                lines[lines.count - 1].words.append(w)
            } else {
                lines.append((mid, [w]))
            }
        }
        return lines.map { $0.words.sorted { $0.x0 < $1.x0 } }.sorted { ($0.map(\.y0).min() ?? 0) < ($1.map(\.y0).min() ?? 0) }
    }

    /// The visual lines without the page number (a line of digits only, in the top or bottom tenth).
    static func contentLines(_ page: LayoutPDF.Page) -> [[LayoutPDF.Word]] {
        page.lines.filter { line in
            let digits = line.allSatisfy { $0.text.allSatisfy(\.isNumber) }
            let y = line.map(\.y0).min() ?? 0
            return !(digits && (y < 0.1 * page.height || y > 0.9 * page.height))
        }
    }

    static func text(_ line: [LayoutPDF.Word]) -> String { line.map(\.text).joined(separator: " ") }

    // MARK: - Hyphenation

    /// Line-end hyphenations: the index (in `pdf.words`) of each word ending in a hyphen whose last
    /// fragment, joined with the first word of a following line (just below on the same page, or on the
    /// next page), makes a word of the document → the index of that following word.
    static func hyphenations(_ pdf: LayoutPDF, _ source: LayoutSource) -> [Int: Int] {
        let words = pdf.words
        var starts: [Int] = []
        for i in words.indices where i == 0 || words[i - 1].line != words[i].line { starts.append(i) }
        var used = Set<Int>(), pairs: [Int: Int] = [:]
        // A word hyphenated twice («Книго-|обеспе-|ченность»): the middle piece carries what came before.
        var carried: [Int: String] = [:]
        for (i, w) in words.enumerated() {
            guard let last = w.text.last, hyphens.contains(last), let own = w.tokens.last else { continue }
            let fragment = (w.tokens.count == 1 ? carried[i] : nil) ?? own
            let h = w.y1 - w.y0
            var best: (distance: Double, index: Int)?
            for j in starts where j != i && !used.contains(j) {
                let v = words[j]
                let distance: Double
                if v.page == w.page {
                    guard v.y0 > w.y0 + 0.5 * h, v.y0 < w.y1 + 2.5 * h else { continue }
                    distance = abs(v.x0 - w.x0)
                } else if v.page == w.page + 1 {
                    distance = 100_000 + Double(j)
                } else { continue }
                guard let first = v.tokens.first else { continue }
                let whole = source.words.contains(fragment + first)
                let more = !whole && v.tokens.count == 1 && v.text.last.map(hyphens.contains) == true
                    && source.words.contains { $0.hasPrefix(fragment + first) }
                guard whole || more else { continue }
                if best == nil || distance < best!.distance { best = (distance, j) }
            }
            if let best, let first = words[best.index].tokens.first {
                used.insert(best.index)
                pairs[i] = best.index
                carried[best.index] = fragment + first
            }
        }
        return pairs
    }

    /// Each page's words as tokens in pdftotext's reading order, hyphenated words joined.
    static func tokenStreams(_ pdf: LayoutPDF, _ source: LayoutSource) -> [[String]] {
        let words = pdf.words
        let pairs = hyphenations(pdf, source)
        let continued = Set(pairs.values)
        var streams = Array(repeating: [String](), count: pdf.pages.count)
        for (i, w) in words.enumerated() {
            var t = w.tokens
            if continued.contains(i) { t.removeFirst() }
            if let j = pairs[i], !t.isEmpty, let first = words[j].tokens.first { t[t.count - 1] += first }
            streams[w.page - 1] += t
        }
        return streams
    }

    // MARK: - The checks

    /// (a) Words in the PDF that are not words of the document. Numbers alone on a line are page numbers
    /// (up to the page count) or, in a document with charts, axis labels.
    static func brokenWords(_ name: String, _ pdf: LayoutPDF, _ source: LayoutSource) -> [String] {
        let words = pdf.words
        let pairs = hyphenations(pdf, source)
        let joined = Set(pairs.keys).union(pairs.values)
        var lines: [Int: [String]] = [:]
        for w in words { lines[w.line, default: []].append(w.text) }
        var failures: [String] = []
        for (i, w) in words.enumerated() where !joined.contains(i) {
            for t in w.tokens where !source.words.contains(t) {
                let line = lines[w.line] ?? []
                if t.allSatisfy(\.isNumber), line.count == 1, source.hasCharts || (Int(t) ?? .max) <= pdf.pages.count { continue }
                failures.append("\(name), page \(w.page): «\(w.text)» is not a word of the document (broken word?), in «\(line.joined(separator: " "))»")
                break
            }
        }
        return unique(failures)
    }

    /// (b) Table cells that start on one page and end on the next. Each cell's words are looked for, in
    /// order, within a window of one page's reading order; a cell found on no page as often as the
    /// document has it, but across the end of page N and the start of page N+1, is split.
    static func splitCells(_ name: String, _ pdf: LayoutPDF, _ source: LayoutSource) -> [String] {
        // Tokens as numbers (quicker to compare); a cell with a token the PDF lacks is looked at by (a).
        var ids: [String: Int] = [:]
        let streams = tokenStreams(pdf, source).map { $0.map { t in ids[t] ?? { ids[t] = ids.count; return ids.count - 1 }() } }
        var cells: [[Int]: (text: String, count: Int)] = [:], order: [[Int]] = []
        for row in source.rows {
            for c in row.cells {
                let t = tokens(c).compactMap { ids[$0] }
                guard t.count >= 2, t.count == tokens(c).count else { continue }
                if cells[t] == nil { order.append(t) }
                cells[t, default: (c, 0)].count += 1
            }
        }
        var failures: [String] = []
        let window = 200
        for t in order {
            let (text, count) = cells[t]!
            let span = 8 * t.count + 30
            if streams.reduce(0, { $0 + matches(t, in: $1, span: span) }) >= count { continue }
            for p in 0..<max(0, streams.count - 1) {
                let a = streams[p].suffix(window), b = streams[p + 1].prefix(window)
                if spans(t, Array(a) + Array(b), span: span, boundary: a.count) {
                    failures.append("\(name), pages \(p + 1)–\(p + 2): a table row splits: the cell «\(short(text))» starts on page \(p + 1) and ends on page \(p + 2)")
                }
            }
        }
        return failures
    }

    /// How many times `t` occurs in `s` as a subsequence within `span` tokens, without overlaps.
    static func matches(_ t: [Int], in s: [Int], span: Int) -> Int {
        var count = 0, i = 0
        while i < s.count {
            if s[i] == t[0], let end = match(t, s, from: i, span: span) { count += 1; i = end + 1 } else { i += 1 }
        }
        return count
    }

    /// Whether `t` occurs in `s` starting before `boundary` and ending at or after it.
    static func spans(_ t: [Int], _ s: [Int], span: Int, boundary: Int) -> Bool {
        (0..<min(boundary, s.count)).contains { s[$0] == t[0] && (match(t, s, from: $0, span: span) ?? -1) >= boundary }
    }

    /// The index of the last token of `t` matched in order in `s` from `start`, within `span` tokens.
    static func match<T: Equatable>(_ t: [T], _ s: [T], from start: Int, span: Int) -> Int? {
        var k = 0, j = start
        while k < t.count, j < s.count, j - start < span {
            if s[j] == t[k] { k += 1 }
            j += 1
        }
        return k == t.count ? j - 1 : nil
    }

    /// (c) Pages (all but the last) whose last line is the end of a heading, a section row or a
    /// paragraph or cell ending in «:» (and of nothing else), or whose bottom lines are a whole header row.
    static func pageEnds(_ name: String, _ pdf: LayoutPDF, _ source: LayoutSource) -> [String] {
        var items: [(text: String, kind: String?, original: String)] = []
        func kind(_ t: String, heading: Bool = false, section: Bool = false) -> String? {
            heading ? "a heading" : section ? "a section row" : t.hasSuffix(":") ? "a line ending in «:»" : nil
        }
        for p in source.paragraphs where !p.inTable {
            let t = folded(p.text)
            if !t.isEmpty { items.append((t, kind(t, heading: p.heading), p.text)) }
        }
        for r in source.rows {
            for c in r.cells {
                let t = folded(c)
                if !t.isEmpty { items.append((t, kind(t, section: r.section), c)) }
            }
        }
        var failures: [String] = []
        for (n, page) in pdf.pages.dropLast().enumerated() {
            let lines = contentLines(page)
            guard let last = lines.last else { continue }
            // The end of an item that must not end a page, and of nothing else: the whole line, or each of
            // its pdftotext lines (cells side by side: «ЗАКАЗЧИК:  ПОСТАВЩИК:»).
            func offending(_ words: [LayoutPDF.Word]) -> (kind: String, original: String)? {
                let t = folded(text(words))
                let owners = items.filter { $0.text.hasSuffix(t) }
                guard let bad = owners.first, owners.allSatisfy({ $0.kind != nil }) else { return nil }
                return (bad.kind!, bad.original)
            }
            let cells = Dictionary(grouping: last, by: \.line).values.sorted { $0[0].x0 < $1[0].x0 }
            let found = offending(last).map { [$0] } ?? (cells.count > 1 ? cells.map(offending) : [nil])
            let kinds = found.compactMap { $0 }
            if kinds.count == found.count, let first = kinds.first {
                let of = kinds.map { "«\(short($0.original))»" }.joined(separator: ", ")
                failures.append("\(name), page \(n + 1) ends with \(first.kind): «\(text(last))» (of \(of))")
                continue
            }
            header: for r in source.rows where r.header {
                var need: [String: Int] = [:], have: [String: Int] = [:]
                for t in tokens(r.cells.joined(separator: " ")) { need[t, default: 0] += 1 }
                for line in lines.reversed() {
                    let t = line.flatMap(\.tokens)
                    guard !t.isEmpty, t.allSatisfy({ need[$0] != nil }) else { break }
                    for x in t { have[x, default: 0] += 1 }
                    if need.allSatisfy({ have[$0.key, default: 0] >= $0.value }) {
                        failures.append("\(name), page \(n + 1) ends with a table header row: «\(short(r.cells.joined(separator: " | ")))»")
                        break header
                    }
                }
            }
        }
        return failures
    }

    /// (d) Straight double quotes: one failure per page, with the lines that have them.
    static func straightQuotes(_ name: String, _ pdf: LayoutPDF) -> [String] {
        pdf.pages.enumerated().compactMap { n, page in
            let lines = page.lines.filter { $0.contains { $0.text.contains("\"") } }
            return lines.isEmpty ? nil : "\(name), page \(n + 1): a straight quote \" in " + lines.map { "«\(text($0))»" }.joined(separator: ", ")
        }
    }

    /// (f) Widows and orphans in running text: a page that starts with the last line of a paragraph
    /// (outside tables) alone, or ends with its first line alone.
    static func widowsAndOrphans(_ name: String, _ pdf: LayoutPDF, _ source: LayoutSource) -> [String] {
        var items: [(text: String, running: Bool)] = source.paragraphs.map { (folded($0.text), !$0.inTable && !$0.heading) }
        items += source.rows.flatMap(\.cells).map { (folded($0), false) }
        items = items.filter { !$0.text.isEmpty }
        var failures: [String] = []
        for p in 0..<max(0, pdf.pages.count - 1) {
            if let last = contentLines(pdf.pages[p]).last {
                let t = folded(text(last))
                let owners = items.filter { $0.text.hasPrefix(t) }
                if !owners.isEmpty, owners.allSatisfy({ $0.running && $0.text.count > t.count }) {
                    failures.append("\(name), page \(p + 1) ends with the first line of a paragraph alone (an orphan): «\(text(last))»")
                }
            }
            if let first = contentLines(pdf.pages[p + 1]).first {
                let t = folded(text(first))
                let owners = items.filter { $0.text.hasSuffix(t) }
                if !owners.isEmpty, owners.allSatisfy({ $0.running && $0.text.count > t.count }) {
                    failures.append("\(name), page \(p + 2) starts with the last line of a paragraph alone (a widow): «\(text(first))»")
                }
            }
        }
        return failures
    }

    /// (e) In a specification: the «Итого» row, the VAT row after it and the sum in words (the paragraph
    /// with rubles and kopecks in words) on one page.
    static func totalsTogether(_ name: String, _ pdf: LayoutPDF, _ source: LayoutSource) -> [String] {
        guard let i = source.rows.firstIndex(where: { folded($0.cells.first ?? "").hasPrefix("итого") }) else {
            return ["\(name): no «Итого» row in the document"]
        }
        // The lines to find: the «Итого» row and the VAT row after it — or, where one cell holds both
        // («Итого:» and «в том числе НДС» as two paragraphs), the start of each.
        var texts: [String] = []
        let first = source.rows[i].cells.first ?? ""
        let labels = folded(first).contains("ндс")
        if labels {
            // The second paragraph is what follows «Итого:» in the cell («в том числе НДС (10 %):», «НДС: Без НДС»).
            var rest = Substring(first.trimmingCharacters(in: .whitespaces))
            rest = rest.drop { $0.isLetter }
            rest = rest.drop { $0 == ":" || $0.isWhitespace }
            texts = ["Итого", String(rest)]
        } else {
            texts = [source.rows[i].cells.joined(separator: " ")]
            if i + 1 < source.rows.count, folded(source.rows[i + 1].cells.first ?? "").contains("ндс") {
                texts.append(source.rows[i + 1].cells.joined(separator: " "))
            }
        }
        var found: [(what: String, page: Int?)] = texts.map { text in
            let t = tokens(text)
            let page = pdf.pages.indices.first { p in
                pdf.pages[p].lines.contains { line in
                    let l = line.flatMap(\.tokens)
                    if labels { return l.count >= t.count && Array(l.prefix(t.count)) == t }
                    return l.first == t.first && l.count >= min(3, t.count) && match(l, t, from: 0, span: t.count) != nil
                }
            }
            return ("«\(short(text))»", page.map { $0 + 1 })
        }
        if let words = source.paragraphs.first(where: { $0.text.contains("рубл") && $0.text.contains("копе") })?.text {
            let t = tokens(words)
            var stream: [(token: String, page: Int)] = []
            for w in pdf.words { for x in w.tokens { stream.append((x, w.page)) } }
            let s = stream.map(\.token)
            let start = s.indices.first { s[$0] == t.first && match(t, s, from: $0, span: t.count + 20) != nil }
            let end = start.flatMap { match(t, s, from: $0, span: t.count + 20) }
            found.append(("the sum in words «\(short(words, 60))»", start.map { stream[$0].page }))
            if let start, let end, stream[end].page != stream[start].page {
                found.append(("the end of the sum in words «…\(words.suffix(30))»", stream[end].page))
            }
        } else {
            found.append(("the sum in words", nil))
        }
        var failures = found.filter { $0.page == nil }.map { "\(name): \($0.what) is not found in the PDF" }
        if Set(found.compactMap(\.page)).count > 1 {
            failures.append("\(name): the totals are not on one page: " + found.compactMap { f in f.page.map { "\(f.what) on page \($0)" } }.joined(separator: ", "))
        }
        return failures
    }

    // MARK: - A plan's end

    /// The first page (1-based) with a visual line holding every one of `texts` (compared folded), or nil.
    static func firstPage(of texts: [String], in pdf: LayoutPDF) -> Int? {
        let wanted = texts.map(folded)
        return pdf.pages.indices.first { n in
            contentLines(pdf.pages[n]).contains { line in
                let t = folded(text(line))
                return wanted.allSatisfy { t.contains($0) }
            }
        }.map { $0 + 1 }
    }

    /// The signatures begin their page without the table's last row above them: none of the lines above
    /// the signature on its page holds every word of `lastRow` (a few words of it, as they stand in its cell).
    static func signatureAlone(_ name: String, _ pdf: LayoutPDF, signature: String, lastRow: String) -> [String] {
        let sign = folded(signature)
        for (n, page) in pdf.pages.enumerated() {
            let lines = contentLines(page)
            guard let at = lines.firstIndex(where: { folded(text($0)).contains(sign) }) else { continue }
            let above = Set(lines[..<at].flatMap { $0.flatMap(\.tokens) })
            return Set(tokens(lastRow)).isSubset(of: above) ? []
                : ["\(name), page \(n + 1): the signature «\(signature)» begins the page without the table's last row «\(lastRow)» above it"]
        }
        return ["\(name): no signature «\(signature)»"]
    }


    /// Every check of one document.
    static func check(_ name: String, pdf: LayoutPDF, source: LayoutSource, specification: Bool) -> [String] {
        brokenWords(name, pdf, source) + splitCells(name, pdf, source) + pageEnds(name, pdf, source) + straightQuotes(name, pdf)
            + widowsAndOrphans(name, pdf, source)
            + (specification ? totalsTogether(name, pdf, source) : [])
    }

    static func short(_ s: String, _ n: Int = 90) -> String {
        let t = s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return t.count <= n ? t : String(t.prefix(n)) + "…"
    }

    static func unique(_ lines: [String]) -> [String] {
        var seen = Set<String>()
        return lines.filter { seen.insert($0).inserted }
    }
}
