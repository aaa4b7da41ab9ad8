import Foundation
@testable import ShablonData

/// The problems a throwing loader reports (empty when it succeeds).
func problems(_ body: () throws -> Void) -> [Problem] {
    do {
        try body()
        return []
    } catch let thrown as Problems {
        return thrown.items
    } catch {
        return [Problem(code: "unexpected-error-type", message: LocalizedText(ru: "\(error)", en: "\(error)"))]
    }
}

/// An exact decimal from its text (test inputs are always valid).
func dec(_ text: String) -> Decimal {
    guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
        preconditionFailure("bad test decimal \(text)")
    }
    return value
}

/// A calendar date (test inputs are always valid).
func day(_ year: Int, _ month: Int, _ day: Int) -> Value {
    guard let date = CalendarDate(year: year, month: month, day: day) else { preconditionFailure("bad test date") }
    return .date(date)
}

/// A path from components written briefly: strings are keys, integers 0-based indices.
func path(_ parts: Any...) -> FieldPath {
    FieldPath(parts.map { part -> FieldPath.Component in
        if let index = part as? Int { return .index(index) }
        return .key("\(part)")
    })
}

/// Encodes text as Windows-1251 independently of the loader's table: ASCII, А…я, Ё, ё, №, «, », NBSP.
func cp1251(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { scalar -> UInt8 in
        switch scalar.value {
        case 0..<0x80: return UInt8(scalar.value)
        case 0x0410...0x044F: return UInt8(scalar.value - 0x0410 + 0xC0)
        case 0x0401: return 0xA8
        case 0x0451: return 0xB8
        case 0x2116: return 0xB9
        case 0x00AB: return 0xAB
        case 0x00BB: return 0xBB
        case 0x00A0: return 0xA0
        default: preconditionFailure("not in the test encoder: \(scalar)")
        }
    }
}

extension Value {
    /// The map, when this is a map (tests).
    var mapValue: ValueMap? {
        if case .map(let map) = self { return map }
        return nil
    }
    /// The list, when this is a list (tests).
    var listValue: [Value]? {
        if case .list(let list) = self { return list }
        return nil
    }
}
