import Foundation
import HTTPTypes
import Hummingbird
import ShablonData

/// A browser's session: the cookie that names it and the token every form of the page carries.
public struct WebSession: Sendable, Equatable {
    public let token: String
    /// The CSRF token: a form posted without it (another site's form aimed at this page) is refused.
    public let csrf: String
}

/// The request context of the page: Hummingbird's core plus the session the middleware found.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var session: WebSession?

    public init(source: Source) {
        coreContext = .init(source: source)
        session = nil
    }
}

/// The sessions of the running server (kept in memory: a restart logs everyone out, nothing else).
public final class Sessions: @unchecked Sendable {
    private let lock = NSLock()
    private var byToken: [String: (session: WebSession, seen: Date)] = [:]
    /// Sessions unused this long are forgotten.
    public let idleLifetime: TimeInterval
    /// The most sessions kept; the oldest go first.
    public let capacity: Int

    public init(idleLifetime: TimeInterval = 12 * 3600, capacity: Int = 1000) {
        self.idleLifetime = idleLifetime
        self.capacity = capacity
    }

    /// 32 random bytes as hex (the system's cryptographic generator).
    static func randomToken() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%016llx", g.next() as UInt64) }.joined()
    }

    /// A new session.
    public func create() -> WebSession {
        let s = WebSession(token: Self.randomToken(), csrf: Self.randomToken())
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        byToken = byToken.filter { now.timeIntervalSince($0.value.seen) < idleLifetime }
        if byToken.count >= capacity, let oldest = byToken.min(by: { $0.value.seen < $1.value.seen })?.key { byToken[oldest] = nil }
        byToken[s.token] = (s, now)
        return s
    }

    /// The live session of a cookie value.
    public func find(_ token: String?) -> WebSession? {
        guard let token else { return nil }
        lock.lock()
        defer { lock.unlock() }
        guard let entry = byToken[token], Date().timeIntervalSince(entry.seen) < idleLifetime else { return nil }
        byToken[token]?.seen = Date()
        return entry.session
    }

    public func end(_ token: String) {
        lock.lock()
        byToken[token] = nil
        lock.unlock()
    }
}

/// The password of a server that listens beyond this computer (`--password-file`).
public struct WebPassword: Sendable {
    let secret: [UInt8]

    /// The first line of the file, without its line end. Empty or longer than 1 KiB is refused.
    public static func load(_ path: String) throws(Problems) -> WebPassword {
        let bytes: [UInt8]
        do { bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path))) } catch {
            throw Problems([Problem(code: .webPassword, file: path, message: LocalizedText(ru: "не удалось прочитать файл пароля", en: "could not read the password file"),
                                    hint: LocalizedText(ru: "Создайте его: одна строка с паролем, например echo 'длинный-пароль' > пароль.txt; chmod 600 пароль.txt.",
                                                        en: "Create it: one line with the password, e.g. echo 'long-password' > password.txt; chmod 600 password.txt."))])
        }
        let line = Array(bytes.prefix { $0 != 10 && $0 != 13 })
        guard !line.isEmpty, line.count <= 1024 else {
            throw Problems([Problem(code: .webPassword, file: path, message: LocalizedText(ru: "в файле пароля нет пароля (первая строка пуста) или он длиннее 1 КиБ", en: "the password file holds no password (the first line is empty) or it is longer than 1 KiB"),
                                    hint: LocalizedText(ru: "Запишите пароль первой строкой файла.", en: "Write the password as the file's first line."))])
        }
        return WebPassword(secret: line)
    }

    public init(_ text: String) { secret = Array(text.utf8) }
    init(secret: [UInt8]) { self.secret = secret }

    /// Compares in time that does not depend on where the strings differ.
    public func matches(_ typed: String) -> Bool {
        let t = Array(typed.utf8)
        var diff = UInt8(t.count == secret.count ? 0 : 1)
        for i in 0..<max(t.count, secret.count) {
            diff |= (i < t.count ? t[i] : 0) ^ (i < secret.count ? secret[i] : 0)
        }
        return diff == 0
    }
}

/// What every request passes: the Host check (a page of another site cannot reach this one by a DNS
/// name of its own), the session (created for a local page; required after login when a password is
/// set), the Origin check of a post, and the headers that keep the page out of other sites' frames and
/// scripts.
struct GuardMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let sessions: Sessions
    let password: WebPassword?
    /// Host header values accepted (lower case, with port); nil accepts any (a server for the network
    /// with a password).
    let hosts: @Sendable () -> Set<String>?

    static let cookieName = "shablon_session"

    /// Whether the Host of a request names this computer: only the host name counts (the port is the
    /// server's own); a request without one (not from a browser) passes.
    static func hostAllowed(_ authority: String?, _ hosts: Set<String>) -> Bool {
        guard let a = authority?.lowercased(), !a.isEmpty else { return true }
        var name = a
        if a.hasPrefix("["), let end = a.firstIndex(of: "]") {
            name = String(a[...end])
        } else if let colon = a.lastIndex(of: ":") {
            name = String(a[..<colon])
        }
        return hosts.contains(name)
    }

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        if let hosts = hosts() {
            guard Self.hostAllowed(request.head.authority, hosts) else {
                return Page.error(.misdirectedRequest, title: "Неизвестный адрес",
                                  text: "Страница открывается только по адресу, который показал shablon serve при запуске (\(hosts.sorted().first ?? "")).")
            }
        }
        let path = request.uri.path
        if path.hasPrefix("/static/") {
            return Self.secure(try await next(request, context))
        }
        if request.method == .post, let origin = request.headers[.origin], origin != "null" {
            let host = request.head.authority ?? ""
            guard origin.hasSuffix("://" + host) else {
                return Page.error(.forbidden, title: "Запрос с чужой страницы", text: "Форма отправлена не с этой страницы и не принята.")
            }
        }
        var ctx = context
        var created: WebSession?
        if let s = sessions.find(request.cookies[Self.cookieName]?.value) {
            ctx.session = s
        } else if password == nil {
            let s = sessions.create()
            created = s
            ctx.session = s
        } else if path != "/login" {
            if request.method == .get || request.method == .head {
                return Response(status: .seeOther, headers: [.location: "/login"])
            }
            return Page.error(.unauthorized, title: "Нужен вход", text: "Сеанс закончился или не начат: войдите снова, ваша правка не сохранена — вернитесь назад и скопируйте её.")
        }
        var response = try await next(request, ctx)
        if let created { response.setCookie(Self.cookie(created.token)) }
        return Self.secure(response)
    }

    static func cookie(_ token: String) -> Cookie {
        Cookie(name: cookieName, value: token, path: "/", httpOnly: true, sameSite: .strict)
    }

    static func secure(_ r: Response) -> Response {
        var r = r
        r.headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' data:; object-src 'self'; frame-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'"
        r.headers[.xContentTypeOptions] = "nosniff"
        r.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        if r.headers[.cacheControl] == nil { r.headers[.cacheControl] = "no-store" }
        return r
    }
}
