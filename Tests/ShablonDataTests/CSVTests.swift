import Foundation
import Testing
@testable import ShablonData

@Suite("CSV")
struct CSVTests {
    @Test func windows1251WithSemicolons() throws {
        #expect(cp1251("Школа") == [0xD8, 0xEA, 0xEE, 0xEB, 0xE0])
        let bytes = cp1251("Школа;Сумма;Дата;Примечание\r\nМБОУ «СОШ № 5»;1 234,50;05.09.2024;ёлка\r\nГимназия;-5;2024-09-06;\r\n")
        let table = try DataLoader.csv(bytes)
        #expect(table.headers == ["Школа", "Сумма", "Дата", "Примечание"])
        #expect(table.rows.count == 2)
        #expect(table.rows[0]["Школа"] == .string("МБОУ «СОШ № 5»"))
        #expect(table.rows[0]["Сумма"] == .number(dec("1234.5")))
        #expect(table.rows[0]["Дата"] == day(2024, 9, 5))
        #expect(table.rows[0]["Примечание"] == .string("ёлка"))
        #expect(table.rows[1]["Сумма"] == .number(-5))
        #expect(table.rows[1]["Дата"] == day(2024, 9, 6))
        #expect(table.rows[1]["Примечание"] == .null)
        #expect(table.rowNumbers == [2, 3])
        #expect(table.sheet == nil)
    }

