import ArgumentParser
import Foundation
import Shablon
import ShablonData
import ShablonDocuments
import ShablonEngine
import ShablonXML

/// What `--format` of `shablon spec` may name: the specifications' format, or the messages' format.
enum SpecFormat: String, ExpressibleByArgument, CaseIterable {
    case docx, odt, pdf, text, json

    var document: OutputKind? {
        switch self {
        case .docx: return .document(.docx)
        case .odt: return .document(.odt)
        case .pdf: return .pdf
        case .text, .json: return nil
        }
    }
}

/// The shared options of `shablon spec`. They are those of every command, except that `--format`
/// names the specifications' format too (`docx`, `odt`, `pdf`) besides the messages' (`text`, `json`),
/// since the output is a folder with no extension to tell.
struct SpecOptions: ParsableArguments {
    @Option(name: .long, help: "Язык сообщений: ru или en.")
    var lang: String = "ru"

    @Option(name: .long, parsing: .singleValue,
            help: "Формат спецификаций (docx, odt, pdf) и/или сообщений об ошибках (text, json); можно указать оба: --format pdf --format json.")
    var format: [SpecFormat] = []

    @Option(name: .long, help: "Предел размера одной части документа после распаковки, МиБ.")
    var maxEntrySize: UInt64 = 256

    @Option(name: .long, help: "Предел размера всего документа после распаковки, МиБ.")
    var maxPackageSize: UInt64 = 1024

    @Option(name: .long, help: "Предел степени сжатия части документа.")
    var maxRatio: UInt64 = 1000

    @Option(name: .long, help: "Предел числа частей в документе.")
    var maxEntries: Int = 10_000

    @Option(name: .long, help: "Сколько секунд LibreOffice может преобразовывать один документ в PDF.")
    var pdfTimeout: Double = PDFConverter.defaultTimeout

    @Option(name: .long, help: "Предел размера одной части документа после заполнения, МиБ (всего документа — --max-package-size).")
    var maxOutputSize: UInt64 = 256

    @Option(name: .long, help: "Предел числа узлов XML (элементов, атрибутов, кусков текста) в одной части шаблона.")
    var maxXmlNodes: Int = XMLLimits.defaultMaxNodes

    @Option(name: .long, help: "Предел числа ячеек (строк × столбцов) в заказе (CSV, XLSX) и значений в сведениях о контрактах.")
    var maxValues: Int = DataLoader.maxNodes

    @Option(name: .long, help: "Сколько памяти (МиБ) может занять один LibreOffice, делающий PDF; занявший больше перезапускается.")
    var pdfMemory: UInt64 = PDFPool.defaultMemoryLimit >> 20

    func validate() throws {
        guard lang == "ru" || lang == "en" else { throw ValidationError("--lang: ru или en (ru or en).") }
        if format.filter({ $0.document != nil }).count > 1 {
            throw ValidationError("--format: укажите один формат спецификаций — docx, odt или pdf (one of docx, odt, pdf).")
        }
        if format.filter({ $0.document == nil }).count > 1 {
            throw ValidationError("--format: укажите один формат сообщений — text или json (one of text, json).")
        }
    }

    /// The specifications' format, when named.
    var documentFormat: OutputKind? { format.lazy.compactMap(\.document).first }

    /// The options every command shares, for reporting and limits.
    func common() throws -> CommonOptions {
        let messages = format.contains(.json) ? "json" : "text"
        return try CommonOptions.parse(["--lang", lang, "--format", messages, "--max-entry-size", String(maxEntrySize),
                                        "--max-package-size", String(maxPackageSize), "--max-ratio", String(maxRatio),
                                        "--max-entries", String(maxEntries), "--pdf-timeout", String(pdfTimeout),
                                        "--max-output-size", String(maxOutputSize), "--max-xml-nodes", String(maxXmlNodes),
                                        "--max-values", String(maxValues),
                                        "--pdf-memory", String(pdfMemory)])
    }
}

