import Foundation
import ShablonData
import ShablonRussian

// MARK: - The order

/// Столбец заказа: a column of the centralized order that Shablon recognises.
public enum OrderColumn: String, Sendable, CaseIterable, Hashable {
    /// Школа (общеобразовательная организация, ОО).
    case school = "школа"
    /// № в ФПУ: the textbook's number in the federal list.
    case fpu = "фпу"
    /// Автор(ы).
    case authors = "авторы"
    /// Наименование учебника.
    case title = "наименование"
    /// Класс.
    case grade = "класс"
    /// Издательство.
    case publisher = "издательство"
    /// Год издания.
    case year = "год"
    /// Количество, экз.
    case quantity = "количество"
    /// Цена за экземпляр, руб.
    case price = "цена"
    /// Сумма, руб. (optional; checked against quantity × price when present).
    case sum = "сумма"

    /// Columns an order must have.
    public static let required: [OrderColumn] = [.school, .fpu, .title, .publisher, .quantity, .price]

    /// How the column is named in messages.
    public var displayName: String {
        switch self {
        case .school: return "Школа"
        case .fpu: return "№ в ФПУ"
        case .authors: return "Автор(ы)"
        case .title: return "Наименование"
        case .grade: return "Класс"
        case .publisher: return "Издательство"
        case .year: return "Год издания"
        case .quantity: return "Количество"
        case .price: return "Цена"
        case .sum: return "Сумма"
        }
    }

    /// A header reduced to lower-case words: «№ в ФПУ» → «№ в фпу», «Кол-во, экз.» → «кол во экз».
    static func normalized(_ header: String) -> String {
        var out = ""
        for c in header.lowercased().replacingOccurrences(of: "ё", with: "е") {
            if c.isLetter || c.isNumber || c == "№" { out.append(c) } else { out.append(" ") }
        }
        return out.split(separator: " ").joined(separator: " ")
    }

    /// The column a header names, by the words Russian order forms use (`Школа`, `ОО`, `№ в ФПУ`,
    /// `Порядковый номер в ФПУ`, `Автор(ы)`, `Наименование учебника`, `Класс`, `Издательство`,
    /// `Год издания`, `Количество, экз.`, `Кол-во`, `Цена за 1 экз., руб.`, `Сумма`); nil for others
    /// (`№ п/п`, notes).
    public static func recognize(_ header: String) -> OrderColumn? {
        let h = normalized(header)
        let words = Set(h.split(separator: " ").map(String.init))
        func has(_ part: String) -> Bool { h.contains(part) }
        if has("фпу") || has("федеральн") || has("перечн") { return .fpu }
        if words.contains("оо") || has("школ") || has("образовательн") || has("учрежден") || has("организац") { return .school }
        if has("издательств") || has("издател") { return .publisher }
        if has("автор") { return .authors }
        if has("год") { return .year }
        if has("цена") || (has("стоимость") && (words.contains("ед") || words.contains("1") || has("единиц") || has("экземпляр"))) { return .price }
        if has("сумма") || has("стоимость") { return .sum }
        if has("количеств") || has("кол во") || words.contains("кол") || words.contains("экз") { return .quantity }
        if words.contains("класс") || words.contains("классы") || words.contains("кл") || has("класс ") { return .grade }
        if has("наименован") || has("название") || has("учебник") { return .title }
        return nil
    }
}

/// Строка заказа: one line of a centralized textbook order — one school ordering one textbook.
public struct OrderLine: Sendable, Equatable {
    /// Школа: the ordering school, as written.
    public var school: String
    /// № в ФПУ.
    public var fpuNumber: String
    /// Автор(ы); empty when the order does not say.
    public var authors: String
    /// Наименование учебника.
    public var title: String
    /// Класс (`5`, `10-11`); empty when the order does not say.
    public var grade: String
    /// Издательство, as written.
    public var publisher: String
    /// Год издания, when given.
    public var year: Int?
    /// Количество, экз.
    public var quantity: Int
    /// Цена за экземпляр, руб. (exact, at most two decimals).
    public var price: Decimal
    /// The line's row in the order file, as the spreadsheet shows it.
    public var row: Int

    /// Creates a line.
    public init(school: String, fpuNumber: String, authors: String = "", title: String, grade: String = "",
                publisher: String, year: Int? = nil, quantity: Int, price: Decimal, row: Int = 0) {
        self.school = school
        self.fpuNumber = fpuNumber
        self.authors = authors
        self.title = title
        self.grade = grade
        self.publisher = publisher
        self.year = year
        self.quantity = quantity
        self.price = price
        self.row = row
    }

    /// Сумма: quantity × price, exact.
    public var sum: Decimal { Decimal(quantity) * price }
}

/// Централизованный заказ учебников: every school's order lines, as read from CSV or XLSX.
public struct TextbookOrder: Sendable, Equatable {
    /// The lines with a quantity, in file order.
    public var lines: [OrderLine]
    /// Warnings found while reading (a sum that is not quantity × price, one textbook described two ways).
    public var warnings: [Problem]

    /// Creates an order from lines.
    public init(lines: [OrderLine], warnings: [Problem] = []) {
        self.lines = lines
        self.warnings = warnings
    }

    /// Всего экземпляров.
    public var copies: Int { lines.reduce(0) { $0 + $1.quantity } }
    /// Общая сумма заказа, руб.
    public var total: Decimal { lines.reduce(Decimal(0)) { $0 + $1.sum } }

    /// The most rows at the top of a sheet searched for the header when the first row is a title.
    static let headerSearchRows = 10

    /// Reads an order from a table (CSV or a sheet of XLSX).
    ///
    /// Columns are recognised by their headers (`OrderColumn.recognize`), or named by `columns`
    /// (field → header as written, or a column letter such as `F`; see `ColumnMap.index`). When the first row is a title, the
    /// header is looked for among the first ten rows. Rows with no quantity (empty or 0) are not lines;
    /// neither are «Итого»/«Всего» rows without a ФПУ number. Every bad cell is reported at once, by
    /// sheet and address (`лист «Заказ», ячейка J14`).
    public static func load(_ table: Table, columns: [OrderColumn: String] = [:]) throws(Problems) -> TextbookOrder {
        var reader = OrderReader(table: table)
        return try reader.read(mapping: columns)
    }
}

/// Reads order lines out of a table, collecting every problem.
struct OrderReader {
    var table: Table
    var problems: [Problem] = []
    var warnings: [Problem] = []

    init(table: Table) { self.table = table }

    func address(_ column: Int, _ row: Int) -> ProblemLocation {
        .sheetCell(sheet: table.sheet, address: OrderReader.letters(column + 1) + String(row))
    }

