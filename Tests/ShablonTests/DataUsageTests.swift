import Testing
import Shablon
import ShablonData

/// `shablon check TEMPLATE DATA`: unused data fields and tags no data provides.
@Suite struct DataUsageChecks {
    @Test func typosOnBothSidesAreCaught() throws {
        let t = try DocumentTemplate(bytes: docxPackage(body: """
        <w:p><w:r><w:t>{{тема}} {{#if примечане}}{{примечане}}{{/if}}</w:t></w:r></w:p>\
        <w:p><w:r><w:t>{{#each events}}{{title}} {{whenn | default: "—"}}{{/each}}</w:t></w:r></w:p>
        """))
        let data: Value = ["тема": "Чтение", "примечание": "важно", "events": [["title": "А", "when": "Май"]], "лишнее": 1]
        let found = DataUsage.problems(outline: t.outline, data: data)
        #expect(found.allSatisfy { $0.severity == .warning })
        let unknown = found.filter { $0.code == "unknown-field" }
        #expect(unknown.map(\.tag) == ["{{#if примечане}}", "{{примечане}}", "{{whenn | default: \"—\"}}"])
        #expect(unknown[0].hint?.ru.contains("«примечание»") == true)
        #expect(unknown[2].hint?.ru.contains("«when»") == true)
        let unused = found.filter { $0.code == "unused-field" }.compactMap { p -> String? in
            if case .named(let n)? = p.location { return n }
            return nil
        }
        #expect(unused == ["примечание", "events.when", "лишнее"])
    }

    @Test func aTemplateAndDataThatFitGiveNothing() throws {
        let t = try DocumentTemplate(bytes: docxPackage(body: "<w:p><w:r><w:t>{{a.b}} {{#each xs}}{{this}}{{@number}}{{/each}}</w:t></w:r></w:p>"))
        #expect(DataUsage.problems(outline: t.outline, data: ["a": ["b": 1], "xs": ["x"]]).isEmpty)
    }
}
