// TEMPORARY stub of the editor helper's API (deleted when web-editor is merged).
import ShablonData

public enum PlanForm {
    public static func html(yaml: String, action: String, hidden: [(name: String, value: String)]) -> String {
        "<form id=\"plan-form\" method=\"post\" action=\"\(escapeHTML(action))\">" + hidden.map { "<input type=hidden name=\"\($0.name)\" value=\"\(escapeHTML($0.value))\">" }.joined()
            + "<textarea name=\"yaml\">\(escapeHTML(yaml))</textarea><button id=\"save\">Сохранить</button></form>"
    }
    public static func html(fields: [(name: String, value: String)], previous: String, action: String, hidden: [(name: String, value: String)], notice: String?) -> String {
        html(yaml: fields.first { $0.name == "yaml" }?.value ?? previous, action: action, hidden: hidden)
    }
    public static func yaml(from fields: [(name: String, value: String)], previous: String) throws(Problems) -> String {
        fields.first { $0.name == "yaml" }?.value ?? previous
    }
    public static func problems(of yaml: String) -> [(field: String?, problem: Problem)] { [] }
    public static let script = ""
    public static let style = ""
}
