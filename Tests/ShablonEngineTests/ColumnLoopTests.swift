import Testing
import Foundation
import ShablonData
import ShablonEngine
import ShablonXML

/// A DOCX table cell of the given width (twentieths of a point) with one paragraph.
private func tc(_ width: Int, _ text: String) -> String {
    "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/></w:tcPr>\(p(text))</w:tc>"
}

private let schools: Value = [
    "классы": ["5", "6", "7"],
    "школы": [["название": "СОШ № 1", "выдано": [10, 11, 12]], ["название": "Гимназия", "выдано": [20, 21, 22]]],
]

private func count(_ needle: String, in s: String) -> Int { s.components(separatedBy: needle).count - 1 }

@Suite struct ColumnLoops {
    /// Header «Классы» spanning the repeated column, a header row looping the classes, and a row loop
    /// whose rows loop their own values over the same column.
    static let docxTable = docx("""
    <w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/></w:tblPr>\
    <w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="6000"/></w:tblGrid>\
    <w:tr>\(tc(3000, ""))\(tc(6000, "Классы"))</w:tr>\
    <w:tr>\(tc(3000, "Школа"))\(tc(6000, "{{#each классы столбцы}}{{this}} кл.{{/each}}"))</w:tr>\
    <w:tr>\(tc(3000, "{{#each школы}}{{название}}"))\(tc(6000, "{{#each выдано столбцы}}{{this}}{{/each}}{{/each}}"))</w:tr>\
    </w:tbl>
    """)

    @Test func docxRepeatsCellsAndFixesTheGrid() throws {
        let xml = try renderXML(Self.docxTable, schools)
        #expect(try visibleText(xml) == "\nКлассы\nШкола\n5 кл.\n6 кл.\n7 кл.\nСОШ № 1\n10\n11\n12\nГимназия\n20\n21\n22")
        // The grid: the repeated column three times, its width shared; the table keeps its width.
        #expect(xml.contains("<w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"2000\"/></w:tblGrid>"))
        #expect(count("<w:tcW w:w=\"2000\" w:type=\"dxa\"/>", in: xml) == 9)
        // «Классы» spans the three columns (a gridSpan added after its width).
        #expect(xml.contains("<w:tcPr><w:tcW w:w=\"6000\" w:type=\"dxa\"/><w:gridSpan w:val=\"3\"/></w:tcPr>"))
        #expect(!xml.contains("{{"))
    }

    @Test func docxSeveralCellsPerItemAndAnExistingSpan() throws {
        let xml = try renderXML(docx("""
        <w:tbl><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/></w:tblGrid>\
        <w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr>\(p("Итоги"))</w:tc></w:tr>\
        <w:tr>\(tc(2000, "Раздел"))\(tc(1000, "{{#each годы столбцы}}{{год}}"))\(tc(1000, "{{изменение}}{{/each}}"))</w:tr>\
        </w:tbl>
        """), ["годы": [["год": 2024, "изменение": "+1"], ["год": 2025, "изменение": "+2"]]])
        #expect(try visibleText(xml) == "Итоги\nРаздел\n2024\n+1\n2025\n+2")
        #expect(xml.contains("<w:gridCol w:w=\"2000\"/><w:gridCol w:w=\"500\"/><w:gridCol w:w=\"500\"/><w:gridCol w:w=\"500\"/><w:gridCol w:w=\"500\"/>"))
        // A span of 3 over two repeated columns grows by the two added ones.
        #expect(xml.contains("<w:gridSpan w:val=\"5\"/>"))
    }

    @Test func differentCountsWarnAndAnEmptyListRemovesTheColumns() throws {
        let t = try compile(Self.docxTable)
        var data = schools
        if case .map(var m) = data {
            m["школы"] = [["название": "СОШ № 1", "выдано": [10, 11]]]
            data = .map(m)
        }
        let r = t.render(data)
        #expect(r.problems.map(\.code) == ["column-count"])
        #expect(r.problems.first?.severity == .warning)
        let empty = t.render(["классы": [], "школы": []])
        #expect(empty.problems.isEmpty)
        let xml = String(decoding: empty.bytes, as: UTF8.self)
        #expect(xml.contains("<w:tblGrid><w:gridCol w:w=\"3000\"/></w:tblGrid>"))
        // The heading over the repeated columns goes with them: every row has one cell, as the grid.
        #expect(!xml.contains("Классы"))
        #expect(count("<w:tc>", in: xml) == 2)
        _ = try XMLParser.parse(empty.bytes)
    }