    static func letters(_ number: Int) -> String {
        var n = number
        var s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(Character(Unicode.Scalar(UInt8(65 + r)))) + s; n = (n - 1) / 26 }
        return s
    }

    static func text(_ v: Value?) -> String {
        switch v {
        case .string(let s)?: return s.trimmingCharacters(in: .whitespacesAndNewlines)
        case .number(let d)?: return "\(d)"
        case .date(let d)?: return RussianPlain.date(d)
        case .bool(let b)?: return b ? "да" : "нет"
        default: return ""
        }
    }

    /// Column indices for each field: recognised headers, then the user's mapping over them.
    func recognise(_ headers: [String], mapping: [OrderColumn: String]) -> (found: [OrderColumn: Int], unknown: [(OrderColumn, String)]) {
        var found: [OrderColumn: Int] = [:]
        var taken = Set<Int>()
        var unknown: [(OrderColumn, String)] = []
        for (column, header) in mapping.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            if let i = ColumnMap.index(of: header, in: headers) {
                found[column] = i
                taken.insert(i)
            } else {
                unknown.append((column, header))
            }
        }
        for (i, h) in headers.enumerated() where !taken.contains(i) {
            if let c = OrderColumn.recognize(h), found[c] == nil, !mapping.keys.contains(c) {
                found[c] = i
                taken.insert(i)
            }
        }
        return (found, unknown)
    }

    static func columnIndex(_ letters: String) -> Int? {
        var n = 0
        for u in letters.utf8 { guard u >= 65, u <= 90 else { return nil }; n = n * 26 + Int(u - 64) }
        return n > 0 ? n - 1 : nil
    }

    /// When the first row is a title, a later row among the first few may be the header: the table is
    /// re-read from there.
    mutating func relocateHeader(mapping: [OrderColumn: String]) {
        let current = recognise(table.headers, mapping: mapping)
        guard !OrderColumn.required.allSatisfy({ current.found[$0] != nil }) else { return }
        for (index, row) in table.rows.prefix(TextbookOrder.headerSearchRows).enumerated() {
            let texts = table.headers.map { OrderReader.text(row[$0]) }
            let r = recognise(texts, mapping: mapping)
            guard OrderColumn.required.allSatisfy({ r.found[$0] != nil }) else { continue }
            var headers: [String] = []
            for (i, t) in texts.enumerated() {
                var name = t.isEmpty ? "столбец \(i + 1)" : t
                if headers.contains(name) { name += " (\(OrderReader.letters(i + 1)))" }
                headers.append(name)
            }
            let old = table.headers
            let rows = table.rows[(index + 1)...].map { r -> ValueMap in
                ValueMap(zip(headers, old).map { ($0, r[$1] ?? .null) })
            }
            table = Table(headers: headers, rows: Array(rows), rowNumbers: Array(table.rowNumbers[(index + 1)...]), sheet: table.sheet)
            return
        }
    }

    mutating func read(mapping: [OrderColumn: String]) throws(Problems) -> TextbookOrder {
        relocateHeader(mapping: mapping)
        let (found, unknown) = recognise(table.headers, mapping: mapping)
        let headerList = table.headers.map { "«\($0)»" }.joined(separator: ", ")
        for (column, header) in unknown {
            problems.append(Problem(code: "order-missing-column", location: .named("столбцы"),
                                    message: LocalizedText(ru: "в заказе нет столбца «\(header)», указанного для поля «\(column.rawValue)»",
                                                           en: "the order has no column «\(header)» given for the field «\(column.rawValue)»"),
                                    hint: LocalizedText(ru: "Столбцы заказа: \(headerList).", en: "The order's columns: \(headerList).")))
        }
        let missing = OrderColumn.required.filter { found[$0] == nil && !mapping.keys.contains($0) }
        if !missing.isEmpty {
            let names = missing.map { "«\($0.displayName)»" }.joined(separator: ", ")
            let example = missing[0].rawValue
            problems.append(Problem(code: "order-missing-column", location: .named("столбцы"),
                                    message: LocalizedText(ru: "в заказе не найдены столбцы: \(names)", en: "the order lacks the columns \(names)"),
                                    hint: LocalizedText(
                                        ru: "Столбцы заказа: \(headerList). Назовите столбцы привычно (Школа, № в ФПУ, Наименование, Издательство, Количество, Цена) или укажите, какой есть какой: --column \(example)=\"Заголовок\" (или карта столбцов --columns, или в contracts.yaml раздел «столбцы»; см. docs/specification.md).",
                                        en: "The order's columns: \(headerList). Name the columns as usual (Школа, № в ФПУ, Наименование, Издательство, Количество, Цена) or map them: --column \(example)=\"Header\" (or a column map, --columns, or the «столбцы» section of contracts.yaml; see docs/specification.md).")))
        }
        guard problems.isEmpty else { throw Problems(problems) }
        var lines: [OrderLine] = []
        for (rowIndex, row) in table.rows.enumerated() {
            if let line = readLine(row, number: table.rowNumbers[rowIndex], found) { lines.append(line) }
        }
        if problems.isEmpty && lines.isEmpty {
            problems.append(Problem(code: "order-empty",
                                    message: LocalizedText(ru: "в заказе нет ни одной строки с количеством", en: "the order has no line with a quantity"),
                                    hint: LocalizedText(ru: "Заполните столбец «Количество» хотя бы в одной строке.", en: "Fill in the quantity in at least one row.")))
        }
        warnings += OrderReader.conflicts(lines, sheet: table.sheet)
        guard problems.isEmpty else { throw Problems(problems + warnings) }
        return TextbookOrder(lines: lines, warnings: warnings)
    }

    mutating func bad(_ column: Int, _ row: Int, _ field: OrderColumn, ru: String, en: String, hintRu: String, hintEn: String) {
        problems.append(Problem(code: "order-bad-cell", location: address(column, row),
                                message: LocalizedText(ru: "«\(field.displayName)»: " + ru, en: "«\(field.displayName)»: " + en),
                                hint: LocalizedText(ru: hintRu, en: hintEn)))
    }

    /// Reads one row; nil when it is not an order line (no quantity, a total row) or is broken.
    mutating func readLine(_ row: ValueMap, number: Int, _ found: [OrderColumn: Int]) -> OrderLine? {
        func cell(_ c: OrderColumn) -> Value? { found[c].map { row[table.headers[$0]] ?? .null } }
        func text(_ c: OrderColumn) -> String { OrderReader.text(cell(c)) }
        // Totals rows: «Итого», «Всего» and no ФПУ number.
        if text(.fpu).isEmpty, table.headers.contains(where: { h in
            let t = OrderReader.text(row[h]).lowercased()
            return t.hasPrefix("итого") || t.hasPrefix("всего")
        }) { return nil }
        // The quantity decides whether the row is a line.
        let quantityValue = cell(.quantity) ?? .null
        var quantity: Int?
        let qc = found[.quantity]!
        switch quantityValue {
        case .null: return nil
        case .string(let s) where s.trimmingCharacters(in: .whitespaces).isEmpty: return nil
        case .number(let d):
            if d.isZero { return nil }
            if let q = OrderReader.wholeNumber(d), q > 0, q <= 10_000_000 { quantity = q } else {
                bad(qc, number, .quantity, ru: "«\(RussianPlain.number(d))» — не целое положительное число экземпляров",
                    en: "«\(RussianPlain.number(d))» is not a positive whole number of copies",
                    hintRu: "Укажите число экземпляров целым числом, например 25.", hintEn: "Give the number of copies as a whole number, e.g. 25.")
            }
        default:
            bad(qc, number, .quantity, ru: "«\(OrderReader.text(quantityValue))» — не число", en: "«\(OrderReader.text(quantityValue))» is not a number",
                hintRu: "Укажите в ячейке только число экземпляров, например 25, без слов «экз.».",
                hintEn: "Put only the number of copies in the cell, e.g. 25, without words.")
        }
        var ok = quantity != nil
        func required(_ c: OrderColumn) -> String {
            let t = text(c)
            if t.isEmpty {
                ok = false
                bad(found[c]!, number, c, ru: "ячейка пуста, а в строке заказано \(quantity.map(String.init) ?? "") экз.".replacingOccurrences(of: "  ", with: " "),
                    en: "the cell is empty, but the row orders copies",
                    hintRu: "Заполните ячейку или удалите количество, если строка не нужна.",
                    hintEn: "Fill in the cell, or clear the quantity if the row is not needed.")
            }
            return t
        }
        let school = required(.school)
        let fpu = required(.fpu)
        let title = required(.title)
        let publisher = required(.publisher)
        var grade = ""
        if let gc = found[.grade] {
            switch cell(.grade) ?? .null {
            case .date(let d):
                ok = false
                bad(gc, number, .grade, ru: "вместо класса дата \(RussianPlain.date(d)): так Excel превращает «\(d.day)-\(d.month)» в дату",
                    en: "a date \(RussianPlain.date(d)) instead of a class: Excel turns «\(d.day)-\(d.month)» into a date",
                    hintRu: "Задайте столбцу «Класс» текстовый формат и введите класс заново (например, 1-4).",
                    hintEn: "Format the class column as text and enter the class again (e.g. 1-4).")
            case .number(let d):
                grade = OrderReader.wholeNumber(d).map(String.init) ?? RussianPlain.number(d)
            default:
                grade = text(.grade)
            }
        }
        var year: Int?
        if let yc = found[.year] {
            switch cell(.year) ?? .null {
            case .null: break
            case .number(let d):
                if let y = OrderReader.wholeNumber(d), (1900...2100).contains(y) { year = y } else {
                    ok = false
                    bad(yc, number, .year, ru: "«\(RussianPlain.number(d))» — не год", en: "«\(RussianPlain.number(d))» is not a year",
                        hintRu: "Укажите год издания четырьмя цифрами, например 2024.", hintEn: "Give the year of edition in four digits, e.g. 2024.")
                }
            case .date(let d):
                year = d.year
            default:
                let t = text(.year)
                let runs = t.split(whereSeparator: { !$0.isNumber }).filter { $0.count == 4 }
                if runs.count == 1, let y = Int(String(runs[0])), (1900...2100).contains(y) { year = y } else if !t.isEmpty {
                    ok = false
                    bad(yc, number, .year, ru: "«\(t)» — не год", en: "«\(t)» is not a year",
                        hintRu: "Укажите год издания четырьмя цифрами, например 2024.", hintEn: "Give the year of edition in four digits, e.g. 2024.")
                }
            }
        }
        var price: Decimal?
        let pc = found[.price]!
        switch cell(.price) ?? .null {
        case .number(let d):
            if d > 0, Money.round(d) == d { price = d } else if d <= 0 {
                bad(pc, number, .price, ru: "цена \(RussianPlain.number(d)) — не положительна", en: "the price \(RussianPlain.number(d)) is not positive",
                    hintRu: "Укажите цену за экземпляр в рублях, например 845,90.", hintEn: "Give the price per copy in rubles, e.g. 845,90.")
            } else {
                bad(pc, number, .price, ru: "в цене \(RussianPlain.number(d)) больше двух знаков после запятой", en: "the price \(RussianPlain.number(d)) has more than two decimals",
                    hintRu: "Цена указывается в рублях и копейках: округлите до копеек (например, 845,90).",
                    hintEn: "Prices are in rubles and kopecks: round to kopecks (e.g. 845,90).")
            }
        case .null:
            bad(pc, number, .price, ru: "ячейка пуста, а в строке заказаны экземпляры", en: "the cell is empty, but the row orders copies",
                hintRu: "Укажите цену за экземпляр, например 845,90.", hintEn: "Give the price per copy, e.g. 845,90.")
        case let v:
            bad(pc, number, .price, ru: "«\(OrderReader.text(v))» — не число", en: "«\(OrderReader.text(v))» is not a number",
                hintRu: "Укажите в ячейке только цену с десятичной запятой, например 845,90, без «руб.».",
                hintEn: "Put only the price with a decimal comma in the cell, e.g. 845,90, without «руб.».")
        }
        guard ok, let quantity, let price else { return nil }
        let line = OrderLine(school: school, fpuNumber: fpu, authors: text(.authors), title: title, grade: grade,
                             publisher: publisher, year: year, quantity: quantity, price: price, row: number)
        if let sc = found[.sum], case .number(let written)? = cell(.sum), written != line.sum {
            warnings.append(Problem(.warning, code: "order-sum-mismatch", location: address(sc, number),
                                    message: LocalizedText(ru: "сумма \(RussianFormat.number(written, fractionDigits: 2)) не равна количеству × цену (\(RussianFormat.number(line.sum, fractionDigits: 2)))",
                                                           en: "the sum \(RussianFormat.number(written, fractionDigits: 2)) is not quantity × price (\(RussianFormat.number(line.sum, fractionDigits: 2)))"),
                                    hint: LocalizedText(ru: "В спецификацию идёт количество × цена; проверьте строку.",
                                                        en: "The specification uses quantity × price; check the row.")))
        }
        return line
    }

    /// A decimal that is a whole number fitting an `Int`.
    static func wholeNumber(_ d: Decimal) -> Int? {
        guard Money.round(d, 0) == d, d.magnitude < 1_000_000_000_000 else { return nil }
        return Int(NSDecimalNumber(decimal: d).int64Value)
    }

    /// Warnings for one textbook described two ways: the same ФПУ number, class and price with another
    /// title, authors or year (within a publisher), or under two publishers.
    static func conflicts(_ lines: [OrderLine], sheet: String?) -> [Problem] {
        var first: [Specification.LineKey: OrderLine] = [:]
        var acrossPublishers: [String: OrderLine] = [:]
        var out: [Problem] = []
        for line in lines {
            let key = Specification.LineKey(line)
            if let f = first[key] {
                var fields: [String] = []
                if f.title != line.title { fields.append("наименование «\(f.title)» / «\(line.title)»") }
                if f.authors != line.authors { fields.append("авторы «\(f.authors)» / «\(line.authors)»") }
                if f.year != line.year { fields.append("год \(f.year.map(String.init) ?? "—") / \(line.year.map(String.init) ?? "—")") }
                if !fields.isEmpty {
                    out.append(Problem(.warning, code: "order-conflict", location: .row(line.row),
                                       message: LocalizedText(ru: "учебник № \(line.fpuNumber) (\(line.grade.isEmpty ? "" : line.grade + " кл., ")цена \(RussianFormat.number(line.price, fractionDigits: 2))) описан не так, как в строке \(f.row): " + fields.joined(separator: "; "),
                                                              en: "textbook № \(line.fpuNumber) (price \(RussianFormat.number(line.price, fractionDigits: 2))) is described differently from row \(f.row): " + fields.joined(separator: "; ")),
                                       hint: LocalizedText(ru: "В спецификацию идёт описание из строки \(f.row); исправьте заказ, если это разные учебники.",
                                                           en: "The specification uses row \(f.row)'s description; fix the order if these are different textbooks.")))
                }
            } else {
                first[key] = line
            }
            let book = key.fpu + "|" + key.grade + "|" + "\(line.price)"
            if let other = acrossPublishers[book], Specification.publisherKey(other.publisher) != key.publisher {
                out.append(Problem(.warning, code: "order-conflict", location: .row(line.row),
                                   message: LocalizedText(ru: "учебник № \(line.fpuNumber) указан у двух издательств: «\(other.publisher)» (строка \(other.row)) и «\(line.publisher)»",
                                                          en: "textbook № \(line.fpuNumber) is listed under two publishers: «\(other.publisher)» (row \(other.row)) and «\(line.publisher)»"),
                                   hint: LocalizedText(ru: "Проверьте название издательства: спецификации составляются по издательствам.",
                                                       en: "Check the publisher's name: specifications are made per publisher.")))
            } else if acrossPublishers[book] == nil {
                acrossPublishers[book] = line
            }
        }
        return out
    }
}

