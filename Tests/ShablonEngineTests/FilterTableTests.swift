import Testing
import ShablonData
@testable import ShablonEngine

/// The filters are one table: what the parser accepts and what the renderer applies come from it.
@Suite struct FilterTable {
    @Test func everyNameIsListedOnceAndTheParserAcceptsItWithItsArguments() throws {
        let names = Filter.all.flatMap(\.names)
        #expect(Set(names).count == names.count)
        #expect(Set(TagParser.filters.keys) == Set(names))
        for f in Filter.all where f.names != ["image"] {
            for name in f.names {
                let args = (0..<f.arguments.lowerBound).map { _ in "\"x\"" }.joined(separator: ", ")
                let tag = "{{v | \(name)" + (args.isEmpty ? "" : ": " + args) + "}}"
                let found = problems(docx(p(tag)), ["v": "1"]).map(\.code)
                #expect(!found.contains(.unknownFilter) && !found.contains(.filterArguments), "\(tag): \(found)")
            }
        }
    }

    @Test func theRendererAppliesWhatTheTableSays() throws {
        #expect(try render(docx(p("{{v | upper}} {{n | number: 2}} {{e | default: \"—\"}} {{l | first}}-{{l | last}} {{l | count}}")),
                           ["v": "абв", "n": "1234,5", "e": "", "l": ["a", "b", "c"]]) == "АБВ 1\u{A0}234,50 — a-c 3")
        #expect(problems(docx(p("{{v | upper: 1}}")), ["v": "a"]).map(\.code) == [.filterArguments])
        #expect(problems(docx(p("{{v | uper}}")), ["v": "a"]).first?.hint?.en.contains("Did you mean 'upper'") == true)
    }
}
