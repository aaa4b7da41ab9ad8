import ArgumentParser
import Foundation
import Shablon
import ShablonData
import ShablonDocuments
import ShablonEngine

/// Loads a data file keeping positions (for validators that report line and column).
func loadPositioned(_ path: String, options: CommonOptions) -> Result<LoadedData, Problems> {
    do {
        return loadPositioned(try Files.read(path, limit: dataFileLimit), from: path, options: options)
    } catch {
        return .failure(Problems(error.items.inFile(path == "-" ? "stdin" : path)))
    }
}

/// The largest data file read (256 MiB); what is inside it is bounded by `--max-values` and the like.
let dataFileLimit = 256 << 20

/// Data already read from `path`, with positions for messages.
func loadPositioned(_ bytes: [UInt8], from path: String, options: CommonOptions) -> Result<LoadedData, Problems> {
    do {
        return .success(try DataLoader.load(bytes, limits: options.dataLimits))
    } catch {
        return .failure(Problems(error.items.inFile(path == "-" ? "stdin" : path)))
    }
}

/// The template for a document command: the user's own (`--template`) or the built-in one in the
/// output's format; for PDF its print variant when it has one (an ODT, see `BuiltinTemplate.printVariant`),
/// else the DOCX.
func documentTemplate(_ custom: String?, builtin: String, output: String, options: CommonOptions) -> Result<DocumentTemplate, Problems> {
    if let custom { return options.openTemplate(custom) }
    guard let t = BuiltinTemplate.named(builtin) else {
        return .failure(Problems([Problem.internalError("no built-in template «\(builtin)»")]))
    }
    var kind = DocumentKind.docx
    let bytes: [UInt8]
    if case .document(let k)? = OutputKind(path: output) {
        kind = k
        bytes = t.bytes(k)
    } else if let print = t.printVariant {
        kind = .odt
        bytes = print
    } else {
        bytes = t.bytes(.docx)
    }
    do {
        return .success(try DocumentTemplate(bytes: bytes, limits: options.limits))
    } catch {
        return .failure(Problems(error.items.map { var p = $0; p.file = "\(builtin).\(kind.fileExtension)"; return p }))
    }
}

struct PlanCommand: ShablonSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Составляет план работы на учебный год с грифом «УТВЕРЖДАЮ» из данных плана (YAML или JSON).",
        discussion: "Свой вид плана: shablon templates export plan -o план-район.docx, правка в Word или LibreOffice, проверка — shablon check план-район.docx план.yaml, затем shablon plan план.yaml -o план.pdf --template план-район.docx.")

    @Argument(help: "Данные плана: YAML или JSON; «-» — стандартный ввод.")
    var data: String

    @Option(name: .shortAndLong, help: "Выходной файл: .docx, .odt или .pdf.")
    var output: String

    @Option(name: .long, help: "Свой шаблон .docx или .odt вместо встроенного (см. shablon templates export plan).")
    var template: String?

    @Flag(name: .long, help: "PDF в формате PDF/A-2b (для электронной подписи и архива).")
    var pdfa = false

    @Flag(name: .long, help: "Отсутствующие в данных поля печатать пустыми, а не считать ошибкой.")
    var allowMissing = false

    @OptionGroup var options: CommonOptions

    func run() throws {
        try checkOutput(output, inputs: [data] + (template.map { [$0] } ?? []), options: options)
        var inputs = Collected()
        let plan = loadPlan(data, options: options, into: &inputs)
        // The classic layouts keep their template (and their output byte for byte); any other table,
        // free paragraphs or a number row take the general one.
        let tmpl = inputs.take(documentTemplate(template, builtin: plan?.usesGeneralLayout == true ? "plan-full" : "plan", output: output, options: options))
        guard let plan, let tmpl else {
            try options.finish(inputs.problems)
            return
        }
        try DocumentJob(options: options, output: output, source: template ?? "plan", allowMissing: allowMissing, pdfa: pdfa,
                        images: ImageLoader.resolver(base: imageBase(data))).run(tmpl, plan.templateValue())
    }
}

/// Loads a plan (`shablon plan`'s data), its problems naming the file.
func loadPlan(_ path: String, options: CommonOptions, into inputs: inout Collected) -> Plan? {
    guard let loaded = inputs.take(loadPositioned(path, options: options)) else { return nil }
    do { return try Plan.load(loaded) } catch {
        inputs.add(error.items.map { var p = $0; p.file = path; return p })
        return nil
    }
}

