import Foundation
import ShablonRussian

extension DataLoader {
    /// Reads JSON text: strict RFC 8259, except that a leading byte order mark is ignored.
    ///
    /// - `null` is `.null`, `true`/`false` are booleans.
    /// - Numbers are exact decimals made from their digits, never through `Double`: `0.10` is
    ///   `Decimal(string: "0.1")`, `1e3` is 1000. A number a `Decimal` cannot hold exactly (more than 38
    ///   significant digits, or an exponent out of range) is the problem `data-number`.
    /// - A string that is exactly a real ISO date `yyyy-MM-dd` becomes `.date` — as the same text would
    ///   in YAML — so data for the `date` filter reads the same from both formats. Every other string
    ///   (including `05.09.2024`) stays text. Escapes, `\uXXXX` and surrogate pairs are decoded; an unpaired
    ///   surrogate is an error.
    /// - Objects keep their key order; a repeated key is `data-duplicate-key` (all of them are reported).
    /// - Nesting deeper than `maxDepth` is `data-depth`; more than `limits.maxValues` values is
    ///   `data-too-large`, located at the first value past the limit.
    /// - Syntax errors are `data-syntax`, located at the offending character (line and column, columns
    ///   in characters), with the usual causes named: a trailing comma, single quotes, comments, a missing
    ///   comma, `True` instead of `true`, an unclosed bracket or quote.
    ///
    /// Every value's start position is recorded in `LoadedData.positions`.
    /// With `positions: false` no positions are kept (rendering needs none), which makes large files
    /// several times faster to read.
    public static func json(_ text: String, positions: Bool = true, limits: DataLimits = DataLimits()) throws(Problems) -> LoadedData {
        let lines = LineTable(text.droppingBOM, breaks: .common)
        var parser = JSONParser(lines: lines)
        parser.keepsPositions = positions
        parser.maxValues = limits.maxValues
        do {
            parser.skipSpace()
            guard parser.index < parser.scalars.count else {
                throw JSONParser.Failure(problem: Problem(
                    code: "data-syntax", location: SourcePosition(line: 1, column: 1).location,
                    message: LocalizedText(ru: "в файле нет данных", en: "the file holds no data"),
                    hint: LocalizedText(ru: "Запишите данные, например {\"поле\": \"значение\"}.",
                                        en: "Write the data, for example {\"field\": \"value\"}.")))
            }
            let value = try parser.parseValue(path: .root, depth: 0)
            parser.skipSpace()
            if parser.index < parser.scalars.count {
                throw parser.failure(
                    ru: "лишний текст после конца данных", en: "extra text after the end of the data",
                    hintRu: "Данные JSON — одно значение (обычно один объект {…}); удалите лишнее или оберните несколько значений в список […].",
                    hintEn: "JSON data is one value (usually one object {…}); delete the rest or wrap several values in a list […].")
            }
            if !parser.problems.isEmpty { throw Problems(parser.problems) }
            return LoadedData(value: value, positions: parser.positions)
        } catch let failure as JSONParser.Failure {
            throw Problems(parser.problems + [failure.problem])
        } catch let problems as Problems {
            throw problems
        } catch {
            throw Problems(parser.problems + [Problem(
                code: "data-syntax",
                message: LocalizedText(ru: "не удалось прочитать JSON: \(error)", en: "cannot read JSON: \(error)"),
                hint: JSONParser.defaultHint)])
        }
    }
}

/// A hand-written JSON reader over Unicode scalars, keeping the position of every value.
struct JSONParser {
    /// A syntax error: reading stops.
    struct Failure: Error {
        let problem: Problem
    }

