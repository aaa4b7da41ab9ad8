import Foundation
import ShablonData
import ShablonRussian

/// План работы методического объединения на учебный год: the annual work plan of a methodical
/// association, as its authors wrote it (typos included), formatted only on output.
public struct Plan: Sendable, Equatable {
    /// Гриф утверждения: approval by an official («УТВЕРЖДАЮ») or by an act («УТВЕРЖДЕН приказом …»).
    public enum Approval: Sendable, Equatable {
        /// «УТВЕРЖДАЮ», the position, the signature line, the date.
        case official(position: String, organisation: String?, name: String?, date: CalendarDate?, year: Int?, slashes: Bool)
        /// «УТВЕРЖДЕН приказом … от … № …».
        case act(document: String, date: CalendarDate?, number: String?)
    }

    /// Гриф «РАССМОТРЕНО/СОГЛАСОВАНО на заседании …, протокол от … № …», left of the stamp.
    public struct Review: Sendable, Equatable {
        public var heading: String
        public var text: String?
        public var protocolDate: CalendarDate?
        public var protocolNumber: String?
    }

    /// Текст с подписью: «Методическая тема: …».
    public struct LabeledText: Sendable, Equatable {
        public var label: String?
        public var text: String
    }

    /// Пункт списка, with its sub-items.
    public struct ListItem: Sendable, Equatable {
        public var text: String
        public var subitems: [String]
    }

    /// Список с заголовком: tasks, directions, forms of work, expected results …
    public struct TitledList: Sendable, Equatable {
        public var title: String?
        public var marker: String
        public var items: [ListItem]
        /// A list written on one line after its title.
        public var inline: String?
    }

    /// Столбец таблицы мероприятий.
    public enum Column: String, Sendable, CaseIterable {
        case number = "номер", event = "мероприятие", dates = "сроки", responsible = "ответственные"

        var letter: String {
            switch self {
            case .number: return "н"
            case .event: return "м"
            case .dates: return "с"
            case .responsible: return "о"
            }
        }

        var defaultHeader: String {
            switch self {
            case .number: return "№"
            case .event: return "Мероприятия"
            case .dates: return "Сроки"
            case .responsible: return "Ответственные"
            }
        }
    }

    /// Пункт повестки заседания with its speaker.
    public struct AgendaItem: Sendable, Equatable {
        public var topic: String
        public var speaker: String?
    }

    /// Мероприятие: one row of the plan's table.
    public struct Event: Sendable, Equatable {
        public var text: String
        public var dates: String?
        public var place: String?
        public var responsible: [String]
        public var unnumbered: Bool
        public var number: String?
        public var agenda: [AgendaItem]
    }

    /// Раздел таблицы мероприятий (a heading row and its events).
    public struct Section: Sendable, Equatable {
        public var title: String?
        public var events: [Event]
    }

    /// Таблица мероприятий.
    public struct EventTable: Sendable, Equatable {
        public var title: String?
        public var columns: [Column]?
        public var headers: [Column: String]
        public var sections: [Section]
    }

    /// Подпись внизу документа.
    public struct Signature: Sendable, Equatable {
        public var position: String
        public var name: String?
    }

    public var approval: Approval?
    public var review: Review?
    /// РМО, ММО, ОМО, МО.
    public var kind: String?
    /// The association's name as the title writes it.
    public var association: String?
    public var district: String?
    /// As typed: «2023 - 2024», «2024-2025», «2024/2025».
    public var schoolYear: String
    public var title: [String]?
    public var hidesTitle: Bool
    public var theme: LabeledText?
    public var goal: LabeledText?
    public var lists: [TitledList]
    public var table: EventTable?
    public var signatures: [Signature]
    public var notes: [String]
    /// Поля для своего шаблона: any further fields a district's own template uses (an emblem, the
    /// office's name …), passed to the template as they are.
    public var extra: ValueMap = ValueMap()

    /// The column layouts the built-in templates offer, by their letters (н, м, с, о).
    public static let supportedLayouts: [[Column]] = [
        [.number, .event, .dates, .responsible], [.number, .dates, .event, .responsible], [.number, .event, .dates],
        [.number, .event, .responsible], [.event, .dates, .responsible], [.dates, .event, .responsible],
        [.number, .event], [.event, .dates], [.event, .responsible], [.event],
    ]
}

