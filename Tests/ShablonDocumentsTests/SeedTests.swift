import Foundation
import Testing
import Shablon
import ShablonData
import ShablonDocuments

/// The five real plans: each example data file renders to a document holding every content line of
/// its seed (Tests/ShablonDocumentsTests/Seeds, copied from shared/seeds).
@Suite struct Seeds {
    static let examples: [(seed: String, data: String)] = [
        ("000_270c8a86a2a75769", "ponomarevsky-2023-2024"),
        ("001_812278b7d630eedf", "serpukhov-2024-2025"),
        ("002_d6d202511a08436e", "rmo-2019-2020"),
        ("003_ecb2c4bd9fba7c87", "beloyarsky-2025-2026"),
        ("004_93b64e855c604e7b", "omo-2024-2025"),
    ]

    static func load(_ name: String) throws -> Plan {
        let bytes = try [UInt8](Data(contentsOf: repository.appendingPathComponent("examples/plans/\(name).yaml")))
        return try Plan.load(DataLoader.load(bytes))
    }

    @Test(arguments: examples)
    func everySeedLineIsInTheDocument(example: (seed: String, data: String)) throws {
        let seed = try String(contentsOf: testsFolder.appendingPathComponent("Seeds/\(example.seed).txt"), encoding: .utf8)
            .replacingOccurrences(of: "[bookmark: _GoBack]", with: "")
        let p = try Seeds.load(example.data)
        for kind in [DocumentKind.docx, .odt] {
            let text = try documentText(renderPlan(p, kind), kind: kind)
            let missing = SeedText.missing(seed: seed, in: text)
            #expect(missing.isEmpty, "\(example.data).\(kind.fileExtension) lacks: \(missing.joined(separator: " | "))")
            #expect(!text.contains("{{"))
        }
    }

    @Test func theComparisonCanFail() {
        #expect(SeedText.missing(seed: "Практический семинар\nдевраль", in: "Практический семинар февраль") == ["девраль"])
        #expect(SeedText.missing(seed: "Никитенко Т.Г.", in: "____ Т.Г. Никитенко").isEmpty)
        #expect(SeedText.missing(seed: "на 2023 - 2024 учебный год", in: "на 2023/2024 учебный год").isEmpty)
    }
}
