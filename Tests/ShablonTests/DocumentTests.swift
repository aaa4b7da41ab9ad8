import Foundation
import Testing
import Shablon
import ShablonData
import ShablonEngine
import ShablonXML
import ShablonZip

/// Checks what every filled package must satisfy: the same entries in the same order as the template;
/// every XML part parses; no tag braces are left anywhere; entries that hold no tags come out byte for
/// byte as they went in; ODT's `mimetype` is the first entry and stored. Returns the entries by name.
@discardableResult
func checkPackage(_ bytes: [UInt8], template: [UInt8], templated: Set<String>,
                  sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: [UInt8]] {
    let input = try ZipArchive(bytes: template)
    let output = try ZipArchive(bytes: bytes)
    #expect(output.entries.map(\.name) == input.entries.map(\.name), sourceLocation: sourceLocation)
    var parts: [String: [UInt8]] = [:]
    for entry in output.entries {
        let data = try output.read(entry.name)
        parts[entry.name] = data
        if entry.name.hasSuffix(".xml") || entry.name.hasSuffix(".rels") {
            #expect(throws: Never.self, "\(entry.name) does not parse", sourceLocation: sourceLocation) { _ = try XMLParser.parse(data) }
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("{{") && !text.contains("}}"), "tag braces left in \(entry.name)", sourceLocation: sourceLocation)
        }
        if templated.contains(entry.name) {
            #expect(data != (try input.read(entry.name)), "\(entry.name) was not filled", sourceLocation: sourceLocation)
        } else {
            #expect(data == (try input.read(entry.name)), "\(entry.name) changed although it holds no tags", sourceLocation: sourceLocation)
        }
    }
    if input.contains("mimetype") {
        #expect(output.entries.first?.name == "mimetype", sourceLocation: sourceLocation)
        #expect(output.entries.first?.isStored == true, sourceLocation: sourceLocation)
        // The raw bytes, as `file` and office suites look at them: the first local header names
        // `mimetype`, stored (method 0), and its content follows at once.
        #expect(Array(bytes[0..<4]) == [0x50, 0x4B, 0x03, 0x04], sourceLocation: sourceLocation)
        #expect(bytes[8] == 0 && bytes[9] == 0, "mimetype is compressed", sourceLocation: sourceLocation)
        #expect(String(decoding: bytes[30..<38], as: UTF8.self) == "mimetype", sourceLocation: sourceLocation)
        let extra = Int(bytes[28]) | Int(bytes[29]) << 8
        #expect(String(decoding: bytes[(38 + extra)..<(38 + extra + odtMimetype.utf8.count)], as: UTF8.self) == odtMimetype,
                sourceLocation: sourceLocation)
    }
    return parts
}

/// The `w:rPr` (as XML text) of the run holding `text` in a WordprocessingML part, or nil.
func runProperties(containing text: String, in part: [UInt8]) throws -> String? {
    let doc = try XMLParser.parse(part)
    var found: String?
    func walk(_ e: XMLElement) {
        if found != nil { return }
        if e.name == "w:r", e.elements(named: "w:t").contains(where: { $0.textContent.contains(text) }) {
            var w = XMLWriter()
            if let rPr = e.firstElement(named: "w:rPr") { w.element(rPr) }
            found = String(decoding: w.bytes, as: UTF8.self)
            return
        }
        e.children.compactMap(\.element).forEach(walk)
    }
    walk(doc.root)
    return found
}

/// The element (as XML text) directly holding `text` in an ODF part: the span or paragraph, or nil.
func odfContainer(of text: String, in part: [UInt8]) throws -> XMLElement? {
    let doc = try XMLParser.parse(part)
    var found: XMLElement?
    func walk(_ e: XMLElement) {
        if found != nil { return }
        for c in e.children {
            if case .text(let t) = c, t.contains(text) { found = e; return }
            if case .element(let x) = c { walk(x) }
        }
    }
    walk(doc.root)
    return found
}

