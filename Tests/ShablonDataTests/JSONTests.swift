import Foundation
import Testing
@testable import ShablonData

@Suite("JSON")
struct JSONTests {
    @Test func valuesAndKeyOrder() throws {
        let data = try DataLoader.json("""
            {"школа": "СОШ № 5", "год": 2024, "активна": true, "закрыта": false, "примечание": null,
             "события": [{"название": "Неделя книги"}, {"название": "Конкурс"}], "пусто": {}, "список": []}
            """)
        let root = try #require(data.value.mapValue)
        #expect(root.keys == ["школа", "год", "активна", "закрыта", "примечание", "события", "пусто", "список"])
        #expect(root["год"] == .number(2024))
        #expect(root["активна"] == .bool(true))
        #expect(root["закрыта"] == .bool(false))
        #expect(root["примечание"] == .null)
        #expect(root["пусто"] == .map(ValueMap()))
        #expect(root["список"] == .list([]))
        #expect(data.value["события"]?.listValue?[1]["название"] == .string("Конкурс"))
    }

    @Test func numbersAreExactDecimalsFromTheirText() throws {
        let data = try DataLoader.json("""
            {"a": 0.10, "b": 0.20, "c": 1234.50, "d": 1e3, "e": -0.5, "f": 2.5E-3, "g": 0,
             "h": 0.30000000000000004, "i": 12345678901234567890123456789012345678, "j": -0}
            """)
        let a = try #require(data.value["a"])
        let b = try #require(data.value["b"])
        #expect(a == .number(dec("0.1")))
        if case .number(let x) = a, case .number(let y) = b {
            #expect(x + y == dec("0.3")) // exact, unlike 0.1 + 0.2 in binary floating point
        }
        #expect(data.value["c"] == .number(dec("1234.5")))
        #expect(data.value["d"] == .number(1000))
        #expect(data.value["e"] == .number(dec("-0.5")))
        #expect(data.value["f"] == .number(dec("0.0025")))
        #expect(data.value["g"] == .number(0))
        #expect(data.value["h"] == .number(dec("0.30000000000000004")))
        #expect(data.value["i"] == .number(dec("12345678901234567890123456789012345678")))
        #expect(data.value["j"] == .number(0))
    }

    @Test func numbersThatCannotBeExactAreAProblem() {
        let tooLong = problems { _ = try DataLoader.json("[1234567890123456789012345678901234567890]") }
        #expect(tooLong.map(\.code) == ["data-number"])
        #expect(tooLong.first?.location == .text(line: 1, column: 2))
        #expect(problems { _ = try DataLoader.json("[1e400]") }.map(\.code) == ["data-number"])
        // Trailing zeros are not significant digits.
        #expect(problems { _ = try DataLoader.json("[1.50000000000000000000000000000000000000000000]") }.isEmpty)
    }

