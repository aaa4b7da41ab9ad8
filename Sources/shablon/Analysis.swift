import ArgumentParser
import Foundation
import Shablon
import ShablonData
import ShablonDocuments
import ShablonEngine

struct AnalysisCommand: ShablonSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "analysis",
        abstract: "Составляет анализ работы за учебный год: итоги плана, заседания, конкурсы, статистика библиотек и обеспеченность учебниками с диаграммами.",
        discussion: "С --schools-data записывает ещё и данные каждой школы (JSON) для отчётов школ: shablon templates export school-report -o отчёт.docx, затем shablon batch отчёт.docx ШКОЛЫ.json --name \"{{школа}}\" -o ПАПКА.")

    @Argument(help: "Данные анализа: YAML или JSON; «-» — стандартный ввод (тогда пути к плану и таблицам — от текущей папки).")
    var data: String

    @Option(name: .shortAndLong, help: "Выходной файл: .docx, .odt или .pdf.")
    var output: String

    @Option(name: .long, help: "Свой шаблон .docx или .odt вместо встроенного (см. shablon templates export analysis).")
    var template: String?

    @Option(name: .long, help: "Куда записать данные школ (JSON) для отчётов школ через shablon batch.")
    var schoolsData: String?

    @Flag(name: .long, help: "PDF в формате PDF/A-2b (для электронной подписи и архива).")
    var pdfa = false

    @Flag(name: .long, help: "Отсутствующие в данных поля печатать пустыми, а не считать ошибкой.")
    var allowMissing = false

    @OptionGroup var columnMap: ColumnMapOptions

    @OptionGroup var options: CommonOptions

    func run() throws {
        try checkOutput(output, inputs: [data] + (template.map { [$0] } ?? []) + (columnMap.columns.map { [$0] } ?? []), options: options)
        if let schoolsData {
            guard ["json", "yaml", "yml"].contains(Paths.fileExtension(of: schoolsData).lowercased()) else {
                options.report(Problems.usage("данные школ записываются в файл .json", "the schools' data is written to a .json file",
                                              hintRu: "Например: --schools-data школы.json.", hintEn: "For example: --schools-data schools.json.").items)
                throw Exit(status: .usage)
            }
            if Files.sameFile(schoolsData, output) {
                options.report(Problems.usage("«\(schoolsData)» совпадает с выходным файлом", "'\(schoolsData)' is the output file",
                                              hintRu: "Укажите в --schools-data другое имя.", hintEn: "Give another name with --schools-data.").items)
                throw Exit(status: .usage)
            }
            try checkNotInput(schoolsData, inputs: [data] + (template.map { [$0] } ?? []), options: options)
            do { try Files.checkOutputFolder(schoolsData) } catch {
                options.report(error.items)
                throw Exit(status: .problems)
            }
        }
        // How the statistics tables are read (`--columns`, `--column`).
        let (map, mapProblems) = try columnMap.load(fields: ColumnMap.statisticsFields, aliases: ColumnMap.statisticsAliases, sheet: nil, options: options)
        var inputs = Collected()
        inputs.add(mapProblems)
        var analysis: Analysis?
        if let loaded = inputs.take(loadPositioned(data, options: options)) {
            do {
                analysis = try Analysis.load(loaded, files: Analysis.files(relativeTo: data), limits: options.limits, dataLimits: options.dataLimits,
                                             columns: map)
            } catch {
                inputs.add(error.items, file: data)
            }
        }
        let tmpl = inputs.take(documentTemplate(template, builtin: "analysis", output: output, options: options))
        guard let analysis, let tmpl, mapProblems.isEmpty else {
            try options.finish(inputs.problems)
            return
        }
        // The document and the schools' data appear together or not at all; neither may be an input
        // (the plan and the tables the data names are inputs too).
        let companions = schoolsData.map { [(Array(analysis.schoolRecordsJSON().utf8), $0)] } ?? []
        try DocumentJob(options: options, output: output, source: template ?? "analysis", allowMissing: allowMissing, pdfa: pdfa).run(tmpl, analysis.templateValue(), companions: companions)
    }
}
