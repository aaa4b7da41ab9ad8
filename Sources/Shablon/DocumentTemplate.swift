import Foundation
import ShablonData
import ShablonEngine
import ShablonXML
import ShablonZip

/// The kind of document a template is.
public enum DocumentKind: String, Sendable {
    /// Office Open XML (Word).
    case docx
    /// OpenDocument Text (LibreOffice).
    case odt

    /// The file extension, without the dot.
    public var fileExtension: String { rawValue }
}

/// A filled document.
public struct RenderedDocument: Sendable {
    /// The package bytes, ready to write.
    public var bytes: [UInt8]
    /// Warnings (a value with control characters, …). Errors are thrown instead.
    public var warnings: [Problem]
}

/// Шаблон документа: a DOCX or ODT template, opened and compiled once, rendered any number of times
/// (from any number of threads).
public final class DocumentTemplate: @unchecked Sendable {
    /// The package format: DOCX or ODT.
    public let format: PackageFormat
    /// DOCX or ODT.
    public var kind: DocumentKind { format.kind }
    /// The main text part (`word/document.xml`, `content.xml`): where chart tags are looked for.
    let main: String
    /// The templated parts, in package order.
    public let parts: [PartTemplate]
    /// Warnings found while compiling.
    public let warnings: [Problem]
    private let bytes: [UInt8]
    private let limits: ZipLimits
    private let partLimits: XMLLimits
    private let entryNames: [String]
    private let byName: [String: PartTemplate]
    /// The archive the template was read with, lent to one render at a time.
    private let spare: SpareArchive
    /// DOCX: the first free numbering id when a loop restarts numbered lists (0: none needed).
    private let numberingBase: Int

    /// The deflate level of rendered parts: 1. Measured on the benchmark plan (`make bench`): level 6
    /// makes a 40-event plan 5 % smaller (3.3 vs 3.5 KB) and a 10 000-event one 24 % smaller, but costs
    /// 12 % and 30 % more time; documents are a few kilobytes, so speed wins. Untouched parts keep
    /// their own compression (they are copied, not recompressed).
    public static let defaultDeflateLevel = 1

    /// Opens and compiles a template from its bytes. Throws every problem found in every part; a part
    /// with more XML nodes than `partLimits` allow is `xml-too-large` (the engine's working tree takes a
    /// few hundred bytes a node, so the limit is what keeps a small, hostile file from filling memory).
    public init(bytes: [UInt8], limits: ZipLimits = ZipLimits(), partLimits: XMLLimits = XMLLimits()) throws(Problems) {
        let package = try DocumentPackage(bytes: bytes, limits: limits, partLimits: partLimits)
        let archive = package.archive
        let format = package.format
        var problems = package.problems
        var compiled: [PartTemplate] = []
        var warnings: [Problem] = []
        for (name, dialect) in package.parts {
            do {
                switch try PartTemplate.compile(bytes: archive.read(name), part: name, dialect: dialect, limits: partLimits) {
                case .success(let t):
                    if t.hasTags { compiled.append(t) }
                    warnings += t.warnings
                case .failure(let p):
                    problems += p.errors
                    warnings += p.warnings
                }
            } catch let e as ZipError {
                problems.append(e.problem())
            } catch let e as XMLParseError {
                problems.append(e.problem(part: name))
            } catch {
                problems.append(Problem.internalError(error, part: name))
            }
        }
        if !problems.isEmpty { throw Problems(problems + warnings) }
        self.format = format
        self.main = package.main
        self.parts = compiled
        self.warnings = warnings
        self.bytes = bytes
        self.limits = limits
        self.partLimits = partLimits
        self.entryNames = archive.entries.map(\.name)
        self.byName = Dictionary(compiled.map { ($0.part, $0) }, uniquingKeysWith: { a, _ in a })
        var base = 0
        if let part = format.numberingPart, compiled.contains(where: \.restartsNumbering), archive.contains(part),
           let numbering = try? XMLParser.parse(archive.read(part), limits: partLimits) {
            let ids = numbering.root.children.compactMap { $0.element }.filter { $0.name.hasSuffix("num") && !$0.name.hasSuffix("abstractNum") }
                .compactMap { e in e.attributes.first { $0.name.hasSuffix("numId") }.flatMap { Int($0.value) } }
            base = (ids.max() ?? 0) + 1
        }
        self.numberingBase = base
        self.spare = SpareArchive(archive)
    }

    /// True when the template's text may hold a chart tag (`[[диаграмма: …]]`, `[[chart: …]]`). A tag may
    /// be split across runs, so any `[` counts.
    public var mayHoldCharts: Bool { parts.contains { $0.staticMarkupContains("[") } }