// MARK: - Loading

extension Plan {
    static let topFields = ["утверждение", "рассмотрено", "вид", "объединение", "район", "учебный_год", "заголовок",
                            "без_заголовка", "тема", "цель", "списки", "таблица", "подписи", "примечания", "поля"]

    /// Reads and validates a plan. Throws every problem at once, each with its line and column.
    public static func load(_ data: LoadedData) throws(Problems) -> Plan {
        var r = FieldReader(data)
        let root = FieldPath.root
        let m = try r.top(allowed: topFields, ru: "файл плана пуст или не является набором полей", en: "the plan file is empty or not a set of fields",
                          hintRu: "Начните с поля «учебный_год: 2024/2025» (см. docs/plan-format.md).",
                          hintEn: "Start with the field «учебный_год: 2024/2025» (see docs/plan-format.md).")
        func at(_ k: String) -> FieldPath { root.appending(key: k) }
        let year = r.text(m["учебный_год"], at("учебный_год"))
        if year == nil && m["учебный_год"] == nil {
            r.report("data-missing-field", root, ru: "нет поля «учебный_год»", en: "the field «учебный_год» is missing",
                     hintRu: "Добавьте строку «учебный_год: 2024/2025».", hintEn: "Add the line «учебный_год: 2024/2025».")
        } else if let year {
            checkSchoolYear(&r, year, at("учебный_год"))
        }
        var plan = Plan(approval: readApproval(&r, m["утверждение"], at("утверждение")),
                        review: readReview(&r, m["рассмотрено"], at("рассмотрено")),
                        kind: r.text(m["вид"], at("вид")),
                        association: r.text(m["объединение"], at("объединение")),
                        district: r.text(m["район"], at("район")),
                        schoolYear: year ?? "",
                        title: m["заголовок"].map { r.texts($0, at("заголовок")) },
                        hidesTitle: r.flag(m["без_заголовка"], at("без_заголовка")),
                        theme: readLabeled(&r, m["тема"], at("тема")),
                        goal: readLabeled(&r, m["цель"], at("цель")),
                        lists: r.list(m["списки"], at("списки"), readList),
                        table: readTable(&r, m["таблица"], at("таблица")),
                        signatures: r.list(m["подписи"], at("подписи"), readSignature),
                        notes: r.texts(m["примечания"], at("примечания")))
        if let t = plan.table, !r.problems.contains(where: { $0.code == "plan-columns" }) {
            let layout = plan.layout(t)
            if !supportedLayouts.contains(layout) {
                r.report("plan-columns", at("таблица").appending(key: "колонки"),
                         ru: "встроенный шаблон не умеет таблицу со столбцами [\(layout.map(\.rawValue).joined(separator: ", "))]",
                         en: "the built-in template has no table with the columns [\(layout.map(\.rawValue).joined(separator: ", "))]",
                         hintRu: "Возможные наборы: " + supportedLayouts.map { "[" + $0.map(\.rawValue).joined(separator: ", ") + "]" }.joined(separator: "; ") + ".",
                         hintEn: "Possible sets: " + supportedLayouts.map { "[" + $0.map(\.rawValue).joined(separator: ", ") + "]" }.joined(separator: "; ") + ".")
            }
        }
        plan.schoolYear = year ?? ""
        if let extra = m["поля"] {
            if case .map(let fields) = extra { plan.extra = fields } else if extra != .null {
                r.report("data-wrong-type", at("поля"), ru: "ожидался набор полей, а здесь \(extra.kindName)",
                         en: "a set of fields was expected, found \(extra.kindName)",
                         hintRu: "Запишите свои поля с отступом: поля: {герб: герб.png}.",
                         hintEn: "Write your fields indented: поля: {герб: герб.png}.")
            }
        }
        if !r.problems.isEmpty { throw Problems(r.problems) }
        return plan
    }

