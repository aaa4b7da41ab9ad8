import Foundation
import Testing
@testable import Shablon
import ShablonData
import ShablonEngine
import ShablonDocuments
import ShablonXML
import ShablonZip

/// A DOCX whose body is the given WordprocessingML paragraphs.
func docx(body: String) throws -> [UInt8] {
    let w = try ZipWriter()
    func add(_ name: String, _ text: String) throws { try w.add(name, Array(text.utf8), compression: .deflate(level: 6)) }
    try add("[Content_Types].xml", """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
    """)
    try add("_rels/.rels", """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
    """)
    try add("word/document.xml", """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)</w:body></w:document>
    """)
    return try w.finish()
}

/// An ODT whose text is the given paragraphs.
func odt(body: String) throws -> [UInt8] {
    let w = try ZipWriter()
    try w.add("mimetype", Array("application/vnd.oasis.opendocument.text".utf8), compression: .store)
    try w.add("META-INF/manifest.xml", Array("""
    <?xml version="1.0" encoding="UTF-8"?>
    <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>
    """.utf8), compression: .deflate(level: 6))
    try w.add("content.xml", Array("""
    <?xml version="1.0" encoding="UTF-8"?>
    <office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:text>\(body)</office:text></office:body></office:document-content>
    """.utf8), compression: .deflate(level: 6))
    return try w.finish()
}

let provisionChart: Value = [
    "тип": "столбцы", "заголовок": "Обеспеченность, %", "подписи": ["СОШ № 1", "СОШ <2> & «3»"],
    "ряды": [["название": "2025/2026", "значения": [.number(Decimal(string: "96.4")!), .number(Decimal(string: "88.9")!)]], ["название": "2024/2025", "значения": [90, nil]]],
    "макс": 100,
]

/// Local names of elements below `e`, in document order, with the element.
func descendants(_ e: XMLElement, named local: String) -> [XMLElement] {
    var out: [XMLElement] = []
    func walk(_ x: XMLElement) {
        for c in x.children {
            guard case .element(let y) = c else { continue }
            if y.name.split(separator: ":").last.map(String.init) == local { out.append(y) }
            walk(y)
        }
    }
    walk(e)
    return out
}

@Suite struct Charts {
    @Test func aDOCXChartIsANativeChartPartWithCachedValuesAndAWorkbook() throws {
        // The tag split over runs, as Word writes it after a spell-check.
        let template = try docx(body: """
        <w:p><w:r><w:t>До</w:t></w:r><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><wp:extent cx="1" cy="1"/><wp:docPr id="41" name="Рисунок"/></wp:inline></w:drawing></w:r></w:p>\
        <w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>[[диа</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:b/></w:rPr><w:t>грамма: д.обеспеченность]</w:t></w:r><w:r><w:t>]</w:t></w:r></w:p>\
        <w:p><w:r><w:t>[[chart: д.обеспеченность]]</w:t></w:r></w:p>
        """)
        let data: Value = ["д": ["обеспеченность": provisionChart]]
        let out = try DocumentTemplate(bytes: template).render(data)
        let zip = try ZipArchive(bytes: out.bytes)
        #expect(zip.contains("word/charts/chart1.xml") && zip.contains("word/charts/chart2.xml"))
        // The body: the tag's paragraph keeps its alignment and holds an inline chart.
        let doc = try XMLParser.parse(zip.read("word/document.xml"))
        let paragraphs = descendants(doc.root, named: "p")
        #expect(paragraphs.count == 3)
        #expect(descendants(paragraphs[1], named: "jc").count == 1 && descendants(paragraphs[1], named: "t").isEmpty)
        let refs = descendants(doc.root, named: "chart").compactMap { $0[attribute: "r:id"] }
        #expect(refs.count == 2)
        // Drawing ids continue after the document's own (a picture with id 41).
        let ids = descendants(doc.root, named: "docPr").compactMap { $0[attribute: "id"] }
        #expect(ids == ["41", "42", "43"])
        // Relationships and content types.
        let rels = try XMLParser.parse(zip.read("word/_rels/document.xml.rels")).root.children.compactMap(\.element)
        for id in refs {
            let r = try #require(rels.first { $0[attribute: "Id"] == id })
            #expect(r[attribute: "Type"] == "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart")
        }
        let types = String(decoding: try zip.read("[Content_Types].xml"), as: UTF8.self)
        #expect(types.contains("<Override PartName=\"/word/charts/chart1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.drawingml.chart+xml\"/>"))
        #expect(types.contains("Extension=\"xlsx\""))
        // The chart: a clustered column chart with the categories and values cached.
        let chart = try XMLParser.parse(zip.read("word/charts/chart1.xml")).root
        #expect(chart.name == "c:chartSpace")
        #expect(descendants(chart, named: "barDir").first?[attribute: "val"] == "col")
        let series = descendants(chart, named: "ser")
        #expect(series.count == 2)
        func points(_ e: XMLElement, _ cache: String) -> [String] {
            descendants(descendants(e, named: cache).first!, named: "pt").map { descendants($0, named: "v").first!.textContent }
        }
        #expect(points(series[0], "tx") == ["2025/2026"])
        #expect(points(series[0], "cat") == ["СОШ № 1", "СОШ <2> & «3»"])
        #expect(points(series[0], "numCache") == ["96.4", "88.9"])
        #expect(points(series[1], "numCache") == ["90"])
        #expect(descendants(chart, named: "max").first?[attribute: "val"] == "100")
        // The workbook Word edits the data in: our own XLSX reader reads it back.
        let chartRels = try XMLParser.parse(zip.read("word/charts/_rels/chart1.xml.rels")).root.children.compactMap(\.element)
        let target = try #require(chartRels.first?[attribute: "Target"])
        #expect(target.hasPrefix("../embeddings/") && target.hasSuffix(".xlsx"))
        let book = try SpreadsheetLoader.xlsx(bytes: zip.read("word/" + target.dropFirst(3)))
        #expect(book.headers == ["столбец 1", "2025/2026", "2024/2025"] || book.headers.dropFirst() == ["2025/2026", "2024/2025"])
        #expect(book.rows.map { $0["2025/2026"] } == [.number(Decimal(string: "96.4")!), .number(Decimal(string: "88.9")!)])
        #expect(book.rows.map { $0["2024/2025"] ?? .null } == [.number(90), .null])
    }

