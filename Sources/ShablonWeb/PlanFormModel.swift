import Foundation
import ShablonData
import ShablonDocuments

/// What the editor shows of a plan, as the text of its fields: read from the stored data, or from a
/// posted form. Both give the same model, so the form is drawn one way.
struct PlanFormModel {
    /// A repeated part (a list, a list item, a section, an event, an agenda item, a signature).
    struct Row {
        /// Where the row came from in the stored data (`таблица.разделы.0.мероприятия.3`); "" for a new row.
        /// Whatever the form does not show of the row is kept from there.
        var origin = ""
        /// The row's fields by key, as text.
        var fields: [String: String] = [:]
        var children: [Row] = []
        /// Where the row stands in the text the model was read from (for its problems).
        var source: FieldPath?
    }

    /// Fields outside the repeated parts, by form name (`вид`, `утверждение.дата`, `тема.подпись` …).
    var scalars: [String: String] = [:]
    /// The approval is by an act («УТВЕРЖДЕН приказом …»), not «УТВЕРЖДАЮ».
    var act = false
    var lists: [Row] = []
    var sections: [Row] = []
    var signatures: [Row] = []

    // MARK: Names

    static let headNames = ["вид", "объединение", "район", "учебный_год", "годы", "без_заголовка", "заголовок"]
    static let officialKeys = ["должность", "организация", "фио", "дата", "год", "косые_черты"]
    static let actKeys = ["приказ", "дата", "номер"]
    static let reviewKeys = ["гриф", "текст", "протокол_дата", "протокол_номер", "протокол"]
    static let labeledNames = ["тема", "тема.подпись", "цель", "цель.подпись"]
    /// Every field name outside the repeated parts the form may post.
    static let scalarNames: Set<String> = Set(headNames + labeledNames + ["таблица.заголовок"]
        + (officialKeys + actKeys).map { "утверждение." + $0 } + reviewKeys.map { "рассмотрено." + $0 })

    /// The hidden field of every row that names its origin.
    static let originKey = "_откуда"

    static func listName(_ i: Int) -> String { "списки.\(i)" }
    static func itemName(_ i: Int, _ j: Int) -> String { "списки.\(i).пункты.\(j)" }
    static func sectionName(_ s: Int) -> String { "таблица.разделы.\(s)" }
    static func eventName(_ s: Int, _ e: Int) -> String { "таблица.разделы.\(s).мероприятия.\(e)" }
    static func agendaName(_ s: Int, _ e: Int, _ a: Int) -> String { "таблица.разделы.\(s).мероприятия.\(e).пункты.\(a)" }
    static func signatureName(_ i: Int) -> String { "подписи.\(i)" }

    // MARK: Kinds of fields

    enum Kind { case text, lines, date, integer, flag }

    static func kind(_ key: String) -> Kind {
        switch key {
        case "дата", "протокол_дата", "утверждение.дата", "рассмотрено.протокол_дата": return .date
        case "год", "утверждение.год": return .integer
        case "без_заголовка", "косые_черты", "утверждение.косые_черты": return .flag
        case "заголовок", "ответственные", "подпункты": return .lines
        default: return .text
        }
    }

    /// A stored value as the text of a field of `kind`: what the plan reads from it (a number «1,5»,
    /// a date «02.09.2024», the items of a list one per line); "" when absent.
    static func display(_ v: Value?, _ kind: Kind) -> String {
        guard let v else { return "" }
        switch (v, kind) {
        case (.null, _): return ""
        case (.string(let s), _): return s
        case (.number(let d), .integer): return "\(d)"
        case (.number(let d), _): return RussianPlain.number(d)
        case (.date(let d), _): return RussianPlain.date(d)
        case (.bool(let b), .flag): return b ? "да" : ""
        case (.bool(let b), _): return b ? "да" : "нет"
        case (.list(let items), .lines): return items.map { display($0, .text) }.joined(separator: "\n")
        case (.list, _), (.map, _): return ""
        }
    }

    /// The table's columns the events show beyond their own fields.
    struct Columns {
        /// Free columns (key, title) in the declared order.
        var free: [(key: String, title: String)] = []
        /// Whether events may have «форма» (declared, or no columns declared).
        var form = true
        /// Titles of the known columns as declared.
        var titles: [String: String] = [:]

        init(_ root: Value) {
            guard case .map(let t)? = root["таблица"], case .list(let cols)? = t["колонки"] else { return }
            var hasForm = false
            for c in cols {
                var key = "", title: String?
                if case .string(let s) = c { key = s } else if case .map(let m) = c, m.count == 1, let k = m.keys.first {
                    key = k
                    title = display(m[k], .text)
                } else { continue }
                if Plan.Column(rawValue: key.lowercased()) != nil {
                    if key.lowercased() == "форма" { hasForm = true }
                    if let title, !title.isEmpty { titles[key.lowercased()] = title }
                } else if let title, !PlanFormModel.eventKeys.contains(key) {
                    free.append((key, title.isEmpty ? key : title))
                }
            }
            form = hasForm
        }

