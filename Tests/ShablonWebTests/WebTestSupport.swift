import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Shablon
@testable import ShablonWeb
import Testing

/// The repository's root (for the examples).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A folder with copies of example files, removed by `remove()`.
struct WebFolder {
    let path: String

    init(examples: [String] = ["plans/omo-2024-2025.yaml", "plans/rmo-2019-2020.yaml"]) throws {
        path = NSTemporaryDirectory() + "shablon-web-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for e in examples {
            let src = repositoryRoot.appendingPathComponent("examples/" + e).path
            try FileManager.default.copyItem(atPath: src, toPath: path + "/" + (e as NSString).lastPathComponent)
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
    func text(_ name: String) -> String? { (try? String(contentsOfFile: path + "/" + name, encoding: .utf8)) }
    func write(_ name: String, _ text: String) throws { try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8) }
}

/// A browser's side of the conversation: the session cookie it was given and the page's CSRF token.
struct Visitor {
    var cookie: String?
    var csrf: String?

    /// Remembers the cookie a response sets and the CSRF token its page carries.
    mutating func take(_ r: TestResponse) {
        if let c = r.headers[.setCookie], let v = c.split(separator: ";").first { cookie = String(v) }
        let html = String(buffer: r.body)
        if let m = html.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/) { csrf = String(m.1) }
    }

    var headers: HTTPFields {
        var h: HTTPFields = [:]
        if let cookie { h[.cookie] = cookie }
        return h
    }

    /// A URL-encoded form body: the CSRF token first, then `fields`.
    func form(_ fields: [(String, String)], csrf withToken: Bool = true) -> ByteBuffer {
        var pairs = fields
        if withToken, let csrf { pairs.insert(("csrf", csrf), at: 0) }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let s = pairs.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
        return ByteBuffer(string: s)
    }

    var formHeaders: HTTPFields {
        var h = headers
        h[.contentType] = "application/x-www-form-urlencoded"
        return h
    }

    /// A multipart body with one file and the CSRF token.
    func multipart(file: String, bytes: [UInt8], field: String = "file") -> (HTTPFields, ByteBuffer) {
        let boundary = "----shablon-test-\(UUID().uuidString)"
        var body = ""
        if let csrf { body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n" }
        var b = Array(body.utf8)
        b += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field)\"; filename=\"\(file)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        b += bytes
        b += Array("\r\n--\(boundary)--\r\n".utf8)
        var h = headers
        h[.contentType] = "multipart/form-data; boundary=\(boundary)"
        return (h, ByteBuffer(bytes: b))
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var location: String? { headers[.location] }
}

/// Runs `body` against the page over `folder` (through the router, no network).
func withWeb(_ folder: WebFolder, password: String? = nil, maxUpload: Int = 64 << 20,
             _ body: @escaping @Sendable (any TestClientProtocol, WebApp) async throws -> Void) async throws {
    var options = WebOptions(folder: folder.path)
    options.password = password.map(WebPassword.init)
    options.maxUpload = maxUpload
    let web = try WebApp(options: options)
    defer { web.close() }
    let app = Application(router: web.router())
    try await app.test(.router) { client in try await body(client, web) }
}
