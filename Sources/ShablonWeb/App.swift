import Foundation
import Hummingbird
import Logging
import Shablon
import ShablonData
import ShablonDocuments

/// How `shablon serve` runs: the folder, where it listens, the password, the limits.
public struct WebOptions: Sendable {
    public var folder: String
    public var host = "127.0.0.1"
    public var port = 8080
    /// Required when `host` is not this computer.
    public var password: WebPassword?
    /// The largest request body (an upload), in bytes.
    public var maxUpload = 64 << 20
    /// LibreOffice workers of the PDF pool.
    public var pdfWorkers = min(2, ProcessInfo.processInfo.activeProcessorCount)

    public init(folder: String) { self.folder = folder }

    /// True for the addresses of this computer only.
    public static func isLoopback(_ host: String) -> Bool {
        ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()) || host.hasPrefix("127.")
    }
}

/// The web page over a folder of documents: the store, the sessions, the PDF pool and the routes.
public final class WebApp: Sendable {
    public let options: WebOptions
    public let store: DocumentStore
    public let catalog: Catalog
    public let sessions = Sessions()
    public let documents: WebDocuments
    let previews = PreviewCache()
    private let bound = BoundPort()

    /// Opens the folder (created when missing). The PDF pool starts LibreOffice when a PDF is first asked for.
    public init(options: WebOptions, pool: PDFPool? = nil) throws(Problems) {
        self.options = options
        var limits = DocumentStore.Limits()
        limits.fileBytes = options.maxUpload
        store = try DocumentStore(folder: options.folder, limits: limits)
        catalog = Catalog(store: store)
        documents = WebDocuments(store: store, pool: pool ?? PDFPool(workers: options.pdfWorkers))
    }

    /// The Host values a local server answers to (a page of another site reached through a DNS name of
    /// its own is refused); nil for a server on the network (it has a password).
    var allowedHosts: Set<String>? {
        guard WebOptions.isLoopback(options.host) else { return nil }
        return ["127.0.0.1", "localhost", "[::1]"]
    }

    /// The port the server listens on (known once it runs; `--port 0` picks a free one).
    public var port: Int { bound.port ?? options.port }

    /// Stops the PDF pool's LibreOffice (also done when the program ends or is interrupted).
    public func close() { documents.pool.close() }

