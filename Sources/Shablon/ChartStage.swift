import Foundation
import ShablonData
import ShablonXML
import ShablonZip

/// Диаграммы в документе: a stage of `DocumentTemplate.render`, after the parts are filled and before the
/// package is zipped: every paragraph of the main text whose whole text is a chart tag —
/// `[[диаграмма: путь]]` (or `[[chart: path]]`) — becomes a native chart drawn from the data at `путь` (a
/// `Chart` description): DrawingML chart parts with an embedded workbook in DOCX, an embedded chart object
/// in ODT. The tag's paragraph keeps its formatting (alignment, spacing).
///
/// The engine stays text-only and free of package work: charts are a step of the package layer, run on
/// the filled parts, so a chart tag inside a `{{#if}}` that was left out simply is not there.
enum ChartStage {
    /// Places the charts the filled main part asks for. Leaves the draft as it is when the part has no chart
    /// tag; throws every problem (a missing or malformed chart) with its paragraph.
    static func place(in draft: inout PackageDraft, format: PackageFormat, main: String, data: Value,
                      allowMissing: Bool) throws(Problems) {
        do {
            try placeCharts(in: &draft, format: format, main: main, data: data, allowMissing: allowMissing)
        } catch let e as Problems {
            throw e
        } catch let e as ZipError {
            throw Problems([e.problem()])
        } catch let e as XMLParseError {
            throw Problems([e.problem(part: main)])
        } catch {
            throw Problems([Problem(code: .chartFailed, message: LocalizedText(ru: "диаграмма не вставлена: \(error)", en: "chart not inserted: \(error)"))])
        }
    }

