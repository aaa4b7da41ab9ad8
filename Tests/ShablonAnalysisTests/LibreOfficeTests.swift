import Foundation
import Testing
import TestSupport
import Shablon
import ShablonData
import ShablonDocuments

extension Office {
    /// This target also reads pages as pictures (pdftoppm).
    static var available: Bool { has("soffice", "pdftotext", "pdftoppm") }
    static func temporaryFolder() throws -> URL { try temporaryFolder(prefix: "shablon-analysis") }
}

/// A word of `pdftotext -bbox`: its text and box, in points from the page's top left.
struct PDFWord {
    var text: String
    var xMin, yMin, xMax, yMax: Double
}

/// The pages of a PDF as `pdftotext -bbox` sees them: size and words.
func pdfPages(_ pdf: URL) throws -> [(width: Double, height: Double, words: [PDFWord])] {
    let html = String(decoding: try Office.data("pdftotext", ["-bbox", pdf.path, "-"]), as: UTF8.self)
    var pages: [(Double, Double, [PDFWord])] = []
    for chunk in html.components(separatedBy: "<page ").dropFirst() {
        guard let size = chunk.firstMatch(of: /width="([\d.]+)" height="([\d.]+)"/) else { continue }
        let words = chunk.matches(of: /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/).map {
            PDFWord(text: String($0.5), xMin: Double($0.1)!, yMin: Double($0.2)!, xMax: Double($0.3)!, yMax: Double($0.4)!)
        }
        pages.append((Double(size.1)!, Double(size.2)!, words))
    }
    return pages
}

/// A page rendered by `pdftoppm` in grey: width, height and one byte per pixel (0 black, 255 white).
func greyPage(_ pdf: URL, page: Int, dpi: Int, in dir: URL) throws -> (width: Int, height: Int, pixels: [UInt8]) {
    let base = dir.appendingPathComponent("page-\(UUID().uuidString)")
    try Office.run("pdftoppm", ["-f", "\(page)", "-l", "\(page)", "-r", "\(dpi)", "-gray", "-singlefile", pdf.path, base.path])
    let bytes = [UInt8](try Data(contentsOf: base.appendingPathExtension("pgm")))
    // P5 <width> <height> <max>\n<pixels>
    var fields: [Int] = [], i = 2, current = ""
    while fields.count < 3 && i < bytes.count {
        let c = Character(UnicodeScalar(bytes[i]))
        if c.isNumber { current.append(c) } else if !current.isEmpty { fields.append(Int(current)!); current = "" }
        i += 1
    }
    return (fields[0], fields[1], Array(bytes[i...]))
}

@Suite(.serialized, .enabled(if: Office.available || Office.required, "LibreOffice and poppler-utils are not installed (make test installs them)"))
struct AnalysisInLibreOffice {
    /// Both formats of the example analysis convert in one LibreOffice run; on the page of the provision
    /// chart the schools' names stand as axis labels below the chart's title, and the chart's box is
    /// drawn (dark pixels of the bars), not blank.
    @Test func theChartsAreDrawnInThePDF() throws {
        #expect(Office.available, "LibreOffice (soffice), pdftotext and pdftoppm are required on CI")
        guard Office.available else { return }
        let dir = try Office.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try exampleAnalysis()
        var files: [URL] = []
        for kind in [DocumentKind.docx, .odt] {
            let url = dir.appendingPathComponent("analysis-\(kind.fileExtension).\(kind.fileExtension)")
            try Data(renderAnalysis(a, kind)).write(to: url)
            files.append(url)
        }
        try Office.convert(files, to: "pdf", in: dir)
        for f in files {
            let pdf = f.deletingPathExtension().appendingPathExtension("pdf")
            try #require(FileManager.default.fileExists(atPath: pdf.path), "\(f.lastPathComponent) did not convert")
            let pages = try pdfPages(pdf)
            let all = pages.flatMap(\.words).map(\.text).joined(separator: " ")
            #expect(!all.contains("{{") && !all.contains("[["), "\(f.lastPathComponent)")
            for title in ["Мероприятия по месяцам", "Книговыдача по школам, экз.", "Обеспеченность учебниками по школам, %",
                          "Обеспеченность учебниками по классам, %"] {
                #expect(all.contains(title), "\(f.lastPathComponent): no chart titled «\(title)»")
            }
            // The provision chart's page and title.
            var found: (page: Int, top: Double, width: Double, height: Double)?
            for (n, page) in pages.enumerated() {
                for (i, w) in page.words.enumerated() where w.text == "Обеспеченность" && i + 3 < page.words.count
                    && page.words[i + 1].text == "учебниками" && page.words[i + 2].text == "по" && page.words[i + 3].text == "школам," {
                    found = (n + 1, w.yMax, page.width, page.height)
                }
            }
            let chart = try #require(found, "\(f.lastPathComponent): the provision chart's title is not in the PDF")
            // Axis labels: every school's name lies below the title, within the chart's height (at most 22 cm).
            let words = pages[chart.page - 1].words
            let below = words.filter { $0.yMin > chart.top && $0.yMin < chart.top + 22 / 2.54 * 72 }.map(\.text)
            for label in ["Верхнеказымский", "Тугияны", "Пашторы"] {
                #expect(below.contains(label), "\(f.lastPathComponent): axis label «\(label)» not under the chart title")
            }
            // Pixels: in the box under the title (6 cm tall, the text's width), a good share is not white.
            let dpi = 50
            let image = try greyPage(pdf, page: chart.page, dpi: dpi, in: dir)
            let scale = Double(image.width) / chart.width
            let x0 = Int(3 / 2.54 * 72 * scale), x1 = Int((chart.width - 1 / 2.54 * 72) * scale)
            let y0 = Int((chart.top + 4) * scale), y1 = min(image.height, y0 + Int(6 / 2.54 * 72 * scale))
            var dark = 0, total = 0
            for y in y0..<y1 {
                for x in x0..<x1 {
                    total += 1
                    if image.pixels[y * image.width + x] < 200 { dark += 1 }
                }
            }
            let share = Double(dark) / Double(max(1, total))
            #expect(share > 0.2, "\(f.lastPathComponent): the chart's box is nearly blank (\(dark) of \(total) pixels dark)")
            // And the page below the last line of text is white: the measure tells a chart from nothing.
            let blankTop = Int((words.map(\.yMax).max() ?? chart.height) * scale) + 4
            if blankTop + 20 < image.height - Int(2 / 2.54 * 72 * scale) {
                let margin = image.pixels[(blankTop * image.width)..<((blankTop + 10) * image.width)]
                #expect(margin.filter { $0 < 200 }.count < margin.count / 50, "\(f.lastPathComponent): the page is dark below its text")
            }
        }
    }
}
