import Foundation
import Testing
import Shablon
import ShablonData
import ShablonZip

@Suite struct XLSXReading {
    @Test func everyKindOfCell() throws {
        let strings = [
            "<si><t>Наименование</t></si>",
            // Rich text: runs joined; the phonetic run is not text.
            #"<si><r><rPr><b/></rPr><t>Русский </t></r><r><t xml:space="preserve">язык</t></r><rPh sb="0" eb="1"><t>ルス</t></rPh></si>"#,
            "<si><t>строка_x000D_вторая</t></si>",
            "<si><t>1 012,45</t></si>",
        ]
        let xml = sheetData([
            ("A1", "s", "0"), ("B1", "is", "Число"), ("C1", "is", "Да"), ("D1", "is", "Ошибка"), ("AB1", "is", "Далеко"),
            ("A2", "s", "1"), ("B2", "n", "0.30000000000000004"), ("C2", "b", "1"), ("D2", "e", "#DIV/0!"), ("AB2", "str", "формула"),
            ("A3", "s", "2"), ("B3", "n", "1.2345E3"), ("C3", "b", "0"), ("D3", "s", "3"),
        ]) + ""
        let table = try SpreadsheetLoader.xlsx(bytes: workbook(sheets: [("Лист1", xml)], sharedStrings: strings))
        #expect(table.sheet == "Лист1")
        // Columns A…AB: the ones without a header are «столбец N», so a header's index is its column.
        #expect(table.headers.count == 28)
        #expect(table.headers[0] == "Наименование" && table.headers[4] == "столбец 5" && table.headers[27] == "Далеко")
        #expect(table.rowNumbers == [2, 3])
        let r2 = table.rows[0], r3 = table.rows[1]
        #expect(r2["Наименование"] == "Русский язык")
        #expect(r2["Число"] == .number(Decimal(string: "0.3")!))
        #expect(r2["Да"] == .bool(true))
        #expect(r2["Ошибка"] == "#DIV/0!")
        #expect(r2["Далеко"] == "формула")
        #expect(r2["столбец 5"] == .null)
        #expect(r3["Наименование"] == "строка\rвторая")
        #expect(r3["Число"] == .number(Decimal(string: "1234.5")!))
        #expect(r3["Да"] == .bool(false))
        #expect(r3["Ошибка"] == .number(Decimal(string: "1012.45")!))  // text that reads as a number is a number
    }

    @Test func cellsAndRowsWithoutReferencesFollowEachOther() throws {
        let xml = #"<sheetData><row><c t="inlineStr"><is><t>А</t></is></c><c t="inlineStr"><is><t>Б</t></is></c></row><row><c><v>1</v></c><c><v>2</v></c></row></sheetData>"#
        let table = try SpreadsheetLoader.xlsx(bytes: workbook(sheets: [("Л", xml)]))
        #expect(table.headers == ["А", "Б"])
        #expect(table.rows == [ValueMap([("А", 1), ("Б", 2)])])
        #expect(table.rowNumbers == [2])
    }

    static let dateStyles = ##"<numFmts count="3"><numFmt numFmtId="164" formatCode="dd\.mm\.yyyy"/><numFmt numFmtId="165" formatCode="#,##0.00\ &quot;₽&quot;"/><numFmt numFmtId="166" formatCode="[$-419]ДД.ММ.ГГГГ"/></numFmts><cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/></cellXfs>"##

