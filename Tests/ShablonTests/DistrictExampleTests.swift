import Foundation
import Testing
import Shablon
import ShablonData
import ShablonEngine
import ShablonZip

/// examples/district: a district's own template — the emblem in the first page's header, the facsimile on
/// the stamp's signature line, a column loop under «Классы», each meeting on its own page with its agenda
/// numbered from 1, fifty rows with one icon — filled as `shablon render` fills it, in DOCX and ODT, and
/// printed by LibreOffice in one run.
@Suite(.serialized, .enabled(if: LibreOffice.available || LibreOffice.onCI, LibreOffice.missingMessage))
struct DistrictExampleInLibreOffice {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/district")

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// The agenda of each meeting in district.yaml: how many items.
    static let agendaLengths = [5, 4, 3, 5]

    @Test func meetingPagesNumberingColumnsAndPictures() throws {
        #expect(LibreOffice.available, LibreOffice.missingMessage)
        guard LibreOffice.available, let pdftotext = LibreOffice.pdftotext, let pdfinfo = LibreOffice.pdfinfo else { return }
        let pdfimages = try #require(LibreOffice.which("pdfimages"), LibreOffice.missingMessage)
        let dir = TempDir()
        let data = try DataLoader.load(try Self.bytes("district.yaml")).value
        let options = RenderOptions(images: ImageLoader.resolver(base: Self.folder.path))
        let icon = try Self.bytes("book-icon.png")
        var outputs: [String] = []
        for kind in ["docx", "odt"] {
            let t = try DocumentTemplate(bytes: try Self.bytes("district.\(kind)"))
            #expect(t.warnings.isEmpty, "district.\(kind): \(t.warnings.map { $0.line() })")
            let doc = try t.render(data, options: options)
            #expect(doc.warnings.isEmpty, "district.\(kind): \(doc.warnings.map { $0.line() })")
            // The icon of the fifty rows is one file in the package; the emblem and the facsimile two more.
            let zip = try ZipArchive(bytes: doc.bytes)
            let media = zip.entries.map(\.name).filter { $0.hasPrefix(kind == "docx" ? "word/media/shablon-" : "Pictures/shablon-") }
            #expect(media.count == 3, "\(kind): \(media)")
            #expect(try media.filter { try zip.read($0) == icon }.count == 1, "\(kind): \(media)")
            let body = String(decoding: try zip.read(kind == "docx" ? "word/document.xml" : "content.xml"), as: UTF8.self)
            let drawing = kind == "docx" ? "<wp:inline" : "<draw:frame"
            #expect(body.components(separatedBy: drawing).count - 1 == 51, "\(kind): the facsimile and 50 icons")
            outputs.append(dir.write("district-\(kind).\(kind)", doc.bytes))
        }

        for pdf in try LibreOffice.convertToPDF(outputs, in: dir) {
            let name = (pdf as NSString).lastPathComponent
            // Pages as LibreOffice laid them out, without the page numbers of the header.
            let pages = try LibreOffice.run(pdftotext, ["-layout", "-enc", "UTF-8", pdf, "-"])
                .split(separator: "\u{0C}", omittingEmptySubsequences: false).map { page in
                    page.split(separator: "\n").map { LibreOffice.fold(String($0)) }
                        .filter { !$0.isEmpty && !$0.allSatisfy(\.isNumber) }
                }.filter { !$0.isEmpty }
            let info = try LibreOffice.run(pdfinfo, [pdf])
            #expect(info.split(separator: "\n").contains { $0.hasPrefix("Pages:") && $0.hasSuffix(" \(pages.count)") }, "\(name): \(info)")
            #expect(pages.count >= 8, "\(name): \(pages.count) pages")

            // Each meeting starts a page (the first after the section heading); the pages follow each other;
            // each agenda is numbered from 1.
            var meetingPages: [Int] = []
            for (i, length) in Self.agendaLengths.enumerated() {
                let title = "Заседание № \(i + 1)"
                guard let p = pages.firstIndex(where: { $0.contains(title) }) else {
                    Issue.record("\(name): no page with «\(title)»")
                    continue
                }
                meetingPages.append(p)
                let opening = i == 0 ? ["II. Заседания РМО", title] : [title]
                #expect(Array(pages[p].prefix(opening.count)) == opening, "\(name): page \(p + 1): \(pages[p])")
                let numbers = pages[p].compactMap { line -> Int? in
                    guard let dot = line.firstIndex(of: "."), !line[..<dot].isEmpty, line[..<dot].allSatisfy(\.isNumber) else { return nil }
                    return Int(line[..<dot])
                }
                #expect(numbers == Array(1...length), "\(name): agenda of meeting \(i + 1): \(pages[p])")
            }
            #expect(meetingPages == meetingPages.indices.map { (meetingPages.first ?? 0) + $0 }, "\(name): meetings on pages \(meetingPages)")
            if let last = meetingPages.last, last + 1 < pages.count {
                #expect(pages[last + 1].first == "Приложение. Школьные библиотеки — участники РМО", "\(name): \(pages[last + 1])")
            }

            // The column loop: the classes side by side under «Классы», each school's and the total's values
            // on one line, dashes where an ООШ has no 10th and 11th classes.
            let lines = pages.flatMap { $0 }
            #expect(lines.contains { $0.hasSuffix("5 6 7 8 9 10 11") }, "\(name): \(lines)")
            #expect(lines.contains("9 МКОУ «Берёзовская СОШ» 271 234 148 132 116 158 105 1 164"), "\(name): \(lines)")
            #expect(lines.contains("12 МКОУ «Луговская ООШ» 63 44 50 43 34 — — 234"), "\(name): \(lines)")
            #expect(lines.contains("Итого 5 129 4 746 3 897 3 098 2 377 2 845 2 249 24 341"), "\(name): \(lines)")

            // The pictures LibreOffice printed (it resamples them, so they are told apart by their shape): on
            // page 1 the emblem (in the header, 240 × 288) and the facsimile (420 × 160); on the list's pages the
            // 50 square icons.
            let pictures = try LibreOffice.run(pdfimages, ["-list", pdf]).split(separator: "\n").dropFirst(2)
                .map { $0.split(separator: " ").map(String.init) }
                .filter { $0.count > 4 && $0[2] == "image" }
                .compactMap { f -> (page: Int, ratio: Double)? in
                    guard let page = Int(f[0]), let w = Double(f[3]), let h = Double(f[4]), h > 0 else { return nil }
                    return (page, w / h)
                }
            let summary = pictures.map { "p\($0.page) \(String(format: "%.2f", $0.ratio))" }.joined(separator: ", ")
            func count(_ ratio: Double, onFirstPage: Bool) -> Int {
                pictures.filter { abs($0.ratio - ratio) < 0.05 && ($0.page == 1) == onFirstPage }.count
            }
            #expect(count(240.0 / 288, onFirstPage: true) == 1, "\(name): the emblem: \(summary)")
            #expect(count(420.0 / 160, onFirstPage: true) == 1, "\(name): the facsimile: \(summary)")
            #expect(count(1, onFirstPage: false) == 50, "\(name): the icons: \(summary)")
            #expect(pictures.count == 52, "\(name): \(summary)")
        }
    }
}
