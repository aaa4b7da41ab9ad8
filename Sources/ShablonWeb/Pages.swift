import Foundation
import Hummingbird
import ShablonData

/// The HTML of the page's screens. Every text from a file or a request goes through `escapeHTML`.
enum Page {
    /// A whole page: header with the folder's name, the content, the script and style served by the binary.
    static func layout(_ title: String, session: WebSession?, loggedIn: Bool = false, body: String) -> String {
        let logout = loggedIn && session != nil
            ? "<form method=\"post\" action=\"/logout\" class=\"inline\">\(csrf(session))<button class=\"link\">Выйти</button></form>" : ""
        return """
        <!doctype html>
        <html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escapeHTML(title)) — Шаблон</title>
        <link rel="stylesheet" href="/static/app.css"><link rel="stylesheet" href="/static/editor.css">
        <script src="/static/app.js" defer></script><script src="/static/editor.js" defer></script>
        </head><body>
        <header class="top"><a href="/" class="brand">Шаблон</a><span class="sub">документы методического объединения</span>\(logout)</header>
        <main>\(body)</main>
        </body></html>
        """
    }

    /// The hidden CSRF field every form of the page carries.
    static func csrf(_ session: WebSession?) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(escapeHTML(session?.csrf ?? ""))\">"
    }

    /// A small form of one button that posts to `action`.
    static func button(_ label: String, action: String, session: WebSession?, fields: [(String, String)] = [], confirm: String? = nil, cls: String = "") -> String {
        let hidden = fields.map { "<input type=\"hidden\" name=\"\(escapeHTML($0.0))\" value=\"\(escapeHTML($0.1))\">" }.joined()
        let c = confirm.map { " data-confirm=\"\(escapeHTML($0))\"" } ?? ""
        return "<form method=\"post\" action=\"\(escapeHTML(action))\" class=\"inline\"\(c)>\(csrf(session))\(hidden)<button class=\"\(cls)\">\(escapeHTML(label))</button></form>"
    }

    /// The link of a document's page.
    static func link(_ name: String, _ suffix: String = "") -> String { "/d/" + percentEncoded(name) + suffix }

    /// A path component encoded for a URL.
    static func percentEncoded(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// Problems as a list: code, place, message and what to do — the words of the command line.
    static func problems(_ items: [Problem], title: String? = nil) -> String {
        guard !items.isEmpty else { return "" }
        let lis = items.map { p in
            var place: [String] = []
            if let f = p.file { place.append(f) }
            if let part = p.part { place.append(part) }
            if let l = p.location { place.append(l.text("ru")) }
            if let t = p.tag { place.append(t) }
            let hint = p.hint.map { "<div class=\"hint\">\(escapeHTML($0.ru))</div>" } ?? ""
            let sev = p.severity == .error ? "ошибка" : "предупреждение"
            return "<li class=\"problem \(p.severity == .error ? "error" : "warning")\" data-code=\"\(escapeHTML(p.code.rawValue))\"><span class=\"code\">\(sev) \(escapeHTML(p.code.rawValue))</span> "
                + (place.isEmpty ? "" : "<span class=\"place\">\(escapeHTML(place.joined(separator: ", ")))</span>: ")
                + "\(escapeHTML(p.message.ru))\(hint)</li>"
        }.joined()
        return (title.map { "<h3>\(escapeHTML($0))</h3>" } ?? "") + "<ul class=\"problems\">\(lis)</ul>"
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A page that says what went wrong, with a way back to the list.
    static func error(_ status: HTTPResponse.Status, title: String, text: String, problems items: [Problem] = [], session: WebSession? = nil) -> Response {
        html(layout(title, session: session, body: "<h1>\(escapeHTML(title))</h1><p class=\"notice bad\">\(escapeHTML(text))</p>\(problems(items))<p><a href=\"/\">К списку документов</a></p>"), status: status)
    }

    static func redirect(_ to: String) -> Response {
        Response(status: .seeOther, headers: [.location: to])
    }

    static let dateFormat: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "ru_RU")
        f.dateFormat = "dd.MM.yyyy HH:mm"
        return f
    }()

    static func date(_ d: Date) -> String { dateFormat.string(from: d) }

    /// What a finished action says on the next page (`?done=…`): fixed texts, the name escaped.
    static func done(_ code: String?, name: String?) -> String {
        let n = name.map { "«\(escapeHTML($0))»" } ?? ""
        let text: String
        switch code {
        case "saved": text = "Сохранено. Прежняя версия — в истории."
        case "draft":
            return "<p class=\"notice bad\" id=\"notice\">Сохранено как черновик: в плане есть ошибки, они отмечены у полей. Напечатать и скачать план можно, когда они исправлены. Прежняя версия — в истории.</p>"
        case "deleted": text = "Документ \(n) перемещён в корзину (внизу страницы); его можно восстановить."
        case "restored": text = "Версия восстановлена; та, что была до неё, — в истории."
        case "imported": text = "План прочитан из документа \(n). Проверьте поля с пометками и таблицу."
        case "copied": text = "Создана копия \(n)."
        case "created": text = "Создан документ \(n)."
        case "uploaded": text = "Файл \(n) загружен."
        default: return ""
        }
        return "<p class=\"notice good\" id=\"notice\">\(text)</p>"
    }

    /// The login form of a server with a password.
    static func login(failed: Bool) -> String {
        layout("Вход", session: nil, body: """
        <h1>Вход</h1>
        \(failed ? "<p class=\"notice bad\">Пароль не подошёл. Попробуйте ещё раз.</p>" : "")
        <form method="post" action="/login" class="card narrow">
        <label>Пароль <input type="password" name="password" id="password" autofocus required></label>
        <button id="login">Войти</button>
        </form>
        <p class="muted">Пароль знает тот, кто запустил shablon serve (файл --password-file).</p>
        """)
    }
}
