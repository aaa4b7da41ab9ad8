import ShablonData
import ShablonEngine
import ShablonXML

let wordNS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
let odfNS = """
xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" \
xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" \
xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
"""

/// A DOCX `document.xml` around a body fragment.
func docx(_ body: String) -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"\(wordNS)\"><w:body>\(body)</w:body></w:document>"
}

/// An ODT `content.xml` around a body fragment.
func odt(_ body: String) -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content \(odfNS)><office:body><office:text>\(body)</office:text></office:body></office:document-content>"
}

/// A DOCX paragraph with plain runs.
func p(_ runs: String...) -> String {
    "<w:p>" + runs.map { "<w:r><w:t xml:space=\"preserve\">\($0)</w:t></w:r>" }.joined() + "</w:p>"
}

struct RenderFailure: Error, CustomStringConvertible {
    var problems: [Problem]
    var description: String { problems.map { $0.line() }.joined(separator: "\n") }
}

func compile(_ xml: String, dialect: Dialect = .docx) throws -> PartTemplate {
    let doc = try XMLParser.parse(Array(xml.utf8))
    switch PartTemplate.compile(doc, part: "word/document.xml", dialect: dialect) {
    case .success(let t): return t
    case .failure(let p): throw RenderFailure(problems: p.items)
    }
}

/// Compiles and renders; returns the output XML, after checking that it parses again.
func renderXML(_ xml: String, _ data: Value, dialect: Dialect = .docx, allowMissing: Bool = false) throws -> String {
    let t = try compile(xml, dialect: dialect)
    let r = t.render(data, options: RenderOptions(allowMissing: allowMissing))
    if r.problems.contains(where: { $0.severity == .error }) { throw RenderFailure(problems: r.problems) }
    _ = try XMLParser.parse(r.bytes)
    return String(decoding: r.bytes, as: UTF8.self)
}

/// The problems of a failed compile or render.
func problems(_ xml: String, _ data: Value = [:], dialect: Dialect = .docx) -> [Problem] {
    do {
        _ = try renderXML(xml, data, dialect: dialect)
        return []
    } catch let f as RenderFailure {
        return f.problems
    } catch {
        return []
    }
}

/// The visible text of a rendered part: paragraphs joined by newlines; breaks as "⏎", tabs as "⇥".
func visibleText(_ xml: String) throws -> String {
    let doc = try XMLParser.parse(Array(xml.utf8))
    var paragraphs: [String] = []
    func walk(_ e: XMLElement, _ current: inout String?) {
        let local = e.name.split(separator: ":").last.map(String.init) ?? e.name
        if local == "p" || local == "h" {
            var s: String? = ""
            for c in e.children { if case .element(let x) = c { walk(x, &s) } else if case .text(let t) = c, e.name.hasPrefix("text:") { s! += t } }
            paragraphs.append(s!)
            return
        }
        switch local {
        case "t" where current != nil: current! += e.textContent
        case "br", "line-break": current? += "⏎"
        case "tab": current? += "⇥"
        case "s": current? += String(repeating: " ", count: Int(e[attribute: "text:c"] ?? "1") ?? 1)
        default:
            for c in e.children {
                if case .element(let x) = c { walk(x, &current) }
                else if case .text(let t) = c, current != nil, e.name.hasPrefix("text:") { current! += t }
            }
        }
    }
    var none: String? = nil
    walk(doc.root, &none)
    return paragraphs.joined(separator: "\n")
}

func render(_ xml: String, _ data: Value, dialect: Dialect = .docx, allowMissing: Bool = false) throws -> String {
    try visibleText(renderXML(xml, data, dialect: dialect, allowMissing: allowMissing))
}
