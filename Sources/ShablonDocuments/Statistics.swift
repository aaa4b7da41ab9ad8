import Foundation
import ShablonData

/// Показатели: exact decimal arithmetic for the analysis's derived figures, and the one rounding rule.
///
/// - Percentages (plan fulfilment, textbook provision, change against last year in per cent) are
///   rounded to **one** decimal; ratios (читаемость, посещаемость, обращаемость, книгообеспеченность)
///   to **two** decimals.
/// - Rounding is **half away from zero** (`2,345 → 2,35`, `−2,345 → −2,35`), applied once, at the end,
///   to the exact quotient: sums and weighted averages are worked out from unrounded values.
public enum Figures {
    /// Places for percentages.
    public static let percentPlaces = 1
    /// Places for ratios.
    public static let ratioPlaces = 2

    /// `value` rounded to `places` decimals, half away from zero.
    public static func round(_ value: Decimal, places: Int) -> Decimal {
        var magnitude = value.magnitude
        var r = Decimal()
        NSDecimalRound(&r, &magnitude, places, .plain)
        return value < 0 ? -r : r
    }

    /// `part / whole × 100`, rounded to one decimal; nil when `whole` is 0.
    public static func percent(_ part: Decimal, of whole: Decimal) -> Decimal? {
        guard whole != 0 else { return nil }
        return round(part * 100 / whole, places: percentPlaces)
    }

    /// `a / b`, rounded to two decimals; nil when `b` is 0.
    public static func ratio(_ a: Decimal, _ b: Decimal) -> Decimal? {
        guard b != 0 else { return nil }
        return round(a / b, places: ratioPlaces)
    }

    /// Обеспеченность учебниками класса, unrounded: min(100, copies / students × 100); nil without students.
    public static func provision(copies: Int, students: Int) -> Decimal? {
        guard students > 0 else { return nil }
        return Decimal(min(copies, students)) * 100 / Decimal(students)
    }
}

/// Обеспеченность учебниками одного класса (параллели) школы: students and usable textbook copies.
public struct ClassProvision: Sendable, Equatable {
    /// The class (grade), 1…11.
    public var grade: Int
    /// Учащихся в параллели.
    public var students: Int
    /// Экземпляров учебников (комплектов), пригодных к использованию.
    public var copies: Int

    /// Students who have a textbook: min(copies, students) in a school; for a district, the sum of its
    /// schools' (surplus books in one school do not provide another's students).
    public var provided: Int

    public init(grade: Int, students: Int, copies: Int, provided: Int? = nil) {
        self.grade = grade
        self.students = students
        self.copies = copies
        self.provided = provided ?? min(copies, students)
    }

    /// provided / students × 100 — for a school min(100, copies / students × 100) — rounded to one
    /// decimal; nil when the class has no students.
    public var percent: Decimal? { Figures.percent(Decimal(provided), of: Decimal(students)) }
}

/// Статистика школьной библиотеки за год: one school's library figures, as the statistics table gives them.
///
/// A figure is nil when the table has no such column at all; an empty cell in a column that exists is 0.
public struct SchoolStatistics: Sendable, Equatable {
    /// The school, as written in the table.
    public var school: String
    /// Читатели: учащиеся, учителя, прочие.
    public var students: Int?
    public var teachers: Int?
    public var otherReaders: Int?
    /// Книговыдача (loans).
    public var loans: Int?
    /// Посещения.
    public var visits: Int?
    /// Фонд: всего, учебники, художественная литература.
    public var fund: Int?
    public var textbookFund: Int?
    public var fictionFund: Int?
    /// Поступило и выбыло за год.
    public var received: Int?
    public var withdrawn: Int?
    /// Students and textbook copies per class, for the classes the school has.
    public var classes: [ClassProvision]
    /// The row's number in the table (as a spreadsheet shows it).
    public var row: Int
    /// Every cell of the row, by header: what `shablon batch` gives a school report.
    public var cells: ValueMap

    public init(school: String, students: Int? = nil, teachers: Int? = nil, otherReaders: Int? = nil, loans: Int? = nil,
                visits: Int? = nil, fund: Int? = nil, textbookFund: Int? = nil, fictionFund: Int? = nil, received: Int? = nil,
                withdrawn: Int? = nil, classes: [ClassProvision] = [], row: Int = 0, cells: ValueMap = ValueMap()) {
        self.school = school
        self.students = students
        self.teachers = teachers
        self.otherReaders = otherReaders
        self.loans = loans
        self.visits = visits
        self.fund = fund
        self.textbookFund = textbookFund
        self.fictionFund = fictionFund
        self.received = received
        self.withdrawn = withdrawn
        self.classes = classes
        self.row = row
        self.cells = cells
    }

