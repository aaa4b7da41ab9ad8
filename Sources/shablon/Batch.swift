import ArgumentParser
import Dispatch
import Foundation
import Shablon
import ShablonData
import ShablonEngine
import ShablonZip
#if canImport(Glibc)
import Glibc
import ShablonRussian
#endif

/// Rows of data for a batch: a CSV or XLSX table, or a JSON/YAML list of maps.
struct BatchRows {
    var rows: [Value]
    /// The row number a person sees (spreadsheet row, list position).
    var numbers: [Int]

    static func load(_ path: String, sheet: String?, limits: ZipLimits, dataLimits: DataLimits = DataLimits()) throws(Problems) -> BatchRows {
        let bytes = try Files.read(path, limit: 1 << 30)
        let ext = Paths.fileExtension(of: path).lowercased()
        if ext == "csv" || ext == "xlsx" || SpreadsheetLoader.isZip(bytes) {
            let t = try SpreadsheetLoader.table(bytes: bytes, sheet: sheet, limits: limits, dataLimits: dataLimits)
            return BatchRows(rows: t.rows.map { .map($0) }, numbers: t.rowNumbers)
        }
        let loaded = try DataLoader.load(bytes, positions: false, limits: dataLimits)
        guard case .list(let items) = loaded.value else {
            throw Problems([Problem(code: "batch-not-a-list", file: path,
                                    message: LocalizedText(ru: "данные для пакета должны быть списком (строки таблицы)",
                                                           en: "batch data must be a list (the table's rows)"),
                                    hint: LocalizedText(ru: "Дайте CSV, XLSX или список YAML/JSON, где каждый элемент — данные одного документа.",
                                                        en: "Give CSV, XLSX or a YAML/JSON list with one item per document."))])
        }
        return BatchRows(rows: items, numbers: Array(1...max(1, items.count)).prefix(items.count).map { $0 })
    }

    /// True when the path is read as a table (CSV or XLSX) rather than as YAML or JSON data.
    static func isTable(_ path: String) -> Bool {
        ["csv", "xlsx"].contains(Paths.fileExtension(of: path).lowercased())
    }

    /// A row's problems as `batch` and `check` report them: a problem found in the template names the
    /// template, the others the table; the row is named in the message.
    func label(_ items: [Problem], row i: Int, table: String, template: String) -> [Problem] {
        let source = Paths.name(of: table)
        return items.inFile { $0.part != nil ? template : table }.map { p in
            var p = p
            p.message.ru = "строка \(numbers[i]) таблицы «\(source)»: " + p.message.ru
            p.message.en = "row \(numbers[i]) of '\(source)': " + p.message.en
            return p
        }
    }
}

/// Shows progress on a terminal (stderr), never in a pipe or a log.
final class Progress: @unchecked Sendable {
    private let total: Int
    private let enabled = isatty(2) != 0
    private let lock = NSLock()
    private var done = 0
    private var last = 0.0
    private let english: Bool

    init(total: Int, english: Bool) {
        self.total = total
        self.english = english
    }

