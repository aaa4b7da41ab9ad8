import Foundation
import Testing
import Shablon
import ShablonData
import ShablonDocuments

/// The five seed plans typed as Word and LibreOffice documents (Tests/ImportFixtures, made by
/// make-fixtures.py: two layouts each) → `import` → `plan`: the share of the seed's content lines
/// found in the printed plan, and the table's columns in the same order with the same titles.
///
/// A content line is a non-empty line of the seed text (Tests/ShablonDocumentsTests/Seeds); it is
/// found when, normalised as `SeedText.normalize` does (whitespace, case, dashes, quotes, underscores,
/// the school-year separator and the order of initials), it stands in the normalised text of the DOCX
/// `plan` writes from the imported data.
@Suite struct ImportSeeds {
    static let fixtures = repository.appendingPathComponent("Tests/ImportFixtures")
    static let layouts = ["word.docx", "lo.odt"]

    static func share(_ example: (seed: String, data: String), layout: String) throws -> (share: Double, missing: [String], imported: ImportedPlan, yaml: String) {
        let bytes = try [UInt8](Data(contentsOf: fixtures.appendingPathComponent("\(example.data)-\(layout)")))
        let imported = try PlanImport.read(bytes)
        let yaml = PlanImport.yaml(imported)
        let plan = try Plan.load(DataLoader.yaml(yaml))
        let text = try documentText(renderPlan(plan, .docx), kind: .docx)
        let seed = try String(contentsOf: testsFolder.appendingPathComponent("Seeds/\(example.seed).txt"), encoding: .utf8)
            .replacingOccurrences(of: "[bookmark: _GoBack]", with: "")
        let lines = seed.split(whereSeparator: \.isNewline).filter { !SeedText.normalize(String($0)).isEmpty }
        let missing = SeedText.missing(seed: seed, in: text)
        return (Double(lines.count - missing.count) / Double(lines.count), missing, imported, yaml)
    }

    @Test(arguments: Seeds.examples)
    func atLeast98PercentOfTheSeedComesBack(example: (seed: String, data: String)) throws {
        for layout in ImportSeeds.layouts {
            let r = try ImportSeeds.share(example, layout: layout)
            print("import \(example.data)-\(layout): \(String(format: "%.1f", r.share * 100)) % of the seed's content lines" + (r.missing.isEmpty ? "" : "; missing: \(r.missing.joined(separator: " | "))"))
            #expect(r.share >= 0.98, "\(example.data)-\(layout): \(r.missing)\n\(r.yaml)")
            #expect(!r.yaml.contains("УДАЛЁННОЕ"), "a deleted revision came back")
        }
    }

    @Test(arguments: Seeds.examples)
    func theTableColumnsComeBackInOrderWithTheirTitles(example: (seed: String, data: String)) throws {
        let original = try Seeds.load(example.data)
        let value = original.templateValue()
        for layout in ImportSeeds.layouts {
            let r = try ImportSeeds.share(example, layout: layout)
            let table = try #require(r.imported.table)
            let back = try Plan.load(DataLoader.yaml(r.yaml))
            // The same column kinds in the same order, and the same printed header titles.
            #expect(table.columns.map(\.key) == ImportSeeds.layout(of: original), "\(example.data)-\(layout)")
            #expect(back.templateValue()["таблица"]?["шапка"] == value["таблица"]?["шапка"], "\(example.data)-\(layout)")
        }
    }

    /// The column kinds a plan prints, in order (what `Plan.layout` gives).
    static func layout(of plan: Plan) -> [String] {
        guard case .map(let t)? = plan.templateValue()["таблица"] else { return [] }
        let letters = t.keys.first { $0.hasPrefix("вид_") }.map { $0.dropFirst(4) } ?? ""
        let names: [Character: String] = ["н": "номер", "м": "мероприятие", "с": "сроки", "о": "ответственные"]
        return letters.compactMap { names[$0] }
    }
}