        /// The event fields the form shows, in the order of the format.
        var eventKeys: [String] {
            ["текст", "сроки", "место"] + (form ? ["форма"] : []) + ["ответственные"] + free.map(\.key)
        }
    }

    static let eventKeys = ["текст", "сроки", "место", "форма", "ответственные", "без_номера", "номер", "пункты"]

    // MARK: From stored data

    /// The model of stored data (its root map), each field and row with its place in the text.
    init(data root: Value) {
        let columns = Columns(root)
        func at(_ keys: String...) -> FieldPath { FieldPath(keys.map { .key($0) }) }
        for k in Self.headNames { scalars[k] = Self.display(root[k], Self.kind(k)) }
        let approval = root["утверждение"]
        act = approval?["приказ"] != nil
        for k in act ? Self.actKeys : Self.officialKeys { scalars["утверждение." + k] = Self.display(approval?[k], Self.kind(k)) }
        for k in Self.reviewKeys { scalars["рассмотрено." + k] = Self.display(root["рассмотрено"]?[k], Self.kind(k)) }
        for k in ["тема", "цель"] {
            if case .map(let m)? = root[k] {
                scalars[k] = Self.display(m["текст"], .text)
                scalars[k + ".подпись"] = Self.display(m["подпись"], .text)
            } else {
                scalars[k] = Self.display(root[k], .text)
                scalars[k + ".подпись"] = ""
            }
        }
        scalars["таблица.заголовок"] = Self.display(root["таблица"]?["заголовок"], .text)

        if case .list(let ls)? = root["списки"] {
            for (i, l) in ls.enumerated() {
                let path = at("списки").appending(index: i)
                var row = Row(origin: "списки.\(i)", source: path)
                if l["абзац"] != nil {
                    row.fields["абзац"] = Self.display(l["абзац"], .text)
                } else {
                    for k in ["заголовок", "маркер", "текст"] { row.fields[k] = Self.display(l[k], .text) }
                    if case .list(let items)? = l["пункты"] {
                        for (j, x) in items.enumerated() {
                            var item = Row(origin: "списки.\(i).пункты.\(j)", source: path.appending(key: "пункты").appending(index: j))
                            if case .map(let m) = x {
                                item.fields = ["текст": Self.display(m["текст"], .text), "подпункты": Self.display(m["подпункты"], .lines)]
                            } else {
                                item.fields = ["текст": Self.display(x, .text), "подпункты": ""]
                            }
                            row.children.append(item)
                        }
                    }
                }
                lists.append(row)
            }
        }

        if case .map(let t)? = root["таблица"] {
            func events(_ v: Value?, _ origin: String, _ path: FieldPath) -> [Row] {
                guard case .list(let es)? = v else { return [] }
                return es.enumerated().map { e, x in
                    let epath = path.appending(index: e)
                    var row = Row(origin: "\(origin).\(e)", source: epath)
                    for k in columns.eventKeys { row.fields[k] = Self.display(k == "текст" && x.isString ? x : x[k], Self.kind(k)) }
                    if case .list(let agenda)? = x["пункты"] {
                        row.children = agenda.enumerated().map { a, y in
                            var item = Row(origin: "\(origin).\(e).пункты.\(a)", source: epath.appending(key: "пункты").appending(index: a))
                            item.fields = ["тема": Self.display(y.isString ? y : y["тема"], .text), "докладчик": Self.display(y["докладчик"], .text)]
                            return item
                        }
                    }
                    return row
                }
            }
            if t["мероприятия"] != nil {
                let path = at("таблица", "мероприятия")
                sections.append(Row(origin: "", fields: ["заголовок": ""], children: events(t["мероприятия"], "таблица.мероприятия", path), source: path))
            }
            if case .list(let ss)? = t["разделы"] {
                for (s, x) in ss.enumerated() {
                    let path = at("таблица", "разделы").appending(index: s)
                    sections.append(Row(origin: "таблица.разделы.\(s)", fields: ["заголовок": Self.display(x["заголовок"], .text)],
                                        children: events(x["мероприятия"], "таблица.разделы.\(s).мероприятия", path.appending(key: "мероприятия")), source: path))
                }
            }
        }

        if case .list(let ss)? = root["подписи"] {
            signatures = ss.enumerated().map { i, x in
                Row(origin: "подписи.\(i)", fields: ["должность": Self.display(x["должность"], .text), "фио": Self.display(x["фио"], .text)],
                    source: at("подписи").appending(index: i))
            }
        }
    }

