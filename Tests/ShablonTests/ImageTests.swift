import Foundation
import Testing
import Shablon
import ShablonData
import ShablonEngine
import ShablonXML
import ShablonZip

/// A tiny valid PNG of one colour.
func pngImage(width: Int, height: Int) -> [UInt8] {
    func be32(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 255), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)] }
    func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return be32(data.count) + body + be32(Int(CRC32.checksum(body)))
    }
    // Stored (uncompressed) zlib stream of the scanlines.
    var raw: [UInt8] = []
    for _ in 0..<height { raw += [0] + Array(repeating: [200, 30, 30], count: width).flatMap { $0 } }
    var z: [UInt8] = [0x78, 0x01]
    var i = 0
    repeat {
        let n = min(65535, raw.count - i)
        z += [i + n == raw.count ? 1 : 0, UInt8(n & 255), UInt8(n >> 8), UInt8(~n & 255), UInt8((~n >> 8) & 255)] + raw[i..<(i + n)]
        i += n
    } while i < raw.count
    var a: UInt32 = 1, b: UInt32 = 0
    for x in raw { a = (a + UInt32(x)) % 65521; b = (b + a) % 65521 }
    z += be32(Int(b << 16 | a))
    return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", be32(width) + be32(height) + [8, 2, 0, 0, 0])
        + chunk("IDAT", z) + chunk("IEND", [])
}

@Suite struct Images {
    static let emblem = pngImage(width: 40, height: 20)
    static let data: Value = ["emblem": "emblem.png", "rows": .list((1...50).map { .string("строка \($0)") })]

    static func options(_ dir: TempDir) -> RenderOptions {
        RenderOptions(images: ImageLoader.resolver(base: dir.path))
    }

    @Test func docxHeaderBodyAndAFiftyRowLoopShareOneMediaPart() throws {
        let dir = TempDir()
        dir.write("emblem.png", Self.emblem)
        let t = try DocumentTemplate(bytes: docxPackage(
            body: """
            <w:p><w:r><w:t>Герб: {{emblem | image: "3cm"}}</w:t></w:r></w:p>\
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>{{#each rows}}{{this}}</w:t></w:r></w:p></w:tc>\
            <w:tc><w:p><w:r><w:t>{{emblem | image: "1cm"}}{{/each}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            """,
            header: "<w:p><w:r><w:t>{{emblem | image}}</w:t></w:r></w:p>"))
        let out = try t.render(Self.data, options: Self.options(dir)).bytes
        let zip = try ZipArchive(bytes: out)
        let media = zip.entries.map(\.name).filter { $0.hasPrefix("word/media/shablon-") }
        #expect(media.count == 1)
        #expect(try zip.read(media[0]) == Self.emblem)
        let document = String(decoding: try zip.read("word/document.xml"), as: UTF8.self)
        let ids = document.matches(of: /<wp:docPr id="(\d+)"/).map { String($0.1) }
        #expect(ids.count == 51)
        #expect(Set(ids).count == 51, "drawing ids repeat")
        // 3 cm wide, aspect kept: 1 080 000 × 540 000 EMU.
        #expect(document.contains("<wp:extent cx=\"1080000\" cy=\"540000\"/>"))
        for part in ["word/_rels/document.xml.rels", "word/_rels/header1.xml.rels"] {
            let rels = String(decoding: try zip.read(part), as: UTF8.self)
            #expect(rels.contains("relationships/image") && rels.contains("media/shablon-"), "\(part)")
            _ = try XMLParser.parse(try zip.read(part))
        }
        let types = String(decoding: try zip.read("[Content_Types].xml"), as: UTF8.self)
        #expect(types.contains("Extension=\"png\" ContentType=\"image/png\""))
        for e in zip.entries where e.name.hasSuffix(".xml") || e.name.hasSuffix(".rels") { _ = try XMLParser.parse(zip.read(e.name)) }
    }