    @Test func placementErrors() throws {
        // Open and close in different rows.
        let twoRows = docx("""
        <w:tbl><w:tblGrid><w:gridCol w:w="1000"/></w:tblGrid><w:tr>\(tc(1000, "{{#each x столбцы}}"))</w:tr>\
        <w:tr>\(tc(1000, "{{/each}}"))</w:tr></w:tbl>
        """)
        #expect(problems(twoRows, ["x": [1]]).map(\.code) == ["block-placement"])
        // Outside a table.
        #expect(problems(docx(p("{{#each x столбцы}}{{this}}{{/each}}")), ["x": [1]]).map(\.code) == ["block-placement"])
        // The English spelling is the same option.
        let xml = try renderXML(docx("""
        <w:tbl><w:tblGrid><w:gridCol w:w="900"/></w:tblGrid><w:tr>\(tc(900, "{{#each x columns}}{{this}}{{/each}}"))</w:tr></w:tbl>
        """), ["x": [1, 2, 3]])
        #expect(count("<w:gridCol w:w=\"300\"/>", in: xml) == 3)
    }

    @Test func aStaticCellInsideTheRepeatedColumnsIsAWarning() throws {
        let t = try compile(docx("""
        <w:tbl><w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/></w:tblGrid>\
        <w:tr>\(tc(1000, "{{#each x столбцы}}{{this}}"))\(tc(1000, "{{/each}}"))</w:tr>\
        <w:tr>\(tc(1000, "a"))\(tc(1000, "b"))</w:tr></w:tbl>
        """))
        #expect(t.warnings.map(\.code) == ["column-cell", "column-cell"])
        // Each names the cell it is about (table 1, row 2), where a person finds it in Word.
        #expect(t.warnings.map { $0.location?.text("en") ?? "" } == ["table 1, row 2, cell 1", "table 1, row 2, cell 2"])
    }

    static let odtContent = """
    <?xml version="1.0" encoding="UTF-8"?>
    <office:document-content \(odfNS)><office:automatic-styles>\
    <style:style style:name="T.A" style:family="table-column"><style:table-column-properties style:column-width="5cm" style:rel-column-width="5000*"/></style:style>\
    <style:style style:name="T.B" style:family="table-column"><style:table-column-properties style:column-width="12cm" style:rel-column-width="12000*"/></style:style>\
    </office:automatic-styles><office:body><office:text>\
    <table:table table:name="T"><table:table-column table:style-name="T.A"/><table:table-column table:style-name="T.B"/>\
    <table:table-row><table:table-cell><text:p/></table:table-cell><table:table-cell><text:p>Классы</text:p></table:table-cell></table:table-row>\
    <table:table-row><table:table-cell><text:p>Школа</text:p></table:table-cell><table:table-cell><text:p>{{#each классы столбцы}}{{this}} кл.{{/each}}</text:p></table:table-cell></table:table-row>\
    <table:table-row><table:table-cell><text:p>{{#each школы}}{{название}}</text:p></table:table-cell><table:table-cell><text:p>{{#each выдано столбцы}}{{this}}{{/each}}{{/each}}</text:p></table:table-cell></table:table-row>\
    </table:table></office:text></office:body></office:document-content>
    """

    @Test func odtRepeatsCellsColumnsAndStyles() throws {
        let xml = try renderXML(Self.odtContent, schools, dialect: .odt)
        #expect(try visibleText(xml) == "\nКлассы\nШкола\n5 кл.\n6 кл.\n7 кл.\nСОШ № 1\n10\n11\n12\nГимназия\n20\n21\n22")
        #expect(xml.contains("<style:style style:name=\"T.B.shablon3\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"4cm\" style:rel-column-width=\"4000*\"/></style:style></office:automatic-styles>"))
        #expect(xml.contains("<table:table-column table:style-name=\"T.A\"/>" + String(repeating: "<table:table-column table:style-name=\"T.B.shablon3\"/>", count: 3)))
        // «Классы» spans three columns and is followed by two covered cells.
        #expect(xml.contains("<table:table-cell table:number-columns-spanned=\"3\"><text:p>Классы</text:p></table:table-cell><table:covered-table-cell/><table:covered-table-cell/></table:table-row>"))
    }