// MARK: - Money and VAT

/// Денежные суммы: exact decimal rounding to kopecks.
public enum Money {
    /// Rounds half up (away from zero) to `scale` decimals: 0.125 → 0.13.
    public static func round(_ value: Decimal, _ scale: Int = 2) -> Decimal {
        var v = value
        var r = Decimal()
        NSDecimalRound(&r, &v, scale, .plain)
        return r
    }

    /// One kopeck.
    public static let kopeck = Decimal(sign: .plus, exponent: -2, significand: 1)
}

/// НДС в том числе: value added tax contained in a price (for educational books 10 %).
///
/// The rule, stated once and followed everywhere:
/// 1. The VAT of an amount is `amount × rate / (100 + rate)` — for 10 %, `amount × 10/110` — computed
///    exactly and rounded half up to the kopeck.
/// 2. **Total**: the specification's VAT is rule 1 applied to its total sum:
///    `round(total × 10/110, 2)`. This is the figure the contract states.
/// 3. **Lines**: each line's VAT is rule 1 applied to the line's sum. When these rounded line VATs do
///    not add up to the total VAT (they may differ by a kopeck or a few), the difference is spread one
///    kopeck at a time over the lines whose rounding moved them furthest the other way (largest remainder;
///    ties go to the larger sum, then the earlier line). So the VAT column always adds up to the total,
///    every line's VAT is within one kopeck of its exact value, and as few lines as possible differ from
///    rule 1.
public enum IncludedVAT {
    /// The exact VAT contained in an amount, unrounded.
    public static func exact(_ amount: Decimal, rate: Int) -> Decimal {
        amount * Decimal(rate) / Decimal(100 + rate)
    }