    @Test func anODTChartIsAnEmbeddedChartObjectWithItsTable() throws {
        let template = try odt(body: """
        <text:p text:style-name="Chart">[[диаграмма: <text:span>д.обеспеченность</text:span>]]</text:p><text:p>после</text:p>
        """)
        let data: Value = ["д": ["обеспеченность": provisionChart]]
        let out = try DocumentTemplate(bytes: template).render(data)
        let zip = try ZipArchive(bytes: out.bytes)
        #expect(zip.entries.first?.name == "mimetype" && zip.entries.first?.isStored == true)
        let manifest = String(decoding: try zip.read("META-INF/manifest.xml"), as: UTF8.self)
        #expect(manifest.contains("manifest:full-path=\"Object 1/\" manifest:version=\"1.3\" manifest:media-type=\"application/vnd.oasis.opendocument.chart\""))
        #expect(manifest.contains("manifest:full-path=\"Object 1/content.xml\""))
        let content = try XMLParser.parse(zip.read("content.xml")).root
        let frame = try #require(descendants(content, named: "frame").first)
        #expect(descendants(frame, named: "object").first?[attribute: "xlink:href"] == "./Object 1")
        #expect(descendants(content, named: "p").first?[attribute: "text:style-name"] == "Chart")
        let object = try XMLParser.parse(zip.read("Object 1/content.xml")).root
        let chart = try #require(descendants(object, named: "chart").first { $0.name == "chart:chart" })
        #expect(chart[attribute: "chart:class"] == "chart:bar")
        #expect(descendants(object, named: "series").count == 2)
        let cells = descendants(object, named: "table-cell").filter { $0[attribute: "office:value-type"] == "float" }
        #expect(cells.compactMap { $0[attribute: "office:value"] } == ["96.4", "90", "88.9"])
        #expect(descendants(object, named: "table-row").map(\.textContent) == ["2025/20262024/2025", "СОШ № 196,490", "СОШ <2> & «3»88,9"])
    }

    @Test func problemsNameTheParagraph() throws {
        let template = try docx(body: "<w:p><w:r><w:t>Текст</w:t></w:r></w:p><w:p><w:r><w:t>[[диаграмма: нет.такой]]</w:t></w:r></w:p>"
                                + "<w:p><w:r><w:t>[[диаграмма: плохая]]</w:t></w:r></w:p>")
        let data: Value = ["плохая": ["подписи": ["а", "б"], "ряды": [["название": "x", "значения": [1]]]]]
        var found: [Problem] = []
        do { _ = try DocumentTemplate(bytes: template).render(data) } catch { found = error.items }
        #expect(found.map(\.code) == ["chart-missing", "chart-invalid"])
        #expect(found.map { $0.location?.text("ru") } == ["абзац 2 «[[диаграмма: нет.такой]]»", "абзац 3 «[[диаграмма: плохая]]»"])
        #expect(found[1].message.ru == "диаграмма «плохая»: в ряду 1 диаграммы 1 значение, а подписей — 2")
        // With --allow-missing the missing chart's paragraph is left empty.
        let ok = try DocumentTemplate(bytes: try docx(body: "<w:p><w:r><w:t>[[chart: нет]]</w:t></w:r></w:p>"))
            .render([:], options: RenderOptions(allowMissing: true))
        #expect(try documentText(ok.bytes, kind: .docx) == "")
    }

    @Test func aDocumentWithoutChartTagsKeepsItsMainPartAsItWas() throws {
        let template = try docx(body: "<w:p><w:r><w:t>[1] и [</w:t></w:r><w:r><w:t>2]</w:t></w:r></w:p>")
        let rendered = try DocumentTemplate(bytes: template).render([:])
        #expect(try ZipArchive(bytes: rendered.bytes).read("word/document.xml") == ZipArchive(bytes: template).read("word/document.xml"))
    }

