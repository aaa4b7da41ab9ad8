import Foundation
import Testing
import Shablon
import ShablonData
import ShablonXML
import ShablonZip

// Contract §3: every bad input gets a clear message and a non-zero exit — through the library and
// through the command-line program alike — never a crash, a hang, a corrupt output, or a file written
// outside the output folder.

/// A broken template: how to build it, its extension, and the problem code it must be refused with.
struct BadTemplate: Sendable, CustomTestStringConvertible {
    var name: String
    var ext: String
    var code: String
    var build: @Sendable () -> [UInt8]

    var testDescription: String { name }
}

/// A DOCX's entries with one part replaced.
func docxReplacing(_ name: String, with bytes: [UInt8]) -> [(String, [UInt8])] {
    docxEntries(body: wpText("{{school}}")).map { $0.0 == name ? ($0.0, bytes) : $0 }
}

let passwdEntity = """
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE w:document [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="\(wordNS)"><w:body><w:p><w:r><w:t>&secret;</w:t></w:r></w:p></w:body></w:document>
"""

let billionLaughs = """
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE w:document [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="\(wordNS)"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>
"""

let twoGiB: UInt64 = 1 << 31

let badTemplates: [BadTemplate] = [
    BadTemplate(name: "not a zip", ext: "docx", code: "not-a-package") {
        Array(String(repeating: "Это не документ, а просто текст.\n", count: 20).utf8)
    },
    BadTemplate(name: "empty file", ext: "docx", code: "not-a-package") { [] },
    BadTemplate(name: "truncated zip (cut in half)", ext: "docx", code: "damaged-package") {
        let whole = PlanDOCX.package
        return Array(whole.prefix(whole.count / 2))
    },
    BadTemplate(name: "truncated ODT (cut in half)", ext: "odt", code: "damaged-package") {
        let whole = PlanODT.package
        return Array(whole.prefix(whole.count / 2))
    },
    BadTemplate(name: "zip cut one byte short", ext: "docx", code: "damaged-package") {
        Array(PlanDOCX.package.dropLast())
    },
    BadTemplate(name: "DOCX without word/document.xml", ext: "docx", code: "missing-part") {
        zipPackage(docxEntries(body: "", header: wpText("{{school}}")).filter { $0.0 != "word/document.xml" })
    },
    BadTemplate(name: "ODT without content.xml", ext: "odt", code: "missing-part") {
        zipPackage(odtEntries(body: "", header: op("{{school}}")).filter { $0.0 != "content.xml" })
    },
    BadTemplate(name: "entry name with ..", ext: "docx", code: "unsafe-entry-name") {
        var z = RawZip()
        z.stored(docxEntries(body: wpText("{{school}}")))
        z.stored("word/../../../shablon-escaped.txt", Array("escaped".utf8))
        return z.bytes
    },
    BadTemplate(name: "absolute entry name", ext: "odt", code: "unsafe-entry-name") {
        var z = RawZip()
        z.stored(odtEntries(body: op("{{school}}")))
        z.stored("/tmp/shablon-absolute.txt", Array("absolute".utf8))
        return z.bytes
    },
    BadTemplate(name: "zip bomb: an entry really inflating to 2 GiB", ext: "docx", code: "entry-too-large") {
        var z = RawZip()
        z.stored(docxEntries(body: wpText("{{school}}")))
        z.deflated("word/media/zeros.bin", stream: deflatedZeros(twoGiB), size: UInt32(twoGiB), crc: CRC32.ofZeros(twoGiB))
        return z.bytes
    },
    BadTemplate(name: "zip bomb whose header lies (declares 4 KiB, inflates to 2 GiB)", ext: "docx", code: "entry-too-large") {
        var z = RawZip()
        z.stored(docxEntries(body: wpText("{{school}}")).filter { $0.0 != "word/document.xml" })
        z.deflated("word/document.xml", stream: deflatedZeros(twoGiB), size: 4096, crc: CRC32.ofZeros(4096))
        return z.bytes
    },
    BadTemplate(name: "compression ratio over 1000", ext: "odt", code: "compression-ratio") {
        var z = RawZip()
        z.stored(odtEntries(body: op("{{school}}")))
        z.deflated("Pictures/zeros.bin", stream: deflatedZeros(8 << 20), size: 8 << 20, crc: CRC32.ofZeros(8 << 20))
        return z.bytes
    },
    BadTemplate(name: "package inflating to more than 1 GiB", ext: "docx", code: "package-too-large") {
        var z = RawZip()
        z.stored(docxEntries(body: wpText("{{school}}")))
        let size: UInt64 = 250 << 20 // under the entry limit, at 516:1 under the ratio limit
        let stream = deflatedZeros(size, distanceBits: 3)
        for i in 1...5 { z.deflated("word/media/zeros\(i).bin", stream: stream, size: UInt32(size), crc: CRC32.ofZeros(size)) }
        return z.bytes
    },
    BadTemplate(name: "too many entries", ext: "docx", code: "too-many-entries") {
        var z = RawZip()
        z.stored(docxEntries(body: wpText("{{school}}")))
        for i in 0..<10_000 { z.stored("customXml/item\(i).xml", Array("<a/>".utf8)) }
        return z.bytes
    },
    BadTemplate(name: "DOCTYPE with an external entity (file:///etc/passwd)", ext: "docx", code: "xml-doctype") {
        zipPackage(docxReplacing("word/document.xml", with: Array(passwdEntity.utf8)))
    },
    BadTemplate(name: "billion laughs", ext: "docx", code: "xml-doctype") {
        zipPackage(docxReplacing("word/document.xml", with: Array(billionLaughs.utf8)))
    },
    BadTemplate(name: "DOCTYPE in [Content_Types].xml", ext: "docx", code: "xml-doctype") {
        let types = "<?xml version=\"1.0\"?>\n<!DOCTYPE Types SYSTEM \"http://example.invalid/types.dtd\">\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
        return zipPackage(docxReplacing("[Content_Types].xml", with: Array(types.utf8)))
    },
    BadTemplate(name: "DOCTYPE with an external entity in ODT content.xml", ext: "odt", code: "xml-doctype") {
        let content = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE office:document-content [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
        <office:document-content \(odfNamespaces)><office:body><office:text><text:p>&secret;</text:p></office:text></office:body></office:document-content>
        """
        return zipPackage(odtEntries(body: "", content: Array(content.utf8)))
    },
    BadTemplate(name: "malformed XML", ext: "docx", code: "xml-malformed") {
        zipPackage(docxReplacing("word/document.xml", with: Array(docxDocumentXML("<w:p><w:r><w:t>{{school}}</w:t></w:r>", header: false, footer: false).utf8)))
    },
    BadTemplate(name: "malformed XML in ODT styles.xml", ext: "odt", code: "xml-malformed") {
        odtEntries(body: op("{{school}}")).map { $0.0 == "styles.xml" ? ($0.0, Array("<office:document-styles><oops></office:document-styles>".utf8)) : $0 }
            .reduce(into: RawZip()) { $0.stored($1.0, $1.1) }.bytes
    },
    BadTemplate(name: "unclosed block", ext: "docx", code: "unclosed-block") {
        docxPackage(body: wpText("{{#each events}}") + wpText("{{title}}"))
    },
    BadTemplate(name: "mismatched block", ext: "odt", code: "mismatched-block") {
        odtPackage(body: op("{{#each events}}{{title}}{{/if}}"))
    },
    BadTemplate(name: "unknown filter", ext: "docx", code: "unknown-filter") {
        docxPackage(body: wpText("{{school | upperr}}"))
    },
    BadTemplate(name: "unknown filter in a footer", ext: "odt", code: "unknown-filter") {
        odtPackage(body: op("{{school}}"), footer: op("{{school | bold}}"))
    },
]

/// Data that fits the bad templates (so only the template is at fault).
let simpleData = "school: МБОУ «Школа № 5»\nevents: []\n"

@Suite struct HostileInputs {
    @Test(arguments: badTemplates)
    func refusedByTheLibrary(_ bad: BadTemplate) throws {
        let bytes = bad.build()
        let ps = problems(bytes, try data(simpleData))
        #expect(ps.contains { $0.code.rawValue == bad.code && $0.severity == .error }, "\(ps.map { $0.line() })")
        for p in ps {
            #expect(!p.message.ru.isEmpty && !p.message.en.isEmpty)
            #expect(!p.line().contains("root:"), "/etc/passwd leaked into a message: \(p.line())")
        }
    }

    @Test(arguments: badTemplates)
    func refusedByTheProgram(_ bad: BadTemplate) throws {
        let dir = TempDir()
        let tmpl = dir.write("шаблон.\(bad.ext)", bad.build())
        let dataFile = dir.write("данные.yaml", simpleData)
        let out = dir.file("результат.\(bad.ext)")
        let r = try expectFailingRun(["render", tmpl, dataFile, "-o", out], output: out, inputs: [tmpl, dataFile],
                                     status: 1, code: bad.code)
        // One line per problem, `FILE: …: error[code]: message`, naming the template.
        let line = try #require(r.stderr.split(separator: "\n").first { $0.contains("error[\(bad.code)]") })
        #expect(line.hasPrefix(tmpl + ": "), "\(line)")
        #expect(!r.stderr.contains("root:") && !r.stdout.contains("root:"), "/etc/passwd leaked: \(r)")
        // Nothing was written outside the output folder either.
        #expect(!FileManager.default.fileExists(atPath: "/tmp/shablon-absolute.txt"))
        #expect(!FileManager.default.fileExists(atPath: (dir.path as NSString).deletingLastPathComponent + "/shablon-escaped.txt"))
        // `check` refuses it the same way.
        let check = try CLI.run(["check", tmpl])
        #expect(check.status == 1 && check.errors.contains(bad.code), "\(check)")
    }

    @Test func theLyingBombStopsAtTheEntryLimit() throws {
        var z = RawZip()
        z.deflated("zeros.bin", stream: deflatedZeros(twoGiB), size: 4096, crc: CRC32.ofZeros(4096))
        let archive = try ZipArchive(bytes: z.bytes)
        #expect(archive.entry(named: "zeros.bin")?.size == 4096)
        #expect(throws: ZipError(.entryTooLarge, entry: "zeros.bin", detail: "> \(256 << 20)")) { _ = try archive.read("zeros.bin") }
        // A lower limit stops it sooner, the same way.
        var small = ZipLimits()
        small.maxEntrySize = 1 << 20
        #expect(throws: ZipError(.entryTooLarge, entry: "zeros.bin", detail: "> \(1 << 20)")) {
            _ = try ZipArchive(bytes: z.bytes, limits: small).read("zeros.bin")
        }
    }

    @Test func theHandBuiltBombsAreRealDeflateStreams() throws {
        // The bomb builder is only a fair test if what it builds inflates to what it declares.
        for bits in [1, 3] {
            let size: UInt64 = (3 << 20) + 123
            var z = RawZip()
            z.deflated("zeros.bin", stream: deflatedZeros(size, distanceBits: bits), size: UInt32(size), crc: CRC32.ofZeros(size))
            var limits = ZipLimits()
            limits.maxRatio = 10_000
            let data = try ZipArchive(bytes: z.bytes, limits: limits).read("zeros.bin")
            #expect(data.count == Int(size) && !data.contains { $0 != 0 })
        }
        for n in [0, 1, 7, 258, 1000, 65_537] as [UInt64] {
            #expect(CRC32.ofZeros(n) == CRC32.checksum([UInt8](repeating: 0, count: Int(n))))
        }
        // The 2 GiB bomb costs about 2 MB.
        #expect(deflatedZeros(twoGiB).count < 3 << 20)
    }

    @Test func limitsCanBeRaised() throws {
        var z = RawZip()
        z.stored(odtEntries(body: op("{{school}}")))
        z.deflated("Pictures/zeros.bin", stream: deflatedZeros(8 << 20), size: 8 << 20, crc: CRC32.ofZeros(8 << 20))
        let bytes = z.bytes
        var limits = ZipLimits()
        limits.maxRatio = 2000
        let t = try template(bytes, limits: limits)
        let out = try t.render(try data(simpleData))
        #expect(try ZipArchive(bytes: out.bytes, limits: limits).read("Pictures/zeros.bin").count == 8 << 20)

        let dir = TempDir()
        let tmpl = dir.write("t.odt", bytes)
        let d = dir.write("d.yaml", simpleData)
        let refused = try CLI.run(["render", tmpl, d, "-o", dir.file("a.odt")])
        #expect(refused.status == 1 && refused.errors == ["compression-ratio"], "\(refused)")
        #expect(refused.stderr.contains("--max-ratio"), "the message says how to raise the limit: \(refused)")
        let raised = try CLI.run(["render", tmpl, d, "-o", dir.file("a.odt"), "--max-ratio", "2000"])
        #expect(raised.status == 0, "\(raised)")
        #expect(contents(dir.file("a.odt")) != nil)
        let fewer = try CLI.run(["render", tmpl, d, "-o", dir.file("b.odt"), "--max-entries", "3"])
        #expect(fewer.status == 1 && fewer.errors == ["too-many-entries"], "\(fewer)")
    }

    @Test func xmlErrorsNameThePartAndLine() throws {
        let bytes = zipPackage(docxReplacing("word/document.xml", with: Array("<?xml version=\"1.0\"?>\n<w:document xmlns:w=\"\(wordNS)\">\n<w:body>\n<w:p></w:r></w:body></w:document>".utf8)))
        let ps = problems(bytes)
        let p = try #require(ps.first { $0.code == "xml-malformed" })
        #expect(p.part == "word/document.xml")
        guard case .text(let line, _)? = p.location else { Issue.record("no line: \(p.line())"); return }
        #expect(line == 4)
    }

    @Test func externalEntitiesAreNeverResolved() throws {
        // Whatever the outcome, the file's content must never reach a document or a message.
        let passwd = String(decoding: contents("/etc/passwd") ?? Array("root:x:0:0".utf8), as: UTF8.self)
        let marker = String(passwd.prefix(while: { $0 != "\n" }))
        for xml in [passwdEntity, billionLaughs] {
            let bytes = zipPackage(docxReplacing("word/document.xml", with: Array(xml.utf8)))
            let ps = problems(bytes)
            #expect(ps.map(\.code) == ["xml-doctype"])
            #expect(!ps.map { $0.line() + $0.line("en") }.joined().contains(marker))
        }
    }
}

@Suite struct BadData {
    let tmpl = docxPackage(body: wpText("{{school}}") + wpText("{{#each events}}") + wpText("{{title}}") + wpText("{{/each}}"))

    @Test func malformedYAMLNamesTheLine() throws {
        let text = "school: МБОУ\nevents:\n  - title: [незакрытая скобка\n  - title: Конкурс\n"
        let ps = problems { _ = try data(text) }
        let p = try #require(ps.first)
        #expect(p.code == "data-syntax")
        guard case .text(let line, _)? = p.location else { Issue.record("no line: \(p.line())"); return }
        #expect((3...5).contains(line), "\(p.line())")

        let dir = TempDir()
        let t = dir.write("t.docx", tmpl)
        let d = dir.write("data.yaml", text)
        let out = dir.file("out.docx")
        let r = try expectFailingRun(["render", t, d, "-o", out], output: out, inputs: [t, d], status: 1, code: "data-syntax")
        #expect(r.stderr.contains("\(d): \(line):"), "the message names the file and line: \(r)")
    }

    @Test func malformedJSONNamesTheLine() throws {
        let text = "{\n  \"school\": \"МБОУ\",\n  \"events\": [\n    {\"title\": \"a\",},\n  ]\n}\n"
        let ps = problems { _ = try data(text) }
        let p = try #require(ps.first)
        #expect(p.code == "data-syntax")
        guard case .text(let line, _)? = p.location else { Issue.record("no line: \(p.line())"); return }
        #expect(line == 4, "\(p.line())")

        let dir = TempDir()
        let t = dir.write("t.docx", tmpl)
        let d = dir.write("data.json", text)
        let out = dir.file("out.docx")
        let r = try expectFailingRun(["render", t, d, "-o", out], output: out, inputs: [t, d], status: 1, code: "data-syntax")
        #expect(r.stderr.contains("\(d): 4:"), "\(r)")
        // From standard input too.
        let s = try expectFailingRun(["render", t, "-", "-o", out], output: out, inputs: [t], status: 1, code: "data-syntax",
                                     stdin: Array(text.utf8))
        #expect(s.stderr.contains("stdin: 4:"), "\(s)")
    }

    @Test func valuesWithMarkupTagsAndControlCharactersThroughTheProgram() throws {
        let dir = TempDir()
        let t = dir.write("t.odt", odtPackage(body: op("A: {{a}}") + op("B: {{b}}") + op("C: {{c}}")))
        let d = dir.write("d.json", #"{"a": "<text:p>&amp;</text:p>", "b": "{{a}} {{/each}}", "c": "раз\u0007два"}"#)
        let out = dir.file("out.odt")
        let r = try CLI.run(["render", t, d, "-o", out])
        #expect(r.status == 0, "\(r)")
        #expect(r.errors.isEmpty && r.warnings == ["control-character"], "\(r)")
        let content = try ZipArchive(bytes: try #require(contents(out))).read("content.xml")
        #expect(paragraphTexts(try XMLParser.parse(content).root) == ["A: <text:p>&amp;</text:p>", "B: {{a}} {{/each}}", "C: раздва"])
    }

    @Test func missingValuesAndTheirFix() throws {
        let dir = TempDir()
        let t = dir.write("t.docx", tmpl)
        let d = dir.write("d.yaml", "events:\n  - title: Конкурс\n")
        let out = dir.file("out.docx")
        let r = try expectFailingRun(["render", t, d, "-o", out], output: out, inputs: [t, d], status: 1, code: "missing-value")
        #expect(r.stderr.contains("{{school}}"))
        let allowed = try CLI.run(["render", t, d, "-o", out, "--allow-missing"])
        #expect(allowed.status == 0, "\(allowed)")
        let doc = try ZipArchive(bytes: try #require(contents(out))).read("word/document.xml")
        #expect(try visibleText(doc) == "\nКонкурс")
    }
}
