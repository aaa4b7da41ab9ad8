import Foundation
import Testing
import Shablon
import ShablonData
import ShablonDocuments
#if canImport(Glibc)
import Glibc
#endif

/// Nothing is lost: no input is ever an output, a set of outputs appears whole or not at all, a signal
/// leaves no temporary file or process behind, paths of any shape work, and what goes to a spreadsheet
/// or a terminal cannot run there.
@Suite struct NothingLost {
    static let report = BatchCommand.report
    static let orderHeader = "№ п/п;Наименование ОО;№ в ФПУ;Автор(ы);Наименование учебника;Класс;Издательство;Год издания;Количество, экз.;Цена, руб.;Сумма, руб."
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// Runs `shablon` in `folder` (for relative paths), waiting at most `limit` seconds: a run that hangs
    /// is killed and reported as status -1 instead of hanging the tests.
    static func run(_ arguments: [String], in folder: String, environment: [String: String] = [:], limit: Double = 120,
                    started: ((Process) -> Void)? = nil) throws -> CLIResult {
        try launch(try #require(CLI.binary), arguments, in: folder, environment: environment, limit: limit, started: started)
    }

    /// Runs `shablon` through bash with a file-size limit of `kib` KiB (`ulimit -f`), as on a full disk.
    static func runWithFileSizeLimit(_ kib: Int, _ arguments: [String], in folder: String) throws -> CLIResult {
        try launch("/bin/bash", ["-c", "ulimit -f \(kib); exec \"$0\" \"$@\"", try #require(CLI.binary)] + arguments, in: folder)
    }

    static func launch(_ program: String, _ arguments: [String], in folder: String, environment: [String: String] = [:],
                       limit: Double = 120, started: ((Process) -> Void)? = nil) throws -> CLIResult {
        let io = TempDir("shablon-io")
        let outPath = io.file("stdout"), errPath = io.file("stderr")
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: program)
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: folder)
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        started?(p)
        let deadline = Date().addingTimeInterval(limit)
        while p.isRunning && Date() < deadline { usleep(20_000) }
        var status = Int32(-1)
        if p.isRunning {
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
        } else {
            status = p.terminationReason == .uncaughtSignal ? 128 + p.terminationStatus : p.terminationStatus
        }
        try out.close(); try err.close()
        return CLIResult(status: status, stdout: String(decoding: contents(outPath) ?? [], as: UTF8.self),
                         stderr: String(decoding: contents(errPath) ?? [], as: UTF8.self))
    }

    /// Waits (at most 60 s) until `condition` holds.
    static func wait(_ condition: () -> Bool) -> Bool {
        for _ in 0..<3000 {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    /// True while a process exists and is not a zombie.
    static func alive(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
        guard let close = stat.lastIndex(of: ")") else { return false }
        return !stat[close...].hasPrefix(") Z")
    }

    /// Every name in a folder tree, relative to it.
    static func tree(_ path: String) -> [String] {
        ((FileManager.default.enumerator(atPath: path)?.allObjects as? [String]) ?? []).sorted()
    }

    // MARK: - Paths of any shape

    @Test func oneCharacterNamesAndTrailingSlashesWork() throws {
        let dir = TempDir()
        dir.write("t.docx", Self.report)
        dir.write("d", "Школа: СОШ № 1\nЧитатели: 5\n")
        dir.write("r.csv", "Школа;Читатели\r\nА;1\r\nБ;2\r\n")
        try FileManager.default.createDirectory(atPath: dir.file("x"), withIntermediateDirectories: false)
        // A data file named `d`, outputs named `a`, `x/`, `s`.
        let render = try Self.run(["render", "t.docx", "d", "-o", "o.docx"], in: dir.path)
        #expect(render.status == 0, "\(render)")
        let batch = try Self.run(["batch", "t.docx", "r.csv", "--name", "{{Школа}}", "-o", "a"], in: dir.path)
        #expect(batch.status == 0, "\(batch)")
        #expect(Self.tree(dir.file("a")) == ["А.docx", "Б.docx"])
        let slash = try Self.run(["batch", "t.docx", "r.csv", "--name", "{{Школа}}", "-o", "x/"], in: dir.path)
        #expect(slash.status == 0, "\(slash)")
        #expect(Self.tree(dir.file("x")) == ["А.docx", "Б.docx"])
        let order = try #require(contents(Self.root + "/examples/orders/order.csv"))
        dir.write("o", order)
        let spec = try Self.run(["spec", "o", "-o", "s"], in: dir.path)
        #expect(spec.status == 0, "\(spec)")
        #expect(Self.tree(dir.file("s")).contains("Сводка по контрактам.csv"))
        let plan = try Self.run(["check", "t.docx", "d"], in: dir.path)
        #expect(plan.status == 0, "\(plan)")
    }

    @Test func pathPartsAreSplitWithoutFoundation() {
        #expect(Paths.folder(of: "a") == "." && Paths.name(of: "a") == "a")
        #expect(Paths.folder(of: "x/") == "." && Paths.name(of: "x/") == "x")
        #expect(Paths.folder(of: "/a") == "/" && Paths.name(of: "/") == "/")
        #expect(Paths.folder(of: "a//b.docx") == "a" && Paths.fileExtension(of: "a//b.DOCX") == "DOCX")
        #expect(Paths.fileExtension(of: ".hidden") == "" && Paths.removingExtension("a/b.svg") == "a/b")
        #expect(Paths.join(".", "b") == "./b" && Paths.join("a/", "b") == "a/b" && Paths.join("a", "/b") == "/b")
        #expect(Paths.relationshipsPart(of: "word/document.xml") == "word/_rels/document.xml.rels")
        #expect(Paths.relationshipsPart(of: "x.xml") == "_rels/x.xml.rels")
    }

    // MARK: - An input is never an output

    @Test func aBatchNeverOverwritesItsTemplate() throws {
        let dir = TempDir()
        let t = dir.write("отчёт.docx", Self.report)
        let csv = dir.write("r.csv", "Школа;Читатели\r\nотчёт;1\r\nОТЧЁТ;3\r\nдругая;2\r\n")
        let before = FileSnapshot(t)
        let r = try CLI.run(["batch", t, csv, "--name", "{{Школа}}", "-o", dir.path])
        #expect(r.status == 1, "\(r)")
        #expect(r.errors == ["output-is-input"], "\(r)")
        #expect(r.stderr.contains("строка 2"), "\(r)")
        #expect(FileSnapshot(t) == before, "the template was overwritten")
        // The refused row keeps its name: the next one with it is numbered.
        #expect(dir.listing == ["r.csv", "ОТЧЁТ (2).docx", "другая.docx", "отчёт.docx"], "\(dir.listing)")
        // The table itself, by another name (a hard link), is refused too.
        let sub = dir.file("sub")
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: false)
        let csvBefore = FileSnapshot(csv)
        try FileManager.default.linkItem(atPath: csv, toPath: sub + "/таблица.docx")
        let linked = try CLI.run(["batch", t, csv, "--name", "таблица", "-o", sub, "--allow-missing"])
        #expect(linked.errors.allSatisfy { $0 == "output-is-input" } && linked.status == 1, "\(linked)")
        #expect(FileSnapshot(csv) == csvBefore)
    }

    @Test func theAnalysisNeverOverwritesThePlanItReads() throws {
        let dir = TempDir()
        for folder in ["analysis", "plans"] {
            try FileManager.default.copyItem(atPath: Self.root + "/examples/" + folder, toPath: dir.file(folder))
        }
        let plan = dir.file("plans/beloyarsky-2025-2026.yaml")
        let before = FileSnapshot(plan)
        try FileManager.default.createSymbolicLink(atPath: dir.file("plan-link.json"), withDestinationPath: plan)
        for schools in [plan, dir.file("plan-link.json"), dir.path + "/analysis/../plans/beloyarsky-2025-2026.yaml"] {
            let out = dir.file("analysis.docx")
            let r = try CLI.run(["analysis", dir.file("analysis/analysis.yaml"), "-o", out, "--schools-data", schools])
            #expect(r.status == 2 && r.errors == ["output-is-input"], "\(schools): \(r)")
            #expect(FileSnapshot(plan) == before, "the plan was overwritten through \(schools)")
            #expect(!FileManager.default.fileExists(atPath: out), "half the set was written")
        }
        // The statistics table it reads is an input too, whatever its name.
        try FileManager.default.linkItem(atPath: dir.file("analysis/statistics.csv"), toPath: dir.file("stats.json"))
        let stats = FileSnapshot(dir.file("analysis/statistics.csv"))
        let r = try CLI.run(["analysis", dir.file("analysis/analysis.yaml"), "-o", dir.file("a.docx"), "--schools-data", dir.file("stats.json")])
        #expect(r.status == 2 && r.errors == ["output-is-input"], "\(r)")
        #expect(FileSnapshot(dir.file("analysis/statistics.csv")) == stats)
        #expect(!FileManager.default.fileExists(atPath: dir.file("a.docx")))
        let ok = try CLI.run(["analysis", dir.file("analysis/analysis.yaml"), "-o", dir.file("a.docx"), "--schools-data", dir.file("schools.json")])
        #expect(ok.status == 0, "\(ok)")
    }

    // MARK: - A set appears whole or not at all

    /// Not under the sanitizers: their runtimes map files of their own, and `ulimit -f` kills them
    /// before the program starts (the normal build runs it).
    @Test(.disabled(if: CLI.sanitized, "ulimit -f stops the sanitizer runtime itself"))
    func aSpecificationSetThatCannotBeWrittenLeavesTheOldOne() throws {
        let dir = TempDir()
        let order = dir.write("order.csv", try #require(contents(Self.root + "/examples/orders/order.csv")))
        let out = dir.file("s")
        let first = try CLI.run(["spec", order, "-o", out])
        #expect(first.status == 0, "\(first)")
        let summary = out + "/Сводка по контрактам.csv"
        FileManager.default.createFile(atPath: summary, contents: Data("old summary".utf8))
        let names = Self.tree(out)
        let snapshots = names.map { FileSnapshot(out + "/" + $0) }
        // A file-size limit of 30 KiB stands for a full disk: the largest specification does not fit.
        let r = try Self.runWithFileSizeLimit(30, ["spec", order, "-o", out], in: dir.path)
        #expect(r.status == 3, "\(r)")
        #expect(r.errors.contains("write-failed"), "\(r)")
        #expect(Self.tree(out) == names, "files appeared or vanished: \(Self.tree(out))")
        #expect(names.map { FileSnapshot(out + "/" + $0) } == snapshots, "an old file was changed")
        // Into a new folder: the folder does not appear either.
        let fresh = dir.file("new")
        let r2 = try Self.runWithFileSizeLimit(30, ["spec", order, "-o", fresh], in: dir.path)
        #expect(r2.status == 3, "\(r2)")
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }

    // MARK: - Signals

    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func aSignalInABatchLeavesNothing(_ signal: Int32) throws {
        let dir = TempDir()
        dir.write("t.docx", Self.report)
        dir.write("r.csv", "Школа;Читатели\r\n" + (1...20_000).map { "Школа \($0);\($0)" }.joined(separator: "\r\n"))
        let out = dir.file("out")
        let r = try Self.run(["batch", "t.docx", "r.csv", "--name", "{{Школа}}", "-o", "out", "--jobs", "2"], in: dir.path) { p in
            // Once the first temporary file is there, the batch is half way.
            _ = Self.wait { Self.tree(out).contains { $0.contains(".shablon-") } }
            kill(p.processIdentifier, signal)
        }
        #expect(r.status == 128 + signal, "\(r)")
        #expect(!FileManager.default.fileExists(atPath: out), "left behind: \(Self.tree(out))")
        #expect(dir.listing == ["r.csv", "t.docx"])
        // Into an existing folder with an old document: it stays, nothing else appears.
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: false)
        let old = dir.write("out/Школа 1.docx", "old")
        let r2 = try Self.run(["batch", "t.docx", "r.csv", "--name", "{{Школа}}", "-o", "out", "--jobs", "2"], in: dir.path) { p in
            _ = Self.wait { Self.tree(out).contains { $0.contains(".shablon-") } }
            kill(p.processIdentifier, signal)
        }
        #expect(r2.status == 128 + signal, "\(r2)")
        #expect(Self.tree(out) == ["Школа 1.docx"])
        #expect(contents(old) == Array("old".utf8))
    }

    /// A stand-in for LibreOffice that never converts: it ignores SIGTERM, starts a child that outlives
    /// it, writes both process ids, and either waits forever or exits at once leaving the child.
    static func fakeOffice(in dir: TempDir, exitAtOnce: Bool) -> (program: String, pids: String) {
        let pids = dir.file("pids")
        let program = dir.write("soffice", """
        #!/bin/bash
        trap '' TERM
        sleep 1000 &
        echo $! >> '\(pids)'
        echo $$ >> '\(pids)'
        \(exitAtOnce ? "exit 0" : "sleep 1000")
        """)
        chmod(program, 0o755)
        return (program, pids)
    }

    /// A folder with a template, its data, a private temporary folder and a stand-in LibreOffice.
    static func pdfFixture(exitAtOnce: Bool) throws -> (dir: TempDir, tmp: String, office: (program: String, pids: String)) {
        let dir = TempDir()
        dir.write("t.docx", Self.report)
        dir.write("d.yaml", "Школа: СОШ № 1\nЧитатели: 5\n")
        let tmp = dir.file("tmp")
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: false)
        return (dir, tmp, Self.fakeOffice(in: dir, exitAtOnce: exitAtOnce))
    }

    /// The environment of a run with a stand-in LibreOffice: private temporary and cache folders, and
    /// `process` for one LibreOffice per document (else the pool, when the UNO bridge is there).
    static func pdfEnvironment(_ dir: TempDir, tmp: String, office: String, mode: String) -> [String: String] {
        ["SHABLON_SOFFICE": office, "TMPDIR": tmp, "XDG_CACHE_HOME": dir.file("cache"), "SHABLON_PDF_MODE": mode]
    }

    static func pids(_ path: String) -> [Int32] {
        (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n").compactMap { Int32($0) } ?? []
    }

    @Test(arguments: [SIGINT, SIGTERM, SIGHUP], ["pool", "process"])
    func aSignalDuringAPDFLeavesNoFolderAndNoProcess(_ signal: Int32, _ mode: String) throws {
        let (dir, tmp, office) = try Self.pdfFixture(exitAtOnce: false)
        let r = try Self.run(["render", "t.docx", "d.yaml", "-o", "out.pdf"], in: dir.path,
                             environment: Self.pdfEnvironment(dir, tmp: tmp, office: office.program, mode: mode)) { p in
            _ = Self.wait { Self.pids(office.pids).count == 2 }
            kill(p.processIdentifier, signal)
        }
        #expect(r.status == 128 + signal, "\(r)")
        #expect(Self.tree(tmp).isEmpty, "left in the temporary folder: \(Self.tree(tmp))")
        #expect(Self.pids(office.pids).count == 2)
        #expect(Self.wait { Self.pids(office.pids).allSatisfy { !Self.alive($0) } }, "LibreOffice processes left running")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out.pdf")))
    }

    /// One LibreOffice per document: a conversion that hangs or fails is reported as such. The pool: a
    /// LibreOffice that never answers or exits at once is started twice (the second time with a new
    /// profile) and then reported as one that cannot be started.
    @Test(arguments: ["pool", "process"])
    func aPDFThatHangsOrLeavesAChildEndsWithinTheTimeout(_ mode: String) throws {
        for exitAtOnce in [false, true] {
            let (dir, tmp, office) = try Self.pdfFixture(exitAtOnce: exitAtOnce)
            let r = try Self.run(["render", "t.docx", "d.yaml", "-o", "out.pdf", "--pdf-timeout", "2"], in: dir.path,
                                 environment: Self.pdfEnvironment(dir, tmp: tmp, office: office.program, mode: mode), limit: 60)
            #expect(r.status == 3, "\(r)")
            let expected = mode == "process" ? (exitAtOnce ? "pdf-failed" : "pdf-timeout") : "libreoffice-failed"
            #expect(r.errors == [expected], "\(r)")
            #expect(Self.tree(tmp).isEmpty)
            #expect(Self.wait { Self.pids(office.pids).allSatisfy { !Self.alive($0) } }, "LibreOffice processes left running")
            if mode == "pool" && PDFTestSupport.bridgeAvailable {
                #expect(Self.pids(office.pids).count == 4, "LibreOffice was not started exactly twice")
            }
        }
    }

    // MARK: - The environment is reported once

    @Test func aBatchWithoutLibreOfficeSaysSoOnce() throws {
        let dir = TempDir()
        let t = dir.write("t.docx", Self.report)
        let csv = dir.write("r.csv", "Школа;Читатели\r\n" + (1...20).map { "Ш\($0);\($0)" }.joined(separator: "\r\n"))
        let r = try CLI.run(["batch", t, csv, "--name", "{{Школа}}", "-o", dir.file("out"), "--to", "pdf"],
                            environment: ["PATH": "/nonexistent", "SHABLON_SOFFICE": ""])
        #expect(r.status == 3, "\(r)")
        #expect(r.errors == ["libreoffice-missing"], "\(r)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")))
    }

    @Test func aFolderThatCannotBeCreatedIsOneError() throws {
        let dir = TempDir()
        let t = dir.write("t.docx", Self.report)
        let csv = dir.write("r.csv", "Школа;Читатели\r\n" + (1...20).map { "Ш\($0);\($0)" }.joined(separator: "\r\n"))
        // /proc refuses new folders whoever runs the tests (root included).
        let r = try CLI.run(["batch", t, csv, "--name", "{{Школа}}", "-o", "/proc/shablon-\(getpid())"])
        #expect(r.status == 3, "\(r)")
        #expect(r.errors == ["output-folder-failed"], "\(r)")
        let spec = try CLI.run(["spec", try #require(Optional(Self.root + "/examples/orders/order.csv")), "-o", "/proc/shablon-\(getpid())"])
        #expect(spec.status == 3 && spec.errors == ["output-folder-failed"], "\(spec)")
    }

    // MARK: - File names from data

    @Test func namesFromDataLoseInvisibleCharactersAndReservedNames() {
        var namer = FileNamer()
        #expect(namer.name(for: "СОШ\u{202E}xcod.exe", ext: "docx") == "СОШxcod.exe.docx")
        #expect(namer.name(for: "Шко\u{200B}ла\u{200D} №\u{FEFF} 1\u{2066}", ext: "docx") == "Школа № 1.docx")
        #expect(namer.name(for: "COM¹", ext: "docx") == "_COM¹.docx")
        #expect(namer.name(for: "lpt²", ext: "docx") == "_lpt².docx")
        #expect(namer.name(for: "nul.txt", ext: "docx") == "_nul.txt.docx")
        #expect(namer.name(for: "CON ", ext: "pdf") == "_CON.pdf")
        // Long Cyrillic names are cut by bytes (255 with the extension), on a character boundary.
        let long = namer.name(for: String(repeating: "Издательство ", count: 40), ext: "docx")
        #expect(long.utf8.count <= 255 && long.utf8.count > 200, "\(long.utf8.count)")
        #expect(long.hasSuffix(".docx") && !long.contains("\u{FFFD}"))
    }

    @Test func repeatedNamesAreNumberedInOrder() {
        var namer = FileNamer()
        let names = (0..<5000).map { _ in namer.name(for: "Школа", ext: "docx") }
        #expect(names[0] == "Школа.docx" && names[1] == "Школа (2).docx" && names[4999] == "Школа (5000).docx")
        #expect(Set(names.map { $0.lowercased() }).count == 5000)
        // A name typed as a numbered one is not given twice.
        var other = FileNamer()
        #expect(["А", "А", "А (2)", "а"].map { other.name(for: $0, ext: "odt") } == ["А.odt", "А (2).odt", "А (2) (2).odt", "а (3).odt"])
    }

    @Test func aLongCyrillicPublisherGetsAFile() throws {
        let dir = TempDir()
        let publisher = "ООО «" + String(repeating: "Издательство учебной литературы ", count: 8) + "»"
        let order = dir.write("order.csv", Self.orderHeader + "\r\n1;СОШ № 1;1.1.1;Иванов;Букварь;1;\(publisher);2025;2;100;200\r\n")
        let r = try CLI.run(["spec", order, "-o", dir.file("s")])
        #expect(r.status == 0, "\(r)")
        let files = Self.tree(dir.file("s"))
        #expect(files.count == 2, "\(files)")
        #expect(files.allSatisfy { $0.utf8.count <= 255 })
    }

    // MARK: - Spreadsheets and terminals

    @Test func theSummaryCannotRunFormulasAndTheTerminalGetsNoControls() throws {
        let dir = TempDir()
        let hostile = ["=HYPERLINK(\"http://x\";\"y\")", "+7 (495) 000", "-2+3", "@SUM(A1)", "Изд\u{0}ательство\u{1B}[2J\u{7}"]
        var lines = [Self.orderHeader]
        for (i, h) in hostile.enumerated() {
            lines.append("\(i);СОШ;1.1.\(i);Иванов;Букварь;1;\"\(h.replacingOccurrences(of: "\"", with: "\"\""))\";2025;1;10;10")
        }
        let order = dir.write("order.csv", lines.joined(separator: "\r\n") + "\r\n")
        let r = try CLI.run(["spec", order, "-o", dir.file("s")])
        #expect(r.status == 0, "\(r)")
        let csv = String(decoding: try #require(contents(dir.file("s/Сводка по контрактам.csv"))), as: UTF8.self)
        for row in csv.split(separator: "\r\n").dropFirst() {
            for cell in row.split(separator: ";", omittingEmptySubsequences: false) {
                let bare = cell.hasPrefix("\"") ? cell.dropFirst() : cell
                #expect(!"=+-@\t\r".contains(bare.first ?? "x"), "a cell a spreadsheet would run: \(cell)")
            }
        }
        #expect(csv.contains("'=HYPERLINK") && csv.contains("'@SUM") && csv.contains("'-2+3"))
        #expect(!csv.unicodeScalars.contains { $0.value < 0x20 && $0 != "\r" && $0 != "\n" })
        // Standard output and error: no ESC, BEL or NUL reaches the terminal.
        #expect(!(r.stdout + r.stderr).unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || $0.value == 0x7F })
        #expect(r.stdout.contains("\\u{1B}"), "\(r.stdout)")
    }

    @Test func csvCellsAreEscapedForSpreadsheets() {
        #expect(ContractSummary.csvField("=1+1") == "\"'=1+1\"")
        #expect(ContractSummary.csvField("-5") == "\"'-5\"")
        #expect(ContractSummary.csvField("\tx") == "\"'\tx\"")
        #expect(ContractSummary.csvField("a;b") == "\"a;b\"")
        #expect(ContractSummary.csvField("a\u{0}b\u{7}") == "ab")
        #expect(ContractSummary.csvField("ООО «Дрофа»") == "ООО «Дрофа»")
        #expect(ContractSummary.csvField("1 234,50") == "1 234,50")
    }
}

