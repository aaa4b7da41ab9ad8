import Foundation
import Testing
import TestSupport
import Shablon
import ShablonData
import ShablonZip

/// LibreOffice as an oracle: a filled document it opens and lays out, with the values where they belong,
/// is a document users can open. Needs `soffice` (LibreOffice) and `pdftotext`/`pdfinfo` (poppler-utils).
/// Runs a program to its end with a hang guard (a limit, not a timing assertion): a program still
/// running after `limit` seconds is stopped and recorded as a failure. Returns the ended process.
func runGuarded(_ program: String, _ arguments: [String], stdout: FileHandle, stderr: FileHandle,
                limit: TimeInterval) throws -> Process {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: program)
    p.arguments = arguments
    p.standardOutput = stdout
    p.standardError = stderr
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let deadline = Date().addingTimeInterval(limit)
    while p.isRunning && Date() < deadline { usleep(20_000) }
    if p.isRunning {
        p.terminate()
        p.waitUntilExit()
        Issue.record("\(program) \(arguments.prefix(3)) did not finish within \(Int(limit)) s")
    }
    return p
}

enum LibreOffice {
    static func which(_ name: String) -> String? { Office.which(name) }

    static let soffice: String? = {
        if let p = ProcessInfo.processInfo.environment["SHABLON_SOFFICE"], FileManager.default.isExecutableFile(atPath: p) { return p }
        return which("soffice") ?? which("libreoffice")
    }()
    static let pdftotext = which("pdftotext")
    static let pdfinfo = which("pdfinfo")

    /// True when the tools are there. `SHABLON_TEST_HIDE_LIBREOFFICE=1` pretends they are not, to check
    /// how the suite behaves on a machine without them (disabled; a failure with CI set).
    static var available: Bool {
        ProcessInfo.processInfo.environment["SHABLON_TEST_HIDE_LIBREOFFICE"] != "1"
            && soffice != nil && pdftotext != nil && pdfinfo != nil
    }

    /// True on a CI machine: there a missing tool is a failure, not a reason to skip.
    static var onCI: Bool {
        let v = ProcessInfo.processInfo.environment["CI"] ?? ""
        return !v.isEmpty && v != "0" && v.lowercased() != "false"
    }

    static let missingMessage: Comment = """
        LibreOffice oracle tests need soffice (apt-get install libreoffice-writer-nogui) and pdftotext/pdfinfo \
        (apt-get install poppler-utils); they are not installed. With CI set, this is a failure.
        """

    /// Runs a program to its end and returns its standard output. A program that has not finished after
    /// `limit` seconds is stopped and reported (a hang guard, not a timing assertion).
    @discardableResult
    static func run(_ program: String, _ arguments: [String], limit: TimeInterval = 180) throws -> String {
        let io = TempDir("shablon-lo-io")
        let outPath = io.file("out")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let p = try runGuarded(program, arguments, stdout: out, stderr: out, limit: limit)
        try out.close()
        let text = String(decoding: contents(outPath) ?? [], as: UTF8.self)
        #expect(p.terminationStatus == 0, "\(program) \(arguments) exited \(p.terminationStatus): \(text)")
        return text
    }

    /// Converts documents to PDF in one LibreOffice run, in a private profile; returns the PDF paths.
    static func convertToPDF(_ documents: [String], in dir: TempDir, limit: TimeInterval = 180) throws -> [String] {
        let soffice = try #require(soffice, missingMessage)
        let profile = TempDir("shablon-lo-profile")
        try run(soffice, ["-env:UserInstallation=file://\(profile.path)", "--headless", "--norestore", "--nologo",
                          "--convert-to", "pdf", "--outdir", dir.path] + documents, limit: limit)
        return documents.map { dir.file(((($0 as NSString).lastPathComponent) as NSString).deletingPathExtension + ".pdf") }
    }

    /// The text of a PDF, white space (no-break spaces and line ends included) folded to single spaces.
    static func text(ofPDF path: String) throws -> String {
        let tool = try #require(pdftotext, missingMessage)
        let raw = try run(tool, ["-raw", "-enc", "UTF-8", path, "-"])
        return fold(raw)
    }

