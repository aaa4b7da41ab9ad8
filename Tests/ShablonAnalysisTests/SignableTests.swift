import Foundation
import Testing
import TestSupport
import Shablon
import ShablonData
import ShablonDocuments
import ShablonXML
import ShablonZip

/// A rendered document's body as words in order, each with the table row (or running paragraph) it
/// belongs to: what the PDF is checked against.
struct DocumentWords {
    struct Word {
        var text: String
        /// The table row (data rows only; header rows repeat on every page) or the paragraph outside tables.
        var group: Int
        var inTable: Bool
    }

    var words: [Word] = []
    /// The texts of every data row's cells, by group.
    var rows: [Int: [String]] = [:]

    init(_ bytes: [UInt8], kind: DocumentKind) throws {
        let zip = try ZipArchive(bytes: bytes)
        let root = try XMLParser.parse(zip.read(kind == .docx ? "word/document.xml" : "content.xml")).root
        var group = 0
        func local(_ e: XMLElement) -> String { e.name.split(separator: ":").last.map(String.init) ?? e.name }
        func paragraphText(_ e: XMLElement) -> String {
            var s = ""
            func text(_ x: XMLElement) {
                let l = local(x)
                if kind == .docx && l == "t" { s += x.textContent; return }
                if l == "tab" || l == "line-break" || l == "br" { s += " "; return }
                if l == "s" && kind == .odt { s += " "; return }
                for c in x.children {
                    switch c {
                    case .element(let y): text(y)
                    case .text(let t) where kind == .odt: s += t
                    default: break
                    }
                }
            }
            text(e)
            return s
        }
        func add(_ text: String, inTable: Bool) {
            for w in DocumentWords.split(text) { words.append(Word(text: w, group: group, inTable: inTable)) }
        }
        func walk(_ e: XMLElement, inRow: Bool, header: Bool) {
            let l = local(e)
            if l == "table-header-rows" || (l == "tr" && kind == .docx && isHeader(e)) {
                return  // repeated on every page: not part of the flow checked
            }
            if l == "tr" || l == "table-row" {
                group += 1
                var cells: [String] = []
                for c in e.children {
                    guard case .element(let cell) = c, ["tc", "table-cell"].contains(local(cell)) else { continue }
                    var texts: [String] = []
                    func paragraphs(_ x: XMLElement) {
                        if ["p", "h"].contains(local(x)) { texts.append(paragraphText(x)); return }
                        for y in x.children { if case .element(let z) = y { paragraphs(z) } }
                    }
                    paragraphs(cell)
                    cells.append(texts.joined(separator: "\n"))
                    for t in texts { add(t, inTable: true) }
                }
                rows[group] = cells
                return
            }
            if (l == "p" || l == "h") && !inRow {
                group += 1
                add(paragraphText(e), inTable: false)
                return
            }
            for c in e.children { if case .element(let x) = c { walk(x, inRow: inRow, header: header) } }
        }
        func isHeader(_ tr: XMLElement) -> Bool {
            for c in tr.children {
                guard case .element(let pr) = c, local(pr) == "trPr" else { continue }
                for d in pr.children { if case .element(let h) = d, local(h) == "tblHeader" { return true } }
            }
            return false
        }
        walk(root, inRow: false, header: false)
    }

    /// Words as pdftotext cuts them: at spaces, no-break ones included; soft hyphens dropped. A word
    /// is cut after a hyphen or a slash as well, where a line may break («семинар-|практикум»,
    /// «Академкнига/|Учебник»).
    static func split(_ text: String) -> [String] {
        var words: [String] = []
        for word in text.replacingOccurrences(of: "\u{AD}", with: "").split(whereSeparator: { $0.isWhitespace || $0 == "\u{A0}" || $0 == "\u{202F}" || $0 == "\u{200B}" }) {
            var current = ""
            for c in word {
                current.append(c)
                if (c == "-" || c == "/") && current.count > 1 { words.append(current); current = "" }
            }
            if !current.isEmpty { words.append(current) }
        }
        return words
    }
}

/// Where each word of a document stands in its PDF: the document's words matched in order against the
/// PDF's (which LibreOffice writes in reading order, repeated table headers and page numbers between).
struct Placement {
    /// The PDF page (from 0) and line (yMin) of each document word; nil when it is not found as one word.
    var place: [(page: Int, y: Double)?]

