import Foundation
import Testing
import Shablon
import ShablonData
import ShablonDocuments
import ShablonRussian
import ShablonZip

let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let repository = testsFolder.deletingLastPathComponent().deletingLastPathComponent()
let examples = repository.appendingPathComponent("examples/orders")

func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

// MARK: - Deterministic randomness

/// SplitMix64: a tiny deterministic generator, so every «random» order is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// An amount in kopecks as an exact decimal: 123456 → 1234.56.
func rubles(kopecks: Int) -> Decimal { Decimal(sign: kopecks < 0 ? .minus : .plus, exponent: -2, significand: Decimal(abs(kopecks))) }

/// An exact decimal amount in whole kopecks (the test fails when it is not).
func kopecks(_ d: Decimal, sourceLocation: SourceLocation = #_sourceLocation) -> Int {
    let k = d * 100
    let i = NSDecimalNumber(decimal: k).int64Value
    #expect(Decimal(i) == k, "\(d) is not a whole number of kopecks", sourceLocation: sourceLocation)
    return Int(i)
}

/// A random order: schools, publishers (each written two ways: «…» and "…"), textbooks with prices in
/// kopecks (from 1 kopeck), quantities, a school ordering the same book twice, a book at two prices.
func randomOrder(_ rng: inout SplitMix64) -> TextbookOrder {
    let schoolCount = Int.random(in: 1...14, using: &rng)
    let publisherCount = Int.random(in: 1...6, using: &rng)
    let grades = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "10-11", "1-4", "5-6"]
    struct Book { var fpu: String; var grade: String; var publisher: Int; var price: Decimal; var title: String; var year: Int? }
    var books: [Book] = []
    for i in 0..<Int.random(in: 1...40, using: &rng) {
        let p = Int.random(in: 0..<publisherCount, using: &rng)
        let priceKopecks = Bool.random(using: &rng) ? Int.random(in: 1...999, using: &rng) : Int.random(in: 10_000...450_000, using: &rng)
        let grade = grades.randomElement(using: &rng)!
        books.append(Book(fpu: "1.1.\(p + 1).\(i % 7 + 1).\(i + 1)", grade: grade, publisher: p, price: rubles(kopecks: priceKopecks),
                          title: "Учебник № \(i + 1). \(grade) класс", year: Bool.random(using: &rng) ? 2020 + i % 6 : nil))
        if Int.random(in: 0..<8, using: &rng) == 0 {
            // The same book (ФПУ number and class) at another price: another specification line.
            var other = books[books.count - 1]
            other.price = other.price + rubles(kopecks: Int.random(in: 1...5_000, using: &rng))
            books.append(other)
        }
    }
    var lines: [OrderLine] = []
    for s in 0..<schoolCount {
        let school = "МБОУ «СОШ № \(s + 1)»"
        for b in books where Int.random(in: 0..<3, using: &rng) > 0 {
            let repeats = Int.random(in: 0..<10, using: &rng) == 0 ? 2 : 1
            for _ in 0..<repeats {
                let publisher = Bool.random(using: &rng) ? "ООО «Издательство № \(b.publisher + 1)»" : "ООО \"Издательство № \(b.publisher + 1)\""
                lines.append(OrderLine(school: school, fpuNumber: b.fpu, authors: "Автор \(b.fpu)", title: b.title, grade: b.grade,
                                       publisher: publisher, year: b.year, quantity: Int.random(in: 1...400, using: &rng),
                                       price: b.price, row: lines.count + 2))
            }
        }
    }
    if lines.isEmpty {
        lines.append(OrderLine(school: "МБОУ «СОШ № 1»", fpuNumber: "1.1.1.1.1", title: "Учебник", grade: "5",
                               publisher: "ООО «Издательство № 1»", quantity: 1, price: rubles(kopecks: 1), row: 2))
    }
    return TextbookOrder(lines: lines)
}

// MARK: - Files as Excel writes them

/// Windows-1251 bytes of a text (the characters a Russian order uses); the test fails on any other.
func windows1251(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8] {
    let high: [UInt32] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x0098, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
    ]
    var out: [UInt8] = []
    for s in text.unicodeScalars {
        if s.value < 0x80 { out.append(UInt8(s.value)) }
        else if (0x0410...0x044F).contains(s.value) { out.append(UInt8(s.value - 0x0410 + 0xC0)) }
        else if let i = high.firstIndex(of: s.value) { out.append(UInt8(0x80 + i)) }
        else { Issue.record("U+\(String(s.value, radix: 16)) has no Windows-1251 byte", sourceLocation: sourceLocation); out.append(0x3F) }
    }
    return out
}