    @Test func datesByTheirStyleIn1900And1904Systems() throws {
        func cell(_ ref: String, _ style: Int, _ v: String) -> String { #"<c r="\#(ref)" s="\#(style)"><v>\#(v)</v></c>"# }
        let xml = "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Д</t></is></c></row>"
            + "<row r=\"2\">" + cell("A2", 1, "45292") + "</row>"       // built-in 14: 01.01.2024
            + "<row r=\"3\">" + cell("A3", 2, "45540.75") + "</row>"    // dd.mm.yyyy, with a time of day: 05.09.2024
            + "<row r=\"4\">" + cell("A4", 3, "45540") + "</row>"       // a money format: a number
            + "<row r=\"5\">" + cell("A5", 4, "61") + "</row>"          // ДД.ММ.ГГГГ: 01.03.1900
            + "<row r=\"6\">" + cell("A6", 0, "45540") + "</row>"       // no format: a number
            + #"<row r="7"><c r="A7" t="d"><v>2024-09-05T00:00:00</v></c></row>"#
            + "</sheetData>"
        let t1900 = try SpreadsheetLoader.xlsx(bytes: workbook(sheets: [("Л", xml)], styles: XLSXReading.dateStyles))
        #expect(t1900.rows.map { $0["Д"] } == [.date(CalendarDate(year: 2024, month: 1, day: 1)!), .date(CalendarDate(year: 2024, month: 9, day: 5)!),
                                               .number(45540), .date(CalendarDate(year: 1900, month: 3, day: 1)!), .number(45540),
                                               .date(CalendarDate(year: 2024, month: 9, day: 5)!)])
        let t1904 = try SpreadsheetLoader.xlsx(bytes: workbook(sheets: [("Л", xml)], styles: XLSXReading.dateStyles, workbookPr: #"<workbookPr date1904="1"/>"#))
        #expect(t1904.rows[0]["Д"] == .date(CalendarDate(year: 2028, month: 1, day: 2)!))  // 45292 days after 01.01.1904
    }

    @Test(arguments: [
        (1, false, "1900-01-01"), (59, false, "1900-02-28"), (61, false, "1900-03-01"), (45292, false, "2024-01-01"),
        (45540, false, "2024-09-05"), (2_958_465, false, "9999-12-31"), (0, true, "1904-01-01"), (43830, true, "2024-01-01"),
    ])
    func serialDays(_ serial: Int, _ system1904: Bool, _ iso: String) {
        #expect(SpreadsheetLoader.date(serial: serial, system1904: system1904) == CalendarDate(parsing: iso))
    }

    @Test func serialsThatAreNoDate() {
        #expect(SpreadsheetLoader.date(serial: 60, system1904: false) == nil)  // Excel's 29.02.1900
        #expect(SpreadsheetLoader.date(serial: 0, system1904: false) == nil)
        #expect(SpreadsheetLoader.date(serial: -1, system1904: true) == nil)
        #expect(SpreadsheetLoader.date(serial: 2_958_466, system1904: false) == nil)
    }

    @Test func aDateCellThatIsNoDateIsReportedByAddress() {
        let xml = #"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Д</t></is></c></row><row r="2"><c r="A2" s="1"><v>60</v></c></row><row r="3"><c r="A3"><v>1,5</v></c></row></sheetData>"#
        let found = problems { _ = try SpreadsheetLoader.xlsx(bytes: workbook(sheets: [("Даты", xml)], styles: XLSXReading.dateStyles)) }
        #expect(found.map(\.code) == ["xlsx-cell", "xlsx-cell"])
        #expect(found.map(\.location) == [.sheetCell(sheet: "Даты", address: "A2"), .sheetCell(sheet: "Даты", address: "A3")])
    }

    @Test(arguments: [("0.1", "0.1"), ("4.4999999999999998E-2", "0.045"), ("845.9", "845.9"), ("1012.45", "1012.45"),
                      ("-1.5E-3", "-0.0015"), ("123456789012345678", "123456789012346000"), ("0.999999999999999999", "1"), ("1E+2", "100")])
    func numbersAreReadExactlyTo15Digits(_ text: String, _ value: String) {
        #expect(SpreadsheetLoader.excelNumber(text) == Decimal(string: value)!)
    }

    @Test func notNumbers() {
        for text in ["", "abc", "1,5", "1.2.3", "E5", "1E", "--1", "1e400"] { #expect(SpreadsheetLoader.excelNumber(text) == nil, "\(text)") }
    }

    @Test func columnLettersAndAddresses() {
        #expect([1, 26, 27, 52, 53, 702, 703, 16384].map(SpreadsheetLoader.columnLetters) == ["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"])
        for n in 1...16384 { #expect(SpreadsheetLoader.parseAddress(SpreadsheetLoader.columnLetters(n) + "7")! == (n, 7)) }
        #expect(SpreadsheetLoader.parseAddress("$B$12")! == (2, 12))
        for bad in ["12", "B", "XFE1", "A0", "A1048577", "1A", "AAAA1", "Б2"] { #expect(SpreadsheetLoader.parseAddress(bad) == nil, "\(bad)") }
    }

    @Test func theSheetByNameOrTheFirstVisibleOne() throws {
        let first = sheetData([("A1", "is", "Лист"), ("A2", "is", "первый")])
        let second = sheetData([("A1", "is", "Лист"), ("A2", "is", "второй")])
        let book = try workbook(sheets: [("Свод", first), ("Заказ школ", second)])
        #expect(try SpreadsheetLoader.xlsx(bytes: book).rows[0]["Лист"] == "первый")
        #expect(try SpreadsheetLoader.xlsx(bytes: book, sheet: "Заказ школ").rows[0]["Лист"] == "второй")
        #expect(try SpreadsheetLoader.xlsx(bytes: book, sheet: " заказ ШКОЛ ").rows[0]["Лист"] == "второй")
        #expect(try SpreadsheetLoader.sheetNames(bytes: book) == ["Свод", "Заказ школ"])
        let found = problems { _ = try SpreadsheetLoader.xlsx(bytes: book, sheet: "Заказ") }
        #expect(found.map { $0.line() } == ["error[xlsx-sheet-missing]: в книге нет листа «Заказ». Листы книги: «Свод», «Заказ школ»."])
        // A hidden first sheet is passed over.
        var hidden = String(decoding: try ZipArchive(bytes: book).read("xl/workbook.xml"), as: UTF8.self)
        hidden = hidden.replacingOccurrences(of: #"<sheet name="Свод""#, with: #"<sheet state="hidden" name="Свод""#)
        let w = try ZipWriter()
        let source = try ZipArchive(bytes: book)
        for e in source.entries {
            if e.name == "xl/workbook.xml" { try w.add(e.name, Array(hidden.utf8), compression: .deflate(level: 6)) } else { try w.copy(e.name, from: source) }
        }
        #expect(try SpreadsheetLoader.xlsx(bytes: w.finish()).rows[0]["Лист"] == "второй")
    }

    @Test func mergedCellsShowTheirValueInEveryCell() throws {
        let xml = sheetData([("A1", "is", "Школа"), ("B1", "is", "Учебник"), ("A2", "is", "СОШ № 1"), ("B2", "is", "Букварь"),
                             ("B3", "is", "Азбука"), ("B4", "is", "Прописи")], extra: #"<mergeCells count="1"><mergeCell ref="A2:A4"/></mergeCells>"#)
        let table = try SpreadsheetLoader.xlsx(bytes: workbook(sheets: [("Л", xml)]))
        #expect(table.rows.map { $0["Школа"] } == ["СОШ № 1", "СОШ № 1", "СОШ № 1"])
    }

    @Test func aRepeatedHeaderIsReported() {
        let xml = sheetData([("A1", "is", "Цена"), ("B1", "is", "Цена"), ("A2", "n", "1"), ("B2", "n", "2")])
        let found = problems { _ = try SpreadsheetLoader.xlsx(bytes: workbook(sheets: [("Л", xml)])) }
        #expect(found.map(\.code) == ["xlsx-duplicate-header"])
        #expect(found.first?.cellAddress == "B1")
    }

    @Test func filesThatAreNotWorkbooks() throws {
        #expect(problems { _ = try SpreadsheetLoader.xlsx(bytes: Array("Школа;Цена\n".utf8)) }.map(\.code) == ["xlsx-invalid"])
        let xls: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504)
        let old = problems { _ = try SpreadsheetLoader.table(bytes: xls) }
        #expect(old.map(\.code) == ["xlsx-invalid"])
        #expect(old.first?.message.ru.contains(".xls") == true)
        let w = try ZipWriter()
        try w.add("word/document.xml", Array("<w:document/>".utf8), compression: .store)
        #expect(problems { _ = try SpreadsheetLoader.xlsx(bytes: w.finish()) }.map(\.code) == ["xlsx-invalid"])
        // A cut-short workbook.
        let book = try workbook(sheets: [("Л", sheetData([("A1", "is", "А")]))])
        #expect(problems { _ = try SpreadsheetLoader.xlsx(bytes: Array(book.prefix(book.count / 2))) }.map(\.code) == ["damaged-package"])
        // Malformed XML in the sheet.
        let broken = try workbook(sheets: [("Л", "<sheetData><row>")])
        #expect(problems { _ = try SpreadsheetLoader.xlsx(bytes: broken) }.map(\.code) == ["xml-malformed"])
    }

    @Test func csvIsReadAsCSV() throws {
        let table = try SpreadsheetLoader.table(bytes: windows1251("Школа;Цена\r\nСОШ № 1;845,90\r\n"), sheet: "ignored")
        #expect(table.rows == [ValueMap([("Школа", "СОШ № 1"), ("Цена", .number(Decimal(string: "845.9")!))])])
    }
}