    /// The PDF's title, from its document information.
    static func title(ofPDF path: String) throws -> String {
        let tool = try #require(pdfinfo, missingMessage)
        let info = try run(tool, ["-enc", "UTF-8", path])
        let line = info.split(separator: "\n").first { $0.hasPrefix("Title:") } ?? ""
        return fold(String(line.dropFirst("Title:".count)))
    }

    static func fold(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace || $0 == "\u{A0}" }).joined(separator: " ")
    }
}

@Suite(.serialized, .enabled(if: LibreOffice.available || LibreOffice.onCI, LibreOffice.missingMessage))
struct LibreOfficeOracle {
    /// What a reader sees of the plan, in reading order (pdftotext -raw keeps LibreOffice's order): every
    /// paragraph, each table row with its cells in order, the header and the footer.
    static let expected: [String] = {
        let p = Plan.bodyParagraphs
        let firstCell = p.firstIndex(of: "№")!, total = p.firstIndex(of: "Всего: 3 мероприятия.")!
        let sections = p.firstIndex(of: "1. Организационная работа")!, after = p.firstIndex(of: "Заседаний не запланировано.")!
        var rows: [String] = []
        for i in stride(from: firstCell, to: total, by: 4) { rows.append(p[i..<(i + 4)].joined(separator: " ")) }
        return Array(p[..<firstCell]) + rows + [p[total], p[sections..<after].joined(separator: " ")] + Array(p[after...])
            + [Plan.header, Plan.footer]
    }().map(LibreOffice.fold)

    @Test func filledDocumentsOpenAndShowTheirValues() throws {
        try #require(LibreOffice.available, LibreOffice.missingMessage)
        let dir = TempDir("shablon-lo")
        let value = try data(Plan.yaml)
        let escaped = try render(docxPackage(body: wpText("Значение: {{x}}")), ["x": "<w:p>{{x}}</w:p> & «кавычки»"])
        let docs = [
            dir.write("plan-docx.docx", try render(PlanDOCX.package, value).bytes),
            dir.write("plan-odt.odt", try render(PlanODT.package, value).bytes),
            dir.write("escaped.docx", escaped.bytes),
        ]
        let pdfs = try LibreOffice.convertToPDF(docs, in: dir)
        for pdf in pdfs.prefix(2) {
            let text = try LibreOffice.text(ofPDF: pdf)
            for paragraph in Self.expected {
                #expect(text.contains(paragraph), "«\(paragraph)» is not in \((pdf as NSString).lastPathComponent): \(text)")
            }
            #expect(!text.contains("{{") && !text.contains("}}"), "\(text)")
            #expect(try LibreOffice.title(ofPDF: pdf) == Plan.title)
        }
        let text = try LibreOffice.text(ofPDF: pdfs[2])
        #expect(text.contains("Значение: <w:p>{{x}}</w:p> & «кавычки»"), "\(text)")
    }

    @Test func theProgramWritesPDF() throws {
        try #require(LibreOffice.available, LibreOffice.missingMessage)
        let dir = TempDir("shablon-lo")
        let t = dir.write("план.odt", PlanODT.package)
        let d = dir.write("план.yaml", Plan.yaml)
        let out = dir.file("план.pdf")
        let r = try CLI.run(["render", t, d, "-o", out], environment: ["SHABLON_SOFFICE": LibreOffice.soffice!])
        #expect(r.status == 0, "\(r)")
        let pdf = try #require(contents(out), "no PDF written: \(r)")
        #expect(Array(pdf.prefix(5)) == Array("%PDF-".utf8))
        let text = try LibreOffice.text(ofPDF: out)
        for paragraph in Self.expected { #expect(text.contains(paragraph), "«\(paragraph)» missing: \(text)") }
        #expect(dir.listing == ["план.odt", "план.pdf", "план.yaml"])
    }
}
