import Foundation
import Shablon
import ShablonData
import ShablonDocuments
import ShablonXML
import ShablonZip

let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let repository = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

/// The text of a rendered document's main part: paragraphs on their own lines, cells too.
func documentText(_ bytes: [UInt8], kind: DocumentKind) throws -> String {
    let zip = try ZipArchive(bytes: bytes)
    let doc = try XMLParser.parse(zip.read(kind == .docx ? "word/document.xml" : "content.xml"))
    var lines: [String] = []
    func walk(_ e: XMLElement, _ line: inout String?) {
        let local = e.name.split(separator: ":").last.map(String.init) ?? e.name
        if local == "p" || local == "h" {
            var s: String? = ""
            for c in e.children {
                switch c {
                case .element(let x): walk(x, &s)
                case .text(let t) where kind == .odt: s! += t
                default: break
                }
            }
            lines.append(s!)
            return
        }
        switch local {
        case "t" where kind == .docx && line != nil: line! += e.textContent
        case "br", "line-break": line? += "\n"
        case "tab": line? += "\t"
        case "s" where kind == .odt: line? += String(repeating: " ", count: Int(e[attribute: "text:c"] ?? "1") ?? 1)
        default:
            for c in e.children {
                switch c {
                case .element(let x): walk(x, &line)
                case .text(let t) where kind == .odt && line != nil: line! += t
                default: break
                }
            }
        }
    }
    var none: String?
    walk(doc.root, &none)
    return lines.joined(separator: "\n")
}

/// Loads a plan from YAML text.
func plan(_ yaml: String) throws -> Plan {
    try Plan.load(DataLoader.yaml(yaml))
}

/// Renders a plan with the built-in template.
func renderPlan(_ p: Plan, _ kind: DocumentKind) throws -> [UInt8] {
    let t = try DocumentTemplate(bytes: BuiltinTemplate.named(p.usesGeneralLayout ? "plan-full" : "plan")!.bytes(kind))
    return try t.render(p.templateValue()).bytes
}

/// Seed comparison: whitespace, case, dash and quote style, runs of underscores, the school-year
/// separator and the order of initials are what the tool normalises on output; nothing else is.
enum SeedText {
    static func normalize(_ s: String) -> String {
        var t = s.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "<u>", with: "").replacingOccurrences(of: "</u>", with: "")
        // «Фамилия И.О.» → «И.О. Фамилия», as signatures print it.
        let names = try! NSRegularExpression(pattern: "([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?),?\\s+([А-ЯЁ])\\.\\s*([А-ЯЁ])\\.")
        t = names.stringByReplacingMatches(in: t, range: NSRange(t.startIndex..., in: t), withTemplate: "$2.$3. $1")
        let years = try! NSRegularExpression(pattern: "(\\d{4})\\s*[-‐‑‒–—―/]\\s*(\\d{2,4})")
        t = years.stringByReplacingMatches(in: t, range: NSRange(t.startIndex..., in: t), withTemplate: "$1/$2")
        var out = ""
        var lastUnderscore = false
        for c in t.lowercased() {
            if c.isWhitespace { continue }
            if c == "_" { if lastUnderscore { continue }; lastUnderscore = true } else { lastUnderscore = false }
            switch c {
            case "‐", "‑", "‒", "–", "—", "―": out.append("-")
            case "«", "»", "“", "”", "„", "'", "’": out.append("\"")
            default: out.append(c)
            }
        }
        // Two-digit second years («2026/27») read as four.
        let short = try! NSRegularExpression(pattern: "(\\d{2})(\\d{2})/(\\d{2})(?!\\d)")
        out = short.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out), withTemplate: "$1$2/$1$3")
        return out
    }

    /// The seed's content lines missing from the text.
    static func missing(seed: String, in text: String) -> [String] {
        let hay = normalize(text)
        return seed.split(whereSeparator: \.isNewline).map(String.init).filter { line in
            let n = normalize(line)
            return !n.isEmpty && !hay.contains(n)
        }
    }
}