    /// The VAT contained in an amount, rounded half up to the kopeck (rule 1).
    public static func rounded(_ amount: Decimal, rate: Int) -> Decimal {
        Money.round(exact(amount, rate: rate))
    }

    /// The VAT of each line and of the total (rules 2 and 3): the line VATs add up to the total.
    public static func split(_ sums: [Decimal], rate: Int) -> (lines: [Decimal], total: Decimal) {
        let total = rounded(sums.reduce(Decimal(0), +), rate: rate)
        let exact = sums.map { self.exact($0, rate: rate) }
        var lines = exact.map { Money.round($0) }
        var difference = (total - lines.reduce(Decimal(0), +)) / Money.kopeck
        let steps = NSDecimalNumber(decimal: Money.round(difference, 0)).intValue
        difference = Decimal(steps)
        guard steps != 0 else { return (lines, total) }
        // Lines rounded the other way, furthest first.
        let up = steps > 0
        let candidates = lines.indices.filter { up ? exact[$0] > lines[$0] : exact[$0] < lines[$0] }.sorted { a, b in
            let ra = (exact[a] - lines[a]).magnitude, rb = (exact[b] - lines[b]).magnitude
            if ra != rb { return ra > rb }
            if sums[a] != sums[b] { return sums[a] > sums[b] }
            return a < b
        }
        for i in candidates.prefix(abs(steps)) {
            lines[i] += up ? Money.kopeck : -Money.kopeck
        }
        return (lines, total)
    }
}

/// НДС: whether prices contain VAT, and at what rate.
public enum VATMode: Sendable, Equatable, Hashable {
    /// НДС в том числе, по ставке `rate` процентов (10 for educational books).
    case included(rate: Int)
    /// «Без НДС»: the supplier does not charge VAT (simplified taxation, exemption).
    case exempt

    /// 10 %, the rate for educational books.
    public static let books = VATMode.included(rate: 10)
}

// MARK: - The specification

/// Спецификация к контракту: the goods of one contract — one publisher's textbooks summed over every
/// school of the order, with sums, VAT and the distribution by school (разнарядка).
public struct Specification: Sendable, Equatable {
    /// Строка спецификации: one textbook (ФПУ number, class, price) with the copies of all schools.
    public struct Line: Sendable, Equatable {
        /// № п/п, from 1.
        public var number: Int
        /// № в ФПУ.
        public var fpuNumber: String
        /// Автор(ы).
        public var authors: String
        /// Наименование.
        public var title: String
        /// Класс.
        public var grade: String
        /// Издательство.
        public var publisher: String
        /// Год издания.
        public var year: Int?
        /// Количество, экз.
        public var quantity: Int
        /// Цена за единицу, руб.
        public var price: Decimal
        /// Сумма, руб.: quantity × price.
        public var sum: Decimal
        /// В т.ч. НДС, руб.; nil «Без НДС».
        public var vat: Decimal?
    }

    /// Разнарядка: the copies of each specification line one school receives.
    public struct SchoolShare: Sendable, Equatable {
        /// One line of the distribution.
        public struct Item: Sendable, Equatable {
            /// The specification line's number.
            public var line: Int
            /// Экземпляров для школы.
            public var quantity: Int
            /// Сумма для школы, руб.
            public var sum: Decimal
        }

        /// Школа, as written in the order.
        public var school: String
        /// The school's items, in specification order.
        public var items: [Item]
        /// Экземпляров всего.
        public var copies: Int { items.reduce(0) { $0 + $1.quantity } }
        /// Сумма всего, руб.
        public var sum: Decimal { items.reduce(Decimal(0)) { $0 + $1.sum } }
    }

