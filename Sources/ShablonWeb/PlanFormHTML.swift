import Foundation
import ShablonData

/// Draws the editor for a model: plain HTML (fieldsets, labelled inputs, `<template>` rows for the
/// script to add), every problem after its field.
final class PlanFormHTML {
    let columns: PlanFormModel.Columns
    /// Problems by field name; the ones without a field.
    var byField: [String: [Problem]] = [:]
    var top: [Problem] = []
    /// Field names drawn (a problem whose field is not drawn goes to the top).
    var drawn: Set<String> = []

    init(columns: PlanFormModel.Columns, problems: [(field: String?, problem: Problem)]) {
        self.columns = columns
        for (f, p) in problems {
            if let f { byField[f, default: []].append(p) } else { top.append(p) }
        }
    }

    // MARK: The form

    func form(_ m: PlanFormModel, action: String, hidden: [(name: String, value: String)], notice: String?) -> String {
        var body = ""
        body += fieldset("Заголовок плана", "head") {
            self.field("вид", "Вид объединения (РМО, ММО, ОМО, МО)", m.scalars["вид"])
            + self.field("объединение", "Объединение (как в заголовке)", m.scalars["объединение"])
            + self.field("район", "Район", m.scalars["район"])
            + self.field("учебный_год", "Учебный год (например, 2024/2025)", m.scalars["учебный_год"])
            + self.field("годы", "Годы дорожной карты (вместо учебного года, например 2018–2020)", m.scalars["годы"])
            + self.field("заголовок", "Строки заголовка (по одной в строке; пусто — заголовок по умолчанию)", m.scalars["заголовок"], area: true)
            + self.checkbox("без_заголовка", "Без заголовка", m.scalars["без_заголовка"])
        }
        if m.act {
            body += fieldset("Гриф «УТВЕРЖДЕН» (приказом)", "approval") {
                self.field("утверждение.приказ", "Чем утверждён (например, «приказом МОУ ДПО УМЦ»)", m.scalars["утверждение.приказ"])
                + self.field("утверждение.дата", "Дата приказа (02.09.2024)", m.scalars["утверждение.дата"])
                + self.field("утверждение.номер", "Номер приказа", m.scalars["утверждение.номер"])
            }
        } else {
            body += fieldset("Гриф «УТВЕРЖДАЮ»", "approval") {
                self.field("утверждение.должность", "Должность", m.scalars["утверждение.должность"])
                + self.field("утверждение.организация", "Организация", m.scalars["утверждение.организация"])
                + self.field("утверждение.фио", "ФИО", m.scalars["утверждение.фио"])
                + self.field("утверждение.дата", "Дата (02.09.2024; пусто — «___» ______ 20__ г.)", m.scalars["утверждение.дата"])
                + self.field("утверждение.год", "Год для пустой даты", m.scalars["утверждение.год"])
                + self.checkbox("утверждение.косые_черты", "Подпись с косыми чертами: ________/И.О. Фамилия/", m.scalars["утверждение.косые_черты"])
            }
        }
        body += fieldset("Гриф «РАССМОТРЕНО»", "review") {
            self.field("рассмотрено.гриф", "Гриф (РАССМОТРЕНО или СОГЛАСОВАНО)", m.scalars["рассмотрено.гриф"], placeholder: "РАССМОТРЕНО")
            + self.field("рассмотрено.текст", "Текст (например, «на заседании РМО школьных библиотекарей»)", m.scalars["рассмотрено.текст"], area: true)
            + self.field("рассмотрено.протокол_дата", "Дата протокола (29.08.2024)", m.scalars["рассмотрено.протокол_дата"])
            + self.field("рассмотрено.протокол_номер", "Номер протокола", m.scalars["рассмотрено.протокол_номер"])
            + self.field("рассмотрено.протокол", "Строка протокола как набрана (вместо даты и номера)", m.scalars["рассмотрено.протокол"])
        }
        body += fieldset("Тема и цель", "theme") {
            self.field("тема.подпись", "Подпись перед темой (например, «Методическая тема МО:»)", m.scalars["тема.подпись"])
            + self.field("тема", "Тема", m.scalars["тема"], area: true)
            + self.field("цель.подпись", "Подпись перед целью", m.scalars["цель.подпись"])
            + self.field("цель", "Цель", m.scalars["цель"], area: true)
        }
        body += "<fieldset class=\"block lists\"><legend>Списки (задачи, направления, формы работы…)</legend>\n"
        body += collection("list", prefix: "списки", add: "Добавить список") {
            m.lists.enumerated().map { i, l in self.list(l, PlanFormModel.listName(i), i) }.joined()
        }
        body += "</fieldset>\n"
        body += "<fieldset class=\"block table\"><legend>План мероприятий</legend>\n"
        body += field("таблица.заголовок", "Строка перед таблицей (например, «Календарный план:»)", m.scalars["таблица.заголовок"])
        body += collection("section", prefix: "таблица.разделы", add: "Добавить раздел") {
            m.sections.enumerated().map { s, x in self.section(x, s) }.joined()
        }
        body += "</fieldset>\n"
        body += "<fieldset class=\"block signatures\"><legend>Подписи внизу</legend>\n"
        body += collection("signature", prefix: "подписи", add: "Добавить подпись") {
            m.signatures.enumerated().map { i, x in self.signature(x, PlanFormModel.signatureName(i), i) }.joined()
        }
        body += "</fieldset>\n"
        body += "<p class=\"actions\"><button type=\"submit\" id=\"save\">Сохранить</button></p>\n"
        body += templates()

        var out = "<form id=\"plan-form\" class=\"plan-form\" method=\"post\" action=\"\(escapeHTML(action))\" accept-charset=\"utf-8\">\n"
        for h in hidden { out += "<input type=\"hidden\" name=\"\(escapeHTML(h.name))\" value=\"\(escapeHTML(h.value))\">\n" }
        if let notice { out += "<p class=\"notice\" role=\"alert\">\(escapeHTML(notice))</p>\n" }
        let lost = byField.filter { !drawn.contains($0.key) }.sorted { $0.key < $1.key }.flatMap(\.value)
        let all = top + lost
        if !all.isEmpty {
            out += "<div class=\"problems\" role=\"alert\"><p>Что исправить в плане (так же скажет <code>shablon plan</code>):</p>\n"
            for p in all { out += problem(p, field: nil) }
            out += "</div>\n"
        }
        return out + body + "</form>\n"
    }