/// «845,9» — a decimal comma, as Russian Excel writes a number into CSV; `grouped` gives «1 012,45» with
/// no-break spaces and two decimals, as it writes a cell formatted with thousands.
func russian(_ d: Decimal, grouped: Bool = false) -> String {
    grouped ? RussianFormat.number(d, fractionDigits: 2) : "\(d)".replacingOccurrences(of: ".", with: ",")
}

/// An order written as Excel's «CSV (разделители — точка с запятой)»: `;`, quotes doubled, CRLF.
func orderCSV(_ order: TextbookOrder) -> String {
    func field(_ s: String) -> String {
        s.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
    var rows = [["Школа", "№ в ФПУ", "Автор(ы)", "Наименование", "Класс", "Издательство", "Год издания", "Кол-во", "Цена, руб."]]
    for l in order.lines {
        rows.append([l.school, l.fpuNumber, l.authors, l.title, l.grade, l.publisher, l.year.map(String.init) ?? "",
                     String(l.quantity), russian(l.price)])
    }
    return rows.map { $0.map(field).joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
}

// MARK: - Hand-made workbooks

/// An XLSX package assembled from parts, as small as Excel accepts.
func workbook(sheets: [(name: String, xml: String)], sharedStrings: [String]? = nil, styles: String? = nil,
              workbookPr: String = "") throws -> [UInt8] {
    let w = try ZipWriter()
    let ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    func add(_ name: String, _ text: String) throws { try w.add(name, Array(text.utf8), compression: .deflate(level: 6)) }
    try add("[Content_Types].xml", #"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#)
    try add("_rels/.rels", #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)
    var rels = ""
    var list = ""
    for (i, s) in sheets.enumerated() {
        rels += #"<Relationship Id="rId\#(i + 1)" Type="\#(rel)/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
        list += #"<sheet name="\#(s.name)" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
    }
    if sharedStrings != nil { rels += #"<Relationship Id="rIdS" Type="\#(rel)/sharedStrings" Target="/xl/sharedStrings.xml"/>"# }
    if styles != nil { rels += #"<Relationship Id="rIdT" Type="\#(rel)/styles" Target="styles.xml"/>"# }
    try add("xl/_rels/workbook.xml.rels", #"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\#(rels)</Relationships>"#)
    try add("xl/workbook.xml", #"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="\#(ns)" xmlns:r="\#(rel)">\#(workbookPr)<sheets>\#(list)</sheets></workbook>"#)
    for (i, s) in sheets.enumerated() {
        try add("xl/worksheets/sheet\(i + 1).xml", #"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="\#(ns)" xmlns:r="\#(rel)">\#(s.xml)</worksheet>"#)
    }
    if let sharedStrings {
        try add("xl/sharedStrings.xml", #"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="\#(ns)">"# + sharedStrings.joined() + "</sst>")
    }
    if let styles { try add("xl/styles.xml", #"<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="\#(ns)">\#(styles)</styleSheet>"#) }
    return try w.finish()
}

/// A sheet's `sheetData` from rows of inline cells: `("A1", "s", "text")`, `("B1", "n", "12.5")`.
func sheetData(_ cells: [(String, String, String)], extra: String = "") -> String {
    var rows: [Int: String] = [:]
    for (ref, type, value) in cells {
        let row = Int(ref.drop { $0.isLetter })!
        switch type {
        case "is": rows[row, default: ""] += #"<c r="\#(ref)" t="inlineStr"><is><t>\#(value)</t></is></c>"#
        case "n": rows[row, default: ""] += #"<c r="\#(ref)"><v>\#(value)</v></c>"#
        default: rows[row, default: ""] += #"<c r="\#(ref)" t="\#(type)"><v>\#(value)</v></c>"#
        }
    }
    return "<sheetData>" + rows.keys.sorted().map { #"<row r="\#($0)">"# + rows[$0]! + "</row>" }.joined() + "</sheetData>" + extra
}

// MARK: - Problems

/// The problems a throwing body threw (empty when it did not throw).
func problems(_ body: () throws -> Void) -> [Problem] {
    do { try body() } catch let e as Problems { return e.items } catch { Issue.record("unexpected \(error)") }
    return []
}

/// The address of a problem located in a sheet cell, `лист «X», ячейка B2` → `B2`.
extension Problem {
    var cellAddress: String? {
        if case .sheetCell(_, let a)? = location { return a }
        return nil
    }
}