    /// Charts are a stage of every render, so a template with no other tag (as a custom plan or
    /// specification template may be) and pictures beside the chart come out of one zip, each registered once.
    @Test func aChartIsPlacedInEveryRenderBesideItsPicturesInOnePackage() throws {
        let template = try docx(body: "<w:p><w:r><w:t>{{герб | image}}</w:t></w:r></w:p><w:p><w:r><w:t>[[диаграмма: д]]</w:t></w:r></w:p>")
        let images = ImageLoader.resolver(base: repository.appendingPathComponent("examples/district").path)
        let out = try DocumentTemplate(bytes: template).render(["герб": "emblem.png", "д": provisionChart], options: RenderOptions(images: images))
        let zip = try ZipArchive(bytes: out.bytes)
        let names = zip.entries.map(\.name)
        #expect(names.contains("word/charts/chart1.xml") && names.contains { $0.hasPrefix("word/media/") })
        #expect(Set(names).count == names.count)
        let rels = try XMLParser.parse(zip.read("word/_rels/document.xml.rels")).root.children.compactMap(\.element)
        #expect(Set(rels.compactMap { $0[attribute: "Type"]?.split(separator: "/").last }) == ["image", "chart"])
        // Only the chart tag: still a chart (the old CLI placed charts only after templates with tags).
        let bare = try DocumentTemplate(bytes: docx(body: "<w:p><w:r><w:t>[[chart: д]]</w:t></w:r></w:p>")).render(["д": provisionChart])
        #expect(try ZipArchive(bytes: bare.bytes).contains("word/charts/chart1.xml"))
    }

    @Test func chartDataIsValidated() {
        func why(_ v: Value) -> String? { if case .failure(let e) = Chart.from(v) { return e.message.ru } else { return nil } }
        #expect(why(["подписи": ["а"], "ряды": [["значения": [1]]]]) == nil)
        #expect(why(["тип": "пирог", "подписи": ["а"], "ряды": [["значения": [1]]]])?.hasPrefix("неизвестный тип диаграммы «пирог»") == true)
        #expect(why(["подписи": ["а"], "ряды": [["значения": ["много"]]]]) == "в ряду 1 диаграммы значение «много» — не число")
        #expect(why(["подписи": ["а"], "ряды": []])?.hasPrefix("у диаграммы нет списка «ряды»") == true)
        #expect(why(["подписи": ["а"], "ряды": [["значения": [1]]], "ширина": "50 см"])?.hasPrefix("размеры диаграммы") == true)
        #expect(why(["подписи": ["а"], "ряды": [["значения": [1]]], "цвет": "red"])?.hasPrefix("у диаграммы нет поля «цвет»") == true)
        // Control characters from data never reach the chart's XML.
        if case .success(let c) = Chart.from(["подписи": ["а\u{1}б"], "ряды": [["название": "x\u{0}", "значения": [1]]], "заголовок": "т\u{7}"]) {
            #expect(c.categories == ["аб"] && c.series[0].name == "x" && c.title == "т")
            #expect(throws: Never.self) { try XMLParser.parse(ChartParts.drawingML(c, workbook: nil)) }
        } else {
            Issue.record("a chart with control characters was refused")
        }
        if case .success(let c) = Chart.from(["тип": "lines", "подписи": [1, 2], "ряды": [["значения": [1, nil]]], "высота": "120 мм"]) {
            #expect(c.kind == .lines && c.categories == ["1", "2"] && c.series[0].name == "Ряд 1" && c.height == 12)
        } else {
            Issue.record("a valid chart was refused")
        }
    }

    @Test(arguments: [DocumentKind.docx, .odt])
    func theAnalysisHasItsFourChartsWithTheDistrictsNumbers(_ kind: DocumentKind) throws {
        let zip = try ZipArchive(bytes: renderAnalysis(SmallDistrict.load(), kind))
        let parts = zip.entries.map(\.name).filter { kind == .docx ? $0.hasPrefix("word/charts/chart") : $0.hasSuffix("/content.xml") && $0.hasPrefix("Object ") }
        #expect(parts.count == 4)
        // The provision chart: schools 96,0 / 88,9 / 75,0 this year, 90,0 / 86,1 / 100,0 last year.
        var values: [[String]] = []
        for p in parts {
            let root = try XMLParser.parse(zip.read(p)).root
            let text = descendants(root, named: kind == .docx ? "t" : "p").map(\.textContent).joined()
            guard text.contains("Обеспеченность учебниками по школам") else { continue }
            if kind == .docx {
                values = descendants(root, named: "numCache").map { descendants($0, named: "v").map(\.textContent) }
            } else {
                let rows = descendants(root, named: "table-row").dropFirst()
                let cells = rows.map { descendants($0, named: "table-cell").dropFirst().compactMap { $0[attribute: "office:value"] } }
                values = [cells.map { $0[0] }, cells.map { $0[1] }]
            }
        }
        #expect(values == [["96", "88.9", "75"], ["90", "86.1", "100"]])
    }
}
