import ShablonData
import ShablonEngine
import ShablonXML


/// Безопасное имя файла: a name made from text (a publisher's name) that every file system accepts
/// and a person still reads.
public enum SafeFileName {
    /// The most characters a name made from text keeps.
    public static let maxLength = 100

    /// Replaces what file systems refuse: `/ \ : |` become `-`; `* ? < >` and control characters are
    /// dropped; straight double quotes become «…»; leading dots and trailing dots and spaces go; runs of
    /// spaces become one; the result is cut to `maxLength` characters. Empty text gives «без названия».
    public static func make(_ text: String) -> String {
        var out = ""
        var openQuote = true
        for c in text {
            if c.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) { out.append(" "); continue }
            switch c {
            case "/", "\\", ":", "|": out.append("-")
            case "*", "?", "<", ">": continue
            case "\"":
                let previous = out.last
                openQuote = previous == nil || previous!.isWhitespace || previous == "(" || previous == "«" || previous == "-"
                out.append(openQuote ? "«" : "»")
            default:
                out.append(c.isWhitespace ? " " : c)
            }
        }
        var name = out.split(separator: " ").joined(separator: " ")
        while name.hasPrefix(".") || name.hasPrefix(" ") { name.removeFirst() }
        if name.count > maxLength { name = String(name.prefix(maxLength)) }
        while name.hasSuffix(".") || name.hasSuffix(" ") { name.removeLast() }
        return name.isEmpty ? "без названия" : name
    }

    /// Makes names unique, ignoring case: the second «Х» becomes «Х (2)».
    public static func unique(_ names: [String]) -> [String] {
        var used = Set<String>()
        return names.map { name in
            var candidate = name
            var n = 2
            while used.contains(candidate.lowercased()) {
                candidate = "\(name) (\(n))"
                n += 1
            }
            used.insert(candidate.lowercased())
            return candidate
        }
    }
}


/// Имя файла из данных: turns text from data (a school's name, a publisher's) into a file name every file
/// system accepts, that stays inside its folder and is unique among the names already given.
public struct FileNamer: Sendable {
    /// The longest name, in UTF-8 bytes, before the extension (file systems allow 255 in all).
    public var maxBytes = 180
    private var used: Set<String> = []

    /// Creates a namer with no names given yet.
    public init() {}

    static let reserved: Set<String> = Set(["CON", "PRN", "AUX", "NUL"] + (1...9).flatMap { ["COM\($0)", "LPT\($0)"] })

    /// A safe base name: `SafeFileName.make`, cut to `maxBytes` bytes, and never a reserved Windows
    /// device name (`CON`, `NUL`, `COM1` …).
    public func safe(_ raw: String) -> String {
        var out = SafeFileName.make(raw)
        let stem = out.uppercased().split(separator: ".", maxSplits: 1).first.map(String.init) ?? ""
        if FileNamer.reserved.contains(stem) { out = "_" + out }
        while out.utf8.count > maxBytes { out.removeLast() }
        while let l = out.last, l == "." || l == " " { out.removeLast() }
        return out
    }

    /// A safe, unique file name with the extension (`ext` without the dot). Uniqueness ignores case, as
    /// Windows and macOS do.
    public mutating func name(for raw: String, ext: String) -> String {
        let base = safe(raw)
        var candidate = base + "." + ext
        var n = 2
        while used.contains(candidate.lowercased()) {
            candidate = "\(base) (\(n)).\(ext)"
            n += 1
        }
        used.insert(candidate.lowercased())
        return candidate
    }
}

/// Шаблон имени файла: a pattern such as `"{{школа}} — отчёт"` filled from each row's data, with the
/// same tags and filters as documents.
public struct NamePattern: Sendable {
    private let part: PartTemplate

    /// Compiles a pattern; throws its problems (unknown filters, unclosed tags …).
    public init(_ pattern: String) throws(Problems) {
        var w = XMLWriter()
        w.raw("<n>")
        w.text(pattern)
        w.raw("</n>")
        let result: Result<PartTemplate, Problems>
        do {
            result = try PartTemplate.compile(bytes: w.bytes, part: "--name", dialect: .properties)
        } catch {
            throw Problems([Problem(code: "tag-syntax", part: "--name", message: LocalizedText(ru: "шаблон имени не читается", en: "the name pattern cannot be read"))])
        }
        switch result {
        case .success(let p): part = p
        case .failure(let p): throw p
        }
    }

    /// The pattern filled with a row's data.
    public func fill(_ data: Value) throws(Problems) -> String {
        let r = part.render(data)
        if r.problems.contains(where: { $0.severity == .error }) { throw Problems(r.problems) }
        do {
            return try XMLParser.parse(r.bytes).root.textContent
        } catch {
            throw Problems([Problem(code: "tag-syntax", part: "--name", message: LocalizedText(ru: "имя не получилось", en: "the name could not be made"))])
        }
    }
}
