import Foundation
import ShablonXML
import ShablonZip

// Packages built in code: real, minimal DOCX and ODT documents that Word and LibreOffice open, and raw
// zip bytes for the hostile cases that libzip itself would refuse to write.

// MARK: - DOCX

let wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
private let wordNamespaces = "xmlns:w=\"\(wordNS)\" xmlns:r=\"\(relNS)\""

/// A 1×1 PNG: an untouched binary entry that must come out byte for byte.
let pixelPNG: [UInt8] = [UInt8](Data(base64Encoded:
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!)

/// The `word/document.xml` of a package around a body fragment (the section properties are added).
func docxDocumentXML(_ body: String, header: Bool = true, footer: Bool = true) -> String {
    var refs = ""
    if header { refs += "<w:headerReference w:type=\"default\" r:id=\"rIdHeader1\"/>" }
    if footer { refs += "<w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/>" }
    return """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:document \(wordNamespaces)><w:body>\(body)<w:sectPr>\(refs)<w:pgSz w:w="11906" w:h="16838"/>\
    <w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="708" w:footer="708" w:gutter="0"/>\
    </w:sectPr></w:body></w:document>
    """
}

/// The entries of a DOCX package, in package order (name, bytes). `document` replaces the whole
/// `word/document.xml` when given (for malformed or hostile parts); `docxReplacing` does the same for any part.
func docxEntries(body: String, header: String? = nil, footer: String? = nil, title: String? = nil,
                 document: [UInt8]? = nil) -> [(String, [UInt8])] {
    var overrides = """
    <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
    <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
    <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
    """
    var docRels = """
    <Relationship Id="rIdStyles" Type="\(relNS)/styles" Target="styles.xml"/>\
    <Relationship Id="rIdImage1" Type="\(relNS)/image" Target="media/image1.png"/>
    """
    if header != nil {
        overrides += "<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>"
        docRels += "<Relationship Id=\"rIdHeader1\" Type=\"\(relNS)/header\" Target=\"header1.xml\"/>"
    }
    if footer != nil {
        overrides += "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
        docRels += "<Relationship Id=\"rIdFooter1\" Type=\"\(relNS)/footer\" Target=\"footer1.xml\"/>"
    }
    let contentTypes = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
    <Default Extension="xml" ContentType="application/xml"/>\
    <Default Extension="png" ContentType="image/png"/>\(overrides)</Types>
    """
    let rootRels = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
    <Relationship Id="rId1" Type="\(relNS)/officeDocument" Target="word/document.xml"/>\
    <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
    </Relationships>
    """
    let documentRels = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(docRels)</Relationships>
    """
    let styles = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <w:styles xmlns:w="\(wordNS)"><w:docDefaults><w:rPrDefault><w:rPr>\
    <w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:lang w:val="ru-RU"/>\
    </w:rPr></w:rPrDefault></w:docDefaults>\
    <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>\
    <w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders>\
    <w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>\
    <w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>\
    <w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/>\
    </w:tblBorders></w:tblPr></w:style></w:styles>
    """
    let core = """
    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
    <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
    xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
    <dc:title>\(title ?? "")</dc:title><dc:creator>Shablon tests</dc:creator></cp:coreProperties>
    """
    var entries: [(String, [UInt8])] = [
        ("[Content_Types].xml", Array(contentTypes.utf8)),
        ("_rels/.rels", Array(rootRels.utf8)),
        ("word/_rels/document.xml.rels", Array(documentRels.utf8)),
        ("word/document.xml", document ?? Array(docxDocumentXML(body, header: header != nil, footer: footer != nil).utf8)),
        ("word/styles.xml", Array(styles.utf8)),
    ]
    if let header {
        entries.append(("word/header1.xml", Array("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:hdr \(wordNamespaces)>\(header)</w:hdr>".utf8)))
    }
    if let footer {
        entries.append(("word/footer1.xml", Array("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:ftr \(wordNamespaces)>\(footer)</w:ftr>".utf8)))
    }
    entries.append(("word/media/image1.png", pixelPNG))
    entries.append(("docProps/core.xml", Array(core.utf8)))
    return entries
}

/// A whole DOCX package.
func docxPackage(body: String, header: String? = nil, footer: String? = nil, title: String? = nil) -> [UInt8] {
    zipPackage(docxEntries(body: body, header: header, footer: footer, title: title))
}

// MARK: - ODT

let odfNamespaces = """
xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" \
xmlns:dc="http://purl.org/dc/elements/1.1/" \
xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
"""

let odtMimetype = "application/vnd.oasis.opendocument.text"

/// The `content.xml` of a package around a body fragment.
func odtContentXML(_ body: String) -> String {
    """
    <?xml version="1.0" encoding="UTF-8"?>
    <office:document-content \(odfNamespaces) office:version="1.3"><office:automatic-styles>\
    <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>\
    <style:style style:name="T2" style:family="text"><style:text-properties fo:language="en" fo:country="US"/></style:style>\
    </office:automatic-styles><office:body><office:text>\(body)</office:text></office:body></office:document-content>
    """
}

/// The entries of an ODT package, in package order; `mimetype` first.
func odtEntries(body: String, header: String? = nil, footer: String? = nil, title: String? = nil,
                content: [UInt8]? = nil) -> [(String, [UInt8])] {
    let manifest = """
    <?xml version="1.0" encoding="UTF-8"?>
    <manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">\
    <manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="\(odtMimetype)"/>\
    <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>\
    <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>\
    <manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>\
    <manifest:file-entry manifest:full-path="Pictures/image1.png" manifest:media-type="image/png"/>\
    </manifest:manifest>
    """
    var master = ""
    if let header { master += "<style:header>\(header)</style:header>" }
    if let footer { master += "<style:footer>\(footer)</style:footer>" }
    let styles = """
    <?xml version="1.0" encoding="UTF-8"?>
    <office:document-styles \(odfNamespaces) office:version="1.3"><office:styles>\
    <style:default-style style:family="paragraph"><style:text-properties fo:font-size="14pt" fo:language="ru" fo:country="RU"/></style:default-style>\
    <style:style style:name="Standard" style:family="paragraph" style:class="text"/>\
    </office:styles><office:automatic-styles>\
    <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>\
    <style:style style:name="T2" style:family="text"><style:text-properties fo:language="en" fo:country="US"/></style:style>\
    <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" \
    fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="3cm" fo:margin-right="1.5cm"/></style:page-layout>\
    </office:automatic-styles><office:master-styles>\
    <style:master-page style:name="Standard" style:page-layout-name="pm1">\(master)</style:master-page>\
    </office:master-styles></office:document-styles>
    """
    let meta = """
    <?xml version="1.0" encoding="UTF-8"?>
    <office:document-meta \(odfNamespaces) office:version="1.3"><office:meta>\
    <dc:title>\(title ?? "")</dc:title><meta:generator>Shablon tests</meta:generator></office:meta></office:document-meta>
    """
    return [
        ("mimetype", Array(odtMimetype.utf8)),
        ("content.xml", content ?? Array(odtContentXML(body).utf8)),
        ("styles.xml", Array(styles.utf8)),
        ("meta.xml", Array(meta.utf8)),
        ("Pictures/image1.png", pixelPNG),
        ("META-INF/manifest.xml", Array(manifest.utf8)),
    ]
}

/// A whole ODT package.
func odtPackage(body: String, header: String? = nil, footer: String? = nil, title: String? = nil) -> [UInt8] {
    zipPackage(odtEntries(body: body, header: header, footer: footer, title: title))
}

/// Zips entries with `ZipWriter`: `mimetype` stored, everything else deflated.
func zipPackage(_ entries: [(String, [UInt8])]) -> [UInt8] {
    do {
        let w = try ZipWriter()
        for (name, data) in entries {
            try w.add(name, data, compression: name == "mimetype" ? .store : .deflate(level: 6))
        }
        return try w.finish()
    } catch {
        fatalError("ZipWriter failed on a test fixture: \(error)")
    }
}

// MARK: - Reading packages back

/// Every entry of a package, inflated, in archive order.
func unzip(_ bytes: [UInt8], limits: ZipLimits = ZipLimits()) throws -> [(name: String, data: [UInt8])] {
    let a = try ZipArchive(bytes: bytes, limits: limits)
    return try a.entries.map { ($0.name, try a.read($0.name)) }
}

/// The visible text of a part: paragraphs joined by newlines; breaks as "⏎", tabs as "⇥". Works for
/// WordprocessingML (`w:t`), ODF (`text:p`, `text:span`, `text:s`) and property parts (`dc:title`).
func visibleText(_ bytes: [UInt8]) throws -> String {
    let doc = try XMLParser.parse(bytes)
    return paragraphTexts(doc.root).joined(separator: "\n")
}

/// The texts of every paragraph (`w:p`, `text:p`, `text:h`) below an element, in document order; for a
/// part without paragraphs (document properties), the texts of its leaf elements.
func paragraphTexts(_ root: XMLElement) -> [String] {
    var paragraphs: [String] = []
    func inline(_ e: XMLElement, _ s: inout String) {
        for c in e.children {
            switch c {
            case .text(let t):
                if e.name.hasPrefix("text:") || e.name == "w:t" { s += t }
            case .element(let x):
                switch x.name {
                case "w:br", "w:cr", "text:line-break": s += "⏎"
                case "w:tab", "text:tab": s += "⇥"
                case "text:s": s += String(repeating: " ", count: Int(x[attribute: "text:c"] ?? "1") ?? 1)
                case "w:instrText", "w:delText", "office:annotation": break
                default: inline(x, &s)
                }
            default: break
            }
        }
    }
    func walk(_ e: XMLElement) {
        for c in e.children {
            guard case .element(let x) = c else { continue }
            if x.name == "w:p" || x.name == "text:p" || x.name == "text:h" {
                var s = ""
                inline(x, &s)
                paragraphs.append(s)
            } else {
                walk(x)
            }
        }
    }
    walk(root)
    if paragraphs.isEmpty {
        func leaves(_ e: XMLElement) {
            let kids = e.children.compactMap(\.element)
            if kids.isEmpty { paragraphs.append(e.textContent) } else { kids.forEach(leaves) }
        }
        leaves(root)
    }
    return paragraphs
}

// MARK: - Raw zip bytes

/// CRC-32 (IEEE, as zip uses it).
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n -> UInt32 in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    /// a·b modulo the CRC polynomial (reflected), as zlib's `multmodp`.
    private static func multmodp(_ a: UInt32, _ b: UInt32) -> UInt32 {
        var m: UInt32 = 1 << 31, p: UInt32 = 0, b = b
        while true {
            if a & m != 0 {
                p ^= b
                if a & (m - 1) == 0 { break }
            }
            m >>= 1
            b = b & 1 != 0 ? (b >> 1) ^ 0xEDB8_8320 : b >> 1
        }
        return p
    }

    /// The CRC-32 of `count` zero bytes, in O(log count): feeding zeros multiplies the register by
    /// x^(8·count) modulo the polynomial.
    static func ofZeros(_ count: UInt64) -> UInt32 {
        var power: UInt32 = 1 << 30 // x^1
        var p: UInt32 = 1 << 31 // x^0
        var n = count * 8
        while n > 0 {
            if n & 1 != 0 { p = multmodp(power, p) }
            power = multmodp(power, power)
            n >>= 1
        }
        return multmodp(p, 0xFFFF_FFFF) ^ 0xFFFF_FFFF
    }
}

