import Foundation

/// How much one data file may hold once read: what keeps a small, hostile file — YAML aliases that
/// repeat a list a million times, a CSV of ten million one-letter lines, a sheet of empty cells — from
/// filling memory. The user can raise it (`--max-values`).
public struct DataLimits: Sendable, Equatable {
    /// The most values one YAML or JSON file may expand to (an alias counts its anchor's values each
    /// time it is used), and the most cells — rows × columns, the header row included — one CSV table or
    /// XLSX sheet may hold. Default `DataLoader.maxNodes` (1 000 000). More is `data-too-large`,
    /// `csv-too-large` or `xlsx-too-large`.
    public var maxValues: Int

    /// The default limits.
    public init() { maxValues = DataLoader.maxNodes }

    /// Limits with this many values at the most.
    public init(maxValues: Int) { self.maxValues = maxValues }
}

/// Reads data files into `Value`s: YAML and JSON (with the position of every value), and CSV tables.
///
/// Every loader reports bad input as `Problems` — each with a stable code, a location, a message and a
/// hint in Russian and English — and never crashes, whatever the bytes. The YAML, JSON and CSV readers
/// live in `DataLoader+YAML.swift`, `DataLoader+JSON.swift` and `DataLoader+CSV.swift`.
public enum DataLoader {
    /// The default most values (nodes) one YAML or JSON file may expand to, and cells one table may
    /// hold (`DataLimits.maxValues`); more is `data-too-large`. It stops "billion laughs" files, where a
    /// few lines of YAML aliases stand for billions of values.
    public static let maxNodes = 1_000_000

    /// How deeply lists and maps may nest in YAML and JSON; deeper is `data-depth`.
    public static let maxDepth = 512

    /// Reads a YAML or JSON data file from its bytes.
    ///
    /// The bytes must be UTF-8, with or without a byte order mark; UTF-16 with a byte order mark (what
    /// Windows Notepad calls "Unicode") is accepted too. Anything else is the problem `data-encoding`,
    /// located at the first bad byte. The text is read as JSON when its first non-space character is
    /// `{` or `[`, and as YAML otherwise.
    /// With `positions: false` no positions are recorded (rendering needs none).
    /// A file that expands to more than `limits.maxValues` values is `data-too-large`.
    public static func load(_ bytes: [UInt8], positions: Bool = true, limits: DataLimits = DataLimits()) throws(Problems) -> LoadedData {
        let text: String
        switch TextDecoding.decodeUnicode(bytes) {
        case .text(let decoded): text = decoded.droppingBOM
        case .problem(let problem): throw Problems([problem])
        }
        let first = text.unicodeScalars.first { !" \t\r\n".unicodeScalars.contains($0) }
        if first == "{" || first == "[" {
            return try json(text, positions: positions, limits: limits)
        }
        return try yaml(text, positions: positions, limits: limits)
    }

    /// Types one table cell (CSV, XLSX text) as a person reads it: a number, a date, yes/no or text.
    ///
    /// Surrounding whitespace (including no-break spaces) is trimmed first. Then:
    /// - empty → `.null`;
    /// - a number → `.number`, exactly: `1234`, `-5`, `0,5`, `1234.50`, `1 234,5` — the decimal mark is a
    ///   comma or a point; digits may be grouped by threes with a space, a no-break space (U+00A0) or a
    ///   narrow no-break space (U+202F); the minus may be `-` or `−` (U+2212). Numbers with a leading zero
    ///   (`007`, `01`, but not `0` or `0,5`) stay text, so codes such as ИНН or `01` keep their zeros;
    ///   so do forms with an exponent, a currency sign or a percent, and numbers with more than 38
    ///   significant digits (which a `Decimal` cannot hold exactly);
    /// - a date `dd.MM.yyyy` or `yyyy-MM-dd` that exists in the calendar → `.date`;
    /// - anything else → `.string` with the trimmed text.
    public static func typedCell(_ text: String) -> Value {
        let trimmed = trimmingWhitespace(text)
        if trimmed.isEmpty { return .null }
        if let number = tableNumber(trimmed) { return .number(number) }
        if let date = CalendarDate(parsing: trimmed) { return .date(date) }
        return .string(trimmed)
    }