    @Test func odtFramesAndManifest() throws {
        let dir = TempDir()
        dir.write("emblem.png", Self.emblem)
        let t = try DocumentTemplate(bytes: odtPackage(
            body: "<text:p>{{emblem | image: \"2cm\"}}</text:p><text:p>{{#each rows}}{{emblem | image: \"5mm\"}}{{/each}}</text:p>",
            header: "<text:p>{{emblem | image}}</text:p>"))
        let out = try t.render(Self.data, options: Self.options(dir)).bytes
        let zip = try ZipArchive(bytes: out)
        #expect(zip.entries.first?.name == "mimetype")
        let pictures = zip.entries.map(\.name).filter { $0.hasPrefix("Pictures/shablon-") }
        #expect(pictures.count == 1)
        let manifest = String(decoding: try zip.read("META-INF/manifest.xml"), as: UTF8.self)
        #expect(manifest.contains("manifest:full-path=\"\(pictures[0])\""))
        let content = String(decoding: try zip.read("content.xml"), as: UTF8.self)
        #expect(content.components(separatedBy: "<draw:frame").count - 1 == 51)
        #expect(content.contains("svg:width=\"2.0cm\" svg:height=\"1.0cm\""))
        _ = try XMLParser.parse(zip.read("content.xml"))
        _ = try XMLParser.parse(zip.read("styles.xml"))
    }

    @Test func aMissingOrUnreadableImageIsAnError() throws {
        let dir = TempDir()
        dir.write("bad.png", Array("not a picture".utf8))
        let t = try DocumentTemplate(bytes: docxPackage(body: "<w:p><w:r><w:t>{{a | image}} {{b | image}} {{c | image: \"wide\"}}</w:t></w:r></w:p>"))
        var codes: [String] = []
        do { _ = try t.render(["a": "nope.png", "b": "bad.png", "c": "bad.png"], options: Self.options(dir)) } catch { codes = error.items.map(\.code.rawValue) }
        #expect(codes == ["image-failed", "image-failed", "filter-arguments"])
    }

    @Test func base64AndSVGWithItsPNG() throws {
        let dir = TempDir()
        dir.write("logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20mm\" height=\"10mm\"/>")
        dir.write("logo.png", Self.emblem)
        let t = try DocumentTemplate(bytes: docxPackage(body: "<w:p><w:r><w:t>{{a | image}}{{b | image}}</w:t></w:r></w:p>"))
        let inline = "data:image/png;base64," + Data(Self.emblem).base64EncodedString()
        let out = try t.render(["a": .string(inline), "b": "logo.svg"], options: Self.options(dir)).bytes
        let zip = try ZipArchive(bytes: out)
        #expect(zip.entries.filter { $0.name.hasPrefix("word/media/shablon-") }.count == 2) // the PNG (shared) and the SVG
        let document = String(decoding: try zip.read("word/document.xml"), as: UTF8.self)
        #expect(document.contains("asvg:svgBlip"))
        let types = String(decoding: try zip.read("[Content_Types].xml"), as: UTF8.self)
        #expect(types.contains("image/svg+xml"))
    }
}

@Suite(.serialized, .enabled(if: LibreOffice.available || LibreOffice.onCI, LibreOffice.missingMessage))
struct ImagesInLibreOffice {
    @Test func picturesAppearInThePDF() throws {
        #expect(LibreOffice.available, LibreOffice.missingMessage)
        guard LibreOffice.available, let pdfimages = LibreOffice.which("pdfimages") else { return }
        let dir = TempDir()
        dir.write("emblem.png", Images.emblem)
        let data: Value = ["emblem": "emblem.png", "rows": ["a", "b", "c"]]
        let docx = try DocumentTemplate(bytes: docxPackage(
            body: "<w:p><w:r><w:t>{{emblem | image: \"3cm\"}}</w:t></w:r></w:p><w:p><w:r><w:t>{{#each rows}}{{this}} {{emblem | image: \"1cm\"}}{{/each}}</w:t></w:r></w:p>",
            header: "<w:p><w:r><w:t>{{emblem | image: \"1cm\"}}</w:t></w:r></w:p>"))
        let odt = try DocumentTemplate(bytes: odtPackage(
            body: "<text:p>{{emblem | image: \"3cm\"}}</text:p><text:p>{{#each rows}}{{this}} {{emblem | image: \"1cm\"}}{{/each}}</text:p>",
            header: "<text:p>{{emblem | image: \"1cm\"}}</text:p>"))
        let a = dir.write("pictures-w.docx", try docx.render(data, options: Images.options(dir)).bytes)
        let b = dir.write("pictures-o.odt", try odt.render(data, options: Images.options(dir)).bytes)
        let pdfs = try LibreOffice.convertToPDF([a, b], in: dir)
        for pdf in pdfs {
            let list = try LibreOffice.run(pdfimages, ["-list", pdf])
            let images = list.split(separator: "\n").dropFirst(2).count
            #expect(images >= 5, "\(pdf): \(images) pictures")
        }
    }
}
