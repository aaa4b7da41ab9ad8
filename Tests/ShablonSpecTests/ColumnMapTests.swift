import Foundation
import Testing
import Shablon
import ShablonData
import ShablonDocuments

/// Reads a column map from YAML text.
func columnMap(_ yaml: String, fields: [String] = ColumnMap.orderFields, aliases: [String: String] = ColumnMap.orderAliases) throws -> ColumnMap {
    try ColumnMap.load(DataLoader.load(Array(yaml.utf8)), fields: fields, aliases: aliases)
}

/// An order read through a column map.
func loadOrder(_ bytes: [UInt8], map: ColumnMap) throws -> TextbookOrder {
    let table = try SpreadsheetLoader.table(bytes: bytes, sheet: map.sheet, layout: map.layout)
    return try TextbookOrder.load(table, columns: map.orderColumns)
}

@Suite struct ColumnMaps {
    let knigozakaz = examples.appendingPathComponent("knigozakaz.xlsx")
    let map = examples.appendingPathComponent("knigozakaz.yaml")

    /// The «Книгозаказ»-like export (title rows, a two-row merged header, a row of column numbers, prices
    /// as text, seven-level codes, a totals row) read through its map is the canonical order: the same
    /// lines, with «.1» added to each ФПУ number, and so the same specifications.
    @Test func theKnigozakazExportGivesTheCanonicalOrdersSpecifications() throws {
        let m = try ColumnMap.load(DataLoader.load(bytes(map)), fields: ColumnMap.orderFields, aliases: ColumnMap.orderAliases)
        #expect(m.sheet == "Заявка")
        #expect(m.layout == TableLayout(headerRow: 4, headerRows: 2, skipRows: [6]))
        let export = try loadOrder(bytes(knigozakaz), map: m)
        let canonical = try loadOrder(bytes(examples.appendingPathComponent("order.csv")))
        #expect(export.warnings.isEmpty, "\(export.warnings.map { $0.line() })")
        #expect(export.lines.count == 486)
        let expected = canonical.lines.enumerated().map { i, line -> OrderLine in
            var l = line
            l.fpuNumber += ".1"
            l.row = i + 7  // the export's data start on row 7
            return l
        }
        #expect(export.lines == expected)
        #expect(export.total == Decimal(string: "13437424.40")!)
        let a = Specification.make(from: export), b = Specification.make(from: canonical)
        #expect(a.map(\.publisher) == b.map(\.publisher))
        #expect(a.map(\.total) == b.map(\.total))
        #expect(a.map { $0.lines.map(\.fpuNumber) } == b.map { $0.lines.map { $0.fpuNumber + ".1" } })
    }

    @Test func codesAndClassRangesStayWholeAndPricesExact() throws {
        let m = try columnMap(String(decoding: try bytes(map), as: UTF8.self))
        let order = try loadOrder(bytes(knigozakaz), map: m)
        let first = try #require(order.lines.first)
        #expect(first.fpuNumber == "1.1.1.1.1.1.1")
        #expect(order.lines.contains { $0.grade == "10-11" && $0.fpuNumber == "1.1.3.1.1.1.1" })
        #expect(order.lines.contains { $0.grade == "1-4" })
        #expect(first.price == Decimal(string: "1245.60")!)
        // «1 245,60» with a no-break space in the sum column (row 9 is the third line) is exact too.
        #expect(order.lines.allSatisfy { Money.round($0.price) == $0.price })
    }

    @Test func aCSVExportWithTitleLinesATwoLineHeaderAndANumberRow() throws {
        let csv = windows1251("""
        Заказ учебников (ИРБИС64, экспорт)\r
        Школа: СОШ № 1\r
        №;Учреждение;Учебник;;Кл.;Издатель;Экз.;Цена, руб.\r
        ;;Код ФПУ;Заглавие;;;;\r
        1;2;3;4;5;6;7;8\r
        1;СОШ № 1;1.1.2.1.1.1.1;Русский язык;10-11;Просвещение;25;1 490,40\r
        2;СОШ № 1;1.1.1.1.1.2.1;Математика;1-4;Просвещение;3;845,90\r
        ;Итого;;;;;28;\r

        """)
        let m = try columnMap("""
        строка_заголовков: 3
        строк_в_заголовке: 2
        пропустить_строки: 5
        кодировка: windows-1251
        столбцы: {школа: Учреждение, код_фпу: Код ФПУ, наименование: Заглавие, классы: Кл., издательство: Издатель, количество: Экз., цена: "Цена, руб."}
        """)
        let order = try loadOrder(csv, map: m)
        #expect(order.lines.map(\.fpuNumber) == ["1.1.2.1.1.1.1", "1.1.1.1.1.2.1"])
        #expect(order.lines.map(\.grade) == ["10-11", "1-4"])
        #expect(order.lines.map(\.price) == [Decimal(string: "1490.40")!, Decimal(string: "845.90")!])
        #expect(order.lines.map(\.row) == [6, 7])
        #expect(order.total == Decimal(string: "39797.70")!)
    }

