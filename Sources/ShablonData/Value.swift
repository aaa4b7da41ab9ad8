import Foundation

/// Календарная дата: a calendar date with no time of day and no time zone.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The year, e.g. 2024.
    public let year: Int
    /// The month, 1…12.
    public let month: Int
    /// The day of the month, 1…31.
    public let day: Int

    /// Creates a date, or returns nil when the day does not exist in the calendar (e.g. 30.02.2024).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
              day <= CalendarDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The number of days in a month of the Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Reads `yyyy-MM-dd` (ISO) or `dd.MM.yyyy` (as Russians type dates); nil for anything else.
    public init?(parsing text: String) {
        let s = text.trimmingCharacters(in: .whitespaces)
        let u = Array(s.utf8)
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { let c = u[i]; guard c >= 48 && c <= 57 else { return nil }; v = v * 10 + Int(c - 48) }
            return v
        }
        if u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-"),
           let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) {
            self.init(year: y, month: m, day: d)
        } else if u.count == 10, u[2] == UInt8(ascii: "."), u[5] == UInt8(ascii: "."),
                  let d = num(0..<2), let m = num(3..<5), let y = num(6..<10) {
            self.init(year: y, month: m, day: d)
        } else {
            return nil
        }
    }

    /// ISO form, `2024-09-05`.
    public var description: String {
        func pad(_ v: Int, _ w: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// A map that keeps the order its keys were written in (data files are read by people).
public struct ValueMap: Sendable, Equatable, Sequence {
    /// The keys in the order they were inserted.
    public private(set) var keys: [String] = []
    private var storage: [String: Value] = [:]

    /// Creates an empty map.
    public init() {}

    /// The columns of a table's header that give its rows their keys: each name with its first column
    /// (0-based), in order; a repeated name's later columns are left out.
    public static func firstColumns(_ headers: [String]) -> [(name: String, index: Int)] {
        var seen = Set<String>()
        return headers.enumerated().compactMap { seen.insert($0.element).inserted ? ($0.element, $0.offset) : nil }
    }

    /// Creates a map from pairs; a repeated key keeps its first position and its last value.
    public init(_ pairs: [(String, Value)]) {
        for (k, v) in pairs { self[k] = v }
    }

    /// The value for a key, or nil when the key is absent. Setting nil removes the key.
    public subscript(key: String) -> Value? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// The number of keys.
    public var count: Int { keys.count }
    /// True when the map has no keys.
    public var isEmpty: Bool { keys.isEmpty }

    public func makeIterator() -> AnyIterator<(key: String, value: Value)> {
        var i = 0
        return AnyIterator {
            guard i < keys.count else { return nil }
            defer { i += 1 }
            return (keys[i], storage[keys[i]]!)
        }
    }

    public static func == (a: ValueMap, b: ValueMap) -> Bool { a.keys == b.keys && a.storage == b.storage }
}

/// A data value given to a template: what YAML, JSON, CSV and XLSX are read into.
///
/// Numbers are exact decimals (money is never a binary float); dates are calendar dates.
public enum Value: Sendable, Equatable {
    /// A present but empty value (`null`, `~`, an empty YAML field).
    case null
    /// `true` / `false`.
    case bool(Bool)
    /// An exact decimal number.
    case number(Decimal)
    /// Text.
    case string(String)
    /// A calendar date.
    case date(CalendarDate)
    /// A list of values.
    case list([Value])
    /// A map from names to values, in written order.
    case map(ValueMap)

    /// Falsy values are false, null, `""`, `0`, an empty list and an empty map (docs/template-language.md, `{{#if}}`).
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        case .number(let d): return !d.isZero
        case .string(let s): return !s.isEmpty
        case .date: return true
        case .list(let l): return !l.isEmpty
        case .map(let m): return !m.isEmpty
        }
    }

    /// A short Russian name of the value's kind, for messages («текст», «число», …).
    public var kindName: String {
        switch self {
        case .null: return "пусто"
        case .bool: return "да/нет"
        case .number: return "число"
        case .string: return "текст"
        case .date: return "дата"
        case .list: return "список"
        case .map: return "набор полей"
        }
    }

    /// The map's field, when this is a map.
    public subscript(key: String) -> Value? {
        if case .map(let m) = self { return m[key] }
        return nil
    }
}

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    /// Text from a literal.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A whole number from a literal (there is deliberately no floating-point literal: money is exact).
    public init(integerLiteral value: Int) { self = .number(Decimal(value)) }
    /// A yes/no value from a literal.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// A list from a literal.
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
    /// A map from a literal, in written order.
    public init(dictionaryLiteral elements: (String, Value)...) { self = .map(ValueMap(elements)) }
    /// `nil` is a present but empty value.
    public init(nilLiteral: ()) { self = .null }
}
