import Foundation
import Testing
import Shablon
import ShablonData
@testable import ShablonEngine
import ShablonXML

// The examples in docs/template-language.md, rendered. Each ```example block there holds the template
// as typed, `---`, the data (YAML), `---`, the text expected; this suite builds a document body from the
// template (DOCX and ODT), renders it with the engine and compares the visible text, so the reference
// cannot drift from what the engine does.
//
// Notation (described in the doc too):
// - template: one line = one paragraph; a line `| … | … |` = a table row, consecutive ones one table;
//   `¶` inside a cell separates its paragraphs; `‸` splits a paragraph into runs (as editors do);
// - expected: table rows print as `| … | … |`, `¶` between a cell's paragraphs, `⏎` a line break,
//   `⇥` a tab, `⍽` U+00A0, `[картинка W × H см]` an inserted picture; a line `error[code]` means
//   the render must fail with that code, `warning[code]` that it warns so;
// - ```example allow-missing renders as --allow-missing does.

/// One ```example block of the doc.
struct DocExample: Sendable, CustomTestStringConvertible {
    var line: Int
    var template: [String]
    var data: String
    var expected: [String]
    var allowMissing: Bool

    var testDescription: String { "template-language.md:\(line) \(template.first ?? "")" }

    var expectedErrors: [String] { expected.compactMap { DocExample.diagnostic($0, "error") } }
    var expectedWarnings: [String] { expected.compactMap { DocExample.diagnostic($0, "warning") } }
    var expectedText: String {
        expected.filter { DocExample.diagnostic($0, "error") == nil && DocExample.diagnostic($0, "warning") == nil }
            .joined(separator: "\n").replacingOccurrences(of: "⍽", with: "\u{A0}")
    }

    static func diagnostic(_ line: String, _ kind: String) -> String? {
        guard line.hasPrefix(kind + "["), line.hasSuffix("]") else { return nil }
        return String(line.dropFirst(kind.count + 1).dropLast())
    }
}

enum DocExamples {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs")
    static let file = docs.appendingPathComponent("template-language.md")

    static var text: String { (try? String(contentsOf: file, encoding: .utf8)) ?? "" }

    /// Every ```example block, or the reasons blocks are malformed.
    static func parse(_ text: String) -> (examples: [DocExample], malformed: [String]) {
        var examples: [DocExample] = [], malformed: [String] = []
        let lines = text.components(separatedBy: "\n")
        var i = 0
        while i < lines.count {
            let fence = lines[i].trimmingCharacters(in: .whitespaces)
            guard fence.hasPrefix("```example") else { i += 1; continue }
            let options = fence.dropFirst("```example".count).split(separator: " ").map(String.init)
            let start = i + 1
            var body: [String] = []
            i += 1
            while i < lines.count && lines[i].trimmingCharacters(in: .whitespaces) != "```" { body.append(lines[i]); i += 1 }
            i += 1
            var sections: [[String]] = [[]]
            for l in body { if l == "---" { sections.append([]) } else { sections[sections.count - 1].append(l) } }
            guard sections.count == 3, !sections[0].isEmpty, !sections[2].isEmpty else {
                malformed.append("line \(start): an example needs template, `---`, data, `---`, expected text")
                continue
            }
            if let unknown = options.first(where: { $0 != "allow-missing" }) {
                malformed.append("line \(start): unknown option «\(unknown)» (there is only allow-missing)")
            }
            examples.append(DocExample(line: start, template: sections[0], data: sections[1].joined(separator: "\n"),
                                       expected: sections[2], allowMissing: options.contains("allow-missing")))
        }
        return (examples, malformed)
    }

    static let all: [DocExample] = parse(text).examples

