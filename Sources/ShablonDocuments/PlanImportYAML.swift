import Foundation
import ShablonData

extension PlanImport {
    /// The plan as YAML for `shablon plan`: Russian keys in document order, text as typed (quoted only
    /// where YAML needs it, multi-line text as `|-` blocks), and a comment «# проверьте: …» wherever
    /// the recognition is a guess a person should look at.
    public static func yaml(_ plan: ImportedPlan, source: String? = nil) -> String {
        var w = YAMLText()
        w.comment("План работы, прочитанный из документа" + (source.map { " «\($0)»" } ?? "") + " командой shablon import.")
        w.comment("Проверьте строки с пометкой «проверьте:», затем: shablon plan ЭТОТ_ФАЙЛ.yaml -o план.pdf")
        w.comment("Формат — docs/plan-format.md; как читается документ — docs/import.md.")
        w.blank()
        let checks = plan.checks
        func check(_ key: String) { if let c = checks[key] { w.comment(c) } }

        if let a = plan.approval {
            check("утверждение")
            w.key("утверждение", 0)
            switch a {
            case .official(let position, let organisation, let name, let date, let year, let slashes):
                w.field("должность", position, 1)
                if let organisation { w.field("организация", organisation, 1) }
                if let name { w.field("фио", name, 1) }
                if let date { w.raw("дата", iso(date), 1) }
                if let year { w.raw("год", String(year), 1) }
                if slashes { w.raw("косые_черты", "true", 1) }
            case .act(let document, let date, let number):
                w.field("приказ", document, 1)
                if let date { w.raw("дата", iso(date), 1) }
                if let number { w.field("номер", number, 1) }
            }
            w.blank()
        }
        if let r = plan.review {
            w.key("рассмотрено", 0)
            w.field("гриф", r.heading, 1)
            if let t = r.text { w.field("текст", t, 1) }
            if let d = r.protocolDate { w.raw("протокол_дата", iso(d), 1) }
            if let n = r.protocolNumber { w.field("протокол_номер", n, 1) }
            if let l = r.protocolLine { w.field("протокол", l, 1) }
            w.blank()
        }
        if !plan.intro.isEmpty {
            w.comment("проверьте: абзацы перед заголовком, напечатаны как набраны")
            w.key("вступление", 0)
            for p in plan.intro { w.item(p, 1) }
            w.blank()
        }
        if let k = plan.kind { w.field("вид", k, 0) }
        if let d = plan.district {
            if let c = checks["район"] { w.field("район", d, 0, comment: c) } else { w.field("район", d, 0) }
        }
        if let y = plan.schoolYear {
            check("учебный_год")
            w.field("учебный_год", y, 0, quoted: true)
        } else if let y = plan.years {
            w.field("годы", y, 0, quoted: true)
        } else {
            check("учебный_год")
        }
        if plan.hidesTitle { w.raw("без_заголовка", "true", 0) }
        if !plan.title.isEmpty {
            w.key("заголовок", 0)
            for l in plan.title { w.item(l, 1) }
        }
        w.blank()
        for (key, x) in [("тема", plan.theme), ("цель", plan.goal)] {
            guard let x else { continue }
            if let label = x.label {
                w.key(key, 0)
                w.field("подпись", label, 1)
                w.field("текст", x.text, 1)
            } else {
                w.field(key, x.text, 0)
            }
        }
        if plan.theme != nil || plan.goal != nil { w.blank() }

        if !plan.entries.isEmpty {
            w.key("списки", 0)
            for e in plan.entries {
                switch e {
                case .paragraph(let text, let c):
                    w.comment(c ?? "проверьте: абзац, не распознанный как список", 1)
                    w.mapItem("абзац", text, 1)
                case .list(let l):
                    if let c = l.check { w.comment(c, 1) }
                    var first = true
                    func field(_ k: String, _ v: String) {
                        if first { w.mapItem(k, v, 1); first = false } else { w.field(k, v, 2) }
                    }
                    if let t = l.title { field("заголовок", t) }
                    if let inline = l.inline { field("текст", inline); continue }
                    field("маркер", l.marker)
                    if first { w.line("  - пункты:") } else { w.key("пункты", 2) }
                    for item in l.items {
                        if item.subitems.isEmpty { w.item(item.text, 3) } else {
                            w.mapItem("текст", item.text, 3)
                            w.key("подпункты", 4)
                            for s in item.subitems { w.item(s, 5) }
                        }
                    }
                }
            }
            w.blank()
        }

        if let t = plan.table { table(t, &w) }

        if !plan.signatures.isEmpty {
            w.key("подписи", 0)
            for s in plan.signatures {
                w.mapItem("должность", s.position, 1)
                if let n = s.name { w.field("фио", n, 2) }
            }
            w.blank()
        }
        if !plan.notes.isEmpty {
            w.key("примечания", 0)
            for n in plan.notes { w.item(n, 1) }
            w.blank()
        }
        return w.text
    }

