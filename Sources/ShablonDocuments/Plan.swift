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
        guard let m = r.map(data.value, root, allowed: topFields) else {
            if r.problems.isEmpty {
                r.report("data-wrong-type", root, ru: "файл плана пуст или не является набором полей", en: "the plan file is empty or not a set of fields",
                         hintRu: "Начните с поля «учебный_год: 2024/2025» (см. docs/plan-format.md).",
                         hintEn: "Start with the field «учебный_год: 2024/2025» (see docs/plan-format.md).")
            }
            throw Problems(r.problems)
        }
        func at(_ k: String) -> FieldPath { root.appending(key: k) }
        let year = r.text(m["учебный_год"], at("учебный_год"))
        if year == nil && m["учебный_год"] == nil {
            r.report("data-missing-field", root, ru: "нет поля «учебный_год»", en: "the field «учебный_год» is missing",
                     hintRu: "Добавьте строку «учебный_год: 2024/2025».", hintEn: "Add the line «учебный_год: 2024/2025».")
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
        let digits = s.split(whereSeparator: { !$0.isNumber }).map(String.init)
        guard digits.count >= 2, digits[0].count == 4, let a = Int(digits[0]),
              digits[1].count == 2 || digits[1].count == 4, var b = Int(digits[1]) else { return s.trimmingCharacters(in: .whitespaces) }
        if digits[1].count == 2 { b += (a / 100) * 100 }
        guard b == a + 1 else { return s.trimmingCharacters(in: .whitespaces) }
        return "\(a)/\(b)"
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
        default: return marker
        }
    }

    /// The data the built-in templates (and a district's own) are filled with.
    public func templateValue() -> Value {
        var v = ValueMap()
        let year = Plan.normalizedSchoolYear(schoolYear)
        v["вид"] = .string(kind ?? "")
        v["район"] = .string(district ?? "")
        v["учебный_год"] = .string(year)
        v["учебный_год_как_в_данных"] = .string(schoolYear)

        var approvalLines: [Value] = []
        switch approval {
        case .official(let position, let organisation, let name, let date, let y, let slashes)?:
            approvalLines.append("УТВЕРЖДАЮ")
            approvalLines.append(.string(position))
            if let organisation { approvalLines.append(.string(organisation)) }
            let n = Plan.signatureName(name)
            approvalLines.append(.string(slashes ? "____________/\(n)/" : "____________ \(n)"))
            if let date { approvalLines.append(.string(Plan.stampDate(date))) }
            else { approvalLines.append(.string("«___» ____________ \(y.map(String.init) ?? "20__") г.")) }
        case .act(let document, let date, let number)?:
            approvalLines.append("УТВЕРЖДЕН")
            var line = document
            if let date { line += " от " + RussianFormat.date(year: date.year, month: date.month, day: date.day, pattern: "dd.MM.yyyy") }
            if let number { line += " № " + number }
            approvalLines.append(.string(line))
        case nil:
            break
        }
        v["утверждение"] = .map(ValueMap([("строки", .list(approvalLines))]))
        var reviewLines: [Value] = []
        if let review {
            reviewLines.append(.string(review.heading))
            if let t = review.text { reviewLines.append(.string(t)) }
            var p = "протокол"
            if let d = review.protocolDate { p += " от " + RussianFormat.date(year: d.year, month: d.month, day: d.day, pattern: "dd.MM.yyyy") }
            if let n = review.protocolNumber { p += " № " + n }
            if review.protocolDate != nil || review.protocolNumber != nil { reviewLines.append(.string(p)) }
        }
        v["рассмотрено"] = .map(ValueMap([("строки", .list(reviewLines))]))
        v["шапка"] = .bool(approval != nil || review != nil)

        if hidesTitle {
            v["заголовок"] = .list([])
        } else if let title {
            v["заголовок"] = .list(title.map { .string($0) })
        } else {
            v["заголовок"] = .list(["План работы", .string(association ?? ((kind ?? "методического объединения") + " школьных библиотекарей")),
                                    .string("на \(year) учебный год")])
        }
        func labeled(_ t: LabeledText?, _ label: String) -> Value {
            guard let t else { return .null }
            return .map(ValueMap([("подпись", .string(t.label ?? label)), ("текст", .string(t.text))]))
        }
        v["тема"] = labeled(theme, "Методическая тема:")
        v["цель"] = labeled(goal, "Цель:")
        v["списки"] = .list(lists.map { list in
            .map(ValueMap([
                ("заголовок", .string(list.title ?? "")),
                ("текст", list.inline.map { .string($0) } ?? .null),
                ("пункты", .list(list.items.enumerated().map { i, item in
                    .map(ValueMap([("маркер", .string(Plan.numbered(list.marker, i + 1))), ("текст", .string(item.text)),
                                   ("подпункты", .list(item.subitems.map { .string($0) }))]))
                })),
            ]))
        })

        if let t = table {
            let cols = layout(t)
            var tm = ValueMap()
            tm["заголовок"] = t.title.map { .string($0) } ?? .null
            tm["вид_" + cols.map(\.letter).joined()] = true
            tm["шапка"] = .map(ValueMap(Column.allCases.map { ($0.rawValue, .string(t.headers[$0] ?? $0.defaultHeader)) }))
            var rows: [Value] = []
            var counter = 0
            for s in t.sections {
                if let title = s.title { rows.append(.map(ValueMap([("раздел", true), ("текст", .string(title))]))) }
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
                    // A row with no title of its own opens with its first agenda item.
                    var agenda = e.agenda[...]
                    var text = e.text, responsible = e.responsible
                    if text.isEmpty, let first = agenda.popFirst() {
                        text = first.topic
                        responsible += first.speaker.map { [$0] } ?? []
                    }
                    rows.append(.map(ValueMap([("раздел", false), ("номер", .string(number)), ("мероприятие", .string(text)),
                                               ("сроки", .string(dates)), ("ответственные", .string(responsible.joined(separator: "\n")))])))
                    for a in agenda {
                        rows.append(.map(ValueMap([("раздел", false), ("номер", ""), ("мероприятие", .string(a.topic)),
                                                   ("сроки", ""), ("ответственные", .string(a.speaker ?? ""))])))
                    }
                }
            }
            tm["строки"] = .list(rows)
            v["таблица"] = .map(tm)
        } else {
            v["таблица"] = .null
        }
        v["подписи"] = .list(signatures.map { s in
            .map(ValueMap([("должность", .string(s.position)), ("подпись", .string("____________ " + Plan.signatureName(s.name)))]))
        })
        v["примечания"] = .list(notes.map { .string($0) })
        // A district template's own fields, at the top level (never hiding the plan's) and under «поля».
        for (k, x) in extra where v[k] == nil { v[k] = x }
        v["поля"] = .map(extra)
        return .map(v)
    }
}
