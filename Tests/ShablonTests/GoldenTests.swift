import Foundation
import Testing
import Shablon
import ShablonZip

/// The folder of golden files, beside this source file.
let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

/// Compares a rendered part to its golden file. With `SHABLON_UPDATE_GOLDEN=1` the golden file is
/// rewritten instead (review the diff before committing it).
func expectGolden(_ bytes: [UInt8], _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = goldenFolder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["SHABLON_UPDATE_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: goldenFolder, withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return
    }
    let golden = try #require(contents(url.path),
                              "golden file \(url.path) is missing: run the tests with SHABLON_UPDATE_GOLDEN=1 to create it",
                              sourceLocation: sourceLocation)
    if golden != bytes {
        let a = String(decoding: golden, as: UTF8.self), b = String(decoding: bytes, as: UTF8.self)
        let common = zip(a, b).prefix { $0 == $1 }.count
        let context = { (s: String) in String(s.dropFirst(max(0, common - 80)).prefix(240)) }
        Issue.record("""
            \(name) differs from its golden file at character \(common) \
            (SHABLON_UPDATE_GOLDEN=1 rewrites it after review):
            golden:   …\(context(a))…
            rendered: …\(context(b))…
            """, sourceLocation: sourceLocation)
    }
}

@Suite struct Golden {
    @Test func docxDocumentXML() throws {
        let out = try render(PlanDOCX.package, try data(Plan.yaml))
        let archive = try ZipArchive(bytes: out.bytes)
        try expectGolden(try archive.read("word/document.xml"), "plan-docx-document.xml")
        try expectGolden(try archive.read("word/header1.xml"), "plan-docx-header1.xml")
    }

    @Test func odtContentXML() throws {
        let out = try render(PlanODT.package, try data(Plan.yaml))
        let archive = try ZipArchive(bytes: out.bytes)
        try expectGolden(try archive.read("content.xml"), "plan-odt-content.xml")
        try expectGolden(try archive.read("styles.xml"), "plan-odt-styles.xml")
    }
}
