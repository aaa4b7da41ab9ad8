import Foundation
import ShablonData
import ShablonRussian

// MARK: - Printing figures

/// How the analysis prints its figures: counts grouped (`12 345`), ratios with two decimals (`14,25`),
/// percentages with one (`96,4`), changes with their sign (`+120`, `−35`); a figure the data lacks is «—».
enum Printed {
    static let none = "—"

    static func count(_ n: Int?) -> Value {
        guard let n else { return .string(none) }
        return .string(RussianFormat.number(Decimal(n), fractionDigits: nil))
    }

    static func ratio(_ d: Decimal?) -> Value {
        guard let d else { return .string(none) }
        return .string(RussianFormat.number(d, fractionDigits: Figures.ratioPlaces))
    }

    static func percent(_ d: Decimal?) -> Value {
        guard let d else { return .string(none) }
        return .string(RussianFormat.number(d, fractionDigits: Figures.percentPlaces))
    }

    /// `+12`, `−3` (U+2212), `0`, with the given number of decimals.
    static func signed(_ d: Decimal, places: Int?) -> String {
        let body = RussianFormat.number(d.magnitude, fractionDigits: places)
        if d > 0 { return "+" + body }
        if d < 0 { return "\u{2212}" + body }
        return body
    }
}

/// Один показатель в сравнении с прошлым годом.
public struct Comparison: Sendable, Equatable {
    public var name: String
    public var previous: Decimal?
    public var current: Decimal?
    /// Decimals the figure is printed with (nil: as a count).
    public var places: Int?
    /// Whether the relative change in per cent is meaningful (counts, not ratios or percentages).
    public var relative: Bool

    /// current − previous (of the figures as printed, so that a reader's subtraction agrees).
    public var change: Decimal? {
        guard let previous, let current else { return nil }
        return current - previous
    }

    /// (current − previous) / previous × 100, one decimal; nil for ratios or without a previous figure.
    public var changePercent: Decimal? {
        guard relative, let previous, let change, previous != 0 else { return nil }
        return Figures.percent(change, of: previous)
    }
}

extension Counts {
    /// The figures compared with last year, in the order the analysis prints them.
    func comparisons(with last: Counts) -> [Comparison] {
        func c(_ name: String, _ f: (Counts) -> Int?) -> Comparison {
            Comparison(name: name, previous: f(last).map { Decimal($0) }, current: f(self).map { Decimal($0) }, places: nil, relative: true)
        }
        func d(_ name: String, _ places: Int, _ f: (Counts) -> Decimal?) -> Comparison {
            Comparison(name: name, previous: f(last), current: f(self), places: places, relative: false)
        }
        return [
            c("Читателей, всего", \.readers), c("в том числе учащихся", \.students), c("учителей", \.teachers), c("прочих", \.otherReaders),
            c("Книговыдача, экз.", \.loans), c("Посещения", \.visits), c("Фонд, экз.", \.fund), c("в том числе учебники", \.textbookFund),
            c("художественная литература", \.fictionFund), c("Поступило, экз.", \.received), c("Выбыло, экз.", \.withdrawn),
            d("Читаемость", 2, \.readingRate), d("Посещаемость", 2, \.visitRate), d("Обращаемость фонда", 2, \.turnover),
            d("Книгообеспеченность", 2, \.booksPerReader), d("Обеспеченность учебниками, %", 1, \.provision),
        ].filter { $0.previous != nil || $0.current != nil }
    }
}

// MARK: - What the template sees

extension Analysis {
    /// The school year as the analysis prints it (`2025/2026`).
    public var schoolYear: String { Plan.normalizedSchoolYear(plan.schoolYear) }

