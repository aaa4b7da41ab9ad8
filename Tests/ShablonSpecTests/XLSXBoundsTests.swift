import Foundation
import Testing
import Shablon
import ShablonData

// Issue 12: a sheet is read straight from the parser into cells, and the table it makes is bounded by
// `DataLimits.maxValues` (the CLI's `--max-values`). The memory itself is measured on the command line
// (`MemoryBoundTests` in ShablonTests).

@Suite struct XLSXBounds {
    /// A value in column XFD of 62 rows stretches the table to a million cells and more: refused by
    /// default (it used to be read, up to twenty million cells — gigabytes of empty values).
    @Test func farValuesStretchingTheTablePastTheLimitAreRefused() throws {
        let cells = [("A1", "is", "Школа")] + (2...62).map { ("XFD\($0)", "n", "1") }
        let found = problems { _ = try SpreadsheetLoader.xlsx(bytes: workbook(sheets: [("Заказ", sheetData(cells))])) }
        #expect(found.map(\.code) == ["xlsx-too-large"])
        #expect(found.first?.message.ru.contains("62 строки × 16384 столбца") == true)
        #expect(found.first?.hint?.ru.contains("--max-values") == true)
    }

    /// Three thousand unreadable numbers made three thousand messages; the first thousand are named now,
    /// the rest counted.
    @Test func unreadableCellsAreReportedBounded() throws {
        let cells = [("A1", "is", "Цена")] + (2...3001).map { ("A\($0)", "n", "x\($0)") }
        let found = problems { _ = try SpreadsheetLoader.xlsx(bytes: workbook(sheets: [("Л", sheetData(cells))])) }
        #expect(found.count == DataLoader.maxReportedRows + 1)
        #expect(found.allSatisfy { $0.code == "xlsx-cell" })
        #expect(found.first?.cellAddress == "A2")
        #expect(found.last?.message.ru.contains("и ещё 2000 ячеек") == true)
    }
}

@Suite struct XLSXStreaming {
    /// Empty cells and rows (styled, as spreadsheets write them) are passed over; the table is what the
    /// values make.
    @Test func emptyCellsAndRowsAreNotKept() throws {
        var xml = #"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Школа</t></is></c><c r="B1" s="1"/></row>"#
        for r in 2...2000 { xml += #"<row r="\#(r)" s="1">"# + (0..<20).map { _ in #"<c s="1"/>"# }.joined() + "</row>" }
        xml += #"<row r="2001"><c r="A2001" t="inlineStr"><is><t>СОШ № 5</t></is></c><c r="T2001" s="1"/></row></sheetData>"#
        let table = try SpreadsheetLoader.xlsx(bytes: workbook(sheets: [("Л", xml)]))
        #expect(table.headers == ["Школа"])
        #expect(table.rows == [ValueMap([("Школа", "СОШ № 5")])])
        #expect(table.rowNumbers == [2001])
    }

    /// Shared strings: only those the sheet uses are read, with rich text, phonetic runs and escapes as
    /// before; an index past the last string is still named.
    @Test func sharedStringsAsTheSheetUsesThem() throws {
        let strings = ["<si><t>Школа</t></si>", "<si><t>не нужна</t></si>",
                       #"<si><r><t>СОШ </t><t>лишний t</t></r><r><rPr/><t>№ 5</t></r><rPh><t>フ</t></rPh></si>"#,
                       "<si><t>a_x000D_b</t></si>"]
        let xml = sheetData([("A1", "s", "0"), ("B1", "is", "Примечание"), ("A2", "s", "2"), ("B2", "s", "3"), ("A3", "s", "7")])
        let found = problems { _ = try SpreadsheetLoader.xlsx(bytes: workbook(sheets: [("Л", xml)], sharedStrings: strings)) }
        #expect(found.map(\.code) == ["xlsx-cell"])
        #expect(found.first?.cellAddress == "A3")
        let fixed = sheetData([("A1", "s", "0"), ("B1", "is", "Примечание"), ("A2", "s", "2"), ("B2", "s", "3")])
        let table = try SpreadsheetLoader.xlsx(bytes: workbook(sheets: [("Л", fixed)], sharedStrings: strings))
        #expect(table.rows == [ValueMap([("Школа", "СОШ № 5"), ("Примечание", "a\rb")])])
    }

    /// The limit is `--max-values`: cells kept while the sheet streams, the table's rows × columns, and
    /// the cells merged ranges fill.
    @Test func theLimitCanBeRaisedOrLowered() throws {
        let book = try workbook(sheets: [("Л", sheetData([("A1", "is", "a"), ("B1", "is", "b"), ("A2", "n", "1"), ("B3", "n", "2")]))])
        #expect(try SpreadsheetLoader.xlsx(bytes: book, dataLimits: DataLimits(maxValues: 6)).rows.count == 2)
        // Four cells kept, but the table is 3 rows × 2 columns.
        let table = problems { _ = try SpreadsheetLoader.xlsx(bytes: book, dataLimits: DataLimits(maxValues: 5)) }
        #expect(table.map(\.code) == ["xlsx-too-large"])
        #expect(table.first?.message.ru.contains("3 строки × 2 столбца") == true)
        // Three cells kept at the most: the fourth stops the reading.
        let kept = problems { _ = try SpreadsheetLoader.xlsx(bytes: book, dataLimits: DataLimits(maxValues: 3)) }
        #expect(kept.map(\.code) == ["xlsx-too-large"])
        #expect(kept.first?.message.ru.contains("B3") == true)
        // A merged range fills its cells: they count too.
        let merged = try workbook(sheets: [("Л", sheetData([("A1", "is", "a"), ("B1", "is", "b"), ("A2", "n", "1"), ("B9", "n", "2")],
                                                            extra: #"<mergeCells><mergeCell ref="A2:A8"/></mergeCells>"#))])
        #expect(try SpreadsheetLoader.xlsx(bytes: merged).rows.map { $0["a"] } == Array(repeating: Value.number(1), count: 7) + [.null])
        #expect(problems { _ = try SpreadsheetLoader.xlsx(bytes: merged, dataLimits: DataLimits(maxValues: 6)) }.map(\.code) == ["xlsx-too-large"])
    }
}
