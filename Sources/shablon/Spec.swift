import ArgumentParser
import Foundation
import Shablon
import ShablonData
import ShablonDocuments
import ShablonEngine
import ShablonXML
import ShablonRussian

struct SpecCommand: TakesOutputFormat {
    static let configuration = CommandConfiguration(
        commandName: "spec",
        abstract: "Составляет спецификации к контрактам, по одной на издательство, из централизованного заказа учебников (CSV или XLSX).",
        discussion: "Одинаковые учебники (№ в ФПУ, класс, цена) суммируются по школам; НДС 10 % в том числе; к каждой спецификации — разнарядка по школам. В папке появляются файлы «Спецификация — ИЗДАТЕЛЬСТВО.docx» и «Сводка по контрактам.csv»; сводка печатается и на экран.")

    @Argument(help: "Заказ: CSV (Windows-1251 или UTF-8, «;» или «,») или книга XLSX.")
    var order: String

    @Option(name: .shortAndLong, help: "Папка для спецификаций; создаётся, если её нет (но есть папка над ней).")
    var output: String

    @Option(name: .long, help: "Сведения о контрактах: номера, даты, заказчик и поставщики (YAML).")
    var contracts: String?

    @Option(name: .long, help: "Свой шаблон .docx или .odt вместо встроенного (см. shablon templates export specification).")
    var template: String?

    @Option(name: .long, help: "Лист книги XLSX; по умолчанию первый.")
    var sheet: String?

    @OptionGroup var columnMap: ColumnMapOptions

    @Flag(name: .long, help: "Не прикладывать разнарядку по школам.")
    var noDistribution = false

    @Flag(name: .long, help: "PDF в формате PDF/A-2b (для электронной подписи и архива).")
    var pdfa = false

    @Flag(name: .long, help: "Отсутствующие в данных поля печатать пустыми, а не считать ошибкой (для своего шаблона).")
    var allowMissing = false

    @Option(name: .long, help: "Формат спецификаций: docx (по умолчанию или как свой шаблон), odt или pdf.")
    var to: OutputFormat?

    @OptionGroup var options: CommonOptions

    /// The summary's file name inside the output folder.
    static let summaryName = "Сводка по контрактам.csv"

    func run() throws {
        let format = outputFormat()?.kind
        let orderPath = order
        // The column map (`--columns`), with `--column` and `--sheet` over it.
        let (map, mapProblems) = try columnMap.load(fields: ColumnMap.orderFields, aliases: ColumnMap.orderAliases, sheet: sheet, options: options)
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

        var problems: [Problem] = mapProblems
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
        details.columns.merge(map.orderColumns) { _, cli in cli }
        // The order.
        var loaded: TextbookOrder?
        do {
            let bytes = try Files.read(orderPath, limit: 256 << 20)
            let table = try SpreadsheetLoader.table(bytes: bytes, sheet: map.sheet, limits: options.limits, dataLimits: options.dataLimits,
                                                    layout: map.layout)
            loaded = try TextbookOrder.load(table, columns: details.columns)
        } catch {
            problems += stamp(error.items, orderPath)
        }
        // The template.
        var kind = DocumentKind.docx
        if case .document(let k)? = format { kind = k }
        var tmpl: DocumentTemplate?
        if let template {
            switch options.openTemplate(template) {
            case .failure(let p): problems += p.items
            case .success(let t):
                tmpl = t
                if case .document(let k)? = format, k != t.kind {
                    options.report(Problems.usage("шаблон — \(t.kind.rawValue.uppercased()), а --to \(k.rawValue)",
                                                  "the template is \(t.kind.rawValue.uppercased()) but --to is \(k.rawValue)",
                                                  hintRu: "Укажите --to \(t.kind.rawValue) (или pdf), либо возьмите шаблон .\(k.rawValue).",
                                                  hintEn: "Use --to \(t.kind.rawValue) (or pdf), or a .\(k.rawValue) template.").items)
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
            try checkNotInput(path, inputs: [orderPath, contracts, template, columnMap.columns].compactMap { $0 }, options: options)
        }
        if pdf {
            let converted = convertToPDF(outputs.map(\.bytes), kind: kind, archival: pdfa, options: options)
            var failed: [Problem] = []
            for (i, result) in converted.enumerated() {
                switch result {
                case .success(let bytes): outputs[i].bytes = bytes
                case .failure(let e):
                    // LibreOffice that cannot start or is missing is said once, not once per publisher.
                    let isOffice = { (p: Problem) in p.code.rawValue.hasPrefix("libreoffice-") }
                    for p in e.items.inFile({ isOffice($0) ? nil : outputs[i].path }) {
                        if isOffice(p) && failed.contains(p) { continue }
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
                    "Wrote \(Counted.specifications.en(outputs.count)) and the summary «\(SpecCommand.summaryName)» into '\(output)'.")
    }

}
