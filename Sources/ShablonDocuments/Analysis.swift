import Foundation
import Shablon
import ShablonData
import ShablonRussian
import ShablonZip

/// Анализ работы методического объединения за учебный год: the year's plan (the `shablon plan` data,
/// loaded by `Plan.load`) with what came of it — each event held or not, meetings, speakers, contests,
/// professional development, conclusions and next year's tasks — and the libraries' statistics.
public struct Analysis: Sendable {
    /// Докладчик: a speaker at an event, with their school and topic.
    public struct Speaker: Sendable, Equatable {
        public var name: String
        public var school: String?
        public var topic: String?

        public init(name: String, school: String? = nil, topic: String? = nil) {
            self.name = name
            self.school = school
            self.topic = topic
        }
    }

    /// Итог мероприятия: whether and when it was held, by whom, and what was decided.
    public struct Outcome: Sendable, Equatable {
        public var held: Bool
        /// The date when a date was given.
        public var date: CalendarDate?
        /// The date as typed when it is not a date («октябрь 2025», «22–23.10.2025»).
        public var dateText: String?
        /// Форма: семинар, круглый стол, мастер-класс …
        public var form: String?
        /// Число участников.
        public var participants: Int?
        /// Schools that took part.
        public var schools: [String]
        public var speakers: [Speaker]
        /// Решение (of a meeting).
        public var decision: String?
        /// Примечание; for an event not held, the reason.
        public var note: String?
        /// Marked as a meeting (заседание) although its text does not say so.
        public var meeting: Bool

        public init(held: Bool = true, date: CalendarDate? = nil, dateText: String? = nil, form: String? = nil, participants: Int? = nil,
                    schools: [String] = [], speakers: [Speaker] = [], decision: String? = nil, note: String? = nil, meeting: Bool = false) {
            self.held = held
            self.date = date
            self.dateText = dateText
            self.form = form
            self.participants = participants
            self.schools = schools
            self.speakers = speakers
            self.decision = decision
            self.note = note
            self.meeting = meeting
        }

        /// The date as the analysis prints it: `22.10.2025`, or as typed.
        public var printedDate: String? {
            if let d = date { return RussianFormat.date(year: d.year, month: d.month, day: d.day, pattern: "dd.MM.yyyy") }
            return dateText
        }
    }

    /// Мероприятие плана с итогом.
    public struct PlannedEvent: Sendable, Equatable {
        /// 1-based position among all the plan's events (sections flattened), as `итоги` refer to it.
        public var number: Int
        public var section: String?
        public var event: Plan.Event
        /// nil when `итоги` say nothing of it.
        public var outcome: Outcome?

        /// The event's text, or its first agenda item's when it has no text of its own.
        public var title: String { event.text.isEmpty ? (event.agenda.first?.topic ?? "") : event.text }

        /// The title as the analysis prints it: without the item number typed into it («1.Самообразовательная
        /// работа» → «Самообразовательная работа»), since the analysis numbers the plan's items itself.
        public var name: String { Analysis.withoutNumber(title) }

        /// A meeting (заседание): its text says so, or the outcome marks it.
        public var isMeeting: Bool {
            outcome?.meeting == true || Analysis.searchKey(title).contains("заседани")
        }
    }

    /// Мероприятие вне плана.
    public struct UnplannedEvent: Sendable, Equatable {
        public var text: String
        public var outcome: Outcome
    }

    /// Участие в конкурсе.
    public struct Contest: Sendable, Equatable {
        public var name: String
        /// муниципальный, региональный, всероссийский, международный.
        public var level: String?
        public var participant: String?
        public var result: String?
    }

    /// Повышение квалификации: courses, webinars.
    public struct Training: Sendable, Equatable {
        public var name: String?
        public var school: String?
        public var course: String
        public var form: String?
        public var hours: Int?
        public var dates: String?
        public var document: String?
    }

