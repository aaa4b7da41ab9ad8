import ArgumentParser
import Foundation
import Shablon
import ShablonData
import ShablonEngine
import ShablonXML
import ShablonZip

/// Exit statuses: distinct for usage errors and for problems in documents or data.
enum ExitStatus: Int32 {
    /// Everything went well.
    case ok = 0
    /// Problems in a template or in data: nothing was written.
    case problems = 1
    /// The command line itself is wrong.
    case usage = 2
    /// Something outside the inputs failed: LibreOffice missing, a disk error.
    case environment = 3
}

extension ExitStatus {
    /// The status for the most serious kind of error among the problems (`Problem.Kind`): usage, then the
    /// environment (an internal error too: the inputs are not at fault), then the inputs.
    init(for problems: [Problem]) {
        switch problems.errorKind {
        case .usage?: self = .usage
        case .environment?, .internal?: self = .environment
        case .input?: self = .problems
        case nil: self = .ok
        }
    }
}

/// Writing to the terminal (or a pipe): text from data never reaches it with control characters, which
/// could move the cursor, ring or rewrite what a person reads (ESC, BEL, NUL …); each is shown as `\u{1B}`.
enum Terminal {
    static func printable(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            let v = u.value
            if (v < 0x20 && u != "\n" && u != "\t") || (0x7F...0x9F).contains(v) {
                out.append(contentsOf: "\\u{\(String(v, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    /// Writes to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data(printable(text).utf8))
    }

    /// Writes to standard output.
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(printable(text).utf8))
    }
}

/// Warnings about the command line itself (an old spelling), said with the command's first problems —
/// in one JSON array with them — or at its end.
enum PendingWarnings {
    nonisolated(unsafe) private static var items: [Problem] = []
    private static let lock = NSLock()

    static func add(_ p: Problem) {
        lock.lock()
        items.append(p)
        lock.unlock()
    }

    static func take() -> [Problem] {
        lock.lock()
        defer { lock.unlock() }
        let all = items
        items = []
        return all
    }
}

/// A failure that has already been reported and ends the program with a status.
struct Exit: Error {
    var status: ExitStatus
}

/// How problems are printed.
enum MessageFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// What `--format` may name: the messages' format, or — kept for `spec`, where it once named the
/// documents' format — `docx`, `odt`, `pdf`, now spelt `--to` (a warning says so).
enum FormatArgument: String, ExpressibleByArgument, CaseIterable {
    case text, json, docx, odt, pdf
}

/// The format a command writes its documents in (`--to`).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case docx, odt, pdf

    /// The output kind: a document of a kind, or PDF.
    var kind: OutputKind {
        switch self {
        case .docx: return .document(.docx)
        case .odt: return .document(.odt)
        case .pdf: return .pdf
        }
    }
}

/// How messages are written: language and format (every command has these).
struct MessageOptions: ParsableArguments {
    @Option(name: .long, help: "Язык сообщений и справки: ru или en.")
    var lang: String = "ru"

    @Option(name: .long, parsing: .singleValue, help: ArgumentHelp("Формат сообщений: text (по умолчанию) или json.", valueName: "text|json"))
    var format: [FormatArgument] = []

    /// The messages' format: the last `text` or `json` given.
    var messageFormat: MessageFormat { format.contains(.json) ? .json : .text }

    /// A documents' format given with `--format` (the old spelling of `--to`), if any.
    var documentFormat: OutputFormat? { format.lazy.compactMap { OutputFormat(rawValue: $0.rawValue) }.first }

    func validate() throws {
        guard lang == "ru" || lang == "en" else {
            throw ValidationError(lang == "en" ? "--lang: ru or en." : "--lang: ru или en.")
        }
        let en = lang == "en"
        if format.filter({ OutputFormat(rawValue: $0.rawValue) != nil }).count > 1 {
            throw ValidationError(en ? "--format: one documents' format at most; it is spelt --to now (--to docx, --to odt or --to pdf)."
                                     : "--format: не больше одного формата документов; теперь он задаётся через --to (--to docx, --to odt или --to pdf).")
        }
        if format.filter({ OutputFormat(rawValue: $0.rawValue) == nil }).count > 1 {
            throw ValidationError(en ? "--format: one messages' format, text or json." : "--format: укажите один формат сообщений — text или json.")
        }
    }
}

/// Limits on what is read, written and converted (every command has these; docs/limits.md).
struct LimitOptions: ParsableArguments {
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

    @Option(name: .long, help: "Предел числа значений в файле данных (YAML, JSON) и ячеек (строк × столбцов) в таблице (CSV, XLSX).")
    var maxValues: Int = DataLoader.maxNodes

    @Option(name: .long, help: "Сколько памяти (МиБ) может занять один LibreOffice, делающий PDF; занявший больше перезапускается.")
    var pdfMemory: UInt64 = PDFPool.defaultMemoryLimit >> 20

}

/// Options every command shares: the messages' language and format, and the limits.
struct CommonOptions: ParsableArguments {
    @OptionGroup(title: "Сообщения") var messages: MessageOptions
    @OptionGroup(title: "Пределы") var limitOptions: LimitOptions

    /// `--lang`: `ru` or `en`.
    var lang: String { messages.lang }
    /// `--format` of the messages.
    var format: MessageFormat { messages.messageFormat }
    var pdfTimeout: Double { limitOptions.pdfTimeout }
    var pdfMemory: UInt64 { limitOptions.pdfMemory }

