import ShablonData
import ShablonEngine
import ShablonXML
import ShablonZip

/// A package format described as data, as `Dialect` describes a part's markup: how a zip is recognised
/// as this format, which parts are templates and in which dialect, which part is the main text, how the
/// package registers a file it gains (a picture, a chart), the `mimetype` rule and the numbering part.
/// `DocumentTemplate` and the chart stage read these fields; the formats are decided here, in one table.
public struct PackageFormat: Sendable {
    /// DOCX or ODT.
    public let kind: DocumentKind
    /// The entry whose presence says a zip is a package of this format.
    let marker: String
    /// Where the templated parts are listed.
    let partList: PartList
    /// How the package lists the files it holds.
    let registry: Registry
    /// ODF: the `mimetype` entry goes first in the zip and uncompressed, so that `file` and office suites
    /// recognise the package.
    let mimetypeFirst: Bool
    /// The part with the list definitions a loop restarts (WordprocessingML), if the format has one.
    let numberingPart: String?
    /// What a paragraph looks like to the chart stage (`[[диаграмма: …]]` is a paragraph's whole text).
    let paragraphs: ParagraphShape
    /// How a chart is embedded.
    let charts: ChartEmbedding

    /// Where the templated parts are listed.
    enum PartList: Sendable {
        /// Fixed names (ODF): the package's `mimetype` must start with `mimeType`.
        case fixed(main: String, parts: [(name: String, dialect: Dialect)], mimeType: String)
        /// `[Content_Types].xml` names them (OPC); `defaultMain` when it names no main document.
        case contentTypes(defaultMain: String)
    }

    /// How the package lists its files.
    enum Registry: Sendable {
        /// OPC: each part's relationships (`_rels/*.rels`) and the content types by extension.
        case relationships
        /// ODF: `META-INF/manifest.xml`.
        case manifest
    }

    /// How a chart is embedded.
    enum ChartEmbedding: Sendable {
        /// A DrawingML chart part with its workbook, drawn inline (DOCX).
        case drawingML
        /// An embedded chart object in its own folder, in a `draw:frame` (ODT).
        case odfObject
    }

    /// The elements of a paragraph's text, by local name.
    struct ParagraphShape: Sendable {
        /// Paragraph elements.
        var paragraphs: Set<String>
        /// The element holding typed text, or nil when text sits in the paragraph itself.
        var textElement: String?
        /// An element standing for one space (ODF `text:s`).
        var space: String?
        /// Elements whose text is not the paragraph's (nested paragraphs, notes).
        var skipped: Set<String>
    }

    /// OpenDocument Text.
    public static let odt = PackageFormat(
        kind: .odt, marker: "mimetype",
        partList: .fixed(main: "content.xml", parts: [("content.xml", .odt), ("styles.xml", .odt), ("meta.xml", .properties)],
                         mimeType: "application/vnd.oasis.opendocument.text"),
        registry: .manifest, mimetypeFirst: true, numberingPart: nil,
        paragraphs: ParagraphShape(paragraphs: ["p", "h"], textElement: nil, space: "s", skipped: ["p", "h", "note"]),
        charts: .odfObject)

    /// Office Open XML (Word).
    public static let docx = PackageFormat(
        kind: .docx, marker: "[Content_Types].xml",
        partList: .contentTypes(defaultMain: "word/document.xml"),
        registry: .relationships, mimetypeFirst: false, numberingPart: "word/numbering.xml",
        paragraphs: ParagraphShape(paragraphs: ["p"], textElement: "t", space: nil, skipped: ["p"]),
        charts: .drawingML)

    /// The ODF manifest: every file of the package with its media type.
    static let manifestPart = "META-INF/manifest.xml"

    /// Every format, in the order they are tried (an ODT package may also hold a `[Content_Types].xml`).
    public static let all: [PackageFormat] = [.odt, .docx]

    /// The format whose marker the archive holds.
    static func of(_ archive: ZipArchive) -> PackageFormat? { all.first { archive.contains($0.marker) } }