    /// The next school year (`2026/2027`), when the year reads as one.
    var nextSchoolYear: String? {
        let parts = schoolYear.split(separator: "/")
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]) else { return nil }
        return "\(a + 1)/\(b + 1)"
    }

    /// The previous school year (`2024/2025`), when the year reads as one.
    var previousSchoolYear: String? {
        let parts = schoolYear.split(separator: "/")
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]) else { return nil }
        return "\(a - 1)/\(b - 1)"
    }

    private static func signatureName(_ name: String?) -> String {
        guard let name, !name.isEmpty else { return "" }
        return RussianFormat.initials(name, surnameLast: true)
    }

    /// «Фамилия И.О.» as lists print names.
    private static func listName(_ name: String) -> String {
        RussianFormat.initials(name, surnameLast: false)
    }

    /// «Фамилия И.О. (школа)»; with `topic`, « — тема» after it.
    private static func speakerText(_ s: Speaker, topic: Bool) -> String {
        var t = listName(s.name)
        if let school = s.school { t += " (\(school))" }
        if topic, let x = s.topic { t += "\u{A0}— " + x }
        return Typography.apply(t)
    }

    /// «проведено 23.10.2025», «проведено в мае 2026 г.», «не проведено», «не проведено: причина», «нет сведений».
    private func outcomeMark(_ e: PlannedEvent) -> String {
        guard let o = e.outcome else { return othersHeld ? "проведено" : "нет сведений" }
        if !o.held { return "не проведено" + (o.note.map { ": " + Typography.apply($0) } ?? "") }
        if o.date == nil, let typed = o.dateText { return "проведено " + Typography.apply(Analysis.heldWhen(typed)) }
        return "проведено" + (o.printedDate.map { " " + $0 } ?? "")
    }

    /// Data text as the documents print it: Russian typography (quotes, dashes, no-break spaces; see
    /// `Typography.apply`). Numbers and dates the analysis formats itself do not go through it.
    static func printed(_ text: String) -> Value { .string(Typography.apply(text)) }

    /// Statistics of one school (or the district's total) as the templates print them.
    static func printed(_ c: Counts, into m: inout ValueMap) {
        m["читатели"] = Printed.count(c.readers)
        m["читатели_учащиеся"] = Printed.count(c.students)
        m["читатели_учителя"] = Printed.count(c.teachers)
        m["читатели_прочие"] = Printed.count(c.otherReaders)
        m["книговыдача"] = Printed.count(c.loans)
        m["посещения"] = Printed.count(c.visits)
        m["фонд"] = Printed.count(c.fund)
        m["фонд_учебники"] = Printed.count(c.textbookFund)
        m["фонд_художественная"] = Printed.count(c.fictionFund)
        m["поступило"] = Printed.count(c.received)
        m["выбыло"] = Printed.count(c.withdrawn)
        m["читаемость"] = Printed.ratio(c.readingRate)
        m["посещаемость"] = Printed.ratio(c.visitRate)
        m["обращаемость"] = Printed.ratio(c.turnover)
        m["книгообеспеченность"] = Printed.ratio(c.booksPerReader)
        m["учащихся"] = Printed.count(c.classes.isEmpty ? nil : c.classStudents)
        m["учебников"] = Printed.count(c.classes.isEmpty ? nil : c.classCopies)
        m["обеспеченность"] = Printed.percent(c.provision)
        m["классы"] = .list(c.classes.map { k in
            .map(ValueMap([("класс", .string("\(k.grade)")), ("учащихся", Printed.count(k.students)), ("учебников", Printed.count(k.copies)),
                           ("обеспеченность", Printed.percent(k.percent))]))
        })
        for g in 1...11 {
            let k = c.classes.first { $0.grade == g }
            m["обеспеченность_\(g)"] = Printed.percent(k?.percent)
        }
    }

    private static func comparisonRows(_ list: [Comparison]) -> Value {
        .list(list.map { x in
            func show(_ d: Decimal?) -> Value {
                guard let d else { return .string(Printed.none) }
                return .string(RussianFormat.number(d, fractionDigits: x.places))
            }
            return .map(ValueMap([("показатель", .string(x.name)), ("было", show(x.previous)), ("стало", show(x.current)),
                                  ("изменение", .string(x.change.map { Printed.signed($0, places: x.places) } ?? Printed.none)),
                                  ("изменение_процент", .string(x.changePercent.map { Printed.signed($0, places: 1) + "\u{A0}%" } ?? Printed.none))]))
        })
    }

    /// One school's statistics as a school report and `shablon batch` see them: the table's cells under
    /// their canonical names (numbers as numbers), then the derived figures printed, the year and district.
    public func schoolRecord(_ s: SchoolStatistics) -> Value {
        var m = ValueMap()
        m["школа"] = .string(s.school)
        func n(_ v: Int?) -> Value { v.map { .number(Decimal($0)) } ?? .null }
        m["читатели_учащиеся"] = n(s.students)
        m["читатели_учителя"] = n(s.teachers)
        m["читатели_прочие"] = n(s.otherReaders)
        m["книговыдача"] = n(s.loans)
        m["посещения"] = n(s.visits)
        m["фонд"] = n(s.fund)
        m["фонд_учебники"] = n(s.textbookFund)
        m["фонд_художественная"] = n(s.fictionFund)
        m["поступило"] = n(s.received)
        m["выбыло"] = n(s.withdrawn)
        for g in 1...11 {
            let k = s.classes.first { $0.grade == g }
            m["учащиеся_\(g)"] = n(k?.students)
            m["учебники_\(g)"] = n(k?.copies)
        }
        var printed = ValueMap()
        Analysis.printed(s.counts, into: &printed)
        for key in ["читатели", "читаемость", "посещаемость", "обращаемость", "книгообеспеченность", "учащихся", "учебников", "обеспеченность"]
            + (1...11).map({ "обеспеченность_\($0)" }) {
            m[key] = printed[key]
        }
        m["классы"] = printed["классы"]
        if let last = lastYear?.school(named: s.school) {
            m["прошлый_год"] = Analysis.comparisonRows(s.counts.comparisons(with: last.counts))
        } else {
            m["прошлый_год"] = .list([])
        }
        m["учебный_год"] = .string(schoolYear)
        m["район"] = .string(district ?? plan.district ?? "")
        m["вид"] = .string(plan.kind ?? "")
        if let sig = signature, let d = sig.date {
            m["дата"] = .string(RussianFormat.date(year: d.year, month: d.month, day: d.day, pattern: "dd.MM.yyyy"))
        }
        return .map(m)
    }

    /// The data the built-in analysis template (and a district's own) is filled with.
    public func templateValue() -> Value {
        var v = ValueMap()
        let year = schoolYear
        let sum = summary
        v["вид"] = .string(plan.kind ?? "")
        v["район"] = .string(district ?? plan.district ?? "")
        v["учебный_год"] = .string(year)
        v["следующий_учебный_год"] = .string(nextSchoolYear ?? "следующий")
        v["прошлый_учебный_год"] = .string(previousSchoolYear ?? "прошлый")
        let association = self.association ?? plan.association ?? ((plan.kind ?? "методического объединения") + " школьных библиотекарей")
        v["объединение"] = .string(association)
        if let title {
            v["заголовок"] = .list(title.map(Analysis.printed))
        } else {
            var lines: [Value] = ["Анализ работы", Analysis.printed(association)]
            if let d = district ?? plan.district { lines.append(Analysis.printed(d)) }
            lines.append(.string("за \(year) учебный год"))
            v["заголовок"] = .list(lines)
        }
        func labeled(_ t: Plan.LabeledText?, _ label: String) -> Value {
            guard let t else { return .null }
            return .map(ValueMap([("подпись", Analysis.printed(t.label ?? label)), ("текст", Analysis.printed(t.text))]))
        }
        v["тема"] = labeled(plan.theme, "Методическая тема:")
        v["цель"] = labeled(plan.goal, "Цель:")
        // The year's tasks: the plan's list whose title speaks of tasks, or its first list.
        let tasks = plan.lists.first { Analysis.searchKey($0.title ?? "").contains("задач") } ?? plan.lists.first
        v["задачи_года"] = .list(tasks?.items.enumerated().map { i, item in Analysis.printed("\(i + 1). " + Analysis.withoutNumber(item.text)) } ?? [])

        // Members and schools.
        let schoolCount = statistics?.schools.count
        v["число_членов"] = members.map { .number(Decimal($0)) } ?? schoolCount.map { .number(Decimal($0)) } ?? .null
        v["число_школ"] = schoolCount.map { .number(Decimal($0)) } ?? .null

        // The year in numbers.
        var s = ValueMap()
        s["мероприятий_запланировано"] = .number(Decimal(sum.plannedEvents))
        s["мероприятий_проведено"] = .number(Decimal(sum.heldEvents))
        s["мероприятия_текст"] = .string(Analysis.heldPhrase(sum.heldEvents, of: sum.plannedEvents, forms: Analysis.eventForms))
        s["заседаний_запланировано"] = .number(Decimal(sum.plannedMeetings))
        s["заседаний_проведено"] = .number(Decimal(sum.heldMeetings))
        s["заседания_текст"] = .string(Analysis.heldPhrase(sum.heldMeetings, of: sum.plannedMeetings, forms: Analysis.meetingForms))
        s["выполнение"] = Printed.percent(sum.fulfilment)
        s["вне_плана"] = .number(Decimal(sum.unplannedHeld))
        s["вне_плана_текст"] = .string(RussianFormat.plural(Decimal(sum.unplannedHeld), forms: Analysis.eventForms))
        s["докладчиков"] = .number(Decimal(sum.speakers))
        s["докладчики_текст"] = .string(RussianFormat.plural(Decimal(sum.speakers), forms: ["докладчик", "докладчика", "докладчиков"]))
        s["школ"] = .number(Decimal(sum.schools))
        s["школы_текст"] = .string(RussianFormat.plural(Decimal(sum.schools), forms: ["школа", "школы", "школ"]))
        v["итоги"] = .map(s)

        // Meetings: one row each, with the agenda's speakers when the outcome names none.
        var meetingNumber = 0
        v["заседания"] = .list(events.filter(\.isMeeting).map { e in
            meetingNumber += 1
            let o = e.outcome
            let topics = e.event.agenda.map(\.topic)
            let speakers = speakers(of: e).map { Analysis.speakerText($0, topic: false) }
            return .map(ValueMap([
                ("номер", .string("\(meetingNumber)")), ("мероприятие", Analysis.printed(e.name)),
                ("повестка", Analysis.printed(topics.joined(separator: "\n"))),
                ("тема", Analysis.printed(topics.isEmpty ? e.name : e.name + "\n" + topics.joined(separator: "\n"))),
                ("дата", Analysis.printed(o?.printedDate ?? e.event.dates ?? "")), ("форма", Analysis.printed(o?.form ?? "")),
                ("докладчики", .string(speakers.joined(separator: "\n"))), ("решение", Analysis.printed(o?.decision ?? "")),
                ("доклады", .string(self.speakers(of: e).map { Analysis.speakerText($0, topic: true) }.joined(separator: "\n"))),
                ("участники", o?.participants.map { .number(Decimal($0)) } ?? .string("")),
                ("проведено", .bool(isHeld(e))), ("отметка", .string(outcomeMark(e))),
            ]))
        })
        // Every planned event with its mark.
        v["мероприятия"] = .list(events.map { e in
            let o = e.outcome
            return .map(ValueMap([
                ("номер", .string("\(e.number)")), ("раздел", Analysis.printed(e.section ?? "")), ("мероприятие", Analysis.printed(e.name)),
                ("сроки", Analysis.printed([e.event.dates, e.event.place].compactMap { $0 }.joined(separator: ", "))),
                ("дата", Analysis.printed(o?.printedDate ?? "")), ("форма", Analysis.printed(o?.form ?? "")),
                ("участники", o?.participants.map { .number(Decimal($0)) } ?? .string("")),
                ("докладчики", .string(speakers(of: e).map { Analysis.speakerText($0, topic: false) }.joined(separator: "\n"))),
                ("примечание", Analysis.printed(o?.note ?? "")), ("проведено", .bool(isHeld(e))), ("отметка", .string(outcomeMark(e))),
            ]))
        })
        v["не_проведены"] = .list(events.filter { !isHeld($0) }.map { e in
            .map(ValueMap([("номер", .string("\(e.number)")), ("мероприятие", Analysis.printed(e.name)),
                           ("причина", Analysis.printed(e.outcome?.note ?? (e.outcome == nil ? "нет сведений" : "")))]))
        })
        v["вне_плана"] = .list(unplanned.filter(\.outcome.held).map { u in
            .map(ValueMap([("мероприятие", Analysis.printed(u.text)), ("дата", Analysis.printed(u.outcome.printedDate ?? "")),
                           ("форма", Analysis.printed(u.outcome.form ?? "")),
                           ("докладчики", .string(u.outcome.speakers.map { Analysis.speakerText($0, topic: false) }.joined(separator: "\n"))),
                           ("примечание", Analysis.printed(u.outcome.note ?? ""))]))
        })
        v["конкурсы"] = .list(contests.enumerated().map { i, c in
            .map(ValueMap([("номер", .string("\(i + 1)")), ("конкурс", Analysis.printed(c.name)), ("уровень", Analysis.printed(c.level ?? "")),
                           ("участник", Analysis.printed(c.participant ?? "")), ("результат", Analysis.printed(c.result ?? ""))]))
        })
        v["повышение_квалификации"] = .list(training.enumerated().map { i, t in
            .map(ValueMap([("номер", .string("\(i + 1)")), ("фио", Analysis.printed(t.name.map(Analysis.listName) ?? "")),
                           ("школа", Analysis.printed(t.school ?? "")),
                           ("тема", Analysis.printed(t.course)), ("форма", Analysis.printed(t.form ?? "")),
                           ("часы", t.hours.map { .number(Decimal($0)) } ?? .string("")), ("сроки", Analysis.printed(t.dates ?? "")),
                           ("документ", Analysis.printed(t.document ?? ""))]))
        })
        v["обмен_опытом"] = .list(experience.map { x in
            var line = ""
            if let n = x.name { line = Analysis.listName(n) + (x.school.map { " (\($0))" } ?? "") + ": " }
            line += x.topic
            if let place = x.place { line += "\u{A0}— " + place }
            return .map(ValueMap([("фио", Analysis.printed(x.name.map(Analysis.listName) ?? "")), ("школа", Analysis.printed(x.school ?? "")),
                                  ("тема", Analysis.printed(x.topic)), ("где", Analysis.printed(x.place ?? "")), ("текст", Analysis.printed(line))]))
        })
        func numbered(_ items: [String]) -> Value { .list(items.enumerated().map { Analysis.printed("\($0 + 1). " + Analysis.withoutNumber($1)) }) }
        v["выводы"] = .list(conclusions.map(Analysis.printed))
        v["проблемы"] = .list(problems.map(Analysis.printed))
        v["задачи_на_следующий_год"] = numbered(nextYearTasks)

        // Library statistics.
        if let st = statistics {
            var sm = ValueMap()
            sm["школы"] = .list(st.schools.enumerated().map { i, school in
                var m = ValueMap([("номер", .string("\(i + 1)")), ("школа", Analysis.printed(school.school))])
                Analysis.printed(school.counts, into: &m)
                if let last = lastYear?.school(named: school.school) {
                    let was = last.counts.provision, now = school.counts.provision
                    m["обеспеченность_было"] = Printed.percent(was)
                    m["обеспеченность_изменение"] = .string(was != nil && now != nil ? Printed.signed(now! - was!, places: 1) : Printed.none)
                } else {
                    m["обеспеченность_было"] = .string(Printed.none)
                    m["обеспеченность_изменение"] = .string(Printed.none)
                }
                return .map(m)
            })
            var total = ValueMap()
            let t = st.total
            Analysis.printed(t, into: &total)
            sm["итого"] = .map(total)
            sm["классы"] = total["классы"]
            if let last = lastYear {
                sm["сравнение"] = Analysis.comparisonRows(t.comparisons(with: last.total))
            } else {
                sm["сравнение"] = .list([])
            }
            sm["прошлый_год"] = .bool(lastYear != nil)
            v["статистика"] = .map(sm)
        } else {
            v["статистика"] = .null
        }
        v["диаграммы"] = .map(charts())

        if let sig = signature {
            v["подпись"] = .map(ValueMap([
                ("должность", Analysis.printed(sig.position)), ("подпись", .string("____________ " + Analysis.signatureName(sig.name))),
                ("дата", .string(sig.date.map { RussianFormat.date(year: $0.year, month: $0.month, day: $0.day, pattern: "dd.MM.yyyy") } ?? "")),
            ]))
        } else {
            v["подпись"] = .null
        }
        return .map(v)
    }

    /// The charts' data: textbook provision by school, events by month, loans by school (see the
    /// «Диаграммы» section of docs/template-language.md for the shape).
    func charts() -> ValueMap {
        var c = ValueMap()
        func series(_ name: String, _ values: [Decimal?]) -> Value {
            .map(ValueMap([("название", .string(name)), ("значения", .list(values.map { $0.map(Value.number) ?? .null }))]))
        }
        func chart(_ kind: String, _ title: String, _ labels: [String], _ rows: [Value], max: Decimal? = nil, step: Decimal? = nil) -> Value {
            var m = ValueMap([("тип", .string(kind)), ("заголовок", .string(title)), ("подписи", .list(labels.map { .string($0) })),
                              ("ряды", .list(rows))])
            if let max { m["макс"] = .number(max); m["мин"] = .number(0) }
            if let step { m["шаг"] = .number(step) }
            return .map(m)
        }
        let lastYearName = previousSchoolYear ?? "прошлый год"
        if let st = statistics {
            let names = st.schools.map(\.school)
            var rows = [series(schoolYear, st.schools.map { $0.counts.provision })]
            if let last = lastYear { rows.append(series(lastYearName, st.schools.map { last.school(named: $0.school)?.counts.provision })) }
            // Schools' names are long: horizontal bars, the chart as tall as the bars need.
            let height = Decimal(min(22, max(8, 3 + (names.count * rows.count * 2 + 2) / 5)))
            c["обеспеченность"] = chart("полосы", "Обеспеченность учебниками по школам, %", names, rows, max: 100).setting("высота", .number(height))
            var loans = [series(schoolYear, st.schools.map { $0.loans.map { Decimal($0) } })]
            if let last = lastYear { loans.append(series(lastYearName, st.schools.map { last.school(named: $0.school)?.loans.map { Decimal($0) } })) }
            c["книговыдача"] = chart("полосы", "Книговыдача по школам, экз.", names, loans).setting("высота", .number(height))
            let classes = st.total.classes
            c["классы"] = chart("линии", "Обеспеченность учебниками по классам, %", classes.map { "\($0.grade) кл." },
                                [series(schoolYear, classes.map(\.percent))], max: 100)
        }
        // Events by month of the school year (September first); June–August only when something falls there.
        var planned = [Int: Int](), held = [Int: Int]()
        for e in events {
            guard let m = Analysis.month(of: e) else { continue }
            planned[m, default: 0] += 1
            if isHeld(e) { held[m, default: 0] += 1 }
        }
        for u in unplanned where u.outcome.held {
            if let m = u.outcome.date?.month ?? u.outcome.dateText.flatMap(Analysis.month(in:)) { held[m, default: 0] += 1 }
        }
        var months = [9, 10, 11, 12, 1, 2, 3, 4, 5]
        if [6, 7, 8].contains(where: { planned[$0] != nil || held[$0] != nil }) { months += [6, 7, 8] }
        let names = months.map { RussianFormat.monthsNominative[$0 - 1] }
        c["мероприятия"] = chart("столбцы", "Мероприятия по месяцам", names, [
            series("Запланировано", months.map { Decimal(planned[$0] ?? 0) }),
            series("Проведено", months.map { Decimal(held[$0] ?? 0) }),
        ], step: 1)
        return c
    }
}