    /// Обобщение и распространение опыта: talks, publications, open events.
    public struct Experience: Sendable, Equatable {
        public var name: String?
        public var school: String?
        public var topic: String
        public var place: String?
    }

    /// Подпись руководителя и дата.
    public struct Signature: Sendable, Equatable {
        public var position: String
        public var name: String?
        public var date: CalendarDate?
    }

    public var plan: Plan
    /// Every event of the plan, in order, with its outcome.
    public var events: [PlannedEvent]
    public var unplanned: [UnplannedEvent]
    /// Events with no outcome count as held (`остальные_проведены: true`).
    public var othersHeld: Bool
    /// Overrides of the plan's names.
    public var association: String?
    public var district: String?
    public var title: [String]?
    /// Число членов объединения.
    public var members: Int?
    public var contests: [Contest]
    public var training: [Training]
    public var experience: [Experience]
    public var conclusions: [String]
    public var problems: [String]
    public var nextYearTasks: [String]
    public var statistics: DistrictStatistics?
    public var lastYear: DistrictStatistics?
    public var signature: Signature?
}

// MARK: - Summary figures

extension Analysis {
    /// Итоги года в числах.
    public struct Summary: Sendable, Equatable {
        public var plannedEvents: Int
        public var heldEvents: Int
        public var plannedMeetings: Int
        public var heldMeetings: Int
        /// Held events outside the plan.
        public var unplannedHeld: Int
        /// Выполнение плана, %: held / planned × 100, one decimal (half away from zero); nil without events.
        public var fulfilment: Decimal?
        /// Distinct speakers named in the outcomes of held events (`докладчики`; «Иванова Анна Андреевна»,
        /// «Иванова А. А.» and «Иванова А.А.» are one).
        public var speakers: Int
        /// Distinct schools that took part in held events (speakers' schools and `школы`); with a statistics
        /// table, only the table's schools count (not МАУ «БМЦ» or a publisher).
        public var schools: Int
    }

    /// Whether a planned event was held: its outcome says so, or — without an outcome — `остальные_проведены`.
    public func isHeld(_ e: PlannedEvent) -> Bool { e.outcome?.held ?? othersHeld }

    /// The speakers of a held event: the outcome's, or else the plan agenda's (names as typed).
    func speakers(of e: PlannedEvent) -> [Speaker] {
        if let o = e.outcome, !o.speakers.isEmpty { return o.speakers }
        return e.event.agenda.compactMap { a in a.speaker.map { Speaker(name: $0, school: nil, topic: a.topic) } }
    }

    /// The year in numbers.
    public var summary: Summary {
        let held = events.filter(isHeld)
        let meetings = events.filter(\.isMeeting)
        var speakerKeys = Set<String>(), schoolKeys = Set<String>()
        let outcomes = held.compactMap(\.outcome) + unplanned.map(\.outcome).filter(\.held)
        let tableSchools = statistics?.schools.map { StatisticsColumn.schoolKey($0.school) }
        func school(_ name: String) {
            let key = StatisticsColumn.schoolKey(name)
            guard !key.isEmpty else { return }
            guard let tableSchools else { schoolKeys.insert(key); return }
            // «СОШ № 3» is «СОШ № 3 г. Белоярский» of the table.
            if let match = tableSchools.first(where: { $0 == key }) ?? tableSchools.first(where: { $0.hasPrefix(key) || key.hasPrefix($0) }) {
                schoolKeys.insert(match)
            }
        }
        for o in outcomes {
            for s in o.speakers where !s.name.isEmpty {
                speakerKeys.insert(StatisticsColumn.schoolKey(RussianFormat.initials(s.name, surnameLast: false)))
                if let name = s.school { school(name) }
            }
            o.schools.forEach(school)
        }
        return Summary(plannedEvents: events.count, heldEvents: held.count, plannedMeetings: meetings.count,
                       heldMeetings: meetings.filter(isHeld).count, unplannedHeld: unplanned.filter(\.outcome.held).count,
                       fulfilment: Figures.percent(Decimal(held.count), of: Decimal(events.count)),
                       speakers: speakerKeys.count, schools: schoolKeys.count)
    }