    /// «учебный_год» must be two consecutive years: «2024/2025», «2024-2025», «2024 - 2025», «2024–2025»,
    /// «2026/27», «2019-2020 уч.год», «2024/2025 учебный год». Anything else is the error `plan-school-year`.
    private static func checkSchoolYear(_ r: inout FieldReader, _ year: String, _ path: FieldPath) {
        guard let (first, second) = schoolYearParts(year) else {
            // The form to suggest: from the first year typed («2024» → 2024/2025), else 2024/2025.
            let typed = year.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).first { $0.count == 4 }.flatMap { Int($0) } ?? 2024
            let suggested = "\(typed)/\(typed + 1)"
            let spellings = "\(typed)-\(typed + 1), \(typed) - \(typed + 1), \(typed)–\(typed + 1), \(typed)/\(String(typed + 1).suffix(2)), «\(typed)-\(typed + 1) уч.год»"
            r.report("plan-school-year", path, ru: "учебный год «\(year)» не понят: нужны два года подряд",
                     en: "the school year '\(year)' is not understood: two consecutive years are needed",
                     hintRu: "Напишите его так: учебный_год: \(suggested) (можно и \(spellings)).",
                     hintEn: "Write it as учебный_год: \(suggested) (or \(spellings)).")
            return
        }
        if second != first + 1 {
            r.report("plan-school-year", path, ru: "в учебном году «\(year)» годы не идут подряд: за \(first) годом следует \(first + 1)-й",
                     en: "the years of the school year '\(year)' are not consecutive: \(first) is followed by \(first + 1)",
                     hintRu: "Учебный год — два года подряд: \(first)/\(first + 1) или \(second - 1)/\(second).",
                     hintEn: "A school year is two consecutive years: \(first)/\(first + 1) or \(second - 1)/\(second).")
        }
    }

    private static func readApproval(_ r: inout FieldReader, _ v: Value?, _ path: FieldPath) -> Approval? {
        guard let m = r.map(v, path, allowed: ["должность", "организация", "фио", "дата", "год", "косые_черты", "приказ", "номер"]) else { return nil }
        let date = r.date(m["дата"], path.appending(key: "дата"))
        if let act = r.text(m["приказ"], path.appending(key: "приказ")) {
            return .act(document: act, date: date, number: r.text(m["номер"], path.appending(key: "номер")))
        }
        guard let position = r.text(m["должность"], path.appending(key: "должность")) else {
            // An unknown field here is most likely the position misspelt: it is reported already.
            let known = ["должность", "организация", "фио", "дата", "год", "косые_черты", "приказ", "номер"]
            if m.keys.contains(where: { !known.contains($0) }) { return nil }
            r.report("data-missing-field", path, ru: "в грифе нет ни «должность», ни «приказ»", en: "the approval has neither «должность» nor «приказ»",
                     hintRu: "Укажите должность утверждающего (должность: Директор …) или акт (приказ: приказом …).",
                     hintEn: "Give the approver's position (должность: …) or the act (приказ: …).")
            return nil
        }
        return .official(position: position, organisation: r.text(m["организация"], path.appending(key: "организация")),
                         name: r.text(m["фио"], path.appending(key: "фио")), date: date,
                         year: r.integer(m["год"], path.appending(key: "год")),
                         slashes: r.flag(m["косые_черты"], path.appending(key: "косые_черты")))
    }

    private static func readReview(_ r: inout FieldReader, _ v: Value?, _ path: FieldPath) -> Review? {
        guard let m = r.map(v, path, allowed: ["гриф", "текст", "протокол_дата", "протокол_номер"]) else { return nil }
        return Review(heading: r.text(m["гриф"], path.appending(key: "гриф")) ?? "РАССМОТРЕНО",
                      text: r.text(m["текст"], path.appending(key: "текст")),
                      protocolDate: r.date(m["протокол_дата"], path.appending(key: "протокол_дата")),
                      protocolNumber: r.text(m["протокол_номер"], path.appending(key: "протокол_номер")))
    }

    private static func readLabeled(_ r: inout FieldReader, _ v: Value?, _ path: FieldPath) -> LabeledText? {
        guard let v else { return nil }
        if case .map = v {
            guard let m = r.map(v, path, allowed: ["подпись", "текст"]) else { return nil }
            guard let t = r.text(m["текст"], path.appending(key: "текст")) else { return nil }
            return LabeledText(label: r.text(m["подпись"], path.appending(key: "подпись")), text: t)
        }
        return r.text(v, path).map { LabeledText(label: nil, text: $0) }
    }

    private static func readList(_ r: inout FieldReader, _ v: Value, _ path: FieldPath) -> TitledList? {
        guard let m = r.map(v, path, allowed: ["заголовок", "маркер", "пункты", "текст"]) else { return nil }
        let items: [ListItem] = r.list(m["пункты"], path.appending(key: "пункты")) { r, x, p in
            if case .map = x {
                guard let im = r.map(x, p, allowed: ["текст", "подпункты"]) else { return nil }
                return ListItem(text: r.text(im["текст"], p.appending(key: "текст")) ?? "",
                                subitems: r.texts(im["подпункты"], p.appending(key: "подпункты")))
            }
            return r.text(x, p).map { ListItem(text: $0, subitems: []) }
        }
        return TitledList(title: r.text(m["заголовок"], path.appending(key: "заголовок")),
                          marker: r.text(m["маркер"], path.appending(key: "маркер")) ?? "1.",
                          items: items, inline: r.text(m["текст"], path.appending(key: "текст")))
    }

    private static func readTable(_ r: inout FieldReader, _ v: Value?, _ path: FieldPath) -> EventTable? {
        guard let m = r.map(v, path, allowed: ["заголовок", "колонки", "подписи", "разделы", "мероприятия"]) else { return nil }
        var columns: [Column]?
        if m["колонки"] != nil {
            let names = r.texts(m["колонки"], path.appending(key: "колонки"))
            columns = []
            for (i, n) in names.enumerated() {
                if let c = Column(rawValue: n.lowercased()) { columns?.append(c) } else {
                    let near = FieldReader.nearest(n, Column.allCases.map(\.rawValue))
                    r.report("plan-columns", path.appending(key: "колонки").appending(index: i), ru: "неизвестный столбец «\(n)»", en: "unknown column '\(n)'",
                             hintRu: (near.map { "Возможно, «\($0)». " } ?? "") + "Столбцы: номер, мероприятие, сроки, ответственные.",
                             hintEn: (near.map { "Did you mean «\($0)»? " } ?? "") + "Columns: номер, мероприятие, сроки, ответственные.")
                }
            }
        }
        var headers: [Column: String] = [:]
        if let hm = r.map(m["подписи"], path.appending(key: "подписи"), allowed: Column.allCases.map(\.rawValue)) {
            for c in Column.allCases { if let h = r.text(hm[c.rawValue], path.appending(key: "подписи").appending(key: c.rawValue)) { headers[c] = h } }
        }
        var sections = r.list(m["разделы"], path.appending(key: "разделы")) { r, x, p -> Section? in
            guard let sm = r.map(x, p, allowed: ["заголовок", "мероприятия"]) else { return nil }
            return Section(title: r.text(sm["заголовок"], p.appending(key: "заголовок")),
                           events: r.list(sm["мероприятия"], p.appending(key: "мероприятия"), readEvent))
        }
        if m["мероприятия"] != nil {
            sections.insert(Section(title: nil, events: r.list(m["мероприятия"], path.appending(key: "мероприятия"), readEvent)), at: 0)
        }
        return EventTable(title: r.text(m["заголовок"], path.appending(key: "заголовок")), columns: columns, headers: headers, sections: sections)
    }

    private static func readEvent(_ r: inout FieldReader, _ v: Value, _ path: FieldPath) -> Event? {
        if case .string(let s) = v { return Event(text: s, dates: nil, place: nil, responsible: [], unnumbered: false, number: nil, agenda: []) }
        guard let m = r.map(v, path, allowed: ["текст", "сроки", "место", "ответственные", "без_номера", "номер", "пункты"]) else { return nil }
        let agenda: [AgendaItem] = r.list(m["пункты"], path.appending(key: "пункты")) { r, x, p in
            if case .map = x {
                guard let am = r.map(x, p, allowed: ["тема", "докладчик"]) else { return nil }
                return AgendaItem(topic: r.text(am["тема"], p.appending(key: "тема")) ?? "",
                                  speaker: r.text(am["докладчик"], p.appending(key: "докладчик")))
            }
            return r.text(x, p).map { AgendaItem(topic: $0, speaker: nil) }
        }
        let text = r.text(m["текст"], path.appending(key: "текст"))
        if text == nil && m["текст"] == nil && agenda.isEmpty {
            r.report("data-missing-field", path, ru: "у мероприятия нет поля «текст»", en: "the event has no «текст» field",
                     hintRu: "Добавьте «текст: …» — что за мероприятие.", hintEn: "Add «текст: …» — what the event is.")
        }
        return Event(text: text ?? "", dates: r.text(m["сроки"], path.appending(key: "сроки")),
                     place: r.text(m["место"], path.appending(key: "место")),
                     responsible: r.texts(m["ответственные"], path.appending(key: "ответственные")),
                     unnumbered: r.flag(m["без_номера"], path.appending(key: "без_номера")),
                     number: r.text(m["номер"], path.appending(key: "номер")), agenda: agenda)
    }

    private static func readSignature(_ r: inout FieldReader, _ v: Value, _ path: FieldPath) -> Signature? {
        guard let m = r.map(v, path, allowed: ["должность", "фио"]) else { return nil }
        return Signature(position: r.text(m["должность"], path.appending(key: "должность")) ?? "",
                         name: r.text(m["фио"], path.appending(key: "фио")))
    }
}

