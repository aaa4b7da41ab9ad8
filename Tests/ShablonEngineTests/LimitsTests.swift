import Testing
import Foundation
import ShablonData
import ShablonEngine

/// The compiled part's XML, rendered.
private func filled(_ xml: String, _ data: Value, dialect: Dialect = .docx) throws -> String {
    try renderXML(xml, data, dialect: dialect)
}

@Suite struct SpacesAroundCutTags {
    @Test func docxSpaceAfterATagSplitOverRunsIsKept() throws {
        let out = try filled(docx("<w:p><w:r><w:t>Дата {{</w:t></w:r><w:r><w:t>d</w:t></w:r><w:r><w:t>}} года</w:t></w:r></w:p>"), ["d": "01.09"])
        #expect(out.contains("<w:t xml:space=\"preserve\"> года</w:t>"), "\(out)")
    }

    @Test func docxSpaceAfterAFilterSplitAsWordSplitsItIsKept() throws {
        let out = try filled(docx("<w:p><w:r><w:t>{{ a | money }</w:t></w:r><w:r><w:t>} руб.</w:t></w:r></w:p>"), ["a": "1234.5"])
        #expect(out.contains("<w:t xml:space=\"preserve\"> руб.</w:t>"), "\(out)")
    }

    @Test func docxTextElementsWithoutSpacesAtTheirEndsStayAsTheyWere() throws {
        let out = try filled(docx("<w:p><w:r><w:t>Дата {{</w:t></w:r><w:r><w:t>d</w:t></w:r><w:r><w:t>}}года</w:t></w:r></w:p>"), ["d": "01.09"])
        #expect(out.contains("<w:t>года</w:t>"), "\(out)")
    }

    @Test func docxValueWithSpacesAtItsEndsIsKept() throws {
        let out = try filled(docx("<w:p><w:r><w:t>{{a}}</w:t></w:r><w:r><w:t>б</w:t></w:r></w:p>"), ["a": " x "])
        #expect(out.contains("<w:t xml:space=\"preserve\"> x </w:t>"), "\(out)")
    }

    @Test func odtSpaceLeftAtTheStartOfAParagraphShows() throws {
        let out = try filled(odt("<text:p>{{#if no}}x{{/if}} нет !</text:p>"), ["no": false], dialect: .odt)
        #expect(out.contains("<text:p><text:s/>нет !</text:p>"), "\(out)")
    }

    @Test func odtSpacesMeetingAroundAnEmptyValueBothShow() throws {
        let out = try filled(odt("<text:p>A {{e}} B</text:p>"), ["e": ""], dialect: .odt)
        #expect(out.contains("<text:p>A <text:s/>B</text:p>"), "\(out)")
        // Where the value is text, the template's plain space shows and stays as it was.
        let full = try filled(odt("<text:p>A {{e}} B</text:p>"), ["e": "1"], dialect: .odt)
        #expect(full.contains("<text:p>A 1 B</text:p>"), "\(full)")
    }

    @Test func odtSpaceAfterAValueEndingInASpaceShows() throws {
        let out = try filled(odt("<text:p>{{v}} B</text:p>"), ["v": "x "], dialect: .odt)
        #expect(out.contains("<text:p>x <text:s/>B</text:p>"), "\(out)")
    }

    @Test func odtSpacesAroundACommentBothShow() throws {
        let out = try filled(odt("<text:p>A {{! заметка }} B</text:p>"), [:], dialect: .odt)
        #expect(out.contains("<text:p>A <text:s/>B</text:p>"), "\(out)")
    }
}

@Suite struct BlockDepth {
    static func nested(_ depth: Int) -> String {
        docx(p(String(repeating: "{{#each a}}", count: depth) + "x" + String(repeating: "{{/each}}", count: depth)))
    }

    static func nestedParagraphs(_ depth: Int) -> String {
        docx(String(repeating: p("{{#if a}}"), count: depth) + p("x") + String(repeating: p("{{/if}}"), count: depth))
    }

    @Test func aHundredLevelsRender() throws {
        #expect(try render(Self.nested(100), ["a": [1]]) == "x")
        #expect(try render(Self.nestedParagraphs(100), ["a": true]) == "x")
    }

    @Test func oneLevelMoreIsAnError() throws {
        for xml in [Self.nested(101), Self.nestedParagraphs(101)] {
            let found = problems(xml, ["a": [1]])
            #expect(found.map(\.code) == ["block-too-deep"], "\(found)")
            #expect(found.first?.tag == "{{#each a}}" || found.first?.tag == "{{#if a}}")
        }
    }

    @Test func tenThousandLevelsAreAnErrorNotACrash() throws {
        let found = problems(Self.nested(10_000), ["a": [1]])
        #expect(found.map(\.code) == ["block-too-deep"])
        #expect(found.first?.message.en.contains("level 101") == true, "\(found)")
    }
}

@Suite struct ManyTags {
    /// Tags cut out of one paragraph in one pass: every value in its place, whether the tags share one
    /// text node or each has a run of its own (the old cut replaced children and scanned every chunk per
    /// tag: quadratic).
    @Test func twentyThousandTagsInOneParagraph() throws {
        let n = 20_000
        let shared = docx("<w:p><w:r><w:t xml:space=\"preserve\">" + String(repeating: "{{a}} ", count: n) + "</w:t></w:r></w:p>")
        let runs = docx("<w:p>" + String(repeating: "<w:r><w:t xml:space=\"preserve\">{{a}} </w:t></w:r>", count: n) + "</w:p>")
        let split = docx("<w:p>" + String(repeating: "<w:r><w:t>{{</w:t></w:r><w:r><w:t>a}</w:t></w:r><w:r><w:t>}-</w:t></w:r>", count: n) + "</w:p>")
        #expect(try render(shared, ["a": "1"]) == String(repeating: "1 ", count: n))
        #expect(try render(runs, ["a": "1"]) == String(repeating: "1 ", count: n))
        #expect(try render(split, ["a": "1"]) == String(repeating: "1-", count: n))
    }
}

@Suite struct ManyBlocks {
    /// Placing a block edits what surrounds it: blocks are bounded per part and per paragraph, with an
    /// error at the first one past the limit (5 000 paragraph blocks and 200 in a paragraph still work).
    @Test func blocksPerParagraphAndPartAreBounded() throws {
        let inline = { (n: Int) in docx(p(String(repeating: "{{#if a}}x{{/if}}", count: n))) }
        #expect(try render(inline(200), ["a": true]) == String(repeating: "x", count: 200))
        let one = problems(inline(201), ["a": true])
        #expect(one.map(\.code) == ["too-many-blocks"] && one.first?.message.en.contains("one paragraph") == true, "\(one)")
        let paragraphs = { (n: Int) in docx(String(repeating: p("{{#if a}}x{{/if}}"), count: n)) }
        #expect(try render(paragraphs(5_000), ["a": true]).filter { $0 == "x" }.count == 5_000)
        let part = problems(paragraphs(5_001), ["a": true])
        #expect(part.map(\.code) == ["too-many-blocks"] && part.first?.message.en.contains("one part") == true, "\(part)")
    }
}
