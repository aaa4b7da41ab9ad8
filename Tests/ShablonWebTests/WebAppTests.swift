import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Shablon
import ShablonData
import ShablonDocuments
@testable import ShablonWeb
import ShablonZip
import Testing

/// The fields a form of `html` would post (inputs, textareas, selected options), in order.
func formFields(_ html: String, form id: String = "plan-form") -> [(String, String)] {
    guard let start = html.range(of: "<form id=\"\(id)\"") ?? html.range(of: "id=\"\(id)\""), let end = html.range(of: "</form>", range: start.upperBound..<html.endIndex) else { return [] }
    let part = String(html[start.lowerBound..<end.lowerBound])
    // <template> rows are not posted.
    let visible = part.replacing(/<template[\s\S]*?<\/template>/, with: "")
    var out: [(String, String)] = []
    for m in visible.matches(of: /<(input|textarea|select)\b([^>]*)>([\s\S]*?)(?=<)/) {
        let attrs = String(m.2)
        guard let name = attrs.firstMatch(of: /name="([^"]*)"/)?.1 else { continue }
        if attrs.contains("type=\"submit\"") || attrs.contains("type=\"file\"") { continue }
        if (attrs.contains("type=\"checkbox\"") || attrs.contains("type=\"radio\"")) && !attrs.contains("checked") { continue }
        let value: String
        switch m.1 {
        // As a browser reads it: a line break right after <textarea> is not part of the value.
        case "textarea": value = m.3.hasPrefix("\n") ? String(m.3.dropFirst()) : String(m.3)
        case "select": value = String(part[m.range.lowerBound...]).firstMatch(of: /<option value="([^"]*)"[^>]*selected/)?.1.description ?? ""
        default: value = attrs.firstMatch(of: /value="([^"]*)"/)?.1.description ?? ""
        }
        out.append((unescape(String(name)), unescape(value)))
    }
    return out
}

func unescape(_ s: String) -> String {
    s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
        .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
}

@Suite struct WebRouting {
    @Test func listShowsEveryDocumentWithKindAndYear() async throws {
        let folder = try WebFolder(examples: ["plans/omo-2024-2025.yaml", "orders/order.csv", "analysis/statistics.csv", "orders/contracts.yaml"])
        defer { folder.remove() }
        try await withWeb(folder) { client, _ in
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.status == .ok)
                let html = r.text
                #expect(html.contains("data-name=\"omo-2024-2025.yaml\""))
                #expect(html.contains("ОМО школьных библиотекарей на 2024-2025 учебный год"))
                #expect(html.contains("<td>план</td><td>2024-2025</td>"))
                #expect(html.contains("<td>заказ учебников</td>"))
                #expect(html.contains("<td>статистика библиотек</td>"))
                #expect(html.contains("<td>данные контрактов</td>"))
                // The session cookie of a local page: HttpOnly, SameSite=Strict.
                let cookie = r.headers[.setCookie] ?? ""
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
                #expect(r.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            }
        }
    }

    @Test func unknownDocumentAndPathTraversalAreRefused() async throws {
        let folder = try WebFolder()
        defer { folder.remove() }
        // A file beside the folder that no request may reach.
        let secret = (folder.path as NSString).deletingLastPathComponent + "/shablon-secret-\(UUID().uuidString).yaml"
        try "секрет: 1\n".write(toFile: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: secret) }
        let name = (secret as NSString).lastPathComponent
        try await withWeb(folder) { client, _ in
            try await client.execute(uri: "/d/nope.yaml", method: .get) { r in #expect(r.status == .notFound) }
            for uri in ["/d/..%2F\(name)", "/d/%2E%2E%2F\(name)/text", "/d/..%2F\(name)/download/docx", "/d/%2Fetc%2Fpasswd/text", "/d/.hidden.yaml/text"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .badRequest || r.status == .notFound, "\(uri)")
                    #expect(!r.text.contains("секрет"), "\(uri)")
                }
            }
        }
    }

    @Test func analysisCannotReadFilesOutsideTheFolder() async throws {
        let folder = try WebFolder()
        defer { folder.remove() }
        try folder.write("analysis.yaml", "план: ../../etc/passwd\nстатистика: /etc/passwd\n")
        try await withWeb(folder) { client, _ in
            try await client.execute(uri: "/d/analysis.yaml/download/docx", method: .get) { r in
                #expect(r.status != .ok)
                #expect(!r.text.contains("root:"))
                #expect(r.text.contains("web-name"))
            }
        }
    }

    @Test func hostCheckAcceptsOnlyThisComputer() {
        let local: Set<String> = ["127.0.0.1", "localhost", "[::1]"]
        #expect(GuardMiddleware.hostAllowed("127.0.0.1:8080", local))
        #expect(GuardMiddleware.hostAllowed("localhost:1", local))
        #expect(GuardMiddleware.hostAllowed("[::1]:8080", local))
        #expect(GuardMiddleware.hostAllowed(nil, local))
        #expect(!GuardMiddleware.hostAllowed("evil.example:8080", local))
        #expect(!GuardMiddleware.hostAllowed("127.0.0.1.evil.example", local))
        #expect(!GuardMiddleware.hostAllowed("localhost.evil.example:8080", local))
    }
}

