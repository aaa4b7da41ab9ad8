import Foundation
import ShablonData
import ShablonDocuments

/// The plan editor of `shablon serve`: a plan file as an HTML form, and a posted form back as the
/// plan file. Pure: no HTTP here (the web app routes to it).
///
/// Field names are the plan's keys joined by dots, indices from 0: `утверждение.дата`,
/// `списки.0.пункты.2.текст`, `таблица.разделы.1.мероприятия.0.пункты.3.докладчик`, `подписи.0.фио`.
/// Every repeated row also posts `…._откуда`, the place of the row in the stored text, so that what
/// the form does not show of it (an event's `номер`, an unknown key) moves with it.
public enum PlanForm {
    /// The editor: an HTML fragment `<form id="plan-form" method="post" action=ACTION>…</form>` (no <html>/<head>), for the plan
    /// text `yaml` as stored. `hidden` are extra hidden inputs (the lead passes csrf token and revision). Every validation
    /// problem of the text (Plan.load over DataLoader.load — what `shablon plan` says) is shown next to its field
    /// (class "problem", Russian text from Problem.message/hint, with the code), the ones without a field at the top.
    public static func html(yaml: String, action: String, hidden: [(name: String, value: String)]) -> String {
        let data = try? DataLoader.load(Array(yaml.utf8))
        let root = data?.value ?? .null
        let model = PlanFormModel(data: root)
        return PlanFormHTML(columns: PlanFormModel.Columns(root), problems: problems(of: yaml))
            .form(model, action: action, hidden: hidden, notice: nil)
    }

    /// The same editor filled from posted fields (used when a save is refused, e.g. a conflict: nothing typed is lost).
    /// The problems shown are those of the text the fields would store.
    public static func html(fields: [(name: String, value: String)], previous: String, action: String,
                            hidden: [(name: String, value: String)], notice: String?) -> String {
        let root = (try? DataLoader.load(Array(previous.utf8)))?.value ?? .null
        let model = PlanFormModel(fields: fields)
        var found: [(field: String?, problem: Problem)] = []
        do {
            let (text, registry) = try write(model, previous: previous)
            found = located(text, registry: registry)
        } catch {
            found = error.items.map { (nil, $0) }
        }
        return PlanFormHTML(columns: PlanFormModel.Columns(root), problems: found).form(model, action: action, hidden: hidden, notice: notice)
    }

    /// The plan text to store for a posted form: `fields` are the decoded application/x-www-form-urlencoded pairs in order;
    /// `previous` is the text stored before, so everything the form does not show is kept as it was (unknown keys, free
    /// table columns, `колонки`/`подписи`/`номера_столбцов`, `вступление`, `extra` keys…). Deterministic: the same form gives the same text.
    ///
    /// A field posted as the form showed it keeps its stored value exactly (a date stays a date, a number a
    /// number). Rows added and left empty are dropped, except events (an event without text is a problem to
    /// show). Comments are not kept, except the ones the stored text opens with. Throws the problems of
    /// `previous` when it cannot be read as data (then there is nothing to keep it over).
    public static func yaml(from fields: [(name: String, value: String)], previous: String) throws(Problems) -> String {
        try write(PlanFormModel(fields: fields), previous: previous).text
    }

    /// Field problems of a text: (form field name or nil, problem).
    public static func problems(of yaml: String) -> [(field: String?, problem: Problem)] {
        let data: LoadedData
        do { data = try DataLoader.load(Array(yaml.utf8)) } catch { return error.items.map { (nil, $0) } }
        return located(data, registry: PlanFormModel(data: data.value).registry())
    }

    /// The editor's script and style (served by the lead as /static/editor.js and /static/editor.css; no CDN, no build step).
    public static let script: String = PlanFormAssets.script
    public static let style: String = PlanFormAssets.style

    // MARK: -

    static func write(_ model: PlanFormModel, previous: String) throws(Problems) -> (text: String, registry: [FieldPath: String]) {
        let data = try DataLoader.load(Array(previous.utf8))
        switch data.value {
        case .map, .null: break
        default: _ = try Plan.load(data) // not a plan at all: its problem, nothing to keep the form over
        }
        var writer = PlanFormWriter(previous: data.value)
        let value = writer.value(model)
        return (PlanFormWriter.yaml(value, header: PlanFormWriter.header(of: previous)), writer.registry)
    }

    static func located(_ text: String, registry: [FieldPath: String]) -> [(field: String?, problem: Problem)] {
        do { return located(try DataLoader.load(Array(text.utf8)), registry: registry) } catch { return error.items.map { (nil, $0) } }
    }

    /// The problems `shablon plan` reports for the data, each with the form field its place belongs to:
    /// the value at the problem's line and column, or the nearest field or row containing it.
    static func located(_ data: LoadedData, registry: [FieldPath: String]) -> [(field: String?, problem: Problem)] {
        let found: [Problem]
        do { _ = try Plan.load(data); found = [] } catch { found = error.items }
        var byPosition: [SourcePosition: FieldPath] = [:]
        for (path, at) in data.positions where (byPosition[at]?.components.count ?? -1) < path.components.count {
            byPosition[at] = path
        }
        return found.map { p in
            guard case .text(let line, let column)? = p.location, var path = byPosition[SourcePosition(line: line, column: column)] else { return (nil, p) }
            while true {
                if let name = registry[path] { return (name, p) }
                if path.components.isEmpty { return (nil, p) }
                path.components.removeLast()
            }
        }
    }
}
