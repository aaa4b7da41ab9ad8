import ArgumentParser
import Dispatch
import Foundation
import Shablon
import ShablonData
import ShablonDocuments
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

struct Render: ShablonSubcommand {
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
        var inputs = Collected()
        let tmpl = inputs.take(options.openTemplate(template))
        let value = inputs.take(options.loadData(data))
        guard let tmpl, let value else {
            try options.finish(inputs.problems)
            return
        }
        try DocumentJob(options: options, output: output, source: template, allowMissing: allowMissing, pdfa: pdfa,
                        images: ImageLoader.resolver(base: imageBase(data))).run(tmpl, value)
    }
}

struct Check: ShablonSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Проверяет шаблон (и, если даны, данные к нему) и сообщает обо всех ошибках сразу.",
        discussion: "Шаблон плана проверяется с данными плана так, как его заполнит shablon plan: shablon check --plan план-район.docx план.yaml (шаблон плана с данными плана узнаётся и без --plan).")

    @Argument(help: "Шаблон .docx или .odt.")
    var template: String

    @Argument(help: "Данные YAML или JSON (необязательно): проверить, что их хватает шаблону; таблица CSV или XLSX проверяется, как её заполняет batch, — каждая строка.")
    var data: String?

    @Option(name: .long, help: "Лист книги XLSX (по умолчанию первый).")
    var sheet: String?

    @Flag(name: .long, help: "Шаблон — шаблон плана, данные — план: проверить так, как план заполнит shablon plan.")
    var plan = false

    @OptionGroup var options: CommonOptions

    func run() throws {
        let t = options.openTemplate(template)
        var problems: [Problem] = []
        if case .failure(let p) = t { problems += p.items }
        if case .success(let tmpl) = t {
            problems += tmpl.warnings.map { var p = $0; p.file = template; return p }
        }
        if let data, !plan, BatchRows.isTable(data) {
            problems += checkRows(data, template: t)
        } else if let data {
            // A plan template takes the plan's fields (what `shablon plan` makes of the data), not the data.
            var value: Value?
            var asPlan = false
            if plan || (t.template.map(PlanTemplate.looksLike) ?? false) {
                var inputs = Collected()
                if let loaded = loadPlan(data, options: options, into: &inputs) {
                    value = loaded.templateValue()
                    asPlan = true
                } else if plan {
                    problems += inputs.problems
                }
            }
            if value == nil && !plan {
                switch options.loadData(data) {
                case .failure(let p): problems += p.items
                case .success(let v): value = v
                }
            }
            if let value, case .success(let tmpl) = t {
                do {
                    _ = try tmpl.render(value, options: options.renderOptions(images: ImageLoader.resolver(base: imageBase(data))))
                } catch {
                    problems += error.items.inFile(template)
                }
                // Fields the template never uses (file: the data) and tags no data provides (file: the template);
                // a plan template need not use every field of the plan.
                problems += DataUsage.problems(outline: tmpl.outline, data: value).filter { !asPlan || $0.code != "unused-field" }.map { p in
                    var p = p
                    p.file = p.code == "unused-field" ? data : template
                    if asPlan && p.code == "unknown-field" {
                        p.hint = LocalizedText(ru: "Такого поля нет среди полей плана (их список — shablon inspect --plan \(template)). Своё поле района добавьте в раздел «поля:» данных плана.",
                                               en: "The plan has no such field (the list: shablon inspect --plan \(template)). Put a district's own field under «поля:» in the plan's data.")
                    }
                    return p
                }
            }
        }
        try options.finish(problems)
        let errors = problems.filter { $0.severity == .error }.count
        if errors == 0 {
            print(options.english ? "\(template): no problems found" : "\(template): ошибок не найдено")
        }
    }

    /// A table read as `batch` reads it (encoding detected, one record per row), every row rendered as
    /// `batch` renders it; each row's problems name the row. Fields and tags are compared with the
    /// first row (every row has the table's columns).
    func checkRows(_ table: String, template t: Result<DocumentTemplate, Problems>) -> [Problem] {
        let rows: BatchRows
        do { rows = try BatchRows.load(table, sheet: sheet, limits: options.limits, dataLimits: options.dataLimits) } catch {
            return error.items.inFile(table)
        }
        guard case .success(let tmpl) = t else { return [] }
        var problems: [Problem] = []
        let renderOptions = options.renderOptions(images: ImageLoader.resolver(base: imageBase(table)))
        for (i, row) in rows.rows.enumerated() {
            do {
                let doc = try tmpl.render(row, options: renderOptions)
            } catch {
                problems += rows.label(error.items, row: i, table: table, template: template)
            }
        }
        if let first = rows.rows.first {
            problems += DataUsage.problems(outline: tmpl.outline, data: first).map { p in
                var p = p
                p.file = p.code == "unused-field" ? table : template
                return p
            }
        }
        return problems
    }
}

