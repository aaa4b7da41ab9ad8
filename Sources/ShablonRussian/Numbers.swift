import Foundation

/// Грамматический род: the grammatical gender a numeral agrees with.
public enum Gender: Sendable {
    /// Мужской род: один, два (рубль, миллион).
    case masculine
    /// Женский род: одна, две (тысяча, копейка).
    case feminine
    /// Средний род: одно, два (мероприятие).
    case neuter
}

/// Категория множественного числа: CLDR plural category for Russian.
public enum PluralCategory: Sendable {
    /// 1, 21, 101 — «мероприятие».
    case one
    /// 2–4, 22–24 — «мероприятия».
    case few
    /// 0, 5–20, 25 — «мероприятий».
    case many
    /// Fractions — «1,5 мероприятия».
    case other
}

/// Russian formatting of numbers, sums in words, plural forms, dates and names.
public enum RussianFormat {
    /// Plain printing of a number: decimal comma, no grouping: 1234.5 -> "1234,5", 2023 -> "2023", -3.25 -> "-3,25".
    public static func plain(_ value: Decimal) -> String {
        // A whole number (row numbers, counts, years) prints as Foundation writes it: no table to build
        // at start-up, no digits worked out one by one.
        if value.exponent >= 0, !value.isNaN {
            let s = value.description
            if s != "-0" { return s }
        }
        guard let d = DecimalDigits(value) else { return value.description }
        return d.format(grouping: false)
    }

    /// `number` filter: thousands grouped with U+00A0, decimal comma; with `fractionDigits`, rounded half away from zero and padded.
    public static func number(_ value: Decimal, fractionDigits: Int?) -> String {
        guard var d = DecimalDigits(value) else { return value.description }
        if let n = fractionDigits { d = d.rounded(to: max(0, n)) }
        return d.format(grouping: true)
    }

    /// CLDR ru plural category: 1, 21 -> .one; 2–4, 22 -> .few; 0, 5–20 -> .many; non-integers -> .other.
    public static func pluralCategory(_ value: Decimal) -> PluralCategory {
        guard let d = DecimalDigits(value), d.fraction.isEmpty else { return .other }
        return category(ofInteger: d.integer)
    }

    /// Number and the agreeing word, forms [one, few, many(, other)]: 5 -> "5 мероприятий"; fractions take the "few" form.
    public static func plural(_ value: Decimal, forms: [String]) -> String {
        let number = plain(value)
        guard !forms.isEmpty else { return number }
        let index: Int
        switch pluralCategory(value) {
        case .one: index = 0
        case .few: index = 1
        case .many: index = 2
        case .other: index = forms.count > 3 ? 3 : 1
        }
        let word = forms[min(index, forms.count - 1)].trimmingCharacters(in: .whitespaces)
        return word.isEmpty ? number : number + " " + word
    }

    /// Plural category of a non-negative integer written as decimal digits.
    static func category(ofInteger digits: String) -> PluralCategory {
        let n = Int(digits.suffix(2)) ?? 0
        if n % 10 == 1 && n != 11 { return .one }
        if (2...4).contains(n % 10) && !(12...14).contains(n) { return .few }
        return .many
    }

    /// Picks one of three forms [one, few, many] for a non-negative integer written as digits.
    static func form(_ digits: String, _ one: String, _ few: String, _ many: String) -> String {
        switch category(ofInteger: digits) {
        case .one: return one
        case .few: return few
        default: return many
        }
    }
}

/// A decimal number as sign, integer digits and fraction digits (exact, from `Decimal.description`).
struct DecimalDigits {
    var negative: Bool
    /// Integer digits without leading zeros ("0" for zero).
    var integer: String
    /// Fraction digits; trailing zeros removed unless the value was rounded to a fixed width.
    var fraction: String

    init?(_ value: Decimal) {
        guard !value.isNaN else { return nil }
        var text = value.description
        negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return nil }
        let int = parts[0].drop { $0 == "0" }
        integer = int.isEmpty ? "0" : String(int)
        fraction = parts.count == 2 ? String(parts[1].reversed().drop { $0 == "0" }.reversed()) : ""
        if integer == "0" && fraction.isEmpty { negative = false }
    }

    /// Rounds half away from zero to exactly `n` fraction digits (padding with zeros).
    func rounded(to n: Int) -> DecimalDigits {
        var result = self
        if fraction.count <= n {
            result.fraction = fraction + String(repeating: "0", count: n - fraction.count)
            return result
        }
        let roundUp = fraction[fraction.index(fraction.startIndex, offsetBy: n)] >= "5"
        var digits = Array(integer + fraction.prefix(n))
        if roundUp {
            var i = digits.count - 1
            while i >= 0 && digits[i] == "9" { digits[i] = "0"; i -= 1 }
            if i >= 0 { digits[i] = Character(String(digits[i].wholeNumberValue! + 1)) } else { digits.insert("1", at: 0) }
        }
        let int = String(digits[..<(digits.count - n)]).drop { $0 == "0" }
        result.integer = int.isEmpty ? "0" : String(int)
        result.fraction = String(digits[(digits.count - n)...])
        if result.integer == "0" && result.fraction.allSatisfy({ $0 == "0" }) { result.negative = false }
        return result
    }

    /// "-1 234,5" (grouped with U+00A0) or "-1234,5".
    func format(grouping: Bool) -> String {
        var int = integer
        if grouping {
            var groups: [Substring] = []
            var end = int.endIndex
            while end > int.startIndex {
                let start = int.index(end, offsetBy: -3, limitedBy: int.startIndex) ?? int.startIndex
                groups.insert(int[start..<end], at: 0)
                end = start
            }
            int = groups.joined(separator: "\u{00A0}")
        }
        return (negative ? "-" : "") + int + (fraction.isEmpty ? "" : "," + fraction)
    }
}
