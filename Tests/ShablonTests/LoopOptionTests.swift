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
