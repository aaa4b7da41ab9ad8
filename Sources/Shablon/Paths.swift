/// Путь к файлу: splitting and joining paths as text, for every command.
///
/// Foundation's `NSString` path methods trap on Linux for one-character last parts («a», «x/»), so the
/// project never uses them: these functions work on the path's characters and never fail.
public enum Paths {
    /// The folder part of a path: «a/b/c.docx» → «a/b», «c.docx» → «.», «/c» → «/», «a/» → «.».
    /// Trailing slashes belong to the last part, not the folder.
    public static func folder(of path: String) -> String {
        let trimmed = trimTrailingSlashes(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        var dir = trimmed[..<slash]
        while dir.count > 1 && dir.hasSuffix("/") { dir = dir.dropLast() }
        return dir.isEmpty ? "/" : String(dir)
    }

    /// The last part of a path, without trailing slashes: «a/b/c.docx» → «c.docx», «x/» → «x», «/» → «/».
    public static func name(of path: String) -> String {
        let trimmed = trimTrailingSlashes(path)
        if trimmed == "/" { return "/" }
        guard let slash = trimmed.lastIndex(of: "/") else { return trimmed }
        return String(trimmed[trimmed.index(after: slash)...])
    }

    /// The extension of the last part, without the dot, as typed: «План.DOCX» → «DOCX»; none → «».
    /// A name that starts with its only dot («.hidden») has no extension.
    public static func fileExtension(of path: String) -> String {
        let n = name(of: path)
        guard let dot = n.lastIndex(of: "."), dot != n.startIndex else { return "" }
        return String(n[n.index(after: dot)...])
    }

    /// The path without the extension of its last part: «a/b.svg» → «a/b».
    public static func removingExtension(_ path: String) -> String {
        let ext = fileExtension(of: path)
        guard !ext.isEmpty else { return path }
        return String(trimTrailingSlashes(path).dropLast(ext.count + 1))
    }

    /// `name` inside `folder`: «a» + «b.docx» → «a/b.docx»; an absolute `name` stays as it is.
    public static func join(_ folder: String, _ name: String) -> String {
        if name.hasPrefix("/") || folder.isEmpty { return name }
        return folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// The relationships part of a package part (OPC): «word/document.xml» → «word/_rels/document.xml.rels»,
    /// «x.xml» → «_rels/x.xml.rels».
    public static func relationshipsPart(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "_rels/" + part + ".rels" }
        return part[...slash] + "_rels/" + part[part.index(after: slash)...] + ".rels"
    }

    private static func trimTrailingSlashes(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        return String(p)
    }
}
