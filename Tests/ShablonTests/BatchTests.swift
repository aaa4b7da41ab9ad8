import Foundation
import Testing
import Shablon
import ShablonData

/// `shablon batch`: one document per row, broken rows reported and skipped, nothing outside the folder,
/// the same bytes on every run.
@Suite struct BatchCommand {
    static let report = docxPackage(body: """
    <w:p><w:r><w:t>Отчёт библиотеки: {{Школа}}</w:t></w:r></w:p>\
    <w:p><w:r><w:t>Читателей: {{Читатели | number}}</w:t></w:r></w:p>
    """)

    /// 1 000 rows, every tenth broken (text where a number goes), names with slashes, dots and quotes.
    static func table() -> String {
        var lines = ["Школа;Читатели"]
        for i in 1...1000 {
            let school = i % 7 == 0 ? "../СОШ \"№ \(i)\" / филиал" : "МБОУ «СОШ № \(i)»"
            lines.append("\(school);\(i % 10 == 3 ? "много" : String(100 + i))")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    @Test func aThousandRowsWithAHundredBroken() throws {
        let dir = TempDir()
        let t = dir.write("report.docx", Self.report)
        let csv = dir.write("schools.csv", Self.table())
        let out = dir.file("out")
        let first = try CLI.run(["batch", t, csv, "--name", "{{Школа}}", "-o", out])
        #expect(first.status == 1, "\(first)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files.count == 900)
        #expect(files.allSatisfy { $0.hasSuffix(".docx") && !$0.hasPrefix(".") && !$0.contains("/") })
        #expect(first.errors.count == 100)
        #expect(first.stderr.contains("строка 4 таблицы «schools.csv»"))
        // Nothing outside the folder: only the inputs and the folder are beside it.
        #expect(dir.listing == ["out", "report.docx", "schools.csv"])
        // A name from data with slashes and quotes.
        #expect(files.contains("-СОШ «№ 7» - филиал.docx"))
        // The documents are real: one of them renders the row's values.
        let doc = try #require(contents(out + "/МБОУ «СОШ № 1».docx"))
        #expect(try DocumentTemplate(bytes: doc).kind == .docx)
        // A second identical run gives byte-identical files.
        let again = dir.file("again")
        _ = try CLI.run(["batch", t, csv, "--name", "{{Школа}}", "-o", again, "--jobs", "1"])
        for f in files { #expect(contents(out + "/" + f) == contents(again + "/" + f), "\(f)") }
    }

    @Test func namesAreSafeAndUnique() {
        var namer = FileNamer()
        #expect(namer.name(for: "АО \"Просвещение\"", ext: "docx") == "АО «Просвещение».docx")
        #expect(namer.name(for: "АО \"Просвещение\"", ext: "docx") == "АО «Просвещение» (2).docx")
        #expect(namer.name(for: "../../etc/passwd", ext: "docx") == "-..-etc-passwd.docx")
        #expect(namer.name(for: "CON", ext: "docx") == "_CON.docx")
        #expect(namer.name(for: "  ", ext: "odt") == "без названия.odt")
        #expect(namer.name(for: "a:b*c?d<e>f|g\u{1}h", ext: "docx") == "a-bcdef-g h.docx")
        let long = namer.name(for: String(repeating: "Школа ", count: 100), ext: "docx")
        #expect(long.utf8.count <= 255)
    }

    @Test func aMissingParentFolderIsReportedAndNothingIsWritten() throws {
        let dir = TempDir()
        let t = dir.write("report.docx", Self.report)
        let csv = dir.write("schools.csv", "Школа;Читатели\r\nА;1\r\n")
        let r = try CLI.run(["batch", t, csv, "--name", "{{Школа}}", "-o", dir.file("no/such/out")])
        #expect(r.status == 1)
        #expect(r.errors == ["output-folder-missing"])
        #expect(dir.listing == ["report.docx", "schools.csv"])
    }

    @Test func aYAMLListWorksToo() throws {
        let dir = TempDir()
        let t = dir.write("report.docx", Self.report)
        let list = dir.write("rows.yaml", "- {Школа: Гимназия № 1, Читатели: 500}\n- {Школа: Лицей, Читатели: 300}\n")
        let r = try CLI.run(["batch", t, list, "--name", "{{Школа | upper}}", "-o", dir.file("out")])
        #expect(r.status == 0, "\(r)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("out")).sorted() == ["ГИМНАЗИЯ № 1.docx", "ЛИЦЕЙ.docx"])
    }
}
