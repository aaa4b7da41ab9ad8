import FuzzSupport
import ShablonData
import ShablonEngine
import ShablonXML

// The template lexer and parser on arbitrary text. The text becomes the body of a minimal
// `document.xml` (and of a `content.xml`): a line is a paragraph, byte 0x01 splits a paragraph into runs
// (so tags are split across runs as Word splits them), byte 0x02 splits a line into the cells of a table
// row (consecutive such lines are one table, with a grid of as many columns as its widest row), a line
// starting with byte 0x03 is a numbered list item. Each part is compiled, rendered with fixed data (missing
// values as errors, then allowed), and a render without errors must be well-formed XML.

private let wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
private let odfNS = """
xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
"""

/// Text as XML character data: markup escaped, characters XML 1.0 cannot hold left out.
private func escaped(_ s: Substring) -> String {
    var out = ""
    for u in s.unicodeScalars {
        switch u {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\t": out += "\t"
        case "\u{FFFE}", "\u{FFFF}": continue
        default: if u.value >= 0x20 { out.unicodeScalars.append(u) }
        }
    }
    return out
}

private struct Markup: Sendable {
    var open: String, close: String
    var paragraph: @Sendable (String) -> String
    var table: @Sendable (String, Int) -> String, row: @Sendable (String) -> String, cell: @Sendable (String) -> String
    var listItem: @Sendable (String) -> String
}

private let word = Markup(
    open: "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"\(wordNS)\"><w:body>",
    close: "<w:sectPr/></w:body></w:document>",
    paragraph: { line in
        "<w:p>" + line.split(separator: "\u{1}", omittingEmptySubsequences: false)
            .map { "<w:r><w:t xml:space=\"preserve\">\(escaped($0))</w:t></w:r>" }.joined() + "</w:p>"
    },
    table: { "<w:tbl><w:tblGrid>" + String(repeating: "<w:gridCol w:w=\"1200\"/>", count: $1) + "</w:tblGrid>\($0)</w:tbl>" },
    row: { "<w:tr>\($0)</w:tr>" }, cell: { "<w:tc><w:tcPr><w:tcW w:w=\"1200\" w:type=\"dxa\"/></w:tcPr>\($0)</w:tc>" },
    listItem: { $0.replacingOccurrences(of: "<w:p>", with: "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>") })

private let open = Markup(
    open: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content \(odfNS)><office:automatic-styles>"
        + "<style:style style:name=\"C\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"2cm\" style:rel-column-width=\"1000*\"/></style:style>"
        + "</office:automatic-styles><office:body><office:text>",
    close: "</office:text></office:body></office:document-content>",
    paragraph: { line in
        "<text:p>" + line.split(separator: "\u{1}", omittingEmptySubsequences: false)
            .map { "<text:span>\(escaped($0))</text:span>" }.joined() + "</text:p>"
    },
    table: { "<table:table><table:table-column table:style-name=\"C\" table:number-columns-repeated=\"\($1)\"/>\($0)</table:table>" },
    row: { "<table:table-row>\($0)</table:table-row>" },
    cell: { "<table:table-cell>\($0)</table:table-cell>" },
    listItem: { "<text:list xml:id=\"l1\" text:continue-numbering=\"true\"><text:list-item>\($0)</text:list-item></text:list>" })

private func document(_ text: String, _ m: Markup) -> String {
    var body = "", rows = "", columns = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.contains("\u{2}") {
            let cells = line.split(separator: "\u{2}", omittingEmptySubsequences: false)
            rows += m.row(cells.map { m.cell(m.paragraph(String($0))) }.joined())
            columns = max(columns, cells.count)
            continue
        }
        if !rows.isEmpty { body += m.table(rows, columns); rows = ""; columns = 0 }
        if line.first == "\u{3}" {
            body += m.listItem(m.paragraph(String(line.dropFirst())))
        } else {
            body += m.paragraph(String(line))
        }
    }
    if !rows.isEmpty { body += m.table(rows, columns) }
    return m.open + body + m.close
}

private func run(_ xml: String, dialect: Dialect) {
    let bytes = Array(xml.utf8)
    let compiled: Result<PartTemplate, Problems>
    do {
        compiled = try PartTemplate.compile(bytes: bytes, part: "word/document.xml", dialect: dialect)
    } catch {
        Fuzz.check(false, "the wrapper is not well-formed: \(error)\n\(xml)")
        return
    }
    guard case .success(let template) = compiled else { return }
    for allowMissing in [false, true] {
        let r = Fuzz.renderWithinBudget(template, allowMissing: allowMissing, inputSize: bytes.count)
        if !r.problems.contains(where: { $0.severity == .error }) { Fuzz.checkWellFormed(r.bytes, "rendered \(dialect.name)") }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    run(document(text, word), dialect: .docx)
    run(document(text, open), dialect: .odt)
    return 0
}

#if !FUZZING
@main enum Replay { static func main() { Fuzz.replay(fuzz) } }
#endif
