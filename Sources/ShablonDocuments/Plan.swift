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
        /// The protocol line as typed («Протокол № 1 от 29.08.2024 г.»), printed as its own line.
        public var protocolLine: String? = nil
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
        /// A free paragraph standing between the lists (`абзац:`), instead of a list.
        public var paragraph: String? = nil
    }

    /// Столбец таблицы мероприятий.
    public enum Column: String, Sendable, CaseIterable {
        case number = "номер", event = "мероприятие", dates = "сроки", responsible = "ответственные"
        case place = "место", form = "форма", topics = "вопросы", speakers = "выступающие"

        var letter: String {
            switch self {
            case .number: return "н"
            case .event: return "м"
            case .dates: return "с"
            case .responsible: return "о"
            case .place: return "п"
            case .form: return "ф"
            case .topics: return "в"
            case .speakers: return "д"
            }
        }

        var defaultHeader: String {
            switch self {
            case .number: return "№"
            case .event: return "Мероприятия"
            case .dates: return "Сроки"
            case .responsible: return "Ответственные"
            case .place: return "Место проведения"
            case .form: return "Форма проведения"
            case .topics: return "Вопросы"
            case .speakers: return "Выступающие"
            }
        }
    }

    /// A column of the events table as `колонки` declares it: a known kind, or a free column (`kind`
    /// nil) whose cells are the events' fields under its key, printed as typed.
    public struct TableColumn: Sendable, Equatable {
        public var key: String
        public var kind: Column?
        /// The header as the data writes it (else the kind's default; a free column's key).
        public var title: String?
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
        /// The value of the `форма` column.
        public var form: String? = nil
        /// Free columns' cells, by the column's key.
        public var cells: [String: String] = [:]

        /// The number the event's row prints ("3."; "" for an event without one), moving on the running
        /// count of the plan's table: an explicit number sets the count, a numbered event adds one.
        func number(counting counter: inout Int) -> String {
            if let explicit = number {
                if let n = Int(explicit.filter(\.isNumber)) { counter = n }
                return explicit
            }
            guard !unnumbered else { return "" }
            counter += 1
            return "\(counter)."
        }
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
        /// Every declared column in order, free ones included (nil: `колонки` not given).
        public var declared: [TableColumn]? = nil
        /// A row «1 2 3 …» under the header (`номера_столбцов`).
        public var numberRow: Bool = false
        /// `вид: абзацы`: the events printed as numbered paragraphs, without a table.
        public var asParagraphs: Bool = false
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
    /// As typed: «2023 - 2024», «2024-2025», «2024/2025»; empty when the plan has none (a seminar
    /// programme, a road map over `years`).
    public var schoolYear: String
    /// Годы дорожной карты as typed («2018–2020»), when the plan spans several calendar years.
    public var years: String? = nil
    /// Free paragraphs before the title (`вступление`), printed as typed.
    public var intro: [String] = []
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
    static let topFields = ["утверждение", "рассмотрено", "вид", "объединение", "район", "учебный_год", "годы", "вступление", "заголовок",
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
        if let year { checkSchoolYear(&r, year, at("учебный_год")) }
        let years = r.text(m["годы"], at("годы"))
        if let years, yearsParts(years) == nil {
            r.report("plan-years", at("годы"), ru: "годы «\(years)» не поняты: нужны два года, первый раньше второго",
                     en: "the years '\(years)' are not understood: two years are needed, the first before the second",
                     hintRu: "Напишите их так: годы: 2018–2020 (можно 2018-2020, «2018 – 2020 гг.»).",
                     hintEn: "Write them as годы: 2018–2020 (or 2018-2020, «2018 – 2020 гг.»).")
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
        plan.schoolYear = year ?? ""
        plan.years = years
        plan.intro = r.texts(m["вступление"], at("вступление"))
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
        guard let m = r.map(v, path, allowed: ["гриф", "текст", "протокол_дата", "протокол_номер", "протокол"]) else { return nil }
        return Review(heading: r.text(m["гриф"], path.appending(key: "гриф")) ?? "РАССМОТРЕНО",
                      text: r.text(m["текст"], path.appending(key: "текст")),
                      protocolDate: r.date(m["протокол_дата"], path.appending(key: "протокол_дата")),
                      protocolNumber: r.text(m["протокол_номер"], path.appending(key: "протокол_номер")),
                      protocolLine: r.text(m["протокол"], path.appending(key: "протокол")))
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
        if case .map(let pm) = v, pm.keys.contains("абзац") {
            guard let m = r.map(v, path, allowed: ["абзац"]) else { return nil }
            return TitledList(title: nil, marker: "1.", items: [], inline: nil, paragraph: r.text(m["абзац"], path.appending(key: "абзац")) ?? "")
        }
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

    /// An event's own fields; any other field of an event is a free column's cell.
    static let eventFields = ["текст", "сроки", "место", "форма", "ответственные", "без_номера", "номер", "пункты"]

    private static func readTable(_ r: inout FieldReader, _ v: Value?, _ path: FieldPath) -> EventTable? {
        guard let m = r.map(v, path, allowed: ["заголовок", "колонки", "подписи", "разделы", "мероприятия", "номера_столбцов", "вид"]) else { return nil }
        var declared: [TableColumn]?
        if let cv = m["колонки"] {
            let cp = path.appending(key: "колонки")
            declared = r.list(cv, cp) { r, x, p -> TableColumn? in
                var key: String, title: String?
                if case .map(let one) = x {
                    guard one.count == 1, let k = one.keys.first, let t = one[k] else {
                        r.report("plan-columns", p, ru: "столбец записан не так: нужен один ключ с заголовком", en: "a column must be one key with its title",
                                 hintRu: "Например: «- форма: Форма проведения» или просто «- сроки».", hintEn: "For example: «- форма: Форма проведения» or just «- сроки».")
                        return nil
                    }
                    key = k
                    title = r.text(t, p.appending(key: k))
                } else {
                    guard let k = r.text(x, p) else { return nil }
                    key = k
                }
                let kind = Column(rawValue: key.lowercased())
                if kind == nil && (title == nil || eventFields.contains(key)) {
                    let near = FieldReader.nearest(key, Column.allCases.map(\.rawValue))
                    let known = Column.allCases.map(\.rawValue).joined(separator: ", ")
                    r.report("plan-columns", p, ru: "неизвестный столбец «\(key)»", en: "unknown column '\(key)'",
                             hintRu: (near.map { "Возможно, «\($0)». " } ?? "") + "Столбцы: \(known); свой столбец — с заголовком: «- результат: Ожидаемые результаты».",
                             hintEn: (near.map { "Did you mean «\($0)»? " } ?? "") + "Columns: \(known); a free column with its title: «- результат: Ожидаемые результаты».")
                    return nil
                }
                return TableColumn(key: kind?.rawValue ?? key, kind: kind, title: title)
            }
            if case .list(let raw) = cv, let d = declared, d.count == raw.count, !d.isEmpty, !(2...8).contains(d.count), d.count != 1 || d[0].kind != .event {
                r.report("plan-columns", cp, ru: "в таблице \(d.count) столбцов, а встроенный шаблон умеет от 2 до 8",
                         en: "the table has \(d.count) columns; the built-in template has 2 to 8",
                         hintRu: "Оставьте не больше восьми столбцов (или один — «мероприятие»).", hintEn: "Keep at most eight columns (or one, «мероприятие»).")
            }
        }
        let known = declared.flatMap { d in d.allSatisfy { $0.kind != nil } ? d.compactMap(\.kind) : nil }
        var headers: [Column: String] = [:]
        if let hm = r.map(m["подписи"], path.appending(key: "подписи"), allowed: Column.allCases.map(\.rawValue)) {
            for c in Column.allCases { if let h = r.text(hm[c.rawValue], path.appending(key: "подписи").appending(key: c.rawValue)) { headers[c] = h } }
        }
        for c in declared ?? [] { if let k = c.kind, let t = c.title { headers[k] = t } }
        let free = (declared ?? []).filter { $0.kind == nil }.map(\.key)
        let hasForm = declared.map { $0.contains { $0.kind == .form } } ?? true
        let reader: (inout FieldReader, Value, FieldPath) -> Event? = { r, x, p in readEvent(&r, x, p, free: free, form: hasForm) }
        var sections = r.list(m["разделы"], path.appending(key: "разделы")) { r, x, p -> Section? in
            guard let sm = r.map(x, p, allowed: ["заголовок", "мероприятия"]) else { return nil }
            return Section(title: r.text(sm["заголовок"], p.appending(key: "заголовок")),
                           events: r.list(sm["мероприятия"], p.appending(key: "мероприятия"), reader))
        }
        if m["мероприятия"] != nil {
            sections.insert(Section(title: nil, events: r.list(m["мероприятия"], path.appending(key: "мероприятия"), reader)), at: 0)
        }
        var asParagraphs = false
        if let kind = r.text(m["вид"], path.appending(key: "вид")) {
            switch kind.lowercased() {
            case "таблица": break
            case "абзацы": asParagraphs = true
            default:
                r.report("plan-table-kind", path.appending(key: "вид"), ru: "вид «\(kind)» не понят", en: "the kind '\(kind)' is not understood",
                         hintRu: "Напишите «вид: таблица» (по умолчанию) или «вид: абзацы» — мероприятия нумерованными абзацами.",
                         hintEn: "Write «вид: таблица» (the default) or «вид: абзацы» — events as numbered paragraphs.")
            }
        }
        return EventTable(title: r.text(m["заголовок"], path.appending(key: "заголовок")), columns: known, headers: headers, sections: sections,
                          declared: declared, numberRow: r.flag(m["номера_столбцов"], path.appending(key: "номера_столбцов")), asParagraphs: asParagraphs)
    }

    private static func readEvent(_ r: inout FieldReader, _ v: Value, _ path: FieldPath, free: [String], form: Bool) -> Event? {
        if case .string(let s) = v { return Event(text: s, dates: nil, place: nil, responsible: [], unnumbered: false, number: nil, agenda: []) }
        // A field that is neither the event's own nor a declared column: `plan-unknown-column`.
        if case .map(let em) = v {
            for key in em.keys where !eventFields.contains(key) && !free.contains(key) || key == "форма" && !form {
                let near = FieldReader.nearest(key, eventFields + free)
                r.report("plan-unknown-column", path.appending(key: key), ru: "у таблицы нет столбца «\(key)»", en: "the table has no column '\(key)'",
                         hintRu: (near.map { "Возможно, имелось в виду «\($0)». " } ?? "") + "Свой столбец объявите в «таблица: колонки:», например «- \(key): Заголовок».",
                         hintEn: (near.map { "Did you mean «\($0)»? " } ?? "") + "Declare a free column under «таблица: колонки:», e.g. «- \(key): Title».")
            }
        }
        let present: [String] = { if case .map(let em) = v { return em.keys }; return eventFields }()
        guard let m = r.map(v, path, allowed: present) else { return nil }
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
        var cells: [String: String] = [:]
        for k in free { if let c = r.text(m[k], path.appending(key: k)) { cells[k] = c } }
        return Event(text: text ?? "", dates: r.text(m["сроки"], path.appending(key: "сроки")),
                     place: r.text(m["место"], path.appending(key: "место")),
                     responsible: r.texts(m["ответственные"], path.appending(key: "ответственные")),
                     unnumbered: r.flag(m["без_номера"], path.appending(key: "без_номера")),
                     number: r.text(m["номер"], path.appending(key: "номер")), agenda: agenda,
                     form: r.text(m["форма"], path.appending(key: "форма")), cells: cells)
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

    /// The two years of a road map (`годы`): «2018–2020», «2018-2020», «2018 – 2020 гг.», «2018—2020 годы»;
    /// nil unless the first comes before the second.
    static func yearsParts(_ s: String) -> (Int, Int)? {
        let pattern = /^\s*(\d{4})\s*[-‐‑‒–—―\/]\s*(\d{4})\s*(?:гг?\.?|годы|год)?\.?\s*$/
        guard let m = try? pattern.ignoresCase().wholeMatch(in: s), let a = Int(m.1), let b = Int(m.2), a < b else { return nil }
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
            var period: [String] = []
            if !schoolYear.isEmpty { period = ["на \(year) учебный год"] }
            else if let years, let (a, b) = Plan.yearsParts(years) { period = ["на \(a)–\(b) годы"] }
            return ["План работы", association ?? ((kind ?? "методического объединения") + " школьных библиотекарей")]
                + (districtLine.map { [$0] } ?? []) + period
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
        v["годы"] = .string(years.map { y in Plan.yearsParts(y).map { "\($0.0)–\($0.1)" } ?? y } ?? "")
        v["вступление"] = .list(intro.map { .string(t($0)) })

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
            if let line = review.protocolLine { reviewLines.append(.string(t(line))) }
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
                ("абзац", list.paragraph.map { .string(t($0)) } ?? .null),
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
            if Plan.extended(table) {
                let cols = printedColumns(table)
                let built = cellRows(table, cols)
                let (widths, small) = Plan.columnWidths(cols, built, header: { columnTitle($0, table) })
                tm["столбцы"] = .list(cols.enumerated().map { i, c in
                    .map(ValueMap([("ключ", .string(c.key)), ("заголовок", .string(t(columnTitle(c, table)))),
                                   ("номер", .string(String(i + 1))), ("ширина", .number(widths[i]))]))
                })
                tm["номера_столбцов"] = .bool(table.numberRow)
                tm["абзацы"] = .bool(table.asParagraphs)
                tm["мелко"] = .bool(small)
                tm["строки"] = .list(built.map(\.value))
            } else {
                tm["строки"] = .list(rows(table))
            }
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

    /// Whether the plan needs the built-in template's general layout (`plan-full`): free paragraphs,
    /// or a table the classic layouts do not hold (other columns or orders, a number row, paragraphs).
    public var usesGeneralLayout: Bool {
        !intro.isEmpty || lists.contains { $0.paragraph != nil } || table.map(Plan.extended) == true
    }

    static func extended(_ t: EventTable) -> Bool {
        let classic: Set<Column> = [.number, .event, .dates, .responsible]
        if t.numberRow || t.asParagraphs { return true }
        if let d = t.declared, d.contains(where: { $0.kind.map { !classic.contains($0) } ?? true }) { return true }
        if t.sections.contains(where: { $0.events.contains { $0.form != nil || !$0.cells.isEmpty } }) { return true }
        let layout: [Column] = t.columns.flatMap { $0.isEmpty ? nil : $0 } ?? Plan.defaultLayout(t)
        return !supportedLayouts.contains(layout)
    }

    static func defaultLayout(_ t: EventTable) -> [Column] {
        let events = t.sections.flatMap(\.events)
        var cols: [Column] = [.number, .event]
        if events.contains(where: { $0.dates != nil || $0.place != nil }) { cols.append(.dates) }
        if events.contains(where: { !$0.responsible.isEmpty || $0.agenda.contains { $0.speaker != nil } }) { cols.append(.responsible) }
        return cols
    }

    /// The columns the general layout prints, in order: as declared, or the classic choice (with
    /// «форма» after the event when an event has one).
    func printedColumns(_ t: EventTable) -> [TableColumn] {
        if let d = t.declared, !d.isEmpty { return d }
        var cols = layout(t).map { TableColumn(key: $0.rawValue, kind: $0, title: nil) }
        if t.sections.contains(where: { $0.events.contains { $0.form != nil } }) {
            let at = (cols.firstIndex { $0.kind == .event }).map { $0 + 1 } ?? cols.endIndex
            cols.insert(TableColumn(key: Column.form.rawValue, kind: .form, title: nil), at: at)
        }
        return cols
    }

    func columnTitle(_ c: TableColumn, _ t: EventTable) -> String {
        if let title = c.title { return title }
        guard let k = c.kind else { return c.key }
        return t.headers[k] ?? k.defaultHeader
    }

    /// One row of the general layout: a section heading, or cells in the columns' order.
    struct CellRow {
        struct Cell { var text: String; var item: String; var style: String }
        var section: String?
        var cells: [Cell]
        var number: String
        var item: String
        var paragraph: String

        var value: Value {
            if let section { return .map(ValueMap([("раздел", true), ("текст", .string(section))])) }
            return .map(ValueMap([
                ("раздел", false), ("номер", .string(number)), ("пункт", .string(item)), ("абзац", .string(paragraph)),
                ("ячейки", .list(cells.map { c in
                    var m = ValueMap([("текст", .string(c.text)), ("пункт", .string(c.item))])
                    for f in ["м", "пд", "п", "цд", "ц", "тд"] { m[f] = .bool(c.style == f) }
                    return .map(m)
                })),
            ]))
        }
    }

    /// The rows of the general layout. An event's cells go to the columns of their kind: «место»
    /// after the dates when there is no «место» column, an agenda's topics to «вопросы» (the first on
    /// the meeting's own row) or, without it, under the event as in the classic layout; a speaker to
    /// «выступающие», else «ответственные», else after the topic. Styles: `м` a meeting's title, `п`
    /// an agenda item, `ц` centred (number, dates), `т` text; `…д` kept with the next row (a meeting's
    /// row, the last row).
    func cellRows(_ table: EventTable, _ cols: [TableColumn]) -> [CellRow] {
        let t = Plan.printed
        let kinds = Set(cols.compactMap(\.kind))
        struct Raw { var texts: [String: (String, String)] = [:]; var meeting = false; var number = ""; var item = "" }
        var raws: [(String?, Raw)] = []
        var counter = 0
        func speakerKey() -> String? { kinds.contains(.speakers) ? "выступающие" : kinds.contains(.responsible) ? "ответственные" : nil }
        func agendaRow(_ a: AgendaItem, _ i: Int, into r: inout Raw) {
            let topic = Plan.withoutTypedNumber(a.topic)
            let key = kinds.contains(.topics) ? "вопросы" : "мероприятие"
            var text = topic
            if let sp = a.speaker {
                if let k = speakerKey() {
                    let old = r.texts[k]?.0 ?? ""
                    r.texts[k] = (old.isEmpty ? sp : old + "\n" + sp, "")
                } else { text += " — " + sp }
            }
            r.texts[key] = (text, "\(i + 1).")
            r.item = "\(i + 1)."
        }
        for s in table.sections {
            if let title = s.title { raws.append((title, Raw())) }
            for e in s.events {
                let number = e.number(counting: &counter)
                var r = Raw()
                r.number = number
                r.texts["номер"] = (number, "")
                var dates = e.dates ?? ""
                if let place = e.place {
                    if kinds.contains(.place) { r.texts["место"] = (place, "") } else { dates += dates.isEmpty ? place : ", " + place }
                }
                r.texts["сроки"] = (dates, "")
                r.texts["форма"] = (e.form ?? "", "")
                r.texts["ответственные"] = (e.responsible.joined(separator: "\n"), "")
                for (k, c) in e.cells { r.texts[k] = (c, "") }
                var agenda = e.agenda
                r.texts["мероприятие"] = (e.text, "")
                r.meeting = !agenda.isEmpty && !e.text.isEmpty
                if !agenda.isEmpty && (kinds.contains(.topics) || e.text.isEmpty) {
                    // The first agenda item stands on the event's own row.
                    agendaRow(agenda.removeFirst(), 0, into: &r)
                    if !kinds.contains(.topics) { r.meeting = false }
                }
                raws.append((nil, r))
                let first = e.agenda.count - agenda.count
                for (i, a) in agenda.enumerated() {
                    var ar = Raw()
                    agendaRow(a, first + i, into: &ar)
                    raws.append((nil, ar))
                }
            }
        }
        let last = raws.lastIndex { $0.0 == nil }
        return raws.enumerated().map { idx, pair -> CellRow in
            let (section, r) = pair
            if let section { return CellRow(section: t(section), cells: [], number: "", item: "", paragraph: "") }
            let keep = r.meeting || idx == last
            let cells = cols.map { c -> CellRow.Cell in
                let (text, item) = r.texts[c.key] ?? ("", "")
                let style: String
                if r.meeting && c.kind == .event { style = "м" }
                else if !item.isEmpty { style = keep ? "пд" : "п" }
                else if c.kind == .number || c.kind == .dates { style = keep ? "цд" : "ц" }
                else { style = keep ? "тд" : "т" }
                return CellRow.Cell(text: c.kind == .number ? text : t(text), item: item, style: style)
            }
            // As a paragraph: the main text, then the other cells as «Заголовок: текст» lines.
            let mainKey = !r.item.isEmpty && kinds.contains(.topics) ? "вопросы" : "мероприятие"
            var lines = [cells.indices.first { cols[$0].key == mainKey }.map { cells[$0].text } ?? ""]
            for (i, c) in cols.enumerated() where c.kind != .number && c.key != mainKey && !cells[i].text.isEmpty {
                lines.append(t(columnTitle(c, table)) + ": " + cells[i].text)
            }
            return CellRow(section: nil, cells: cells, number: r.number, item: r.item, paragraph: lines.filter { !$0.isEmpty }.joined(separator: "\n"))
        }
    }

    /// Column widths in centimetres for the general layout (they add up to the 17 cm of text width),
    /// and whether the table is set in the small type (10 pt): every column is at least as wide as its
    /// longest word (estimated from the letters at 12 pt, bold in the header) with the cell's padding;
    /// the width left goes to the columns by how much text they hold, so the event's text is widest.
    /// When the longest words do not fit at 12 pt the small type is used.
    static func columnWidths(_ cols: [TableColumn], _ rows: [CellRow], header: (TableColumn) -> String) -> ([Decimal], Bool) {
        let total = 17.0, padding = 0.45
        func word(_ w: Substring) -> Double {
            w.reduce(0.0) { acc, ch in
                if ch.isUppercase { return acc + 0.31 }
                if ch.isLetter || ch.isNumber { return acc + 0.235 }
                return acc + 0.13
            }
        }
        func longest(_ s: String) -> Double {
            // A line may break after a hyphen («информационно-|библиотечный»), so a compound's parts count.
            s.split(whereSeparator: { $0 == " " || $0 == "\n" }).flatMap { w in
                w.split(separator: "-", omittingEmptySubsequences: true).enumerated().map { i, part in word(part) + (i < w.split(separator: "-").count - 1 ? 0.13 : 0) }
            }.max() ?? 0
        }
        var minimum = [Double](repeating: 0, count: cols.count)
        var volume = [Double](repeating: 0, count: cols.count)
        for (i, c) in cols.enumerated() {
            minimum[i] = longest(header(c)) * 1.12
            for r in rows where r.section == nil {
                let cell = r.cells[i]
                minimum[i] = max(minimum[i], longest(cell.text) + (cell.item.isEmpty ? 0 : 0.6))
                volume[i] += Double(cell.text.count)
            }
            minimum[i] += padding
            if c.kind == .number { minimum[i] = max(minimum[i], 1.1); volume[i] = 0 }
        }
        var small = false
        if minimum.reduce(0, +) > total {
            small = true
            minimum = minimum.enumerated().map { i, m in cols[i].kind == .number ? m : (m - padding) * 10 / 12 + padding }
        }
        let sum = minimum.reduce(0, +)
        var widths: [Double]
        if sum >= total {
            widths = minimum.map { $0 * total / sum }
        } else {
            let extra = total - sum, all = volume.reduce(0, +)
            widths = minimum.enumerated().map { i, m in
                m + (all > 0 ? extra * volume[i] / all : (cols[i].kind == .number ? 0 : extra / Double(cols.count - (cols.contains { $0.kind == .number } ? 1 : 0))))
            }
        }
        return (widths.map { Decimal(string: String(format: "%.2f", $0)) ?? 1 }, small)
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
                let number = e.number(counting: &counter)
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
