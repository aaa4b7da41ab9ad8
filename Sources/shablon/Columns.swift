import ArgumentParser
import Foundation
import Shablon
import ShablonData
import ShablonDocuments

/// `--columns FILE` and `--column поле=Заголовок`: how a table exported from another system is read
/// (`spec`'s order, `analysis`'s statistics tables).
struct ColumnMapOptions: ParsableArguments {
    @Option(name: .long, help: "Карта столбцов (YAML) для выгрузки из другой системы: какой столбец что содержит, строка заголовков, лист, кодировка (образец — в руководстве, раздел «Карта столбцов»).")
    var columns: String?

    @Option(name: .long, parsing: .singleValue,
            help: "Столбец с непривычным заголовком: поле=Заголовок или поле=F (буква столбца); можно несколько раз; важнее карты --columns.")
    var column: [String] = []

    /// The map: the file's, with `--column` and `sheet` over it. A malformed `--column` is a usage error
    /// (reported, then `Exit`); problems in the file are returned, with the file named.
    func load(fields: [String], aliases: [String: String], sheet: String?, options: CommonOptions) throws -> (ColumnMap, [Problem]) {
        var given: [String: String] = [:]
        for item in column {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            let key = parts.first?.lowercased() ?? ""
            guard parts.count == 2, let field = fields.contains(key) ? key : aliases[key] else {
                let list = fields.joined(separator: ", ")
                options.report(Problems.usage("--column «\(item)»: ожидается поле=Заголовок", "--column «\(item)»: field=Header expected",
                                              hintRu: "Поля: \(list). Например: --column \(fields[0])=\"Заголовок\"",
                                              hintEn: "Fields: \(list). For example: --column \(fields[0])=\"Header\"").items)
                throw Exit(status: .usage)
            }
            given[field] = parts[1]
        }
        var map = ColumnMap()
        var problems: [Problem] = []
        if let columns {
            switch loadPositioned(columns, options: options) {
            case .failure(let p): problems += p.items
            case .success(let loaded):
                do { map = try ColumnMap.load(loaded, fields: fields, aliases: aliases) } catch {
                    problems += error.items.inFile(columns)
                }
            }
        }
        return (map.overridden(columns: given, sheet: sheet), problems)
    }
}