    let lines: LineTable
    let scalars: [Unicode.Scalar]
    var index = 0
    var positions: [FieldPath: SourcePosition] = [:]
    /// Problems that do not stop reading (repeated keys).
    var problems: [Problem] = []
    var nodeCount = 0
    /// Above zero while reading a value that is dropped (a repeated key's): its positions are not kept.
    var muted = 0
    /// The opening brackets and quotes not yet closed, for "unexpected end" messages.
    var open: [(Unicode.Scalar, Int)] = []
    /// Whether every value's position is recorded.
    var keepsPositions = true
    /// The most values the file may hold.
    var maxValues = DataLoader.maxNodes

    init(lines: LineTable) {
        self.lines = lines
        self.scalars = lines.scalars
    }

    var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    mutating func skipSpace() {
        while index < scalars.count {
            switch scalars[index] {
            case " ", "\t", "\n", "\r": index += 1
            default: return
            }
        }
    }

    func position(_ offset: Int) -> SourcePosition { lines.position(ofScalar: offset) }

    static let defaultHint = LocalizedText(
        ru: "Проверьте запятые, кавычки и скобки рядом с этим местом.",
        en: "Check the commas, quotes and brackets near this place.")

    /// A syntax error at `at` (default: the current character).
    func failure(at: Int? = nil, ru: String, en: String, hintRu: String? = nil, hintEn: String? = nil) -> Failure {
        let hint = hintRu.map { LocalizedText(ru: $0, en: hintEn ?? $0) } ?? JSONParser.defaultHint
        return Failure(problem: Problem(
            code: "data-syntax", location: position(at ?? index).location,
            message: LocalizedText(ru: ru, en: en), hint: hint))
    }

    /// The error for the end of the text where more was expected.
    func unexpectedEnd() -> Failure {
        if let (opener, offset) = open.last {
            let line = position(offset).line
            switch opener {
            case "\"":
                return failure(ru: "файл оборвался: не закрыта кавычка текста, начатого в строке \(line)",
                               en: "unexpected end of file: the string that starts on line \(line) is not closed",
                               hintRu: "Поставьте закрывающую кавычку \".", hintEn: "Add the closing quote \".")
            case "[":
                return failure(ru: "файл оборвался: не закрыта скобка «[», открытая в строке \(line)",
                               en: "unexpected end of file: the bracket «[» opened on line \(line) is not closed",
                               hintRu: "Поставьте закрывающую скобку «]».", hintEn: "Add the closing bracket «]».")
            default:
                return failure(ru: "файл оборвался: не закрыта скобка «{», открытая в строке \(line)",
                               en: "unexpected end of file: the brace «{» opened on line \(line) is not closed",
                               hintRu: "Поставьте закрывающую скобку «}».", hintEn: "Add the closing brace «}».")
            }
        }
        return failure(ru: "файл оборвался: ожидалось значение", en: "unexpected end of file: a value was expected")
    }

    /// The error for a character that cannot start a value.
    func unexpectedInValue() -> Failure {
        guard let c = current else { return unexpectedEnd() }
        switch c {
        case "'":
            return failure(ru: "текст в JSON пишется в двойных кавычках \"…\", а не в одинарных",
                           en: "JSON strings use double quotes \"…\", not single quotes",
                           hintRu: "Замените одинарные кавычки двойными.", hintEn: "Replace the single quotes with double quotes.")
        case "/", "#":
            return failure(ru: "комментарии в JSON не допускаются", en: "JSON does not allow comments",
                           hintRu: "Удалите комментарий (или запишите данные в YAML, где комментарии начинаются с «#»).",
                           hintEn: "Delete the comment (or write the data as YAML, where comments start with «#»).")
        case "}", "]":
            return failure(ru: "здесь ожидалось значение, а стоит «\(Character(c))»",
                           en: "a value was expected here, not «\(Character(c))»")
        default:
            if c.properties.isAlphabetic {
                var end = index
                while end < scalars.count, scalars[end].properties.isAlphabetic || scalars[end].properties.numericType != nil {
                    end += 1
                }
                let word = String(String.UnicodeScalarView(scalars[index..<end]))
                return failure(
                    ru: "неизвестное слово «\(word)»: в JSON без кавычек пишутся только true, false и null (строчными буквами)",
                    en: "unknown word «\(word)»: JSON allows only true, false and null (lower case) without quotes",
                    hintRu: "Если это текст, возьмите его в двойные кавычки: \"\(word)\".",
                    hintEn: "If this is text, put it in double quotes: \"\(word)\".")
            }
            let name = c.nameForMessage
            return failure(ru: "здесь ожидалось значение, а стоит \(name.ru)", en: "a value was expected here, not \(name.en)")
        }
    }