    /// Издательство (поставщик), as first written in the order.
    public var publisher: String

    /// The publisher as the documents print it — in the specification's columns, the summary and the
    /// file's name: Russian typography on the order's spelling (`ООО "БИНОМ"` → ООО «БИНОМ», nested
    /// quotes „лапки“), whichever way the order typed it.
    public var printedPublisher: String { Typography.apply(publisher) }
    /// The lines, ordered by ФПУ number, class and price.
    public var lines: [Line]
    /// Whether the prices contain VAT.
    public var vatMode: VATMode
    /// В том числе НДС всего, руб. (rule 2 of `IncludedVAT`); nil «Без НДС».
    public var vat: Decimal?
    /// Разнарядка по школам, in the order's school order.
    public var distribution: [SchoolShare]

    /// Экземпляров всего.
    public var copies: Int { lines.reduce(0) { $0 + $1.quantity } }
    /// Итого, руб.
    public var total: Decimal { lines.reduce(Decimal(0)) { $0 + $1.sum } }

    /// What makes two order lines the same specification line: publisher, ФПУ number, class, price.
    struct LineKey: Hashable {
        var publisher: String
        var fpu: String
        var grade: String
        var price: Decimal

        init(_ line: OrderLine) {
            publisher = Specification.publisherKey(line.publisher)
            fpu = line.fpuNumber.filter { !$0.isWhitespace }
            grade = Specification.gradeKey(line.grade)
            price = line.price
        }
    }

    /// A publisher's name reduced to letters and digits, lower case, ё as е: «АО "Издательство
    /// "Просвещение"» and «АО «Издательство «Просвещение»» are one publisher.
    /// Long names are reduced once and remembered: the key is asked for many times per line, and an
    /// 8 MB cell must cost what any other 8 MB cell costs.
    public static func publisherKey(_ name: String) -> String {
        guard name.utf8.count > 256 else { return reducedKey(name) }
        return longKeys.value(for: name) { reducedKey(name) }
    }

    private static func reducedKey(_ name: String) -> String {
        String(name.lowercased().replacingOccurrences(of: "ё", with: "е").filter { $0.isLetter || $0.isNumber })
    }

    private static let longKeys = Memo()

    /// A small thread-safe memo of long names' keys (the last few only).
    final class Memo: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [(name: String, key: String)] = []

        func value(for name: String, _ make: () -> String) -> String {
            lock.lock()
            if let hit = items.first(where: { $0.name == name }) { lock.unlock(); return hit.key }
            lock.unlock()
            let key = make()
            lock.lock()
            items.append((name, key))
            if items.count > 8 { items.removeFirst() }
            lock.unlock()
            return key
        }
    }

    static func gradeKey(_ grade: String) -> String {
        var s = ""
        for c in grade.lowercased() where !c.isWhitespace {
            s.append("‐‑‒–—―−".contains(c) ? "-" : c)
        }
        return s
    }

    /// The publisher's name for sorting: legal form and quotes left out («АО «Просвещение»» → «просвещение»).
    static func sortKey(_ name: String) -> String {
        var words = name.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        let forms: Set<String> = ["ао", "оао", "зао", "пао", "нао", "ооо", "ип", "гк", "фгуп", "ано"]
        while let first = words.first, words.count > 1, forms.contains(first.lowercased().filter(\.isLetter)) { words.removeFirst() }
        return publisherKey(words.joined(separator: " "))
    }

    /// «Natural» order: digit runs compare as numbers, so 1.1.2 < 1.1.10 and 5 < 10.
    public static func naturalLess(_ a: String, _ b: String) -> Bool {
        func chunks(_ s: String) -> [(digits: Bool, text: String)] {
            var out: [(Bool, String)] = []
            for c in s {
                let d = c.isASCII && c.isNumber
                if let last = out.last, last.0 == d { out[out.count - 1].1.append(c) } else { out.append((d, String(c))) }
            }
            return out
        }
        let x = chunks(a), y = chunks(b)
        for (p, q) in zip(x, y) {
            if p.digits && q.digits {
                let pp = p.text.drop { $0 == "0" }, qq = q.text.drop { $0 == "0" }
                if pp.count != qq.count { return pp.count < qq.count }
                if pp != qq { return pp < qq }
            } else if p.text != q.text {
                return p.text < q.text
            }
        }
        return x.count < y.count
    }

    /// Makes the specifications of an order, one per publisher (sorted by name, legal form aside):
    /// identical textbooks (ФПУ number, class, price) summed across schools, VAT by the `IncludedVAT`
    /// rule, and the distribution by school. `vat` gives each publisher's VAT mode.
    public static func make(from order: TextbookOrder, vat: (String) -> VATMode = { _ in .books }) -> [Specification] {
        var publishers: [String: String] = [:]  // key → name as first written
        var publisherOrder: [String] = []
        var groups: [String: [LineKey: [OrderLine]]] = [:]
        var keyOrder: [String: [LineKey]] = [:]
        var schools: [String] = []
        var seenSchools = Set<String>()
        for line in order.lines {
            let key = LineKey(line)
            if publishers[key.publisher] == nil {
                publishers[key.publisher] = line.publisher.trimmingCharacters(in: .whitespaces)
                publisherOrder.append(key.publisher)
            }
            if groups[key.publisher]?[key] == nil { keyOrder[key.publisher, default: []].append(key) }
            groups[key.publisher, default: [:]][key, default: []].append(line)
            if seenSchools.insert(line.school).inserted { schools.append(line.school) }
        }
        let sortedPublishers = publisherOrder.sorted { a, b in
            let x = sortKey(publishers[a]!), y = sortKey(publishers[b]!)
            return x != y ? x < y : a < b
        }
        return sortedPublishers.map { pk in
            let name = publishers[pk]!
            let keys = keyOrder[pk]!.sorted { a, b in
                if a.fpu != b.fpu { return naturalLess(a.fpu, b.fpu) }
                if a.grade != b.grade { return naturalLess(a.grade, b.grade) }
                return a.price < b.price
            }
            var lines: [Line] = []
            var numberOf: [LineKey: Int] = [:]
            for (i, key) in keys.enumerated() {
                let group = groups[pk]![key]!
                let first = group[0]
                let quantity = group.reduce(0) { $0 + $1.quantity }
                lines.append(Line(number: i + 1, fpuNumber: first.fpuNumber, authors: first.authors, title: first.title,
                                  grade: first.grade, publisher: name, year: first.year, quantity: quantity,
                                  price: key.price, sum: Decimal(quantity) * key.price, vat: nil))
                numberOf[key] = i + 1
            }
            let mode = vat(name)
            var total: Decimal?
            if case .included(let rate) = mode {
                let split = IncludedVAT.split(lines.map(\.sum), rate: rate)
                for i in lines.indices { lines[i].vat = split.lines[i] }
                total = split.total
            }
            // Разнарядка: each school's copies of each line.
            var shares: [SchoolShare] = []
            for school in schools {
                var byLine: [Int: Int] = [:]
                for (key, group) in groups[pk]! {
                    for l in group where l.school == school { byLine[numberOf[key]!, default: 0] += l.quantity }
                }
                guard !byLine.isEmpty else { continue }
                let items = byLine.keys.sorted().map { n in
                    SchoolShare.Item(line: n, quantity: byLine[n]!, sum: Decimal(byLine[n]!) * lines[n - 1].price)
                }
                shares.append(SchoolShare(school: school, items: items))
            }
            return Specification(publisher: name, lines: lines, vatMode: mode, vat: total, distribution: shares)
        }
    }

    /// Сумма прописью, opening a sentence: 1001021.05 → «Один миллион одна тысяча двадцать один рубль 05 копеек».
    public static func amountInWords(_ amount: Decimal) -> String {
        RussianFormat.capitalize(RussianFormat.rubles(amount) ?? RussianFormat.number(amount, fractionDigits: 2))
    }
}