    /// «проведено 4 заседания из 4 запланированных», «проведено 1 мероприятие из 21 запланированного».
    public static func heldPhrase(_ held: Int, of planned: Int, forms: [String]) -> String {
        let adjective = RussianFormat.pluralCategory(Decimal(planned)) == .one ? "запланированного" : "запланированных"
        return "проведено " + RussianFormat.plural(Decimal(held), forms: forms) + " из \(planned) " + adjective
    }

    /// The text without an item number typed at its start: «1.Доклад», «2. Доклад», «1.1. Доклад», «3) Доклад»
    /// → «Доклад». Dates («01.09.2024 …») and numbers that are the text («2024 год», «5 классы») stay.
    public static func withoutNumber(_ text: String) -> String {
        guard let m = text.prefixMatch(of: /\s*\d{1,2}(?:\.\d{1,2})*[.)]\s*/) else { return text }
        let rest = text[m.range.upperBound...]
        guard let first = rest.first, first.isLetter || first == "«" || first == "\"" else { return text }
        return String(rest)
    }

    /// When an event was held, as the mark «проведено …» says it: a month typed as text («май 2026»,
    /// «октябрь–ноябрь 2025») reads «в мае 2026 г.», «в октябре–ноябре 2025 г.»; anything else as typed.
    public static func heldWhen(_ text: String) -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let m = t.wholeMatch(of: /(?i)([а-яё]+)(?:\s*[-–—]\s*([а-яё]+))?(?:\s+(\d{4}))?(?:\s*г\.?)?/) else { return text }
        func prepositional(_ word: Substring) -> String? {
            RussianFormat.monthsNominative.firstIndex(of: word.lowercased()).map { monthsPrepositional[$0] }
        }
        guard let first = prepositional(m.1) else { return text }
        var out = "в " + first
        if let second = m.2 {
            guard let p = prepositional(second) else { return text }
            out += "–" + p
        }
        if let year = m.3 { out += " \(year)\u{A0}г." }
        return out
    }

    static let monthsPrepositional = ["январе", "феврале", "марте", "апреле", "мае", "июне",
                                      "июле", "августе", "сентябре", "октябре", "ноябре", "декабре"]

    static let meetingForms = ["заседание", "заседания", "заседаний"]
    static let eventForms = ["мероприятие", "мероприятия", "мероприятий"]

    /// Text compared for matching: lower case, `ё` as `е`, quotes and dashes unified, spaces collapsed.
    static func searchKey(_ s: String) -> String {
        var out = ""
        var space = false
        for c in s.lowercased() {
            if c.isWhitespace { space = !out.isEmpty; continue }
            if space { out.append(" "); space = false }
            switch c {
            case "ё": out.append("е")
            case "«", "»", "“", "”", "„", "'", "’": out.append("\"")
            case "‐", "‑", "‒", "–", "—", "―": out.append("-")
            default: out.append(c)
            }
        }
        return out
    }

    /// The month (1…12) an event was held in: the outcome's date, or the first month named in the date
    /// as typed or in the plan's dates (`Сентябрь – октябрь` → 9, `19.09.` → 9); nil for «в течение года».
    public static func month(of e: PlannedEvent) -> Int? {
        if let d = e.outcome?.date { return d.month }
        if let t = e.outcome?.dateText, let m = month(in: t) { return m }
        return e.event.dates.flatMap(month(in:))
    }

    static let monthStems: [(String, Int)] = [("январ", 1), ("феврал", 2), ("девраль", 2), ("март", 3), ("апрел", 4), ("май", 5), ("мая", 5),
                                              ("июн", 6), ("июл", 7), ("август", 8), ("сентябр", 9), ("октябр", 10), ("ноябр", 11), ("декабр", 12)]

    /// The first month named in a text (`Сентябрь – октябрь` → 9, `19.09.` → 9), or nil.
    public static func month(in text: String) -> Int? {
        let t = searchKey(text)
        var best: (Int, String.Index)?
        for (stem, m) in monthStems {
            // A month's name starts a word: «мая», not «поднимая».
            var from = t.startIndex
            while let r = t.range(of: stem, range: from..<t.endIndex) {
                if r.lowerBound == t.startIndex || !t[t.index(before: r.lowerBound)].isLetter {
                    if best == nil || r.lowerBound < best!.1 { best = (m, r.lowerBound) }
                    break
                }
                from = r.upperBound
            }
        }
        if let best { return best.0 }
        // 19.09. or 19.09.2025
        if let m = t.firstMatch(of: /\b\d{1,2}\.(\d{2})\b/), let v = Int(m.1), (1...12).contains(v) { return v }
        return nil
    }
}

