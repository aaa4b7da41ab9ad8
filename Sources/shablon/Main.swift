import ArgumentParser
import Foundation
import Shablon

@main
struct ShablonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shablon",
        abstract: "Заполняет шаблоны DOCX и ODT данными: планы, анализы и спецификации школьных библиотекарей.",
        subcommands: [Render.self, Check.self, Inspect.self, PlanCommand.self, ImportCommand.self, NextYearCommand.self, AnalysisCommand.self, SpecCommand.self, Batch.self, Templates.self])

    static func main() {
        // First, before any other thread: Ctrl-C, kill and a closed terminal clean up before the end.
        Interrupts.install()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let e as Exit {
            Foundation.exit(e.status.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help, --version: ArgumentParser prints and exits 0.
                exit(withError: error)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == .validationFailure ? ExitStatus.usage.rawValue : ExitStatus.environment.rawValue)
        }
    }
}
