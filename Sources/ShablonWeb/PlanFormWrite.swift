import Foundation
import ShablonData
import ShablonDocuments

/// Turns a form's model back into plan data over the stored data: a field whose text is what the
/// form showed keeps its stored value exactly (its type, its spelling); a changed field takes the
/// new text; whatever the form does not show stays as it was. Records which written path holds
/// which form field, for the problems of the text written.
struct PlanFormWriter {
    let previous: Value
    let columns: PlanFormModel.Columns
    /// Written path → form field name.
    var registry: [FieldPath: String] = [:]

    init(previous: Value) {
        self.previous = previous
        columns = PlanFormModel.Columns(previous)
    }

    static let rootOrder = ["утверждение", "рассмотрено", "вступление", "вид", "объединение", "район", "учебный_год", "годы", "без_заголовка",
                            "заголовок", "тема", "цель", "списки", "таблица", "подписи", "примечания", "поля"]
    static let approvalOrder = ["должность", "организация", "фио", "приказ", "дата", "номер", "год", "косые_черты"]
    static let tableOrder = ["заголовок", "колонки", "подписи", "номера_столбцов", "вид", "мероприятия", "разделы"]

    /// A map with the keys of `order` first, in that order, then the others as they were.
    static func ordered(_ m: ValueMap, _ order: [String]) -> ValueMap {
        var pairs: [(String, Value)] = []
        for k in order { if let v = m[k] { pairs.append((k, v)) } }
        for (k, v) in m where !order.contains(k) { pairs.append((k, v)) }
        return ValueMap(pairs)
    }

    /// Sets `key` of `m` from the posted text: kept when it is what the stored value shows, removed when
    /// empty, else the text as the field's kind reads it (a date, a number, a flag, lines).
    static func apply(_ m: inout ValueMap, _ key: String, _ posted: String?, _ kind: PlanFormModel.Kind) {
        guard let posted = posted ?? (kind == .flag ? "" : nil) else { return }
        if posted == PlanFormModel.display(m[key], kind) { return }
        if posted.isEmpty { m[key] = nil; return }
        switch kind {
        case .text: m[key] = .string(posted)
        case .lines:
            let lines = posted.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
            m[key] = lines.count == 1 ? .string(lines[0]) : .list(lines.map { .string($0) })
        case .date: m[key] = CalendarDate(parsing: posted).map { .date($0) } ?? .string(posted)
        case .integer: m[key] = Int(posted).map { .number(Decimal($0)) } ?? .string(posted)
        case .flag: m[key] = posted == "да" ? .bool(true) : .string(posted)
        }
    }

    /// The stored value a row came from.
    func origin(_ row: PlanFormModel.Row) -> Value? { row.origin.isEmpty ? nil : previous.at(dotted: row.origin) }

    /// A row's map: its origin's fields (a text origin is `text: …`), the posted fields applied.
    func rowMap(_ row: PlanFormModel.Row, textKey: String, keys: [String]) -> ValueMap {
        var m = ValueMap()
        switch origin(row) {
        case .map(let om)?: m = om
        case .string(let s)?: m[textKey] = .string(s)
        default: break
        }
        for k in keys { Self.apply(&m, k, row.fields[k], PlanFormModel.kind(k)) }
        return m
    }

    /// A row written back: a text when it is only its text and was a text (or is new), nil when blank
    /// and new (an empty row added and left). A stored value the form could not show stays as it was.
    func rowValue(_ row: PlanFormModel.Row, _ m: ValueMap, textKey: String, dropsBlank: Bool = true) -> Value? {
        let o = origin(row)
        if let o, !o.isString, !isMap(o), row.fields.values.allSatisfy(\.isEmpty), row.children.isEmpty { return o }
        if m.isEmpty && dropsBlank { return nil }
        if m.keys == [textKey], case .string? = m[textKey], o == nil || o!.isString { return m[textKey] }
        return .map(m)
    }

    func isMap(_ v: Value) -> Bool { if case .map = v { return true }; return false }

