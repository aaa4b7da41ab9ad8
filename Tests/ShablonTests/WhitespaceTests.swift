import Foundation
import Testing
import Shablon
import ShablonData
import ShablonXML

// Spaces next to tags split over runs: the text a reader sees must be the template's text with the tags
// replaced by their values, every space kept. Word and LibreOffice drop the spaces at the ends of a
// `w:t` without `xml:space="preserve"`; ODF drops a paragraph's leading spaces and collapses runs of
// spaces unless they are written as `<text:s/>`.

/// The text of each paragraph as Word and LibreOffice show it, by the formats' white-space rules.
enum ShownText {
    static func paragraphs(_ part: [UInt8]) throws -> [String] {
        let doc = try XMLParser.parse(part)
        var found: [String] = []
        func walk(_ e: XMLElement) {
            for case .element(let x) in e.children {
                switch x.name {
                case "w:p": found.append(word(x))
                case "text:p", "text:h": found.append(odf(x))
                default: walk(x)
                }
            }
        }
        walk(doc.root)
        return found
    }

    static func isSpace(_ c: Character) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" }

    /// WordprocessingML: a `w:t` without `xml:space="preserve"` loses the white space at its ends.
    static func word(_ p: XMLElement) -> String {
        var s = ""
        func inline(_ e: XMLElement) {
            for case .element(let x) in e.children {
                switch x.name {
                case "w:t":
                    var t = Substring(x.textContent)
                    if x[attribute: "xml:space"] != "preserve" {
                        while let f = t.first, isSpace(f) { t = t.dropFirst() }
                        while let l = t.last, isSpace(l) { t = t.dropLast() }
                    }
                    s += t
                case "w:tab": s += "\t"
                case "w:br", "w:cr": s += "\n"
                case "w:rPr", "w:pPr", "w:instrText", "w:delText": break
                default: inline(x)
                }
            }
        }
        inline(p)
        return s
    }

    /// ODF as LibreOffice reads it: a white-space character shows as one space unless it starts the
    /// paragraph or follows another white-space character; `text:s`, `text:tab` and `text:line-break`
    /// always show.
    static func odf(_ p: XMLElement) -> String {
        var s = ""
        var afterPlainSpace = true
        func inline(_ e: XMLElement) {
            for c in e.children {
                switch c {
                case .text(let t):
                    for ch in t {
                        if isSpace(ch) {
                            if !afterPlainSpace { s += " " }
                            afterPlainSpace = true
                        } else {
                            s.append(ch)
                            afterPlainSpace = false
                        }
                    }
                case .element(let x):
                    switch x.name {
                    case "text:s": s += String(repeating: " ", count: Int(x[attribute: "text:c"] ?? "1") ?? 1)
                    case "text:tab": s += "\t"
                    case "text:line-break": s += "\n"
                    case "office:annotation", "text:note": continue
                    default: inline(x); continue
                    }
                    afterPlainSpace = false
                default: break
                }
            }
        }
        inline(p)
        return s
    }
}

/// A deterministic generator (the same «random» templates on every run).
struct Lehmer: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return state ^ (state >> 29)
    }
}

/// Random paragraphs of words, spaces and tags, cut into runs at random places (inside tags too), with
/// what a reader must see once they are filled.
struct SpacedTemplate {
    /// Each paragraph's template text and expected text.
    var paragraphs: [(template: String, expected: String, cuts: [Int])] = []

    static let values: [String] = ["", " ", "x", " x", "x ", " a  b ", "01.09", "1 234,50"]
    static let data: Value = {
        var pairs: [(String, Value)] = [("t", true), ("f", false)]
        for (i, v) in values.enumerated() { pairs.append(("v\(i)", .string(v))) }
        return .map(ValueMap(pairs))
    }()
    static let words = ["Дата", "года", "руб.", "A", "Б", "№", "итого:"]