    // MARK: - Shared helpers

    /// The text without leading and trailing Unicode white space (spaces, tabs, line breaks, U+00A0…).
    static func trimmingWhitespace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...last])
    }

    /// Reads a table number (see `typedCell`), or nil.
    static func tableNumber(_ text: String) -> Decimal? {
        var scalars = Array(text.unicodeScalars)
        var negative = false
        if let first = scalars.first, first == "-" || first == "\u{2212}" {
            negative = true
            scalars.removeFirst()
        }
        func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
        func isGroupSeparator(_ s: Unicode.Scalar) -> Bool {
            s == " " || s == "\u{00A0}" || s == "\u{202F}"
        }
        var i = 0
        var integer = ""
        var groups: [Int] = [0]
        while i < scalars.count {
            let s = scalars[i]
            if isDigit(s) {
                integer.unicodeScalars.append(s)
                groups[groups.count - 1] += 1
                i += 1
            } else if isGroupSeparator(s), groups[groups.count - 1] > 0,
                      i + 1 < scalars.count, isDigit(scalars[i + 1]) {
                groups.append(0)
                i += 1
            } else {
                break
            }
        }
        guard !integer.isEmpty else { return nil }
        if groups.count > 1 {
            guard let firstGroup = groups.first, (1...3).contains(firstGroup),
                  groups.dropFirst().allSatisfy({ $0 == 3 }) else { return nil }
        }
        if integer.count > 1 && integer.hasPrefix("0") { return nil }
        var fraction = ""
        if i < scalars.count, scalars[i] == "," || scalars[i] == "." {
            i += 1
            while i < scalars.count, isDigit(scalars[i]) {
                fraction.unicodeScalars.append(scalars[i])
                i += 1
            }
            guard !fraction.isEmpty else { return nil }
        }
        guard i == scalars.count else { return nil }
        return exactDecimal(negative: negative, integer: integer, fraction: fraction, exponent: nil)
    }

    /// Reads a YAML plain scalar as a number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?`, or nil.
    static func yamlNumber(_ text: String) -> Decimal? {
        let bytes = Array(text.utf8)
        var i = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { i = 1 }
        func digits() -> String {
            let start = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }
        let integer = digits()
        guard !integer.isEmpty else { return nil }
        if integer.count > 1 && integer.hasPrefix("0") { return nil }
        var fraction = ""
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            fraction = digits()
            guard !fraction.isEmpty else { return nil }
        }
        guard i == bytes.count else { return nil }
        return exactDecimal(negative: negative, integer: integer, fraction: fraction, exponent: nil)
    }

    /// The most significant digits a `Decimal` holds exactly.
    static let maxSignificantDigits = 38

    /// An exact `Decimal` from already validated ASCII digit strings, or nil when it cannot be held
    /// exactly (too many significant digits, exponent out of range).
    static func exactDecimal(negative: Bool, integer: String, fraction: String, exponent: String?) -> Decimal? {
        // Trailing zeros of the fraction do not change the value.
        var fraction = Substring(fraction)
        while fraction.last == "0" { fraction = fraction.dropLast() }
        let digits = (integer + fraction).drop { $0 == "0" }
        var significant = digits.count
        for c in digits.reversed() {
            if c == "0" { significant -= 1 } else { break }
        }
        guard significant <= maxSignificantDigits else { return nil }
        if significant == 0 { return Decimal(0) }
        if let exponent {
            // Decimal's exponent range is about ±128; anything with a long exponent is out of range.
            let magnitude = exponent.drop { $0 == "+" || $0 == "-" }.drop { $0 == "0" }
            guard magnitude.count <= 4 else { return nil }
        }
        var text = negative ? "-" : ""
        text += integer
        if !fraction.isEmpty { text += "." + fraction }
        if let exponent { text += "e" + exponent }
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), !value.isNaN else {
            return nil
        }
        return value
    }
}
