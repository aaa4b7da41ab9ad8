import Foundation
import Testing
import Shablon
import ShablonData
import ShablonXML
import ShablonZip

/// A template with five different mistakes in three parts, none a consequence of another.
let fiveMistakes = docxPackage(
    body: wpText("Школа: {{school | upperr}}")            // unknown-filter
        + wpText("Итого: {{ count ")                     // unclosed-tag
        + wpText("{{#if approved}}"),                    // unclosed-block
    header: wpText("{{}}"),                              // empty-tag
    footer: wpText("{{year}}") + wpText("{{/each}}"))    // unopened-block

@Suite struct CommandLineProgram {
    @Test func rendersBothFormats() throws {
        let dir = TempDir()
        let d = dir.write("план.yaml", Plan.yaml)
        for (name, bytes, main) in [("план.docx", PlanDOCX.package, "word/document.xml"), ("план.odt", PlanODT.package, "content.xml")] {
            let t = dir.write(name, bytes)
            let ext = (name as NSString).pathExtension
            let out = dir.file("готово.\(ext)")
            let before = FileSnapshot(t)
            let r = try CLI.run(["render", t, d, "-o", out])
            #expect(r.status == 0, "\(r)")
            #expect(r.stderr.isEmpty, "\(r)")
            let rendered = try #require(contents(out))
            let parts = try checkPackage(rendered, template: bytes, templated: Set(try ZipArchive(bytes: bytes).entries.map(\.name)
                .filter { ["word/document.xml", "word/header1.xml", "word/footer1.xml", "docProps/core.xml", "content.xml", "styles.xml", "meta.xml"].contains($0) }))
            #expect(paragraphTexts(try XMLParser.parse(parts[main]!).root) == Plan.bodyParagraphs)
            // The same bytes as the library gives.
            #expect(rendered == (try render(bytes, try data(Plan.yaml)).bytes))
            #expect(FileSnapshot(t) == before, "the template was modified")
        }
        // Only the inputs and the outputs: no temporary files left behind.
        #expect(dir.listing == ["готово.docx", "готово.odt", "план.docx", "план.odt", "план.yaml"])
    }

