import Foundation
import Testing
import TestSupport
import Shablon
import ShablonData
import ShablonDocuments

extension Office {
    static var available: Bool { has("soffice", "pdftotext") }
}

@Suite(.serialized, .enabled(if: Office.available || Office.required, "LibreOffice and pdftotext are not installed (make test installs them)"))
struct PlansInLibreOffice {
    @Test func everySeedPlanConvertsAndTheStampIsUpperRight() throws {
        #expect(Office.available, "LibreOffice (soffice) and pdftotext are required on CI")
        guard Office.available else { return }
        let dir = try Office.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [URL] = []
        for e in Seeds.examples {
            let p = try Seeds.load(e.data)
            for kind in [DocumentKind.docx, .odt] {
                let url = dir.appendingPathComponent("\(e.data)-\(kind.fileExtension).\(kind.fileExtension)")
                try Data(renderPlan(p, kind)).write(to: url)
                files.append(url)
            }
        }
        try Office.convert(files, to: "pdf", in: dir)
        for f in files {
            let pdf = f.deletingPathExtension().appendingPathExtension("pdf")
            #expect(FileManager.default.fileExists(atPath: pdf.path), "\(f.lastPathComponent) did not convert")
            let text = try Office.run("pdftotext", ["-layout", pdf.path, "-"])
            #expect(text.contains("учебный год") && !text.contains("{{"), "\(pdf.lastPathComponent)")
        }
        // The stamp of the Serpukhov plan: on page 1, right half, top quarter.
        for kind in ["docx", "odt"] {
            let pdf = dir.appendingPathComponent("serpukhov-2024-2025-\(kind).pdf")
            let bbox = try Office.run("pdftotext", ["-bbox", "-f", "1", "-l", "1", pdf.path, "-"])
            let page = try #require(bbox.firstMatch(of: /<page width="([\d.]+)" height="([\d.]+)">/))
            let width = Double(page.1)!, height = Double(page.2)!
            let word = try #require(bbox.firstMatch(of: /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">УТВЕРЖДАЮ<\/word>/),
                                    "no УТВЕРЖДАЮ on page 1 (\(kind))")
            let x = Double(word.1)!, y = Double(word.2)!, right = Double(word.3)!
            #expect(x > width * 0.5, "\(kind): stamp starts at x=\(x) of \(width)")
            #expect(right < width, "\(kind)")
            #expect(y < height * 0.2, "\(kind): stamp at y=\(y) of \(height)")
            // The title comes after the stamp.
            let title = try #require(bbox.firstMatch(of: /<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">МУНИЦИПАЛЬНОЕ<\/word>/))
            #expect(Double(title.1)! > y)
        }
    }

    @Test func anExportedTemplateEditedAndSavedInLibreOfficeStillRenders() throws {
        #expect(Office.available, "LibreOffice (soffice) and pdftotext are required on CI")
        guard Office.available else { return }
        let dir = try Office.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // `shablon templates export plan -o plan.odt`, then a district edits it in LibreOffice.
        let exported = dir.appendingPathComponent("plan.odt")
        try Data(BuiltinTemplate.named("plan")!.bytes(.odt)).write(to: exported)
        try Office.convert([exported], to: "fodt", in: dir)
        let flat = dir.appendingPathComponent("plan.fodt")
        var xml = try String(contentsOf: flat, encoding: .utf8)
        let anchor = try #require(xml.firstRange(of: /<office:text[^>]*>/))
        xml.insert(contentsOf: "<text:p>Администрация Белоярского района, {{вид}}</text:p>", at: anchor.upperBound)
        let edited = dir.appendingPathComponent("district.fodt")
        try xml.write(to: edited, atomically: true, encoding: .utf8)
        try Office.convert([edited], to: "odt", in: dir)
        try Office.convert([edited], to: "docx:MS Word 2007 XML", in: dir)
        let seed = try String(contentsOf: testsFolder.appendingPathComponent("Seeds/003_ecb2c4bd9fba7c87.txt"), encoding: .utf8)
            .replacingOccurrences(of: "[bookmark: _GoBack]", with: "")
        let plan = try Seeds.load("beloyarsky-2025-2026")
        for kind in [DocumentKind.docx, .odt] {
            let bytes = try [UInt8](Data(contentsOf: dir.appendingPathComponent("district.\(kind.fileExtension)")))
            let t = try DocumentTemplate(bytes: bytes)
            let text = try documentText(t.render(plan.templateValue()).bytes, kind: kind)
            #expect(SeedText.missing(seed: seed, in: text).isEmpty, "\(kind)")
            #expect(text.contains("Администрация Белоярского района, РМО"), "\(kind)")
        }
    }
}