    /// True when the bytes may hold a chart tag: `[` followed by `[`, with only markup between.
    static func mayHaveTag(_ bytes: [UInt8]) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            if bytes[i] == UInt8(ascii: "[") {
                var j = i + 1
                while j < n && bytes[j] == UInt8(ascii: "<") {
                    while j < n && bytes[j] != UInt8(ascii: ">") { j += 1 }
                    j += 1
                }
                if j < n && bytes[j] == UInt8(ascii: "[") { return true }
            }
            i += 1
        }
        return false
    }

    /// `[[диаграмма: диаграммы.обеспеченность]]` → `диаграммы.обеспеченность`.
    static func tagPath(_ text: String) -> String? {
        guard let m = text.wholeMatch(of: /\s*\[\[\s*(?i:диаграмма|chart)\s*:?\s*([^\[\]\s]+)\s*\]\]\s*/) else { return nil }
        return String(m.1)
    }

    /// The value at a dotted path from the root of the data (`диаграммы.обеспеченность`, `charts.0`).
    static func lookup(_ path: String, in data: Value) -> Value? {
        var v = data
        for name in path.split(separator: ".") {
            switch v {
            case .map(let m):
                guard let next = m[String(name)] else { return nil }
                v = next
            case .list(let l):
                guard let i = Int(name), l.indices.contains(i) else { return nil }
                v = l[i]
            default:
                return nil
            }
        }
        return v
    }

    private struct Found {
        var paragraph: XMLElement
        var number: Int
        var text: String
        var chart: Chart?
    }

    private static func local(_ name: String) -> Substring {
        name.lastIndex(of: ":").map { name[name.index(after: $0)...] } ?? name[...]
    }

    /// The paragraphs of a part, in document order, with their text.
    private static func paragraphs(_ root: XMLElement, shape: PackageFormat.ParagraphShape) -> [(XMLElement, String)] {
        var out: [(XMLElement, String)] = []
        func text(_ e: XMLElement, _ s: inout String) {
            for c in e.children {
                switch c {
                case .text(let t) where shape.textElement == nil: s += t
                case .element(let x):
                    let l = String(local(x.name))
                    if l == shape.textElement {
                        s += x.textContent
                    } else if l == "tab" {
                        s += "\t"
                    } else if l == shape.space {
                        s += " "
                    } else if !shape.skipped.contains(l) {
                        text(x, &s)
                    }
                default: break
                }
            }
        }
        func walk(_ e: XMLElement) {
            for c in e.children {
                guard case .element(let x) = c else { continue }
                if shape.paragraphs.contains(String(local(x.name))) {
                    var s = ""
                    text(x, &s)
                    out.append((x, s))
                }
                walk(x)
            }
        }
        walk(root)
        return out
    }

    private static func placeCharts(in draft: inout PackageDraft, format: PackageFormat, main: String, data: Value, allowMissing: Bool) throws {
        guard draft.contains(main) else { return }
        let mainBytes = try draft.read(main)
        guard mayHaveTag(mainBytes) else { return }
        let doc = try XMLParser.parse(mainBytes, limits: .unlimited)
        var found: [Found] = []
        var problems: [Problem] = []
        for (i, (p, text)) in paragraphs(doc.root, shape: format.paragraphs).enumerated() {
            guard text.contains("[["), let path = tagPath(text) else { continue }
            let excerpt = text.trimmingCharacters(in: .whitespaces)
            func report(_ code: Problem.Code, _ message: LocalizedText, _ hint: LocalizedText) {
                problems.append(Problem(code: code, part: main, location: .paragraph(number: i + 1, excerpt: excerpt), tag: excerpt, message: message, hint: hint))
            }
            guard let value = lookup(path, in: data), value != .null else {
                if allowMissing {
                    found.append(Found(paragraph: p, number: i + 1, text: text, chart: nil))
                } else {
                    report(.chartMissing, LocalizedText(ru: "в данных нет диаграммы «\(path)»", en: "the data has no chart '\(path)'"),
                           LocalizedText(ru: "Путь считается от корня данных, например [[диаграмма: диаграммы.обеспеченность]]; описание диаграммы — в docs/template-language.md, раздел «Диаграммы».",
                                         en: "The path starts at the data's root, e.g. [[chart: charts.provision]]; see «Диаграммы» in docs/template-language.md."))
                }
                continue
            }
            switch Chart.from(value) {
            case .success(let chart): found.append(Found(paragraph: p, number: i + 1, text: text, chart: chart))
            case .failure(let why):
                report(.chartInvalid, LocalizedText(ru: "диаграмма «\(path)»: " + why.message.ru, en: "chart '\(path)': " + why.message.en),
                       LocalizedText(ru: "Диаграмма — набор полей тип, заголовок, подписи, ряды (см. docs/template-language.md, «Диаграммы»).",
                                     en: "A chart is a set of fields тип, заголовок, подписи, ряды (see docs/template-language.md)."))
            }
        }
        if !problems.isEmpty { throw Problems(problems) }
        if found.isEmpty { return }

        var changed: [String: [UInt8]] = [:]
        var added: [(String, [UInt8], ZipCompression)] = []
        let names = draft.names
        switch format.charts {
        case .drawingML: try placeDOCX(found, doc: doc, main: main, draft: draft, names: names, changed: &changed, added: &added)
        case .odfObject: try placeODT(found, draft: draft, names: names, changed: &changed, added: &added)
        }
        draft.rendered[main] = doc.serialized()
        for (name, bytes) in changed { draft.rendered[name] = bytes }
        for (name, bytes, compression) in added { draft.added.append((name, bytes, compression)) }
    }

    // MARK: DOCX

    private static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// The largest `wp:docPr` id in the package's Word parts, so that new drawings get fresh ids.
    private static func largestDrawingID(_ draft: PackageDraft, names: [String]) throws -> Int {
        var largest = 0
        for name in names where name.hasPrefix("word/") && name.hasSuffix(".xml") && !name.contains("/_rels/") {
            let text = String(decoding: try draft.read(name), as: UTF8.self)
            for m in text.matches(of: /docPr[^>]*?\sid="(\d+)"/) { largest = max(largest, Int(m.1) ?? 0) }
        }
        return largest
    }

    private static func placeDOCX(_ found: [Found], doc: XMLDocument, main: String, draft: PackageDraft, names: [String],
                                  changed: inout [String: [UInt8]], added: inout [(String, [UInt8], ZipCompression)]) throws {
        let folder = Paths.folder(of: main)
        let relsName = Paths.relationshipsPart(of: main)
        let rels = draft.contains(relsName) ? try XMLParser.parse(draft.read(relsName), limits: .unlimited)
            : XMLDocument(root: XMLElement("Relationships", attributes: [XMLAttribute("xmlns", "http://schemas.openxmlformats.org/package/2006/relationships")]), standalone: true)
        let usedIDs = Set(rels.root.children.compactMap { $0.element?[attribute: "Id"] })
        let types = try XMLParser.parse(draft.read(PackageFormat.docx.marker), limits: .unlimited)
        let prefix = doc.root.attributes.first { $0.name.hasPrefix("xmlns:") && $0.value == wordNamespace }.map { String($0.name.dropFirst(6)) } ?? "w"
        var drawingID = try largestDrawingID(draft, names: names)
        var chartNumber = 0
        func free(_ name: String) -> Bool { !draft.contains(name) && !added.contains { $0.0 == name } }
        for f in found {
            let p = f.paragraph
            // Keep the paragraph's properties, drop its runs.
            p.children = p.children.filter { if case .element(let e) = $0 { return local(e.name) == "pPr" } else { return false } }
            guard let chart = f.chart else { continue }
            repeat { chartNumber += 1 } while !free("\(folder)/charts/chart\(chartNumber).xml")
            let chartName = "charts/chart\(chartNumber).xml"
            var rid = "rIdChart\(chartNumber)"
            var k = 1
            while usedIDs.contains(rid) { k += 1; rid = "rIdChart\(chartNumber)_\(k)" }
            var book = "embeddings/Microsoft_Excel_Worksheet\(chartNumber).xlsx"
            while !free("\(folder)/\(book)") { k += 1; book = "embeddings/Microsoft_Excel_Worksheet\(chartNumber)_\(k).xlsx" }
            added.append(("\(folder)/\(chartName)", ChartParts.drawingML(chart, workbook: "rId1"), .deflate(level: draft.deflateLevel)))
            added.append(("\(folder)/charts/_rels/chart\(chartNumber).xml.rels", Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/package\" Target=\"../\(book)\"/>"
                + "</Relationships>").utf8), .deflate(level: draft.deflateLevel)))
            added.append(("\(folder)/\(book)", try ChartParts.workbook(chart), .store))
            rels.root.children.append(.element(XMLElement("Relationship", attributes: [
                XMLAttribute("Id", rid), XMLAttribute("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"),
                XMLAttribute("Target", chartName)])))
            types.root.children.append(.element(XMLElement("Override", attributes: [
                XMLAttribute("PartName", "/\(folder)/\(chartName)"),
                XMLAttribute("ContentType", "application/vnd.openxmlformats-officedocument.drawingml.chart+xml")])))
            drawingID += 1
            let cx = Int(chart.width * 360_000), cy = Int(chart.height * 360_000)
            let run = "<\(prefix):r xmlns:\(prefix)=\"\(wordNamespace)\"><\(prefix):drawing>"
                + "<wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
                + "<wp:extent cx=\"\(cx)\" cy=\"\(cy)\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
                + "<wp:docPr id=\"\(drawingID)\" name=\"Диаграмма \(chartNumber)\"" + (chart.title.map { " descr=\"\(ChartParts.attributeValue($0))\"" } ?? "") + "/>"
                + "<wp:cNvGraphicFramePr/>"
                + "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/chart\">"
                + "<c:chart xmlns:c=\"http://schemas.openxmlformats.org/drawingml/2006/chart\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" r:id=\"\(rid)\"/>"
                + "</a:graphicData></a:graphic></wp:inline></\(prefix):drawing></\(prefix):r>"
            p.children.append(.element(try XMLParser.parse(Array(run.utf8)).root))
        }
        if !types.root.children.contains(where: { $0.element?[attribute: "Extension"]?.lowercased() == "xlsx" }) {
            types.root.children.insert(.element(XMLElement("Default", attributes: [
                XMLAttribute("Extension", "xlsx"), XMLAttribute("ContentType", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")])), at: 0)
        }
        // A main part without relationships gets them as a new entry, after the charts.
        if draft.contains(relsName) {
            changed[relsName] = rels.serialized()
        } else {
            added.append((relsName, rels.serialized(), .deflate(level: draft.deflateLevel)))
        }
        changed[PackageFormat.docx.marker] = types.serialized()
    }

    // MARK: ODT

    private static func placeODT(_ found: [Found], draft: PackageDraft, names: [String],
                                 changed: inout [String: [UInt8]], added: inout [(String, [UInt8], ZipCompression)]) throws {
        let manifestName = PackageFormat.manifestPart
        let manifest = draft.contains(manifestName) ? try XMLParser.parse(draft.read(manifestName), limits: .unlimited) : nil
        let mp = manifest?.root.name.split(separator: ":").first.map { String($0) + ":" } ?? "manifest:"
        let listed = Set(manifest?.root.children.compactMap { $0.element?[attribute: mp + "full-path"] } ?? [])
        var number = 0
        var drawings = 0
        for f in found {
            let p = f.paragraph
            // Keep the paragraph (its style); its text goes.
            p.children = []
            guard let chart = f.chart else { continue }
            var name: String
            repeat {
                number += 1
                name = "Object \(number)"
            } while names.contains(where: { $0.hasPrefix(name + "/") }) || listed.contains(name + "/")
            added.append((name + "/content.xml", ChartParts.odfContent(chart), .deflate(level: draft.deflateLevel)))
            added.append((name + "/styles.xml", ChartParts.odfStyles(), .deflate(level: draft.deflateLevel)))
            if let manifest {
                for (path, type) in [(name + "/", "application/vnd.oasis.opendocument.chart"), (name + "/content.xml", "text/xml"), (name + "/styles.xml", "text/xml")] {
                    var attributes = [XMLAttribute(mp + "full-path", path), XMLAttribute(mp + "media-type", type)]
                    if path.hasSuffix("/") { attributes.insert(XMLAttribute(mp + "version", "1.3"), at: 1) }
                    manifest.root.children.append(.element(XMLElement(mp + "file-entry", attributes: attributes)))
                }
            }
            drawings += 1
            let frame = "<draw:frame xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" "
                + "xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
                + "draw:name=\"Диаграмма \(number)\" text:anchor-type=\"as-char\" svg:width=\"\(String(format: "%.2fcm", chart.width))\" "
                + "svg:height=\"\(String(format: "%.2fcm", chart.height))\" draw:z-index=\"\(1000 + drawings)\">"
                + "<draw:object xlink:href=\"./\(name)\" xlink:type=\"simple\" xlink:show=\"embed\" xlink:actuate=\"onLoad\"/>"
                + (chart.title.map { "<svg:title>\(escape($0))</svg:title>" } ?? "")
                + "</draw:frame>"
            p.children.append(.element(try XMLParser.parse(Array(frame.utf8)).root))
        }
        if let manifest { changed[manifestName] = manifest.serialized() }
    }

    private static func escape(_ s: String) -> String {
        var w = XMLWriter()
        w.text(s)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
