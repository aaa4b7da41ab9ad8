import ShablonData
import ShablonEngine
import ShablonXML


/// Безопасное имя файла: a name made from text (a publisher's name) that every file system accepts
/// and a person still reads.
public enum SafeFileName {
    /// The most characters `make` keeps.
    public static let maxLength = 100

    /// `clean(text)` cut to `maxLength` characters (trailing dots and spaces dropped again).
    public static func make(_ text: String) -> String {
        let name = clean(text)
        var cut = Substring(name)
        if name.count > maxLength { cut = name.prefix(maxLength) }
        return trimmedEnd(cut) ?? "без названия"
    }

    /// Replaces what file systems refuse, in one pass: `/ \ : |` become `-`; `* ? < >`, control
    /// characters and invisible format characters (bidi overrides such as U+202E, zero-width spaces and
    /// joiners, the BOM) are dropped; straight double quotes become «…»; leading dots and spaces, and
    /// trailing dots and spaces go; runs of spaces become one. Empty text gives «без названия».
    public static func clean(_ text: String) -> String { clean(text, upTo: Int.max) }

    /// `clean`, stopping once the name has more than `limit` UTF-8 bytes (the caller cuts it): a long
    /// text costs what its first part costs.
    static func clean(_ text: String, upTo limit: Int) -> String {
        var out = ""
        out.reserveCapacity(min(text.utf8.count, limit) + 8)
        var pendingSpace = false
        var previous: Character?
        func put(_ c: Character) {
            if pendingSpace && !out.isEmpty { out.append(" ") }
            pendingSpace = false
            // Nothing starts with a dot (hidden files, «..»).
            if out.isEmpty && c == "." { return }
            out.append(c)
            previous = c
        }
        // Invisible format characters go first: a zero-width joiner belongs to the character before it.
        var visible = String.UnicodeScalarView()
        visible.append(contentsOf: text.unicodeScalars.lazy.filter { $0.properties.generalCategory != .format })
        for c in String(visible) {
            if out.utf8.count > limit { break }
            if c.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) || c.isWhitespace {
                pendingSpace = true
                continue
            }
            switch c {
            case "/", "\\", ":", "|": put("-")
            case "*", "?", "<", ">": continue
            case "\"":
                let opens = previous == nil || pendingSpace || previous == "(" || previous == "«" || previous == "-"
                put(opens ? "«" : "»")
            default:
                put(c)
            }
        }
        return trimmedEnd(Substring(out)) ?? "без названия"
    }

    /// The text without trailing dots and spaces; nil when nothing is left.
    static func trimmedEnd(_ s: Substring) -> String? {
        var s = s
        while let l = s.last, l == "." || l == " " { s = s.dropLast() }
        return s.isEmpty ? nil : String(s)
    }

    /// Makes names unique, ignoring case: the second «Х» becomes «Х (2)». Linear in the number of names.
    public static func unique(_ names: [String]) -> [String] {
        var numbers = UniqueNumbers()
        return names.map { name in numbers.unique(name, key: name.lowercased()) { "\(name) (\($0))" } }
    }
}

/// Numbers for repeated names, handed out so that each base name resumes where it stopped: n names
/// cost O(n) lookups whatever their repeats.
struct UniqueNumbers: Sendable {
    private var used: Set<String> = []
    private var next: [String: Int] = [:]

    /// `name` when its `key` is free, else the first free `numbered(n)` for n = 2, 3, ….
    mutating func unique(_ name: String, key: String, numbered: (Int) -> String) -> String {
        if used.insert(key).inserted { return name }
        var n = next[key] ?? 2
        var candidate = numbered(n)
        while !used.insert(candidate.lowercased()).inserted {
            n += 1
            candidate = numbered(n)
        }
        next[key] = n + 1
        return candidate
    }
}


/// Имя файла из данных: turns text from data (a school's name, a publisher's) into a file name every file
/// system accepts, that stays inside its folder and is unique among the names already given.
public struct FileNamer: Sendable {
    /// The longest file name in UTF-8 bytes, extension and any « (N)» included (file systems allow 255).
    public var maxBytes = 255
    private var numbers = UniqueNumbers()

    /// Creates a namer with no names given yet.
    public init() {}

    /// Device names Windows reserves, with or without an extension; `COM¹`, `LPT²` … count as digits there.
    static let reserved: Set<String> = Set(["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
        + ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "¹", "²", "³"].flatMap { ["COM\($0)", "LPT\($0)"] })

    /// A safe base name of at most `limit` bytes: `SafeFileName.clean`, cut on a character boundary,
    /// and never a reserved Windows device name (`CON`, `NUL`, `COM1`, `LPT²` …).
    public func safe(_ raw: String, limit: Int = 240) -> String {
        var out = SafeFileName.clean(raw, upTo: limit)
        let stem = out.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map { SafeFileName.trimmedEnd($0) ?? "" } ?? ""
        if FileNamer.reserved.contains(stem.uppercased()) { out = "_" + out }
        if out.utf8.count > limit {
            var bytes = 0
            var end = out.startIndex
            for i in out.indices {
                let size = out[i].utf8.count
                if bytes + size > limit { break }
                bytes += size
                end = out.index(after: i)
            }
            out = SafeFileName.trimmedEnd(out[..<end]) ?? "без названия"
        }
        return out
    }

    /// A safe, unique file name with the extension (`ext` without the dot), at most `maxBytes` bytes.
    /// Uniqueness ignores case, as Windows and macOS do.
    public mutating func name(for raw: String, ext: String) -> String {
        // Room for the extension and a « (12345)» that makes it unique.
        let base = safe(raw, limit: max(16, maxBytes - ext.utf8.count - 1 - 8))
        let name = base + "." + ext
        return numbers.unique(name, key: name.lowercased()) { "\(base) (\($0)).\(ext)" }
    }
}

/// Шаблон имени файла: a pattern such as `"{{школа}} — отчёт"` filled from each row's data, with the
/// same tags and filters as documents.
public struct NamePattern: Sendable {
    private let part: PartTemplate
    /// Where the pattern came from, as problems name it (the command line passes its option's name).
    private let source: String

    /// Compiles a pattern; throws its problems (unknown filters, unclosed tags …), named by `source`.
    public init(_ pattern: String, source: String = "шаблон имени") throws(Problems) {
        self.source = source
        var w = XMLWriter()
        w.raw("<n>")
        w.text(pattern)
        w.raw("</n>")
        let result: Result<PartTemplate, Problems>
        do {
            result = try PartTemplate.compile(bytes: w.bytes, part: source, dialect: .properties)
        } catch {
            throw Problems([Problem(code: .tagSyntax, part: source, message: LocalizedText(ru: "шаблон имени не читается", en: "the name pattern cannot be read"))])
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
            throw Problems([Problem(code: .tagSyntax, part: source, message: LocalizedText(ru: "имя не получилось", en: "the name could not be made"))])
        }
    }
}