    /// Читателей всего: students + teachers + others (nil when no reader column exists).
    public var readers: Int? {
        if students == nil && teachers == nil && otherReaders == nil { return nil }
        return (students ?? 0) + (teachers ?? 0) + (otherReaders ?? 0)
    }

    /// The figures as a `Figures` record (for totals and derived ratios).
    var counts: Counts {
        Counts(students: students, teachers: teachers, otherReaders: otherReaders, loans: loans, visits: visits, fund: fund,
               textbookFund: textbookFund, fictionFund: fictionFund, received: received, withdrawn: withdrawn,
               classes: classes)
    }
}

/// Библиотечные показатели: counts of one school or summed over a district, and the figures derived from them.
public struct Counts: Sendable, Equatable {
    public var students: Int?
    public var teachers: Int?
    public var otherReaders: Int?
    public var loans: Int?
    public var visits: Int?
    public var fund: Int?
    public var textbookFund: Int?
    public var fictionFund: Int?
    public var received: Int?
    public var withdrawn: Int?
    /// Per class (1…11), summed over schools for a district.
    public var classes: [ClassProvision]

    /// Читателей всего.
    public var readers: Int? {
        if students == nil && teachers == nil && otherReaders == nil { return nil }
        return (students ?? 0) + (teachers ?? 0) + (otherReaders ?? 0)
    }

    /// Читаемость = книговыдача / читатели, two decimals.
    public var readingRate: Decimal? { Self.ratio(loans, readers) }
    /// Посещаемость = посещения / читатели, two decimals.
    public var visitRate: Decimal? { Self.ratio(visits, readers) }
    /// Обращаемость фонда = книговыдача / фонд, two decimals.
    public var turnover: Decimal? { Self.ratio(loans, fund) }
    /// Книгообеспеченность = фонд / читатели, two decimals.
    public var booksPerReader: Decimal? { Self.ratio(fund, readers) }

    /// Учащихся во всех классах.
    public var classStudents: Int { classes.reduce(0) { $0 + $1.students } }
    /// Экземпляров учебников во всех классах.
    public var classCopies: Int { classes.reduce(0) { $0 + $1.copies } }

    /// Обеспеченность учебниками, weighted by students: Σ min(copies, students) / Σ students × 100 over
    /// the classes (the exact student-weighted mean of the per-class percentages), one decimal.
    public var provision: Decimal? {
        Figures.percent(Decimal(classes.reduce(0) { $0 + $1.provided }), of: Decimal(classStudents))
    }

    static func ratio(_ a: Int?, _ b: Int?) -> Decimal? {
        guard let a, let b else { return nil }
        return Figures.ratio(Decimal(a), Decimal(b))
    }

    /// The sum of several schools' counts: a figure is summed over the schools that have it; the classes
    /// are added grade by grade, so that district provision is weighted by students too.
    static func total(_ all: [Counts]) -> Counts {
        func sum(_ f: (Counts) -> Int?) -> Int? {
            let present = all.compactMap(f)
            return present.isEmpty ? nil : present.reduce(0, +)
        }
        // A district class's provided count is the sum of the schools' (each capped at 100 %), not min over
        // the summed copies: surplus books in one school do not provide another's students.
        var grades: [Int: ClassProvision] = [:]
        for c in all.flatMap(\.classes) {
            var g = grades[c.grade] ?? ClassProvision(grade: c.grade, students: 0, copies: 0, provided: 0)
            g.students += c.students
            g.copies += c.copies
            g.provided += c.provided
            grades[c.grade] = g
        }
        return Counts(students: sum(\.students), teachers: sum(\.teachers), otherReaders: sum(\.otherReaders),
                      loans: sum(\.loans), visits: sum(\.visits), fund: sum(\.fund), textbookFund: sum(\.textbookFund),
                      fictionFund: sum(\.fictionFund), received: sum(\.received), withdrawn: sum(\.withdrawn),
                      classes: grades.keys.sorted().map { grades[$0]! })
    }
}

/// Статистика библиотек района: every school's figures from one table, and the district's totals.
public struct DistrictStatistics: Sendable, Equatable {
    /// The schools, in the table's order.
    public var schools: [SchoolStatistics]
    /// The table's headers, in order.
    public var headers: [String]

