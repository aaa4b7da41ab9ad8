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

    /// The package format (how parts, media and numbering are laid out).
    public let format: PackageFormat

    /// Opens a package. Throws when the bytes are not a usable zip, or the package is neither a DOCX
    /// nor an ODT text document.
    public init(bytes: [UInt8], limits: ZipLimits = ZipLimits(), partLimits: XMLLimits = XMLLimits()) throws(Problems) {
        let archive: ZipArchive
        do {
            archive = try ZipArchive(bytes: bytes, limits: limits)
        } catch {
            throw Problems([error.problem()])
        }
        guard let format = PackageFormat.of(archive) else {
            throw Problems([Problem(code: .notADocument,
                                    message: LocalizedText(ru: "архив не похож ни на DOCX, ни на ODT", en: "the archive is neither DOCX nor ODT"),
                                    hint: LocalizedText(ru: "Откройте файл в Word или LibreOffice и сохраните как .docx или .odt.",
                                                        en: "Open the file in Word or LibreOffice and save it as .docx or .odt."))])
        }
        let layout = try format.layout(of: archive, limits: partLimits)
        self.archive = archive
        self.format = format
        self.kind = format.kind
        self.parts = layout.parts
        self.main = layout.main
        self.problems = layout.problems
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
            throw Problems([Problem.internalError(error, part: name)])
        }
    }
}