    /// A list or object being read.
    struct Container {
        /// The path of the container itself.
        let path: FieldPath
        /// Where its bracket stands.
        let openedAt: Int
        var isObject: Bool
        var items: [Value] = []
        var map = ValueMap()
        /// Where each key was first written (a scalar offset; its line is worked out only for a repeat).
        var keyLines: [String: Int] = [:]
        /// The key whose value is being read (objects).
        var key = ""
        /// Whether that key repeats an earlier one (its value is read and dropped).
        var keyIsDuplicate = false
    }

    /// Reads one value (and everything nested in it) with an explicit stack, so that deep nesting never
    /// exhausts the thread's stack.
    mutating func parseValue(path rootPath: FieldPath, depth: Int) throws(Failure) -> Value {
        var stack: [Container] = []
        var path = rootPath
        while true {
            // A value is expected at `path`.
            skipSpace()
            guard let c = current else { throw unexpectedEnd() }
            nodeCount += 1
            if nodeCount > maxValues {
                throw Failure(problem: Problem(
                    code: "data-too-large", location: position(index).location,
                    message: LocalizedText(ru: "данных слишком много: больше \(Counted.valuesOf.ru(maxValues))",
                                           en: "the data is too large: more than \(Counted.values.en(maxValues))"),
                    hint: LocalizedText(ru: "Разделите данные на несколько файлов или поднимите предел: --max-values.",
                                        en: "Split the data into several files, or raise the limit: --max-values.")))
            }
            if muted == 0 && keepsPositions { positions[path] = position(index) }
            var value: Value
            if c == "{" || c == "[" {
                if depth + stack.count + 1 > DataLoader.maxDepth {
                    throw Failure(problem: DataLoader.depthProblem(at: position(index)))
                }
                var container = Container(path: path, openedAt: index, isObject: c == "{")
                open.append((c, index))
                index += 1
                skipSpace()
                if current == (c == "{" ? "}" : "]") {
                    index += 1
                    open.removeLast()
                    value = container.isObject ? .map(ValueMap()) : .list([])
                } else {
                    if container.isObject {
                        try readKey(into: &container)
                        path = keepsPositions ? container.path.appending(key: container.key) : path
                    } else {
                        path = keepsPositions ? container.path.appending(index: 0) : path
                    }
                    stack.append(container)
                    continue
                }
            } else {
                value = try parseScalar()
            }
            // A value is complete: attach it to its container, closing containers as they end.
            while true {
                guard var top = stack.popLast() else { return value }
                if top.isObject {
                    if top.keyIsDuplicate {
                        muted -= 1
                    } else {
                        top.map[top.key] = value
                    }
                } else {
                    top.items.append(value)
                }
                skipSpace()
                guard let next = current else { throw unexpectedEnd() }
                if next == "," {
                    index += 1
                    skipSpace()
                    if top.isObject {
                        try readKey(into: &top)
                        path = keepsPositions ? top.path.appending(key: top.key) : path
                    } else {
                        if current == "]" {
                            throw failure(ru: "лишняя запятая перед «]»", en: "a trailing comma before «]»",
                                          hintRu: "Удалите запятую после последнего элемента.",
                                          hintEn: "Delete the comma after the last item.")
                        }
                        path = keepsPositions ? top.path.appending(index: top.items.count) : path
                    }
                    stack.append(top)
                    break
                }
                if top.isObject, next == "}" {
                    index += 1
                    open.removeLast()
                    value = .map(top.map)
                    continue
                }
                if !top.isObject, next == "]" {
                    index += 1
                    open.removeLast()
                    value = .list(top.items)
                    continue
                }
                if top.isObject {
                    throw failure(ru: "после значения поля «\(top.key)» ожидалась запятая или «}»",
                                  en: "a comma or «}» was expected after the value of «\(top.key)»",
                                  hintRu: "Поставьте запятую между полями.", hintEn: "Put a comma between fields.")
                }
                throw failure(ru: "после элемента списка ожидалась запятая или «]»",
                              en: "a comma or «]» was expected after a list item",
                              hintRu: "Поставьте запятую между элементами.", hintEn: "Put a comma between items.")
            }
        }
    }

