import ArgumentParser
import Dispatch
import Foundation
import Shablon
import ShablonData
import ShablonEngine

/// The kind of output asked for by the extension of `-o`.
enum OutputKind {
    case document(DocumentKind)
    case pdf

    init?(path: String) {
        switch Paths.fileExtension(of: path).lowercased() {
        case "docx": self = .document(.docx)
        case "odt": self = .document(.odt)
        case "pdf": self = .pdf
        default: return nil
        }
    }
}

/// Writes a rendered document where the user asked: DOCX/ODT as it is, PDF through LibreOffice.
func writeOutput(_ doc: RenderedDocument, kind: DocumentKind, to path: String, archival: Bool, options: CommonOptions) throws {
    try writeOutputs([(doc.bytes, path)], kind: kind, archival: archival, options: options)
}

/// Writes several outputs as one set (all appear, or none): each a document's bytes, converted to PDF
/// when its path ends in `.pdf`, or written as it is.
func writeOutputs(_ outputs: [(bytes: [UInt8], path: String)], kind: DocumentKind, archival: Bool, options: CommonOptions) throws {
    let pdfs = outputs.indices.filter { if case .pdf? = OutputKind(path: outputs[$0].path) { return true } else { return false } }
    let converted = convertToPDF(pdfs.map { outputs[$0].bytes }, kind: kind, archival: archival, options: options)
    var results: [Int: Result<[UInt8], Problems>] = [:]
    for (i, r) in zip(pdfs, converted) { results[i] = r }
    let set = OutputSet()
    var failedPath = outputs.first?.path
    do throws(Problems) {
        for (i, o) in outputs.enumerated() {
            failedPath = o.path
            try set.stage(try results[i]?.get() ?? o.bytes, to: o.path)
        }
        try set.commit()
    } catch {
        set.discard()
        let items = error.items.inFile(failedPath)
        options.report(items)
        throw Exit(status: ExitStatus(for: items))
    }
}

/// Converts documents to PDF through one pool of LibreOffice workers (as many as documents, at most one
/// per core), all at once; the results in the documents' order.
func convertToPDF(_ documents: [[UInt8]], kind: DocumentKind, archival: Bool, options: CommonOptions) -> [Result<[UInt8], Problems>] {
    guard !documents.isEmpty else { return [] }
    let pool = options.pdfPool(workers: min(documents.count, ProcessInfo.processInfo.activeProcessorCount))
    defer { pool.close() }
    let results = Results<[UInt8]>(count: documents.count)
    DispatchQueue.concurrentPerform(iterations: pool.size) { first in
        for i in stride(from: first, to: documents.count, by: pool.size) {
            do throws(Problems) {
                results.set(i, .success(try pool.convert(documents[i], kind: kind, archival: archival)))
            } catch {
                results.set(i, .failure(error))
            }
        }
    }
    return results.all
}

/// Results filled in by several threads, each at its own index.
final class Results<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Result<T, Problems>?]

    init(count: Int) { items = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: Result<T, Problems>) {
        lock.lock()
        items[i] = r
        lock.unlock()
    }

    var all: [Result<T, Problems>] {
        lock.lock()
        defer { lock.unlock() }
        return items.map { $0! }
    }
}

/// Checks `-o`: a known extension that fits the template, not one of the inputs (by file identity), in
/// an existing folder.
func checkOutput(_ output: String, inputs: [String], options: CommonOptions) throws {
    guard OutputKind(path: output) != nil else {
        options.report(Problems.usage("у выходного файла «\(output)» должно быть расширение .docx, .odt или .pdf",
                                      "the output file '\(output)' must end in .docx, .odt or .pdf",
                                      hintRu: "Например: -o план.docx.", hintEn: "For example: -o plan.docx.").items)
        throw Exit(status: .usage)
    }
    try checkNotInput(output, inputs: inputs, options: options)
    do {
        try Files.checkOutputFolder(output)
    } catch {
        options.report(error.items)
        throw Exit(status: .problems)
    }
}

/// Refuses an output that is one of the inputs (or any file read so far), before any work is done.
func checkNotInput(_ output: String, inputs: [String], options: CommonOptions) throws {
    do {
        try Files.checkNotInput(output, inputs: inputs)
    } catch {
        options.report(error.items)
        throw Exit(status: .usage)
    }
}