    /// The plan data for the model.
    mutating func value(_ model: PlanFormModel) -> Value {
        var root: ValueMap = { if case .map(let m) = previous { return m }; return ValueMap() }()
        func at(_ keys: String...) -> FieldPath { FieldPath(keys.map { .key($0) }) }
        for k in PlanFormModel.headNames {
            Self.apply(&root, k, model.scalars[k], PlanFormModel.kind(k))
            registry[at(k)] = k
        }

        // The stamps: a block whose every field is emptied goes; one the form could not show stays.
        func block(_ key: String, _ keys: [String], _ order: [String], first: String) {
            let old = root[key]
            if let old, !isMap(old), old != .null, keys.allSatisfy({ (model.scalars[key + "." + $0] ?? "").isEmpty }) { return }
            var m: ValueMap = { if case .map(let m)? = old { return m }; return ValueMap() }()
            for k in keys {
                Self.apply(&m, k, model.scalars[key + "." + k], PlanFormModel.kind(key + "." + k))
                registry[at(key, k)] = key + "." + k
            }
            registry[at(key)] = key + "." + first
            if m.isEmpty { if old != .null { root[key] = nil } } else { root[key] = .map(Self.ordered(m, order)) }
        }
        block("утверждение", model.act ? PlanFormModel.actKeys : PlanFormModel.officialKeys, Self.approvalOrder, first: model.act ? "приказ" : "должность")
        block("рассмотрено", PlanFormModel.reviewKeys, PlanFormModel.reviewKeys, first: "текст")

        for k in ["тема", "цель"] {
            let text = model.scalars[k], label = model.scalars[k + ".подпись"]
            guard text != nil || label != nil else { continue }
            var m: ValueMap
            let wasMap: Bool
            switch root[k] {
            case .map(let om)?: m = om; wasMap = true
            case .list?: continue // not something the form shows: kept
            case let v?: m = ValueMap([("текст", v)]); wasMap = false
            case nil: m = ValueMap(); wasMap = false
            }
            Self.apply(&m, "текст", text, .text)
            Self.apply(&m, "подпись", label, .text)
            if m.isEmpty { root[k] = nil } else if !wasMap && m.keys == ["текст"] { root[k] = m["текст"] } else { root[k] = .map(Self.ordered(m, ["подпись", "текст"])) }
            registry[at(k)] = k
            registry[at(k, "текст")] = k
            registry[at(k, "подпись")] = k + ".подпись"
        }

        // Lists.
        var lists: [Value] = []
        for (i, l) in model.lists.enumerated() {
            let name = PlanFormModel.listName(i)
            let path = at("списки").appending(index: lists.count)
            let paragraph = l.fields["абзац"] != nil
            var m = rowMap(l, textKey: paragraph ? "абзац" : "текст", keys: paragraph ? ["абзац"] : ["заголовок", "маркер", "текст"])
            var kept: [(Int, PlanFormModel.Row)] = []
            if !paragraph {
                var items: [Value] = []
                for (j, item) in l.children.enumerated() {
                    let im = rowMap(item, textKey: "текст", keys: ["текст", "подпункты"])
                    guard let v = rowValue(item, Self.ordered(im, ["текст", "подпункты"]), textKey: "текст") else { continue }
                    items.append(v)
                    kept.append((j, item))
                }
                if !items.isEmpty { m["пункты"] = .list(items) } else { m["пункты"] = nil }
            }
            guard let v = rowValue(l, Self.ordered(m, ["заголовок", "маркер", "текст", "пункты", "абзац"]), textKey: "\u{0}") else { continue }
            lists.append(v)
            record(path, name, first: paragraph ? "абзац" : "заголовок", keys: Array(l.fields.keys))
            for (k, (j, _)) in kept.enumerated() {
                record(path.appending(key: "пункты").appending(index: k), PlanFormModel.itemName(i, j), first: "текст", keys: ["текст", "подпункты"])
            }
        }
        if !lists.isEmpty { root["списки"] = .list(lists) } else if case .list? = root["списки"] { root["списки"] = nil }

        // The table.
        let tableTitle = model.scalars["таблица.заголовок"]
        if tableTitle != nil || !model.sections.isEmpty || root["таблица"] != nil {
            var t: ValueMap = { if case .map(let m)? = root["таблица"] { return m }; return ValueMap() }()
            let hadTable = root["таблица"] != nil
            Self.apply(&t, "заголовок", tableTitle, .text)
            registry[at("таблица", "заголовок")] = "таблица.заголовок"
            var sections: [(ValueMap, Int)] = []
            for (s, section) in model.sections.enumerated() {
                var m = rowMap(section, textKey: "заголовок", keys: ["заголовок"])
                var events: [Value] = []
                for event in section.children {
                    var em = rowMap(event, textKey: "текст", keys: columns.eventKeys)
                    var agenda: [Value] = []
                    for item in event.children {
                        let am = rowMap(item, textKey: "тема", keys: ["тема", "докладчик"])
                        guard let v = rowValue(item, Self.ordered(am, ["тема", "докладчик"]), textKey: "тема") else { continue }
                        agenda.append(v)
                    }
                    if !agenda.isEmpty { em["пункты"] = .list(agenda) } else if em["пункты"] != nil { em["пункты"] = nil }
                    let order = ["номер", "без_номера", "текст", "сроки", "место", "форма", "ответственные"] + columns.free.map(\.key) + ["пункты"]
                    guard let v = rowValue(event, Self.ordered(em, order), textKey: "текст", dropsBlank: false) else { continue }
                    events.append(v)
                }
                m["мероприятия"] = events.isEmpty && section.children.isEmpty && m["мероприятия"] == nil ? nil : .list(events)
                if m["мероприятия"] == nil && (m["заголовок"] == nil) && section.origin.isEmpty { continue }
                sections.append((Self.ordered(m, ["заголовок", "мероприятия"]), s))
            }
            t["мероприятия"] = nil
            t["разделы"] = nil
            var rest = sections[...]
            if let first = rest.first, first.0.keys == ["мероприятия"] {
                t["мероприятия"] = first.0["мероприятия"]
                recordSection(model.sections[first.1], first.1, nil, at("таблица", "мероприятия"))
                rest = rest.dropFirst()
            }
            if !rest.isEmpty {
                t["разделы"] = .list(rest.map { .map($0.0) })
                for (k, (_, s)) in rest.enumerated() {
                    let path = at("таблица", "разделы").appending(index: k)
                    recordSection(model.sections[s], s, path, path.appending(key: "мероприятия"))
                }
            }
            if !t.isEmpty || hadTable { root["таблица"] = .map(Self.ordered(t, Self.tableOrder)) }
        }

        // Signatures.
        var signatures: [Value] = []
        for (i, sig) in model.signatures.enumerated() {
            let m = rowMap(sig, textKey: "должность", keys: ["должность", "фио"])
            guard let v = rowValue(sig, Self.ordered(m, ["должность", "фио"]), textKey: "\u{0}") else { continue }
            record(at("подписи").appending(index: signatures.count), PlanFormModel.signatureName(i), first: "должность", keys: ["должность", "фио"])
            signatures.append(v)
        }
        if !signatures.isEmpty { root["подписи"] = .list(signatures) } else if case .list? = root["подписи"] { root["подписи"] = nil }
        return .map(Self.ordered(root, Self.rootOrder))
    }

