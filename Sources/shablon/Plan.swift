import ArgumentParser
import Foundation
import Shablon
import ShablonData
import ShablonDocuments
import ShablonEngine

/// Loads a data file keeping positions (for validators that report line and column).
func loadPositioned(_ path: String, options: CommonOptions) -> Result<LoadedData, Problems> {
    do {
        let bytes = try Files.read(path, limit: 256 << 20)
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

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Составляет план работы на учебный год с грифом «УТВЕРЖДАЮ» (данные — см. docs/plan-format.md).")

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
        var problems: [Problem] = []
        var plan: Plan?
        switch loadPositioned(data, options: options) {
        case .failure(let p): problems += p.items
        case .success(let loaded):
            do { plan = try Plan.load(loaded) } catch {
                problems += error.items.map { var p = $0; p.file = data; return p }
            }
        }
        let t = documentTemplate(template, builtin: "plan", output: output, options: options)
        if case .failure(let p) = t { problems += p.items }
        guard let plan, case .success(let tmpl) = t else {
            try options.finish(problems)
            return
        }
        try checkKind(output, template: tmpl.kind, options: options)
        do {
            let doc = try tmpl.render(plan.templateValue(), options: options.renderOptions(allowMissing: allowMissing, images: ImageLoader.resolver(base: imageBase(data))))
            try writeOutput(doc, kind: tmpl.kind, to: output, archival: pdfa, options: options)
            options.report((tmpl.warnings + doc.warnings).inFile(template ?? "plan"))
        } catch let e as Problems {
            try options.finish(e.items, file: template ?? "plan")
        }
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

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Сохраняет копию встроенного шаблона, чтобы изменить её в Word или LibreOffice.")

        @Argument(help: "Имя шаблона (см. shablon templates list).")
        var name: String

        @Option(name: .shortAndLong, help: "Куда сохранить: файл .docx или .odt.")
        var output: String

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