    /// The routes of the page.
    public func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: GuardMiddleware(sessions: sessions, password: options.password, hosts: { [unowned self] in self.allowedHosts }))
        router.get("/static/:file") { _, ctx in try self.asset(ctx.parameters.require("file")) }
        router.get("/login") { _, _ in Page.html(Page.login(failed: false)) }
        router.post("/login") { req, ctx in try await self.login(req, ctx) }
        router.post("/logout") { req, ctx in
            _ = try await self.form(req, ctx)
            if let s = ctx.session { self.sessions.end(s.token) }
            return Page.redirect(self.options.password == nil ? "/" : "/login")
        }
        router.get("/") { req, ctx in try await blocking { try self.listPage(req, ctx) } }
        router.post("/new") { req, ctx in try await self.create(req, ctx) }
        router.post("/import") { req, ctx in try await self.importPlan(req, ctx) }
        router.post("/upload") { req, ctx in try await self.upload(req, ctx) }
        router.get("/d/:name") { req, ctx in try await blocking { try self.documentPage(req, ctx) } }
        router.post("/d/:name") { req, ctx in try await self.save(req, ctx) }
        router.get("/d/:name/text") { req, ctx in try await blocking { try self.textPage(req, ctx, posted: nil, problems: []) } }
        router.post("/d/:name/text") { req, ctx in try await self.saveText(req, ctx) }
        router.get("/d/:name/history") { req, ctx in try await blocking { try self.historyPage(req, ctx) } }
        router.get("/d/:name/version/:id") { req, ctx in try await blocking { try self.version(req, ctx) } }
        router.post("/d/:name/restore") { req, ctx in try await self.restore(req, ctx) }
        router.post("/d/:name/delete") { req, ctx in try await self.delete(req, ctx) }
        router.post("/d/:name/copy") { req, ctx in try await self.copy(req, ctx) }
        router.post("/d/:name/next-year") { req, ctx in try await self.nextYear(req, ctx) }
        router.get("/d/:name/download/:format") { req, ctx in try await blocking { try self.download(req, ctx) } }
        router.get("/d/:name/preview") { req, ctx in try await blocking { try self.previewPage(req, ctx) } }
        router.get("/d/:name/page/:page") { req, ctx in try await blocking { try self.pageImage(req, ctx) } }
        return router
    }

    /// A Hummingbird application listening where the options say.
    /// `running` is told the address once the server listens.
    public func application(running: @escaping @Sendable (String) -> Void = { _ in }) -> some ApplicationProtocol {
        Application(router: router(), configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
                    onServerRunning: { [bound, options] channel in
                        let port = channel.localAddress?.port ?? options.port
                        bound.set(port)
                        let host = options.host.contains(":") && !options.host.hasPrefix("[") ? "[\(options.host)]" : options.host
                        running("http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(port)/")
                    }, logger: Self.logger)
    }

    /// The server's own log: warnings and errors only (the terminal is for the methodist).
    static let logger: Logger = {
        var l = Logger(label: "shablon.serve")
        l.logLevel = .warning
        return l
    }()

    // MARK: - Requests

    /// The document name of the route (decoded; the store checks it).
    func name(_ ctx: WebContext) throws -> String {
        let raw = try ctx.parameters.require("name")
        let decoded = raw.removingPercentEncoding ?? raw
        if let p = DocumentStore.nameProblem(decoded) { throw WebFailure(.badRequest, "Недопустимое имя документа", [p]) }
        return decoded
    }

    /// The posted form (URL-encoded or multipart) with its CSRF token checked; bodies over the upload
    /// limit are refused.
    func form(_ request: Request, _ ctx: WebContext, checkToken: Bool = true) async throws -> PostedForm {
        var req = request
        let body: ByteBuffer
        do { body = try await req.collectBody(upTo: options.maxUpload + (64 << 10)) } catch {
            throw WebFailure(.contentTooLarge, "Файл слишком большой",
                             [Problem(code: .webUpload, message: LocalizedText(ru: "запрос больше \(options.maxUpload >> 20) МиБ", en: "the request is larger than \(options.maxUpload >> 20) MiB"),
                                      hint: LocalizedText(ru: "Уменьшите файл или запустите shablon serve с --max-upload (в МиБ).", en: "Make the file smaller or start shablon serve with --max-upload (MiB)."))])
        }
        let bytes = Array(body.readableBytesView)
        let type = request.headers[.contentType] ?? ""
        var form: PostedForm
        if type.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = PostedForm.parameter("boundary", in: type), let f = PostedForm.multipart(bytes, boundary: boundary) else {
                throw WebFailure(.badRequest, "Форма не прочитана", [Problem(code: .webUpload, message: LocalizedText(ru: "форма с файлом пришла повреждённой", en: "the form with a file came damaged"), hint: LocalizedText(ru: "Отправьте её ещё раз.", en: "Send it again."))])
            }
            form = f
        } else {
            form = PostedForm.urlEncoded(bytes)
        }
        if checkToken {
            guard let s = ctx.session, let token = form["csrf"], WebPassword(s.csrf).matches(token) else {
                throw WebFailure(.forbidden, "Форма устарела",
                                 [Problem(code: .webForbidden, message: LocalizedText(ru: "форма отправлена без действующего ключа страницы (CSRF)", en: "the form came without the page's current key (CSRF)"),
                                          hint: LocalizedText(ru: "Вернитесь назад, скопируйте свой текст, обновите страницу и отправьте снова.", en: "Go back, copy your text, reload the page and send again."))])
            }
        }
        form.fields.removeAll { $0.name == "csrf" }
        return form
    }

    func login(_ request: Request, _ ctx: WebContext) async throws -> Response {
        let form = try await form(request, ctx, checkToken: false)
        guard let password = options.password else { return Page.redirect("/") }
        guard password.matches(form["password"] ?? "") else {
            // A wrong password costs a second: guessing is slow.
            try await Task.sleep(nanoseconds: 1_000_000_000)
            return Page.html(Page.login(failed: true), status: .unauthorized)
        }
        let s = sessions.create()
        var r = Page.redirect("/")
        r.setCookie(GuardMiddleware.cookie(s.token))
        return r
    }

    func asset(_ file: String) throws -> Response {
        let (text, type): (String, String)
        switch file {
        case "app.css": (text, type) = (Assets.style, "text/css; charset=utf-8")
        case "app.js": (text, type) = (Assets.script, "text/javascript; charset=utf-8")
        case "editor.css": (text, type) = (PlanForm.style, "text/css; charset=utf-8")
        case "editor.js": (text, type) = (PlanForm.script, "text/javascript; charset=utf-8")
        default: throw HTTPError(.notFound)
        }
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// A refusal shown as a page: the status, a title, the problems.
struct WebFailure: HTTPResponseError {
    let status: HTTPResponse.Status
    let title: String
    let problems: [Problem]

    init(_ status: HTTPResponse.Status, _ title: String, _ problems: [Problem]) {
        self.status = status
        self.title = title
        self.problems = problems
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Page.error(status, title: title, text: problems.first?.message.ru ?? title, problems: problems)
    }
}

/// Runs blocking work (files, LibreOffice, pdftoppm) off the server's threads.
func blocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { c in
        DispatchQueue.global().async {
            do { c.resume(returning: try body()) } catch { c.resume(throwing: error) }
        }
    }
}

/// A library refusal as a page.
func failure(_ e: any Error, _ title: String, _ status: HTTPResponse.Status = .unprocessableContent) -> WebFailure {
    let p = Problems(problemItems(e))
    let status: HTTPResponse.Status = p.items.contains { $0.code.rawValue == "web-not-found" } ? .notFound
        : p.items.contains { $0.code.rawValue == "web-conflict" || $0.code.rawValue == "web-exists" } ? .conflict : status
    return WebFailure(status, title, p.items)
}

/// The problems of an error thrown through an untyped closure.
func problemItems(_ e: any Error) -> [Problem] {
    if let p = e as? Problems { return p.items }
    return [Problem.internalError(e)]
}

/// The port the server got.
final class BoundPort: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int?
    var port: Int? { lock.lock(); defer { lock.unlock() }; return value }
    func set(_ p: Int) { lock.lock(); value = p; lock.unlock() }
}