// MARK: - Loading

extension Analysis {
    static let topFields = ["план", "итоги", "остальные_проведены", "объединение", "район", "заголовок", "число_членов",
                            "конкурсы", "повышение_квалификации", "обмен_опытом", "выводы", "проблемы", "задачи_на_следующий_год",
                            "статистика", "статистика_прошлого_года", "подпись"]

    /// Reads a file named in the analysis data (`план: plans/x.yaml`, `статистика: statistics.csv`).
    /// The argument is the path as written; the result is the file's bytes and the name to report it by.
    public typealias FileReader = (String) throws(Problems) -> (bytes: [UInt8], name: String)

    /// Files relative to the folder of the analysis file at `path` (`-`: the current folder).
    public static func files(relativeTo path: String) -> FileReader {
        let folder = path == "-" ? "" : Paths.folder(of: path)
        return { (name: String) throws(Problems) -> (bytes: [UInt8], name: String) in
            let resolved = folder == "." ? name : Paths.join(folder, name)
            return (try Files.read(resolved, limit: 256 << 20), resolved)
        }
    }

    /// Reads and validates the analysis data: its own fields, the plan (a file or inline), the
    /// statistics tables. Throws every problem at once; problems in the data itself have no file
    /// (the caller names it), those in the plan or a table name theirs. `limits` bound the tables'
    /// packages, `dataLimits` the plan's and the tables' values. `columns` (a column map, `--columns`)
    /// tells how both statistics tables are read; a table's own `лист` in the data is over the map's.
    public static func load(_ data: LoadedData, files: FileReader, limits: ZipLimits = ZipLimits(),
                            dataLimits: DataLimits = DataLimits(), columns: ColumnMap = ColumnMap()) throws(Problems) -> Analysis {
        var r = FieldReader(data)
        var outside: [Problem] = []
        let root = FieldPath.root
        func at(_ k: String) -> FieldPath { root.appending(key: k) }
        let m = try r.top(allowed: topFields, ru: "файл анализа пуст или не является набором полей", en: "the analysis file is empty or not a set of fields",
                          hintRu: "Начните с поля «план: plans/план.yaml» (см. docs/analysis-format.md).",
                          hintEn: "Start with the field «план: plans/plan.yaml» (see docs/analysis-format.md).")
        // The plan: a file, or the plan's fields inline.
        var plan: Plan?
        switch m["план"] {
        case nil, .null?:
            r.report("data-missing-field", root, ru: "нет поля «план»", en: "the field «план» is missing",
                     hintRu: "Укажите файл плана на год (план: plans/план.yaml) или запишите план прямо здесь.",
                     hintEn: "Name the year's plan file (план: plans/plan.yaml) or write the plan inline.")
        case .string(let path)?:
            do {
                let f = try files(path)
                do {
                    plan = try Plan.load(DataLoader.load(f.bytes, limits: dataLimits))
                } catch {
                    outside += error.items.inFile(f.name)
                }
            } catch {
                r.report(error.items.first?.code ?? "read-failed", at("план"), ru: error.items.first?.message.ru ?? "файл плана не прочитан",
                         en: error.items.first?.message.en ?? "the plan file was not read",
                         hintRu: "Путь к плану пишется от папки файла анализа.", hintEn: "The plan's path is relative to the analysis file's folder.")
            }
        case .map?:
            let prefix = at("план")
            var positions: [FieldPath: SourcePosition] = [:]
            for (p, pos) in data.positions where p.hasPrefix(prefix) { positions[FieldPath(Array(p.components.dropFirst()))] = pos }
            do {
                plan = try Plan.load(LoadedData(value: m["план"]!, positions: positions))
            } catch {
                r.problems += error.items.map { p in
                    var p = p
                    p.message.ru = p.message.ru.hasPrefix("«") ? "«план." + p.message.ru.dropFirst() : p.message.ru
                    p.message.en = p.message.en.hasPrefix("«") ? "«план." + p.message.en.dropFirst() : p.message.en
                    return p
                }
            }
        case let v?:
            r.report("data-wrong-type", at("план"), ru: "ожидался путь к файлу плана или сам план, а здесь \(v.kindName)",
                     en: "a plan file's path or the plan itself was expected, found \(v.kindName)",
                     hintRu: "Например: план: plans/план.yaml.", hintEn: "For example: план: plans/plan.yaml.")
        }

        var events: [PlannedEvent] = []
        if let plan, let t = plan.table {
            for s in t.sections {
                for e in s.events {
                    // A row with no title of its own lists plan items (each with its own responsible):
                    // every item is an event of the plan, numbered, marked and counted on its own.
                    let items = e.text.isEmpty && !e.agenda.isEmpty
                        ? e.agenda.map { a in
                            Plan.Event(text: a.topic, dates: e.dates, place: e.place, responsible: e.responsible + (a.speaker.map { [$0] } ?? []),
                                       unnumbered: e.unnumbered, number: nil, agenda: [])
                        }
                        : [e]
                    for item in items { events.append(PlannedEvent(number: events.count + 1, section: s.title, event: item, outcome: nil)) }
                }
            }
        }
        // Outcomes, matched to the plan's events by number or text.
        var unplanned: [UnplannedEvent] = []
        var matchedBy: [Int: FieldPath] = [:]
        let outcomes: [(FieldPath, Value)] = {
            guard let v = m["итоги"] else { return [] }
            if case .list(let items) = v { return items.enumerated().map { (at("итоги").appending(index: $0), $1) } }
            _ = r.list(v, at("итоги")) { _, _, _ -> Int? in nil }
            return []
        }()
        for (path, v) in outcomes {
            guard let om = r.map(v, path, allowed: ["мероприятие", "текст", "проведено", "дата", "форма", "участники", "школы",
                                                   "докладчики", "решение", "примечание", "заседание"]) else { continue }
            let outcome = readOutcome(&r, om, path)
            if let ref = om["мероприятие"] {
                guard plan != nil else { continue }
                guard let i = match(&r, ref, path.appending(key: "мероприятие"), events) else { continue }
                if let first = matchedBy[i] {
                    r.report("analysis-duplicate-outcome", path.appending(key: "мероприятие"),
                             ru: "итог мероприятия № \(i + 1) «\(short(events[i].name))» уже записан (\(first))",
                             en: "the outcome of event \(i + 1) '\(short(events[i].name))' is given already (\(first))",
                             hintRu: "Оставьте один итог на мероприятие.", hintEn: "Keep one outcome per event.")
                    continue
                }
                matchedBy[i] = path
                events[i].outcome = outcome
            } else if let text = r.text(om["текст"], path.appending(key: "текст")) {
                unplanned.append(UnplannedEvent(text: text, outcome: outcome))
            } else {
                r.report("data-missing-field", path, ru: "в итоге нет ни «мероприятие» (какое из плана), ни «текст» (мероприятие вне плана)",
                         en: "the outcome has neither «мероприятие» (which planned event) nor «текст» (an event outside the plan)",
                         hintRu: "Укажите номер мероприятия в плане (мероприятие: 3) или часть его текста (мероприятие: Заседание МО № 1).",
                         hintEn: "Give the event's number in the plan (мероприятие: 3) or part of its text.")
            }
        }

        let contests: [Contest] = r.list(m["конкурсы"], at("конкурсы")) { r, v, p in
            guard let c = r.map(v, p, allowed: ["конкурс", "уровень", "участник", "результат"]) else { return nil }
            guard let name = r.text(c["конкурс"], p.appending(key: "конкурс")) else {
                r.report("data-missing-field", p, ru: "у конкурса нет поля «конкурс»", en: "the contest has no «конкурс» field",
                         hintRu: "Добавьте «конкурс: …» — название конкурса.", hintEn: "Add «конкурс: …», the contest's name.")
                return nil
            }
            return Contest(name: name, level: r.text(c["уровень"], p.appending(key: "уровень")),
                           participant: r.text(c["участник"], p.appending(key: "участник")),
                           result: r.text(c["результат"], p.appending(key: "результат")))
        }
        let training: [Training] = r.list(m["повышение_квалификации"], at("повышение_квалификации")) { r, v, p in
            if case .string(let s) = v { return Training(name: nil, school: nil, course: s, form: nil, hours: nil, dates: nil, document: nil) }
            guard let c = r.map(v, p, allowed: ["фио", "школа", "тема", "форма", "часы", "сроки", "документ"]) else { return nil }
            guard let course = r.text(c["тема"], p.appending(key: "тема")) else {
                r.report("data-missing-field", p, ru: "нет поля «тема» (название курса, вебинара)", en: "the field «тема» (the course's name) is missing",
                         hintRu: "Добавьте «тема: …».", hintEn: "Add «тема: …».")
                return nil
            }
            return Training(name: r.text(c["фио"], p.appending(key: "фио")), school: r.text(c["школа"], p.appending(key: "школа")), course: course,
                            form: r.text(c["форма"], p.appending(key: "форма")), hours: r.integer(c["часы"], p.appending(key: "часы")),
                            dates: r.text(c["сроки"], p.appending(key: "сроки")), document: r.text(c["документ"], p.appending(key: "документ")))
        }
        let experience: [Experience] = r.list(m["обмен_опытом"], at("обмен_опытом")) { r, v, p in
            if case .string(let s) = v { return Experience(name: nil, school: nil, topic: s, place: nil) }
            guard let c = r.map(v, p, allowed: ["фио", "школа", "тема", "где"]) else { return nil }
            guard let topic = r.text(c["тема"], p.appending(key: "тема")) else {
                r.report("data-missing-field", p, ru: "нет поля «тема»", en: "the field «тема» is missing",
                         hintRu: "Добавьте «тема: …» — выступление, публикация, открытое мероприятие.", hintEn: "Add «тема: …».")
                return nil
            }
            return Experience(name: r.text(c["фио"], p.appending(key: "фио")), school: r.text(c["школа"], p.appending(key: "школа")),
                              topic: topic, place: r.text(c["где"], p.appending(key: "где")))
        }
        var signature: Signature?
        if let s = r.map(m["подпись"], at("подпись"), allowed: ["должность", "фио", "дата"]) {
            signature = Signature(position: r.text(s["должность"], at("подпись").appending(key: "должность")) ?? "",
                                  name: r.text(s["фио"], at("подпись").appending(key: "фио")),
                                  date: r.date(s["дата"], at("подпись").appending(key: "дата")))
        }
        let members = r.integer(m["число_членов"], at("число_членов"))
        if let n = members, n < 0 {
            r.report("data-wrong-type", at("число_членов"), ru: "число членов не может быть отрицательным", en: "the number of members cannot be negative",
                     hintRu: "Укажите, сколько библиотекарей входит в объединение.", hintEn: "Give how many librarians are members.")
        }

        let statistics = readStatistics(&r, &outside, m["статистика"], at("статистика"), files: files, limits: limits, dataLimits: dataLimits,
                                        columns: columns)
        let lastYear = readStatistics(&r, &outside, m["статистика_прошлого_года"], at("статистика_прошлого_года"), files: files,
                                      limits: limits, dataLimits: dataLimits, columns: columns)

        let othersHeld = r.flag(m["остальные_проведены"], at("остальные_проведены"))
        let association = r.text(m["объединение"], at("объединение")), district = r.text(m["район"], at("район"))
        let title = m["заголовок"].map { r.texts($0, at("заголовок")) }
        let conclusions = r.texts(m["выводы"], at("выводы")), problems = r.texts(m["проблемы"], at("проблемы"))
        let tasks = r.texts(m["задачи_на_следующий_год"], at("задачи_на_следующий_год"))
        let all = r.problems + outside
        // Without a plan a problem is reported already.
        guard all.isEmpty, let plan else { throw Problems(all) }
        return Analysis(plan: plan, events: events, unplanned: unplanned, othersHeld: othersHeld,
                        association: association, district: district, title: title, members: members,
                        contests: contests, training: training, experience: experience,
                        conclusions: conclusions, problems: problems, nextYearTasks: tasks,
                        statistics: statistics, lastYear: lastYear, signature: signature)
    }

