import Foundation
import ShablonData
import ShablonRussian

/// A filter of the template language (`{{ дата | date: "d MMMM yyyy г." }}`): its names, how many
/// arguments it takes, what it does, and how. The parser checks names and argument counts against this
/// table, the renderer applies the filter from it; docs/template-language.md describes each for users.
struct Filter: Sendable {
    /// The names it is written with (the first is the main one).
    let names: [String]
    /// How many arguments it takes.
    let arguments: ClosedRange<Int>
    /// What it does, in a line.
    let summary: String
    /// Applies it to a value; nil after reporting a problem.
    let apply: @Sendable (inout Renderer, Value, FilterCall, Tag) -> Value?

    init(_ names: [String], _ arguments: ClosedRange<Int>, _ summary: String,
         _ apply: @escaping @Sendable (inout Renderer, Value, FilterCall, Tag) -> Value?) {
        self.names = names
        self.arguments = arguments
        self.summary = summary
        self.apply = apply
    }

    /// Every filter, in the order docs/template-language.md lists them.
    static let all: [Filter] = [
        Filter(["default"], 1...1, "the argument when the value is missing or empty") { _, v, f, _ in
            let arg = f.arguments.first?.text
            if case .null = v { return .string(arg ?? "") }
            if case .string(let s) = v, s.isEmpty { return .string(arg ?? "") }
            return v
        },
        Filter(["upper"], 0...0, "UPPER CASE") { r, v, _, tag in r.text(v, tag) { $0.uppercased() } },
        Filter(["lower"], 0...0, "lower case") { r, v, _, tag in r.text(v, tag) { $0.lowercased() } },
        Filter(["capitalize"], 0...0, "the first letter capital") { r, v, _, tag in r.text(v, tag) { RussianFormat.capitalize($0) } },
        Filter(["trim"], 0...0, "without spaces at the ends") { r, v, _, tag in r.text(v, tag) { $0.trimmingCharacters() } },
        Filter(["typograph", "типографика"], 0...0, "Russian typography: quotes, dashes, non-breaking spaces") { r, v, _, tag in
            r.text(v, tag, Typography.apply)
        },
        Filter(["join"], 0...1, "a list's items joined with the argument (\", \" by default)") { r, v, f, tag in
            guard case .list(let items) = v else { return v }
            var parts: [String] = []
            let separator = f.arguments.first?.text ?? ", "
            var size = 0
            for i in items {
                guard let s = r.display(i, tag: tag), !s.isEmpty else { continue }
                // A list repeated by YAML aliases can join into more text than the part may hold.
                size += s.utf8.count + separator.utf8.count
                guard r.withinBudget(adding: size) else { return nil }
                parts.append(s)
            }
            return .string(parts.joined(separator: separator))
        },
        Filter(["count"], 0...0, "how many items, fields or characters") { r, v, _, tag in
            switch v {
            case .list(let l): return .number(Decimal(l.count))
            case .map(let m): return .number(Decimal(m.count))
            case .string(let s): return .number(Decimal(s.count))
            case .null: return .number(0)
            default: r.typeError("count", ("список", "a list"), v, tag: tag); return nil
            }
        },
        Filter(["first"], 0...0, "a list's first item") { _, v, _, _ in
            guard case .list(let l) = v else { return v }
            return l.first ?? .null
        },
        Filter(["last"], 0...0, "a list's last item") { _, v, _, _ in
            guard case .list(let l) = v else { return v }
            return l.last ?? .null
        },
        Filter(["date"], 0...1, "a date in Russian, by a pattern (d MMMM yyyy г. by default)") { r, v, f, tag in
            guard let d = r.dateArgument(v, f, tag) else { return v == .null ? v : nil }
            return .string(RussianFormat.date(year: d.year, month: d.month, day: d.day,
                                              pattern: f.arguments.first?.text ?? RussianFormat.defaultDatePattern))
        },
        Filter(["year"], 0...0, "a date's year") { r, v, f, tag in
            guard let d = r.dateArgument(v, f, tag) else { return v == .null ? v : nil }
            return .number(Decimal(d.year))
        },
        Filter(["number"], 0...1, "a number with grouped thousands and a decimal comma; the argument: decimals") { r, v, f, tag in
            guard let d = r.numberArgument(v, f, tag) else { return v == .null ? v : nil }
            var digits: Int?
            if let a = f.arguments.first {
                guard case .number(let n) = a, let k = Int("\(n)"), (0...10).contains(k) else {
                    r.report(.filterArguments, tag, ru: "у фильтра «number» аргумент — число знаков после запятой (0–10), а дано «\(a.text)»",
                             en: "the argument of 'number' is a count of decimals (0–10), got '\(a.text)'",
                             hintRu: "Например: | number: 2.", hintEn: "For example: | number: 2.")
                    return nil
                }
                digits = k
            }
            return .string(RussianFormat.number(d, fractionDigits: digits))
        },
        Filter(["money"], 0...0, "a sum with two decimals") { r, v, f, tag in
            guard let d = r.numberArgument(v, f, tag) else { return v == .null ? v : nil }
            return .string(RussianFormat.number(d, fractionDigits: 2))
        },
        Filter(["rubles"], 0...1, "a sum in words, rubles and kopecks") { r, v, f, tag in
            guard let d = r.numberArgument(v, f, tag) else { return v == .null ? v : nil }
            guard let s = RussianFormat.rubles(d) else {
                r.typeError("rubles", ("сумму меньше квадриллиона", "a sum below 10^15"), v, tag: tag)
                return nil
            }
            return .string(s)
        },
        Filter(["words"], 0...1, "a whole number in words; the argument: the gender") { r, v, f, tag in
            guard let d = r.numberArgument(v, f, tag) else { return v == .null ? v : nil }
            var g = Gender.masculine
            switch f.arguments.first?.text.lowercased() {
            case "feminine"?, "ж"?, "женский"?: g = .feminine
            case "neuter"?, "ср"?, "средний"?: g = .neuter
            default: break
            }
            guard let s = RussianFormat.words(d, gender: g) else {
                r.typeError("words", ("целое число", "a whole number"), v, tag: tag)
                return nil
            }
            return .string(s)
        },
        Filter(["plural"], 1...3, "the word form for the number (книга | книги | книг)") { r, v, f, tag in
            guard let d = r.numberArgument(v, f, tag) else { return v == .null ? v : nil }
            let forms = f.arguments.count == 1
                ? f.arguments[0].text.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingCharacters() }
                : f.arguments.map(\.text)
            return .string(RussianFormat.plural(d, forms: forms))
        },
        Filter(["initials"], 0...1, "a full name as initials and surname; the argument «фамилия»: surname first") { r, v, f, tag in
            guard let s = r.display(v, tag: tag) else { return nil }
            let surnameFirst = ["last", "фамилия", "surname-first", "после"].contains(f.arguments.first?.text.lowercased() ?? "")
            return .string(RussianFormat.initials(s, surnameLast: !surnameFirst))
        },
        // Drawn by the renderer's image step (Renderer+Images.swift), not as a value.
        Filter(["image"], 0...1, "a picture from a file or base64; the argument: its width") { _, v, _, _ in v },
    ]

    /// The filters by every name they are written with.
    static let byName: [String: Filter] = {
        var table: [String: Filter] = [:]
        for f in all {
            for n in f.names { table[n] = f }
        }
        return table
    }()
}