    static func table(_ t: ImportedPlan.Table, _ w: inout YAMLText) {
        w.key("таблица", 0)
        if let title = t.title { w.field("заголовок", title, 1) }
        let old = ["номер", "мероприятие", "сроки", "ответственные"]
        let defaults = ["номер": "№", "мероприятие": "Мероприятия", "сроки": "Сроки", "ответственные": "Ответственные"]
        let plain = t.columns.allSatisfy { old.contains($0.key) } && !t.numberRow
        if plain {
            // The original format: the kinds in order, the header titles under `подписи`.
            w.raw("колонки", "[" + t.columns.map(\.key).joined(separator: ", ") + "]", 1)
            let titled = t.columns.filter { defaults[$0.key] != $0.title }
            if !titled.isEmpty {
                w.key("подписи", 1)
                for c in titled { w.field(c.key, c.title, 2) }
            }
        } else {
            w.comment("столбцы в порядке документа: вид (или свой ключ) и заголовок", 1)
            w.key("колонки", 1)
            for c in t.columns {
                if !c.known { w.comment("проверьте: столбец «\(oneLine(c.title))» не известен — его ячейки записаны по ключу «\(c.key)»", 2) }
                w.mapItem(c.key, c.title, 2)
            }
            if t.numberRow { w.raw("номера_столбцов", "true", 1) }
        }
        let sections = t.sections
        func events(_ list: [ImportedPlan.Event], _ indent: Int) {
            for e in list { event(e, t.columns, indent, &w) }
        }
        if sections.count == 1, sections[0].title == nil {
            w.key("мероприятия", 1)
            events(sections[0].events, 2)
        } else {
            w.key("разделы", 1)
            for s in sections {
                if let c = s.check { w.comment(c, 2) }
                if let title = s.title {
                    w.mapItem("заголовок", title, 2)
                    w.key("мероприятия", 3)
                } else {
                    w.line(String(repeating: "  ", count: 2) + "- мероприятия:")
                }
                events(s.events, 4)
            }
        }
        w.blank()
    }

    static func event(_ e: ImportedPlan.Event, _ columns: [ImportedPlan.Column], _ indent: Int, _ w: inout YAMLText) {
        if let c = e.check { w.comment(c, indent) }
        var first = true
        func field(_ k: String, _ v: String, raw: Bool = false) {
            if first { w.mapItem(k, v, indent, raw: raw); first = false } else if raw { w.raw(k, v, indent + 1) } else { w.field(k, v, indent + 1) }
        }
        if let n = e.number { field("номер", n) }
        if e.unnumbered { field("без_номера", "true", raw: true) }
        if !e.text.isEmpty || e.agenda.isEmpty { field("текст", e.text) }
        if let d = e.dates { field("сроки", d) }
        if let p = e.place { field("место", p) }
        if let f = e.form { field("форма", f) }
        if !e.responsible.isEmpty {
            if e.responsible.count == 1 { field("ответственные", e.responsible[0]) } else {
                if first { w.line(String(repeating: "  ", count: indent) + "- ответственные:"); first = false } else { w.key("ответственные", indent + 1) }
                for r in e.responsible { w.item(r, indent + 2) }
            }
        }
        for c in columns where !c.known {
            if let v = e.free[c.key], !v.isEmpty { field(c.key, v) }
        }
        if !e.agenda.isEmpty {
            if first { w.line(String(repeating: "  ", count: indent) + "- пункты:"); first = false } else { w.key("пункты", indent + 1) }
            for a in e.agenda {
                if let s = a.speaker {
                    w.mapItem("тема", a.topic, indent + 2)
                    w.field("докладчик", s, indent + 3)
                } else {
                    w.item(a.topic, indent + 2)
                }
            }
        }
    }