// MARK: - What the template sees

extension Plan {
    /// The table's columns: as the data asks, or number, event, dates and — when anyone is named — responsible.
    func layout(_ t: EventTable) -> [Column] {
        if let c = t.columns, !c.isEmpty { return c }
        let events = t.sections.flatMap(\.events)
        var cols: [Column] = [.number, .event]
        if events.contains(where: { $0.dates != nil || $0.place != nil }) { cols.append(.dates) }
        if events.contains(where: { !$0.responsible.isEmpty || $0.agenda.contains { $0.speaker != nil } }) { cols.append(.responsible) }
        return cols
    }

    /// «2023 - 2024», «2023-24», «2023/2024 уч. год» → «2023/2024»; anything else as typed.
    public static func normalizedSchoolYear(_ s: String) -> String {
        guard let (a, b) = schoolYearParts(s), b == a + 1 else { return s.trimmingCharacters(in: .whitespaces) }
        return "\(a)/\(b)"
    }

    /// The two years of a school year as people write it: four digits, a separator (hyphen, dash or
    /// slash, spaces around it or not), four or two digits («2026/27»), then perhaps «учебный год»,
    /// «уч. год», «уч.год», «уч.г.», «гг.». The years are not checked to be consecutive here.
    static func schoolYearParts(_ s: String) -> (Int, Int)? {
        let pattern = /^\s*(\d{4})\s*[-‐‑‒–—―\/]\s*(\d{4}|\d{2})\s*(?:учебный\s+год|уч\.?\s*год|уч\.?\s*г\.?|гг?\.?)?\.?\s*$/
        guard let m = try? pattern.ignoresCase().wholeMatch(in: s), let a = Int(m.1), var b = Int(m.2) else { return nil }
        if m.2.count == 2 { b += (a / 100) * 100; if b < a { b += 100 } }
        return (a, b)
    }