    /// Everything the template asks of its data, part by part.
    public var outline: [(part: String, nodes: [OutlineNode])] { parts.map { ($0.part, $0.outline) } }

    /// Fills the template. Throws every error found in every part; on success returns the package and
    /// its warnings.
    public func render(_ data: Value, options: RenderOptions = RenderOptions(),
                       deflateLevel: Int = DocumentTemplate.defaultDeflateLevel) throws(Problems) -> RenderedDocument {
        var rendered: [String: [UInt8]] = [:]
        var problems: [Problem] = []
        var mediaByPart: [(part: String, media: [EmbeddedMedia])] = []
        var numberings: [NumberingCopy] = []
        var written = 0
        for (i, part) in parts.enumerated() {
            var o = options
            // Drawing ids must be unique in the whole document: each part gets its own range.
            o.drawingIDBase = 10_000 + i * 100_000
            o.numberingIDBase = numberingBase > 0 ? numberingBase + i * 100_000 : 0
            // The parts together stay within the document's output limit.
            o.documentOutputBefore = written
            let r = part.render(data, options: o)
            problems += r.problems
            rendered[part.part] = r.bytes
            written += r.bytes.count
            if !r.media.isEmpty { mediaByPart.append((part.part, r.media)) }
            numberings += r.numberings
            if r.problems.contains(where: { $0.code == "output-too-large" }) { break }
        }
        if problems.contains(where: { $0.severity == .error }) { throw Problems(problems) }
        do {
            // libzip archives are not shared across threads: a render borrows the archive the template was
            // read with, or opens its own view while another render holds it.
            let source = try spare.take() ?? ZipArchive(bytes: bytes, limits: limits)
            defer { spare.give(source) }
            var draft = PackageDraft(source: source, entryNames: entryNames, deflateLevel: deflateLevel)
            draft.rendered = rendered
            if !mediaByPart.isEmpty {
                try embed(mediaByPart, into: &draft)
            }
            if !numberings.isEmpty, let part = format.numberingPart {
                draft.rendered[part] = try DocumentTemplate.addNumberings(numberings, to: source.read(part), limits: partLimits)
            }
            // Charts: `[[диаграмма: путь]]` paragraphs become native charts, in every template and command.
            try ChartStage.place(in: &draft, format: format, main: main, data: data, allowMissing: options.allowMissing)
            return RenderedDocument(bytes: try draft.write(format), warnings: warnings + problems)
        } catch let e as Problems {
            throw e
        } catch let e as ZipError {
            throw Problems([e.problem()])
        } catch let e as XMLParseError {
            throw Problems([e.problem(part: "media")])
        } catch {
            throw Problems([Problem.internalError(error)])
        }
    }

    /// DOCX: adds to the numbering part one `w:num` per copy: the original's list definition, every level
    /// starting again at its own first number (`w:startOverride`).
    static func addNumberings(_ copies: [NumberingCopy], to bytes: [UInt8], limits: XMLLimits = XMLLimits()) throws -> [UInt8] {
        let doc = try XMLParser.parse(bytes, limits: limits)
        let root = doc.root
        let p = root.name.contains(":") ? String(root.name.split(separator: ":")[0]) + ":" : ""
        func attr(_ e: XMLElement, _ local: String) -> String? {
            e.attributes.first { $0.name == p + local || $0.name == local }?.value
        }
        let elements = root.children.compactMap(\.element)
        var abstractOf: [Int: String] = [:]
        for e in elements where e.name == p + "num" {
            guard let id = attr(e, "numId").flatMap({ Int($0) }),
                  let a = e.children.compactMap(\.element).first(where: { $0.name == p + "abstractNumId" }).flatMap({ attr($0, "val") }) else { continue }
            abstractOf[id] = a
        }
        var starts: [String: [(String, String)]] = [:]
        for e in elements where e.name == p + "abstractNum" {
            guard let id = attr(e, "abstractNumId") else { continue }
            starts[id] = e.children.compactMap(\.element).filter { $0.name == p + "lvl" }.compactMap { lvl in
                guard let ilvl = attr(lvl, "ilvl") else { return nil }
                let start = lvl.children.compactMap(\.element).first { $0.name == p + "start" }.flatMap { attr($0, "val") } ?? "0"
                return (ilvl, start)
            }
        }
        var added: [XMLNode] = []
        for c in copies {
            guard let a = abstractOf[c.original] else { continue }
            let num = XMLElement(p + "num", attributes: [XMLAttribute(p + "numId", String(c.id))])
            num.children.append(.element(XMLElement(p + "abstractNumId", attributes: [XMLAttribute(p + "val", a)])))
            for (ilvl, start) in starts[a] ?? [("0", "1")] {
                let o = XMLElement(p + "lvlOverride", attributes: [XMLAttribute(p + "ilvl", ilvl)])
                o.children.append(.element(XMLElement(p + "startOverride", attributes: [XMLAttribute(p + "val", start)])))
                num.children.append(.element(o))
            }
            added.append(.element(num))
        }
        // After the last w:num (w:numIdMacAtCleanup, if any, stays last).
        let at = (root.children.lastIndex { $0.element?.name == p + "num" }).map { $0 + 1 } ?? root.children.count
        root.children.insert(contentsOf: added, at: at)
        return doc.serialized()
    }