    init(_ doc: DocumentWords, _ pages: [(width: Double, height: Double, words: [PDFWord])]) {
        var pdf: [(String, Int, Double)] = []
        for (n, p) in pages.enumerated() {
            for w in p.words { for part in DocumentWords.split(w.text) { pdf.append((part, n, w.yMin)) } }
        }
        // A word is placed at the next PDF word when that is the word; else where it and the next word
        // stand together within the next 80 PDF words (so a repeated header or a page number is passed
        // over, and a common word does not jump ahead); else alone within the next 6.
        var j = 0
        let words = doc.words.map(\.text)
        place = words.indices.map { i in
            let w = words[i]
            if j < pdf.count && pdf[j].0 == w {
                j += 1
                return (pdf[j - 1].1, pdf[j - 1].2)
            }
            for k in j..<min(pdf.count, j + 80) where pdf[k].0 == w && (i + 1 == words.count || (k + 1 < pdf.count && pdf[k + 1].0 == words[i + 1])) {
                j = k + 1
                return (pdf[k].1, pdf[k].2)
            }
            for k in j..<min(pdf.count, j + 6) where pdf[k].0 == w {
                j = k + 1
                return (pdf[k].1, pdf[k].2)
            }
            return nil
        }
    }
}

/// The pages of a PDF as `pdftotext -bbox -raw` gives them: words in the order they are drawn (the
/// document's order; without `-raw` the words of a table come column by column).
func pdfPagesInDrawingOrder(_ pdf: URL) throws -> [(width: Double, height: Double, words: [PDFWord])] {
    let html = String(decoding: try Office.data("pdftotext", ["-bbox", "-raw", pdf.path, "-"]), as: UTF8.self)
    var pages: [(Double, Double, [PDFWord])] = []
    for chunk in html.components(separatedBy: "<page ").dropFirst() {
        guard let size = chunk.firstMatch(of: /width="([\d.]+)" height="([\d.]+)"/) else { continue }
        let words = chunk.matches(of: /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/).map {
            PDFWord(text: String($0.5).replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
                        .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">"),
                    xMin: Double($0.1)!, yMin: Double($0.2)!, xMax: Double($0.3)!, yMax: Double($0.4)!)
        }
        pages.append((Double(size.1)!, Double(size.2)!, words))
    }
    return pages
}

