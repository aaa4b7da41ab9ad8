import Foundation
import Testing
import ShablonZip

/// `shablon render` places charts by `[[диаграмма: путь]]` paragraphs, even when the tag is split in runs.
@Suite struct ChartsThroughRender {
    @Test func aSplitChartTagBecomesANativeChart() throws {
        let dir = TempDir()
        let t = dir.write("chart.docx", docxPackage(body: """
        <w:p><w:r><w:t>{{title}}</w:t></w:r></w:p><w:p><w:r><w:t>[[диаграмма: </w:t></w:r><w:r><w:t>d]]</w:t></w:r></w:p>
        """))
        let data = dir.write("chart.yaml", "title: Выдача\nd: {тип: столбцы, подписи: [А, Б], ряды: [{название: 2025, значения: [10, 20]}]}\n")
        let out = dir.file("out.docx")
        let r = try CLI.run(["render", t, data, "-o", out])
        #expect(r.status == 0, "\(r)")
        let zip = try ZipArchive(bytes: try #require(contents(out)))
        #expect(zip.contains("word/charts/chart1.xml"))
        let document = String(decoding: try zip.read("word/document.xml"), as: UTF8.self)
        #expect(!document.contains("[[") && document.contains("drawingml/2006/chart"))
    }
}