    /// Reads `"key":` inside an object (the index is at the key's quote, spaces skipped).
    mutating func readKey(into container: inout Container) throws(Failure) {
        guard let c = current else { throw unexpectedEnd() }
        if c == "}" {
            throw failure(ru: "лишняя запятая перед «}»", en: "a trailing comma before «}»",
                          hintRu: "Удалите запятую после последнего поля.", hintEn: "Delete the comma after the last field.")
        }
        guard c == "\"" else {
            if c == "'" || c == "/" || c == "#" { throw unexpectedInValue() }
            throw failure(ru: "здесь ожидалось название поля в двойных кавычках, а стоит \(c.nameForMessage.ru)",
                          en: "a field name in double quotes was expected here, not \(c.nameForMessage.en)",
                          hintRu: "Названия полей в JSON пишутся в двойных кавычках: \"поле\": значение.",
                          hintEn: "Field names in JSON are written in double quotes: \"field\": value.")
        }
        let keyStart = index
        let key = try parseString()
        skipSpace()
        guard current == ":" else {
            if current == nil { throw unexpectedEnd() }
            throw failure(ru: "после названия поля «\(key)» нужно двоеточие", en: "a colon is needed after the field name «\(key)»")
        }
        index += 1
        container.key = key
        if let firstOffset = container.keyLines[key] {
            problems.append(DataLoader.duplicateKeyProblem(key, at: position(keyStart), firstLine: position(firstOffset).line))
            // The value is read to keep going; the first one is kept, and so are its positions.
            container.keyIsDuplicate = true
            muted += 1
        } else {
            container.keyIsDuplicate = false
            container.keyLines[key] = keyStart
        }
    }

    /// Reads a string, a number, `true`, `false` or `null`.
    mutating func parseScalar() throws(Failure) -> Value {
        guard let c = current else { throw unexpectedEnd() }
        switch c {
        case "\"":
            let text = try parseString()
            let utf8 = Array(text.utf8)
            if utf8.count == 10, utf8[4] == UInt8(ascii: "-"), let date = CalendarDate(parsing: text) {
                return .date(date)
            }
            return .string(text)
        case "-", "0"..."9":
            return .number(try parseNumber())
        default:
            for (word, value) in [("true", Value.bool(true)), ("false", Value.bool(false)), ("null", Value.null)]
            where matches(word) {
                index += word.unicodeScalars.count
                return value
            }
            throw unexpectedInValue()
        }
    }

    func matches(_ word: String) -> Bool {
        let ws = Array(word.unicodeScalars)
        guard index + ws.count <= scalars.count, Array(scalars[index..<index + ws.count]) == ws else { return false }
        // `nullx` is not `null`.
        if index + ws.count < scalars.count {
            let next = scalars[index + ws.count]
            if next.properties.isAlphabetic || next.properties.numericType != nil { return false }
        }
        return true
    }

    static func hexValue(_ c: Unicode.Scalar) -> UInt32? {
        switch c {
        case "0"..."9": return c.value - 0x30
        case "a"..."f": return c.value - 0x61 + 10
        case "A"..."F": return c.value - 0x41 + 10
        default: return nil
        }
    }