@Suite struct WebSafety {
    /// Every route that changes something refuses a form without the page's token.
    @Test func everyPostNeedsTheCSRFToken() async throws {
        let folder = try WebFolder()
        defer { folder.remove() }
        try await withWeb(folder) { client, _ in
            var v = Visitor()
            try await client.execute(uri: "/", method: .get) { r in v.take(r) }
            #expect(v.csrf != nil && v.cookie != nil)
            let before = folder.text("omo-2024-2025.yaml")
            let rev = try FileManager.default.contentsOfDirectory(atPath: folder.path).count
            for uri in ["/new", "/d/omo-2024-2025.yaml", "/d/omo-2024-2025.yaml/text", "/d/omo-2024-2025.yaml/delete", "/d/omo-2024-2025.yaml/copy",
                        "/d/omo-2024-2025.yaml/next-year", "/d/omo-2024-2025.yaml/restore", "/logout"] {
                try await client.execute(uri: uri, method: .post, headers: v.formHeaders, body: v.form([("text", "взлом: 1"), ("name", "x.yaml")], csrf: false)) { r in
                    #expect(r.status == .forbidden, "\(uri)")
                    #expect(r.text.contains("web-forbidden"), "\(uri)")
                }
                var wrong = v
                wrong.csrf = String(repeating: "0", count: 64)
                try await client.execute(uri: uri, method: .post, headers: v.formHeaders, body: wrong.form([("text", "взлом: 1")])) { r in
                    #expect(r.status == .forbidden, "\(uri)")
                }
            }
            let (h, b) = v.multipart(file: "x.yaml", bytes: Array("a: 1\n".utf8))
            var noToken = v
            noToken.csrf = nil
            let (h2, b2) = noToken.multipart(file: "x.yaml", bytes: Array("a: 1\n".utf8))
            _ = (h, b)
            for uri in ["/upload", "/import"] {
                try await client.execute(uri: uri, method: .post, headers: h2, body: b2) { r in #expect(r.status == .forbidden, "\(uri)") }
            }
            #expect(folder.text("omo-2024-2025.yaml") == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).count == rev)
        }
    }

    @Test func aFormFromAnotherSiteIsRefusedByItsOrigin() async throws {
        let folder = try WebFolder()
        defer { folder.remove() }
        try await withWeb(folder) { client, _ in
            var v = Visitor()
            try await client.execute(uri: "/", method: .get) { r in v.take(r) }
            var h = v.formHeaders
            h[.origin] = "http://evil.example"
            try await client.execute(uri: "/new", method: .post, headers: h, body: v.form([("name", "x.yaml")])) { r in #expect(r.status == .forbidden) }
            h[.origin] = "http://localhost"
            try await client.execute(uri: "/new", method: .post, headers: h, body: v.form([("name", "x.yaml")])) { r in #expect(r.status == .seeOther) }
        }
    }

    @Test func withAPasswordEveryRequestNeedsALogin() async throws {
        let folder = try WebFolder()
        defer { folder.remove() }
        try await withWeb(folder, password: "верный пароль") { client, _ in
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.status == .seeOther)
                #expect(r.location == "/login")
                #expect(r.headers[.setCookie] == nil)
            }
            for uri in ["/d/omo-2024-2025.yaml", "/d/omo-2024-2025.yaml/download/docx", "/d/omo-2024-2025.yaml/history"] {
                try await client.execute(uri: uri, method: .get) { r in #expect(r.status == .seeOther, "\(uri)"); #expect(!r.text.contains("ОМО")) }
            }
            try await client.execute(uri: "/new", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "name=x.yaml")) { r in
                #expect(r.status == .unauthorized)
            }
            try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "password=wrong")) { r in
                #expect(r.status == .unauthorized)
                #expect(r.headers[.setCookie] == nil)
            }
            // A cookie that names no session is no key.
            try await client.execute(uri: "/", method: .get, headers: [.cookie: "shablon_session=" + String(repeating: "a", count: 64)]) { r in #expect(r.status == .seeOther) }
            var v = Visitor()
            try await client.execute(uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                     body: ByteBuffer(string: "password=%D0%B2%D0%B5%D1%80%D0%BD%D1%8B%D0%B9+%D0%BF%D0%B0%D1%80%D0%BE%D0%BB%D1%8C")) { r in
                #expect(r.status == .seeOther)
                let cookie = r.headers[.setCookie] ?? ""
                #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
                v.take(r)
            }
            try await client.execute(uri: "/", method: .get, headers: v.headers) { r in
                #expect(r.status == .ok)
                v.take(r)
                #expect(r.text.contains("Выйти"))
            }
            try await client.execute(uri: "/logout", method: .post, headers: v.formHeaders, body: v.form([])) { r in #expect(r.status == .seeOther) }
            try await client.execute(uri: "/", method: .get, headers: v.headers) { r in #expect(r.status == .seeOther) }
        }
    }

    @Test func passwordFile() throws {
        let f = NSTemporaryDirectory() + "pw-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: f) }
        try "секрет\nвторая строка\n".write(toFile: f, atomically: true, encoding: .utf8)
        let p = try WebPassword.load(f)
        #expect(p.matches("секрет"))
        #expect(!p.matches("секрет\n"))
        #expect(!p.matches("секре"))
        #expect(!p.matches(""))
        try "\n".write(toFile: f, atomically: true, encoding: .utf8)
        #expect(throws: Problems.self) { try WebPassword.load(f) }
        #expect(throws: Problems.self) { try WebPassword.load(f + "-missing") }
    }

    @Test func uploadsAreCheckedLikeTheCommandLineInputs() async throws {
        let folder = try WebFolder()
        defer { folder.remove() }
        try await withWeb(folder, maxUpload: 1 << 20) { client, _ in
            var v = Visitor()
            try await client.execute(uri: "/", method: .get) { r in v.take(r) }
            let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            // A zip bomb: one part that unpacks to 300 MiB.
            let bomb = try { () throws -> [UInt8] in
                let w = try ZipWriter()
                try w.add("[Content_Types].xml", Array("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".utf8), compression: .deflate(level: 9))
                try w.add("word/document.xml", [UInt8](repeating: 0x20, count: 300 << 20), compression: .deflate(level: 9))
                return try w.finish()
            }()
            // A part with a DOCTYPE (entity expansion).
            let doctype = try { () throws -> [UInt8] in
                let w = try ZipWriter()
                try w.add("[Content_Types].xml", Array("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".utf8), compression: .deflate(level: 6))
                try w.add("word/document.xml", Array("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaa\">]><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>&a;</w:body></w:document>".utf8), compression: .deflate(level: 6))
                return try w.finish()
            }()
            for (name, bytes, code) in [("bomb.docx", bomb, "zip-"), ("doctype.docx", doctype, "xml-doctype"), ("bad.yaml", Array("a: [1, 2\n".utf8), "yaml")] {
                for route in ["/upload", "/import"] where !(route == "/import" && name.hasSuffix(".yaml")) {
                    let (h, b) = v.multipart(file: name, bytes: bytes)
                    try await client.execute(uri: route, method: .post, headers: h, body: b) { r in
                        #expect(r.status == .unprocessableContent, "\(route) \(name)")
                        #expect(r.text.contains(code), "\(route) \(name): \(r.text.prefix(2000))")
                    }
                }
            }
            // A name that leaves the folder is refused, whatever the browser sends.
            let (h1, b1) = v.multipart(file: "../../escape.yaml", bytes: Array("a: 1\n".utf8))
            try await client.execute(uri: "/upload", method: .post, headers: h1, body: b1) { r in
                // The browser's path is cut to its last part: the file lands inside the folder as «escape.yaml».
                #expect(r.status == .seeOther)
            }
            #expect(FileManager.default.fileExists(atPath: folder.path + "/escape.yaml"))
            #expect(!FileManager.default.fileExists(atPath: (folder.path as NSString).deletingLastPathComponent + "/escape.yaml"))
            let (h2, b2) = v.multipart(file: ".bashrc", bytes: Array("a: 1\n".utf8))
            try await client.execute(uri: "/upload", method: .post, headers: h2, body: b2) { r in #expect(r.status == .badRequest) }
            // Over the upload limit.
            let (h3, b3) = v.multipart(file: "big.csv", bytes: [UInt8](repeating: 0x41, count: 2 << 20))
            try await client.execute(uri: "/upload", method: .post, headers: h3, body: b3) { r in
                #expect(r.status == .contentTooLarge)
                #expect(r.text.contains("--max-upload"))
            }
            let after = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(after == (before + ["escape.yaml"]).sorted())
        }
    }
}

@Suite struct WebDocumentsFlow {
    @Test func twoTabsSavingTheSameDocumentLoseNothing() async throws {
        let folder = try WebFolder()
        defer { folder.remove() }
        try await withWeb(folder) { client, web in
            var v = Visitor()
            var page = ""
            try await client.execute(uri: "/d/omo-2024-2025.yaml/text", method: .get) { r in v.take(r); page = r.text }
            let rev = try #require(page.firstMatch(of: /name="revision" value="([^"]+)"/)?.1).description
            let original = try #require(folder.text("omo-2024-2025.yaml"))
            let first = original.replacingOccurrences(of: "вид: ОМО", with: "вид: ОМО  # первая вкладка")
            let second = original.replacingOccurrences(of: "вид: ОМО", with: "вид: ОМО  # вторая вкладка")
            try await client.execute(uri: "/d/omo-2024-2025.yaml/text", method: .post, headers: v.formHeaders, body: v.form([("revision", rev), ("text", first)])) { r in
                #expect(r.status == .seeOther)
            }
            try await client.execute(uri: "/d/omo-2024-2025.yaml/text", method: .post, headers: v.formHeaders, body: v.form([("revision", rev), ("text", second)])) { r in
                #expect(r.status == .conflict)
                #expect(r.text.contains("web-conflict"))
                // The second tab's text is still on its page.
                #expect(r.text.contains("# вторая вкладка"))
            }
            #expect(folder.text("omo-2024-2025.yaml") == first)
            let versions = web.store.versions(of: "omo-2024-2025.yaml")
            #expect(versions.count == 1)
            #expect(try web.store.readVersion("omo-2024-2025.yaml", id: versions[0].id) == Array(original.utf8))
        }
    }

    @Test func planEditorSavesAndConflictsKeepTheForm() async throws {
        let folder = try WebFolder()
        defer { folder.remove() }
        try await withWeb(folder) { client, web in
            var v = Visitor()
            var page = ""
            try await client.execute(uri: "/d/omo-2024-2025.yaml", method: .get) { r in
                #expect(r.status == .ok)
                v.take(r)
                page = r.text
            }
            #expect(page.contains("id=\"plan-form\""))
            #expect(page.contains("id=\"preview\""))
            var fields = formFields(page).filter { $0.0 != "csrf" }
            #expect(fields.contains { $0.0 == "revision" })
            // Change one text field: the theme (or the whole text with the stub editor).
            let i = try #require(fields.firstIndex { $0.1.contains("Совершенствование профессионального мастерства") })
            fields[i].1 = fields[i].1.replacingOccurrences(of: "Совершенствование", with: "Развитие")
            try await client.execute(uri: "/d/omo-2024-2025.yaml", method: .post, headers: v.formHeaders, body: v.form(fields)) { r in
                #expect(r.status == .seeOther, "\(r.text.prefix(3000))")
                #expect(r.location == "/d/omo-2024-2025.yaml?done=saved")
            }
            let saved = try Plan.load(try DataLoader.load(Array(try #require(folder.text("omo-2024-2025.yaml")).utf8)))
            #expect(saved.theme?.text.contains("Развитие профессионального мастерства") == true)
            #expect(web.store.versions(of: "omo-2024-2025.yaml").count == 1)
            // The same form again (its revision is now old): refused, the typed text kept on the page.
            fields[i].1 = fields[i].1.replacingOccurrences(of: "Развитие", with: "Повышение")
            try await client.execute(uri: "/d/omo-2024-2025.yaml", method: .post, headers: v.formHeaders, body: v.form(fields)) { r in
                #expect(r.status == .conflict)
                #expect(r.text.contains("Повышение профессионального мастерства"))
                #expect(r.text.contains("id=\"conflict\""))
            }
            #expect(folder.text("omo-2024-2025.yaml")?.contains("Повышение профессионального мастерства") == false)
            // A plan saved with a problem is a draft: saved, and said so.
            var fresh = ""
            try await client.execute(uri: "/d/omo-2024-2025.yaml", method: .get, headers: v.headers) { r in fresh = r.text }
            var draft = formFields(fresh).filter { $0.0 != "csrf" }
            let y = try #require(draft.firstIndex { $0.0 == "учебный_год" })
            draft[y].1 = "2025-2024"
            try await client.execute(uri: "/d/omo-2024-2025.yaml", method: .post, headers: v.formHeaders, body: v.form(draft)) { r in
                #expect(r.location == "/d/omo-2024-2025.yaml?done=draft")
            }
            try await client.execute(uri: "/d/omo-2024-2025.yaml?done=draft", method: .get, headers: v.headers) { r in
                #expect(r.text.contains("черновик"))
                #expect(r.text.contains("data-code=\"plan-school-year\""))
            }
            #expect(folder.text("omo-2024-2025.yaml")?.contains("Развитие профессионального мастерства") == true)
        }
    }

    @Test func historyRestoreDeleteAndTrash() async throws {
        let folder = try WebFolder()
        defer { folder.remove() }
        try await withWeb(folder) { client, web in
            var v = Visitor()
            try await client.execute(uri: "/", method: .get) { r in v.take(r) }
            let original = try #require(folder.text("rmo-2019-2020.yaml"))
            let rev = try #require(web.store.revision(of: "rmo-2019-2020.yaml"))
            try await client.execute(uri: "/d/rmo-2019-2020.yaml/delete", method: .post, headers: v.formHeaders, body: v.form([("revision", rev)])) { r in
                #expect(r.status == .seeOther)
            }
            #expect(folder.text("rmo-2019-2020.yaml") == nil)
            try await client.execute(uri: "/", method: .get, headers: v.headers) { r in
                #expect(r.text.contains("Корзина"))
                #expect(!r.text.contains("data-name=\"rmo-2019-2020.yaml\""))
            }
            let version = try #require(web.store.versions(of: "rmo-2019-2020.yaml").first?.id)
            try await client.execute(uri: "/d/rmo-2019-2020.yaml/history", method: .get, headers: v.headers) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("Восстановить"))
            }
            try await client.execute(uri: "/d/rmo-2019-2020.yaml/restore", method: .post, headers: v.formHeaders, body: v.form([("version", version)])) { r in
                #expect(r.status == .seeOther)
            }
            #expect(folder.text("rmo-2019-2020.yaml") == original)
        }
    }

    @Test func newCopyAndNextYear() async throws {
        let folder = try WebFolder()
        defer { folder.remove() }
        try await withWeb(folder) { client, web in
            var v = Visitor()
            try await client.execute(uri: "/", method: .get) { r in v.take(r) }
            try await client.execute(uri: "/new", method: .post, headers: v.formHeaders, body: v.form([("name", ""), ("year", "2026/27")])) { r in
                #expect(r.status == .seeOther)
                #expect(r.location?.hasPrefix("/d/") == true)
            }
            let created = try #require(folder.text("план-2026-2027.yaml"))
            _ = try Plan.load(try DataLoader.load(Array(created.utf8)))
            try await client.execute(uri: "/d/omo-2024-2025.yaml/copy", method: .post, headers: v.formHeaders, body: v.form([])) { r in #expect(r.status == .seeOther) }
            #expect(folder.text("omo-2024-2025 (копия).yaml") == folder.text("omo-2024-2025.yaml"))
            try await client.execute(uri: "/d/omo-2024-2025.yaml/next-year", method: .post, headers: v.formHeaders, body: v.form([])) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("id=\"rolled\""))
                #expect(r.text.contains("omo-2025-2026.yaml"))
            }
            let next = try Plan.load(try DataLoader.load(Array(try #require(folder.text("omo-2025-2026.yaml")).utf8)))
            #expect(next.schoolYear == "2025-2026")
            #expect(web.store.revision(of: "omo-2024-2025.yaml") != nil)
        }
        #expect(WebApp.nextYearName("план-2024-2025.yaml") == "план-2025-2026.yaml")
        #expect(WebApp.nextYearName("план.yaml") == "план (следующий год).yaml")
    }

    @Test func importAWordPlanAndDownloadItsDOCX() async throws {
        let folder = try WebFolder()
        defer { folder.remove() }
        // A plan typed in Word: an example plan rendered by the built-in template.
        let plan = try Plan.load(try DataLoader.load(Array(try #require(folder.text("rmo-2019-2020.yaml")).utf8)))
        let docx = try DocumentTemplate(bytes: try #require(BuiltinTemplate.named("plan")).bytes(.docx)).render(plan.templateValue()).bytes
        try await withWeb(folder) { client, _ in
            var v = Visitor()
            try await client.execute(uri: "/", method: .get) { r in v.take(r) }
            let (h, b) = v.multipart(file: "План РМО.docx", bytes: docx)
            var location = ""
            try await client.execute(uri: "/import", method: .post, headers: h, body: b) { r in
                #expect(r.status == .seeOther, "\(r.text.prefix(2000))")
                location = r.location ?? ""
            }
            #expect(location.hasPrefix("/d/"))
            let imported = try #require(folder.text("План РМО.yaml"))
            let back = try Plan.load(try DataLoader.load(Array(imported.utf8)))
            #expect(back.schoolYear.replacingOccurrences(of: "/", with: "-") == plan.schoolYear)
            #expect(back.table?.sections.flatMap(\.events).count == plan.table?.sections.flatMap(\.events).count)
            try await client.execute(uri: "/d/%D0%9F%D0%BB%D0%B0%D0%BD%20%D0%A0%D0%9C%D0%9E.yaml/download/docx", method: .get, headers: v.headers) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentDisposition]?.contains("filename*=UTF-8''%D0%9F") == true)
                let archive = try ZipArchive(bytes: Array(r.body.readableBytesView))
                let xml = String(decoding: try archive.read("word/document.xml"), as: UTF8.self)
                #expect(xml.contains("Заседание инициативной группы"))
            }
        }
    }
}

@Suite struct WebDownloads {
    @Test func anOrderGivesItsSpecificationsAsAZip() async throws {
        let folder = try WebFolder(examples: ["orders/order.csv", "orders/contracts.yaml"])
        defer { folder.remove() }
        try await withWeb(folder) { client, _ in
            try await client.execute(uri: "/d/order.csv", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("id=\"download-zip\""))
                #expect(r.text.contains("<option value=\"contracts.yaml\" selected>"))
            }
            try await client.execute(uri: "/d/order.csv/download/zip?contracts=contracts.yaml&as=docx", method: .get) { r in
                #expect(r.status == .ok, "\(r.text.prefix(1500))")
                let zip = try ZipArchive(bytes: Array(r.body.readableBytesView))
                let names = zip.entries.map(\.name)
                #expect(names.contains("Сводка по контрактам.csv"))
                let specs = names.filter { $0.hasPrefix("Спецификация — ") && $0.hasSuffix(".docx") }
                #expect(specs.count >= 2, "\(names)")
                let docx = try ZipArchive(bytes: try zip.read(specs[0]))
                let xml = String(decoding: try docx.read("word/document.xml"), as: UTF8.self)
                #expect(xml.contains("Спецификация") || xml.contains("СПЕЦИФИКАЦИЯ"))
            }
        }
    }

    @Test func aStatisticsTableGivesTheSchoolReports() async throws {
        let folder = try WebFolder(examples: ["analysis/statistics.csv"])
        defer { folder.remove() }
        let table = try SpreadsheetLoader.table(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: folder.path + "/statistics.csv"))))
        try await withWeb(folder) { client, _ in
            try await client.execute(uri: "/d/statistics.csv/download/zip?as=docx", method: .get) { r in
                #expect(r.status == .ok, "\(r.text.prefix(1500))")
                let zip = try ZipArchive(bytes: Array(r.body.readableBytesView))
                #expect(zip.entries.count == table.rows.count && table.rows.count >= 10)
                #expect(zip.entries.allSatisfy { $0.name.hasSuffix(".docx") })
            }
        }
    }

    @Test(.enabled(if: PDFConverter.office() != nil)) func planAsPDFAndPDFAAndItsPreview() async throws {
        let folder = try WebFolder()
        defer { folder.remove() }
        try await withWeb(folder) { client, _ in
            var pdf: [UInt8] = []
            try await client.execute(uri: "/d/omo-2024-2025.yaml/download/pdf", method: .get) { r in
                #expect(r.status == .ok, "\(r.text.prefix(1500))")
                #expect(r.headers[.contentType] == "application/pdf")
                pdf = Array(r.body.readableBytesView)
            }
            #expect(pdf.starts(with: Array("%PDF".utf8)))
            try await client.execute(uri: "/d/omo-2024-2025.yaml/download/pdfa", method: .get) { r in
                #expect(r.status == .ok)
                let text = String(decoding: r.body.readableBytesView, as: UTF8.self)
                // PDF/A-2b, as the command line's --pdfa: part 2, conformance B in the XMP.
                #expect(text.contains("<pdfaid:part>2</pdfaid:part>") || text.contains("pdfaid:part=\"2\""), "no PDF/A-2 identification in the XMP")
                #expect(text.contains("<pdfaid:conformance>B</pdfaid:conformance>") || text.contains("pdfaid:conformance=\"B\""))
            }
            var page = ""
            try await client.execute(uri: "/d/omo-2024-2025.yaml/preview", method: .get) { r in page = r.text }
            let src = try #require(page.firstMatch(of: /<img class="sheet"[^>]*src="([^"]+)"/)?.1).description.replacingOccurrences(of: "&amp;", with: "&")
            try await client.execute(uri: src, method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "image/png")
                #expect(Array(r.body.readableBytesView).starts(with: [0x89, 0x50, 0x4E, 0x47]))
            }
            // A plan that does not load shows its problems instead of pages.
            try folder.write("broken.yaml", "учебный_год: следующий\nтаблица:\n  мероприятия: []\n")
            try await client.execute(uri: "/d/broken.yaml/preview", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("plan-school-year"))
                #expect(!r.text.contains("<img"))
            }
        }
    }
}

@Suite struct WebColumnMaps {
    /// A table exported from another system is read through the map file of the same name (as `--columns`).
    @Test func anOrderWithItsColumnMapBeside() async throws {
        let folder = try WebFolder(examples: ["orders/knigozakaz.xlsx", "orders/knigozakaz.yaml", "orders/contracts.yaml"])
        defer { folder.remove() }
        try await withWeb(folder) { client, web in
            let entries = try web.catalog.entries()
            #expect(entries.first { $0.entry.name == "knigozakaz.xlsx" }?.kind == .order)
            #expect(entries.first { $0.entry.name == "knigozakaz.yaml" }?.kind == .columnMap)
            try await client.execute(uri: "/d/knigozakaz.xlsx/download/zip?contracts=contracts.yaml&as=docx", method: .get) { r in
                #expect(r.status == .ok, "\(r.text.prefix(1000))")
                let zip = try ZipArchive(bytes: Array(r.body.readableBytesView))
                #expect(zip.entries.filter { $0.name.hasSuffix(".docx") }.count == 5)
            }
        }
        // Without the map the same table is not an order.
        let bare = try WebFolder(examples: ["orders/knigozakaz.xlsx"])
        defer { bare.remove() }
        try await withWeb(bare) { _, web in
            let kind = try web.catalog.entries().first?.kind
            #expect(kind != .order)
        }
    }
}