    @Test func isoDateStringsBecomeDates() throws {
        let data = try DataLoader.json(#"{"a": "2024-09-05", "b": "05.09.2024", "c": "2024-02-30", "d": "2024-09-05 "}"#)
        #expect(data.value["a"] == day(2024, 9, 5))
        #expect(data.value["b"] == .string("05.09.2024"))
        #expect(data.value["c"] == .string("2024-02-30"))
        #expect(data.value["d"] == .string("2024-09-05 "))
    }

    @Test func escapesAndSurrogatePairs() throws {
        let data = try DataLoader.json(#"""
            {"a": "\u0428\u043a\u043e\u043b\u0430", "b": "\uD83D\uDE00", "c": "\"\\\/\b\f\n\r\t", "d": "\u00ab\u00A0\u00bb",
             "\u043a\u043b\u044e\u0447": 1}
            """#)
        #expect(data.value["a"] == .string("Школа"))
        #expect(data.value["b"] == .string("😀"))
        #expect(data.value["c"] == .string("\"\\/\u{8}\u{C}\n\r\t"))
        #expect(data.value["d"] == .string("«\u{A0}»"))
        #expect(data.value["ключ"] == .number(1))
    }

    @Test func unpairedSurrogatesAreErrors() {
        for text in [#"["\uD800"]"#, #"["\uD800x"]"#, #"["\uDC00"]"#, #"["\uD800\u0041"]"#] {
            let found = problems { _ = try DataLoader.json(text) }
            #expect(found.map(\.code) == ["data-syntax"], "\(text)")
            #expect(found.first?.location == .text(line: 1, column: 3), "\(text)")
        }
    }

    @Test func errorPositionsPointAtTheOffendingCharacter() {
        func first(_ text: String) -> Problem? { problems { _ = try DataLoader.json(text) }.first }
        let trailing = first("{\n  \"тема\": \"Осень\",\n}")
        #expect(trailing?.location == .text(line: 3, column: 1))
        #expect(trailing?.message.ru == "лишняя запятая перед «}»")
        let missingComma = first("{\"а\": 1\n \"б\": 2}")
        #expect(missingComma?.location == .text(line: 2, column: 2))
        #expect(missingComma?.message.ru == "после значения поля «а» ожидалась запятая или «}»")
        let single = first("{'a': 1}")
        #expect(single?.location == .text(line: 1, column: 2))
        let word = first("{\"ключ\": True}")
        #expect(word?.location == .text(line: 1, column: 10))
        #expect(word?.message.ru.hasPrefix("неизвестное слово «True»") == true)
        let comment = first("{\"a\": 1 // comment\n}")
        #expect(comment?.location == .text(line: 1, column: 9))
        let unclosed = first("{\"a\": [1, 2,\n 3")
        #expect(unclosed?.message.ru == "файл оборвался: не закрыта скобка «[», открытая в строке 1")
        #expect(unclosed?.location == .text(line: 2, column: 3))
        let unclosedString = first("{\"a\": \"текст}")
        #expect(unclosedString?.message.ru == "файл оборвался: не закрыта кавычка текста, начатого в строке 1")
        let leadingZero = first("[007]")
        #expect(leadingZero?.location == .text(line: 1, column: 2))
        let extra = first("{} {}")
        #expect(extra?.location == .text(line: 1, column: 4))
        let rawNewline = first("[\"a\nb\"]")
        #expect(rawNewline?.location == .text(line: 1, column: 4))
        let badEscape = first(#"["a\qb"]"#)
        #expect(badEscape?.location == .text(line: 1, column: 4))
        #expect(first("")?.code == "data-syntax")
        #expect(first("[1,]")?.message.ru == "лишняя запятая перед «]»")
        #expect(first("[nullx]")?.code == "data-syntax")
        #expect(first("[-]")?.code == "data-syntax")
        #expect(first("[1.]")?.code == "data-syntax")
        #expect(first("[1e]")?.code == "data-syntax")
        #expect(first("[\"a\u{1}\"]")?.code == "data-syntax")
    }

    @Test func columnsCountCharacters() {
        // Cyrillic letters are one column each although they take two bytes.
        let found = problems { _ = try DataLoader.json("{\"тема\": \"Осень\" \"год\": 1}") }
        #expect(found.first?.location == .text(line: 1, column: 18))
    }

    @Test func depthLimit() {
        let ok = String(repeating: "[", count: DataLoader.maxDepth) + String(repeating: "]", count: DataLoader.maxDepth)
        #expect(problems { _ = try DataLoader.json(ok) }.isEmpty)
        let deep = String(repeating: "[", count: DataLoader.maxDepth + 1) + String(repeating: "]", count: DataLoader.maxDepth + 1)
        let found = problems { _ = try DataLoader.json(deep) }
        #expect(found.map(\.code) == ["data-depth"])
        #expect(found.first?.location == .text(line: 1, column: DataLoader.maxDepth + 1))
        let veryDeep = String(repeating: "{\"a\":", count: 100_000)
        #expect(problems { _ = try DataLoader.json(veryDeep) }.map(\.code) == ["data-depth"])
    }

    @Test func duplicateKeysAreAllReported() {
        let found = problems { _ = try DataLoader.json("{\"a\": 1,\n \"b\": {\"c\": 1, \"c\": 2},\n \"a\": 3}") }
        #expect(found.map(\.code) == ["data-duplicate-key", "data-duplicate-key"])
        #expect(found.map(\.location) == [.text(line: 2, column: 16), .text(line: 3, column: 2)])
        #expect(found.last?.message.ru == "ключ «a» повторяется: он уже есть в строке 1")
    }

    @Test func positionsOfNestedValues() throws {
        let data = try DataLoader.json("""
            {
              "события": [
                {"название": "Неделя книги", "дата": "2024-03-25"},
                {"название": "Конкурс",
                 "дата": "2024-10-05"}
              ]
            }
            """)
        #expect(data.positions[.root] == SourcePosition(line: 1, column: 1))
        #expect(data.positions[path("события")] == SourcePosition(line: 2, column: 14))
        #expect(data.positions[path("события", 0)] == SourcePosition(line: 3, column: 5))
        #expect(data.positions[path("события", 0, "дата")] == SourcePosition(line: 3, column: 42))
        #expect(data.positions[path("события", 1, "дата")] == SourcePosition(line: 5, column: 14))
    }

    @Test func byteOrderMarkIsTolerated() throws {
        let data = try DataLoader.json("\u{FEFF}{\"a\": 1}")
        #expect(data.value["a"] == .number(1))
        #expect(data.positions[path("a")] == SourcePosition(line: 1, column: 7))
    }
}

@Suite("load")
struct LoadTests {
    @Test func picksJSONOrYAML() throws {
        let json = try DataLoader.load(Array("  \n {\"a\": \"2023\"}".utf8))
        #expect(json.value["a"] == .string("2023"))
        let list = try DataLoader.load(Array("[1, 2]".utf8))
        #expect(list.value == .list([.number(1), .number(2)]))
        let yaml = try DataLoader.load(Array("a: 2023\n".utf8))
        #expect(yaml.value["a"] == .number(2023))
        // A JSON-looking YAML error is reported as JSON.
        #expect(problems { _ = try DataLoader.load(Array("{a: 1}".utf8)) }.first?.code == "data-syntax")
    }

    @Test func byteOrderMarks() throws {
        let utf8 = try DataLoader.load([0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}".utf8))
        #expect(utf8.value["a"] == .number(1))
        let yaml = try DataLoader.load([0xEF, 0xBB, 0xBF] + Array("школа: 5".utf8))
        #expect(yaml.value["школа"] == .number(5))
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in "школа: 5\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try DataLoader.load(utf16).value["школа"] == .number(5))
        #expect(problems { _ = try DataLoader.load([0xFF, 0xFE, 0x41]) }.map(\.code) == ["data-encoding"])
    }

    @Test func invalidUTF8IsReportedWithItsPlace() {
        let bytes = Array("школа: 5\nтема: ".utf8) + cp1251("Осень")
        let found = problems { _ = try DataLoader.load(bytes) }
        #expect(found.map(\.code) == ["data-encoding"])
        #expect(found.first?.location == .text(line: 2, column: 7))
        #expect(found.first?.message.ru == "файл не в кодировке UTF-8 (байт 0xCE в строке 2)")
        // Overlong forms, surrogates and truncated sequences are invalid too.
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0xFF]] {
            #expect(problems { _ = try DataLoader.load(Array("a: ".utf8) + bad) }.map(\.code) == ["data-encoding"])
        }
    }
}