    mutating func record(_ path: FieldPath, _ name: String, first: String, keys: [String]) {
        registry[path] = name + "." + first
        for k in keys { registry[path.appending(key: k)] = name + "." + k }
    }

    /// Records where a written section's events (and their agenda items) stand: the same filter as
    /// writing them, so written indices follow the rows kept.
    mutating func recordSection(_ section: PlanFormModel.Row, _ s: Int, _ path: FieldPath?, _ eventsPath: FieldPath) {
        if let path { record(path, PlanFormModel.sectionName(s), first: "заголовок", keys: ["заголовок"]) }
        // Events are never dropped (an empty one is a problem to show), so their indices stay.
        for (e, event) in section.children.enumerated() {
            let epath = eventsPath.appending(index: e)
            record(epath, PlanFormModel.eventName(s, e), first: "текст", keys: columns.eventKeys)
            var a2 = 0
            for (a, item) in event.children.enumerated() {
                let am = rowMap(item, textKey: "тема", keys: ["тема", "докладчик"])
                guard rowValue(item, am, textKey: "тема") != nil else { continue }
                record(epath.appending(key: "пункты").appending(index: a2), PlanFormModel.agendaName(s, e, a), first: "тема", keys: ["тема", "докладчик"])
                a2 += 1
            }
        }
    }
}