    private static func short(_ s: String) -> String {
        let one = s.split(whereSeparator: \.isNewline).first.map(String.init) ?? s
        return one.count > 60 ? String(one.prefix(57)) + "…" : one
    }

    private static func readOutcome(_ r: inout FieldReader, _ om: ValueMap, _ path: FieldPath) -> Outcome {
        var o = Outcome()
        if om["проведено"] != nil { o.held = r.flag(om["проведено"], path.appending(key: "проведено")) }
        switch om["дата"] {
        case .date(let d)?: o.date = d
        case let v?: o.dateText = r.text(v, path.appending(key: "дата"))
        case nil: break
        }
        o.form = r.text(om["форма"], path.appending(key: "форма"))
        o.participants = r.integer(om["участники"], path.appending(key: "участники"))
        o.schools = r.texts(om["школы"], path.appending(key: "школы"))
        o.speakers = r.list(om["докладчики"], path.appending(key: "докладчики")) { r, v, p in
            if case .map = v {
                guard let s = r.map(v, p, allowed: ["фио", "школа", "тема"]) else { return nil }
                guard let name = r.text(s["фио"], p.appending(key: "фио")) else {
                    r.report("data-missing-field", p, ru: "у докладчика нет поля «фио»", en: "the speaker has no «фио» field",
                             hintRu: "Добавьте «фио: Фамилия И.О.».", hintEn: "Add «фио: Surname I.O.».")
                    return nil
                }
                return Speaker(name: name, school: r.text(s["школа"], p.appending(key: "школа")), topic: r.text(s["тема"], p.appending(key: "тема")))
            }
            return r.text(v, p).map { Speaker(name: $0) }
        }
        o.decision = r.text(om["решение"], path.appending(key: "решение"))
        o.note = r.text(om["примечание"], path.appending(key: "примечание"))
        o.meeting = r.flag(om["заседание"], path.appending(key: "заседание"))
        return o
    }