    // MARK: Building a body

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Splits a table line into cells at `|` outside `{{ … }}`.
    static func cells(_ line: String) -> [String] {
        var inner = Substring(line.trimmingCharacters(in: .whitespaces))
        inner = inner.dropFirst().dropLast()
        var cells: [String] = [], current = "", depth = 0
        var chars = Array(inner)[...]
        while let c = chars.popFirst() {
            if c == "{", chars.first == "{" { depth += 1; current += "{{"; chars.removeFirst(); continue }
            if c == "}", chars.first == "}", depth > 0 { depth -= 1; current += "}}"; chars.removeFirst(); continue }
            if c == "|", depth == 0 { cells.append(current); current = ""; continue }
            current.append(c)
        }
        cells.append(current)
        return cells.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    static func isRow(_ line: String) -> Bool {
        let t = line.trimmingCharacters(in: .whitespaces)
        return t.count >= 2 && t.hasPrefix("|") && t.hasSuffix("|")
    }

    static func paragraph(_ text: String, _ dialect: Dialect) -> String {
        let runs = text.components(separatedBy: "‸")
        if dialect.name == Dialect.odt.name {
            return "<text:p>" + runs.map { "<text:span>\(escape($0))</text:span>" }.joined() + "</text:p>"
        }
        return "<w:p>" + runs.map { "<w:r><w:t xml:space=\"preserve\">\(escape($0))</w:t></w:r>" }.joined() + "</w:p>"
    }

    /// The template's lines as a DOCX `document.xml` or an ODT `content.xml`.
    static func document(_ template: [String], _ dialect: Dialect) -> String {
        let odt = dialect.name == Dialect.odt.name
        var body = "", rows: [String] = []
        func flush() {
            guard !rows.isEmpty else { return }
            body += odt ? "<table:table>" : "<w:tbl>"
            for r in rows {
                body += odt ? "<table:table-row>" : "<w:tr>"
                for c in cells(r) {
                    let ps = c.components(separatedBy: "¶").map { paragraph($0.trimmingCharacters(in: .whitespaces), dialect) }.joined()
                    body += odt ? "<table:table-cell>\(ps)</table:table-cell>" : "<w:tc>\(ps)</w:tc>"
                }
                body += odt ? "</table:table-row>" : "</w:tr>"
            }
            body += odt ? "</table:table>" : "</w:tbl>"
            rows = []
        }
        for line in template {
            if isRow(line) { rows.append(line); continue }
            flush()
            body += paragraph(line, dialect)
        }
        flush()
        if odt {
            return """
            <?xml version="1.0" encoding="UTF-8"?>
            <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
            xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"><office:body><office:text>\(body)</office:text></office:body></office:document-content>
            """
        }
        return """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
        """
    }

    // MARK: Rendering

    struct Outcome {
        var text: String?
        var errors: [String]
        var warnings: [String]
        var messages: [String]
        /// DOCX cells left without a paragraph (Word calls such a file damaged).
        var cellsWithoutParagraph = 0
    }

    static func render(_ e: DocExample, _ dialect: Dialect) throws -> Outcome {
        let value: Value
        if e.data.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            value = [:]
        } else {
            value = try DataLoader.yaml(e.data).value
        }
        let xml = document(e.template, dialect)
        let doc = try XMLParser.parse(Array(xml.utf8))
        let part = dialect.name == Dialect.odt.name ? "content.xml" : "word/document.xml"
        switch PartTemplate.compile(doc, part: part, dialect: dialect) {
        case .failure(let p):
            return Outcome(text: nil, errors: p.items.filter { $0.severity == .error }.map(\.code.rawValue),
                           warnings: p.items.filter { $0.severity != .error }.map(\.code.rawValue), messages: p.items.map { $0.line() })
        case .success(let t):
            let r = t.render(value, options: RenderOptions(allowMissing: e.allowMissing, images: ImageLoader.resolver(base: docs.path)))
            let errors = r.problems.filter { $0.severity == .error }
            // Warnings of the compile (a cell a column loop cannot repeat) and of the render.
            let warnings = t.warnings + r.problems.filter { $0.severity != .error }
            let messages = (t.warnings + r.problems).map { $0.line() }
            if !errors.isEmpty { return Outcome(text: nil, errors: errors.map(\.code.rawValue), warnings: warnings.map(\.code.rawValue), messages: messages) }
            return Outcome(text: try visibleText(r.bytes), errors: [], warnings: warnings.map(\.code.rawValue), messages: messages,
                           cellsWithoutParagraph: dialect.name == Dialect.docx.name ? try cellsWithoutParagraph(r.bytes) : 0)
        }
    }

