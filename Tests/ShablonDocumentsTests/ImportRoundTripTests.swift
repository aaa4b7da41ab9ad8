import Foundation
import Testing
import Shablon
import ShablonData
import ShablonDocuments
import ShablonEngine

/// `shablon import` of a plan Shablon rendered gives back data that prints the same document: for
/// every example plan, in DOCX and ODT, render → import → YAML → load → render gives the same text,
/// paragraph for paragraph.
@Suite struct ImportRoundTrip {
    /// Every example plan: examples/plans/*.yaml.
    static let examples = ((try? FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("examples/plans").path)) ?? [])
        .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    /// The plans of the original format come back in it, with nothing left unrecognised.
    static let original = ["ponomarevsky-2023-2024", "serpukhov-2024-2025", "rmo-2019-2020", "beloyarsky-2025-2026", "omo-2024-2025"]

    @Test func everyExampleIsCovered() { #expect(Self.examples.count >= 6 && Set(Self.original).isSubset(of: Self.examples)) }

    @Test(arguments: examples)
    func aRenderedPlanComesBackEqual(name: String) throws {
        let original = try Seeds.load(name)
        for kind in [DocumentKind.docx, .odt] {
            let rendered = try renderPlan(original, kind)
            let imported = try PlanImport.read(rendered)
            let yaml = PlanImport.yaml(imported)
            if Self.original.contains(name) { #expect(imported.usesOnlyOriginalFormat, "\(name).\(kind): \(yaml)") }
            let back = try Plan.load(DataLoader.yaml(yaml))
            let before = try documentText(rendered, kind: kind)
            let after = try documentText(renderPlan(back, kind), kind: kind)
            let a = before.split(separator: "\n", omittingEmptySubsequences: false), b = after.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDiff = a.indices.first { $0 < b.count && a[$0] != b[$0] }
            #expect(before == after, "\(name).\(kind): first difference at line \(firstDiff ?? min(a.count, b.count)): «\(firstDiff.map { String(a[$0]) } ?? "")» vs «\(firstDiff.map { String(b[$0]) } ?? "")»\n\(yaml)")
            if Self.original.contains(name) { #expect(imported.problems.isEmpty, "\(imported.problems.map { $0.line() })") }
        }
    }
}

/// The district example (its own template, examples/district) rendered, imported and printed with
/// the built-in plan: the share of the rendered document's lines found in the printed plan. Its
/// statistics table and notes are not a plan of events: they come back as free paragraphs.
@Suite struct ImportDistrict {
    @Test(arguments: [DocumentKind.docx, .odt])
    func theDistrictDocumentComesBackThroughPlan(kind: DocumentKind) throws {
        let folder = repository.appendingPathComponent("examples/district")
        let template = try DocumentTemplate(bytes: [UInt8](Data(contentsOf: folder.appendingPathComponent("district.\(kind.fileExtension)"))))
        let data = try DataLoader.load([UInt8](Data(contentsOf: folder.appendingPathComponent("district.yaml")))).value
        let rendered = try template.render(data, options: RenderOptions(images: ImageLoader.resolver(base: folder.path))).bytes
        let imported = try PlanImport.read(rendered)
        let back = try Plan.load(DataLoader.yaml(PlanImport.yaml(imported)))
        let printed = try documentText(renderPlan(back, .docx), kind: .docx)
        let source = try documentText(rendered, kind: kind)
        let lines = source.split(whereSeparator: \.isNewline).filter { !SeedText.normalize(String($0)).isEmpty }
        let missing = SeedText.missing(seed: source, in: printed)
        let share = Double(lines.count - missing.count) / Double(lines.count)
        print("import district.\(kind.fileExtension): \(String(format: "%.1f", share * 100)) % of the rendered document's lines" + (missing.isEmpty ? "" : "; missing: \(missing.joined(separator: " | "))"))
        #expect(share >= 0.98, "\(missing)")
        #expect(imported.approval != nil && imported.review != nil && imported.schoolYear == "2025/2026")
    }
}
