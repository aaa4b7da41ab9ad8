import Foundation
import ShablonData
import ShablonRussian

/// Диаграмма: a chart described as data — its kind, categories and series — from which the package
/// layer writes a native, editable chart (DrawingML in DOCX, an embedded chart object in ODT).
///
/// In data (YAML):
///
/// ```yaml
/// тип: столбцы            # столбцы (columns), полосы (horizontal bars), линии (lines), круговая (pie)
/// заголовок: Обеспеченность учебниками, %
/// подписи: [СОШ № 1, СОШ № 2]          # categories
/// ряды:                                # series: a name and one value per category (empty: no value)
///   - {название: 2025/2026, значения: [96.4, 88.9]}
/// макс: 100                            # optional axis bounds
/// мин: 0
/// шаг: 1                              # optional step of the value axis (1 for counts)
/// ширина: 16                           # cm (or "16 см", "160 мм"); 16 × 9 cm by default
/// высота: 9
/// значения: true                       # print each value on its bar or point
/// ```
public struct Chart: Sendable, Equatable {
    /// The chart's kind.
    public enum Kind: String, Sendable, CaseIterable {
        /// Vertical bars (гистограмма).
        case columns = "столбцы"
        /// Horizontal bars (линейчатая).
        case bars = "полосы"
        /// Lines with markers (график).
        case lines = "линии"
        /// A pie (круговая), of the first series.
        case pie = "круговая"

        static let english: [String: Kind] = ["columns": .columns, "column": .columns, "bars": .bars, "bar": .bars,
                                              "lines": .lines, "line": .lines, "pie": .pie]
    }

    /// One series: its name and a value per category (nil: no value).
    public struct Series: Sendable, Equatable {
        public var name: String
        public var values: [Decimal?]

        public init(name: String, values: [Decimal?]) {
            self.name = name
            self.values = values
        }
    }

    public var kind: Kind
    public var title: String?
    public var categories: [String]
    public var series: [Series]
    public var minimum: Decimal?
    public var maximum: Decimal?
    /// The value axis's step (major unit); automatic when nil.
    public var step: Decimal?
    /// Size in centimetres.
    public var width: Double
    public var height: Double
    /// Values printed on the bars or points.
    public var showsValues: Bool

    public init(kind: Kind, title: String? = nil, categories: [String], series: [Series], minimum: Decimal? = nil, maximum: Decimal? = nil,
                step: Decimal? = nil, width: Double = 16, height: Double = 9, showsValues: Bool = false) {
        self.kind = kind
        self.title = title
        self.categories = categories
        self.series = series
        self.minimum = minimum
        self.maximum = maximum
        self.step = step
        self.width = width
        self.height = height
        self.showsValues = showsValues
    }

    /// Why data is not a chart.
    public struct Invalid: Error, Sendable, Equatable {
        public var message: LocalizedText
    }

    static let fields = ["тип", "заголовок", "подписи", "ряды", "мин", "макс", "шаг", "ширина", "высота", "значения"]

