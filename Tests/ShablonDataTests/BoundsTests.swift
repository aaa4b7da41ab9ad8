import Foundation
import Testing
@testable import ShablonData

// Issue 12: every data input is bounded. Each test below names the symptom it guards against; the
// inputs are built here, small in the source, large (or amplified) once read.

@Suite("Bounded data")
struct BoundsTests {
    /// A CSV of a million and more one-letter rows (2 MB) was read whole: ten million of them took
    /// 2 GiB. The table now stops at `DataLimits.maxValues` values, naming the row.
    @Test func csvOfTooManyRowsIsRefusedAtTheRow() {
        let bytes = Array(("a\n" + String(repeating: "b\n", count: 1_000_100)).utf8)
        let found = problems { _ = try DataLoader.csv(bytes) }
        #expect(found.map(\.code) == ["csv-too-large"])
        // The header's value and a million rows of one value: the row past the limit is 1 000 001.
        #expect(found.first?.location == .row(1_000_001))
        #expect(found.first?.message.ru.contains("1000000 значений") == true)
        #expect(found.first?.hint?.ru.contains("--max-values") == true)
    }

    /// A header line of a million delimiters is refused while it is read, not after a million cells
    /// are kept.
    @Test func csvHeaderWiderThanTheLimitIsRefused() {
        let bytes = Array((String(repeating: ";", count: 1_000_000) + "\nx\n").utf8)
        let found = problems { _ = try DataLoader.csv(bytes) }
        #expect(found.map(\.code) == ["csv-too-large"])
        #expect(found.first?.location == .row(1))
    }

    /// A Windows-1251 header with a row pasted in UTF-8 was read as Windows-1251 throughout: «АО «Пр»
    /// came out as «РђРћ Р«РџСЂ». Now the file is refused, with the rows of each encoding.
    @Test func csvMixingWindows1251AndUTF8IsRefusedWithTheRows() {
        let bytes = cp1251("Школа;Сумма\r\nСОШ № 5;100\r\n") + Array("АО «Пр»;200\r\n".utf8) + cp1251("Лицей;300\r\n")
        let found = problems { _ = try DataLoader.csv(bytes) }
        #expect(found.map(\.code) == ["csv-mixed-encoding"])
        #expect(found.first?.location == .row(3))
        #expect(found.first?.message.ru.contains("строка 3 — в UTF-8, строки 1, 2, 4 — в Windows-1251") == true)
        #expect(found.first?.hint?.ru.contains("UTF-8") == true)
    }

    /// A file of ten thousand broken rows made ten thousand messages; now the first thousand are named
    /// and the rest counted in one more.
    @Test func csvRowLengthProblemsAreBounded() {
        let bytes = Array(("a;b\n" + String(repeating: "1\n", count: 10_000)).utf8)
        let found = problems { _ = try DataLoader.csv(bytes) }
        #expect(found.count == DataLoader.maxReportedRows + 1)
        #expect(found.allSatisfy { $0.code == "csv-row-length" })
        #expect(found.last?.message.ru.contains("и ещё в 9000 строках") == true)
    }

    /// One MiB of YAML whose aliases stand for far more values than the limit: refused before any value
    /// is built (alias expansion counts, merge keys too).
    @Test func yamlAliasesAndMergesCountTowardTheLimit() {
        var text = "base: &b {p: 1, q: 2, r: 3, s: 4, t: 5, u: 6, v: 7, w: 8, x: 9, y: 10}\nitems:\n"
        text += String(repeating: "  - *b\n", count: 150_000)
        #expect(text.utf8.count > 1 << 20)
        #expect(problems { _ = try DataLoader.yaml(text) }.map(\.code) == ["data-too-large"])
        var merged = "base: &b {p: 1, q: 2, r: 3, s: 4, t: 5, u: 6, v: 7, w: 8, x: 9, y: 10}\nitems:\n"
        merged += String(repeating: "  - {<<: *b, z: 0}\n", count: 100_000)
        #expect(problems { _ = try DataLoader.yaml(merged) }.map(\.code) == ["data-too-large"])
    }

    /// Rendering reads data without positions: YAML kept one for every value (a million field paths
    /// for a million values).
    @Test func yamlWithoutPositionsKeepsNone() throws {
        let loaded = try DataLoader.load(Array("a: 1\nb: [x, y]\n".utf8), positions: false)
        #expect(loaded.positions.isEmpty)
        #expect(loaded.value == .map(ValueMap([("a", .number(1)), ("b", .list([.string("x"), .string("y")]))])))
        #expect(try DataLoader.load(Array("a: 1\n".utf8)).positions[path("a")] == SourcePosition(line: 1, column: 4))
    }
}

/// The limits can be raised (and lowered): `DataLimits`, the CLI's `--max-values`.
@Suite("Data limits")
struct DataLimitTests {
    @Test func csvLimitCountsHeaderAndRows() throws {
        let text = Array("a;b\n1;2\n3;4\n;\n5;6\n".utf8)
        // Header 2 + three rows of 2 (the blank row is not kept) = 8 values.
        #expect(try DataLoader.csv(text, limits: DataLimits(maxValues: 8)).rows.count == 3)
        let found = problems { _ = try DataLoader.csv(text, limits: DataLimits(maxValues: 7)) }
        #expect(found.map(\.code) == ["csv-too-large"])
        #expect(found.first?.location == .row(5))
    }

    @Test func yamlAndJSONLimits() throws {
        let yaml = Array("a: [1, 2, 3]\n".utf8), json = Array("{\"a\": [1, 2, 3]}".utf8)
        // The root, the list and its three items: 5 values.
        for bytes in [yaml, json] {
            #expect(try DataLoader.load(bytes, limits: DataLimits(maxValues: 5)).value != .null)
            let found = problems { _ = try DataLoader.load(bytes, limits: DataLimits(maxValues: 4)) }
            #expect(found.map(\.code) == ["data-too-large"])
            #expect(found.first?.message.ru.contains("больше 4 значений") == true)
        }
    }

    @Test func mixedEncodingIsOnlyLookedForInWindows1251Files() throws {
        // A UTF-8 file is UTF-8 throughout; a Windows-1251 file without UTF-8 rows is read as it was.
        #expect(try DataLoader.csv(Array("Школа\nАО «Пр»\n".utf8)).rows[0]["Школа"] == .string("АО «Пр»"))
        #expect(try DataLoader.csv(cp1251("Школа\nАО «Пр»\n")).rows[0]["Школа"] == .string("АО «Пр»"))
    }

    @Test func mergedPositionsStayRight() throws {
        let loaded = try DataLoader.yaml("base: &b\n  x: 1\n  y:\n    z: 2\nm:\n  <<: *b\n  x: 3\n")
        #expect(loaded.positions[path("m", "y", "z")] == SourcePosition(line: 4, column: 8))
        #expect(loaded.positions[path("m", "x")] == SourcePosition(line: 7, column: 6))
    }
}