    func step() {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        done += 1
        let now = Date().timeIntervalSince1970
        guard done == total || now - last > 0.1 else { return }
        last = now
        let text = english ? "\rDocuments: \(done) of \(total)" : "\rДокументов: \(done) из \(total)"
        FileHandle.standardError.write(Data(text.utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

struct Batch: TakesOutputFormat {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Заполняет шаблон для каждой строки таблицы (CSV, XLSX или список YAML/JSON): один документ на строку.")

    @Argument(help: "Шаблон .docx или .odt.")
    var template: String

    @Argument(help: "Таблица: CSV, XLSX или список в YAML/JSON; каждая строка — данные одного документа.")
    var table: String

    @Option(name: .long, help: "Имя файла из данных строки, например \"{{школа}}\" (расширение добавляется само).")
    var name: String

    @Option(name: .shortAndLong, help: "Папка для документов (создаётся, если её нет, а родительская папка есть).")
    var output: String

    @Option(name: .long, help: "Формат документов: docx, odt (как шаблон) или pdf.")
    var to: OutputFormat?

    @Option(name: .long, help: "Лист книги XLSX (по умолчанию первый).")
    var sheet: String?

    @Option(name: .long, help: "Один документ на группу строк с одинаковым значением в этом столбце: данные — поля первой строки группы, «группа» (значение) и «строки» (все её строки).")
    var groupBy: String?

    @Option(name: .long, help: "Сколько документов делать одновременно (по умолчанию — по числу ядер); для PDF — сколько LibreOffice держать запущенными.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Отсутствующие в данных поля печатать пустыми, а не считать ошибкой.")
    var allowMissing = false

    @OptionGroup var options: CommonOptions

    func validate() throws {
        guard jobs >= 1 && jobs <= 256 else { throw ValidationError(options.english ? "--jobs: 1 to 256." : "--jobs: от 1 до 256.") }
    }

    func run() throws {
        let to = outputFormat()?.rawValue
        var problems: [Problem] = []
        let t = options.openTemplate(template)
        if case .failure(let p) = t { problems += p.items }
        var pattern: NamePattern?
        do { pattern = try NamePattern(name, source: "--name") } catch { problems += error.items }
        var rows: BatchRows?
        do { rows = try BatchRows.load(table, sheet: sheet, limits: options.limits, dataLimits: options.dataLimits) } catch {
            problems += error.items.inFile(table)
        }
        if let groupBy, let loaded = rows {
            do { rows = try loaded.grouped(by: groupBy, source: table) } catch {
                problems += error.items
                rows = nil
            }
        }
        guard case .success(let tmpl) = t, let pattern, let rows else {
            try options.finish(problems)
            return
        }
        let kind: DocumentKind = to == "odt" ? .odt : to == "docx" ? .docx : tmpl.kind
        if to != nil && to != "pdf" && kind != tmpl.kind {
            options.report(Problems.usage("шаблон — \(tmpl.kind.rawValue.uppercased()), а --to \(kind.rawValue)",
                                          "the template is \(tmpl.kind.rawValue.uppercased()) but --to is \(kind.rawValue)",
                                          hintRu: "Уберите --to или возьмите шаблон .\(kind.rawValue).", hintEn: "Drop --to or use a .\(kind.rawValue) template.").items)
            throw Exit(status: .usage)
        }
        let pdf = to == "pdf"
        // What the environment lacks is said once, before any row.
        if pdf && PDFConverter.office() == nil {
            options.report([PDFConverter.missing])
            throw Exit(status: .environment)
        }
        // The folder: an existing one, or a new one whose parent exists (removed again if nothing is written).
        let set = OutputSet()
        do { try set.createFolder(output) } catch {
            options.report(error.items)
            throw Exit(status: ExitStatus(for: error.items))
        }
        let ext = pdf ? "pdf" : tmpl.kind.fileExtension

        // Names first, in row order, so that they are the same on every run.
        var namer = FileNamer()
        var given: [String?] = []
        let failures = Failures()
        for (i, row) in rows.rows.enumerated() {
            do {
                given.append(namer.name(for: try pattern.fill(row), ext: ext))
            } catch {
                given.append(nil)
                failures.add(i, error.items)
            }
        }
        let names = given
        let progress = Progress(total: rows.rows.count, english: options.english)
        let renderOptions = options.renderOptions(allowMissing: allowMissing, images: ImageLoader.resolver(base: imageBase(table)))
        let folder = output
        let archival = false
        let jobs = min(self.jobs, max(1, rows.rows.count))
        let count = rows.rows.count
        // A failure of the machine (disk, LibreOffice) stops the whole batch: nothing is written.
        let stop = Stop()
        let pool = pdf ? options.pdfPool(workers: jobs) : nil
        let work: @Sendable (Int) -> Void = { j in
            var i = j
            while i < count && !stop.isSet {
                defer { i += jobs }
                guard let fileName = names[i] else { progress.step(); continue }
                do throws(Problems) {
                    let doc = try tmpl.render(rows.rows[i], options: renderOptions)
                    let bytes = try pool?.convert(doc.bytes, kind: tmpl.kind, archival: archival) ?? doc.bytes
                    try set.stage(bytes, to: Paths.join(folder, fileName))
                } catch {
                    if ExitStatus(for: error.items) == .environment && !error.items.contains(where: { $0.code.rawValue.hasPrefix("pdf-") }) {
                        stop.set(error.items)
                    } else {
                        failures.add(i, error.items)
                    }
                }
                progress.step()
            }
        }
        DispatchQueue.concurrentPerform(iterations: jobs, execute: work)
        pool?.close()
        if let fatal = stop.problems {
            set.discard()
            options.report(fatal.inFile(output))
            options.say("Ничего не записано: пакет остановлен.", "Nothing was written: the batch was stopped.")
            throw Exit(status: .environment)
        }
        do { try set.commit() } catch {
            set.discard()
            options.report(error.items)
            options.say("Ничего не записано.", "Nothing was written.")
            throw Exit(status: ExitStatus(for: error.items))
        }

        var report: [Problem] = []
        let failed = failures.all
        for i in failed.keys.sorted() {
            report += rows.label(failed[i]!, row: i, table: table, template: template)
        }
        options.report(report)
        let written = count - failed.count
        options.say("Готово: \(written) из \(Counted.documentsOf.ru(count)) в «\(output)»" + (failed.isEmpty ? "." : "; строк с ошибками: \(failed.count)."),
                    "Done: \(written) of \(Counted.documentsOf.en(count)) in '\(output)'" + (failed.isEmpty ? "." : "; rows with errors: \(failed.count)."))
        if !failed.isEmpty { throw Exit(status: .problems) }
    }
}

/// The first failure of the machine in a batch; once set, the workers stop.
final class Stop: @unchecked Sendable {
    private let lock = NSLock()
    private var first: [Problem]?

    func set(_ problems: [Problem]) {
        lock.lock()
        if first == nil { first = problems }
        lock.unlock()
    }

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return first != nil
    }

    var problems: [Problem]? {
        lock.lock()
        defer { lock.unlock() }
        return first
    }
}

/// Problems of failed rows, collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Int: [Problem]] = [:]

    func add(_ row: Int, _ problems: [Problem]) {
        lock.lock()
        items[row] = problems
        lock.unlock()
    }

    var all: [Int: [Problem]] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}