// MARK: - Contracts

/// Сведения о контрактах: numbers, dates and parties of the contracts whose appendices the
/// specifications are, read from `contracts.yaml` (see docs/specification.md). Everything is optional:
/// what is missing prints as a blank to fill in by hand.
public struct ContractDetails: Sendable, Equatable {
    /// Сторона контракта: organisation, signatory's position and name.
    public struct Party: Sendable, Equatable {
        /// Организация.
        public var organisation: String?
        /// Должность подписанта.
        public var position: String?
        /// ФИО подписанта (any spelling; printed «И.О. Фамилия»).
        public var name: String?

        /// Creates a party.
        public init(organisation: String? = nil, position: String? = nil, name: String? = nil) {
            self.organisation = organisation
            self.position = position
            self.name = name
        }
    }

    /// Поставщик: a publisher's contract.
    public struct Supplier: Sendable, Equatable {
        /// The publisher as the order names it (matched ignoring quotes, spaces and case).
        public var publisher: String
        /// The supplier as a party; the organisation defaults to the publisher.
        public var party: Party
        /// Номер контракта.
        public var number: String?
        /// Дата контракта.
        public var date: CalendarDate?
        /// The supplier's own VAT mode (e.g. «без НДС»), over the common one.
        public var vat: VATMode?

        /// Creates a supplier's entry.
        public init(publisher: String, party: Party = Party(), number: String? = nil, date: CalendarDate? = nil, vat: VATMode? = nil) {
            self.publisher = publisher
            self.party = party
            self.number = number
            self.date = date
            self.vat = vat
        }
    }

    /// Номер приложения: «Приложение № 1».
    public var appendix: String = "1"
    /// What the specification is appended to, in the dative: «муниципальному контракту».
    public var contractKind: String = "муниципальному контракту"
    /// The title lines.
    public var title: [String] = ["СПЕЦИФИКАЦИЯ", "на поставку учебников"]
    /// The VAT mode for every supplier that does not set its own.
    public var vat: VATMode = .books
    /// Whether to append the distribution by school.
    public var distribution: Bool = true
    /// The year printed in blank dates («___» ______ 2025 г.).
    public var year: Int?
    /// Заказчик.
    public var customer: Party = Party()
    /// Поставщики.
    public var suppliers: [Supplier] = []
    /// Headers of the order's columns that are not recognised by name.
    public var columns: [OrderColumn: String] = [:]
    /// Warnings (a supplier that matches no publisher of the order is only known after the order is read).
    public var warnings: [Problem] = []
    /// Where each supplier was written, to locate warnings.
    var supplierPositions: [Int: ProblemLocation] = [:]

    /// Details with every default: blanks for numbers and dates, VAT 10 %, the distribution appended.
    public init() {}

    static let topFields = ["приложение", "контракт", "заголовок", "ндс", "разнарядка", "год", "заказчик", "поставщики", "столбцы"]
    static let partyFields = ["организация", "должность", "фио"]
    static let supplierFields = ["издательство", "организация", "должность", "фио", "номер", "дата", "ндс"]

    /// Reads and validates contract details. Throws every problem at once, each with its line and column.
    public static func load(_ data: LoadedData) throws(Problems) -> ContractDetails {
        var r = FieldReader(data)
        var d = ContractDetails()
        let root = FieldPath.root
        if case .null = data.value { return d }
        let m = try r.top(allowed: topFields, ru: "файл сведений о контрактах — не набор полей", en: "the contracts file is not a set of fields",
                          hintRu: "См. пример в docs/specification.md.", hintEn: "See the example in docs/specification.md.")
        func at(_ k: String) -> FieldPath { root.appending(key: k) }
        if let a = r.text(m["приложение"], at("приложение")) { d.appendix = a }
        if let k = r.text(m["контракт"], at("контракт")) { d.contractKind = k }
        if m["заголовок"] != nil { d.title = r.texts(m["заголовок"], at("заголовок")) }
        if let v = readVAT(&r, m["ндс"], at("ндс")) { d.vat = v }
        if m["разнарядка"] != nil { d.distribution = r.flag(m["разнарядка"], at("разнарядка")) }
        d.year = r.integer(m["год"], at("год"))
        if let cm = r.map(m["заказчик"], at("заказчик"), allowed: partyFields) {
            d.customer = readParty(&r, cm, at("заказчик"))
        }
        if let cm = r.map(m["столбцы"], at("столбцы"), allowed: OrderColumn.allCases.map(\.rawValue)) {
            for c in OrderColumn.allCases {
                if let h = r.text(cm[c.rawValue], at("столбцы").appending(key: c.rawValue)) { d.columns[c] = h }
            }
        }
        let listed: [(supplier: Supplier, path: FieldPath)] = r.list(m["поставщики"], at("поставщики")) { r, v, path in
            guard let sm = r.map(v, path, allowed: supplierFields) else { return nil }
            guard let publisher = r.text(sm["издательство"], path.appending(key: "издательство")) else {
                r.report("data-missing-field", path, ru: "у поставщика нет поля «издательство»", en: "the supplier has no «издательство» field",
                         hintRu: "Напишите издательство так, как оно названо в заказе.", hintEn: "Write the publisher as the order names it.")
                return nil
            }
            return (Supplier(publisher: publisher, party: readParty(&r, sm, path),
                             number: r.text(sm["номер"], path.appending(key: "номер")),
                             date: r.date(sm["дата"], path.appending(key: "дата")),
                             vat: readVAT(&r, sm["ндс"], path.appending(key: "ндс"))), path)
        }
        d.suppliers = listed.map(\.supplier)
        var seen: [String: FieldPath] = [:]
        for (i, item) in listed.enumerated() {
            if let pos = data.position(of: item.path) { d.supplierPositions[i] = pos.location }
            let key = Specification.publisherKey(item.supplier.publisher)
            if let first = seen[key] {
                let number = first.components.last.map { c -> String in if case .index(let n) = c { return String(n + 1) }; return "" } ?? ""
                r.report("data-duplicate-key", item.path.appending(key: "издательство"),
                         ru: "издательство «\(item.supplier.publisher)» уже описано в поставщике № \(number)",
                         en: "the publisher «\(item.supplier.publisher)» is already described by supplier № \(number)",
                         hintRu: "Оставьте одно описание.", hintEn: "Keep one description.")
            } else {
                seen[key] = item.path
            }
        }
        if !r.problems.isEmpty { throw Problems(ContractDetails.inFileOrder(r.problems)) }
        return d
    }

