import Foundation
import Testing
import Shablon
import ShablonData
import ShablonEngine

@Suite struct DocumentOutputBudget {
    /// The parts of a document share the document's limit.
    @Test func thePartsOfADocumentShareItsLimit() throws {
        let loop = wpText("{{#each a}}" + String(repeating: "y", count: 1000) + "{{/each}}")
        let tmpl = try template(docxPackage(body: loop, header: loop))
        let value: Value = ["a": .list(Array(repeating: 1, count: 600))]
        var o = RenderOptions()
        o.maxOutputSize = 1 << 20
        _ = try tmpl.render(value, options: o)
        o.maxDocumentOutputSize = 1 << 20
        let found = problems { _ = try tmpl.render(value, options: o) }
        #expect(found.map(\.code) == ["output-too-large"], "\(found)")
        #expect(found.first?.message.ru.contains("весь документ") == true)
    }
}