    /// A horizontally merged cell left of the loop: its covered cell is inside its span, not a column.
    @Test func odtMergedCellBeforeTheLoop() throws {
        let xml = try renderXML("""
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content \(odfNS)><office:body><office:text>\
        <table:table table:name="T"><table:table-column table:style-name="T.A" table:number-columns-repeated="2"/><table:table-column table:style-name="T.B"/><table:table-column table:style-name="T.A"/>\
        <table:table-row><table:table-cell><text:p>Школа</text:p></table:table-cell><table:table-cell><text:p/></table:table-cell><table:table-cell><text:p>{{#each классы столбцы}}{{this}}{{/each}}</text:p></table:table-cell><table:table-cell><text:p>Всего</text:p></table:table-cell></table:table-row>\
        <table:table-row><table:table-cell table:number-columns-spanned="2"><text:p>Итого</text:p></table:table-cell><table:covered-table-cell/><table:table-cell><text:p>{{#each итого столбцы}}{{this}}{{/each}}</text:p></table:table-cell><table:table-cell><text:p>9</text:p></table:table-cell></table:table-row>\
        </table:table></office:text></office:body></office:document-content>
        """, ["классы": [5, 6, 7], "итого": [1, 2, 3]], dialect: .odt)
        #expect(count("<table:table-column table:style-name=\"T.B\"/>", in: xml) == 3)
        #expect(count("<table:table-column ", in: xml) == 6)
        #expect(try visibleText(xml) == "Школа\n\n5\n6\n7\nВсего\nИтого\n1\n2\n3\n9")
    }

    /// `ширины`: the repeated columns share the range by each item's `ширина` (1 when missing); the
    /// grid, every cell's width and, in ODT, a style per column follow; the table keeps its width.
    @Test func widthsShareTheRangeByWeight() throws {
        let cols: Value = ["столбцы": [["т": "№", "ширина": 1], ["т": "Мероприятие", "ширина": 6], ["т": "Сроки"]],
                           "ячейки": ["1.", "Заседание", "Октябрь"]]
        let xml = try renderXML(docx("""
        <w:tbl><w:tblGrid><w:gridCol w:w="8000"/></w:tblGrid>        <w:tr>\(tc(8000, "{{#each столбцы столбцы ширины}}{{т}}{{/each}}"))</w:tr>        <w:tr>\(tc(8000, "{{#each ячейки столбцы}}{{this}}{{/each}}"))</w:tr>        </w:tbl>
        """), cols)
        #expect(try visibleText(xml) == "№\nМероприятие\nСроки\n1.\nЗаседание\nОктябрь")
        #expect(xml.contains("<w:tblGrid><w:gridCol w:w=\"1000\"/><w:gridCol w:w=\"6000\"/><w:gridCol w:w=\"1000\"/></w:tblGrid>"))
        #expect(count("<w:tcW w:w=\"6000\" w:type=\"dxa\"/>", in: xml) == 2)
        #expect(count("<w:tcW w:w=\"1000\" w:type=\"dxa\"/>", in: xml) == 4)
        let odt = try renderXML("""
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document-content \(odfNS)><office:automatic-styles>\
        <style:style style:name="T.A" style:family="table-column"><style:table-column-properties style:column-width="16cm"/></style:style>\
        </office:automatic-styles><office:body><office:text>\
        <table:table table:name="T"><table:table-column table:style-name="T.A"/>\
        <table:table-row><table:table-cell><text:p>{{#each столбцы столбцы ширины}}{{т}}{{/each}}</text:p></table:table-cell></table:table-row>\
        </table:table></office:text></office:body></office:document-content>
        """, cols, dialect: .odt)
        #expect(odt.contains("<table:table-column table:style-name=\"T.A.shablon3.0\"/><table:table-column table:style-name=\"T.A.shablon3.1\"/><table:table-column table:style-name=\"T.A.shablon3.2\"/>"))
        #expect(odt.contains("style:name=\"T.A.shablon3.1\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"12cm\"/>"))
        #expect(odt.contains("style:name=\"T.A.shablon3.2\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"2cm\"/>"))
    }