    /// A school year inside typed text («Анализ работы за 2022 – 2023 учебный год», «на 2024-25 уч.год»):
    /// two consecutive years before «уч…» take the slash form, «2022/2023 учебный год», as the plan
    /// prints its own year (a range of years elsewhere is left to `Typography`, which gives «2022–2023»).
    static func schoolYearsInText(_ text: String) -> String {
        let pattern = /(\d{4})[ \t\u{A0}]*[-‐‑‒–—―\/][ \t\u{A0}]*(\d{4}|\d{2})(?=[ \t\u{A0}]*[Уу][Чч])/
        return text.replacing(pattern) { m -> String in
            guard let a = Int(m.1), var b = Int(m.2) else { return String(m.0) }
            if m.2.count == 2 { b += (a / 100) * 100; if b < a { b += 100 } }
            guard b == a + 1, m.0.startIndex == text.startIndex || !text[text.index(before: m.0.startIndex)].isNumber else { return String(m.0) }
            return "\(a)/\(b)"
        }
    }

    /// Text from the data as the document prints it: school years in the slash form, then Russian
    /// typography (quotes, dashes, non-breaking spaces; see `Typography.apply`).
    static func printed(_ text: String) -> String {
        Typography.apply(schoolYearsInText(text))
    }

    /// A typed item number at the start of an agenda topic («1.Доклад», «2. Доклад», «3) Доклад»):
    /// the template numbers the agenda itself, so a typed number would be printed twice.
    static func withoutTypedNumber(_ topic: String) -> String {
        guard let m = topic.prefixMatch(of: /\s*\d{1,2}\s*[.)](?!\d)\s*/), m.0.endIndex < topic.endIndex else { return topic }
        return String(topic[m.0.endIndex...])
    }

    /// The district in the genitive, as the title prints it after the association («Пономарёвский
    /// район» → «Пономарёвского района», «городской округ Серпухов» → «городского округа Серпухов»).
    /// Adjectives before a known noun (район, округ, город, улус, образование, поселение) are declined,
    /// words after it are left (the name in apposition). Text already in the genitive is returned as it
    /// is; `nil` when the words are not of that shape (a bare name, an abbreviation «г.о. Серпухов»).
    public static func districtGenitive(_ district: String) -> String? {
        let nouns = ["район": "района", "округ": "округа", "город": "города", "улус": "улуса",
                     "образование": "образования", "поселение": "поселения"]
        let genitives = Set(nouns.values)
        var words = district.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if words.contains(where: { genitives.contains($0.lowercased()) }) { return district }
        for i in words.indices {
            let lower = words[i].lowercased()
            if let g = nouns[lower] {
                guard i > 0 else { return nil }
                words[i] = words[i].first!.isUppercase ? g.prefix(1).uppercased() + g.dropFirst() : g
                return words.joined(separator: " ")
            }
            // An adjective: the last part of «Ханты-Мансийский» declines, the rest stays.
            var parts = words[i].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard let last = parts.last, let declined = adjectiveGenitive(last) else { return nil }
            parts[parts.count - 1] = declined
            words[i] = parts.joined(separator: "-")
        }
        return nil
    }

    private static func adjectiveGenitive(_ word: String) -> String? {
        guard word.count > 3, word.allSatisfy(\.isLetter) else { return nil }
        let lower = word.lowercased()
        let soft = ["ний", "жий", "ший", "щий", "чий", "нее", "жее", "шее", "щее", "чее"]
        if soft.contains(where: lower.hasSuffix) { return word.dropLast(2) + "его" }
        if ["ий", "ый", "ой", "ое"].contains(where: lower.hasSuffix) { return word.dropLast(2) + "ого" }
        return nil
    }

    /// The title with the district: a line of its own in the genitive after the association's name.
    /// A title the data writes keeps its lines; when none of them names the district, the district's
    /// line goes before the line with the school year (in capitals when the line above is in capitals).
    func titleLines(year: String) -> [String] {
        let districtLine = district.map { Plan.districtGenitive($0) ?? $0 }
        if hidesTitle { return district.map { [$0] } ?? [] }
        guard let title else {
            return ["План работы", association ?? ((kind ?? "методического объединения") + " школьных библиотекарей")]
                + (districtLine.map { [$0] } ?? []) + ["на \(year) учебный год"]
        }
        guard let district, let line = districtLine, !Plan.mentions(title, district: district) else { return title }
        var lines = title
        let at = lines.lastIndex(where: { $0.contains { $0.isNumber } }) ?? lines.endIndex
        let above = at > lines.startIndex ? lines[at - 1] : ""
        let capitals = above.contains(where: \.isLetter) && above == above.uppercased()
        lines.insert(capitals ? line.uppercased() : line, at: at)
        return lines
    }

    /// Whether the title already names the district: its proper name (the first capitalised word that
    /// is not an abbreviation), compared without its ending and with ё as е.
    static func mentions(_ title: [String], district: String) -> Bool {
        func fold(_ s: String) -> String { s.lowercased().replacingOccurrences(of: "ё", with: "е") }
        guard let name = district.split(separator: " ").map(String.init)
            .first(where: { $0.first?.isUppercase == true && $0.allSatisfy { $0.isLetter || $0 == "-" } }) else { return false }
        let stem = fold(String(name.prefix(max(4, name.count - 3))))
        return title.contains { fold($0).contains(stem) }
    }

    private static func signatureName(_ name: String?) -> String {
        guard let name, !name.isEmpty else { return "" }
        return RussianFormat.initials(name, surnameLast: true)
    }

    private static func stampDate(_ d: CalendarDate) -> String {
        RussianFormat.date(year: d.year, month: d.month, day: d.day, pattern: "«dd» MMMM yyyy г.")
    }

    private static func numbered(_ marker: String, _ n: Int) -> String {
        switch marker {
        case "1.": return "\(n)."
        case "1)": return "\(n))"
        case "-", "--": return "–" // a typed hyphen prints as the dash lists use
        default: return marker
        }
    }

    /// The data the built-in templates (and a district's own) are filled with. Text from the data is
    /// printed with Russian typography (`printed`): quotes, dashes, non-breaking spaces, school years
    /// in the slash form; dates, numbers and names are formatted by their own rules.
    public func templateValue() -> Value {
        let t = Plan.printed
        var v = ValueMap()
        let year = Plan.normalizedSchoolYear(schoolYear)
        v["вид"] = .string(kind ?? "")
        v["район"] = .string(district.map(t) ?? "")
        v["район_род"] = .string(district.map { t(Plan.districtGenitive($0) ?? $0) } ?? "")
        v["учебный_год"] = .string(year)
        v["учебный_год_как_в_данных"] = .string(schoolYear)

        var approvalLines: [Value] = []
        switch approval {
        case .official(let position, let organisation, let name, let date, let y, let slashes)?:
            approvalLines.append("УТВЕРЖДАЮ")
            approvalLines.append(.string(t(position)))
            if let organisation { approvalLines.append(.string(t(organisation))) }
            let n = Plan.signatureName(name)
            approvalLines.append(.string(slashes ? "____________/\(n)/" : "____________ \(n)"))
            if let date { approvalLines.append(.string(Typography.apply(Plan.stampDate(date)))) }
            else { approvalLines.append(.string(Typography.apply("«___» ____________ \(y.map(String.init) ?? "20__") г."))) }
        case .act(let document, let date, let number)?:
            approvalLines.append("УТВЕРЖДЕН")
            var line = t(document)
            if let date { line += " от " + RussianFormat.date(year: date.year, month: date.month, day: date.day, pattern: "dd.MM.yyyy") }
            if let number { line += " №\u{A0}" + number }
            approvalLines.append(.string(line))
        case nil:
            break
        }
        v["утверждение"] = .map(ValueMap([("строки", .list(approvalLines))]))
        var reviewLines: [Value] = []
        if let review {
            reviewLines.append(.string(review.heading))
            if let text = review.text { reviewLines.append(.string(t(text))) }
            var p = "протокол"
            if let d = review.protocolDate { p += " от " + RussianFormat.date(year: d.year, month: d.month, day: d.day, pattern: "dd.MM.yyyy") }
            if let n = review.protocolNumber { p += " №\u{A0}" + n }
            if review.protocolDate != nil || review.protocolNumber != nil { reviewLines.append(.string(p)) }
        }
        v["рассмотрено"] = .map(ValueMap([("строки", .list(reviewLines))]))
        v["шапка"] = .bool(approval != nil || review != nil)

        v["заголовок"] = .list(titleLines(year: year).map { .string(t($0)) })
        func labeled(_ x: LabeledText?, _ label: String) -> Value {
            guard let x else { return .null }
            return .map(ValueMap([("подпись", .string(t(x.label ?? label))), ("текст", .string(t(x.text)))]))
        }
        v["тема"] = labeled(theme, "Методическая тема:")
        v["цель"] = labeled(goal, "Цель:")
        v["списки"] = .list(lists.map { list in
            .map(ValueMap([
                ("заголовок", .string(t(list.title ?? ""))),
                ("текст", list.inline.map { .string(t($0)) } ?? .null),
                ("пункты", .list(list.items.enumerated().map { i, item in
                    .map(ValueMap([("маркер", .string(Plan.numbered(list.marker, i + 1))), ("текст", .string(t(item.text))),
                                   ("подпункты", .list(item.subitems.map { .string(t($0)) }))]))
                })),
            ]))
        })

        if let table {
            let cols = layout(table)
            var tm = ValueMap()
            tm["заголовок"] = table.title.map { .string(t($0)) } ?? .null
            tm["вид_" + cols.map(\.letter).joined()] = true
            tm["шапка"] = .map(ValueMap(Column.allCases.map { ($0.rawValue, .string(t(table.headers[$0] ?? $0.defaultHeader))) }))
            tm["строки"] = .list(rows(table))
            v["таблица"] = .map(tm)
        } else {
            v["таблица"] = .null
        }
        v["подписи"] = .list(signatures.map { s in
            let name = Plan.signatureName(s.name)
            return .map(ValueMap([("должность", .string(t(s.position))), ("фио", .string(name)),
                                  ("подпись", .string(name.isEmpty ? "____________" : "____________ " + name))]))
        })
        v["примечания"] = .list(notes.map { .string(t($0)) })
        v["концовка"] = .bool(!notes.isEmpty || !signatures.isEmpty) // notes or signatures: the closing block
        // A district template's own fields, at the top level (never hiding the plan's) and under «поля».
        for (k, x) in extra where v[k] == nil { v[k] = x }
        v["поля"] = .map(extra)
        return .map(v)
    }

    /// The rows of the events table. Each row is a section heading (`раздел`), a meeting's title
    /// (`заседание`: an event with an agenda, emphasised and kept with its first item), an agenda item
    /// (`пункт`: its number from 1 in each meeting, printed with a hanging indent; a typed number at
    /// the start of the topic is dropped) or a plain event. The table's last row is `последняя` (and
    /// `последний_пункт` when it is an agenda item): it keeps with the notes and signatures after it.
    func rows(_ table: EventTable) -> [Value] {
        let t = Plan.printed
        func row(номер: String = "", мероприятие: String, сроки: String = "", ответственные: [String] = [],
                 заседание: Bool = false, пункт: String = "") -> Value {
            .map(ValueMap([("раздел", false), ("заседание", .bool(заседание)), ("пункт", .string(пункт)), ("последняя", false), ("последний_пункт", false), ("номер", .string(номер)),
                           ("мероприятие", .string(t(мероприятие))), ("сроки", .string(t(сроки))),
                           ("ответственные", .string(ответственные.map(t).joined(separator: "\n")))]))
        }
        var rows: [Value] = []
        var counter = 0
        for s in table.sections {
            if let title = s.title { rows.append(.map(ValueMap([("раздел", true), ("текст", .string(t(title)))]))) }
            for e in s.events {
                var number = ""
                if let explicit = e.number {
                    number = explicit
                    if let n = Int(explicit.filter(\.isNumber)) { counter = n }
                } else if !e.unnumbered {
                    counter += 1
                    number = "\(counter)."
                }
                var dates = e.dates ?? ""
                if let place = e.place { dates += dates.isEmpty ? place : ", " + place }
                let agenda = e.agenda.map { (topic: Plan.withoutTypedNumber($0.topic), speaker: $0.speaker) }
                if agenda.isEmpty || !e.text.isEmpty {
                    rows.append(row(номер: number, мероприятие: e.text, сроки: dates, ответственные: e.responsible, заседание: !agenda.isEmpty))
                    for (i, a) in agenda.enumerated() {
                        rows.append(row(мероприятие: a.topic, ответственные: a.speaker.map { [$0] } ?? [], пункт: "\(i + 1)."))
                    }
                } else {
                    // A row with no title of its own opens with its first agenda item.
                    for (i, a) in agenda.enumerated() {
                        let speaker = a.speaker.map { [$0] } ?? []
                        rows.append(i == 0 ? row(номер: number, мероприятие: a.topic, сроки: dates, ответственные: e.responsible + speaker, пункт: "1.")
                                           : row(мероприятие: a.topic, ответственные: speaker, пункт: "\(i + 1)."))
                    }
                }
            }
        }
        // The last row keeps with what follows it (notes, signatures): a signature never stands alone on a page.
        if let i = rows.lastIndex(where: { $0["раздел"] == false }), case .map(var m) = rows[i] {
            m["последняя"] = true
            m["последний_пункт"] = .bool(m["пункт"] != "")
            rows[i] = .map(m)
        }
        return rows
    }
}
