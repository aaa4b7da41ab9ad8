import FuzzSupport
import Shablon
import ShablonData
import ShablonZip

// The XLSX loader. Input that starts as a zip is read as a whole workbook; anything else is split at NUL
// bytes into the parts of an otherwise valid workbook — the sheet, the shared strings, the styles, the
// workbook part — each missing one taken from a minimal default. A table that loads has one row number
// per row and no row wider than its header.

private func x(_ s: String) -> [UInt8] { Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + s).utf8) }
private let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
private let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

private let defaults: [(String, [UInt8])] = [
    ("xl/worksheets/sheet1.xml", x("<worksheet xmlns=\"\(main)\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>")),
    ("xl/sharedStrings.xml", x("<sst xmlns=\"\(main)\" count=\"1\" uniqueCount=\"1\"><si><t>имя</t></si></sst>")),
    ("xl/styles.xml", x("<styleSheet xmlns=\"\(main)\"><cellXfs count=\"1\"><xf numFmtId=\"14\"/></cellXfs></styleSheet>")),
    ("xl/workbook.xml", x("<workbook xmlns=\"\(main)\" xmlns:r=\"\(rel)\"><sheets><sheet name=\"Лист1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")),
]
private let fixed: [(String, [UInt8])] = [
    ("_rels/.rels", x("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"\(rel)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")),
    ("xl/_rels/workbook.xml.rels", x("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(rel)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"\(rel)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        + "<Relationship Id=\"rId3\" Type=\"\(rel)/styles\" Target=\"styles.xml\"/></Relationships>")),
]

private func workbook(_ input: [UInt8]) throws(ZipError) -> [UInt8] {
    let pieces = input.split(separator: 0, maxSplits: defaults.count - 1, omittingEmptySubsequences: false)
    let w = try ZipWriter()
    for (name, content) in fixed { try w.add(name, content, compression: .store) }
    for (i, (name, content)) in defaults.enumerated() {
        try w.add(name, i < pieces.count ? Array(pieces[i]) : content, compression: .store)
    }
    return try w.finish()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let bytes: [UInt8]
    if SpreadsheetLoader.isZip(input) {
        bytes = input
    } else {
        do { bytes = try workbook(input) } catch {
            Fuzz.check(false, "ZipWriter failed: \(error)")
            return 0
        }
    }
    guard let table = try? SpreadsheetLoader.xlsx(bytes: bytes) else { return 0 }
    Fuzz.check(table.rows.count == table.rowNumbers.count, "\(table.rows.count) rows, \(table.rowNumbers.count) row numbers")
    for row in table.rows { Fuzz.check(row.count <= table.headers.count, "a row wider than the header") }
    return 0
}

#if !FUZZING
@main enum Replay { static func main() { Fuzz.replay(fuzz) } }
#endif
