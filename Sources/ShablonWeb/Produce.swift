import Foundation
import Shablon
import ShablonData
import ShablonDocuments
import ShablonEngine
import ShablonZip

/// A file the page gives away: its bytes, the name it is saved under, its media type.
public struct Produced: Sendable {
    public var bytes: [UInt8]
    public var fileName: String
    public var contentType: String
}

/// The formats a document is downloaded in.
public enum WebFormat: String, Sendable, CaseIterable {
    case docx, odt, pdf, pdfa

    var fileExtension: String { self == .pdfa ? "pdf" : rawValue }
    var contentType: String {
        switch self {
        case .docx: return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .odt: return "application/vnd.oasis.opendocument.text"
        case .pdf, .pdfa: return "application/pdf"
        }
    }
}

/// Makes the documents of the folder, as the commands do: a plan, an analysis, the specifications of an
/// order (a zip), the school reports of a statistics table (a zip). Files named inside the data (the
/// analysis's plan and tables) are read from the folder only.
public struct WebDocuments: Sendable {
    public let store: DocumentStore
    public let pool: PDFPool

    public init(store: DocumentStore, pool: PDFPool) {
        self.store = store
        self.pool = pool
    }

    /// Files named in an analysis, read from the store by name: a path that leaves the folder is refused.
    public static func files(in store: DocumentStore) -> Analysis.FileReader {
        { (name: String) throws(Problems) -> (bytes: [UInt8], name: String) in
            let plain = name.hasPrefix("./") ? String(name.dropFirst(2)) : name
            return (try store.read(plain).bytes, plain)
        }
    }

    /// The column map of a table: a map file of the folder with the table's name and .yaml/.yml
    /// (`knigozakaz.xlsx` → `knigozakaz.yaml`), read for `fields`; an empty map when there is none.
    public static func columnMap(for table: String, in store: DocumentStore, fields: [String], aliases: [String: String]) throws(Problems) -> ColumnMap {
        let base = (table as NSString).deletingPathExtension
        for ext in ["yaml", "yml"] {
            let name = base + "." + ext
            guard store.revision(of: name) != nil else { continue }
            let bytes = try store.read(name).bytes
            do { return try ColumnMap.load(try DataLoader.load(bytes), fields: fields, aliases: aliases) } catch { throw Problems(error.items.inFile(name)) }
        }
        return ColumnMap()
    }

    /// A table of the folder read through its column map.
    public static func table(_ name: String, in store: DocumentStore, fields: [String], aliases: [String: String]) throws(Problems) -> (Table, ColumnMap) {
        let map = try columnMap(for: name, in: store, fields: fields, aliases: aliases)
        let table = try SpreadsheetLoader.table(bytes: try store.read(name).bytes, sheet: map.sheet, layout: map.layout)
        return (table, map)
    }

    /// The template to fill: a district template of the folder (`template`), else the built-in `builtin`
    /// — for PDF its print variant when it has one.
    func template(_ template: String?, builtin: String, format: WebFormat) throws(Problems) -> DocumentTemplate {
        if let template {
            let (bytes, _) = try store.read(template)
            do { return try DocumentTemplate(bytes: bytes) } catch { throw Problems(error.items.inFile(template)) }
        }
        guard let t = BuiltinTemplate.named(builtin) else { throw Problems([Problem.internalError("no built-in template «\(builtin)»")]) }
        switch format {
        case .docx: return try DocumentTemplate(bytes: t.bytes(.docx))
        case .odt: return try DocumentTemplate(bytes: t.bytes(.odt))
        case .pdf, .pdfa: return try DocumentTemplate(bytes: t.printVariant ?? t.bytes(.docx))
        }
    }

    /// Renders `value` and converts it when PDF is asked for.
    func finish(_ tmpl: DocumentTemplate, _ value: Value, format: WebFormat, baseName: String) throws(Problems) -> Produced {
        let doc = try tmpl.render(value)
        let name = baseName + "." + format.fileExtension
        switch format {
        case .docx, .odt:
            guard tmpl.kind.fileExtension == format.rawValue else {
                throw Problems([Problem(code: .webFormat, message: LocalizedText(ru: "шаблон — \(tmpl.kind.fileExtension.uppercased()), а выбран \(format.rawValue.uppercased())", en: "the template is \(tmpl.kind.fileExtension.uppercased()), not \(format.rawValue.uppercased())"),
                                        hint: LocalizedText(ru: "Скачайте в формате шаблона или в PDF, либо выберите встроенный шаблон.", en: "Download in the template's format or as PDF, or choose the built-in template."))])
            }
            return Produced(bytes: doc.bytes, fileName: name, contentType: format.contentType)
        case .pdf, .pdfa:
            let pdf = try pool.convert(doc.bytes, kind: tmpl.kind, archival: format == .pdfa)
            return Produced(bytes: pdf, fileName: name, contentType: format.contentType)
        }
    }