extension Result where Success == DocumentTemplate {
    /// The template, when it opened.
    var template: DocumentTemplate? { if case .success(let t) = self { return t } else { return nil } }
}

/// Plan templates: the fields a plan gives them, and how to tell one.
enum PlanTemplate {
    /// Names only the plan gives a template: two of them at the top level mark a plan template.
    static let marks: Set<String> = ["утверждение", "рассмотрено", "шапка", "списки", "подписи", "примечания", "концовка", "учебный_год_как_в_данных", "район_род"]

    /// The names a template uses at its top level (outside loops).
    static func topNames(_ tmpl: DocumentTemplate) -> Set<String> {
        var names: Set<String> = []
        for (_, nodes) in tmpl.outline {
            for n in nodes {
                switch n {
                case .value(let path, _, _, _), .block(_, let path, _, _, _, _, _, _):
                    if let head = path.split(separator: ".").first { names.insert(String(head)) }
                }
            }
        }
        return names
    }

    static func looksLike(_ tmpl: DocumentTemplate) -> Bool {
        topNames(tmpl).intersection(marks).count >= 2
    }

    /// The plan's fields the template uses, each with what it holds, or that the plan has no such field.
    static func fields(_ tmpl: DocumentTemplate, english: Bool) -> String {
        var out = ""
        func visit(_ v: Value, _ path: String, _ shown: String, _ depth: Int) {
            guard case .map(let m) = v else { return }
            for (k, x) in m {
                let p = path.isEmpty ? k : path + "." + k
                let label = shown.isEmpty ? k : shown + "." + k
                let pad = String(repeating: "  ", count: depth)
                if let about = Plan.templateField(p) {
                    out += "\(pad)\(label) — \(about)\n"
                } else {
                    out += "\(pad)\(label) — " + (english ? "not a field of the plan; a district's own field goes under «поля:» in the plan's data"
                                                        : "нет среди полей плана; своё поле района добавьте в раздел «поля:» данных плана") + "\n"
                    continue
                }
                switch x {
                case .map: visit(x, p, label, depth)
                case .list(let items):
                    if let item = items.first, case .map = item { visit(item, p + "[]", "", depth + 1) }
                default: break
                }
            }
        }
        visit(DataSkeleton.value(for: tmpl.outline.map(\.nodes)), "", "", 0)
        return out
    }
}

struct Inspect: ShablonSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Показывает теги и блоки шаблона и печатает заготовку данных (YAML), подходящую к нему; для шаблона плана — поля плана, которые он видит.")

    @Argument(help: "Шаблон .docx или .odt.")
    var template: String

    @Flag(name: .long, help: "Шаблон — шаблон плана: вместо заготовки данных перечислить поля плана, которые он видит (шаблон плана узнаётся и без флага).")
    var plan = false

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
        if plan || PlanTemplate.looksLike(tmpl) {
            // A plan template is filled by `shablon plan` from a plan: a skeleton of its own names would be refused.
            out += "\n" + (en ? "# A plan template: shablon plan fills it from a plan's data, not from a skeleton.\n# The plan's fields the template uses:\n"
                              : "# Шаблон плана: его заполняет shablon plan из данных плана, а не из заготовки.\n# Поля плана, которые видит шаблон:\n")
            out += PlanTemplate.fields(tmpl, english: en)
        } else {
            let skeleton = DataSkeleton.yaml(for: tmpl.outline.map(\.nodes))
            out += "\n" + (en ? "# Data skeleton (YAML):\n" : "# Заготовка данных (YAML):\n") + skeleton
        }
        print(out, terminator: "")
    }
}
