import Foundation
import Hummingbird
import Shablon
import ShablonData

/// The pictures of a document's pages, by document, revision and template: a save makes a new
/// revision, so an old picture is never shown for new text.
final class PreviewCache: @unchecked Sendable {
    private let lock = NSLock()
    private var pages: [String: [[UInt8]]] = [:]
    private var order: [String] = []
    /// Documents kept (each a few pages of ~50 KiB).
    let capacity = 24

    func get(_ key: String) -> [[UInt8]]? {
        lock.lock()
        defer { lock.unlock() }
        return pages[key]
    }

    func put(_ key: String, _ value: [[UInt8]]) {
        lock.lock()
        defer { lock.unlock() }
        if pages[key] == nil { order.append(key) }
        pages[key] = value
        while order.count > capacity { pages[order.removeFirst()] = nil }
    }
}

extension WebApp {
    /// The pages of the stored document as pictures, made through the PDF pool.
    func pagePictures(_ name: String, template: String?) throws(Problems) -> (revision: String, pages: [[UInt8]]) {
        guard let rev = store.revision(of: name) else { _ = try store.read(name); return ("", []) }
        let key = name + "\u{0}" + rev + "\u{0}" + (template ?? "")
        if let hit = previews.get(key) { return (rev, hit) }
        let entry = try catalog.entry(name)
        let pdf: Produced
        switch entry.kind {
        case .plan: pdf = try documents.plan(name, format: .pdf, template: template)
        case .analysis: pdf = try documents.analysis(name, format: .pdf, template: template)
        default: return (rev, [])
        }
        let pages = try PageImages.png(pdf.bytes, resolution: 70)
        previews.put(key, pages)
        return (rev, pages)
    }

    /// The preview frame: the pages as they will print, or what stops the document from printing.
    func previewPage(_ r: Request, _ ctx: WebContext) throws -> Response {
        let name = try name(ctx)
        let template = chosenTemplate(r)
        var body: String
        do {
            let (rev, pages) = try pagePictures(name, template: template)
            let t = template.map { "&template=" + Page.percentEncoded($0) } ?? ""
            body = "<div class=\"sheet-list\" id=\"pages\" data-pages=\"\(pages.count)\">" + pages.indices.map { i in
                "<img class=\"sheet\" alt=\"Страница \(i + 1)\" src=\"\(Page.link(name, "/page/\(i + 1).png"))?rev=\(escapeHTML(rev))\(t)\">"
            }.joined() + "</div>"
        } catch {
            body = "<div class=\"preview-problems\"><p class=\"notice bad\">Страницы появятся, когда документ можно будет напечатать:</p>\(Page.problems(error.items))</div>"
        }
        let html = "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"/static/app.css\"></head><body class=\"preview\">\(body)</body></html>"
        return Page.html(html)
    }

    func pageImage(_ r: Request, _ ctx: WebContext) throws -> Response {
        let name = try name(ctx)
        let file = try ctx.parameters.require("page")
        guard file.hasSuffix(".png"), let n = Int(file.dropLast(4)), n >= 1 else { throw HTTPError(.notFound) }
        let pages: [[UInt8]]
        do { pages = try pagePictures(name, template: chosenTemplate(r)).pages } catch { throw failure(error, "Страница не нарисована") }
        guard n <= pages.count else { throw HTTPError(.notFound) }
        return Response(status: .ok, headers: [.contentType: "image/png", .cacheControl: "private, max-age=3600"], body: .init(byteBuffer: ByteBuffer(bytes: pages[n - 1])))
    }
}