    /// Reads four hex digits after `\u` (the index is at the first digit).
    mutating func parseHex4(escapeStart: Int) throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let c = current else { throw unexpectedEnd() }
            guard let digit = JSONParser.hexValue(c) else {
                throw failure(at: escapeStart, ru: "после «\\u» должны идти четыре шестнадцатеричные цифры",
                              en: "«\\u» must be followed by four hexadecimal digits")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// UTF-8 encodes scalars straight into a new string.
    static func string(_ s: ArraySlice<Unicode.Scalar>) -> String {
        var count = 0
        for c in s {
            let v = c.value
            count += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
        }
        return String(unsafeUninitializedCapacity: count) { buf in
            var i = 0
            for c in s {
                let v = c.value
                if v < 0x80 {
                    buf[i] = UInt8(v); i += 1
                } else if v < 0x800 {
                    buf[i] = UInt8(0xC0 | (v >> 6)); buf[i + 1] = UInt8(0x80 | (v & 0x3F)); i += 2
                } else if v < 0x10000 {
                    buf[i] = UInt8(0xE0 | (v >> 12)); buf[i + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    buf[i + 2] = UInt8(0x80 | (v & 0x3F)); i += 3
                } else {
                    buf[i] = UInt8(0xF0 | (v >> 18)); buf[i + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                    buf[i + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); buf[i + 3] = UInt8(0x80 | (v & 0x3F)); i += 4
                }
            }
            return i
        }
    }

    mutating func parseString() throws(Failure) -> String {
        let start = index
        open.append(("\"", index))
        index += 1 // opening quote
        // Fast path: a string with no escapes and no control characters is copied in one go.
        var end = index
        while end < scalars.count {
            let v = scalars[end].value
            if v == 0x22 || v == 0x5C || v < 0x20 { break }
            end += 1
        }
        if end < scalars.count, scalars[end] == "\"" {
            let text = JSONParser.string(scalars[index..<end])
            index = end + 1
            open.removeLast()
            return text
        }
        var text = String.UnicodeScalarView()
        while true {
            guard let c = current else { throw unexpectedEnd() }
            switch c {
            case "\"":
                index += 1
                open.removeLast()
                return String(text)
            case "\\":
                let escapeStart = index
                index += 1
                guard let e = current else { throw unexpectedEnd() }
                index += 1
                switch e {
                case "\"": text.append("\"")
                case "\\": text.append("\\")
                case "/": text.append("/")
                case "b": text.append("\u{08}")
                case "f": text.append("\u{0C}")
                case "n": text.append("\n")
                case "r": text.append("\r")
                case "t": text.append("\t")
                case "u":
                    let unit = try parseHex4(escapeStart: escapeStart)
                    if (0xD800...0xDBFF).contains(unit) {
                        guard current == "\\", index + 1 < scalars.count, scalars[index + 1] == "u" else {
                            throw failure(at: escapeStart, ru: "непарный суррогат \\u\(String(unit, radix: 16, uppercase: true)): за ним должен идти второй \\uDC00…\\uDFFF",
                                          en: "an unpaired surrogate \\u\(String(unit, radix: 16, uppercase: true)): it must be followed by a second \\uDC00…\\uDFFF")
                        }
                        index += 2
                        let low = try parseHex4(escapeStart: escapeStart)
                        guard (0xDC00...0xDFFF).contains(low),
                              let scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) else {
                            throw failure(at: escapeStart, ru: "непарный суррогат: за \\u\(String(unit, radix: 16, uppercase: true)) должен идти \\uDC00…\\uDFFF",
                                          en: "an unpaired surrogate: \\u\(String(unit, radix: 16, uppercase: true)) must be followed by \\uDC00…\\uDFFF")
                        }
                        text.append(scalar)
                    } else if let scalar = Unicode.Scalar(unit) {
                        text.append(scalar)
                    } else {
                        throw failure(at: escapeStart, ru: "непарный суррогат \\u\(String(unit, radix: 16, uppercase: true))",
                                      en: "an unpaired surrogate \\u\(String(unit, radix: 16, uppercase: true))")
                    }
                default:
                    throw failure(at: escapeStart,
                                  ru: "неверная последовательность «\\\(Character(e))» в тексте",
                                  en: "an invalid escape «\\\(Character(e))» in a string",
                                  hintRu: "Обратную косую черту в тексте пишите дважды: \\\\.",
                                  hintEn: "Write a backslash inside a string as \\\\.")
                }
            case "\n", "\r":
                throw failure(ru: "текст в кавычках, начатый в строке \(position(start).line), не закрыт до конца строки",
                              en: "the string that starts on line \(position(start).line) is not closed before the end of the line",
                              hintRu: "Поставьте закрывающую кавычку; перенос строки внутри текста пишите как \\n.",
                              hintEn: "Add the closing quote; write a line break inside a string as \\n.")
            default:
                if c.value < 0x20 {
                    throw failure(ru: "в тексте недопустим \(c.nameForMessage.ru)",
                                  en: "a string cannot contain \(c.nameForMessage.en)",
                                  hintRu: "Табуляцию пишите как \\t, остальные управляющие символы удалите.",
                                  hintEn: "Write a tab as \\t and delete other control characters.")
                }
                text.append(c)
                index += 1
            }
        }
    }

    mutating func parseNumber() throws(Failure) -> Decimal {
        let start = index
        func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { $0 >= "0" && $0 <= "9" } ?? false }
        func digits() -> String {
            var s = ""
            while isDigit(current), let c = current { s.unicodeScalars.append(c); index += 1 }
            return s
        }
        var negative = false
        if current == "-" {
            negative = true
            index += 1
        }
        guard isDigit(current) else {
            throw failure(ru: "после минуса должна идти цифра", en: "a digit must follow the minus sign")
        }
        let integer = digits()
        if integer.count > 1, integer.hasPrefix("0") {
            throw failure(at: start, ru: "число в JSON не может начинаться с нуля («\(integer)»)",
                          en: "a JSON number cannot start with a zero («\(integer)»)",
                          hintRu: "Уберите ведущие нули или, если это код, возьмите его в кавычки: \"\(integer)\".",
                          hintEn: "Remove the leading zeros or, if this is a code, quote it: \"\(integer)\".")
        }
        var fraction = ""
        if current == "." {
            index += 1
            fraction = digits()
            guard !fraction.isEmpty else {
                throw failure(ru: "после десятичной точки должны идти цифры", en: "digits must follow the decimal point")
            }
        }
        var exponent: String?
        if current == "e" || current == "E" {
            index += 1
            var e = ""
            if let sign = current, sign == "+" || sign == "-" {
                e.unicodeScalars.append(sign)
                index += 1
            }
            let expDigits = digits()
            guard !expDigits.isEmpty else {
                throw failure(ru: "после «e» в числе должны идти цифры", en: "digits must follow «e» in a number")
            }
            exponent = e + expDigits
        }
        guard let value = DataLoader.exactDecimal(negative: negative, integer: integer, fraction: fraction,
                                                  exponent: exponent) else {
            let literal = String(String.UnicodeScalarView(scalars[start..<index]))
            throw Failure(problem: Problem(
                code: "data-number", location: position(start).location,
                message: LocalizedText(
                    ru: "число «\(literal)» нельзя сохранить точно: больше \(Counted.digitsOf.ru(DataLoader.maxSignificantDigits)) или слишком большой порядок",
                    en: "the number «\(literal)» cannot be kept exactly: more than \(Counted.digitsOf.en(DataLoader.maxSignificantDigits)) or too large an exponent"),
                hint: LocalizedText(ru: "Если это код или номер, возьмите его в кавычки как текст.",
                                    en: "If this is a code or an identifier, quote it as text.")))
        }
        return value
    }
}