    @Test func dataFromStandardInputAndAnExistingOutputIsReplaced() throws {
        let dir = TempDir()
        let t = dir.write("t.docx", PlanDOCX.package)
        let out = dir.write("out.docx", "старый файл")
        let r = try CLI.run(["render", t, "-", "-o", out], stdin: Array(Plan.yaml.utf8))
        #expect(r.status == 0, "\(r)")
        let doc = try ZipArchive(bytes: try #require(contents(out))).read("word/document.xml")
        #expect(paragraphTexts(try XMLParser.parse(doc).root) == Plan.bodyParagraphs)
        #expect(dir.listing == ["out.docx", "t.docx"])
    }

    @Test func outputInAMissingFolder() throws {
        let dir = TempDir()
        let t = dir.write("t.docx", PlanDOCX.package)
        let d = dir.write("d.yaml", Plan.yaml)
        let out = dir.file("нет такой папки/out.docx")
        let r = try expectFailingRun(["render", t, d, "-o", out], output: out, inputs: [t, d], status: 1, code: "output-folder-missing")
        #expect(r.stderr.contains("нет такой папки"), "\(r)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("нет такой папки")), "the folder was created")
        #expect(dir.listing == ["d.yaml", "t.docx"])
        #expect(try CLI.run(["render", t, d, "-o", out, "--lang", "en"]).stderr.contains("does not exist"))
    }

    @Test func theTemplateIsNeverTheOutput() throws {
        let dir = TempDir()
        let t = dir.write("t.docx", PlanDOCX.package)
        let d = dir.write("d.yaml", Plan.yaml)
        try FileManager.default.createDirectory(atPath: dir.file("sub"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.file("link.docx"), withDestinationPath: t)
        for out in [t, dir.path + "/sub/../t.docx", dir.file("link.docx")] {
            let before = FileSnapshot(t)
            let r = try CLI.run(["render", t, d, "-o", out])
            #expect(r.status == 2, "\(out): \(r)")
            #expect(r.errors == ["output-is-input"], "\(r)")
            #expect(FileSnapshot(t) == before, "the template was overwritten through \(out)")
        }
        // Nor the data.
        let dataDocx = dir.write("data.docx", "{\"school\": \"x\"}")
        let before = FileSnapshot(dataDocx)
        let r = try CLI.run(["render", t, dataDocx, "-o", dataDocx])
        #expect(r.status == 2, "\(r)")
        #expect(FileSnapshot(dataDocx) == before)
        #expect(dir.listing == ["d.yaml", "data.docx", "link.docx", "sub", "t.docx"])
    }

    @Test func usageErrorsExitWithTwo() throws {
        let dir = TempDir()
        let t = dir.write("t.docx", PlanDOCX.package)
        let d = dir.write("d.yaml", Plan.yaml)
        // An output whose extension is not a document, or does not fit the template.
        for out in [dir.file("out.txt"), dir.file("out.odt"), dir.file("out")] {
            let r = try expectFailingRun(["render", t, d, "-o", out], output: out, inputs: [t, d], status: 2, code: "usage")
            #expect(!r.stderr.isEmpty)
        }
        // Arguments the parser refuses.
        for args in [["render", t], ["render", t, d, "-o", dir.file("o.docx"), "--no-such-option"], ["frobnicate"],
                     ["render", t, d, "-o", dir.file("o.docx"), "--lang", "de"]] {
            let r = try CLI.run(args)
            #expect(r.status == 2, "\(args): \(r)")
            #expect(!r.stderr.isEmpty)
        }
        #expect(dir.listing == ["d.yaml", "t.docx"])
    }

    @Test func missingInputFiles() throws {
        let dir = TempDir()
        let t = dir.write("t.docx", PlanDOCX.package)
        let out = dir.file("out.docx")
        try expectFailingRun(["render", dir.file("нет.docx"), dir.write("d.yaml", Plan.yaml), "-o", out], output: out, inputs: [t],
                             status: 1, code: "file-not-found")
        try expectFailingRun(["render", t, dir.file("нет.yaml"), "-o", out], output: out, inputs: [t], status: 1, code: "file-not-found")
    }

    @Test func templateAndDataProblemsAreReportedTogether() throws {
        let dir = TempDir()
        let t = dir.write("t.docx", docxPackage(body: wpText("{{school | upperr}}")))
        let d = dir.write("d.yaml", "school: [не закрыто\n")
        let out = dir.file("out.docx")
        let r = try expectFailingRun(["render", t, d, "-o", out], output: out, inputs: [t, d], status: 1, code: "unknown-filter")
        #expect(r.errors.contains("data-syntax"), "\(r)")
    }

    @Test func checkReportsEveryMistakeAtOnce() throws {
        let dir = TempDir()
        let t = dir.write("t.docx", fiveMistakes)
        let before = FileSnapshot(t)
        let r = try CLI.run(["check", t])
        #expect(r.status == 1, "\(r)")
        let lines = r.stderr.split(separator: "\n").filter { $0.contains("error[") }
        #expect(lines.count == 5, "\(r)")
        #expect(Set(r.errors) == ["unknown-filter", "unclosed-tag", "unclosed-block", "empty-tag", "unopened-block"], "\(r)")
        // Each line names the file, the part and the place.
        for line in lines { #expect(line.hasPrefix("\(t): word/"), "\(line)") }
        #expect(lines.contains { $0.contains("word/header1.xml") } && lines.contains { $0.contains("word/footer1.xml") })
        #expect(lines.contains { $0.contains("абзац 1") && $0.contains("{{school | upperr}}") })
        #expect(FileSnapshot(t) == before)
        #expect(dir.listing == ["t.docx"])

        // The same, as JSON.
        let json = try CLI.run(["check", t, "--format", "json", "--lang", "en"])
        #expect(json.status == 1)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stderr.utf8)) as? [[String: Any]])
        #expect(items.count == 5)
        #expect(Set(items.compactMap { $0["code"] as? String }) == Set(r.errors))
        #expect(items.allSatisfy { $0["file"] as? String == t && $0["severity"] as? String == "error" })
    }

    @Test func checkWithDataReportsEveryMissingValue() throws {
        let dir = TempDir()
        let t = dir.write("t.docx", PlanDOCX.package)
        let ok = try CLI.run(["check", t])
        #expect(ok.status == 0 && ok.stderr.isEmpty, "\(ok)")
        #expect(ok.stdout.contains("ошибок не найдено"))
        let d = dir.write("d.yaml", "school: МБОУ\n")
        let r = try CLI.run(["check", t, d])
        #expect(r.status == 1, "\(r)")
        #expect(r.errors.allSatisfy { $0 == "missing-value" } && r.errors.count >= 10, "\(r)")
        for tag in ["{{approval.position}}", "{{year}}", "{{compiler | initials: \"last\"}}", "{{budget | money}}"] {
            #expect(r.stderr.contains(tag), "\(tag) not reported: \(r)")
        }
        let full = dir.write("full.yaml", Plan.yaml)
        #expect(try CLI.run(["check", t, full]).status == 0)
    }

    /// `check TEMPLATE TABLE` reads the table as `batch` does (a Windows-1251 CSV, one record per row)
    /// and checks every row, naming the row.
    @Test func checkWithATableChecksEveryRowAsBatchRendersIt() throws {
        let dir = TempDir()
        let t = dir.write("t.docx", docxPackage(body: wpText("{{школа}}: {{сумма | money}}")))
        let good = dir.write("good.csv", windows1251Bytes("школа;сумма\r\nСОШ № 1;1 245,60\r\nСОШ № 2;10\r\n"))
        let ok = try CLI.run(["check", t, good])
        #expect(ok.status == 0, "\(ok)")
        let bad = dir.write("bad.csv", windows1251Bytes("школа;сумма\r\nСОШ № 1;1 245,60\r\nСОШ № 2;много\r\n"))
        let r = try CLI.run(["check", t, bad])
        #expect(r.status == 1, "\(r)")
        #expect(r.errors.count == 1, "\(r)")
        #expect(r.stderr.contains("строка 3 таблицы «bad.csv»") && r.stderr.contains("много"), "\(r)")
    }

    @Test(arguments: ["docx", "odt"])
    func inspectPrintsASkeletonThatRenders(_ ext: String) throws {
        let dir = TempDir()
        let t = dir.write("t.\(ext)", ext == "docx" ? PlanDOCX.package : PlanODT.package)
        let r = try CLI.run(["inspect", t])
        #expect(r.status == 0, "\(r)")
        for tag in ["{{#each events}}", "{{#each sections}}", "{{#each items}}", "{{budget | rubles}}", "{{#if approved}}"] {
            #expect(r.stdout.contains(tag), "\(tag) not listed: \(r)")
        }
        #expect(r.stdout.contains("[строки таблицы]") && r.stdout.contains("[абзацы]") && r.stdout.contains("[внутри абзаца]"))
        let marker = "# Заготовка данных (YAML):\n"
        let range = try #require(r.stdout.range(of: marker), "no skeleton: \(r)")
        let skeleton = String(r.stdout[range.upperBound...])
        // The skeleton is YAML the loader reads, with the fields the template asks for.
        let value = try data(skeleton)
        for key in ["school", "year", "approval", "events", "sections", "tasks", "budget", "partners"] {
            #expect(value[key] != nil, "\(key) missing from the skeleton:\n\(skeleton)")
        }
        let s = dir.write("skeleton.yaml", skeleton)
        let out = dir.file("out.\(ext)")
        let rendered = try CLI.run(["render", t, s, "-o", out])
        #expect(rendered.status == 0 && rendered.stderr.isEmpty, "\(rendered)")
        let bytes = try #require(contents(out))
        for entry in try unzip(bytes) where entry.name.hasSuffix(".xml") {
            #expect(!String(decoding: entry.data, as: UTF8.self).contains("{{"))
        }
        #expect(try CLI.run(["check", t, s]).status == 0)
    }

    @Test func inspectAndCheckRefuseBrokenTemplatesToo() throws {
        let dir = TempDir()
        let t = dir.write("t.docx", fiveMistakes)
        let r = try CLI.run(["inspect", t])
        #expect(r.status == 1 && Set(r.errors).count == 5, "\(r)")
        let missing = try CLI.run(["inspect", dir.file("нет.docx")])
        #expect(missing.status == 1 && missing.errors == ["file-not-found"], "\(missing)")
    }

    @Test func pdfWithoutAWorkingLibreOfficeWritesNothing() throws {
        let dir = TempDir()
        let t = dir.write("t.odt", PlanODT.package)
        let d = dir.write("d.yaml", Plan.yaml)
        let out = dir.file("out.pdf")
        let cache = TempDir()
        // A LibreOffice that exits at once: the pool cannot start it; one LibreOffice per document fails.
        let failing = PDFTestSupport.bridgeAvailable ? "libreoffice-failed" : "pdf-failed"
        for (env, code) in [(["PATH": "/nonexistent", "SHABLON_SOFFICE": ""], "libreoffice-missing"),
                            (["SHABLON_SOFFICE": "/bin/false", "XDG_CACHE_HOME": cache.path], failing),
                            (["SHABLON_SOFFICE": "/bin/false", "SHABLON_PDF_MODE": "process"], "pdf-failed")] {
            for existing in [false, true] {
                if existing { dir.write("out.pdf", "старый PDF") }
                let r = try CLI.run(["render", t, d, "-o", out], environment: env)
                #expect(r.status == 3, "\(env): \(r)")
                #expect(r.errors == [code], "\(r)")
                #expect(existing ? contents(out) == Array("старый PDF".utf8) : contents(out) == nil)
                try? FileManager.default.removeItem(atPath: out)
            }
        }
        #expect(dir.listing == ["d.yaml", "t.odt"])
    }

    @Test func messagesInEnglish() throws {
        let dir = TempDir()
        let t = dir.write("t.docx", docxPackage(body: wpText("{{school | upperr}}")))
        let ru = try CLI.run(["check", t])
        let en = try CLI.run(["check", t, "--lang", "en"])
        #expect(ru.errors == ["unknown-filter"] && en.errors == ["unknown-filter"])
        #expect(ru.stderr.contains("абзац 1") && en.stderr.contains("paragraph 1"), "\(ru)\n\(en)")
        #expect(!en.stderr.contains("абзац"))
    }
}

/// Windows-1251 bytes of ASCII, А…я and «№» (what Excel's Russian CSV holds); other characters fail.
fileprivate func windows1251Bytes(_ text: String) -> [UInt8] {
    text.unicodeScalars.map { s -> UInt8 in
        if s.value < 0x80 { return UInt8(s.value) }
        if (0x0410...0x044F).contains(s.value) { return UInt8(s.value - 0x0410 + 0xC0) }
        #expect(s == "№", "\(s) is not in the helper's table")
        return 0xB9
    }
}