    static func iso(_ d: CalendarDate) -> String { String(format: "%04d-%02d-%02d", d.year, d.month, d.day) }

    static func oneLine(_ s: String) -> String { s.replacingOccurrences(of: "\n", with: " ") }
}

/// YAML text written line by line, two spaces an indent level.
package struct YAMLText {
    package var text = ""

    package init() {}

    package mutating func line(_ s: String) { text += s + "\n" }

    package mutating func blank() { if !text.hasSuffix("\n\n") { text += "\n" } }

    package mutating func comment(_ s: String, _ indent: Int = 0) {
        for l in s.split(separator: "\n") { line(pad(indent) + "# " + l) }
    }

    package func pad(_ indent: Int) -> String { String(repeating: "  ", count: indent) }

    package mutating func key(_ k: String, _ indent: Int) { line(pad(indent) + k + ":") }

    /// `key: value` with the value quoted as YAML needs (a block `|-` for several lines).
    package mutating func field(_ k: String, _ v: String, _ indent: Int, quoted: Bool = false, comment: String? = nil) {
        let tail = comment.map { "  # " + $0 } ?? ""
        if let block = YAMLText.block(v, indent + 1) { line(pad(indent) + k + ": |-" + tail); text += block; return }
        line(pad(indent) + k + ": " + (quoted ? YAMLText.doubleQuoted(v) : YAMLText.scalar(v)) + tail)
    }

    /// `key: value` with the value as is (numbers, dates, booleans, flow lists the writer made).
    package mutating func raw(_ k: String, _ v: String, _ indent: Int) { line(pad(indent) + k + ": " + v) }

    /// `- value`.
    package mutating func item(_ v: String, _ indent: Int) {
        if let block = YAMLText.block(v, indent + 1) { line(pad(indent) + "- |-"); text += block; return }
        line(pad(indent) + "- " + YAMLText.scalar(v))
    }

    /// `- key: value`: the first field of a map in a list.
    package mutating func mapItem(_ k: String, _ v: String, _ indent: Int, raw: Bool = false) {
        if !raw, let block = YAMLText.block(v, indent + 2) { line(pad(indent) + "- " + k + ": |-"); text += block; return }
        line(pad(indent) + "- " + k + ": " + (raw ? v : YAMLText.scalar(v)))
    }

    /// Several lines as a literal block, when YAML keeps them exactly (no line starting with a space,
    /// no trailing spaces, no tabs or control characters); nil otherwise (then double quotes).
    package static func block(_ v: String, _ indent: Int) -> String? {
        guard v.contains("\n") else { return nil }
        let lines = v.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.allSatisfy({ l in !l.hasPrefix(" ") && !l.hasSuffix(" ") && !l.contains { $0.asciiValue.map { $0 < 0x20 } ?? false } }),
              lines.first?.isEmpty == false, lines.last?.isEmpty == false else { return nil }
        return lines.map { $0.isEmpty ? "\n" : String(repeating: "  ", count: indent) + $0 + "\n" }.joined()
    }

    /// A scalar as is when YAML reads it back as the same text, else in double quotes.
    package static func scalar(_ v: String) -> String {
        if v.isEmpty { return "\"\"" }
        let first = v.first!
        let unsafeStart = "-?:,[]{}#&*!|>'\"%@` \t".contains(first)
        let looksTyped = v.wholeMatch(of: /[-+0-9.:\/ eE_]+|(?i:true|false|yes|no|on|off|null|y|n|~)/) != nil
        let unsafe = unsafeStart || looksTyped || v.contains(": ") || v.contains(" #") || v.hasSuffix(":") || v.hasSuffix(" ")
            || v.contains { $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false } || v.contains("\u{85}") || v.contains("\u{2028}") || v.contains("\u{2029}") || v.contains("\u{FEFF}")
        return unsafe ? doubleQuoted(v) : v
    }

    /// In double quotes, escaped as JSON (which YAML reads the same way).
    package static func doubleQuoted(_ v: String) -> String {
        var out = ""
        JSONText.string(v, into: &out)
        return out
    }
}