    /// Render options with the command line's output limits: a part may grow to `--max-output-size`,
    /// the whole document to `--max-package-size` (what the reader would take back).
    func renderOptions(allowMissing: Bool = false, images: (@Sendable (String) -> ImageLookup)? = nil) -> RenderOptions {
        var o = RenderOptions(allowMissing: allowMissing, images: images)
        o.allowMissingAdvice = LocalizedText(ru: "или запустите с --allow-missing", en: "or run with --allow-missing")
        o.maxOutputSize = Int(min(limitOptions.maxOutputSize, UInt64(Int.max) >> 20)) << 20
        o.maxDocumentOutputSize = Int(min(limitOptions.maxPackageSize, UInt64(Int.max) >> 20)) << 20
        return o
    }

    var limits: ZipLimits {
        var l = ZipLimits()
        l.maxEntrySize = limitOptions.maxEntrySize << 20
        l.maxTotalSize = limitOptions.maxPackageSize << 20
        l.maxRatio = limitOptions.maxRatio
        l.maxEntries = limitOptions.maxEntries
        return l
    }

    /// The limit on nodes per XML part (`--max-xml-nodes`).
    var xmlLimits: XMLLimits { XMLLimits(maxNodes: limitOptions.maxXmlNodes) }

    /// The limit on values per data file or table (`--max-values`).
    var dataLimits: DataLimits { DataLimits(maxValues: limitOptions.maxValues) }

    var english: Bool { lang == "en" }

    func validate() throws {
        let l = limitOptions, en = english
        guard l.pdfTimeout > 0 && l.pdfTimeout <= 86_400 else {
            throw ValidationError(en ? "--pdf-timeout: 1 to 86400 seconds." : "--pdf-timeout: от 1 до 86400 секунд.")
        }
        guard l.maxXmlNodes > 0, l.maxValues > 0 else {
            throw ValidationError(en ? "--max-xml-nodes, --max-values: a whole number above zero." : "--max-xml-nodes, --max-values: целое число больше нуля.")
        }
        guard l.pdfMemory >= 64 && l.pdfMemory <= 1 << 20 else {
            throw ValidationError(en ? "--pdf-memory: 64 to 1048576 MiB." : "--pdf-memory: от 64 до 1048576 МиБ.")
        }
    }

    /// A pool of at most `workers` LibreOffice workers with this command's time and memory limits; it
    /// says once, on standard error, when there is no UNO bridge.
    func pdfPool(workers: Int) -> PDFPool {
        let lang = lang, format = format
        return PDFPool(workers: workers, timeout: pdfTimeout, memoryLimit: pdfMemory << 20,
                       notify: { CommonOptions.report([$0], lang: lang, format: format) })
    }

    /// Prints problems to stderr, one line each, or as a JSON array.
    func report(_ problems: [Problem]) {
        CommonOptions.report(problems, lang: lang, format: format)
    }

    /// Prints problems to stderr in a language and format.
    static func report(_ problems: [Problem], lang: String, format: MessageFormat) {
        let problems = PendingWarnings.take() + problems
        guard !problems.isEmpty else { return }
        var text = ""
        switch format {
        case .text:
            for p in problems { text += p.line(lang) + "\n" }
        case .json:
            let items: [[String: Any]] = problems.map { p in
                var d: [String: Any] = ["severity": p.severity.rawValue, "code": p.code.rawValue, "message": p.message.text(lang)]
                if let f = p.file { d["file"] = f }
                if let part = p.part { d["part"] = part }
                if let l = p.location { d["location"] = l.text(lang) }
                if let t = p.tag { d["tag"] = t }
                if let h = p.hint { d["hint"] = h.text(lang) }
                return d
            }
            if let data = try? JSONSerialization.data(withJSONObject: items, options: [.prettyPrinted, .sortedKeys]) {
                text = String(decoding: data, as: UTF8.self) + "\n"
            }
        }
        Terminal.error(text)
    }

    /// Prints a message of the program's own (not a problem in a document) to stderr.
    func say(_ ru: String, _ en: String) {
        Terminal.error((english ? en : ru) + "\n")
    }

    /// Reports the problems and ends with `problems` when any is an error; prints warnings otherwise.
    func finish(_ problems: [Problem], file: String? = nil) throws {
        let stamped = problems.inFile(file)
        report(stamped)
        if stamped.contains(where: { $0.severity == .error }) { throw Exit(status: ExitStatus(for: stamped)) }
    }

    /// Opens and compiles a template, reporting every problem.
    func openTemplate(_ path: String) -> Result<DocumentTemplate, Problems> {
        do {
            let bytes = try Files.read(path, limit: Int(min(limits.maxTotalSize, UInt64(Int.max))))
            return .success(try DocumentTemplate(bytes: bytes, limits: limits, partLimits: xmlLimits))
        } catch {
            return .failure(Problems(error.items.inFile(path)))
        }
    }

    /// Loads a data file (YAML or JSON; `-` is standard input).
    func loadData(_ path: String) -> Result<Value, Problems> {
        do {
            let bytes = try Files.read(path, limit: 256 << 20)
            return .success(try DataLoader.load(bytes, positions: false, limits: dataLimits).value)
        } catch {
            return .failure(Problems(error.items.inFile(path == "-" ? "stdin" : path)))
        }
    }
}

extension Problems {
    static func usage(_ ru: String, _ en: String, hintRu: String, hintEn: String, code: Problem.Code = .usage) -> Problems {
        Problems([Problem(code: code, message: LocalizedText(ru: ru, en: en), hint: LocalizedText(ru: hintRu, en: hintEn))])
    }
}

/// The folder image paths in data are read from: the data file's own (the current folder for stdin).
func imageBase(_ dataPath: String) -> String {
    if dataPath == "-" { return FileManager.default.currentDirectoryPath }
    return Paths.folder(of: dataPath)
}
