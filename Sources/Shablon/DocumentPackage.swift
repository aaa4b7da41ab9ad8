import Foundation
import ShablonData
import ShablonEngine
import ShablonXML
import ShablonZip

/// An opened DOCX or ODT package: the archive (read within the zip limits), its kind, and the parts
/// that hold text people type. Templates (`DocumentTemplate`) and the plan importer (`PlanImport`) open
/// documents through this one door, so a hostile file gets the same refusal wherever it is given.
public struct DocumentPackage {
    /// The archive, entries checked for unsafe names and sizes.
    public let archive: ZipArchive
    /// DOCX or ODT.
    public let kind: DocumentKind
    /// The text-holding parts in package order, with the dialect each is read in: DOCX — the main
    /// document, headers, footers, notes and the core properties; ODT — content.xml, styles.xml, meta.xml.
    public let parts: [(name: String, dialect: Dialect)]
    /// The main document part: `content.xml` or `word/document.xml` (or the name `[Content_Types].xml` gives).
    public let main: String
    /// Problems that do not stop reading the other parts (a missing main part): the caller reports them.
    public let problems: [Problem]
    /// The limit on XML nodes per part.
    public let partLimits: XMLLimits

    /// Opens a package. Throws when the bytes are not a usable zip, or the package is neither a DOCX
    /// nor an ODT text document.
    public init(bytes: [UInt8], limits: ZipLimits = ZipLimits(), partLimits: XMLLimits = XMLLimits()) throws(Problems) {
        let archive: ZipArchive
        do {
            archive = try ZipArchive(bytes: bytes, limits: limits)
        } catch {
            throw Problems([error.problem()])
        }
        var problems: [Problem] = []
        var targets: [(String, Dialect)] = []
        let kind: DocumentKind
        var main = "content.xml"
        if archive.contains("mimetype") {
            let mime = (try? archive.read("mimetype")).map { String(decoding: $0, as: UTF8.self) } ?? ""
            guard mime.hasPrefix("application/vnd.oasis.opendocument.text") else {
                throw Problems([Problem(code: "unsupported-document",
                                        message: LocalizedText(ru: "это не текстовый документ ODT (тип «\(mime)»)", en: "this is not an ODT text document (type '\(mime)')"),
                                        hint: LocalizedText(ru: "Шаблоны — документы .docx или .odt.", en: "Templates are .docx or .odt documents."))])
            }
            kind = .odt
            for (name, d) in [("content.xml", Dialect.odt), ("styles.xml", Dialect.odt), ("meta.xml", Dialect.properties)] where archive.contains(name) {
                targets.append((name, d))
            }
            if !archive.contains("content.xml") {
                problems.append(ZipError(.missingEntry, entry: "content.xml").problem())
            }
        } else if archive.contains("[Content_Types].xml") {
            kind = .docx
            var named: String?
            let types = try DocumentPackage.parse("[Content_Types].xml", in: archive, limits: partLimits)
            targets = DocumentTemplate.wordParts(types.root)
            named = DocumentTemplate.mainPart(types.root)
            if !targets.contains(where: { $0.1.name == "docx" && $0.0.hasSuffix("document.xml") }) && archive.contains("word/document.xml") {
                targets.insert(("word/document.xml", .docx), at: 0)
            }
            guard targets.contains(where: { $0.1.name == "docx" }) else {
                throw Problems([Problem(code: "unsupported-document",
                                        message: LocalizedText(ru: "в пакете нет документа Word (word/document.xml)", en: "the package holds no Word document (word/document.xml)"),
                                        hint: LocalizedText(ru: "Шаблоны — документы .docx или .odt; таблицы и презентации не подходят.",
                                                            en: "Templates are .docx or .odt documents; spreadsheets and presentations are not."))])
            }
            main = named ?? "word/document.xml"
            // A package that names its main document (or only headers and footers) but lacks it is broken.
            if !archive.contains(main) {
                problems.append(ZipError(.missingEntry, entry: main).problem())
            }
        } else {
            throw Problems([Problem(code: "not-a-document",
                                    message: LocalizedText(ru: "архив не похож ни на DOCX, ни на ODT", en: "the archive is neither DOCX nor ODT"),
                                    hint: LocalizedText(ru: "Откройте файл в Word или LibreOffice и сохраните как .docx или .odt.",
                                                        en: "Open the file in Word or LibreOffice and save it as .docx or .odt."))])
        }
        self.archive = archive
        self.kind = kind
        self.parts = targets.map { (name: $0.0, dialect: $0.1) }
        self.main = main
        self.problems = problems
        self.partLimits = partLimits
    }

    /// Reads and parses one part within the node limit; a missing part, a zip or an XML error is a
    /// problem naming the part (DOCTYPE and entities are refused by the parser, never resolved).
    public func parse(_ name: String) throws(Problems) -> XMLDocument {
        try DocumentPackage.parse(name, in: archive, limits: partLimits)
    }

    static func parse(_ name: String, in archive: ZipArchive, limits partLimits: XMLLimits) throws(Problems) -> XMLDocument {
        do {
            return try XMLParser.parse(archive.read(name), limits: partLimits)
        } catch let e as ZipError {
            throw Problems([e.problem()])
        } catch let e as XMLParseError {
            throw Problems([e.problem(part: name)])
        } catch {
            throw Problems([])
        }
    }
}
