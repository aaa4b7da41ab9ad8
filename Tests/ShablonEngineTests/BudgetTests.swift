import Testing
import Foundation
import ShablonData
import ShablonEngine
import ShablonXML

@Suite struct OutputBudget {
    static let loops = docx(p("{{#each a}}{{#each a}}{{#each a}}{{n}}-{{/each}}{{/each}}{{/each}}"))
    static let data: Value = ["a": .list(Array(repeating: 1, count: 20)), "n": "xxxxxxxxxx"]

    func render(_ xml: String, _ data: Value, budget: Int) throws -> PartRender {
        var o = RenderOptions()
        o.maxOutputSize = budget
        return try compile(xml).render(data, options: o)
    }

    @Test func nestedLoopsStopAtTheLimitNamingTheOuterLoop() throws {
        let r = try render(Self.loops, Self.data, budget: 10_000)
        #expect(r.problems.map(\.code) == ["output-too-large"])
        let problem = try #require(r.problems.first)
        #expect(problem.tag == "{{#each a}}")
        #expect(problem.location != nil)
        #expect(problem.message.ru.contains("цикл {{#each a}}") && problem.message.ru.contains("вложенных в него циклов: 2"), "\(problem.message.ru)")
        #expect(problem.hint?.en.contains("--max-output-size") == true)
        #expect(r.bytes.isEmpty)
    }

    @Test func theLimitBitesOnlyPastIt() throws {
        let full = try render(Self.loops, Self.data, budget: 1 << 30)
        #expect(full.problems.isEmpty)
        let exact = try render(Self.loops, Self.data, budget: full.bytes.count)
        #expect(exact.problems.isEmpty && exact.bytes == full.bytes)
        let less = try render(Self.loops, Self.data, budget: full.bytes.count - 1)
        #expect(less.problems.map(\.code) == ["output-too-large"])
    }

    @Test func theDocumentLimitCountsThePartsBefore() throws {
        var o = RenderOptions()
        o.maxDocumentOutputSize = 100_000
        o.documentOutputBefore = 99_000
        let r = try compile(Self.loops).render(Self.data, options: o)
        #expect(r.problems.map(\.code) == ["output-too-large"])
        #expect(r.problems.first?.message.en.contains("the whole document") == true)
        #expect(r.problems.first?.hint?.en.contains("--max-package-size") == true)
    }

    @Test func aJoinOfARepeatedListStopsWhileJoining() throws {
        let item: Value = .string(String(repeating: "я", count: 1000))
        let r = try render(docx(p("{{ a | join }}")), ["a": .list(Array(repeating: item, count: 100_000))], budget: 1 << 20)
        #expect(r.problems.map(\.code) == ["output-too-large"])
        #expect(r.problems.first?.tag == "{{ a | join }}")
    }
}

@Suite struct XMLDepth {
    static func nested(_ depth: Int) -> [UInt8] {
        Array(("<w:document xmlns:w=\"\(wordNS)\"><w:body>" + String(repeating: "<w:sdt>", count: depth) + "<w:p/>"
            + String(repeating: "</w:sdt>", count: depth) + "</w:body></w:document>").utf8)
    }

    @Test func libxml2sDepthLimitIsInForceAndNamed() throws {
        #expect(XMLParser.maxDepth == 256)
        _ = try XMLParser.parse(Self.nested(200))
        do {
            _ = try XMLParser.parse(Self.nested(300))
            Issue.record("300 levels were read")
        } catch {
            #expect(error.kind == .tooDeep)
        }
        #expect(throws: XMLParseError.self) { _ = try PartTemplate.compile(bytes: Self.nested(10_000), part: "word/document.xml", dialect: .docx) }
    }
}
