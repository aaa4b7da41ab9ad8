import Foundation
import Testing
import Shablon
import ShablonData

/// `{{#each … новая-страница}}`: each meeting on its own page, no blank page after the last.
@Suite(.serialized, .enabled(if: LibreOffice.available || LibreOffice.onCI, LibreOffice.missingMessage))
struct PageBreakLoopsInLibreOffice {
    @Test func threeMeetingsThreePages() throws {
        #expect(LibreOffice.available, LibreOffice.missingMessage)
        guard LibreOffice.available, let pdfinfo = LibreOffice.pdfinfo else { return }
        let dir = TempDir()
        let data: Value = ["meetings": [["topic": "Первое"], ["topic": "Второе"], ["topic": "Третье"]]]
        let docx = try DocumentTemplate(bytes: docxPackage(body: """
        <w:p><w:r><w:t>{{#each meetings новая-страница}}</w:t></w:r></w:p>\
        <w:p><w:r><w:t>Заседание № {{@number}}: {{topic}}</w:t></w:r></w:p>\
        <w:p><w:r><w:t>{{/each}}</w:t></w:r></w:p>
        """))
        let odt = try DocumentTemplate(bytes: odtPackage(body: """
        <text:p>{{#each meetings новая-страница}}</text:p><text:p>Заседание № {{@number}}: {{topic}}</text:p><text:p>{{/each}}</text:p>
        """))
        let a = dir.write("meetings-w.docx", try docx.render(data).bytes)
        let b = dir.write("meetings-o.odt", try odt.render(data).bytes)
        for pdf in try LibreOffice.convertToPDF([a, b], in: dir) {
            let info = try LibreOffice.run(pdfinfo, [pdf])
            #expect(info.split(separator: "\n").contains { $0.hasPrefix("Pages:") && $0.hasSuffix(" 3") }, "\(pdf): \(info)")
            let text = try LibreOffice.text(ofPDF: pdf)
            #expect(text.contains("Заседание № 3: Третье"))
        }
    }
}

/// `нумерация-заново` and `столбцы` in documents LibreOffice wrote itself (a flat ODT saved as DOCX and
/// ODT), rendered and converted to PDF: lists restart in each meeting, the repeated columns stand side by
/// side inside the table's width.
@Suite(.serialized, .enabled(if: LibreOffice.available || LibreOffice.onCI, LibreOffice.missingMessage))
struct NumberingAndColumnLoopsInLibreOffice {
    static let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Templates/loop-options.fodt")

    static let data: Value = [
        "заседания": [["вопросы": ["Отчёт за год", "План на год"]], ["вопросы": ["Конкурс чтецов", "Подписка", "Разное"]]],
        "классы": ["5", "6", "7", "8"],
        "школы": [["название": "СОШ № 1", "выдано": [10, 11, 12, 13]], ["название": "Гимназия", "выдано": [20, 21, 22, 23]]],
    ]

    /// The PDF's text laid out as on the page (`pdftotext -layout`), lines without their outer spaces.
    static func layout(_ pdf: String) throws -> [String] {
        let tool = try #require(LibreOffice.pdftotext, LibreOffice.missingMessage)
        return try LibreOffice.run(tool, ["-layout", "-enc", "UTF-8", pdf, "-"]).split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    @Test func restartsAndColumnsInDocxAndOdt() throws {
        #expect(LibreOffice.available, LibreOffice.missingMessage)
        guard LibreOffice.available, let soffice = LibreOffice.soffice else { return }
        let dir = TempDir()
        let profile = TempDir("shablon-lo-profile")
        let fodt = dir.write("loops.fodt", try Data(contentsOf: Self.source).map { $0 })
        let plain = dir.write("plain.fodt", String(decoding: try Data(contentsOf: Self.source), as: UTF8.self)
            .replacingOccurrences(of: " нумерация-заново", with: ""))
        for format in ["docx", "odt"] {
            try LibreOffice.run(soffice, ["-env:UserInstallation=file://\(profile.path)", "--headless", "--norestore",
                                          "--convert-to", format, "--outdir", dir.path, fodt, plain])
        }
        var outputs: [String] = []
        for name in ["loops.docx", "loops.odt", "plain.docx", "plain.odt"] {
            let t = try DocumentTemplate(bytes: try Data(contentsOf: URL(fileURLWithPath: dir.file(name))).map { $0 })
            #expect(t.warnings.isEmpty, "\(t.warnings)")
            outputs.append(dir.write("out-" + name.replacingOccurrences(of: ".", with: "-") + "." + (name as NSString).pathExtension,
                                     try t.render(Self.data).bytes))
        }
        let pdfs = try LibreOffice.convertToPDF(outputs, in: dir)
        for pdf in pdfs {
            let lines = try Self.layout(pdf)
            let numbers = lines.compactMap { l -> String? in
                guard let dot = l.firstIndex(of: "."), l[..<dot].allSatisfy(\.isNumber), !l[..<dot].isEmpty else { return nil }
                return String(l[..<dot])
            }
            if pdf.contains("out-loops") || pdf.contains("out-plain-odt") {
                #expect(numbers == ["1", "2", "1", "2", "3"], "\(pdf): \(lines)")
            } else {
                // Without the option the DOCX list (one numbering for the whole document, as Word and
                // LibreOffice write it) continues from meeting to meeting: the check can fail. In ODT each
                // repetition is a list of its own, which starts again unless it says it continues.
                #expect(numbers == ["1", "2", "3", "4", "5"], "\(pdf): \(lines)")
            }
            // Four class columns side by side under «Классы», each school's values in one line.
            let header = try #require(lines.first { $0.hasPrefix("Школа") }, "\(pdf): \(lines)")
            #expect(LibreOffice.fold(header) == "Школа 5 кл. 6 кл. 7 кл. 8 кл.", "\(pdf): \(header)")
            #expect(lines.contains { LibreOffice.fold($0) == "СОШ № 1 10 11 12 13" }, "\(pdf): \(lines)")
            #expect(lines.contains { LibreOffice.fold($0) == "Гимназия 20 21 22 23" }, "\(pdf): \(lines)")
            // The table keeps its width: the last column starts where the template's column would end at
            // 3/4 of its share (16 cm table, 4 cm first column: 12 cm shared by four).
            let bbox = try LibreOffice.run(try #require(LibreOffice.pdftotext), ["-bbox", "-enc", "UTF-8", pdf, "-"])
            let pageWidth = try #require(Self.number(bbox, after: "<page width=\""))
            let x23 = try #require(Self.wordX(bbox, "23"), "\(pdf)")
            let x20 = try #require(Self.wordX(bbox, "20"), "\(pdf)")
            #expect(x23 < pageWidth * 0.95 && x23 > x20 + 150, "\(pdf): 20 at \(x20), 23 at \(x23), page \(pageWidth)")
        }
    }

    static func number(_ s: String, after marker: String) -> Double? {
        guard let r = s.range(of: marker) else { return nil }
        return Double(s[r.upperBound...].prefix { $0.isNumber || $0 == "." })
    }

    /// The left edge of a word in `pdftotext -bbox` output.
    static func wordX(_ bbox: String, _ word: String) -> Double? {
        for line in bbox.split(separator: "\n") where line.hasSuffix(">\(word)</word>") {
            return number(String(line), after: "xMin=\"")
        }
        return nil
    }
}