    /// The visible text: one line per paragraph; a table row as `| … | … |` with `¶` between a cell's
    /// paragraphs; breaks `⏎`, tabs `⇥`, pictures `[картинка W × H см]`.
    static func visibleText(_ bytes: [UInt8]) throws -> String {
        let doc = try XMLParser.parse(bytes)
        var lines: [String] = []
        func local(_ e: XMLElement) -> String { e.name.split(separator: ":").last.map(String.init) ?? e.name }
        func centimetres(_ s: String) -> String {
            let t = String(format: "%.2f", Double(s) ?? 0)
            var u = t
            while u.hasSuffix("0") { u.removeLast() }
            if u.hasSuffix(".") { u.removeLast() }
            return u.replacingOccurrences(of: ".", with: ",")
        }
        func picture(_ e: XMLElement) -> String {
            if e.name.hasPrefix("draw:") {
                let w = (e[attribute: "svg:width"] ?? "").replacingOccurrences(of: "cm", with: "")
                let h = (e[attribute: "svg:height"] ?? "").replacingOccurrences(of: "cm", with: "")
                return "[картинка \(centimetres(w)) × \(centimetres(h)) см]"
            }
            var cx = "0", cy = "0"
            func find(_ x: XMLElement) {
                if local(x) == "extent", x.name.hasPrefix("wp:") { cx = x[attribute: "cx"] ?? "0"; cy = x[attribute: "cy"] ?? "0"; return }
                for c in x.children { if case .element(let y) = c { find(y) } }
            }
            find(e)
            return "[картинка \(centimetres(String((Double(cx) ?? 0) / 360000))) × \(centimetres(String((Double(cy) ?? 0) / 360000))) см]"
        }
        func inline(_ e: XMLElement, _ s: inout String) {
            switch local(e) {
            case "t" where e.name.hasPrefix("w:"): s += e.textContent
            case "br", "line-break": s += "⏎"
            case "tab": s += "⇥"
            case "s" where e.name.hasPrefix("text:"): s += String(repeating: " ", count: Int(e[attribute: "text:c"] ?? "1") ?? 1)
            case "drawing" where e.name.hasPrefix("w:"), "frame" where e.name.hasPrefix("draw:"): s += picture(e)
            case "instrText", "delText": break
            default:
                for c in e.children {
                    switch c {
                    case .element(let x): inline(x, &s)
                    case .text(let t) where e.name.hasPrefix("text:"): s += t
                    default: break
                    }
                }
            }
        }
        func paragraphText(_ e: XMLElement) -> String { var s = ""; inline(e, &s); return s }
        func cellText(_ e: XMLElement) -> String {
            var ps: [String] = []
            func walk(_ x: XMLElement) {
                if local(x) == "p" || local(x) == "h" { ps.append(paragraphText(x)); return }
                for c in x.children { if case .element(let y) = c { walk(y) } }
            }
            walk(e)
            return ps.joined(separator: "¶")
        }
        func block(_ e: XMLElement) {
            switch local(e) {
            case "p", "h": lines.append(paragraphText(e))
            case "tr", "table-row":
                var cells: [String] = []
                for c in e.children {
                    if case .element(let x) = c, local(x) == "tc" || local(x) == "table-cell" { cells.append(cellText(x)) }
                }
                lines.append("| " + cells.joined(separator: " | ") + " |")
            default:
                for c in e.children { if case .element(let x) = c { block(x) } }
            }
        }
        block(doc.root)
        return lines.joined(separator: "\n")
    }

    static func cellsWithoutParagraph(_ bytes: [UInt8]) throws -> Int {
        var n = 0
        func walk(_ e: XMLElement) {
            let children = e.children.compactMap { if case .element(let x) = $0 { return x } else { return nil } }
            if e.name == "w:tc", !children.contains(where: { $0.name == "w:p" || $0.name == "w:tbl" }) { n += 1 }
            children.forEach(walk)
        }
        walk(try XMLParser.parse(bytes).root)
        return n
    }

