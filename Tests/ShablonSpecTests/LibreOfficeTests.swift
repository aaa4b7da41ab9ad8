import Foundation
import Testing
import TestSupport
import Shablon
import ShablonData
import ShablonDocuments
import ShablonRussian

extension Office {
    /// Specifications are also read from XLSX that Calc saves.
    static var available: Bool { has("soffice", "pdftotext") && hasCalc }
}

@Suite(.serialized, .enabled(if: Office.available || Office.required, "LibreOffice (Writer and Calc) and pdftotext are not installed (make test installs them)"))
struct SpecificationsInLibreOffice {
    /// Windows-1251, `;`, Russian number format: how a person opens Excel's CSV in Calc.
    static let csvFilter = "CSV:59,34,34,1,,1049"

    @Test func aCSVInWindows1251AndTheXLSXLibreOfficeSavesFromItGiveTheSameSpecifications() throws {
        #expect(Office.available, "LibreOffice (Writer and Calc) and pdftotext are required on CI")
        guard Office.available else { return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shablon-spec-lo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // Random orders, written as Excel writes CSV in Russia, and one with a broken cell.
        var orders: [String: TextbookOrder] = [:]
        var files: [URL] = []
        for seed in [3, 17, 29, 101, 202, 777] {
            var rng = SplitMix64(seed: UInt64(seed))
            let order = randomOrder(&rng)
            let name = "order\(seed)"
            orders[name] = order
            let url = dir.appendingPathComponent("\(name).csv")
            try Data(windows1251(orderCSV(order))).write(to: url)
            files.append(url)
        }
        let broken = dir.appendingPathComponent("broken.csv")
        try Data(windows1251(header + "СОШ № 1;1.1.1;А.;Букварь;1;Просвещение;2024;10;845,90\r\n"
                             + "СОШ № 1;1.1.2;А.;Азбука;1;Просвещение;2024;10;845,9 руб.\r\n")).write(to: broken)
        files.append(broken)
        try Office.convert(files, to: "xlsx", in: dir, filter: SpecificationsInLibreOffice.csvFilter)
        for (name, order) in orders.sorted(by: { $0.key < $1.key }) {
            let csv = try loadOrder(bytes(dir.appendingPathComponent("\(name).csv")))
            let xlsx = try loadOrder(bytes(dir.appendingPathComponent("\(name).xlsx")))
            #expect(csv.lines == order.lines, "\(name): the CSV does not read back as written")
            #expect(xlsx.lines == csv.lines, "\(name): CSV and XLSX differ")
            #expect(Specification.make(from: xlsx) == Specification.make(from: csv), "\(name)")
        }
        // The broken cell, in the XLSX LibreOffice saved: by sheet and address.
        let found = problems { _ = try loadOrder(bytes(dir.appendingPathComponent("broken.xlsx"))) }
        #expect(found.map(\.location) == [.sheetCell(sheet: "broken", address: "I3")])
        #expect(found.first?.line().hasPrefix("лист «broken», ячейка I3: error[order-bad-cell]: «Цена»: «845,9 руб.» — не число.") == true)
    }

    @Test func everySpecificationOpensInLibreOffice() throws {
        #expect(Office.available, "LibreOffice (Writer and Calc) and pdftotext are required on CI")
        guard Office.available else { return }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shablon-spec-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let details = try ContractDetails.load(DataLoader.load(bytes(examples.appendingPathComponent("contracts.yaml"))))
        let example = Specification.make(from: try loadOrder(bytes(examples.appendingPathComponent("order.csv"))), vat: details.vatMode(for:))
        var rng = SplitMix64(seed: 9)
        let random = Specification.make(from: randomOrder(&rng), vat: { _ in .exempt })
        var expected: [(URL, [String])] = []
        for (i, spec) in (example + random).enumerated() {
            for kind in [DocumentKind.docx, .odt] {
                let url = dir.appendingPathComponent("spec\(i)-\(kind.fileExtension).\(kind.fileExtension)")
                try Data(renderSpecification(spec, i < example.count ? details : ContractDetails(), kind: kind)).write(to: url)
                var words = ["СПЕЦИФИКАЦИЯ", "ЗАКАЗЧИК:", "ПОСТАВЩИК:", "М.П.", "Разнарядка", RussianMoney.format(spec.total)]
                words.append(spec.vat.map(RussianMoney.format) ?? "Без НДС")
                expected.append((url, words))
            }
        }
        try Office.convert(expected.map(\.0), to: "pdf", in: dir)
        for (url, words) in expected {
            let pdf = url.deletingPathExtension().appendingPathExtension("pdf")
            #expect(FileManager.default.fileExists(atPath: pdf.path), "\(url.lastPathComponent) did not convert")
            let text = try Office.run("pdftotext", ["-layout", pdf.path, "-"]).replacingOccurrences(of: "\u{A0}", with: " ")
            for w in words { #expect(text.contains(w), "\(url.lastPathComponent): «\(w)» is missing") }
            #expect(!text.contains("{{"), "\(url.lastPathComponent)")
            // Landscape A4, the table's page first.
            let info = try Office.run("pdfinfo", [pdf.path])
            let size = try #require(info.firstMatch(of: /Page size:\s+([\d.]+) x ([\d.]+) pts/), "\(info)")
            #expect(abs(Double(size.1)! - 841.9) < 1 && abs(Double(size.2)! - 595.3) < 1, "\(url.lastPathComponent): \(size.0)")
        }
    }
}

enum RussianMoney {
    /// «1 234,50» with plain spaces, as the PDF's text is compared.
    static func format(_ d: Decimal) -> String {
        RussianFormat.number(d, fractionDigits: 2).replacingOccurrences(of: "\u{A0}", with: " ")
    }
}