/// A raw deflate stream that inflates to `count` zero bytes, built by hand in one dynamic-Huffman
/// block: a literal 0, then matches of length 258 at distance 1 whose codes are all zero bits, so the
/// bulk of the stream is zero bytes and costs nothing to build. `distanceBits` sets the bits of the
/// distance code: 1 gives about 1032:1 (as zlib's best), 3 about 516:1.
func deflatedZeros(_ count: UInt64, distanceBits: Int = 1) -> [UInt8] {
    precondition(count >= 1 && (distanceBits == 1 || distanceBits == 3))
    var out: [UInt8] = []
    var bitCount = 0
    func bits(_ value: UInt32, _ n: Int) { // LSB first
        for i in 0..<n {
            if bitCount % 8 == 0 { out.append(0) }
            if (value >> UInt32(i)) & 1 != 0 { out[out.count - 1] |= UInt8(1 << (bitCount % 8)) }
            bitCount += 1
        }
    }
    func code(_ value: UInt32, _ n: Int) { // Huffman codes: MSB first
        for i in stride(from: n - 1, through: 0, by: -1) { bits((value >> UInt32(i)) & 1, 1) }
    }
    func zeroBits(_ n: UInt64) {
        // Zero bits only advance the position: whole zero bytes can be appended at once.
        let total = bitCount + Int(n)
        let needed = (total + 7) / 8
        if needed > out.count { out.append(contentsOf: repeatElement(0, count: needed - out.count)) }
        bitCount = total
    }
    let distanceCodes = 1 << distanceBits
    bits(1, 1) // BFINAL
    bits(2, 2) // BTYPE = dynamic
    bits(29, 5) // HLIT: 286 literal/length codes
    bits(UInt32(distanceCodes - 1), 5) // HDIST
    bits(14, 4) // HCLEN: 18 code length codes
    // Code length alphabet: symbols 1, 2, 3 and 18 with two bits each (codes 00, 01, 10, 11).
    let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1]
    for s in order { bits([1, 2, 3, 18].contains(s) ? 2 : 0, 3) }
    let clCode: [Int: UInt32] = [1: 0b00, 2: 0b01, 3: 0b10, 18: 0b11]
    func zeros(_ n: Int) { code(clCode[18]!, 2); bits(UInt32(n - 11), 7) } // 11…138 zero lengths
    // Literal/length lengths: 0 → 2, 256 → 2, 285 → 1 (codes: 285 "0", 0 "10", 256 "11").
    code(clCode[2]!, 2)
    zeros(138); zeros(117)
    code(clCode[2]!, 2)
    zeros(28)
    code(clCode[1]!, 2)
    // Distance lengths: all `distanceBits` (distance code 0 gets the all-zero code).
    for _ in 0..<distanceCodes { code(clCode[distanceBits == 1 ? 1 : 3]!, 2) }
    // Data.
    code(0b10, 2) // literal 0
    let matches = (count - 1) / 258
    let rest = (count - 1) % 258
    zeroBits(matches * UInt64(1 + distanceBits))
    for _ in 0..<rest { code(0b10, 2) }
    code(0b11, 2) // end of block
    return out
}