    /// The filter names in the first column of the doc's filter table.
    static func documentedFilters(_ text: String) -> [String] {
        guard let start = text.range(of: "## Фильтры") else { return [] }
        var names: [String] = []
        for line in text[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") { break }
            guard line.hasPrefix("| `") else { continue }
            // Every `name` or `name: …` in backticks in the first column (up to its first bare `|`).
            let first = line.dropFirst(2).prefix { $0 != "|" }
            for m in String(first).matches(of: /`([a-zа-яё]+)[`:]/) { names.append(String(m.1)) }
        }
        return names
    }
}

@Suite struct DocExamplesTests {
    @Test func theDocHasWellFormedExamples() {
        let (examples, malformed) = DocExamples.parse(DocExamples.text)
        #expect(malformed.isEmpty, "\(malformed)")
        #expect(examples.count >= 30, "only \(examples.count) examples in docs/template-language.md")
    }

    /// The notation itself: cells split outside tags, `¶` and `‸` become paragraphs and runs.
    @Test func theNotationBuildsWhatItSays() throws {
        #expect(DocExamples.cells("| {{a | upper}} | b ¶ c |  |") == ["{{a | upper}}", "b ¶ c", ""])
        let xml = DocExamples.document(["x‸y", "| a ¶ b | c |", "| d | e |"], .docx)
        #expect(xml.contains("<w:p><w:r><w:t xml:space=\"preserve\">x</w:t></w:r><w:r><w:t xml:space=\"preserve\">y</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p>"))
        #expect(xml.components(separatedBy: "<w:tr>").count == 3 && xml.components(separatedBy: "<w:tbl>").count == 2)
        #expect(try DocExamples.visibleText(Array(xml.utf8)) == "xy\n| a¶b | c |\n| d | e |")
    }

    @Test(arguments: DocExamples.all)
    func exampleRendersInDOCX(_ e: DocExample) throws {
        try check(e, .docx)
    }

    @Test(arguments: DocExamples.all)
    func exampleRendersInODT(_ e: DocExample) throws {
        try check(e, .odt)
    }

    func check(_ e: DocExample, _ dialect: Dialect) throws {
        let o = try DocExamples.render(e, dialect)
        let place = "template-language.md:\(e.line) (\(dialect.name))"
        if !e.expectedErrors.isEmpty {
            #expect(Set(o.errors) == Set(e.expectedErrors), "\(place): errors \(o.errors), expected \(e.expectedErrors)\n\(o.messages.joined(separator: "\n"))")
            return
        }
        #expect(o.errors.isEmpty, "\(place): \(o.messages.joined(separator: "\n"))")
        #expect(Set(o.warnings) == Set(e.expectedWarnings), "\(place): warnings \(o.warnings), expected \(e.expectedWarnings)")
        #expect(o.cellsWithoutParagraph == 0, "\(place): \(o.cellsWithoutParagraph) table cells without a paragraph")
        if let text = o.text {
            #expect(text == e.expectedText, "\(place):\n--- got ---\n\(text)\n--- expected ---\n\(e.expectedText)")
        }
    }

    /// Every filter of the filter table has an example, and the table lists every filter the engine has.
    @Test func everyFilterIsDocumentedWithAnExample() {
        let documented = Set(DocExamples.documentedFilters(DocExamples.text))
        let engine = Set(TagParser.filters.keys)
        #expect(engine.subtracting(documented).isEmpty, "filters missing from the doc's table: \(engine.subtracting(documented).sorted())")
        #expect(documented.subtracting(engine).isEmpty, "filters in the doc the engine does not know: \(documented.subtracting(engine).sorted())")
        let templates = DocExamples.all.flatMap(\.template).joined(separator: "\n")
        for f in documented.sorted() {
            #expect(templates.contains(try! Regex("\\|\\s*\(f)\\b")), "no example uses the filter «\(f)»")
        }
    }

    /// Every loop variable and block tag the doc names has an example.
    @Test func everyTagAndLoopVariableHasAnExample() {
        let templates = DocExamples.all.flatMap(\.template).joined(separator: "\n")
        for needle in ["@index", "@number", "@first", "@last", "@key", "{{#each", "{{#if", "{{#unless", "{{else}}", "{{!", "this"] {
            #expect(templates.contains(needle), "no example uses \(needle)")
        }
    }
}