    /// Problems sorted by line and column (those without a position keep their place at the front).
    static func inFileOrder(_ problems: [Problem]) -> [Problem] {
        func key(_ p: Problem) -> (Int, Int) {
            if case .text(let l, let c)? = p.location { return (l, c) }
            return (0, 0)
        }
        return problems.enumerated().sorted { a, b in
            let x = key(a.element), y = key(b.element)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    private static func readParty(_ r: inout FieldReader, _ m: ValueMap, _ path: FieldPath) -> Party {
        Party(organisation: r.text(m["организация"], path.appending(key: "организация")),
              position: r.text(m["должность"], path.appending(key: "должность")),
              name: r.text(m["фио"], path.appending(key: "фио")))
    }

    /// `10`, `20` — VAT included at that rate; `false`, `нет`, `0`, «без НДС» — no VAT.
    private static func readVAT(_ r: inout FieldReader, _ v: Value?, _ path: FieldPath) -> VATMode? {
        guard let v else { return nil }
        switch v {
        case .null: return nil
        case .bool(false): return .exempt
        case .number(let d):
            if d.isZero { return .exempt }
            if let rate = OrderReader.wholeNumber(d), (1...99).contains(rate) { return .included(rate: rate) }
        case .string(let s):
            let t = s.lowercased().replacingOccurrences(of: " ", with: "")
            if ["нет", "безндс", "ндснеоблагается", "необлагается"].contains(t) { return .exempt }
            if let rate = Int(t.replacingOccurrences(of: "%", with: "")), (1...99).contains(rate) { return .included(rate: rate) }
        default: break
        }
        r.report("data-wrong-type", path, ru: "ставка НДС не читается", en: "the VAT rate cannot be read",
                 hintRu: "Напишите «ндс: 10» (НДС 10 % в том числе) или «ндс: без НДС».",
                 hintEn: "Write «ндс: 10» (10 % VAT included) or «ндс: без НДС».")
        return nil
    }

    /// The supplier entry for a publisher of the order, if any.
    public func supplier(for publisher: String) -> Supplier? {
        let key = Specification.publisherKey(publisher)
        return suppliers.first { Specification.publisherKey($0.publisher) == key }
    }

    /// The VAT mode for a publisher: its own, or the common one.
    public func vatMode(for publisher: String) -> VATMode {
        supplier(for: publisher)?.vat ?? vat
    }

    /// Warnings for suppliers that match no publisher of the order, with the nearest publisher's name.
    public func unmatchedSuppliers(_ publishers: [String]) -> [Problem] {
        let keys = Set(publishers.map(Specification.publisherKey))
        return suppliers.enumerated().compactMap { i, s in
            guard !keys.contains(Specification.publisherKey(s.publisher)) else { return nil }
            let near = FieldReader.nearest(s.publisher, publishers)
            return Problem(.warning, code: "spec-unknown-publisher", location: supplierPositions[i],
                           message: LocalizedText(ru: "в заказе нет издательства «\(s.publisher)»: сведения о его контракте не использованы",
                                                  en: "the order has no publisher «\(s.publisher)»: its contract details are unused"),
                           hint: LocalizedText(ru: (near.map { "Возможно, имелось в виду «\($0)». " } ?? "") + "Издательства заказа: " + publishers.map { "«\($0)»" }.joined(separator: ", ") + ".",
                                               en: (near.map { "Did you mean «\($0)»? " } ?? "") + "The order's publishers: " + publishers.map { "«\($0)»" }.joined(separator: ", ") + "."))
        }
    }
}

// MARK: - What the template sees

extension Specification {
    /// «________________ / И.О. Фамилия /», or blanks for a name not given.
    static func signatureLine(_ name: String?) -> String {
        let printed = name.map { RussianFormat.initials($0, surnameLast: true) } ?? "________________"
        return "________________ / \(printed) /"
    }

    /// «14» марта 2025 г., or the blank «___» ____________ 2025 г.; the year keeps its «г.» (U+00A0).
    static func contractDate(_ date: CalendarDate?, year: Int?) -> String {
        guard let date else { return "«___» ____________ \(year.map(String.init) ?? "20__")\u{A0}г." }
        return RussianFormat.date(year: date.year, month: date.month, day: date.day, pattern: "«dd» MMMM yyyy") + "\u{A0}г."
    }

    static func money(_ d: Decimal) -> String { RussianFormat.number(d, fractionDigits: 2) }

    /// The text with a zero-width space after each slash between letters, where a line may then break
    /// («ООО «Академкнига/|Учебник»»): without it such a name is one word wider than a table's column,
    /// which LibreOffice breaks at any letter. Only in the table's cells; the name itself is unchanged.
    static func breakableAfterSlash(_ text: String) -> String {
        var out = ""
        var previous: Character?
        var pendingSlash = false
        for c in text {
            if pendingSlash && c.isLetter { out.append("\u{200B}") }
            pendingSlash = c == "/" && previous?.isLetter == true
            out.append(c)
            previous = c
        }
        return out
    }

    /// Data text as the specification prints it (`Typography.apply`): names of publishers, schools,
    /// organisations, authors and titles. Sums and dates are formatted, not passed through it.
    static func printed(_ text: String) -> Value { .string(Typography.apply(text)) }

    /// The data the built-in template (and a district's own, `--template`) is filled with; the fields
    /// are listed in docs/specification.md.
    public func templateValue(_ details: ContractDetails = ContractDetails()) -> Value {
        let supplier = details.supplier(for: publisher)
        var v = ValueMap()
        let number = supplier?.number ?? "______"
        let date = Specification.contractDate(supplier?.date, year: details.year)
        v["приложение"] = .string(details.appendix)
        v["контракт"] = .string(details.contractKind)
        v["номер"] = .string(number)
        v["дата"] = .string(date)
        v["шапка"] = .list([.string("Приложение №\u{A0}\(details.appendix)"), Specification.printed("к \(details.contractKind)"),
                            .string("от \(date) №\u{A0}\(number)")])
        v["заголовок"] = .list(details.title.map(Specification.printed))
        let publisher = printedPublisher
        v["издательство"] = .string(publisher)
        var withVAT = false
        var rate = 0
        if case .included(let r) = vatMode { withVAT = true; rate = r }
        v["с_ндс"] = .bool(withVAT)
        v["ндс_ставка"] = .string(withVAT ? "\(rate)\u{A0}%" : "")
        v["шапка_ндс"] = .string(withVAT ? "в т.ч. НДС \(rate)\u{A0}%, руб." : "НДС, руб.")
        v["строка_ндс"] = .string(withVAT ? "в том числе НДС (\(rate)\u{A0}%):" : "НДС:")
        v["строки"] = .list(lines.map { l in
            .map(ValueMap([
                ("номер", .number(Decimal(l.number))), ("фпу", .string(l.fpuNumber)), ("авторы", Specification.printed(l.authors)),
                ("наименование", Specification.printed(l.title)), ("класс", Specification.printed(l.grade)),
                ("издательство", .string(Specification.breakableAfterSlash(publisher))),
                ("год", l.year.map { .number(Decimal($0)) } ?? .null), ("ед", "экз."),
                ("количество", .number(Decimal(l.quantity))), ("цена", .number(l.price)), ("сумма", .number(l.sum)),
                ("ндс", l.vat.map { .number($0) } ?? .null),
            ]))
        })
        let totalWords = Specification.amountInWords(total)
        var totals = ValueMap([("количество", .number(Decimal(copies))), ("сумма", .number(total)),
                               ("ндс", vat.map { .number($0) } ?? .null), ("сумма_прописью", .string(totalWords))])
        var sentence = "Общая стоимость: \(Specification.money(total))\u{A0}руб. (\(totalWords))"
        if let vat {
            let vatWords = Specification.amountInWords(vat)
            totals["ндс_прописью"] = .string(vatWords)
            sentence += ", в том числе НДС (\(rate)\u{A0}%) \(Specification.money(vat))\u{A0}руб. (\(vatWords))."
        } else {
            totals["ндс_прописью"] = .string("")
            sentence += ", без НДС."
        }
        totals["фраза"] = .string(sentence)
        v["итого"] = .map(totals)
        func party(_ heading: String, _ p: ContractDetails.Party, organisation: String?) -> Value {
            .map(ValueMap([
                ("заголовок", .string(heading)),
                ("организация", Specification.printed(p.organisation ?? organisation ?? "")),
                ("должность", Specification.printed(p.position ?? "")),
                ("подпись", .string(Specification.signatureLine(p.name))),
                ("мп", "М.П."),
            ]))
        }
        v["заказчик"] = party("ЗАКАЗЧИК:", details.customer, organisation: nil)
        v["поставщик"] = party("ПОСТАВЩИК:", supplier?.party ?? ContractDetails.Party(), organisation: publisher)
        let shares = details.distribution ? distribution : []
        v["разнарядка"] = .list(shares.map { s in
            .map(ValueMap([
                ("школа", Specification.printed(s.school)),
                ("строки", .list(s.items.map { item in
                    let l = lines[item.line - 1]
                    return .map(ValueMap([
                        ("номер", .number(Decimal(item.line))), ("фпу", .string(l.fpuNumber)), ("авторы", Specification.printed(l.authors)),
                        ("наименование", Specification.printed(l.title)), ("класс", Specification.printed(l.grade)),
                        ("количество", .number(Decimal(item.quantity))), ("цена", .number(l.price)), ("сумма", .number(item.sum)),
                    ]))
                })),
                ("количество", .number(Decimal(s.copies))), ("сумма", .number(s.sum)),
            ]))
        })
        v["разнарядка_итого"] = .map(ValueMap([("количество", .number(Decimal(copies))), ("сумма", .number(total))]))
        return .map(v)
    }
}

// MARK: - The summary

/// Сводка по контрактам: one row per specification — publisher, contract, lines, copies, sum, VAT.
public enum ContractSummary {
    /// The summary's column headers.
    public static let headers = ["Издательство", "Номер контракта", "Дата контракта", "Позиций", "Экземпляров", "Сумма, руб.", "в т.ч. НДС, руб.", "Файл"]

    /// The rows: one per specification, then «Итого»; money with a decimal comma and two decimals,
    /// thousands grouped with U+00A0 when `grouped` (for people; not for CSV).
    public static func rows(_ specs: [Specification], details: ContractDetails, files: [String], grouped: Bool = false) -> [[String]] {
        func plain(_ d: Decimal) -> String { grouped ? RussianFormat.number(d, fractionDigits: 2) : ContractSummary.plain(d) }
        var out: [[String]] = []
        for (i, s) in specs.enumerated() {
            let supplier = details.supplier(for: s.publisher)
            out.append([s.printedPublisher, supplier?.number ?? "", supplier?.date.map(RussianPlain.date) ?? "",
                        String(s.lines.count), String(s.copies), plain(s.total),
                        s.vat.map(plain) ?? "Без НДС", i < files.count ? files[i] : ""])
        }
        let total = specs.reduce(Decimal(0)) { $0 + $1.total }
        let vat = specs.reduce(Decimal(0)) { $0 + ($1.vat ?? 0) }
        out.append(["Итого", "", "", String(specs.reduce(0) { $0 + $1.lines.count }), String(specs.reduce(0) { $0 + $1.copies }),
                    plain(total), plain(vat), ""])
        return out
    }

    static func plain(_ d: Decimal) -> String {
        RussianFormat.number(d, fractionDigits: 2).replacingOccurrences(of: "\u{00A0}", with: "")
    }

    /// The summary as CSV that Excel opens in Russia: UTF-8 with a byte order mark, `;`, CRLF, decimal comma.
    /// Cells are safe to open: see `csvField`.
    public static func csv(_ specs: [Specification], details: ContractDetails, files: [String]) -> [UInt8] {
        var text = ([headers] + rows(specs, details: details, files: files)).map { $0.map(csvField).joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
        text = "\u{FEFF}" + text
        return Array(text.utf8)
    }

    /// One CSV cell that a spreadsheet shows as text and never runs: control characters other than a
    /// line break are dropped (NUL, ESC, BEL …); a cell beginning with `=`, `+`, `-`, `@`, a tab or a
    /// carriage return (a formula to Excel and LibreOffice Calc) gets a leading `'` and quotes, as OWASP's
    /// CSV-injection guidance says; `;`, quotes and line breaks are quoted.
    public static func csvField(_ raw: String) -> String {
        var s = raw
        if s.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t") || $0.value == 0x7F }) {
            s = String(String.UnicodeScalarView(s.unicodeScalars.filter { !(($0.value < 0x20 && $0 != "\n" && $0 != "\r" && $0 != "\t") || $0.value == 0x7F) }))
        }
        var quote = s.unicodeScalars.contains { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            s = "'" + s
            quote = true
        }
        return quote ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    /// The summary as aligned text for the terminal.
    public static func text(_ specs: [Specification], details: ContractDetails, files: [String]) -> String {
        let table = [Array(headers.prefix(7))] + rows(specs, details: details, files: files, grouped: true).map { Array($0.prefix(7)) }
        var widths = Array(repeating: 0, count: 7)
        for row in table { for (i, c) in row.enumerated() { widths[i] = max(widths[i], min(c.count, 48)) } }
        return table.map { row in
            row.enumerated().map { i, c in
                let cut = c.count > 48 ? String(c.prefix(47)) + "…" : c
                let pad = String(repeating: " ", count: max(0, widths[i] - cut.count))
                return i >= 3 ? pad + cut : cut + pad
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}