@Suite(.serialized, .enabled(if: Office.available || Office.required, "LibreOffice and poppler-utils are not installed (make test installs them)"))
struct SignableAsItComesOut {
    /// The example specifications (both formats of one), the example analysis (both formats) and three
    /// school reports, converted to PDF in one LibreOffice run, then checked as the methodist who
    /// signs them would: the totals block on one page, no row split across pages, no paragraph leaving
    /// one line behind, no straight quote, no word broken without a hyphen.
    @Test func theSpecificationsTheAnalysisAndTheSchoolReportsAreSignable() throws {
        #expect(Office.available, "LibreOffice (soffice), pdftotext and pdftoppm are required on CI")
        guard Office.available else { return }
        let dir = try Office.temporaryFolder()
        let keep = ProcessInfo.processInfo.environment["SHABLON_KEEP_PDF"] != nil  // to look at the pages by hand
        defer { if !keep { try? FileManager.default.removeItem(at: dir) } else { print("PDFs kept in \(dir.path)") } }
        var files: [(url: URL, doc: DocumentWords, spec: Bool)] = []
        func add(_ name: String, _ bytes: [UInt8], _ kind: DocumentKind, spec: Bool = false) throws {
            let url = dir.appendingPathComponent("\(name).\(kind.fileExtension)")
            try Data(bytes).write(to: url)
            files.append((url, try DocumentWords(bytes, kind: kind), spec))
        }
        // Specifications.
        let orders = repository.appendingPathComponent("examples/orders")
        let details = try ContractDetails.load(DataLoader.load(Files.read(orders.appendingPathComponent("contracts.yaml").path)))
        let order = try TextbookOrder.load(SpreadsheetLoader.table(bytes: Files.read(orders.appendingPathComponent("order.csv").path)))
        let specs = Specification.make(from: order, vat: details.vatMode(for:))
        for (i, spec) in specs.enumerated() {
            for kind in i == 0 ? [DocumentKind.docx, .odt] : [.docx] {
                let t = try DocumentTemplate(bytes: BuiltinTemplate.named("specification")!.bytes(kind))
                try add("spec\(i)-\(kind.fileExtension)", t.render(spec.templateValue(details)).bytes, kind, spec: true)
            }
        }
        // The analysis and school reports.
        let a = try exampleAnalysis()
        for kind in [DocumentKind.docx, .odt] { try add("analysis-\(kind.fileExtension)", renderAnalysis(a, kind), kind) }
        let report = try DocumentTemplate(bytes: BuiltinTemplate.named("school-report")!.bytes(.docx))
        for (i, school) in (a.statistics?.schools ?? []).enumerated() where [0, 4, 11].contains(i) {
            try add("school\(i)", report.render(a.schoolRecord(school)).bytes, .docx)
        }
        try Office.convert(files.map(\.url), to: "pdf", in: dir)

        for f in files {
            let name = f.url.lastPathComponent
            let pdf = f.url.deletingPathExtension().appendingPathExtension("pdf")
            try #require(FileManager.default.fileExists(atPath: pdf.path), "\(name) did not convert")
            let pages = try pdfPagesInDrawingOrder(pdf)
            let all = pages.flatMap(\.words)
            #expect(!all.contains { $0.text.contains("\"") }, "\(name): a straight quote «\(all.first { $0.text.contains("\"") }?.text ?? "")»")
            let placement = Placement(f.doc, pages)
            if keep {
                let dump = zip(f.doc.words, placement.place).map { w, p in "\(w.group)\t\(w.text)\t\(p.map { "\($0.page + 1)" } ?? "-")" }
                try dump.joined(separator: "\n").write(to: f.url.appendingPathExtension("words.txt"), atomically: true, encoding: .utf8)
            }

            // No table row's text on two pages; no paragraph leaving a single line on a page.
            var groups: [Int: [(page: Int, y: Double)]] = [:]
            var inTable: [Int: Bool] = [:]
            for (w, p) in zip(f.doc.words, placement.place) {
                inTable[w.group] = w.inTable
                if let p { groups[w.group, default: []].append(p) }
            }
            for (g, places) in groups.sorted(by: { $0.key < $1.key }) {
                let byPage = Dictionary(grouping: places, by: \.page)
                guard byPage.count > 1 else { continue }
                if inTable[g] == true {
                    Issue.record("\(name): a table row is split across pages \(byPage.keys.sorted().map { $0 + 1 }): \(f.doc.rows[g] ?? [])")
                } else {
                    for (page, ps) in byPage where Set(ps.map { ($0.y * 2).rounded() }).count < 2 {
                        let text = f.doc.words.filter { $0.group == g }.map(\.text).joined(separator: " ")
                        Issue.record("\(name): one line of «\(text.prefix(60))…» alone on page \(page + 1)")
                    }
                }
            }
            // Names of publishers and schools: every word found whole (a word broken without a hyphen is two).
            for (w, p) in zip(f.doc.words, placement.place) where p == nil && w.inTable {
                let cells = f.doc.rows[w.group] ?? []
                let isName = cells.contains { c in c.contains(w.text) && ["СОШ", "ООШ", "НОШ", "МАОУ", "ООО", "АО "].contains { c.contains($0) } }
                if isName { Issue.record("\(name): «\(w.text)» is broken across lines (row \(cells))") }
            }

            guard f.spec else { continue }
            // The totals block: «Итого», the VAT line, the sum in words and both signatures on one page.
            func page(of sequence: [String]) -> Int? {
                let words = pages.enumerated().flatMap { n, p in p.words.map { (n, $0.text) } }
                for i in words.indices where i + sequence.count <= words.count {
                    if zip(sequence, words[i..<(i + sequence.count)]).allSatisfy({ $0 == $1.1 }) { return words[i].0 }
                }
                return nil
            }
            let total = page(of: ["Итого:"])
            let vat = page(of: ["в", "том", "числе", "НДС"]) ?? page(of: ["НДС:"])
            let words = page(of: ["Общая", "стоимость:"])
            let supplier = page(of: ["ПОСТАВЩИК:"])
            #expect(total != nil && vat != nil && words != nil && supplier != nil, "\(name)")
            #expect(Set([total, vat, words, supplier]).count == 1,
                    "\(name): Итого on page \(total.map { $0 + 1 } ?? 0), VAT \(vat.map { $0 + 1 } ?? 0), sum in words \(words.map { $0 + 1 } ?? 0), signatures \(supplier.map { $0 + 1 } ?? 0)")
        }
    }
}
