import Foundation
import ShablonData

/// Карта столбцов: how to read a table exported from a district's system (АИС «Книгозаказ», «Аверс:
/// Библиотека», МАРК-SQL, ИРБИС64) or a district's own spreadsheet without editing it — which column
/// holds which field, and where the header and the records are.
///
/// The file (YAML) is read by `shablon spec --columns` (an order) and `shablon analysis --columns`
/// (the statistics tables):
///
/// ```yaml
/// описание: выгрузка заказа из АИС «Книгозаказ»   # free text, for people
/// лист: Заказ                # XLSX: the sheet
/// строка_заголовков: 4       # the header's row, as the spreadsheet shows it; rows above are titles
/// строк_в_заголовке: 2       # the header takes rows 4–5 (merged cells): titles joined top to bottom
/// пропустить_строки: [6]     # rows under the header that are not records (column numbers «1 2 3 …»)
/// кодировка: windows-1251    # CSV: utf-8 or windows-1251; detected when absent
/// столбцы:                   # field: the column's title as written (or its letter, F)
///   фпу: Код ФПУ
///   класс: Класс
/// ```
///
/// Every problem is reported at once with its line and column in the file: an unknown key or field
/// with the nearest known one («возможно, имелось в виду …»), a value of the wrong kind.
public struct ColumnMap: Sendable, Equatable {
    /// Field (its canonical name, such as `фпу` or `учащиеся_5`) → the column's title as written, or its
    /// letter (`F`).
    public var columns: [String: String]
    /// The sheet of a workbook; nil for the first.
    public var sheet: String?
    /// Where the header and the records are.
    public var layout: TableLayout

    /// An empty map: a plain table, columns recognised by their titles.
    public init(columns: [String: String] = [:], sheet: String? = nil, layout: TableLayout = TableLayout()) {
        self.columns = columns
        self.sheet = sheet
        self.layout = layout
    }

    /// The keys a map file may have.
    public static let keys = ["описание", "лист", "строка_заголовков", "строк_в_заголовке", "пропустить_строки", "кодировка", "столбцы"]

    /// Reads a map file. `fields` are the field names the table has (for an order, `OrderColumn`'s);
    /// `aliases` other names people write for them (`код_фпу` → `фпу`), which are accepted too.
    public static func load(_ data: LoadedData, fields: [String], aliases: [String: String] = [:]) throws(Problems) -> ColumnMap {
        var r = FieldReader(data)
        var map = ColumnMap()
        let root = FieldPath.root
        if case .null = data.value { return map }
        let m = try r.top(allowed: keys, ru: "карта столбцов — не набор полей", en: "the column map is not a set of fields",
                          hintRu: "Например: «столбцы: {фпу: Код ФПУ}»; см. docs/specification.md.",
                          hintEn: "For example: «столбцы: {фпу: Код ФПУ}»; see docs/specification.md.")
        func at(_ k: String) -> FieldPath { root.appending(key: k) }
        _ = r.text(m["описание"], at("описание"))
        map.sheet = r.text(m["лист"], at("лист"))
        if let n = r.integer(m["строка_заголовков"], at("строка_заголовков")) {
            if (1...1_048_576).contains(n) { map.layout.headerRow = n } else {
                r.report("columns-bad-value", at("строка_заголовков"), ru: "строки \(n) не бывает", en: "there is no row \(n)",
                         hintRu: "Укажите номер строки заголовков, как его показывает Excel: 1, 2, 3…",
                         hintEn: "Give the header's row number as Excel shows it: 1, 2, 3…")
            }
        }
        if let n = r.integer(m["строк_в_заголовке"], at("строк_в_заголовке")) {
            if (1...10).contains(n) { map.layout.headerRows = n } else {
                r.report("columns-bad-value", at("строк_в_заголовке"), ru: "заголовок в \(n) строк не читается", en: "a header of \(n) rows is not read",
                         hintRu: "Укажите от 1 до 10 строк.", hintEn: "Give 1 to 10 rows.")
            }
        }
        map.layout.skipRows = readRows(&r, m["пропустить_строки"], at("пропустить_строки"))
        if let e = r.text(m["кодировка"], at("кодировка")) {
            switch e.lowercased().filter({ $0.isLetter || $0.isNumber }) {
            case "utf8": map.layout.encoding = .utf8
            case "windows1251", "cp1251", "win1251", "1251": map.layout.encoding = .windows1251
            case "авто", "auto": break
            default:
                r.report("columns-bad-value", at("кодировка"), ru: "кодировка «\(e)» не читается", en: "the encoding «\(e)» is not read",
                         hintRu: "Возможные: utf-8, windows-1251 (или уберите поле: кодировка определится сама).",
                         hintEn: "Possible: utf-8, windows-1251 (or drop the field: the encoding is then detected).")
            }
        }
        switch m["столбцы"] {
        case nil, .null?: break
        case .map(let cm)?:
            var given: [String: String] = [:]
            for key in cm.keys {
                let path = at("столбцы").appending(key: key)
                let field = fields.contains(key) ? key : aliases[key] ?? aliases[key.lowercased()]
                guard let field else {
                    let near = NameSuggestion.nearest(key, in: fields + aliases.keys.sorted()).map { aliases[$0] ?? $0 }
                    r.report("columns-unknown-field", path, ru: "неизвестное поле", en: "unknown field",
                             hintRu: (near.map { "Возможно, имелось в виду «\($0)». " } ?? "") + "Поля: " + fields.joined(separator: ", ") + ".",
                             hintEn: (near.map { "Did you mean «\($0)»? " } ?? "") + "Fields: " + fields.joined(separator: ", ") + ".")
                    continue
                }
                guard let title = r.text(cm[key], path) else { continue }
                if let other = given[field] {
                    r.report("data-duplicate-key", path, ru: "поле «\(field)» уже задано как «\(other)»", en: "the field «\(field)» is given as «\(other)» already",
                             hintRu: "Оставьте одно.", hintEn: "Keep one.")
                    continue
                }
                given[field] = key
                map.columns[field] = title.trimmingCharacters(in: .whitespaces)
            }
        case let v?:
            r.report("data-wrong-type", at("столбцы"), ru: "ожидался набор полей, а здесь \(v.kindName)", en: "a set of fields was expected, found \(v.kindName)",
                     hintRu: "Запишите с отступом по строке на столбец: «фпу: Код ФПУ».", hintEn: "Write one indented line per column: «фпу: Код ФПУ».")
        }
        if !r.problems.isEmpty { throw Problems(ContractDetails.inFileOrder(r.problems)) }
        return map
    }