    /// The index of the planned event an outcome names: by its 1-based number, or by a part of its text
    /// that only one event has (an exact match wins over partial ones).
    private static func match(_ r: inout FieldReader, _ ref: Value, _ path: FieldPath, _ events: [PlannedEvent]) -> Int? {
        let list = events.prefix(12).map { "\($0.number). \(short($0.name))" }.joined(separator: "; ") + (events.count > 12 ? "; …" : "")
        if case .number = ref {
            guard let n = r.integer(ref, path) else { return nil }
            guard (1...max(1, events.count)).contains(n), !events.isEmpty else {
                r.report("analysis-unknown-event", path, ru: "в плане \(Counted.events.ru(events.count)), а указано № \(n)",
                         en: "the plan has \(Counted.events.en(events.count)), and № \(n) is given",
                         hintRu: "Номер — порядковый номер мероприятия в плане, считая все разделы подряд: " + list + ".",
                         hintEn: "The number counts the plan's events in order across sections: " + list + ".")
                return nil
            }
            return n - 1
        }
        guard let text = r.text(ref, path) else { return nil }
        let key = searchKey(text)
        let exact = events.indices.filter { searchKey(events[$0].title) == key || searchKey(events[$0].name) == key }
        if exact.count == 1 { return exact[0] }
        let partial = events.indices.filter { i in
            searchKey(events[i].title).contains(key) || searchKey(events[i].event.text).contains(key)
        }
        if partial.count == 1 { return partial[0] }
        if partial.isEmpty {
            let near = FieldReader.nearest(text, events.map(\.title))
            r.report("analysis-unknown-event", path, ru: "в плане нет мероприятия «\(short(text))»", en: "the plan has no event '\(short(text))'",
                     hintRu: (near.map { "Возможно, «\(short($0))». " } ?? "") + "Мероприятия плана: " + list + ".",
                     hintEn: (near.map { "Did you mean «\(short($0))»? " } ?? "") + "The plan's events: " + list + ".")
        } else {
            let which = partial.prefix(5).map { "\($0 + 1). \(short(events[$0].name))" }.joined(separator: "; ")
            r.report("analysis-ambiguous-event", path, ru: "«\(short(text))» есть в нескольких мероприятиях плана: \(which)",
                     en: "'\(short(text))' is in several of the plan's events: \(which)",
                     hintRu: "Уточните текст или укажите номер мероприятия (мероприятие: \(partial[0] + 1)).",
                     hintEn: "Give more of the text or the event's number (мероприятие: \(partial[0] + 1)).")
        }
        return nil
    }