struct SpecCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spec",
        abstract: "Составляет спецификации к контрактам, по одной на издательство, из централизованного заказа учебников (CSV или XLSX).",
        discussion: "Одинаковые учебники (№ в ФПУ, класс, цена) суммируются по школам; НДС 10 % в том числе; к каждой спецификации — разнарядка по школам. В папке появляются файлы «Спецификация — ИЗДАТЕЛЬСТВО.docx» и «Сводка по контрактам.csv»; сводка печатается и на экран. Подробности — docs/specification.md.")

    @Argument(help: "Заказ: CSV (Windows-1251 или UTF-8, «;» или «,») или книга XLSX.")
    var order: String

    @Option(name: .shortAndLong, help: "Папка для спецификаций; создаётся, если её нет (но есть папка над ней).")
    var output: String

    @Option(name: .long, help: "Сведения о контрактах: номера, даты, заказчик и поставщики (YAML, см. docs/specification.md).")
    var contracts: String?

    @Option(name: .long, help: "Свой шаблон .docx или .odt вместо встроенного (см. shablon templates export specification).")
    var template: String?

    @Option(name: .long, help: "Лист книги XLSX; по умолчанию первый.")
    var sheet: String?

    @Option(name: .long, parsing: .singleValue,
            help: "Столбец заказа с непривычным заголовком: поле=Заголовок (поля: школа, фпу, авторы, наименование, класс, издательство, год, количество, цена, сумма); можно несколько раз.")
    var column: [String] = []

    @Flag(name: .long, help: "Не прикладывать разнарядку по школам.")
    var noDistribution = false

    @Flag(name: .long, help: "PDF в формате PDF/A-2b (для электронной подписи и архива).")
    var pdfa = false

    @Flag(name: .long, help: "Отсутствующие в данных поля печатать пустыми, а не считать ошибкой (для своего шаблона).")
    var allowMissing = false

    @OptionGroup var specOptions: SpecOptions

    /// The summary's file name inside the output folder.
    static let summaryName = "Сводка по контрактам.csv"

    /// Field names for `--column`, Russian and English.
    static let fieldNames: [String: OrderColumn] = {
        var names: [String: OrderColumn] = [:]
        for c in OrderColumn.allCases { names[c.rawValue] = c }
        let english: [String: OrderColumn] = ["school": .school, "fpu": .fpu, "authors": .authors, "title": .title, "grade": .grade,
                                              "class": .grade, "publisher": .publisher, "year": .year, "quantity": .quantity,
                                              "price": .price, "sum": .sum]
        names.merge(english) { a, _ in a }
        return names
    }()

    func run() throws {
        let options = try specOptions.common()
        let orderPath = order
        // The columns named on the command line.
        var mapping: [OrderColumn: String] = [:]
        for item in column {
            guard let eq = item.firstIndex(of: "="),
                  let field = SpecCommand.fieldNames[item[..<eq].trimmingCharacters(in: .whitespaces).lowercased()] else {
                options.report(Problems.usage("--column «\(item)»: ожидается поле=Заголовок", "--column «\(item)»: field=Header expected",
                                              hintRu: "Поля: " + OrderColumn.allCases.map(\.rawValue).joined(separator: ", ") + ". Например: --column цена=\"Стоимость 1 экз.\"",
                                              hintEn: "Fields: " + OrderColumn.allCases.map(\.rawValue).joined(separator: ", ") + ". For example: --column цена=\"Price\"").items)
                throw Exit(status: .usage)
            }
            mapping[field] = item[item.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        }
        // The output folder: an existing folder, or a new one in an existing folder.
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isFolder)
        if exists && !isFolder.boolValue {
            options.report(Problems.usage("«\(output)» — файл, а для спецификаций нужна папка", "«\(output)» is a file, but the specifications need a folder",
                                          hintRu: "Укажите в -o папку, например -o спецификации.", hintEn: "Give a folder with -o, e.g. -o specifications.").items)
            throw Exit(status: .usage)
        }
        if !exists {
            do { try Files.checkOutputFolder(output) } catch {
                options.report(error.items)
                throw Exit(status: .problems)
            }
        }

        var problems: [Problem] = []
        func stamp(_ items: [Problem], _ file: String) -> [Problem] {
            items.inFile(file)
        }
        // Contract details.
        var details = ContractDetails()
        if let contracts {
            switch loadPositioned(contracts, options: options) {
            case .failure(let p): problems += p.items
            case .success(let loaded):
                do { details = try ContractDetails.load(loaded) } catch { problems += stamp(error.items, contracts) }
            }
        }
        if noDistribution { details.distribution = false }
        details.columns.merge(mapping) { _, cli in cli }
        // The order.
        var loaded: TextbookOrder?
        do {
            let bytes = try Files.read(orderPath, limit: 256 << 20)
            let table = try SpreadsheetLoader.table(bytes: bytes, sheet: sheet, limits: options.limits, dataLimits: options.dataLimits)
            loaded = try TextbookOrder.load(table, columns: details.columns)
        } catch {
            problems += stamp(error.items, orderPath)
        }
        // The template.
        let format = specOptions.documentFormat
        var kind = DocumentKind.docx
        if case .document(let k)? = format { kind = k }
        var tmpl: DocumentTemplate?
        if let template {
            switch options.openTemplate(template) {
            case .failure(let p): problems += p.items
            case .success(let t):
                tmpl = t
                if case .document(let k)? = format, k != t.kind {
                    options.report(Problems.usage("шаблон — \(t.kind.rawValue.uppercased()), а --format \(k.rawValue)",
                                                  "the template is \(t.kind.rawValue.uppercased()) but --format is \(k.rawValue)",
                                                  hintRu: "Укажите --format \(t.kind.rawValue) (или pdf), либо возьмите шаблон .\(k.rawValue).",
                                                  hintEn: "Use --format \(t.kind.rawValue) (or pdf), or a .\(k.rawValue) template.").items)
                    throw Exit(status: .usage)
                }
                kind = t.kind
            }
        } else if let builtin = BuiltinTemplate.named("specification") {
            do { tmpl = try DocumentTemplate(bytes: builtin.bytes(kind), limits: options.limits) } catch {
                problems += error.items.map { var p = $0; p.file = "specification.\(kind.fileExtension)"; return p }
            }
        }
        guard let order = loaded, let tmpl, !problems.contains(where: { $0.severity == .error }) else {
            try options.finish(problems)
            return
        }
        let specs = Specification.make(from: order, vat: details.vatMode(for:))
        var warnings = problems + stamp(order.warnings, orderPath) + tmpl.warnings.inFile(template ?? "specification")
        if let contracts { warnings += stamp(details.unmatchedSuppliers(specs.map(\.publisher)), contracts) }

        // Render every specification before writing any: on an error nothing is written.
        let pdf: Bool
        if case .pdf? = format { pdf = true } else { pdf = false }
        let ext = pdf ? "pdf" : kind.fileExtension
        var namer = FileNamer()
        let names = specs.map { namer.name(for: "Спецификация — " + $0.printedPublisher, ext: ext) }
        var outputs: [(path: String, bytes: [UInt8])] = []
        var renderProblems: [Problem] = []
        for (spec, name) in zip(specs, names) {
            do {
                let doc = try tmpl.render(spec.templateValue(details), options: options.renderOptions(allowMissing: allowMissing))
                renderProblems += doc.warnings
                outputs.append((Paths.join(output, name), doc.bytes))
            } catch {
                renderProblems += error.items.inFile(template ?? "specification")
            }
        }
        if renderProblems.contains(where: { $0.severity == .error }) {
            try options.finish(warnings + renderProblems)
            return
        }
        warnings += renderProblems
        let summaryPath = Paths.join(output, SpecCommand.summaryName)
        for path in outputs.map(\.path) + [summaryPath] {
            try checkNotInput(path, inputs: [orderPath, contracts, template].compactMap { $0 }, options: options)
        }
        if pdf {
            let converted = convertToPDF(outputs.map(\.bytes), kind: kind, archival: pdfa, options: options)
            var failed: [Problem] = []
            for (i, result) in converted.enumerated() {
                switch result {
                case .success(let bytes): outputs[i].bytes = bytes
                case .failure(let e):
                    // LibreOffice that cannot start or is missing is said once, not once per publisher.
                    for var p in e.items {
                        if p.code.rawValue.hasPrefix("libreoffice-") {
                            if failed.contains(p) { continue }
                        } else if p.file == nil {
                            p.file = outputs[i].path
                        }
                        failed.append(p)
                    }
                }
            }
            if !failed.isEmpty {
                options.report(warnings + failed)
                throw Exit(status: .environment)
            }
        }
        // Every file, the summary last, appears at once or none does.
        let set = OutputSet()
        do throws(Problems) {
            try set.createFolder(output)
            for o in outputs { try set.stage(o.bytes, to: o.path) }
            try set.stage(ContractSummary.csv(specs, details: details, files: names), to: summaryPath)
            try set.commit()
        } catch {
            set.discard()
            options.report(warnings + error.items)
            options.say("Ничего не записано: прежние файлы в папке остались как были.", "Nothing was written: the folder's previous files are as they were.")
            throw Exit(status: ExitStatus(for: error.items))
        }
        options.report(warnings)
        Terminal.output(ContractSummary.text(specs, details: details, files: names))
        options.say("Записано спецификаций: \(outputs.count), и сводка «\(SpecCommand.summaryName)» — в папку «\(output)».",
                    "Wrote \(outputs.count) specifications and the summary «\(SpecCommand.summaryName)» into '\(output)'.")
    }

}