    public init(schools: [SchoolStatistics], headers: [String] = []) {
        self.schools = schools
        self.headers = headers
    }

    /// Итого по району.
    public var total: Counts { Counts.total(schools.map(\.counts)) }

    /// The school of that name (compared ignoring case, quotes, and runs of spaces).
    public func school(named name: String) -> SchoolStatistics? {
        let key = StatisticsColumn.schoolKey(name)
        return schools.first { StatisticsColumn.schoolKey($0.school) == key }
    }
}

/// Столбец таблицы статистики: the canonical names (which are also the tags of the school report), and
/// the headers people write for them.
public enum StatisticsColumn: Hashable, Sendable {
    case school, students, teachers, otherReaders, loans, visits, fund, textbookFund, fictionFund, received, withdrawn
    case classStudents(Int), classCopies(Int)

    /// Every column, in the canonical order.
    public static let all: [StatisticsColumn] =
        [.school, .students, .teachers, .otherReaders, .loans, .visits, .fund, .textbookFund, .fictionFund, .received, .withdrawn]
        + (1...11).flatMap { [StatisticsColumn.classStudents($0), .classCopies($0)] }

    /// The canonical header: `школа`, `читатели_учащиеся`, …, `учащиеся_5`, `учебники_5`.
    public var name: String {
        switch self {
        case .school: return "школа"
        case .students: return "читатели_учащиеся"
        case .teachers: return "читатели_учителя"
        case .otherReaders: return "читатели_прочие"
        case .loans: return "книговыдача"
        case .visits: return "посещения"
        case .fund: return "фонд"
        case .textbookFund: return "фонд_учебники"
        case .fictionFund: return "фонд_художественная"
        case .received: return "поступило"
        case .withdrawn: return "выбыло"
        case .classStudents(let g): return "учащиеся_\(g)"
        case .classCopies(let g): return "учебники_\(g)"
        }
    }

    /// Other spellings, after `normalized`.
    static let synonyms: [String: StatisticsColumn] = [
        "оо": .school, "образовательная_организация": .school, "общеобразовательная_организация": .school, "учреждение": .school,
        "наименование_оо": .school, "школа_оо": .school, "библиотека": .school,
        "читатели_учащиеся": .students, "учащиеся_читатели": .students, "читатели_обучающиеся": .students, "обучающиеся_читатели": .students,
        "читатели_педагоги": .teachers, "читатели_учителя": .teachers, "педагоги_читатели": .teachers, "учителя_читатели": .teachers,
        "читатели_прочие": .otherReaders, "читатели_другие": .otherReaders, "прочие_читатели": .otherReaders, "прочие": .otherReaders,
        "книговыдача": .loans, "выдача": .loans, "выдано": .loans, "книговыдача_экз": .loans,
        "посещения": .visits, "посещений": .visits, "число_посещений": .visits,
        "фонд": .fund, "фонд_всего": .fund, "общий_фонд": .fund, "фонд_экз": .fund,
        "фонд_учебники": .textbookFund, "учебники_в_фонде": .textbookFund, "фонд_учебников": .textbookFund,
        "фонд_художественная": .fictionFund, "фонд_художественная_литература": .fictionFund, "художественная_литература": .fictionFund,
        "фонд_художественной_литературы": .fictionFund,
        "поступило": .received, "поступления": .received, "поступило_за_год": .received,
        "выбыло": .withdrawn, "списано": .withdrawn, "выбыло_за_год": .withdrawn,
    ]

    /// A header as a name: lower case, `ё` as `е`, every run of other characters than letters and digits as `_`.
    static func normalized(_ header: String) -> String {
        var out = ""
        var gap = false
        for c in header.lowercased().replacingOccurrences(of: "ё", with: "е") {
            if c.isLetter || c.isNumber {
                if gap && !out.isEmpty { out.append("_") }
                out.append(c)
                gap = false
            } else {
                gap = true
            }
        }
        return out
    }

    /// The column a header names, or nil. Class columns: `учащиеся_5`, `Учащиеся 5 кл.`, `учебники 5 класс`.
    public static func recognize(_ header: String) -> StatisticsColumn? {
        let n = normalized(header)
        if let c = synonyms[n] { return c }
        if n == "школа" { return .school }
        let parts = n.split(separator: "_").map(String.init)
        guard parts.count >= 2, let grade = Int(parts[1]), (1...11).contains(grade),
              parts.count == 2 || (parts.count == 3 && ["кл", "класс", "классы"].contains(parts[2])) else { return nil }
        switch parts[0] {
        case "учащиеся", "учащихся", "обучающиеся", "обучающихся", "контингент": return .classStudents(grade)
        case "учебники", "учебников", "экземпляры", "экземпляров", "комплекты", "комплектов": return .classCopies(grade)
        default: return nil
        }
    }