struct Templates: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Встроенные шаблоны: список и копия для правки.",
        subcommands: [List.self, Export.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Показывает встроенные шаблоны.")

        func run() {
            for t in BuiltinTemplate.all {
                print("\(t.name)\t.docx .odt\t\(t.summary)")
            }
        }
    }

    struct Export: ShablonSubcommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Сохраняет копию встроенного шаблона, чтобы изменить её в Word или LibreOffice.")

        @Argument(help: "Имя шаблона (см. shablon templates list).")
        var name: String

        @Option(name: .shortAndLong, help: "Куда сохранить: файл .docx или .odt.")
        var output: String

        @Flag(name: .long, help: "Заменить файл, если он уже есть (без этого флага существующий файл не трогается).")
        var force = false

        @OptionGroup var options: CommonOptions

        func run() throws {
            guard let t = BuiltinTemplate.named(name) else {
                options.report(Problems.usage("нет встроенного шаблона «\(name)»", "there is no built-in template '\(name)'",
                                              hintRu: "Есть: " + BuiltinTemplate.all.map(\.name).joined(separator: ", ") + ".",
                                              hintEn: "There are: " + BuiltinTemplate.all.map(\.name).joined(separator: ", ") + ".").items)
                throw Exit(status: .usage)
            }
            guard case .document(let kind)? = OutputKind(path: output) else {
                options.report(Problems.usage("шаблон сохраняется в .docx или .odt", "a template is saved as .docx or .odt",
                                              hintRu: "Например: -o план-район.docx.", hintEn: "For example: -o my-plan.docx.").items)
                throw Exit(status: .usage)
            }
            // A template a person may have spent an afternoon on is never replaced unasked.
            if !force && FileManager.default.fileExists(atPath: output) {
                options.report([Problem(code: "output-exists", file: output,
                                        message: LocalizedText(ru: "файл «\(output)» уже есть; он не заменён", en: "'\(output)' already exists; it was not replaced"),
                                        hint: LocalizedText(ru: "Если там ваш изменённый шаблон, сохраните копию под другим именем (-o …); заменить файл — --force.",
                                                            en: "If it is your edited template, save the copy under another name (-o …); to replace it, add --force."))])
                throw Exit(status: .usage)
            }
            do {
                try Files.writeAtomically(t.bytes(kind), to: output)
            } catch {
                try options.finish(error.items)
            }
            options.say("Сохранено: \(output). Измените оформление и текст, сохраните и передайте в --template.",
                        "Saved: \(output). Change the layout and text, save, and pass it to --template.")
        }
    }
}

/// `shablon next-year`: the plan file moved on to the next academic year (see `PlanNextYear`).
struct NextYearCommand: ShablonSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "next-year",
        abstract: "Переносит план на следующий учебный год: годы и даты, очищенные гриф и протокол (файл правится точечно, комментарии остаются).")

    @Argument(help: "Данные плана (YAML).")
    var data: String

    @Option(name: .shortAndLong, help: "Куда записать план на следующий год (.yaml).")
    var output: String

    @OptionGroup var options: CommonOptions

    func run() throws {
        guard output.lowercased().hasSuffix(".yaml") || output.lowercased().hasSuffix(".yml") else {
            options.report(Problems.usage("план на следующий год записывается в .yaml, а не в «\(output)»", "the next year's plan is written as .yaml, not '\(output)'",
                                          hintRu: "Например: -o план-2025-2026.yaml.", hintEn: "For example: -o plan-2025-2026.yaml.").items)
            throw Exit(status: .usage)
        }
        try checkNotInput(output, inputs: [data], options: options)
        let bytes: [UInt8]
        do { bytes = try Files.read(data, limit: dataFileLimit) } catch { try options.finish(error.items, file: data); return }
        let text = String(decoding: bytes, as: UTF8.self)
        if text.drop(while: { $0.isWhitespace }).first == "{" {
            try options.finish([Problem(code: "next-year-format", message: LocalizedText(ru: "next-year правит только YAML, а этот файл — JSON", en: "next-year edits YAML only; this file is JSON"),
                                        hint: LocalizedText(ru: "Сохраните план в YAML (тот же формат, что читает shablon plan) или поправьте годы вручную.", en: "Save the plan as YAML (the format shablon plan reads) or move the years by hand."))], file: data)
            return
        }
        // A plan must be a plan before and after (the result renders); a district's own data file (for
        // its own template) only has to stay readable data.
        var isPlan = true
        switch loadPositioned(bytes, from: data, options: options) {
        case .failure(let p): try options.finish(p.items); return
        case .success(let loaded):
            do { _ = try Plan.load(loaded) } catch { isPlan = false }
        }
        var next = PlanNextYear.roll(text)
        if !isPlan { next.notes.insert("Это не файл плана (свои поля для своего шаблона): перенесены только годы и даты.", at: 0) }
        do {
            let loaded = try DataLoader.load(Array(next.text.utf8), limits: options.dataLimits)
            if isPlan { _ = try Plan.load(loaded) }
        } catch {
            try options.finish(error.items.map { var p = $0; p.code = "next-year-invalid"; p.hint = LocalizedText(ru: "После переноса план перестал читаться — это ошибка Shablon; поправьте годы вручную и сообщите о файле.", en: "The moved plan no longer reads — a Shablon bug; move the years by hand and report the file."); return p }, file: output)
            return
        }
        do { try Files.writeAtomically(Array(next.text.utf8), to: output) } catch { try options.finish(error.items, file: output); return }
        var lines = ["Записано: \(output). Изменения (\(next.changes.count)):"]
        for c in next.changes {
            let before = c.before.trimmingCharacters(in: .whitespaces)
            if let after = c.after { lines.append("  строка \(c.line): \(before)  →  \(after.trimmingCharacters(in: .whitespaces))") }
            else { lines.append("  строка \(c.line): удалено «\(before)»") }
        }
        lines.append("Проверьте:")
        lines += next.notes.map { "  – " + $0 }
        options.say(lines.joined(separator: "\n"), lines.joined(separator: "\n"))
    }
}
