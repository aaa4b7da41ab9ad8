import FuzzSupport
import Shablon
import ShablonData
import ShablonEngine
import ShablonXML
import ShablonZip

// A whole render: the input is the main part of an otherwise valid package (the first byte chooses:
// even — `word/document.xml` of a DOCX, odd — `content.xml` of an ODT), built with `ZipWriter`, opened
// with `DocumentTemplate(bytes:)` and rendered with fixed data. A successful render must be a package
// that opens again, with the same entries in the same order, and whose rendered parts are well-formed
// and within the fuzzing output budget (`Fuzz.budget`).

private let contentTypes = Array("""
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
<Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
</Types>
""".utf8)
private let rels = Array("""
<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
</Relationships>
""".utf8)
private let manifest = Array("""
<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">\
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>\
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\
</manifest:manifest>
""".utf8)

private func package(_ part: [UInt8], odt: Bool) throws(ZipError) -> [UInt8] {
    let w = try ZipWriter()
    if odt {
        try w.add("mimetype", Array("application/vnd.oasis.opendocument.text".utf8), compression: .store)
        try w.add("content.xml", part, compression: .deflate(level: 1))
        try w.add("META-INF/manifest.xml", manifest, compression: .deflate(level: 1))
    } else {
        try w.add("[Content_Types].xml", contentTypes, compression: .deflate(level: 1))
        try w.add("_rels/.rels", rels, compression: .deflate(level: 1))
        try w.add("word/document.xml", part, compression: .deflate(level: 1))
    }
    return try w.finish()
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let odt = data[0] & 1 == 1
    let part = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let bytes: [UInt8]
    do { bytes = try package(part, odt: odt) } catch {
        Fuzz.check(false, "ZipWriter failed on a valid package: \(error)")
        return 0
    }
    guard let template = try? DocumentTemplate(bytes: bytes) else { return 0 }
    for allowMissing in [false, true] {
        let out: RenderedDocument
        do {
            out = try template.render(Fuzz.data, options: Fuzz.options(allowMissing: allowMissing, inputSize: size))
        } catch {
            continue
        }
        let archive: ZipArchive
        do { archive = try ZipArchive(bytes: out.bytes) } catch {
            Fuzz.check(false, "the rendered package does not open: \(error)")
            return 0
        }
        let names = try! ZipArchive(bytes: bytes).entries.map(\.name)
        Fuzz.check(archive.entries.map(\.name) == names, "entries changed: \(archive.entries.map(\.name)) vs \(names)")
        for p in template.parts {
            do {
                let rendered = try archive.read(p.part)
                Fuzz.checkWellFormed(rendered, "rendered \(p.part)")
                Fuzz.check(rendered.count <= Fuzz.budget(forInput: size), "\(p.part) grew to \(rendered.count) bytes, past the budget, without output-too-large")
            } catch {
                Fuzz.check(false, "rendered \(p.part) does not read: \(error)")
            }
        }
    }
    return 0
}

#if !FUZZING
@main enum Replay { static func main() { Fuzz.replay(fuzz) } }
#endif
