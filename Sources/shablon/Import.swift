import ArgumentParser
import Foundation
import Shablon
import ShablonData
import ShablonDocuments

/// `shablon import DOC -o PLAN.yaml`: last year's plan, as typed in Word or LibreOffice, back into data.
struct ImportCommand: ShablonSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Читает план, набранный в Word или LibreOffice (.docx, .odt), в данные плана (YAML) для shablon plan.",
        discussion: "Всё нераспознанное остаётся в данных абзацами на своём месте, а в сообщениях — что проверить (номер абзаца и начало текста).")

    @Argument(help: "Документ с планом: .docx или .odt.")
    var document: String

    @Option(name: .shortAndLong, help: "Куда записать данные: файл .yaml («-» — стандартный вывод).")
    var output: String

    @OptionGroup var options: CommonOptions

    func run() throws {
        if output != "-" {
            let ext = Paths.fileExtension(of: output).lowercased()
            guard ext == "yaml" || ext == "yml" else {
                options.report(Problems.usage("у выходного файла «\(output)» должно быть расширение .yaml",
                                              "the output file '\(output)' must end in .yaml",
                                              hintRu: "Например: -o план.yaml.", hintEn: "For example: -o plan.yaml.").items)
                throw Exit(status: .usage)
            }
            try checkNotInput(output, inputs: [document], options: options)
            do { try Files.checkOutputFolder(output) } catch {
                options.report(error.items)
                throw Exit(status: .problems)
            }
        }
        let plan: ImportedPlan
        do {
            let bytes = try Files.read(document, limit: Int(min(options.limits.maxTotalSize, UInt64(Int.max))))
            plan = try PlanImport.read(bytes, limits: ZipLimitsProxy(zip: options.limits, xml: options.xmlLimits))
        } catch {
            try options.finish(error.items, file: document)
            return
        }
        let text = PlanImport.yaml(plan, source: Paths.name(of: document))
        if output == "-" {
            Terminal.output(text)
        } else {
            do throws(Problems) { try Files.writeAtomically(Array(text.utf8), to: output) } catch { try options.finish(error.items) }
        }
        options.report(plan.problems.map { var p = $0; p.file = document; return p })
        let unclear = plan.problems.count
        if output != "-" {
            options.say("Записано: \(output)." + (unclear > 0 ? " Не распознано абзацев: \(unclear) — они в данных на своих местах, см. сообщения выше." : "")
                        + " Проверьте строки «# проверьте:», затем: shablon plan \(output) -o план.pdf",
                        "Written: \(output)." + (unclear > 0 ? " Paragraphs not recognised: \(unclear) — kept in the data in their places, see above." : "")
                        + " Check the «# проверьте:» lines, then: shablon plan \(output) -o plan.pdf")
        }
    }
}