    // MARK: Rows

    func list(_ l: PlanFormModel.Row, _ name: String, _ i: Int) -> String {
        if l.fields["абзац"] != nil {
            return row("list", "Абзац между списками", i, name, origin: l.origin) {
                self.field(name + ".абзац", "Абзац (свободный текст, не список)", l.fields["абзац"], key: "абзац", area: true)
            }
        }
        return row("list", "Список", i, name, origin: l.origin) {
            self.field(name + ".заголовок", "Заголовок списка (например, «Основные задачи:»)", l.fields["заголовок"], key: "заголовок")
            + self.field(name + ".маркер", "Маркер пунктов («1.», «1)», «-», «·»)", l.fields["маркер"], key: "маркер", placeholder: "1.")
            + self.field(name + ".текст", "Список одной строкой (вместо пунктов)", l.fields["текст"], key: "текст", area: true)
            + self.collection("item", sub: "пункты", add: "Добавить пункт") {
                l.children.enumerated().map { j, item in self.item(item, name + ".пункты.\(j)", j) }.joined()
            }
        }
    }

    func item(_ x: PlanFormModel.Row, _ name: String, _ j: Int) -> String {
        row("item", "Пункт", j, name, origin: x.origin) {
            self.field(name + ".текст", "Текст пункта", x.fields["текст"], key: "текст", area: true)
            + self.field(name + ".подпункты", "Подпункты (по одному в строке)", x.fields["подпункты"], key: "подпункты", area: true)
        }
    }