    /// The plan stored as `name`, checked as `shablon plan` checks it.
    public func loadPlan(_ name: String) throws(Problems) -> Plan {
        let (bytes, _) = try store.read(name)
        return try Self.plan(bytes)
    }

    static func plan(_ bytes: [UInt8]) throws(Problems) -> Plan {
        try Plan.load(try DataLoader.load(bytes))
    }

    /// A plan as DOCX, ODT, PDF or PDF/A.
    public func plan(_ name: String, format: WebFormat, template: String? = nil) throws(Problems) -> Produced {
        let plan = try loadPlan(name)
        let tmpl = try self.template(template, builtin: plan.usesGeneralLayout ? "plan-full" : "plan", format: format)
        return try finish(tmpl, plan.templateValue(), format: format, baseName: Self.base(name))
    }

    /// An analysis (its plan and tables are files of the folder).
    public func analysis(_ name: String, format: WebFormat, template: String? = nil) throws(Problems) -> Produced {
        let (bytes, _) = try store.read(name)
        let analysis = try Analysis.load(try DataLoader.load(bytes), files: Self.files(in: store))
        let tmpl = try self.template(template, builtin: "analysis", format: format)
        return try finish(tmpl, analysis.templateValue(), format: format, baseName: Self.base(name))
    }

    /// The specifications of an order, one per publisher, as a zip of DOCX (with the contract details of
    /// `contracts` when given).
    public func specifications(_ name: String, contracts: String?, format: WebFormat = .docx) throws(Problems) -> Produced {
        var details = ContractDetails()
        if let contracts { details = try ContractDetails.load(try DataLoader.load(try store.read(contracts).bytes)) }
        let (table, map) = try Self.table(name, in: store, fields: ColumnMap.orderFields, aliases: ColumnMap.orderAliases)
        details.columns.merge(map.orderColumns) { _, mapped in mapped }
        let order = try TextbookOrder.load(table, columns: details.columns)
        let specs = Specification.make(from: order, vat: details.vatMode(for:))
        let tmpl = try template(nil, builtin: "specification", format: format)
        var namer = FileNamer()
        var files: [(String, [UInt8])] = []
        for spec in specs {
            let p = try finish(tmpl, spec.templateValue(details), format: format, baseName: "Спецификация — " + spec.printedPublisher)
            files.append((namer.name(for: "Спецификация — " + spec.printedPublisher, ext: format.fileExtension), p.bytes))
        }
        let names = files.map(\.0)
        files.append(("Сводка по контрактам.csv", ContractSummary.csv(specs, details: details, files: names)))
        return Produced(bytes: try Self.zip(files), fileName: Self.base(name) + " — спецификации.zip", contentType: "application/zip")
    }

    /// The school reports of a statistics table, one DOCX per row, as a zip.
    public func schoolReports(_ name: String, format: WebFormat = .docx) throws(Problems) -> Produced {
        let (table, _) = try Self.table(name, in: store, fields: ColumnMap.statisticsFields, aliases: ColumnMap.statisticsAliases)
        let tmpl = try template(nil, builtin: "school-report", format: format)
        var namer = FileNamer()
        var files: [(String, [UInt8])] = []
        for row in table.rows {
            var school = "школа"
            if case .string(let s)? = row["школа"] { school = s }
            let p = try finish(tmpl, .map(row), format: format, baseName: school)
            files.append((namer.name(for: school, ext: format.fileExtension), p.bytes))
        }
        return Produced(bytes: try Self.zip(files), fileName: Self.base(name) + " — отчёты школ.zip", contentType: "application/zip")
    }

    static func base(_ name: String) -> String { (name as NSString).deletingPathExtension }

    static func zip(_ files: [(String, [UInt8])]) throws(Problems) -> [UInt8] {
        do {
            let w = try ZipWriter()
            for (n, b) in files { try w.add(n, b, compression: .deflate(level: 6)) }
            return try w.finish()
        } catch {
            throw Problems([Problem.internalError(error)])
        }
    }
}