// MARK: - YAML

extension PlanFormWriter {
    /// Plan data as YAML: block style, two spaces an indent, text quoted only when YAML needs it,
    /// several lines as `|-`; `header` (the stored text's opening comments) first.
    static func yaml(_ v: Value, header: String) -> String {
        var w = YAMLText()
        w.text = header
        guard case .map(let root) = v, !root.isEmpty else { w.line("{}"); return w.text }
        for (i, (k, x)) in root.enumerated() {
            let complex = isBlock(x)
            if i > 0 && complex { w.blank() }
            entry(k, x, 0, &w)
            if complex { w.blank() }
        }
        while w.text.hasSuffix("\n\n") { w.text.removeLast() }
        return w.text
    }

    static func isBlock(_ v: Value) -> Bool {
        switch v {
        case .map(let m): return !m.isEmpty
        case .list(let l): return !l.isEmpty
        default: return false
        }
    }

    static func key(_ k: String) -> String { YAMLText.scalar(k) }

    /// A scalar that is not text, as YAML writes it.
    static func plain(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let d): return "\(d)"
        case .date(let d): return String(format: "%04d-%02d-%02d", d.year, d.month, d.day)
        case .string(let s): return YAMLText.scalar(s)
        case .list: return "[]"
        case .map: return "{}"
        }
    }

    static func entry(_ k: String, _ v: Value, _ indent: Int, _ w: inout YAMLText) {
        switch v {
        case .map(let m) where !m.isEmpty:
            w.key(key(k), indent)
            for (kk, x) in m { entry(kk, x, indent + 1, &w) }
        case .list(let l) where !l.isEmpty:
            w.key(key(k), indent)
            for x in l { item(x, indent + 1, &w) }
        case .string(let s): w.field(key(k), s, indent)
        default: w.raw(key(k), plain(v), indent)
        }
    }

    static func item(_ v: Value, _ indent: Int, _ w: inout YAMLText) {
        switch v {
        case .map(let m) where !m.isEmpty:
            for (i, (k, x)) in m.enumerated() {
                if i > 0 { entry(k, x, indent + 1, &w); continue }
                switch x {
                case .map(let mm) where !mm.isEmpty:
                    w.line(w.pad(indent) + "- " + key(k) + ":")
                    for (kk, y) in mm { entry(kk, y, indent + 2, &w) }
                case .list(let l) where !l.isEmpty:
                    w.line(w.pad(indent) + "- " + key(k) + ":")
                    for y in l { item(y, indent + 2, &w) }
                case .string(let s): w.mapItem(key(k), s, indent)
                default: w.mapItem(key(k), plain(x), indent, raw: true)
                }
            }
        case .list(let l) where !l.isEmpty:
            w.line(w.pad(indent) + "-")
            for y in l { item(y, indent + 1, &w) }
        case .string(let s): w.item(s, indent)
        default: w.line(w.pad(indent) + "- " + plain(v))
        }
    }

    /// The comment lines (and blank lines between them) a stored text opens with.
    static func header(of text: String) -> String {
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("#") || t.isEmpty else { break }
            out += line.trimmingCharacters(in: CharacterSet(charactersIn: "\r")) + "\n"
        }
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out.allSatisfy({ $0 == "\n" }) ? "" : out + "\n"
    }
}
