import Foundation
import Testing
import TestSupport
import Shablon
import ShablonData
import ShablonDocuments

/// The `shablon` binary built with the tests (same scratch path), or `$SHABLON_BIN`.
enum Binary {
    static let path: String? = {
        let fm = FileManager.default
        if let p = ProcessInfo.processInfo.environment["SHABLON_BIN"], fm.isExecutableFile(atPath: p) { return p }
        var dir = (Bundle.main.executablePath ?? Bundle.main.bundlePath) as NSString
        for _ in 0..<4 {
            dir = dir.deletingLastPathComponent as NSString
            let p = dir.appendingPathComponent("shablon")
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue, fm.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }()

    /// Runs the binary; returns the exit status and standard error.
    static func run(_ arguments: [String], in dir: URL) throws -> (status: Int32, stderr: String) {
        let binary = try #require(path, "the shablon binary was not found: build it first (swift build --scratch-path …) or set SHABLON_BIN")
        let err = dir.appendingPathComponent("stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let handle = try FileHandle(forWritingTo: err)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        p.currentDirectoryURL = repository
        p.standardOutput = FileHandle.nullDevice
        p.standardError = handle
        try p.run()
        p.waitUntilExit()
        try handle.close()
        return (p.terminationStatus, try String(contentsOf: err, encoding: .utf8))
    }
}

@Suite struct AnalysisCommandLine {
    /// `make demo`'s steps: the analysis with the schools' data, then one school report per school with
    /// `shablon batch` — over the schools' data and over the statistics table itself.
    @Test func theAnalysisAndABatchOfSchoolReports() throws {
        let dir = try Office.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let docx = dir.appendingPathComponent("анализ.docx").path, json = dir.appendingPathComponent("школы.json").path
        let analysis = try Binary.run(["analysis", "examples/analysis/analysis.yaml", "-o", docx, "--schools-data", json], in: dir)
        #expect(analysis.status == 0, "\(analysis.stderr)")
        let a = try exampleAnalysis()
        let names = a.statistics!.schools.map(\.school)
        #expect(names.count == 13)
        for (source, template, kind) in [(json, "templates/school-report.docx", DocumentKind.docx),
                                         ("examples/analysis/statistics.csv", "templates/school-report.odt", .odt)] {
            let out = dir.appendingPathComponent("reports-\(kind.fileExtension)")
            let batch = try Binary.run(["batch", template, source, "--name", "{{школа}}", "-o", out.path], in: dir)
            #expect(batch.status == 0, "\(batch.stderr)")
            let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
            #expect(files == names.map { "\($0).\(kind.fileExtension)" }.sorted())
            for name in names {
                let bytes = [UInt8](try Data(contentsOf: out.appendingPathComponent("\(name).\(kind.fileExtension)")))
                let text = try documentText(bytes, kind: kind).replacingOccurrences(of: "\u{A0}", with: " ")  // «п. Сорум» is bound
                #expect(text.contains("Отчёт о работе библиотеки\n\(name)\n"), "\(name)")
                #expect(!text.contains("{{"))
            }
        }
        // From the schools' data the derived figures are there: СОШ п. Лыхма's reading rate and provision.
        let lyhma = a.statistics!.schools.first { $0.school == "СОШ п. Лыхма" }!
        let record = a.schoolRecord(lyhma)
        let text = try documentText([UInt8](Data(contentsOf: dir.appendingPathComponent("reports-docx/СОШ п. Лыхма.docx"))), kind: .docx)
        guard case .string(let rate)? = record["читаемость"], case .string(let provision)? = record["обеспеченность"] else {
            Issue.record("no derived figures"); return
        }
        #expect(text.contains("Читаемость (книговыдача / читатели)\n\(rate)") && text.contains("Всего\n158\n153\n\(provision)"))
    }

    @Test func problemsInTheDataAreReportedWithTheirFileAndNothingIsWritten() throws {
        let dir = try Office.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "школа;книговыдача\nСОШ № 1;много\n".write(to: dir.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        try "план: нет.yaml\nстатистика: s.csv\nвыводы: [а]\nитог: []\n".write(to: dir.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("a.docx")
        let r = try Binary.run(["analysis", dir.appendingPathComponent("a.yaml").path, "-o", out.path], in: dir)
        #expect(r.status == 1)
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(r.stderr)")
        #expect(lines.contains { $0.contains("a.yaml: 1:7: error[file-not-found]") })
        #expect(lines.contains { $0.contains("a.yaml: 4:7: error[data-unknown-field]: «итог»: неизвестное поле. Возможно, имелось в виду «итоги».") })
        #expect(lines.contains { $0.contains("s.csv: ячейка B2: error[stats-bad-cell]") })
    }

    /// `--columns`: a statistics table exported with a title row and its own titles is read through a map.
    @Test func aColumnMapReadsTheStatisticsExport() throws {
        let dir = try Office.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = repository.appendingPathComponent("examples/plans/beloyarsky-2025-2026.yaml").path
        try "Отчёт библиотек за 2025/2026 уч. год (МАРК-SQL)\nОрганизация;Читателей (уч-ся);Выдано;Обучающихся 5 кл.;Учебников 5 кл.\nСОШ № 1;120;2400;40;38\nСОШ № 2;80;1000;30;30\n"
            .write(to: dir.appendingPathComponent("s.csv"), atomically: true, encoding: .utf8)
        try "строка_заголовков: 2\nстолбцы: {школа: Организация, читатели_учащиеся: Читателей (уч-ся), книговыдача: Выдано}\n"
            .write(to: dir.appendingPathComponent("m.yaml"), atomically: true, encoding: .utf8)
        try "план: \(plan)\nстатистика: s.csv\n".write(to: dir.appendingPathComponent("a.yaml"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("a.docx")
        let plain = try Binary.run(["analysis", dir.appendingPathComponent("a.yaml").path, "-o", out.path], in: dir)
        #expect(plain.status == 1 && plain.stderr.contains("stats-missing-column"), "\(plain.stderr)")
        let r = try Binary.run(["analysis", dir.appendingPathComponent("a.yaml").path, "-o", out.path,
                                "--columns", dir.appendingPathComponent("m.yaml").path], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let text = try documentText([UInt8](Data(contentsOf: out)), kind: .docx).replacingOccurrences(of: "\u{A0}", with: " ")
        #expect(text.contains("3 400"), "the district's loans: 2 400 + 1 000")
        #expect(text.contains("95"), "class 5 provision: 68 of 70 → 97,1 %; 38 of 40 → 95 %")
        let bad = try Binary.run(["analysis", dir.appendingPathComponent("a.yaml").path, "-o", out.path,
                                  "--columns", dir.appendingPathComponent("m.yaml").path, "--column", "фонд=Фонд"], in: dir)
        #expect(bad.status == 1 && bad.stderr.contains("error[stats-missing-column]") && bad.stderr.contains("«Выдано»"), "\(bad.stderr)")
    }

    /// `batch --group-by`: one document per school of a table with a row per school and class.
    @Test func batchGroupByWritesOneDocumentPerGroupWithItsRows() throws {
        let dir = try Office.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let template = try docx(body: """
        <w:p><w:r><w:t>Школа: {{группа}}, директор {{директор}}</w:t></w:r></w:p>        <w:p><w:r><w:t>{{#each строки}}{{класс}} кл.: {{учащихся}}; {{/each}}</w:t></w:r></w:p>
        """)
        try Data(template).write(to: dir.appendingPathComponent("t.docx"))
        try "школа;директор;класс;учащихся\nСОШ № 1;Иванова;1;50\nСОШ № 2;Петров;1;40\nСОШ № 1;;5;60\nСОШ № 2;;9;12\n"
            .write(to: dir.appendingPathComponent("classes.csv"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let r = try Binary.run(["batch", dir.appendingPathComponent("t.docx").path, dir.appendingPathComponent("classes.csv").path,
                                "--group-by", "школа", "--name", "{{группа}}", "-o", out.path], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["СОШ № 1.docx", "СОШ № 2.docx"])
        let first = try documentText([UInt8](Data(contentsOf: out.appendingPathComponent("СОШ № 1.docx"))), kind: .docx)
        #expect(first == "Школа: СОШ № 1, директор Иванова\n1 кл.: 50; 5 кл.: 60; ")
        let second = try documentText([UInt8](Data(contentsOf: out.appendingPathComponent("СОШ № 2.docx"))), kind: .docx)
        #expect(second == "Школа: СОШ № 2, директор Петров\n1 кл.: 40; 9 кл.: 12; ")
        // A column the table does not have.
        let wrong = try Binary.run(["batch", dir.appendingPathComponent("t.docx").path, dir.appendingPathComponent("classes.csv").path,
                                    "--group-by", "школы", "--name", "{{группа}}", "-o", dir.appendingPathComponent("out2").path], in: dir)
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("error[batch-group-column]: в «classes.csv» нет столбца «школы» для --group-by. Столбцы: школа, директор, класс, учащихся."))
    }
}