    private static func readStatistics(_ r: inout FieldReader, _ outside: inout [Problem], _ v: Value?, _ path: FieldPath,
                                       files: FileReader, limits: ZipLimits, dataLimits: DataLimits, columns: ColumnMap) -> DistrictStatistics? {
        guard let v else { return nil }
        var file: String?, sheet: String?
        switch v {
        case .null: return nil
        case .string(let s): file = s
        case .map:
            guard let m = r.map(v, path, allowed: ["файл", "лист"]) else { return nil }
            file = r.text(m["файл"], path.appending(key: "файл"))
            sheet = r.text(m["лист"], path.appending(key: "лист"))
            if file == nil {
                r.report("data-missing-field", path, ru: "нет поля «файл»", en: "the field «файл» is missing",
                         hintRu: "Например: {файл: statistics.xlsx, лист: Библиотеки}.", hintEn: "For example: {файл: statistics.xlsx, лист: Библиотеки}.")
            }
        default:
            r.report("data-wrong-type", path, ru: "ожидался путь к таблице (CSV или XLSX), а здесь \(v.kindName)",
                     en: "a table's path (CSV or XLSX) was expected, found \(v.kindName)",
                     hintRu: "Например: статистика: statistics.csv.", hintEn: "For example: статистика: statistics.csv.")
        }
        guard let file else { return nil }
        let f: (bytes: [UInt8], name: String)
        do { f = try files(file) } catch {
            r.report(error.items.first?.code ?? "read-failed", path, ru: error.items.first?.message.ru ?? "таблица не прочитана",
                     en: error.items.first?.message.en ?? "the table was not read",
                     hintRu: "Путь к таблице пишется от папки файла анализа.", hintEn: "The table's path is relative to the analysis file's folder.")
            return nil
        }
        do {
            let table = try SpreadsheetLoader.table(bytes: f.bytes, sheet: sheet ?? columns.sheet, limits: limits, dataLimits: dataLimits,
                                                    layout: columns.layout)
            return try DistrictStatistics.load(table, columns: columns.columns)
        } catch {
            outside += error.items.inFile(f.name)
            return nil
        }
    }
}