    @Test func odtEmptyListRemovesTheColumnsAndTheirHeading() throws {
        let xml = try renderXML(Self.odtContent, ["классы": [], "школы": []], dialect: .odt)
        #expect(count("<table:table-column ", in: xml) == 1)
        #expect(!xml.contains("Классы") && !xml.contains("covered-table-cell"))
        #expect(count("<table:table-cell", in: xml) == 2)
    }

    @Test func odtRepeatedColumnElementsAreWrittenOut() throws {
        let content = Self.odtContent.replacingOccurrences(
            of: "<table:table-column table:style-name=\"T.A\"/><table:table-column table:style-name=\"T.B\"/>",
            with: "<table:table-column table:style-name=\"T.B\" table:number-columns-repeated=\"2\"/>")
        let xml = try renderXML(content, schools, dialect: .odt)
        #expect(count("<table:table-column table:style-name=\"T.B.shablon3\"/>", in: xml) == 3)
        #expect(count("<table:table-column table:style-name=\"T.B\"/>", in: xml) == 1)
    }
}

@Suite struct RestartNumbering {
    static let docxMeetings = docx("""
    <w:p><w:r><w:t>{{#each заседания нумерация-заново}}</w:t></w:r></w:p>\
    \(p("Заседание {{@number}}"))\
    <w:p><w:r><w:t>{{#each вопросы}}</w:t></w:r></w:p>\
    <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="5"/></w:numPr></w:pPr><w:r><w:t>{{this}}</w:t></w:r></w:p>\
    <w:p><w:r><w:t>{{/each}}</w:t></w:r></w:p>\
    <w:p><w:r><w:t>{{/each}}</w:t></w:r></w:p>
    """)

    static let data: Value = ["заседания": [["вопросы": ["а", "б"]], ["вопросы": ["в", "г", "д"]]]]

    @Test func docxEachRepetitionGetsItsOwnNumbering() throws {
        let t = try compile(Self.docxMeetings)
        var o = RenderOptions()
        o.numberingIDBase = 10
        let r = t.render(Self.data, options: o)
        #expect(r.problems.isEmpty)
        let xml = String(decoding: r.bytes, as: UTF8.self)
        #expect(count("<w:numId w:val=\"10\"/>", in: xml) == 2)
        #expect(count("<w:numId w:val=\"11\"/>", in: xml) == 3)
        #expect(!xml.contains("<w:numId w:val=\"5\"/>"))
        #expect(r.numberings == [NumberingCopy(id: 10, original: 5), NumberingCopy(id: 11, original: 5)])
        // Without a numbering part to add to, the lists are left as they are.
        let plain = String(decoding: t.render(Self.data).bytes, as: UTF8.self)
        #expect(count("<w:numId w:val=\"5\"/>", in: plain) == 5)
    }

    @Test func odtListsInTheLoopNoLongerContinue() throws {
        let xml = try renderXML(odt("""
        <text:p>{{#each заседания restart-numbering}}</text:p><text:p>Заседание {{@number}}</text:p>\
        <text:list xml:id="list1" text:continue-numbering="true" text:style-name="L1"><text:list-item><text:p>{{#each вопросы}}</text:p></text:list-item>\
        <text:list-item><text:p>{{this}}</text:p></text:list-item><text:list-item><text:p>{{/each}}</text:p></text:list-item></text:list>\
        <text:p>{{/each}}</text:p>
        """), Self.data, dialect: .odt)
        #expect(count("<text:list text:style-name=\"L1\">", in: xml) == 2)
        #expect(!xml.contains("continue-numbering") && !xml.contains("xml:id"))
        #expect(try visibleText(xml) == "Заседание 1\nа\nб\nЗаседание 2\nв\nг\nд")
    }
}