    /// What a template's package holds: its parts to compile, the main part, and problems that do not stop
    /// the other parts from being read (a missing main part).
    struct Layout {
        var parts: [(name: String, dialect: Dialect)]
        var main: String
        var problems: [Problem]
    }

    /// Finds the templated parts of a package of this format. Throws when the package is of this format but
    /// not a text document, or its list of parts cannot be read.
    func layout(of archive: ZipArchive, limits: XMLLimits) throws(Problems) -> Layout {
        switch partList {
        case .fixed(let main, let parts, let mimeType):
            let mime = (try? archive.read("mimetype")).map { String(decoding: $0, as: UTF8.self) } ?? ""
            guard mime.hasPrefix(mimeType) else {
                throw Problems([Problem(code: .unsupportedDocument,
                                        message: LocalizedText(ru: "это не текстовый документ ODT (тип «\(mime)»)", en: "this is not an ODT text document (type '\(mime)')"),
                                        hint: LocalizedText(ru: "Шаблоны — документы .docx или .odt.", en: "Templates are .docx or .odt documents."))])
            }
            var problems: [Problem] = []
            if !archive.contains(main) {
                problems.append(ZipError(.missingEntry, entry: main).problem())
            }
            return Layout(parts: parts.filter { archive.contains($0.name) }, main: main, problems: problems)
        case .contentTypes(let defaultMain):
            var targets: [(name: String, dialect: Dialect)]
            var main: String?
            do {
                let types = try XMLParser.parse(archive.read(marker), limits: limits)
                targets = PackageFormat.wordParts(types.root)
                main = PackageFormat.mainPart(types.root)
            } catch let e as ZipError {
                throw Problems([e.problem()])
            } catch let e as XMLParseError {
                throw Problems([e.problem(part: marker)])
            } catch {
                throw Problems([Problem.internalError(error)])
            }
            if !targets.contains(where: { $0.dialect.name == Dialect.docx.name && $0.name.hasSuffix("document.xml") }) && archive.contains(defaultMain) {
                targets.insert((defaultMain, .docx), at: 0)
            }
            guard targets.contains(where: { $0.dialect.name == Dialect.docx.name }) else {
                throw Problems([Problem(code: .unsupportedDocument,
                                        message: LocalizedText(ru: "в пакете нет документа Word (word/document.xml)", en: "the package holds no Word document (word/document.xml)"),
                                        hint: LocalizedText(ru: "Шаблоны — документы .docx или .odt; таблицы и презентации не подходят.",
                                                            en: "Templates are .docx or .odt documents; spreadsheets and presentations are not."))])
            }
            // A package that names its main document (or only headers and footers) but lacks it is broken.
            var problems: [Problem] = []
            if !archive.contains(main ?? defaultMain) {
                problems.append(ZipError(.missingEntry, entry: main ?? defaultMain).problem())
            }
            return Layout(parts: targets.filter { archive.contains($0.name) }, main: main ?? defaultMain, problems: problems)
        }
    }

    /// The WordprocessingML parts that hold text people type: the document, headers, footers, notes,
    /// and the core properties (title).
    static func wordParts(_ types: XMLElement) -> [(name: String, dialect: Dialect)] {
        var parts: [(name: String, dialect: Dialect)] = []
        for o in types.children.compactMap(\.element) where o.name.hasSuffix("Override") {
            guard var name = o[attribute: "PartName"], let type = o[attribute: "ContentType"] else { continue }
            if name.hasPrefix("/") { name.removeFirst() }
            let word = ["document.main+xml", "template.main+xml", "macroEnabled.main+xml", "header+xml", "footer+xml",
                        "footnotes+xml", "endnotes+xml"]
            if type.hasPrefix("application/vnd.openxmlformats-officedocument.wordprocessingml") || type.hasPrefix("application/vnd.ms-word"),
               word.contains(where: { type.hasSuffix($0) }) {
                parts.append((name, .docx))
            } else if type == "application/vnd.openxmlformats-package.core-properties+xml" {
                parts.append((name, .properties))
            }
        }
        return parts
    }

