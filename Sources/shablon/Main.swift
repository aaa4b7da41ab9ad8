import ArgumentParser
import Foundation
import Shablon

@main
struct ShablonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shablon",
        abstract: "Заполняет шаблоны DOCX и ODT данными: планы, анализы и спецификации школьных библиотекарей.",
        version: shablonVersion,
        subcommands: [Render.self, Check.self, Inspect.self, PlanCommand.self, ImportCommand.self, NextYearCommand.self, AnalysisCommand.self, SpecCommand.self, Batch.self, Templates.self, ServeCommand.self])

    static func main() {
        // First, before any other thread: Ctrl-C, kill and a closed terminal clean up before the end.
        Interrupts.install()
        Runner.main(Array(CommandLine.arguments.dropFirst()))
    }
}