    /// A school's name for matching: lower case, `ё` as `е`, quotes and spaces dropped.
    static func schoolKey(_ name: String) -> String {
        String(name.lowercased().replacingOccurrences(of: "ё", with: "е").filter { $0.isLetter || $0.isNumber })
    }
}

// MARK: - Reading the table

extension DistrictStatistics {
    /// Reads the statistics table (CSV or a sheet of XLSX, already loaded). Every bad cell is reported by
    /// its address (`лист «Библиотеки», ячейка D7`); a table without a school column, or two rows of the
    /// same school, is an error. Unknown columns are kept in `cells` (a school report may print them).
    ///
    /// `columns` (from a column map: a canonical name such as `учащиеся_5` → the column's title as
    /// written, or its letter) names columns whose titles are not recognised; a named column the table
    /// lacks is `stats-missing-column`, with the titles the table has.
    public static func load(_ table: Table, columns: [String: String] = [:]) throws(Problems) -> DistrictStatistics {
        var problems: [Problem] = []
        var found: [StatisticsColumn: Int] = [:]
        let titles = table.headers.map { "«\($0)»" }.joined(separator: ", ")
        for (name, title) in columns.sorted(by: { $0.key < $1.key }) {
            guard let c = StatisticsColumn.all.first(where: { $0.name == name }) else { continue }
            if let i = ColumnMap.index(of: title, in: table.headers) {
                found[c] = i
            } else {
                problems.append(Problem(code: "stats-missing-column", location: .named("столбцы"),
                                        message: LocalizedText(ru: "в таблице статистики нет столбца «\(title)», указанного для поля «\(name)»",
                                                               en: "the statistics table has no column «\(title)» given for the field «\(name)»"),
                                        hint: LocalizedText(ru: "Заголовки таблицы: \(titles). Поправьте карту столбцов (или строку заголовков в ней).",
                                                            en: "The table's headers: \(titles). Fix the column map (or its header row).")))
            }
        }
        if !problems.isEmpty { throw Problems(problems) }
        let taken = Set(found.values)
        for (i, h) in table.headers.enumerated() where !taken.contains(i) {
            guard let c = StatisticsColumn.recognize(h), columns[c.name] == nil else { continue }
            if let first = found[c] {
                problems.append(Problem(code: "stats-duplicate-column", location: .sheetCell(sheet: table.sheet, address: address(i, headerRow(table))),
                                        message: LocalizedText(ru: "столбец «\(h)» повторяет столбец «\(table.headers[first])» (\(c.name))",
                                                               en: "column '\(h)' repeats column '\(table.headers[first])' (\(c.name))"),
                                        hint: LocalizedText(ru: "Оставьте один из них.", en: "Keep one of them.")))
            } else {
                found[c] = i
            }
        }
        guard let schoolColumn = found[.school] else {
            problems.append(Problem(code: "stats-missing-column", location: .sheetCell(sheet: table.sheet, address: "A\(headerRow(table))"),
                                    message: LocalizedText(ru: "в таблице статистики нет столбца «школа»", en: "the statistics table has no «школа» column"),
                                    hint: LocalizedText(ru: "Заголовки таблицы: " + table.headers.joined(separator: ", ") + ". Назовите столбец с названиями школ «школа» (остальные — см. docs/analysis-format.md).",
                                                        en: "The table's headers: " + table.headers.joined(separator: ", ") + ". Name the column of school names «школа» (the others: docs/analysis-format.md).")))
            throw Problems(problems)
        }
        var schools: [SchoolStatistics] = []
        var seen: [String: Int] = [:]
        for (r, row) in table.rows.enumerated() {
            let number = r < table.rowNumbers.count ? table.rowNumbers[r] : r + 2
            func cell(_ c: StatisticsColumn) -> (Value, Int)? {
                guard let i = found[c] else { return nil }
                return (row[table.headers[i]] ?? .null, i)
            }
            func count(_ c: StatisticsColumn) -> Int? {
                guard let (v, i) = cell(c) else { return nil }
                switch v {
                case .null: return 0
                case .string(let s) where s.trimmingCharacters(in: .whitespaces).isEmpty || s == "-" || s == "—" || s == "–": return 0
                case .number(let d) where d >= 0 && d == Figures.round(d, places: 0) && d < 1_000_000_000:
                    return NSDecimalNumber(decimal: d).intValue
                default:
                    problems.append(Problem(code: "stats-bad-cell", location: .sheetCell(sheet: table.sheet, address: address(i, number)),
                                            message: LocalizedText(ru: "«\(c.name)» школы «\(schoolName(row, table.headers[schoolColumn]))»: «\(display(v))» — не целое неотрицательное число",
                                                                   en: "'\(c.name)' of '\(schoolName(row, table.headers[schoolColumn]))': '\(display(v))' is not a whole non-negative number"),
                                            hint: LocalizedText(ru: "Впишите число (экземпляров, человек, посещений) без долей; пустая ячейка — 0.",
                                                                en: "Write a whole number; an empty cell is 0.")))
                    return nil
                }
            }
            let name = schoolName(row, table.headers[schoolColumn])
            // A row with no school and no figures is a blank line; a row «Итого» is the table's own total.
            if name.isEmpty {
                if row.contains(where: { $0.value != .null }) {
                    problems.append(Problem(code: "stats-bad-cell", location: .sheetCell(sheet: table.sheet, address: address(schoolColumn, number)),
                                            message: LocalizedText(ru: "в строке \(number) не указана школа", en: "row \(number) names no school"),
                                            hint: LocalizedText(ru: "Впишите название школы или удалите строку.", en: "Write the school's name or delete the row.")))
                }
                continue
            }
            let key = StatisticsColumn.schoolKey(name)
            if ["итого", "всего", "итогопорайону", "всегопорайону"].contains(key) { continue }
            if let first = seen[key] {
                problems.append(Problem(code: "stats-duplicate-school", location: .sheetCell(sheet: table.sheet, address: address(schoolColumn, number)),
                                        message: LocalizedText(ru: "школа «\(name)» уже есть в строке \(first)", en: "the school '\(name)' is in row \(first) already"),
                                        hint: LocalizedText(ru: "Оставьте одну строку на школу.", en: "Keep one row per school.")))
                continue
            }
            seen[key] = number
            // Cells are read left to right as the canonical order goes, so problems come in that order.
            var school = SchoolStatistics(school: name, students: count(.students), teachers: count(.teachers),
                                          otherReaders: count(.otherReaders), loans: count(.loans), visits: count(.visits),
                                          fund: count(.fund), textbookFund: count(.textbookFund), fictionFund: count(.fictionFund),
                                          received: count(.received), withdrawn: count(.withdrawn), row: number, cells: row)
            for g in 1...11 {
                let s = count(.classStudents(g)), c = count(.classCopies(g))
                if found[.classStudents(g)] == nil && found[.classCopies(g)] == nil { continue }
                let students = s ?? 0, copies = c ?? 0
                if students == 0 && copies == 0 { continue }
                school.classes.append(ClassProvision(grade: g, students: students, copies: copies))
            }
            schools.append(school)
        }
        if schools.isEmpty && problems.isEmpty {
            problems.append(Problem(code: "stats-empty", message: LocalizedText(ru: "в таблице статистики нет ни одной школы", en: "the statistics table has no school"),
                                    hint: LocalizedText(ru: "Первая строка — заголовки, дальше по строке на школу.", en: "The first row holds headers, then one row per school.")))
        }
        if !problems.isEmpty { throw Problems(problems) }
        return DistrictStatistics(schools: schools, headers: table.headers)
    }

    private static func headerRow(_ t: Table) -> Int { max(1, (t.rowNumbers.first ?? 2) - 1) }

    private static func address(_ column: Int, _ row: Int) -> String {
        var n = column + 1, letters = ""
        while n > 0 {
            let r = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + r))) + letters
            n = (n - 1) / 26
        }
        return "\(letters)\(row)"
    }

    private static func schoolName(_ row: ValueMap, _ header: String) -> String {
        switch row[header] ?? .null {
        case .null: return ""
        case .string(let s): return s.trimmingCharacters(in: .whitespacesAndNewlines)
        case let v: return display(v)
        }
    }

    private static func display(_ v: Value) -> String {
        switch v {
        case .null: return ""
        case .string(let s): return s
        case .number(let d): return RussianPlain.number(d)
        case .date(let d): return RussianPlain.date(d)
        case .bool(let b): return b ? "да" : "нет"
        case .list: return "список"
        case .map: return "набор полей"
        }
    }
}