    init(rng: inout Lehmer) {
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            var t = "", e = ""
            SpacedTemplate.tokens(&t, &e, depth: 0, rng: &rng)
            // A paragraph has a word of its own (a paragraph of nothing but tags may vanish).
            t += SpacedTemplate.words[0]
            e += SpacedTemplate.words[0]
            let n = t.count
            let cuts = Set((0..<Int.random(in: 0...6, using: &rng)).map { _ in Int.random(in: 1..<n, using: &rng) }).sorted()
            paragraphs.append((t, e, cuts))
        }
    }

    private static func tokens(_ t: inout String, _ e: inout String, depth: Int, rng: inout Lehmer) {
        for _ in 0..<Int.random(in: 1...7, using: &rng) {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0...2:
                let w = words.randomElement(using: &rng)!
                t += w
                e += w
            case 3...4:
                let s = String(repeating: " ", count: Int.random(in: 1...3, using: &rng))
                t += s
                e += s
            case 5...7:
                let i = Int.random(in: 0..<values.count, using: &rng)
                t += Bool.random(using: &rng) ? "{{v\(i)}}" : "{{ v\(i) | default: \"\" }}"
                e += values[i]
            case 8:
                t += "{{! заметка }}"
            default:
                guard depth < 2 else { continue }
                let shown = Bool.random(using: &rng)
                var inner = ""
                t += shown ? "{{#if t}}" : "{{#if f}}"
                tokens(&t, &inner, depth: depth + 1, rng: &rng)
                t += "{{/if}}"
                if shown { e += inner }
            }
        }
    }

    /// The text cut into pieces at the cut places.
    static func pieces(_ text: String, _ cuts: [Int]) -> [String] {
        let chars = Array(text)
        var result: [String] = []
        var from = 0
        for c in cuts + [chars.count] {
            result.append(String(chars[from..<c]))
            from = c
        }
        return result
    }

    /// The DOCX body, each piece a run, `xml:space="preserve"` where Word writes it.
    var docxBody: String {
        paragraphs.map { p in
            "<w:p>" + SpacedTemplate.pieces(p.template, p.cuts).map { piece -> String in
                let keep = piece.first.map(ShownText.isSpace) == true || piece.last.map(ShownText.isSpace) == true
                return "<w:r><w:t\(keep ? " xml:space=\"preserve\"" : "")>\(piece)</w:t></w:r>"
            }.joined() + "</w:p>"
        }.joined()
    }

    /// The ODT body as LibreOffice writes it: a space at the paragraph's start or after another space is
    /// `<text:s/>`; pieces alternate between spans and the paragraph itself.
    var odtBody: String {
        paragraphs.map { p in
            var previous: Character?
            var spanned = false
            return "<text:p>" + SpacedTemplate.pieces(p.template, p.cuts).map { piece -> String in
                var xml = ""
                var pending = 0
                func flush() {
                    if pending == 1 { xml += "<text:s/>" } else if pending > 1 { xml += "<text:s text:c=\"\(pending)\"/>" }
                    pending = 0
                }
                for ch in piece {
                    if ch == " " && (previous == nil || previous == " ") {
                        pending += 1
                    } else {
                        flush()
                        xml.append(ch)
                    }
                    previous = ch
                }
                flush()
                spanned.toggle()
                return spanned ? "<text:span text:style-name=\"T1\">\(xml)</text:span>" : xml
            }.joined() + "</text:p>"
        }.joined()
    }
}

@Suite struct SpacesNextToSplitTags {
    /// The filled body part of a rendered package.
    static func body(_ doc: RenderedDocument) throws -> [UInt8] {
        let entries = try unzip(doc.bytes)
        return try #require(entries.first { $0.name == "word/document.xml" || $0.name == "content.xml" }).data
    }

    @Test(arguments: ["docx", "odt"])
    func randomTemplatesKeepEverySpace(kind: String) throws {
        var rng = Lehmer(state: kind == "docx" ? 12 : 34)
        for _ in 0..<150 {
            let sample = SpacedTemplate(rng: &rng)
            let package = kind == "docx" ? docxPackage(body: sample.docxBody) : odtPackage(body: sample.odtBody)
            let shown = try ShownText.paragraphs(Self.body(try render(package, SpacedTemplate.data)))
            let expected = sample.paragraphs.map(\.expected)
            #expect(shown == expected, "\(kind) template \(sample.paragraphs.map(\.template)) cut at \(sample.paragraphs.map(\.cuts))")
            if shown != expected { break }
        }
    }
}

@Suite(.serialized, .enabled(if: LibreOffice.available || LibreOffice.onCI, LibreOffice.missingMessage))
struct SpacesAsLibreOfficeShowsThem {
    /// Five random documents per format, filled, converted to text by LibreOffice: every paragraph reads
    /// as the template's text with the values in it.
    @Test func libreOfficeReadsEverySpace() throws {
        let soffice = try #require(LibreOffice.soffice, LibreOffice.missingMessage)
        let dir = TempDir("shablon-spaces")
        var rng = Lehmer(state: 56)
        var documents: [(path: String, expected: [String])] = []
        for kind in ["docx", "odt"] {
            for n in 0..<5 {
                let sample = SpacedTemplate(rng: &rng)
                let package = kind == "docx" ? docxPackage(body: sample.docxBody) : odtPackage(body: sample.odtBody)
                let path = dir.write("spaces-\(n).\(kind)", try render(package, SpacedTemplate.data).bytes)
                documents.append((path, sample.paragraphs.map(\.expected)))
            }
        }
        let profile = TempDir("shablon-lo-profile")
        // One conversion per format, so that spaces-N.docx and spaces-N.odt do not overwrite each other.
        for kind in ["docx", "odt"] {
            let out = dir.file("txt-\(kind)")
            try LibreOffice.run(soffice, ["-env:UserInstallation=file://\(profile.path)", "--headless", "--norestore", "--nologo",
                                          "--convert-to", "txt:Text", "--outdir", out] + documents.filter { $0.path.hasSuffix(kind) }.map(\.path))
            for d in documents where d.path.hasSuffix(kind) {
                let name = ((d.path as NSString).lastPathComponent as NSString).deletingPathExtension
                var text = String(decoding: contents(out + "/" + name + ".txt") ?? [], as: UTF8.self)
                if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0).replacingOccurrences(of: "\r", with: "") }
                #expect(Array(lines.prefix(d.expected.count)) == d.expected, "\(d.path)")
            }
        }
    }
}
