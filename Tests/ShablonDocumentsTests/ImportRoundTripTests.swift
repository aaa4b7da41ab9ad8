import Foundation
import Testing
import Shablon
import ShablonData
import ShablonDocuments

/// `shablon import` of a plan Shablon rendered gives back data that prints the same document: for
/// every example plan, in DOCX and ODT, render → import → YAML → load → render gives the same text,
/// paragraph for paragraph.
@Suite struct ImportRoundTrip {
    static let examples = ["ponomarevsky-2023-2024", "serpukhov-2024-2025", "rmo-2019-2020", "beloyarsky-2025-2026", "omo-2024-2025"]

    @Test(arguments: examples)
    func aRenderedPlanComesBackEqual(name: String) throws {
        let original = try Seeds.load(name)
        for kind in [DocumentKind.docx, .odt] {
            let rendered = try renderPlan(original, kind)
            let imported = try PlanImport.read(rendered)
            let yaml = PlanImport.yaml(imported)
            #expect(imported.usesOnlyOriginalFormat, "\(name).\(kind): \(yaml)")
            let back = try Plan.load(DataLoader.yaml(yaml))
            let before = try documentText(rendered, kind: kind)
            let after = try documentText(renderPlan(back, kind), kind: kind)
            let a = before.split(separator: "\n", omittingEmptySubsequences: false), b = after.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDiff = a.indices.first { $0 < b.count && a[$0] != b[$0] }
            #expect(before == after, "\(name).\(kind): first difference at line \(firstDiff ?? min(a.count, b.count)): «\(firstDiff.map { String(a[$0]) } ?? "")» vs «\(firstDiff.map { String(b[$0]) } ?? "")»\n\(yaml)")
            #expect(imported.problems.isEmpty, "\(imported.problems.map { $0.line() })")
        }
    }
}
