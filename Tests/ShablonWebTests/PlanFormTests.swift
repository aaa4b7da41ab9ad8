import Foundation
import ShablonData
@testable import ShablonDocuments
import ShablonWeb
import Testing

/// The plan editor: a form drawn from a plan posts back the same plan; rows are added, moved and
/// removed through the posted names; what the form does not show is kept; problems sit by their fields.
@Suite struct PlanFormTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/plans")
    static let names = ["beloyarsky-2025-2026", "omo-2024-2025", "ponomarevsky-2023-2024", "rmo-2019-2020", "roadmap-2018-2020", "serpukhov-2024-2025"]

    static func example(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name + ".yaml"), encoding: .utf8)
    }

    static func plan(_ text: String) throws -> Plan {
        try Plan.load(try DataLoader.load(Array(text.utf8)))
    }

    static func value(_ text: String) throws -> Value {
        try DataLoader.load(Array(text.utf8)).value
    }

    /// What a browser posts for the form in `html`, in order: text and hidden inputs, checked
    /// checkboxes, text areas (without the newline after the opening tag); nothing inside `<template>`.
    static func fieldsOf(_ html: String) -> [(name: String, value: String)] {
        let live = html.replacing(/<template[^>]*>[\s\S]*?<\/template>/, with: "")
        var out: [(name: String, value: String)] = []
        for m in live.matches(of: /<(input|textarea)\b([^>]*)>/) {
            var attrs: [String: String] = [:]
            for a in m.output.2.matches(of: /([a-zA-Z-]+)(?:="([^"]*)")?/) { attrs[String(a.output.1)] = a.output.2.map { unescape(String($0)) } ?? "" }
            guard let name = attrs["name"] else { continue }
            if m.output.1 == "textarea" {
                let rest = live[m.range.upperBound...]
                guard let end = rest.range(of: "</textarea>") else { continue }
                var text = unescape(String(rest[..<end.lowerBound]))
                if text.hasPrefix("\n") { text.removeFirst() }
                out.append((name, text))
            } else if attrs["type"] == "checkbox" {
                if attrs["checked"] != nil { out.append((name, attrs["value"] ?? "on")) }
            } else {
                out.append((name, attrs["value"] ?? ""))
            }
        }
        return out
    }

    /// Equal data, the order of a map's keys aside.
    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.map(let x), .map(let y)): return Set(x.keys) == Set(y.keys) && x.keys.allSatisfy { same(x[$0]!, y[$0]!) }
        case (.list(let x), .list(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        default: return a == b
        }
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    static func form(_ text: String) -> [(name: String, value: String)] {
        fieldsOf(PlanForm.html(yaml: text, action: "/plans/x", hidden: [("csrf", "t"), ("revision", "1")]))
    }

    static func setting(_ fields: [(name: String, value: String)], _ name: String, _ value: String) -> [(name: String, value: String)] {
        #expect(fields.contains { $0.name == name }, "no field \(name)")
        return fields.map { $0.name == name ? ($0.name, value) : $0 }
    }

    /// The posted fields with the rows under `prefix` (`таблица.разделы.0.мероприятия`) in a new order,
    /// renamed as the editor's script names them.
    static func reordered(_ fields: [(name: String, value: String)], _ prefix: String, _ order: [Int]) -> [(name: String, value: String)] {
        let p = prefix + "."
        guard let start = fields.firstIndex(where: { $0.name.hasPrefix(p) }), let end = fields.lastIndex(where: { $0.name.hasPrefix(p) }) else { return fields }
        var groups: [Int: [(name: String, value: String)]] = [:]
        for f in fields[start...end] {
            let rest = f.name.dropFirst(p.count)
            let index = Int(rest.prefix { $0.isNumber })!
            groups[index, default: []].append(f)
        }
        var block: [(name: String, value: String)] = []
        for (newIndex, old) in order.enumerated() {
            for f in groups[old] ?? [] {
                let tail = f.name.dropFirst(p.count).drop { $0.isNumber }
                block.append((p + String(newIndex) + tail, f.value))
            }
        }
        return Array(fields[..<start]) + block + Array(fields[(end + 1)...])
    }

    // MARK: Round trip

    @Test(arguments: names) func roundTrip(_ name: String) throws {
        let text = try Self.example(name)
        let fields = Self.form(text)
        #expect(fields.count > 20)
        let out = try PlanForm.yaml(from: fields, previous: text)
        #expect(try Self.plan(out) == Self.plan(text), "\(name):\n\(out)")
        // Not only the same plan: the same data, each value of the type and spelling it had.
        #expect(Self.same(try Self.value(out), try Self.value(text)), "\(name):\n\(out)")
        // Deterministic, and a second round changes nothing.
        #expect(try PlanForm.yaml(from: fields, previous: text) == out)
        #expect(try PlanForm.yaml(from: Self.form(out), previous: out) == out)
        #expect(PlanForm.problems(of: out).isEmpty)
    }

    @Test func roundTripKeepsCommentsAtTheTopAndTypes() throws {
        let text = try Self.example("serpukhov-2024-2025")
        let out = try PlanForm.yaml(from: Self.form(text), previous: text)
        #expect(out.hasPrefix("#"))
        #expect(out.contains("  год: 2024\n"))
        #expect(out.contains("  косые_черты: true\n"))
    }

    // MARK: Rows

    @Test func addsSectionEventAndAgendaItem() throws {
        let text = try Self.example("ponomarevsky-2023-2024")
        let before = try Self.plan(text)
        var fields = Self.form(text)
        let sections = before.table!.sections.count
        let s = "таблица.разделы.\(sections)"
        fields += [("\(s)._откуда", ""), ("\(s).заголовок", "Новый раздел"),
                   ("\(s).мероприятия.0._откуда", ""), ("\(s).мероприятия.0.текст", "Заседание РМО №\u{A0}3"),
                   ("\(s).мероприятия.0.сроки", "Март"), ("\(s).мероприятия.0.ответственные", "Иванова И.И.\r\nруководитель РМО"),
                   ("\(s).мероприятия.0.пункты.0._откуда", ""), ("\(s).мероприятия.0.пункты.0.тема", "Доклад «Чтение»"),
                   ("\(s).мероприятия.0.пункты.0.докладчик", "Петрова П.П."),
                   ("\(s).мероприятия.0.пункты.1._откуда", ""), ("\(s).мероприятия.0.пункты.1.тема", "Разное"),
                   ("\(s).мероприятия.0.пункты.1.докладчик", ""),
                   // An agenda item added and left empty is dropped.
                   ("\(s).мероприятия.0.пункты.2._откуда", ""), ("\(s).мероприятия.0.пункты.2.тема", ""), ("\(s).мероприятия.0.пункты.2.докладчик", "")]
        // An event added to the first section, after its last one.
        let events = before.table!.sections[0].events.count
        let e = "таблица.разделы.0.мероприятия.\(events)"
        let at = fields.lastIndex { $0.name.hasPrefix("таблица.разделы.0.") }! + 1
        fields.insert(contentsOf: [("\(e)._откуда", ""), ("\(e).текст", "Новое мероприятие"), ("\(e).сроки", ""), ("\(e).место", ""), ("\(e).ответственные", "")], at: at)
        let out = try PlanForm.yaml(from: fields, previous: text)
        let after = try Self.plan(out)
        let added = try #require(after.table?.sections.last)
        #expect(after.table!.sections.count == sections + 1)
        #expect(added.title == "Новый раздел")
        #expect(added.events == [Plan.Event(text: "Заседание РМО №\u{A0}3", dates: "Март", place: nil, responsible: ["Иванова И.И.", "руководитель РМО"],
                                            unnumbered: false, number: nil,
                                            agenda: [.init(topic: "Доклад «Чтение»", speaker: "Петрова П.П."), .init(topic: "Разное", speaker: nil)])])
        #expect(after.table!.sections[0].events.count == events + 1)
        #expect(after.table!.sections[0].events.last?.text == "Новое мероприятие")
        // Nothing else moved.
        #expect(Array(after.table!.sections[0].events.prefix(events)) == before.table!.sections[0].events)
        #expect(after.lists == before.lists && after.theme == before.theme && after.signatures == before.signatures)
    }

    @Test func movesRowsUpAndDown() throws {
        let text = try Self.example("ponomarevsky-2023-2024")
        let before = try Self.plan(text)
        // The second event (without a number, `без_номера`) up: its hidden fields go with it.
        let fields = Self.reordered(Self.form(text), "таблица.разделы.0.мероприятия", [1, 0] + Array(2..<before.table!.sections[0].events.count))
        let after = try Self.plan(try PlanForm.yaml(from: fields, previous: text))
        let b = before.table!.sections[0].events, a = after.table!.sections[0].events
        #expect(a[0] == b[1] && a[1] == b[0] && a[0].unnumbered)
        #expect(Array(a.dropFirst(2)) == Array(b.dropFirst(2)))
        // Lists, list items, sections, agenda items, signatures.
        let rmo = try Self.example("beloyarsky-2025-2026")
        let p = try Self.plan(rmo)
        var f = Self.form(rmo)
        f = Self.reordered(f, "списки", Array((0..<p.lists.count).reversed()))
        f = Self.reordered(f, "списки.\(p.lists.count - 1).пункты", Array((0..<p.lists[0].items.count).reversed()))
        let sections = p.table!.sections
        f = Self.reordered(f, "таблица.разделы", Array((0..<sections.count).reversed()))
        let meeting = try #require(sections.indices.lazy.flatMap { s in sections[s].events.indices.map { (s, $0) } }.first { sections[$0.0].events[$0.1].agenda.count > 1 })
        let ns = sections.count - 1 - meeting.0
        f = Self.reordered(f, "таблица.разделы.\(ns).мероприятия.\(meeting.1).пункты", Array((0..<sections[meeting.0].events[meeting.1].agenda.count).reversed()))
        if p.signatures.count > 1 { f = Self.reordered(f, "подписи", Array((0..<p.signatures.count).reversed())) }
        let q = try Self.plan(try PlanForm.yaml(from: f, previous: rmo))
        #expect(q.lists.map(\.title) == p.lists.reversed().map(\.title))
        #expect(q.lists.last?.items == p.lists[0].items.reversed())
        #expect(q.table!.sections.map(\.title) == sections.reversed().map(\.title))
        #expect(q.table!.sections[ns].events[meeting.1].agenda == sections[meeting.0].events[meeting.1].agenda.reversed())
        #expect(q.signatures == p.signatures.reversed())
    }

    @Test func removesRows() throws {
        let text = try Self.example("roadmap-2018-2020")
        let p = try Self.plan(text)
        #expect(p.table!.sections.count == 3 && !p.signatures.isEmpty)
        let drop = ["таблица.разделы.0.мероприятия.0.", "списки.0.пункты.0.", "подписи.0."]
        var f = Self.form(text).filter { f in !drop.contains { f.name.hasPrefix($0) } }
        f = Self.reordered(f.filter { !$0.name.hasPrefix("таблица.разделы.1.") }, "таблица.разделы", [0, 2])
        let q = try Self.plan(try PlanForm.yaml(from: f, previous: text))
        var expected = p
        expected.table!.sections[0].events.removeFirst()
        expected.lists[0].items.removeFirst()
        expected.signatures.removeFirst()
        expected.table!.sections.remove(at: 1)
        #expect(q == expected)
        // Every signature removed: no `подписи` at all.
        let none = try PlanForm.yaml(from: Self.form(text).filter { !$0.name.hasPrefix("подписи.") }, previous: text)
        #expect(try Self.value(none)["подписи"] == nil)
    }

    // MARK: Kept

    @Test func keepsWhatTheFormDoesNotShow() throws {
        var text = try Self.example("roadmap-2018-2020")
        text += "\nсвоё_поле: значение\n"
        text = text.replacingOccurrences(of: "          результат: положение принято в каждой школе\n",
                                         with: "          результат: положение принято в каждой школе\n          ремарка: [1, 2]\n")
        let plain = try Self.plan(try Self.example("roadmap-2018-2020"))
        var f = Self.setting(Self.form(text), "цель", "Новая цель.")
        f = Self.reordered(f, "таблица.разделы.0.мероприятия", [1, 0])
        let out = try PlanForm.yaml(from: f, previous: text)
        let v = try Self.value(out)
        #expect(v["своё_поле"] == "значение")
        let moved = try #require(v["таблица"]?["разделы"].flatMap { $0.at(0) }?["мероприятия"].flatMap { $0.at(1) })
        #expect(moved["ремарка"] == .list([1, 2]))
        #expect(moved["результат"] == "положение принято в каждой школе")
        #expect(v["таблица"]?["номера_столбцов"] == true)
        #expect(v["вступление"] == (try Self.value(text))["вступление"])
        #expect(v["таблица"]?["колонки"] == (try Self.value(text))["таблица"]?["колонки"])
        // Without the two unknown keys the plan is the old one with the new goal and the two events swapped.
        var clean = try Self.example("roadmap-2018-2020")
        clean = try PlanForm.yaml(from: Self.reordered(Self.setting(Self.form(clean), "цель", "Новая цель."), "таблица.разделы.0.мероприятия", [1, 0]), previous: clean)
        var expected = plain
        expected.goal = .init(label: nil, text: "Новая цель.")
        expected.table!.sections[0].events.swapAt(0, 1)
        #expect(try Self.plan(clean) == expected)
        // The problems of the unknown keys: the event's next to its text, the top-level one at the top.
        let problems = PlanForm.problems(of: out)
        #expect(problems.contains { $0.field == "таблица.разделы.0.мероприятия.1.текст" && $0.problem.code == "plan-unknown-column" })
        #expect(problems.contains { $0.field == nil && $0.problem.code == "data-unknown-field" })
    }

    // MARK: Problems

    @Test func badDateAndEmptyEventTextShowByTheirFields() throws {
        let text = try Self.example("serpukhov-2024-2025")
        var f = Self.setting(Self.form(text), "утверждение.дата", "31.02.2025")
        let plan = try Self.plan(text)
        let e = try #require(plan.table!.sections[0].events.firstIndex { $0.agenda.isEmpty })
        let eventText = "таблица.разделы.0.мероприятия.\(e).текст"
        f = Self.setting(f, eventText, "")
        let out = try PlanForm.yaml(from: f, previous: text)
        // What `shablon plan` says about the text.
        var cli: [Problem] = []
        do { _ = try Plan.load(try DataLoader.load(Array(out.utf8))) } catch { cli = error.items }
        let date = try #require(cli.first { $0.code == "data-bad-date" })
        let missing = try #require(cli.first { $0.code == "data-missing-field" })
        #expect(cli.count == 2)
        let html = PlanForm.html(yaml: out, action: "/p", hidden: [])
        for (field, p) in [("утверждение.дата", date), (eventText, missing)] {
            let tag = try #require(html.firstMatch(of: try Regex("<p class=\"problem\" data-field=\"\(NSRegularExpression.escapedPattern(for: field))\"[^>]*>[^\n]*</p>")),
                                   "no problem by \(field)")
            let shown = String(html[tag.range])
            #expect(shown.contains(p.code.rawValue) && shown.contains(escapeHTML(p.message.ru)) && shown.contains(escapeHTML(p.hint!.ru)))
            // Right after its own field.
            let before = html[..<tag.range.lowerBound]
            let lastName = before.matches(of: /name="([^"]*)"/).last.map { String($0.output.1) }
            #expect(lastName == field)
        }
        #expect(PlanForm.problems(of: out).map(\.field).sorted { ($0 ?? "") < ($1 ?? "") } == ["таблица.разделы.0.мероприятия.\(e).текст", "утверждение.дата"])
        // The posted form shows the same, keeping the typed date.
        let again = PlanForm.html(fields: f, previous: text, action: "/p", hidden: [], notice: nil)
        #expect(again.contains("data-field=\"утверждение.дата\""))
        #expect(again.contains("data-field=\"\(eventText)\""))
        #expect(Self.fieldsOf(again).first { $0.name == "утверждение.дата" }?.value == "31.02.2025")
    }

    @Test func problemsOfAHandWrittenText() throws {
        let text = try Self.example("roadmap-2018-2020").replacingOccurrences(of: "годы: 2018–2020", with: "годы: 2020–2018")
            .replacingOccurrences(of: "  - заголовок: \"Задачи:\"\n", with: "  - заголовок: \"Задачи:\"\n    маркр: \"-\"\n")
        let problems = PlanForm.problems(of: text)
        #expect(problems.contains { $0.field == "годы" && $0.problem.code == "plan-years" })
        #expect(problems.contains { $0.field == "списки.0.заголовок" && $0.problem.code == "data-unknown-field" })
        // A text that is not YAML: its problem at the top, and the form refuses to write over it.
        let broken = "тема: [не закрыто\n"
        #expect(PlanForm.problems(of: broken).allSatisfy { $0.field == nil } && !PlanForm.problems(of: broken).isEmpty)
        #expect(PlanForm.html(yaml: broken, action: "/p", hidden: []).contains("class=\"problem\""))
        #expect(throws: Problems.self) { try PlanForm.yaml(from: [("тема", "x")], previous: broken) }
    }

    // MARK: HTML

    @Test func escapesHostileTextInEveryField() throws {
        let hostile = "<script>alert(\"x\")</script> & 'q' \"><b>"
        let text = try Self.example("beloyarsky-2025-2026")
        let fields = Self.form(text).map { f -> (name: String, value: String) in
            f.name.hasSuffix("._откуда") || ["csrf", "revision", "без_заголовка", "утверждение.косые_черты"].contains(f.name) ? f : (f.name, hostile)
        }
        let out = try PlanForm.yaml(from: fields, previous: text)
        let html = PlanForm.html(yaml: out, action: "/p?a=\"<x>\"", hidden: [("csrf", "\"><script>")])
        #expect(!html.contains("<script") && !html.contains("<b>") && !html.contains("\"<x>"))
        let back = Self.fieldsOf(html)
        for f in fields where !f.name.hasSuffix("._откуда") && f.value == hostile {
            #expect(back.first { $0.name == f.name }?.value == hostile, "\(f.name)")
        }
        #expect(back.first { $0.name == "csrf" }?.value == "\"><script>")
        let posted = PlanForm.html(fields: fields, previous: text, action: "/p", hidden: [], notice: "<i>конфликт</i>")
        #expect(!posted.contains("<script") && !posted.contains("<i>") && posted.contains("&lt;i&gt;конфликт"))
    }

    @Test func postedFormKeepsEveryValue() throws {
        let text = try Self.example("omo-2024-2025")
        var f = Self.form(text)
        f = Self.setting(f, "вид", "  ОМО  ")
        f = Self.setting(f, "тема", "строка 1\r\nстрока 2\r\n\r\nстрока 4")
        f = Self.setting(f, "учебный_год", "следующий")
        f += [("подписи.9._откуда", ""), ("подписи.9.должность", ""), ("подписи.9.фио", "")]
        let html = PlanForm.html(fields: f, previous: text, action: "/p", hidden: [("csrf", "t")], notice: "Пока вы правили, план сохранили в другом окне.")
        #expect(html.contains("Пока вы правили, план сохранили в другом окне."))
        let back = Self.fieldsOf(html)
        for field in f where !field.name.hasPrefix("подписи.9.") && !["csrf", "revision"].contains(field.name) {
            let value = field.value.replacingOccurrences(of: "\r\n", with: "\n")
            #expect(back.first { $0.name == field.name }?.value == value, "\(field.name)")
        }
        // The empty signature added is drawn again (as the last one), and the problem of the year by its field.
        #expect(back.filter { $0.name.hasPrefix("подписи.") && $0.name.hasSuffix(".должность") }.count == f.filter { $0.name.hasPrefix("подписи.") && $0.name.hasSuffix(".должность") }.count)
        #expect(html.contains("data-field=\"учебный_год\""))
    }

    @Test func hooksForTheBrowser() throws {
        let html = PlanForm.html(yaml: try Self.example("rmo-2019-2020"), action: "/p", hidden: [])
        #expect(html.hasPrefix("<form id=\"plan-form\" "))
        #expect(html.contains("id=\"save\""))
        for a in ["add-section", "add-event", "add-agenda", "add-list", "add-item", "add-signature", "remove", "up", "down"] {
            #expect(html.contains("data-action=\"\(a)\""), "\(a)")
        }
        for t in ["section", "event", "agenda", "list", "item", "signature"] { #expect(html.contains("<template id=\"template-\(t)\">")) }
        #expect(!html.contains("<html") && !html.contains("<head"))
        #expect(PlanForm.script.contains("renumber") && PlanForm.style.contains(".problem"))
        // An empty plan gives an editor too, and an empty form an empty plan.
        #expect(PlanForm.html(yaml: "", action: "/p", hidden: []).contains("id=\"save\""))
        #expect(try PlanForm.yaml(from: Self.form(""), previous: "") == "{}\n")
    }
}

extension Value {
    func at(_ i: Int) -> Value? {
        if case .list(let l) = self, l.indices.contains(i) { return l[i] }
        return nil
    }
}