    @Test func windows1251TableIsComplete() {
        // Every byte decodes to something, and the Cyrillic range is in alphabetical order.
        let all = CSVReader.decodeWindows1251(ArraySlice((0...255).map { UInt8($0) }))
        #expect(all.unicodeScalars.count == 256)
        #expect(CSVReader.decodeWindows1251([0xA8, 0xB8, 0xB9, 0x96, 0x97, 0x88][...]) == "Ёё№–—€")
        #expect(CSVReader.decodeWindows1251(ArraySlice(cp1251("АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя")))
            == "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя")
    }

    @Test func utf8WithByteOrderMarkAndCommas() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Школа,Сумма\nСОШ № 5,\"1 234,50\"\nЛицей,1234.50\n".utf8)
        let table = try DataLoader.csv(bytes)
        #expect(table.headers == ["Школа", "Сумма"])
        #expect(table.rows[0]["Сумма"] == .number(dec("1234.50")))
        #expect(table.rows[1]["Сумма"] == .number(dec("1234.5")))
    }

    @Test func tabsAndUTF16() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "Школа\tКлассы\r\nСОШ № 5\t11\r\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let table = try DataLoader.csv(bytes)
        #expect(table.headers == ["Школа", "Классы"])
        #expect(table.rows[0]["Классы"] == .number(11))
    }

    @Test func quotedCellsWithDelimitersQuotesAndLineBreaks() throws {
        let text = "Название;Описание;Цена\n\"Книга; том 1\";\"Сказка \"\"Репка\"\"\";\"100,00\"\n\"Журнал\";\"строка 1\r\nстрока 2\";50\nГазета;просто;\"\"\n"
        let table = try DataLoader.csv(Array(text.utf8))
        #expect(table.rows.count == 3)
        #expect(table.rows[0]["Название"] == .string("Книга; том 1"))
        #expect(table.rows[0]["Описание"] == .string("Сказка \"Репка\""))
        #expect(table.rows[0]["Цена"] == .number(100))
        #expect(table.rows[1]["Описание"] == .string("строка 1\r\nстрока 2"))
        #expect(table.rows[2]["Цена"] == .null)
        // Rows are numbered as a spreadsheet shows them, not by file lines.
        #expect(table.rowNumbers == [2, 3, 4])
    }

    @Test func quotesInsideUnquotedCellsAreKeptLikeExcel() throws {
        let table = try DataLoader.csv(Array("a;b\nкнига \"Репка\";\"x\"y\n".utf8))
        #expect(table.rows[0]["a"] == .string("книга \"Репка\""))
        #expect(table.rows[0]["b"] == .string("xy"))
    }

    @Test func decimalCommaNumbersAndGrouping() throws {
        let text = "a;b;c;d;e;f;g;h\n1 234,50;1\u{A0}234,50;1\u{202F}234 567;0,5;-0,25;−7;12 34;007\n"
        let table = try DataLoader.csv(Array(text.utf8))
        let row = table.rows[0]
        #expect(row["a"] == .number(dec("1234.5")))
        #expect(row["b"] == .number(dec("1234.5")))
        #expect(row["c"] == .number(1_234_567))
        #expect(row["d"] == .number(dec("0.5")))
        #expect(row["e"] == .number(dec("-0.25")))
        #expect(row["f"] == .number(-7))
        #expect(row["g"] == .string("12 34"))
        #expect(row["h"] == .string("007"))
    }

    @Test func raggedRowsAreReportedAllAtOnce() {
        let text = "a;b;c\n1;2;3\n1;2\n1;2;3\n1;2;3;4\n\"x;y\";2;3\n"
        let found = problems { _ = try DataLoader.csv(Array(text.utf8)) }
        #expect(found.map(\.code) == ["csv-row-length", "csv-row-length"])
        #expect(found.map(\.location) == [.row(3), .row(5)])
        #expect(found[0].message.ru == "в строке 3 ячеек: 2, а столбцов в заголовке: 3")
        #expect(found[1].message.en == "row 5 has 4 cells, but the header has 3 columns")
    }

    @Test func unclosedQuoteIsReportedWithItsLine() {
        let found = problems { _ = try DataLoader.csv(Array("a;b\n1;2\n3;\"текст\n4;5\n".utf8)) }
        #expect(found.map(\.code) == ["csv-syntax"])
        #expect(found.first?.location == .text(line: 3, column: 3))
        #expect(found.first?.message.ru == "кавычка, открытая в строке 3 (строка таблицы 3), не закрыта до конца файла")
    }

    @Test func emptyAndHeaderOnly() throws {
        #expect(problems { _ = try DataLoader.csv([]) }.map(\.code) == ["csv-empty"])
        #expect(problems { _ = try DataLoader.csv(Array(" \r\n\n".utf8)) }.map(\.code) == ["csv-empty"])
        #expect(problems { _ = try DataLoader.csv([0xEF, 0xBB, 0xBF]) }.map(\.code) == ["csv-empty"])
        let headerOnly = try DataLoader.csv(Array("Школа;Сумма\r\n".utf8))
        #expect(headerOnly.headers == ["Школа", "Сумма"])
        #expect(headerOnly.rows.isEmpty)
    }

    @Test func headersAreTrimmedNamedAndUnique() throws {
        let table = try DataLoader.csv(Array(" Школа ;;Сумма\nСОШ;x;1\n".utf8))
        #expect(table.headers == ["Школа", "столбец 2", "Сумма"])
        #expect(table.rows[0]["столбец 2"] == .string("x"))
        let found = problems { _ = try DataLoader.csv(Array("a;b;a;b\n1;2;3;4\n".utf8)) }
        #expect(found.map(\.code) == ["csv-duplicate-header", "csv-duplicate-header"])
        #expect(found.map(\.location) == [.sheetCell(sheet: nil, address: "C1"), .sheetCell(sheet: nil, address: "D1")])
    }

    @Test func blankRowsAreSkippedButCounted() throws {
        let table = try DataLoader.csv(Array("a;b\n1;2\n\n;;\n ; \n3;4\n\n\n".utf8))
        #expect(table.rows.count == 2)
        #expect(table.rowNumbers == [2, 6])
    }

    @Test func blankLinesBeforeTheHeaderAreSkipped() throws {
        let table = try DataLoader.csv(Array("\n  \r\na;b\n1;2\n".utf8))
        #expect(table.headers == ["a", "b"])
        #expect(table.rowNumbers == [4])
    }

    @Test func explicitSeparatorLine() throws {
        let table = try DataLoader.csv(Array("sep=,\nа;б,в\n1;2,3\n".utf8))
        #expect(table.headers == ["а;б", "в"])
        #expect(table.rowNumbers == [2])
    }

    @Test func delimiterDetectionRespectsQuotesAndSingleColumns() throws {
        let quoted = try DataLoader.csv(Array("\"a,b,c\";d\n1;2\n".utf8))
        #expect(quoted.headers == ["a,b,c", "d"])
        let single = try DataLoader.csv(Array("ФИО\nИванов, Иван\n".utf8))
        #expect(single.headers == ["ФИО"])
        #expect(single.rows[0]["ФИО"] == .string("Иванов, Иван"))
        let lineEndings = try DataLoader.csv(Array("a;b\r1;2\r".utf8))
        #expect(lineEndings.rows[0]["b"] == .number(2))
    }

    @Test func columnLetters() {
        #expect(CSVReader.columnLetters(1) == "A")
        #expect(CSVReader.columnLetters(26) == "Z")
        #expect(CSVReader.columnLetters(27) == "AA")
        #expect(CSVReader.columnLetters(703) == "AAA")
    }
}

