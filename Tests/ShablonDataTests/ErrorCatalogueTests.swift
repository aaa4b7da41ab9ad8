import Foundation
import Testing

/// docs/errors.md is the catalogue of problem codes: every code the sources can report must be in it.
@Suite struct ErrorCatalogue {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The codes written as string literals: the declared ones (`Problem.Code = "…"`, `Problem.Code("…"`)
    /// and those reported directly (`code: "…"`, `report("…"`).
    static func codesInSources() throws -> [String: String] {
        let pattern = try NSRegularExpression(pattern: #"(?:Problem\.Code = |Problem\.Code\(|\bcode: |\breport\()"([a-z0-9]+(?:-[a-z0-9]+)+)""#)
        var found: [String: String] = [:]
        let sources = root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)!
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let code = String(text[Range(m.range(at: 1), in: text)!])
                found[code] = found[code] ?? url.path.replacingOccurrences(of: root.path + "/", with: "")
            }
        }
        return found
    }

    @Test func everyCodeOfTheSourcesIsDocumented() throws {
        let docs = try String(contentsOf: Self.root.appendingPathComponent("docs/errors.md"), encoding: .utf8)
        let codes = try Self.codesInSources()
        #expect(codes["internal-error"] != nil && codes["data-wrong-type"] != nil && codes["batch-not-a-list"] != nil)
        let missing = codes.keys.filter { !docs.contains("`\($0)`") }.sorted()
        #expect(missing.isEmpty, "docs/errors.md lacks: \(missing.map { "\($0) (\(codes[$0]!))" }.joined(separator: ", "))")
    }
}