    @Test func unknownKeysAndFieldsSayWhatWasMeant() {
        let found = problems { _ = try columnMap("строка_заголовка: 4\nстолбцы:\n  издателство: Издатель\n  фпу: [1]\n") }
        #expect(found.map(\.code) == ["data-unknown-field", "columns-unknown-field", "data-wrong-type"])
        #expect(found[0].hint?.ru.contains("Возможно, имелось в виду «строка_заголовков»") == true)
        #expect(found[1].hint?.ru.contains("Возможно, имелось в виду «издательство»") == true)
        #expect(found.map { p -> Int? in if case .text(let l, _)? = p.location { return l }; return nil } == [1, 3, 4])
        #expect(found[1].line().contains("«столбцы.издателство»"))
    }

    @Test func badValuesHaveCodesAndPlaces() {
        let found = problems {
            _ = try columnMap("строка_заголовков: 0\nстрок_в_заголовке: 20\nпропустить_строки: [6, семь]\nкодировка: koi8-r\n")
        }
        #expect(found.map(\.code) == ["columns-bad-value", "columns-bad-value", "columns-bad-value", "columns-bad-value"])
        #expect(found.map { p -> Int? in if case .text(let l, _)? = p.location { return l }; return nil } == [1, 2, 3, 4])
    }

    @Test func aMappedColumnTheTableLacksNamesTheTitlesItHas() throws {
        let m = try columnMap("строка_заголовков: 4\nстрок_в_заголовке: 2\nстолбцы: {фпу: Номер учебника}\n")
        let found = problems { _ = try loadOrder(bytes(knigozakaz), map: m) }
        #expect(found.map(\.code) == ["order-missing-column"])
        #expect(found[0].message.ru.contains("«Номер учебника»"))
        #expect(found[0].hint?.ru.contains("«Учебник Код ФПУ»") == true)
    }

    @Test func withoutAMapATitleRowIsSaidOnceWithTheWayOut() {
        let found = problems { _ = try SpreadsheetLoader.table(bytes: bytes(knigozakaz)) }
        #expect(found.map(\.code) == ["xlsx-duplicate-header"])
        #expect(found[0].hint?.ru.contains("строка_заголовков") == true)
    }

    @Test func forcedUTF8OnAWindows1251FileIsAnError() {
        let found = problems { _ = try DataLoader.csv(windows1251("Школа;Цена\r\nСОШ;1\r\n"), layout: TableLayout(encoding: .utf8)) }
        #expect(found.map(\.code) == ["csv-encoding"])
    }

    @Test func titlesMatchTheLowerRowOnlyWhenOneColumnHasIt() {
        let headers = ["Цена, руб. за 1 экз.", "Цена, руб. всего", "Учебник Код ФПУ", "Учебник Класс", "Класс"]
        #expect(ColumnMap.index(of: "Код ФПУ", in: headers) == 2)
        #expect(ColumnMap.index(of: "всего", in: headers) == 1)
        #expect(ColumnMap.index(of: "Класс", in: headers) == 4)  // the exact title first
        #expect(ColumnMap.index(of: "Цена, руб.", in: headers) == nil)  // two columns start with it
        #expect(ColumnMap.index(of: "C", in: headers) == 2)
    }

    @Test func statisticsColumnsAreMapped() throws {
        let csv = Array("""
        Отчёт библиотек (Аверс)\r
        Наименование учреждения;Читателей-учащихся;Выдано экз.;Уч-ся 5 кл;Учебников 5 кл\r
        СОШ № 1;100;2000;50;45\r
        Итого;100;2000;50;45\r
        """.utf8)
        let m = try columnMap("""
        строка_заголовков: 2
        столбцы: {школа: Наименование учреждения, читатели_учащиеся: Читателей-учащихся, выдача: Выдано экз., учащиеся_5: Уч-ся 5 кл, учебники_5: E}
        """, fields: ColumnMap.statisticsFields, aliases: ColumnMap.statisticsAliases)
        let table = try SpreadsheetLoader.table(bytes: csv, layout: m.layout)
        let stats = try DistrictStatistics.load(table, columns: m.columns)
        #expect(stats.schools.count == 1)
        #expect(stats.schools[0].students == 100 && stats.schools[0].loans == 2000)
        #expect(stats.schools[0].classes == [ClassProvision(grade: 5, students: 50, copies: 45)])
        let missing = problems { _ = try DistrictStatistics.load(table, columns: ["фонд": "Фонд, всего"]) }
        #expect(missing.map(\.code) == ["stats-missing-column"])
        #expect(missing[0].hint?.ru.contains("«Выдано экз.»") == true)
    }
}