    /// Reads a chart from data; the failure says what is wrong, in Russian and English.
    public static func from(_ value: Value) -> Result<Chart, Invalid> {
        func fail(_ ru: String, _ en: String) -> Result<Chart, Invalid> { .failure(Invalid(message: LocalizedText(ru: ru, en: en))) }
        guard case .map(let m) = value else {
            return fail("диаграмма — набор полей (тип, подписи, ряды), а здесь \(value.kindName)",
                        "a chart is a set of fields (тип, подписи, ряды), found \(value.kindName)")
        }
        if let unknown = m.keys.first(where: { !fields.contains($0) }) {
            return fail("у диаграммы нет поля «\(unknown)»; есть: \(fields.joined(separator: ", "))",
                        "a chart has no field '\(unknown)'; there are: \(fields.joined(separator: ", "))")
        }
        var kind = Kind.columns
        if case .string(let t)? = m["тип"] {
            guard let k = Kind(rawValue: t.lowercased()) ?? Kind.english[t.lowercased()] else {
                return fail("неизвестный тип диаграммы «\(t)»; есть: столбцы, полосы, линии, круговая",
                            "unknown chart type '\(t)'; there are: столбцы, полосы, линии, круговая")
            }
            kind = k
        } else if let t = m["тип"], t != .null {
            return fail("тип диаграммы — текст (столбцы, полосы, линии, круговая)", "the chart type is text (столбцы, полосы, линии, круговая)")
        }
        func text(_ v: Value) -> String? {
            switch v {
            case .string(let s): return Chart.xmlSafe(s)
            case .number(let d): return "\(d)".replacingOccurrences(of: ".", with: ",")
            case .date(let d): return d.description
            case .null: return ""
            default: return nil
            }
        }
        guard case .list(let labels)? = m["подписи"] else {
            return fail("у диаграммы нет списка «подписи» (подписи категорий)", "the chart has no «подписи» list (category labels)")
        }
        let categories = labels.compactMap(text)
        guard categories.count == labels.count else {
            return fail("подписи диаграммы — текст или числа", "chart labels are text or numbers")
        }
        guard case .list(let rows)? = m["ряды"], !rows.isEmpty else {
            return fail("у диаграммы нет списка «ряды» (хотя бы один ряд: название и значения)",
                        "the chart has no «ряды» list (at least one series: name and values)")
        }
        var series: [Series] = []
        for (i, r) in rows.enumerated() {
            guard case .map(let s) = r, case .list(let vs)? = s["значения"] else {
                return fail("ряд \(i + 1) диаграммы — набор полей «название» и «значения» (список чисел)",
                            "chart series \(i + 1) is a set of fields «название» and «значения» (a list of numbers)")
            }
            var values: [Decimal?] = []
            for v in vs {
                switch v {
                case .number(let d): values.append(d)
                case .null: values.append(nil)
                case .string(let s) where s.isEmpty || s == "—": values.append(nil)
                default:
                    return fail("в ряду \(i + 1) диаграммы значение «\(text(v) ?? v.kindName)» — не число",
                                "value '\(text(v) ?? v.kindName)' of chart series \(i + 1) is not a number")
                }
            }
            guard values.count == categories.count else {
                return fail("в ряду \(i + 1) диаграммы \(Counted.values.ru(values.count)), а подписей — \(categories.count)",
                            "chart series \(i + 1) has \(Counted.values.en(values.count)) for \(Counted.labels.en(categories.count))")
            }
            series.append(Series(name: s["название"].flatMap(text) ?? "Ряд \(i + 1)", values: values))
        }
        func number(_ key: String) -> Decimal?? {
            switch m[key] {
            case nil, .null?: return .some(nil)
            case .number(let d)?: return .some(d)
            default: return nil
            }
        }
        func size(_ key: String, _ standard: Double) -> Double? {
            switch m[key] {
            case nil, .null?: return standard
            case .number(let d)?: return NSDecimalNumber(decimal: d).doubleValue
            case .string(let s)?: return Chart.centimetres(s)
            default: return nil
            }
        }
        guard let minimum = number("мин"), let maximum = number("макс"), let step = number("шаг") else {
            return fail("«мин», «макс» и «шаг» диаграммы — числа", "a chart's «мин», «макс» and «шаг» are numbers")
        }
        if let step, step <= 0 {
            return fail("«шаг» диаграммы — число больше нуля", "a chart's «шаг» is a number above zero")
        }
        guard let width = size("ширина", 16), let height = size("высота", 9), (1...40).contains(width), (1...40).contains(height) else {
            return fail("размеры диаграммы — от 1 до 40 см (ширина: 16, высота: 9)", "a chart's size is 1 to 40 cm (ширина: 16, высота: 9)")
        }
        var shows = false
        if case .bool(let b)? = m["значения"] { shows = b }
        return .success(Chart(kind: kind, title: m["заголовок"].flatMap(text).flatMap { $0.isEmpty ? nil : $0 }, categories: categories,
                              series: series, minimum: minimum, maximum: maximum, step: step, width: width, height: height, showsValues: shows))
    }

    /// The text without the characters XML 1.0 cannot hold (control characters other than tab and line
    /// breaks, U+FFFE, U+FFFF), as the engine drops them from inserted values.
    static func xmlSafe(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { ($0.value < 0x20 && ![9, 10, 13].contains($0.value)) || $0.value == 0xFFFE || $0.value == 0xFFFF }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars where !((u.value < 0x20 && ![9, 10, 13].contains(u.value)) || u.value == 0xFFFE || u.value == 0xFFFF) { out.append(u) }
        return String(out)
    }

    /// `16`, `16 см`, `160 мм`, `16cm` → 16.
    static func centimetres(_ text: String) -> Double? {
        let t = text.lowercased().replacingOccurrences(of: ",", with: ".").trimmingCharacters(in: .whitespaces)
        for (unit, factor) in [("см", 1.0), ("cm", 1.0), ("мм", 0.1), ("mm", 0.1)] where t.hasSuffix(unit) {
            return Double(t.dropLast(unit.count).trimmingCharacters(in: .whitespaces)).map { $0 * factor }
        }
        return Double(t)
    }

    /// Series colours (hex RGB), the same in DOCX and ODT.
    static let palette = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E"]

    /// A number as XML writes it: `95.5`.
    static func xmlNumber(_ d: Decimal) -> String { "\(d)" }
}