    /// Adds the media files images need, with their relationships (DOCX: the part's `.rels`, the content
    /// types) or manifest entries (ODT): pictures are compressed already, so they are stored, as suites store them.
    private func embed(_ mediaByPart: [(part: String, media: [EmbeddedMedia])], into draft: inout PackageDraft) throws {
        var files: [String: [UInt8]] = [:]
        var order: [String] = []
        func read(_ name: String) throws -> XMLDocument? { try draft.parse(name, limits: partLimits) }
        switch format.registry {
        case .relationships:
            var extensions: [String: String] = [:]
            for (part, media) in mediaByPart {
                let relsName = Paths.relationshipsPart(of: part)
                let dir = part.lastIndex(of: "/").map { String(part[..<$0]) } ?? ""
                let rels = try read(relsName) ?? XMLDocument(root: XMLElement("Relationships", attributes: [
                    XMLAttribute("xmlns", "http://schemas.openxmlformats.org/package/2006/relationships")]), standalone: true)
                let existing = Set(rels.root.children.compactMap { $0.element?[attribute: "Id"] })
                for m in media where !existing.contains(m.relationshipID) {
                    rels.root.children.append(.element(XMLElement("Relationship", attributes: [
                        XMLAttribute("Id", m.relationshipID),
                        XMLAttribute("Type", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"),
                        XMLAttribute("Target", m.name)])))
                    let full = (dir.isEmpty ? "" : dir + "/") + m.name
                    if files[full] == nil { files[full] = m.bytes; order.append(full) }
                    extensions[Paths.fileExtension(of: m.name)] = m.mediaType
                }
                draft.rendered[relsName] = rels.serialized()
            }
            if let types = try read("[Content_Types].xml") {
                let known = Set(types.root.children.compactMap { $0.element?[attribute: "Extension"]?.lowercased() })
                for (ext, type) in extensions.sorted(by: { $0.key < $1.key }) where !known.contains(ext) {
                    types.root.children.insert(.element(XMLElement("Default", attributes: [XMLAttribute("Extension", ext), XMLAttribute("ContentType", type)])), at: 0)
                }
                draft.rendered["[Content_Types].xml"] = types.serialized()
            }
        case .manifest:
            let manifestName = PackageFormat.manifestPart
            let manifest = try read(manifestName)
            let prefix = manifest?.root.name.split(separator: ":").first.map { String($0) + ":" } ?? "manifest:"
            let listed = Set(manifest?.root.children.compactMap { $0.element?[attribute: prefix + "full-path"] } ?? [])
            for (_, media) in mediaByPart {
                for m in media where files[m.name] == nil {
                    files[m.name] = m.bytes
                    order.append(m.name)
                    if !listed.contains(m.name) {
                        manifest?.root.children.append(.element(XMLElement(prefix + "file-entry", attributes: [
                            XMLAttribute(prefix + "full-path", m.name), XMLAttribute(prefix + "media-type", m.mediaType)])))
                    }
                }
            }
            if let manifest { draft.rendered[manifestName] = manifest.serialized() }
        }
        for name in order {
            if let data = files[name] { draft.added.append((name, data, .store)) }
        }
    }
}

/// One opened archive, lent to one render at a time (renders on other threads open their own).
private final class SpareArchive: @unchecked Sendable {
    private let lock = NSLock()
    private var archive: ZipArchive?
    init(_ a: ZipArchive) { archive = a }

    func take() -> ZipArchive? {
        lock.lock()
        defer { lock.unlock() }
        let a = archive
        archive = nil
        return a
    }

    func give(_ a: ZipArchive) {
        lock.lock()
        defer { lock.unlock() }
        if archive == nil { archive = a }
    }
}
