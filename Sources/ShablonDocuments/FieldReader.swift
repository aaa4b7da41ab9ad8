import Foundation
import ShablonData
import ShablonEngine

/// Reads a document's data (plan, analysis …) field by field, collecting every problem with its
/// file position and field path: unknown fields (with the nearest known name), wrong types, bad dates.
struct FieldReader {
    let data: LoadedData
    var problems: [Problem] = []

    init(_ data: LoadedData) { self.data = data }

    private func location(_ path: FieldPath) -> ProblemLocation? {
        var p = path
        while true {
            if let pos = data.position(of: p) { return pos.location }
            guard !p.components.isEmpty else { return nil }
            p.components.removeLast()
        }
    }

    mutating func report(_ code: Problem.Code, _ path: FieldPath, ru: String, en: String, hintRu: String, hintEn: String) {
        let field = path.description.isEmpty ? "" : "«\(path)»: "
        problems.append(Problem(code: code, location: location(path),
                                message: LocalizedText(ru: field + ru, en: field + en),
                                hint: LocalizedText(ru: hintRu, en: hintEn)))
    }

    /// A map with only the allowed keys; unknown keys are reported with the nearest allowed one.
    mutating func map(_ v: Value?, _ path: FieldPath, allowed: [String]) -> ValueMap? {
        guard let v else { return nil }
        if case .null = v { return nil }
        guard case .map(let m) = v else {
            report("data-wrong-type", path, ru: "ожидался набор полей, а здесь \(v.kindName)",
                   en: "a set of fields was expected, found \(v.kindName)",
                   hintRu: "Запишите поля с отступом на следующих строках.", hintEn: "Write the fields indented on the following lines.")
            return nil
        }
        for key in m.keys where !allowed.contains(key) {
            let near = Self.nearest(key, allowed)
            report("data-unknown-field", path.appending(key: key), ru: "неизвестное поле",
                   en: "unknown field",
                   hintRu: (near.map { "Возможно, имелось в виду «\($0)». " } ?? "") + "Допустимые поля: " + allowed.joined(separator: ", ") + ".",
                   hintEn: (near.map { "Did you mean «\($0)»? " } ?? "") + "Allowed fields: " + allowed.joined(separator: ", ") + ".")
        }
        return m
    }

    /// The file's top-level map with only the allowed keys; a file that is not a map is `data-wrong-type`
    /// (`ru`/`en` say what the file is not; the hints how to start it). Throws the problems found.
    mutating func top(allowed: [String], ru: String, en: String, hintRu: String, hintEn: String) throws(Problems) -> ValueMap {
        guard let m = map(data.value, .root, allowed: allowed) else {
            if problems.isEmpty { report("data-wrong-type", .root, ru: ru, en: en, hintRu: hintRu, hintEn: hintEn) }
            throw Problems(problems)
        }
        return m
    }

    static func nearest(_ word: String, _ names: [String]) -> String? {
        NameSuggestion.nearest(word, in: names)
    }

    /// Text: a string, or a number or date as typed; nil when absent or empty.
    mutating func text(_ v: Value?, _ path: FieldPath) -> String? {
        guard let v else { return nil }
        switch v {
        case .null: return nil
        case .string(let s): return s.isEmpty ? nil : s
        case .number(let d): return RussianPlain.number(d)
        case .date(let d): return RussianPlain.date(d)
        case .bool(let b): return b ? "да" : "нет"
        case .list, .map:
            report("data-wrong-type", path, ru: "ожидался текст, а здесь \(v.kindName)", en: "text was expected, found \(v.kindName)",
                   hintRu: "Запишите значение одной строкой (или многострочным блоком «|»).",
                   hintEn: "Write the value on one line (or as a '|' block).")
            return nil
        }
    }

    /// A list of texts: a list, or one text (a single item).
    mutating func texts(_ v: Value?, _ path: FieldPath) -> [String] {
        guard let v else { return [] }
        if case .list(let items) = v {
            return items.enumerated().compactMap { text($1, path.appending(index: $0)) }
        }
        return text(v, path).map { [$0] } ?? []
    }

    /// A list of items, each read by `item`.
    mutating func list<T>(_ v: Value?, _ path: FieldPath, _ item: (inout FieldReader, Value, FieldPath) -> T?) -> [T] {
        guard let v else { return [] }
        switch v {
        case .null: return []
        case .list(let items):
            var out: [T] = []
            for (i, x) in items.enumerated() { if let t = item(&self, x, path.appending(index: i)) { out.append(t) } }
            return out
        default:
            report("data-wrong-type", path, ru: "ожидался список, а здесь \(v.kindName)", en: "a list was expected, found \(v.kindName)",
                   hintRu: "Запишите элементы списка строками, начинающимися с «- ».", hintEn: "Write the list items on lines starting with '- '.")
            return []
        }
    }

    /// A calendar date (`2024-09-02` or `02.09.2024`).
    mutating func date(_ v: Value?, _ path: FieldPath) -> CalendarDate? {
        guard let v else { return nil }
        switch v {
        case .null: return nil
        case .date(let d): return d
        case .string(let s):
            if let d = CalendarDate(parsing: s) { return d }
            report("data-bad-date", path, ru: "«\(s)» — не дата", en: "'\(s)' is not a date",
                   hintRu: "Пишите дату как 2024-09-02 или 02.09.2024 (и проверьте, что такой день есть).",
                   hintEn: "Write the date as 2024-09-02 or 02.09.2024 (and check that the day exists).")
            return nil
        default:
            report("data-bad-date", path, ru: "ожидалась дата, а здесь \(v.kindName)", en: "a date was expected, found \(v.kindName)",
                   hintRu: "Пишите дату как 2024-09-02 или 02.09.2024.", hintEn: "Write the date as 2024-09-02 or 02.09.2024.")
            return nil
        }
    }

    /// Yes/no.
    mutating func flag(_ v: Value?, _ path: FieldPath) -> Bool {
        guard let v else { return false }
        switch v {
        case .bool(let b): return b
        case .null: return false
        case .string(let s) where ["да", "нет"].contains(s.lowercased()): return s.lowercased() == "да"
        default:
            report("data-wrong-type", path, ru: "ожидалось true или false, а здесь \(v.kindName)", en: "true or false was expected, found \(v.kindName)",
                   hintRu: "Напишите true (да) или false (нет).", hintEn: "Write true or false.")
            return false
        }
    }

    /// A whole number.
    mutating func integer(_ v: Value?, _ path: FieldPath) -> Int? {
        guard let v else { return nil }
        if case .null = v { return nil }
        if case .number(let d) = v, let i = Int(exactly: NSDecimalNumber(decimal: d).doubleValue), Decimal(i) == d { return i }
        report("data-wrong-type", path, ru: "ожидалось целое число, а здесь \(v.kindName)", en: "a whole number was expected, found \(v.kindName)",
               hintRu: "Напишите число без кавычек, например 2024.", hintEn: "Write a number without quotes, e.g. 2024.")
        return nil
    }
}

/// Plain Russian printing of numbers and dates as they appear in data turned into text.
package enum RussianPlain {
    package static func number(_ d: Decimal) -> String {
        "\(d)".replacingOccurrences(of: ".", with: ",")
    }

    package static func date(_ d: CalendarDate) -> String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(two(d.day)).\(two(d.month)).\(d.year)"
    }
}