/// Checks that an output's extension fits the template's kind.
func checkKind(_ output: String, template: DocumentKind, options: CommonOptions) throws {
    if case .document(let k)? = OutputKind(path: output), k != template {
        options.report(Problems.usage("шаблон — \(template.rawValue.uppercased()), а выходной файл — .\(k.rawValue)",
                                      "the template is \(template.rawValue.uppercased()) but the output is .\(k.rawValue)",
                                      hintRu: "Назовите выходной файл .\(template.rawValue) (или .pdf), либо возьмите шаблон .\(k.rawValue).",
                                      hintEn: "Name the output .\(template.rawValue) (or .pdf), or use a .\(k.rawValue) template.").items)
        throw Exit(status: .usage)
    }
}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Заполняет шаблон DOCX или ODT данными из YAML или JSON.")

    @Argument(help: "Шаблон .docx или .odt.")
    var template: String

    @Argument(help: "Данные: файл YAML или JSON; «-» — читать со стандартного ввода.")
    var data: String

    @Option(name: .shortAndLong, help: "Выходной файл: .docx, .odt (как шаблон) или .pdf.")
    var output: String

    @Flag(name: .long, help: "Отсутствующие в данных поля печатать пустыми, а не считать ошибкой.")
    var allowMissing = false

    @Flag(name: .long, help: "PDF в формате PDF/A-2b (для электронной подписи и архива).")
    var pdfa = false

    @OptionGroup var options: CommonOptions

    func run() throws {
        try checkOutput(output, inputs: [template, data], options: options)
        let t = options.openTemplate(template)
        let d = options.loadData(data)
        var problems: [Problem] = []
        if case .failure(let p) = t { problems += p.items }
        if case .failure(let p) = d { problems += p.items }
        guard case .success(let tmpl) = t, case .success(let value) = d else {
            try options.finish(problems)
            return
        }
        try checkKind(output, template: tmpl.kind, options: options)
        let doc: RenderedDocument
        do {
            doc = try tmpl.render(value, options: options.renderOptions(allowMissing: allowMissing, images: ImageLoader.resolver(base: imageBase(data))))
        } catch {
            try options.finish(error.items, file: template)
            return
        }
        try writeOutput(doc, kind: tmpl.kind, to: output, archival: pdfa, options: options)
        options.report((tmpl.warnings + doc.warnings).inFile(template))
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Проверяет шаблон (и, если даны, данные к нему) и сообщает обо всех ошибках сразу.")

    @Argument(help: "Шаблон .docx или .odt.")
    var template: String

    @Argument(help: "Данные YAML или JSON (необязательно): проверить, что их хватает шаблону.")
    var data: String?

    @OptionGroup var options: CommonOptions

    func run() throws {
        let t = options.openTemplate(template)
        var problems: [Problem] = []
        if case .failure(let p) = t { problems += p.items }
        if case .success(let tmpl) = t {
            problems += tmpl.warnings.map { var p = $0; p.file = template; return p }
        }
        if let data {
            switch options.loadData(data) {
            case .failure(let p): problems += p.items
            case .success(let value):
                if case .success(let tmpl) = t {
                    do {
                        _ = try tmpl.render(value, options: options.renderOptions(images: ImageLoader.resolver(base: imageBase(data))))
                    } catch {
                        problems += error.items.inFile(template)
                    }
                    // Fields the template never uses (file: the data) and tags no data provides (file: the template).
                    problems += DataUsage.problems(outline: tmpl.outline, data: value).map { p in
                        var p = p
                        p.file = p.code == "unused-field" ? data : template
                        return p
                    }
                }
            }
        }
        try options.finish(problems)
        let errors = problems.filter { $0.severity == .error }.count
        if errors == 0 {
            print(options.english ? "\(template): no problems found" : "\(template): ошибок не найдено")
        }
    }
}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Показывает теги и блоки шаблона и печатает заготовку данных (YAML), подходящую к нему.")

    @Argument(help: "Шаблон .docx или .odt.")
    var template: String

    @OptionGroup var options: CommonOptions

    func run() throws {
        let tmpl: DocumentTemplate
        switch options.openTemplate(template) {
        case .failure(let p):
            try options.finish(p.items)
            return
        case .success(let t):
            tmpl = t
        }
        let en = options.english
        let placements = ["inline": en ? "inside the paragraph" : "внутри абзаца",
                          "paragraphs": en ? "paragraphs" : "абзацы",
                          "rows": en ? "table rows" : "строки таблицы",
                          "columns": en ? "table columns" : "столбцы таблицы"]
        var out = ""
        func line(_ nodes: [OutlineNode], _ depth: Int) {
            let pad = String(repeating: "  ", count: depth)
            for n in nodes {
                switch n {
                case .value(_, _, let tag, let loc):
                    out += "\(pad)\(tag)    — \(loc.text(options.lang))\n"
                case .block(_, _, _, let tag, let loc, let placement, let body, let otherwise):
                    out += "\(pad)\(tag) [\(placements[placement] ?? placement)]    — \(loc.text(options.lang))\n"
                    line(body, depth + 1)
                    if !otherwise.isEmpty {
                        out += "\(pad){{else}}\n"
                        line(otherwise, depth + 1)
                    }
                }
            }
        }
        for (part, nodes) in tmpl.outline {
            out += "\(part):\n"
            line(nodes, 1)
        }
        if tmpl.outline.isEmpty { out += en ? "The template has no tags.\n" : "В шаблоне нет тегов.\n" }
        let skeleton = DataSkeleton.yaml(for: tmpl.outline.map(\.nodes))
        out += "\n" + (en ? "# Data skeleton (YAML):\n" : "# Заготовка данных (YAML):\n") + skeleton
        print(out, terminator: "")
    }
}