    /// The main document part named in `[Content_Types].xml`, if any.
    static func mainPart(_ types: XMLElement) -> String? {
        for o in types.children.compactMap(\.element) where o.name.hasSuffix("Override") {
            guard var name = o[attribute: "PartName"], let type = o[attribute: "ContentType"],
                  ["document.main+xml", "template.main+xml", "macroEnabled.main+xml"].contains(where: { type.hasSuffix($0) })
            else { continue }
            if name.hasPrefix("/") { name.removeFirst() }
            return name
        }
        return nil
    }
}

extension DocumentKind {
    /// The package format of this kind.
    public var format: PackageFormat {
        switch self {
        case .docx: return .docx
        case .odt: return .odt
        }
    }
}

/// A package being assembled from a template: the template's entries, the parts rewritten so far, and the
/// entries the stages add (pictures, charts). The stages run in turn (parts, media, numbering, charts), then
/// `write` zips it once.
struct PackageDraft {
    /// The template's archive.
    let source: ZipArchive
    /// The template's entry names, in zip order.
    let entryNames: [String]
    /// Parts written anew, by name: rewritten entries of the template, and new parts (relationships of a part
    /// that had none), which are written after the template's entries, sorted.
    var rendered: [String: [UInt8]] = [:]
    /// New entries written last, in this order.
    var added: [(name: String, bytes: [UInt8], compression: ZipCompression)] = []
    /// The deflate level of rendered parts.
    let deflateLevel: Int

    init(source: ZipArchive, entryNames: [String], deflateLevel: Int) {
        self.source = source
        self.entryNames = entryNames
        self.deflateLevel = deflateLevel
    }

    /// The entry names as they will be written.
    var names: [String] {
        let known = Set(entryNames)
        return entryNames + rendered.keys.filter { !known.contains($0) }.sorted() + added.map(\.name)
    }

    /// True when the package will hold the entry.
    func contains(_ name: String) -> Bool {
        source.contains(name) || rendered[name] != nil || added.contains { $0.name == name }
    }

    /// The current bytes of an entry.
    func read(_ name: String) throws -> [UInt8] {
        if let r = rendered[name] { return r }
        if let a = added.first(where: { $0.name == name }) { return a.bytes }
        return try source.read(name)
    }

    /// Parses a part as it stands: what the render wrote is the program's own output (no limit), what the
    /// template holds is bounded as input. Nil when there is no such part.
    func parse(_ name: String, limits: XMLLimits) throws -> XMLDocument? {
        if let r = rendered[name] { return try XMLParser.parse(r, limits: .unlimited) }
        return source.contains(name) ? try XMLParser.parse(source.read(name), limits: limits) : nil
    }

    /// Replaces a part: an entry the package holds is rewritten where it stands, a new one is added last.
    mutating func replace(_ name: String, with bytes: [UInt8], compression: ZipCompression? = nil) {
        if let i = added.firstIndex(where: { $0.name == name }) {
            added[i].bytes = bytes
        } else if source.contains(name) || rendered[name] != nil {
            rendered[name] = bytes
        } else {
            added.append((name, bytes, compression ?? .deflate(level: deflateLevel)))
        }
    }

    /// Zips the package: `mimetype` first and stored when the format asks, the template's entries in their
    /// order (rewritten or copied as they were), new parts, then the added entries.
    func write(_ format: PackageFormat) throws -> [UInt8] {
        let writer = try ZipWriter()
        var order = entryNames
        if format.mimetypeFirst, let i = order.firstIndex(of: "mimetype") {
            order.remove(at: i)
            if source.entry(named: "mimetype")?.isStored == true {
                try writer.copy("mimetype", from: source)
            } else {
                try writer.add("mimetype", source.read("mimetype"), compression: .store)
            }
        }
        let known = Set(order)
        for name in rendered.keys.sorted() where !known.contains(name) && name != "mimetype" { order.append(name) }
        for name in order {
            if let data = rendered[name] {
                try writer.add(name, data, compression: .deflate(level: deflateLevel))
            } else {
                try writer.copy(name, from: source)
            }
        }
        for a in added { try writer.add(a.name, a.bytes, compression: a.compression) }
        return try writer.finish()
    }
}