    func section(_ x: PlanFormModel.Row, _ s: Int) -> String {
        let name = PlanFormModel.sectionName(s)
        return row("section", "Раздел", s, name, origin: x.origin) {
            self.field(name + ".заголовок", "Заголовок раздела (пусто — без строки раздела)", x.fields["заголовок"], key: "заголовок")
            + self.collection("event", sub: "мероприятия", add: "Добавить мероприятие") {
                x.children.enumerated().map { e, ev in self.event(ev, name + ".мероприятия.\(e)", e) }.joined()
            }
        }
    }

    func eventLabel(_ key: String) -> String {
        let titled = ["текст": "мероприятие", "сроки": "сроки", "место": "место", "форма": "форма", "ответственные": "ответственные"]
        if let kind = titled[key], let t = columns.titles[kind] { return key == "ответственные" ? t + " (по одному в строке)" : t }
        switch key {
        case "текст": return "Мероприятие"
        case "сроки": return "Сроки"
        case "место": return "Место проведения"
        case "форма": return "Форма проведения"
        case "ответственные": return "Ответственные (по одному в строке)"
        default: return columns.free.first { $0.key == key }?.title ?? key
        }
    }

    func event(_ x: PlanFormModel.Row, _ name: String, _ e: Int) -> String {
        row("event", "Мероприятие", e, name, origin: x.origin) {
            var out = ""
            for k in columns.eventKeys {
                out += self.field(name + "." + k, self.eventLabel(k), x.fields[k], key: k, area: ["текст", "ответственные"].contains(k))
            }
            out += "<p class=\"agenda-title\">Повестка заседания (если это заседание)</p>\n"
            out += self.collection("agenda", sub: "пункты", add: "Добавить пункт повестки") {
                x.children.enumerated().map { a, item in self.agenda(item, name + ".пункты.\(a)", a) }.joined()
            }
            return out
        }
    }

    func agenda(_ x: PlanFormModel.Row, _ name: String, _ a: Int) -> String {
        row("agenda", "Пункт повестки", a, name, origin: x.origin) {
            self.field(name + ".тема", "Тема", x.fields["тема"], key: "тема", area: true)
            + self.field(name + ".докладчик", "Выступающий", x.fields["докладчик"], key: "докладчик")
        }
    }

    func signature(_ x: PlanFormModel.Row, _ name: String, _ i: Int) -> String {
        row("signature", "Подпись", i, name, origin: x.origin) {
            self.field(name + ".должность", "Должность", x.fields["должность"], key: "должность")
            + self.field(name + ".фио", "ФИО", x.fields["фио"], key: "фио")
        }
    }

    /// Empty rows for the script to add.
    func templates() -> String {
        let copy = PlanFormHTML(columns: columns, problems: [])
        let empty = PlanFormModel.Row()
        var list = empty
        list.fields = ["заголовок": "", "маркер": "", "текст": ""]
        let parts = [("list", copy.list(list, "списки.0", 0)), ("item", copy.item(empty, "списки.0.пункты.0", 0)),
                     ("section", copy.section(empty, 0)), ("event", copy.event(empty, "таблица.разделы.0.мероприятия.0", 0)),
                     ("agenda", copy.agenda(empty, "таблица.разделы.0.мероприятия.0.пункты.0", 0)),
                     ("signature", copy.signature(empty, "подписи.0", 0))]
        // Inside <template> nothing is posted; the script names the fields when it adds a row.
        return parts.map { "<template id=\"template-\($0.0)\">\($0.1)</template>\n" }.joined()
    }

    // MARK: Pieces

    func fieldset(_ legend: String, _ cls: String, _ content: () -> String) -> String {
        "<fieldset class=\"block \(cls)\"><legend>\(escapeHTML(legend))</legend>\n" + content() + "</fieldset>\n"
    }