@Suite("typedCell")
struct TypedCellTests {
    @Test func typesCells() {
        #expect(DataLoader.typedCell("1234") == .number(1234))
        #expect(DataLoader.typedCell("1 234,5") == .number(dec("1234.5")))
        #expect(DataLoader.typedCell("1\u{A0}234,5") == .number(dec("1234.5")))
        #expect(DataLoader.typedCell("1 234.50") == .number(dec("1234.5")))
        #expect(DataLoader.typedCell("1234.50") == .number(dec("1234.50")))
        #expect(DataLoader.typedCell("-5") == .number(-5))
        #expect(DataLoader.typedCell("0,5") == .number(dec("0.5")))
        #expect(DataLoader.typedCell("0") == .number(0))
        #expect(DataLoader.typedCell(" 42 ") == .number(42))
        #expect(DataLoader.typedCell("05.09.2024") == day(2024, 9, 5))
        #expect(DataLoader.typedCell("2024-09-05") == day(2024, 9, 5))
        #expect(DataLoader.typedCell("") == .null)
        #expect(DataLoader.typedCell(" \u{A0}\t") == .null)
    }

    @Test func keepsTextAsText() {
        #expect(DataLoader.typedCell("  МБОУ СОШ № 5 ") == .string("МБОУ СОШ № 5"))
        #expect(DataLoader.typedCell("007") == .string("007"))
        #expect(DataLoader.typedCell("0105012345") == .string("0105012345"))
        #expect(DataLoader.typedCell("1,234.50") == .string("1,234.50"))
        #expect(DataLoader.typedCell("1 23") == .string("1 23"))
        #expect(DataLoader.typedCell("1  234") == .string("1  234"))
        #expect(DataLoader.typedCell("1e3") == .string("1e3"))
        #expect(DataLoader.typedCell("5%") == .string("5%"))
        #expect(DataLoader.typedCell("100 ₽") == .string("100 ₽"))
        #expect(DataLoader.typedCell("1,") == .string("1,"))
        #expect(DataLoader.typedCell(",5") == .string(",5"))
        #expect(DataLoader.typedCell("-") == .string("-"))
        #expect(DataLoader.typedCell("30.02.2024") == .string("30.02.2024"))
        #expect(DataLoader.typedCell("5.9.2024") == .string("5.9.2024"))
        #expect(DataLoader.typedCell(String(repeating: "9", count: 39)) == .string(String(repeating: "9", count: 39)))
        #expect(DataLoader.typedCell(String(repeating: "9", count: 38)) == .number(dec(String(repeating: "9", count: 38))))
    }
}
