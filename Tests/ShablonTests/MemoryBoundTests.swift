import Foundation
import Testing
import Shablon
import ShablonData
import ShablonXML
import ShablonZip

// Issue 12: a small file must not fill memory. The template's parts are bounded in nodes (`--max-xml-nodes`),
// data files and tables in values (`--max-values`); sheets are streamed into cells. The command-line runs
// below are made under a 1 GiB address-space limit (`ulimit -v`): every input was measured at 2 GiB and
// more before (docs/limits-data.md), the program now stays far below and answers.

/// A DOCX whose body holds `count` empty paragraphs after one with a tag.
private func emptyParagraphs(_ count: Int) -> [UInt8] {
    let xml = docxDocumentXML(wpText("{{name}}") + String(repeating: "<w:p/>", count: count), header: false, footer: false)
    return zipPackage(docxEntries(body: "", document: Array(xml.utf8)))
}

/// An XLSX whose sheet has a header, `rows` rows of `perRow` empty cells each (as spreadsheets write a
/// bloated sheet), and one row of data at the end.
private func bloatedWorkbook(rows: Int, perRow: Int) throws -> [UInt8] {
    let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    let empty = "<row>" + String(repeating: "<c/>", count: perRow) + "</row>"
    var sheet = #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\#(ns)"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>name</t></is></c></row>"#
    sheet += String(repeating: empty, count: rows)
    sheet += #"<row r="\#(rows + 2)"><c r="A\#(rows + 2)" t="inlineStr"><is><t>Школа № 5</t></is></c></row></sheetData></worksheet>"#
    let w = try ZipWriter()
    try w.add("[Content_Types].xml", Array(#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#.utf8), compression: .deflate(level: 9))
    try w.add("_rels/.rels", Array(#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="\#(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.utf8), compression: .deflate(level: 9))
    try w.add("xl/workbook.xml", Array(#"<?xml version="1.0"?><workbook xmlns="\#(ns)" xmlns:r="\#(rel)"><sheets><sheet name="Лист1" sheetId="1" r:id="r1"/></sheets></workbook>"#.utf8), compression: .deflate(level: 9))
    try w.add("xl/_rels/workbook.xml.rels", Array(#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="\#(rel)/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.utf8), compression: .deflate(level: 9))
    try w.add("xl/worksheets/sheet1.xml", Array(sheet.utf8), compression: .deflate(level: 9))
    return try w.finish()
}

/// Writes a file the test needs.
private func put(_ path: String, _ data: Data) {
    #expect(FileManager.default.createFile(atPath: path, contents: data), "cannot write \(path)")
}

@Suite struct TemplateNodeLimit {
    /// A template part of a million and more empty paragraphs (6 MB of XML, 20 KB zipped) was built
    /// into the engine's tree whole — 40 MiB of them passed 2 GiB. It is refused by default now.
    @Test func aPartOfTooManyNodesIsRefused() {
        let found = problems(emptyParagraphs(1_000_001))
        #expect(found.map(\.code) == ["xml-too-large"])
        #expect(found.first?.part == "word/document.xml")
        #expect(found.first?.hint?.ru.contains("--max-xml-nodes") == true)
    }

    /// The limit can be raised (and lowered).
    @Test func theLimitIsAnOption() throws {
        let bytes = emptyParagraphs(50)
        #expect(throws: Never.self) { try DocumentTemplate(bytes: bytes, partLimits: XMLLimits(maxNodes: 10_000)) }
        do {
            _ = try DocumentTemplate(bytes: bytes, partLimits: XMLLimits(maxNodes: 40))
            Issue.record("a part past the limit was compiled")
        } catch {
            #expect(error.items.map(\.code) == ["xml-too-large"])
            #expect(error.items.first?.message.ru.contains("больше 40 узлов XML") == true)
        }
    }

    @Test func theCommandLineTakesTheLimits() throws {
        let dir = TempDir()
        let docx = dir.file("t.docx"), yaml = dir.file("d.yaml"), csv = dir.file("t.csv")
        put(docx, Data(emptyParagraphs(50)))
        put(yaml, Data("name: Школа\nitems: [1, 2, 3]\n".utf8))
        put(csv, Data("name\nА\nБ\nВ\n".utf8))
        try expectFailingRun(["render", docx, yaml, "-o", dir.file("out.docx"), "--max-xml-nodes", "40"],
                             output: dir.file("out.docx"), inputs: [docx, yaml], status: 1, code: "xml-too-large")
        try expectFailingRun(["render", docx, yaml, "-o", dir.file("out.docx"), "--max-values", "4"],
                             output: dir.file("out.docx"), inputs: [docx, yaml], status: 1, code: "data-too-large")
        let batch = try CLI.run(["batch", docx, csv, "--name", "{{name}}", "-o", dir.file("out"), "--max-values", "3"])
        #expect(batch.status == 1 && batch.errors == ["csv-too-large"], "\(batch)")
        let ok = try CLI.run(["render", docx, yaml, "-o", dir.file("ok.docx"), "--max-xml-nodes", "10000", "--max-values", "6"])
        #expect(ok.status == 0, "\(ok)")
        let zero = try CLI.run(["render", docx, yaml, "-o", dir.file("z.docx"), "--max-values", "0"])
        #expect(zero.status == 2, "\(zero)")
    }
}

#if os(Linux)
/// The inputs of issue 12, run by the command-line program under a 1 GiB address-space limit. Before,
/// each needed more than 2 GiB (peak RSS, /usr/bin/time -v): the run died; now it answers.
@Suite(.serialized) struct MemoryBounds {
    static let limit = 1 << 20  // KiB: 1 GiB

    /// 20 MiB of empty cells (30 KB zipped): the sheet was built as a tree (3.4 GB for 60 MiB). Streamed,
    /// it costs what its one row of data costs.
    @Test func bloatedSheetForABatch() throws {
        let dir = TempDir()
        let book = dir.file("order.xlsx"), template = dir.file("t.docx")
        put(book, Data(try bloatedWorkbook(rows: 5_000, perRow: 1_050)))
        put(template, Data(emptyParagraphs(0)))
        let r = try CLI.run(["batch", template, book, "--name", "{{name}}", "-o", dir.file("out")], addressSpace: MemoryBounds.limit)
        #expect(r.status == 0, "\(r)")
        #expect(FileManager.default.fileExists(atPath: dir.file("out/Школа № 5.docx")), "\(r)")
    }

    /// 13 MiB of empty paragraphs (2.3 million, 40 KB zipped): refused at the node limit, having built
    /// a million nodes at the most.
    @Test func bloatedTemplateForARender() throws {
        let dir = TempDir()
        let template = dir.file("t.docx"), yaml = dir.file("d.yaml")
        put(template, Data(emptyParagraphs(2_300_000)))
        put(yaml, Data("name: Школа\n".utf8))
        let r = try CLI.run(["render", template, yaml, "-o", dir.file("out.docx")], addressSpace: MemoryBounds.limit)
        #expect(r.status == 1 && r.errors == ["xml-too-large"], "\(r)")
    }

    /// A 20 MB CSV of ten million one-letter rows: refused at the millionth value, naming the row.
    @Test func hugeTableForASpecification() throws {
        let dir = TempDir()
        let csv = dir.file("order.csv")
        put(csv, Data(("a\n" + String(repeating: "b\n", count: 10_000_000)).utf8))
        let r = try CLI.run(["spec", csv, "-o", dir.file("out")], addressSpace: MemoryBounds.limit)
        #expect(r.status == 1 && r.errors == ["csv-too-large"], "\(r)")
        #expect(r.stderr.contains("строка 1000001"), "\(r)")
    }
}
#endif
