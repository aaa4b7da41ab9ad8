import Foundation
import ShablonData
import ShablonDocuments

extension DocumentStore {
    /// The extensions a document may have (compared without case).
    public static let extensions: Set<String> = ["yaml", "yml", "json", "csv", "xlsx", "docx", "odt"]

    /// The longest name, in UTF-8 bytes (a file name may have 255; the store's temporary names add 20).
    public static let maxNameBytes = 200

    /// The folder of history inside the store's folder.
    public static let historyName = "история"

    /// What is wrong with a document's name, or nil when it is acceptable. The name is taken in NFC (every
    /// entry point of the store normalises it so): one file name, no «/», «\», NUL or control characters
    /// (nor the characters that turn text right to left), not starting with «.», at most 200 UTF-8 bytes,
    /// with one of the extensions .yaml .yml .json .csv .xlsx .docx .odt.
    public static func nameProblem(_ name: String) -> Problem? {
        let name = name.precomposedStringWithCanonicalMapping
        if name.isEmpty { return StoreProblems.name(name, "имя пустое", "the name is empty") }
        if name == "." || name == ".." {
            return StoreProblems.name(name, "«\(name)» — это не имя файла, а ссылка на папку", "'\(name)' names a folder, not a file")
        }
        if name.contains("/") || name.contains("\\") {
            return StoreProblems.name(name, "в имени есть «/» или «\\»: документы лежат прямо в папке, без вложенных папок",
                                      "the name has '/' or '\\': documents lie in the folder itself, without sub-folders")
        }
        if let c = name.unicodeScalars.first(where: isForbidden) {
            let code = "U+" + String(c.value, radix: 16, uppercase: true).leftPadded(to: 4)
            return StoreProblems.name(name, "в имени есть невидимый управляющий символ (\(code))", "the name has an invisible control character (\(code))")
        }
        if name.hasPrefix(".") {
            return StoreProblems.name(name, "имя начинается с точки: такие файлы скрыты", "the name starts with a dot: such files are hidden")
        }
        if name.utf8.count > maxNameBytes {
            return StoreProblems.name(name, "имя длиннее \(maxNameBytes) байт (\(name.utf8.count); русская буква — 2 байта)",
                                      "the name is longer than \(maxNameBytes) bytes (\(name.utf8.count))")
        }
        let ext = fileExtension(name)
        if ext.isEmpty || !extensions.contains(ext.lowercased()) {
            let shown = ext.isEmpty ? "нет расширения" : "расширение «.\(ext)»"
            return StoreProblems.name(name, "\(shown); можно .yaml, .yml, .json, .csv, .xlsx, .docx, .odt",
                                      "\(ext.isEmpty ? "no extension" : "extension '.\(ext)'"); allowed: .yaml, .yml, .json, .csv, .xlsx, .docx, .odt")
        }
        return nil
    }

    /// Characters a name may not have: control characters (NUL among them), line and paragraph
    /// separators, and the direction controls that make `exe.yaml` look like something else.
    static func isForbidden(_ c: Unicode.Scalar) -> Bool {
        if c.properties.generalCategory == .control { return true }
        switch c.value {
        case 0x2028, 0x2029, 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// The extension after the last «.» (empty when there is none or the dot is the first character).
    static func fileExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// The name without its extension.
    static func stem(_ name: String) -> String {
        let ext = fileExtension(name)
        return ext.isEmpty ? name : String(name.dropLast(ext.count + 1))
    }

    /// The name in NFC, checked: throws web-name when it is not acceptable.
    static func checked(_ name: String) throws(Problems) -> String {
        if let p = nameProblem(name) { throw Problems([p]) }
        return name.precomposedStringWithCanonicalMapping
    }

    /// Order of names as a person expects it: without case, «ё» beside «е», and runs of digits as numbers
    /// (план 2 before план 10).
    public static func nameLess(_ a: String, _ b: String) -> Bool {
        let x = sortKey(a), y = sortKey(b)
        if x != y { return Specification.naturalLess(x, y) }
        return a < b
    }

    private static func sortKey(_ s: String) -> String {
        s.lowercased().replacingOccurrences(of: "ё", with: "е")
    }

    /// `wanted` when no document and no history has that name, otherwise the first free of
    /// «план (2).yaml», «план (3).yaml» … (a name that already ends in « (n)» counts on from n).
    public func uniqueName(_ wanted: String) -> String {
        let wanted = wanted.precomposedStringWithCanonicalMapping
        guard isTaken(wanted) else { return wanted }
        let ext = Self.fileExtension(wanted)
        var stem = Self.stem(wanted)
        var n = 2
        // «план (2)» → «план», counting from 3.
        if stem.hasSuffix(")"), let open = stem.range(of: " (", options: .backwards),
           let k = Int(stem[open.upperBound..<stem.index(before: stem.endIndex)]), k >= 1, k < 1_000_000 {
            stem = String(stem[..<open.lowerBound])
            n = k + 1
        }
        while true {
            let suffix = " (\(n))" + (ext.isEmpty ? "" : "." + ext)
            var s = Substring(stem)
            while s.utf8.count + suffix.utf8.count > Self.maxNameBytes, !s.isEmpty { s = s.dropLast() }
            let candidate = String(s) + suffix
            if !isTaken(candidate) { return candidate }
            n += 1
        }
    }

    /// Whether a document or a history by this name exists.
    func isTaken(_ name: String) -> Bool {
        diskPath(name) != nil || StoreFiles.lstatus(historyFolder(of: name)) != nil
    }
}

extension String {
    /// The string with zeros in front up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