@Suite struct WholeDocuments {
    @Test func docxPlanWithTagsSplitAsWordSavesThem() throws {
        let tmpl = PlanDOCX.package
        let out = try render(tmpl, try data(Plan.yaml))
        #expect(out.warnings.isEmpty, "\(out.warnings.map { $0.line() })")
        let parts = try checkPackage(out.bytes, template: tmpl,
                                     templated: ["word/document.xml", "word/header1.xml", "word/footer1.xml", "docProps/core.xml"])
        let document = try #require(parts["word/document.xml"])
        let paragraphs = paragraphTexts(try XMLParser.parse(document).root)
        #expect(paragraphs == Plan.bodyParagraphs)
        // No empty paragraph is left where loop tags stood.
        #expect(!paragraphs.contains(""))
        #expect(try visibleText(parts["word/header1.xml"]!) == Plan.header)
        #expect(try visibleText(parts["word/footer1.xml"]!) == Plan.footer)
        #expect(try visibleText(parts["docProps/core.xml"]!).contains(Plan.title))
        // Rows repeat whole: header row + 3 event rows; 2 sections × (title row) + 3 item rows.
        let xml = String(decoding: document, as: UTF8.self)
        #expect(xml.components(separatedBy: "<w:tr>").count - 1 == 4 + 5)
        // The section properties (header and footer references) survive.
        #expect(xml.contains("r:id=\"rIdHeader1\"") && xml.contains("r:id=\"rIdFooter1\""))
        // Inserted text takes the formatting of the run where the tag begins.
        let school = try #require(try runProperties(containing: "МБОУ «ШКОЛА № 5»", in: document))
        #expect(!school.contains("<w:b/>"), "the value took the formatting of the tag's end: \(school)")
        let year = try #require(try runProperties(containing: "2024/2025", in: document))
        #expect(year.contains("<w:b/>") && year.contains("en-US"), "\(year)")
        // A table cell's value keeps the cell run's (plain) formatting; the number's tag begins plain too.
        #expect(try runProperties(containing: "Иванова М.П.", in: document) == "")
        #expect(try runProperties(containing: "Экскурсия", in: document) == "")
    }

    @Test func odtPlanWithSpansInsideTags() throws {
        let tmpl = PlanODT.package
        let out = try render(tmpl, try data(Plan.yaml))
        #expect(out.warnings.isEmpty, "\(out.warnings.map { $0.line() })")
        let parts = try checkPackage(out.bytes, template: tmpl, templated: ["content.xml", "styles.xml", "meta.xml"])
        let content = try #require(parts["content.xml"])
        let paragraphs = paragraphTexts(try XMLParser.parse(content).root)
        #expect(paragraphs == Plan.bodyParagraphs)
        #expect(!paragraphs.contains(""))
        let styles = try XMLParser.parse(parts["styles.xml"]!)
        let master = try #require(styles.root.firstElement(named: "office:master-styles")?.firstElement(named: "style:master-page"))
        #expect(paragraphTexts(try #require(master.firstElement(named: "style:header"))) == [Plan.header])
        #expect(paragraphTexts(try #require(master.firstElement(named: "style:footer"))) == [Plan.footer])
        #expect(try visibleText(parts["meta.xml"]!).contains(Plan.title))
        let xml = String(decoding: content, as: UTF8.self)
        #expect(xml.components(separatedBy: "<table:table-row>").count - 1 == 4 + 5)
        // The value of a tag that begins outside the bold span is not bold; one that begins inside is.
        let school = try #require(try odfContainer(of: "МБОУ «ШКОЛА № 5»", in: content))
        #expect(school.name == "text:p")
        let year = try #require(try odfContainer(of: "2024/2025", in: content))
        #expect(year.name == "text:span" && year[attribute: "text:style-name"] == "T1")
    }

    @Test func sameDataSameBytes() throws {
        let value = try data(Plan.yaml)
        let t = try template(PlanDOCX.package)
        #expect(try t.render(value).bytes == (try t.render(value).bytes))
        let o = try template(PlanODT.package)
        #expect(try o.render(value).bytes == (try o.render(value).bytes))
    }