extension Value {
    /// The map with one field set (other values unchanged).
    func setting(_ key: String, _ value: Value) -> Value {
        guard case .map(var m) = self else { return self }
        m[key] = value
        return .map(m)
    }
}

// MARK: - Schools' data for `shablon batch`

extension Analysis {
    /// Every school's record (`schoolRecord`) as a JSON list: the data for
    /// `shablon batch school-report.docx schools.json --name "{{школа}}"`. Numbers are written exactly,
    /// dates as `yyyy-MM-dd`, keys in order.
    public func schoolRecordsJSON() -> String {
        var out = ""
        JSONText.write(.list(statistics?.schools.map(schoolRecord) ?? []), into: &out, indent: 0)
        return out + "\n"
    }
}

/// A small JSON writer for data values (exact decimals, ordered keys).
enum JSONText {
    static func write(_ v: Value, into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1), end = String(repeating: "  ", count: indent)
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d): out += "\(d)"
        case .string(let s): string(s, into: &out)
        case .date(let d): string(d.description, into: &out)
        case .list(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (i, x) in items.enumerated() {
                out += pad
                write(x, into: &out, indent: indent + 1)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += end + "]"
        case .map(let m):
            if m.isEmpty { out += "{}"; return }
            out += "{\n"
            for (i, (k, x)) in m.enumerated() {
                out += pad
                string(k, into: &out)
                out += ": "
                write(x, into: &out, indent: indent + 1)
                out += i == m.count - 1 ? "\n" : ",\n"
            }
            out += end + "}"
        }
    }

    static func string(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20: out += String(format: "\\u%04x", u.value)
            default: out.unicodeScalars.append(u)
            }
        }
        out += "\""
    }
}