    func collection(_ kind: String, prefix: String? = nil, sub: String? = nil, add: String, _ rows: () -> String) -> String {
        var attrs = "class=\"collection\" data-kind=\"\(kind)\""
        if let prefix { attrs += " data-prefix=\"\(escapeHTML(prefix))\"" }
        if let sub { attrs += " data-sub=\"\(escapeHTML(sub))\"" }
        return "<div \(attrs)><div class=\"rows\">\n" + rows() + "</div>"
            + "<button type=\"button\" class=\"add\" data-action=\"add-\(kind)\">\(escapeHTML(add))</button></div>\n"
    }

    func row(_ kind: String, _ legend: String, _ index: Int, _ name: String, origin: String, _ content: () -> String) -> String {
        var out = "<fieldset class=\"row\" data-kind=\"\(kind)\"><legend>\(escapeHTML(legend)) <span class=\"n\">\(index + 1)</span></legend>\n"
        out += "<input type=\"hidden\" data-key=\"\(PlanFormModel.originKey)\" name=\"\(escapeHTML(name + "." + PlanFormModel.originKey))\" value=\"\(escapeHTML(origin))\">\n"
        out += content()
        out += "<div class=\"row-actions\"><button type=\"button\" data-action=\"up\" title=\"Выше\">↑ Выше</button>"
            + "<button type=\"button\" data-action=\"down\" title=\"Ниже\">↓ Ниже</button>"
            + "<button type=\"button\" data-action=\"remove\" title=\"Удалить\">Удалить</button></div>\n"
        return out + "</fieldset>\n"
    }

    /// A labelled input (a text area for long text or text of several lines) and its problems.
    func field(_ name: String, _ label: String, _ value: String?, key: String? = nil, area: Bool = false, placeholder: String? = nil) -> String {
        drawn.insert(name)
        let v = value ?? ""
        let keyAttr = key.map { " data-key=\"\(escapeHTML($0))\"" } ?? ""
        let ph = placeholder.map { " placeholder=\"\(escapeHTML($0))\"" } ?? ""
        let control: String
        if area || v.contains("\n") {
            let rows = max(2, min(8, v.split(separator: "\n", omittingEmptySubsequences: false).count + v.count / 90))
            // The newline after the opening tag is dropped by HTML parsers, so text starting with one survives.
            control = "<textarea name=\"\(escapeHTML(name))\"\(keyAttr)\(ph) rows=\"\(rows)\">\n\(escapeHTML(v))</textarea>"
        } else {
            control = "<input type=\"text\" name=\"\(escapeHTML(name))\"\(keyAttr)\(ph) value=\"\(escapeHTML(v))\">"
        }
        var out = "<div class=\"field\"\(keyAttr)><label><span class=\"label\">\(escapeHTML(label))</span>\(control)</label>"
        for p in byField[name] ?? [] { out += problem(p, field: name) }
        return out + "</div>\n"
    }

    func checkbox(_ name: String, _ label: String, _ value: String?) -> String {
        drawn.insert(name)
        let checked = value == "да" ? " checked" : ""
        var out = "<div class=\"field check\"><label><input type=\"checkbox\" name=\"\(escapeHTML(name))\" value=\"да\"\(checked)> \(escapeHTML(label))</label>"
        for p in byField[name] ?? [] { out += problem(p, field: name) }
        return out + "</div>\n"
    }

    /// A problem as `shablon plan` words it: code, message, hint (and the line, for the ones at the top).
    func problem(_ p: Problem, field: String?) -> String {
        var text = p.message.ru
        if let hint = p.hint {
            if let last = text.last, !".!?".contains(last) { text += "." }
            text += " " + hint.ru
        }
        var place = ""
        if field == nil, case .text(let line, let column)? = p.location { place = "строка \(line), столбец \(column): " }
        let attr = field.map { " data-field=\"\(escapeHTML($0))\"" } ?? ""
        return "<p class=\"problem\"\(attr) data-code=\"\(escapeHTML(p.code.rawValue))\">\(escapeHTML(place))<code>\(escapeHTML(p.code.rawValue))</code> \(escapeHTML(text))</p>\n"
    }
}