    /// Where each field and row of the model stands in the text it was read from: field path → form
    /// field name (a row's path names its first field).
    func registry() -> [FieldPath: String] {
        var r: [FieldPath: String] = [:]
        for name in scalars.keys {
            var keys = name.split(separator: ".").map(String.init)
            if keys.count == 1, ["тема", "цель"].contains(keys[0]) {
                // «тема: {подпись, текст}»: the text field stands for the whole value too.
                r[FieldPath([.key(keys[0]), .key("текст")])] = name
            }
            if keys == ["тема", "подпись"] || keys == ["цель", "подпись"] { keys = [keys[0], "подпись"] }
            r[FieldPath(keys.map { .key($0) })] = name
        }
        if act { r[FieldPath([.key("утверждение")])] = "утверждение.приказ" } else { r[FieldPath([.key("утверждение")])] = "утверждение.должность" }
        r[FieldPath([.key("рассмотрено")])] = "рассмотрено.текст"
        func add(_ row: Row, _ name: String, first: String) {
            guard let p = row.source else { return }
            r[p] = name + "." + first
            for k in row.fields.keys { r[p.appending(key: k)] = name + "." + k }
        }
        for (i, l) in lists.enumerated() {
            add(l, Self.listName(i), first: l.fields["абзац"] != nil ? "абзац" : "заголовок")
            for (j, item) in l.children.enumerated() { add(item, Self.itemName(i, j), first: "текст") }
        }
        for (s, section) in sections.enumerated() {
            add(section, Self.sectionName(s), first: "заголовок")
            for (e, event) in section.children.enumerated() {
                add(event, Self.eventName(s, e), first: "текст")
                for (a, item) in event.children.enumerated() { add(item, Self.agendaName(s, e, a), first: "тема") }
            }
        }
        for (i, sig) in signatures.enumerated() { add(sig, Self.signatureName(i), first: "должность") }
        return r
    }

    // MARK: From a posted form

    /// The model of posted fields (decoded pairs in order). Rows come in the order they were posted;
    /// names the form does not make are ignored. Line ends are made `\n`.
    init(fields: [(name: String, value: String)]) {
        var lists = Ordered(), sections = Ordered(), signatures = Ordered()
        for (name, raw) in fields {
            let value = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            if Self.scalarNames.contains(name) {
                scalars[name] = value
                if name == "утверждение.приказ" { act = true }
                continue
            }
            let p = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            switch p.first {
            case "списки" where p.count == 3:
                lists.set(p[1], p[2], value)
            case "списки" where p.count == 5 && p[2] == "пункты":
                lists.child(p[1]).set(p[3], p[4], value)
            case "таблица" where p.count == 4 && p[1] == "разделы":
                sections.set(p[2], p[3], value)
            case "таблица" where p.count >= 6 && p[1] == "разделы" && p[3] == "мероприятия":
                if p.count == 8 && p[5] == "пункты" {
                    sections.child(p[2]).child(p[4]).set(p[6], p[7], value)
                } else {
                    sections.child(p[2]).set(p[4], p[5...].joined(separator: "."), value)
                }
            case "подписи" where p.count == 3:
                signatures.set(p[1], p[2], value)
            default: continue
            }
        }
        self.lists = lists.rows
        self.sections = sections.rows
        self.signatures = signatures.rows
    }

    /// Rows by the index in their names, in the order first posted.
    final class Ordered {
        var ids: [String] = []
        var fields: [String: [String: String]] = [:]
        var children: [String: Ordered] = [:]

        func touch(_ id: String) {
            if fields[id] == nil { ids.append(id); fields[id] = [:] }
        }

        func set(_ id: String, _ key: String, _ value: String) {
            touch(id)
            fields[id]![key] = value
        }

        func child(_ id: String) -> Ordered {
            touch(id)
            if let c = children[id] { return c }
            let c = Ordered()
            children[id] = c
            return c
        }

        var rows: [Row] {
            ids.map { id in
                var f = fields[id] ?? [:]
                let origin = f.removeValue(forKey: PlanFormModel.originKey) ?? ""
                return Row(origin: origin, fields: f, children: children[id]?.rows ?? [])
            }
        }
    }
}

extension Value {
    var isString: Bool { if case .string = self { return true }; return false }

    /// The value at a path written with dots (`таблица.разделы.0`): keys of maps, 0-based indices of lists.
    func at(dotted path: String) -> Value? {
        guard !path.isEmpty else { return nil }
        var v: Value? = self
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            switch v {
            case .map(let m)?: v = m[String(part)]
            case .list(let l)?:
                guard let i = Int(part), l.indices.contains(i) else { return nil }
                v = l[i]
            default: return nil
            }
        }
        return v
    }
}