extension Renderer {
    mutating func typeError(_ filter: String, _ want: (String, String), _ v: Value, tag: Tag) {
        report(.wrongType, tag,
               ru: "фильтр «\(filter)» ждёт \(want.0), а получил \(v.kindName) «\(Renderer.short(v))»",
               en: "filter '\(filter)' expects \(want.1), got \(Renderer.englishKind(v)) '\(Renderer.short(v))'",
               hintRu: "Исправьте значение в данных или уберите фильтр.",
               hintEn: "Fix the value in the data or remove the filter.")
    }

    /// Reads text as a number the way people type it: `1 234,5`, `1234.50`.
    static func number(from v: Value) -> Decimal? {
        switch v {
        case .number(let d): return d
        case .string(let s):
            var t = s.trimmingCharacters()
            t.removeAll { $0 == " " || $0 == "\u{A0}" || $0 == "\u{202F}" }
            t = t.replacingOccurrences(of: ",", with: ".")
            guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
                  t.filter({ $0 == "." }).count <= 1 else { return nil }
            return Decimal(string: t, locale: Locale(identifier: "en_US_POSIX"))
        default: return nil
        }
    }

    static func date(from v: Value) -> CalendarDate? {
        switch v {
        case .date(let d): return d
        case .string(let s): return CalendarDate(parsing: s)
        default: return nil
        }
    }

    /// The value as text, changed by `transform`; nil after reporting a value that cannot be printed.
    mutating func text(_ v: Value, _ tag: Tag, _ transform: (String) -> String) -> Value? {
        guard let s = display(v, tag: tag) else { return nil }
        return .string(transform(s))
    }

    /// The number a number filter works on; nil for an empty value (which the filter passes on) and
    /// after reporting one that is not a number.
    mutating func numberArgument(_ v: Value, _ f: FilterCall, _ tag: Tag) -> Decimal? {
        if case .null = v { return nil }
        guard let d = Renderer.number(from: v) else {
            typeError(f.name, ("число", "a number"), v, tag: tag)
            return nil
        }
        return d
    }

    /// The date a date filter works on; nil for an empty value (which the filter passes on) and after
    /// reporting one that is not a date.
    mutating func dateArgument(_ v: Value, _ f: FilterCall, _ tag: Tag) -> CalendarDate? {
        if case .null = v { return nil }
        guard let d = Renderer.date(from: v) else {
            typeError(f.name, ("дату (2024-09-05 или 05.09.2024)", "a date (2024-09-05 or 05.09.2024)"), v, tag: tag)
            return nil
        }
        return d
    }

    /// Applies one filter of a tag. A missing value (an earlier filter failed) stays missing, except that
    /// `default` gives its argument.
    mutating func apply(_ f: FilterCall, to value: Value?, tag: Tag) -> Value? {
        guard let v = value else { return f.name == "default" ? f.arguments.first.map { .string($0.text) } : nil }
        guard let filter = Filter.byName[f.name] else { return v }
        return filter.apply(&self, v, f, tag)
    }
}