    @Test func templateBytesAreNeverModified() throws {
        var tmpl = PlanDOCX.package
        let copy = tmpl
        let t = try template(tmpl)
        _ = try t.render(try data(Plan.yaml))
        #expect(tmpl == copy)
        tmpl[tmpl.count / 2] ^= 0xFF // The template keeps its own copy: changing the caller's bytes changes nothing.
        #expect(try t.render(try data(Plan.yaml)).bytes == (try render(copy, try data(Plan.yaml)).bytes))
    }

    @Test func valuesWithMarkupTagsAndControlCharacters() throws {
        let body = wpText("A: {{a}}") + wpText("B: {{b}}") + wpText("C: {{c}}")
        let value: Value = ["a": "</w:t></w:r><w:r><w:t>инъекция & <b>", "b": "{{a}} {{#each x}}{{/each}}", "c": "раз\u{1}два\u{0B}три"]
        for (tmpl, main) in [(docxPackage(body: body), "word/document.xml"),
                             (odtPackage(body: op("A: {{a}}") + op("B: {{b}}") + op("C: {{c}}")), "content.xml")] {
            let out = try render(tmpl, value)
            let part = try ZipArchive(bytes: out.bytes).read(main)
            let paragraphs = paragraphTexts(try XMLParser.parse(part).root)
            #expect(paragraphs == ["A: </w:t></w:r><w:r><w:t>инъекция & <b>", "B: {{a}} {{#each x}}{{/each}}", "C: раздватри"])
            #expect(out.warnings.map(\.code) == ["control-character"])
            let warning = try #require(out.warnings.first)
            #expect(warning.severity == .warning)
            #expect(warning.tag == "{{c}}" || warning.message.ru.contains("c"), "the warning names the value: \(warning.line())")
            // The markup is text: the part still has exactly three paragraphs and no injected run.
            #expect(!String(decoding: part, as: UTF8.self).contains("<w:t>инъекция"))
        }
    }

    @Test func lineBreaksAndTabsInValuesInBothFormats() throws {
        let value: Value = ["x": "строка 1\nстрока 2\tтаб"]
        let docx = try render(docxPackage(body: wpText("[{{x}}]")), value)
        #expect(try visibleText(try ZipArchive(bytes: docx.bytes).read("word/document.xml")) == "[строка 1⏎строка 2⇥таб]")
        let odt = try render(odtPackage(body: op("[{{x}}]")), value)
        #expect(try visibleText(try ZipArchive(bytes: odt.bytes).read("content.xml")) == "[строка 1⏎строка 2⇥таб]")
    }

    @Test func templatesWithoutTagsComeOutUnchanged() throws {
        let tmpl = docxPackage(body: wpText("Просто текст"), header: wpText("Шапка"), footer: wpText("Подвал"), title: "Без тегов")
        let out = try render(tmpl, [:])
        try checkPackage(out.bytes, template: tmpl, templated: [])
    }

    @Test func missingValuesAreErrorsUnlessAllowed() throws {
        let tmpl = docxPackage(body: wpText("{{approval.positon}}"), header: wpText("{{school}}"))
        let ps = problems(tmpl, ["approval": ["position": "Директор"]])
        #expect(ps.map(\.code).sorted() == ["missing-value", "missing-value"])
        #expect(Set(ps.compactMap(\.part)) == ["word/document.xml", "word/header1.xml"])
        let out = try render(tmpl, ["approval": ["position": "Директор"]], allowMissing: true)
        #expect(try visibleText(try ZipArchive(bytes: out.bytes).read("word/header1.xml")) == "")
    }

    @Test func aRowLoopOverAnEmptyListLeavesAValidTable() throws {
        let body = wtbl([2000, 2000], [
            wtc(2000, wpText("Мероприятие")) + wtc(2000, wpText("Срок")),
            wtc(2000, wpText("{{#each events}}{{title}}")) + wtc(2000, wpText("{{date}}{{/each}}")),
        ]) + wpText("Конец")
        let tmpl = docxPackage(body: body)
        let out = try render(tmpl, ["events": []])
        let parts = try checkPackage(out.bytes, template: tmpl, templated: ["word/document.xml"])
        #expect(try visibleText(parts["word/document.xml"]!) == "Мероприятие\nСрок\nКонец")
    }
}