    /// Row numbers: a number, a list of numbers, or ranges `6-7`.
    private static func readRows(_ r: inout FieldReader, _ v: Value?, _ path: FieldPath) -> Set<Int> {
        guard let v else { return [] }
        var rows = Set<Int>()
        let items: [(Value, FieldPath)]
        switch v {
        case .null: return []
        case .list(let list): items = list.enumerated().map { ($1, path.appending(index: $0)) }
        default: items = [(v, path)]
        }
        for (item, at) in items {
            let text: String
            switch item {
            case .number(let d): text = "\(d)"
            case .string(let s): text = s
            default: text = ""
            }
            let ends = text.split(whereSeparator: { $0 == "-" || $0 == "–" || $0 == "—" }).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            if ends.count == 1 || ends.count == 2, let a = ends.first ?? nil, let b = ends.last ?? nil, a >= 1, a <= b, b - a < 10_000 {
                rows.formUnion(a...b)
            } else {
                r.report("columns-bad-value", at, ru: "«\(text)» — не номер строки", en: "«\(text)» is not a row number",
                         hintRu: "Пишите номера строк, как их показывает Excel: [6] или [6, 8-9].",
                         hintEn: "Give row numbers as Excel shows them: [6] or [6, 8-9].")
            }
        }
        return rows
    }

    /// The map with command-line values over its own: `columns` (field → title) and the sheet.
    public func overridden(columns more: [String: String], sheet: String?) -> ColumnMap {
        var m = self
        m.columns.merge(more) { _, cli in cli }
        if let sheet { m.sheet = sheet }
        return m
    }

    /// The index of the column `title` names among `headers`: the title as written; then compared
    /// ignoring case, `ё` and punctuation; then the one column whose title (of a header over several
    /// rows) ends or starts with it — «Код ФПУ» for «Учебник Код ФПУ»; then a column letter (`F`).
    /// nil when none, or when several columns end or start with it.
    public static func index(of title: String, in headers: [String]) -> Int? {
        if let i = headers.firstIndex(of: title) { return i }
        let wanted = OrderColumn.normalized(title)
        guard !wanted.isEmpty else { return nil }
        let normal = headers.map(OrderColumn.normalized)
        if let i = normal.firstIndex(of: wanted) { return i }
        let ends = normal.indices.filter { normal[$0].hasSuffix(" " + wanted) }
        if ends.count == 1 { return ends[0] }
        let starts = normal.indices.filter { normal[$0].hasPrefix(wanted + " ") }
        if ends.isEmpty, starts.count == 1 { return starts[0] }
        if title.count <= 3, title.allSatisfy({ $0.isASCII && $0.isUppercase }), let at = OrderReader.columnIndex(title), at < headers.count {
            return at
        }
        return nil
    }

    /// The order's fields (`OrderColumn`).
    public static let orderFields = OrderColumn.allCases.map(\.rawValue)

    /// The statistics table's fields (`StatisticsColumn`, canonical names).
    public static let statisticsFields = StatisticsColumn.all.map(\.name)

    /// Other names for the statistics table's fields: the titles it recognises, as names.
    public static let statisticsAliases: [String: String] = StatisticsColumn.synonyms
        .filter { $0.key != $0.value.name }.mapValues(\.name)

    /// The columns as an order's mapping.
    public var orderColumns: [OrderColumn: String] {
        var out: [OrderColumn: String] = [:]
        for (k, v) in columns { if let c = OrderColumn(rawValue: k) { out[c] = v } }
        return out
    }

    /// Other names people write for the order's fields in a map's `столбцы`.
    public static let orderAliases: [String: String] = [
        "код_фпу": "фпу", "код_фп": "фпу", "номер_фпу": "фпу", "№_в_фпу": "фпу", "оо": "школа", "организация": "школа",
        "автор": "авторы", "название": "наименование", "учебник": "наименование", "классы": "класс",
        "издатель": "издательство", "год_издания": "год", "кол_во": "количество", "экземпляров": "количество",
        "school": "школа", "fpu": "фпу", "authors": "авторы", "title": "наименование", "grade": "класс", "class": "класс",
        "publisher": "издательство", "year": "год", "quantity": "количество", "price": "цена", "sum": "сумма",
    ]
}