/// Builds zip bytes by hand: local headers, central directory, end record. Entry names, sizes and
/// CRCs are whatever the test says, so it can write what no honest writer would.
struct RawZip {
    struct Entry {
        var name: String
        var payload: [UInt8]
        var method: UInt16
        var crc: UInt32
        var size: UInt32
    }

    var entries: [Entry] = []

    /// Adds a stored entry.
    mutating func stored(_ name: String, _ data: [UInt8]) {
        entries.append(Entry(name: name, payload: data, method: 0, crc: CRC32.checksum(data), size: UInt32(data.count)))
    }

    /// Adds a deflated entry from a raw deflate stream, with the sizes and CRC it declares.
    mutating func deflated(_ name: String, stream: [UInt8], size: UInt32, crc: UInt32) {
        entries.append(Entry(name: name, payload: stream, method: 8, crc: crc, size: size))
    }

    /// Adds entries of a package, stored.
    mutating func stored(_ list: [(String, [UInt8])]) {
        for (n, d) in list { stored(n, d) }
    }

    var bytes: [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: UInt16, _ a: inout [UInt8]) { a += [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: UInt32, _ a: inout [UInt8]) { a += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)] }
        let time: UInt16 = 6 << 11, date: UInt16 = (44 << 9) | (9 << 5) | 1 // 2024-09-01 06:00
        for e in entries {
            let name = Array(e.name.utf8)
            let offset = UInt32(out.count)
            u32(0x0403_4B50, &out); u16(20, &out); u16(0x0800, &out); u16(e.method, &out)
            u16(time, &out); u16(date, &out); u32(e.crc, &out)
            u32(UInt32(e.payload.count), &out); u32(e.size, &out)
            u16(UInt16(name.count), &out); u16(0, &out)
            out += name
            out += e.payload
            u32(0x0201_4B50, &central); u16(0x0314, &central); u16(20, &central); u16(0x0800, &central); u16(e.method, &central)
            u16(time, &central); u16(date, &central); u32(e.crc, &central)
            u32(UInt32(e.payload.count), &central); u32(e.size, &central)
            u16(UInt16(name.count), &central); u16(0, &central); u16(0, &central); u16(0, &central); u16(0, &central)
            u32(0o100644 << 16, &central); u32(offset, &central)
            central += name
        }
        let cdOffset = UInt32(out.count)
        out += central
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out)
        u16(UInt16(entries.count), &out); u16(UInt16(entries.count), &out)
        u32(UInt32(central.count), &out); u32(cdOffset, &out); u16(0, &out)
        return out
    }
}
