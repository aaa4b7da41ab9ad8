/// Text in both languages of the interface: Russian (the default) and English (`--lang en`).
public struct LocalizedText: Sendable, Equatable, Hashable {
    /// Russian text.
    public var ru: String
    /// English text.
    public var en: String

    /// Creates a text with both languages.
    public init(ru: String, en: String) {
        self.ru = ru
        self.en = en
    }

    /// The text in the given language (`"ru"` or `"en"`; anything else is Russian).
    public func text(_ lang: String) -> String { lang == "en" ? en : ru }
}

/// Where a problem is: something a person can find in Word, a text editor or a spreadsheet.
public enum ProblemLocation: Sendable, Equatable, Hashable {
    /// A line and column in a text file (1-based; columns count Unicode characters).
    case text(line: Int, column: Int)
    /// A paragraph of a document part: its 1-based number in the part and the start of its text.
    case paragraph(number: Int, excerpt: String)
    /// A table cell: the 1-based table number in the part, row and cell, and the start of the cell's text.
    case cell(table: Int, row: Int, cell: Int, excerpt: String)
    /// A cell of a spreadsheet: sheet name (or nil for CSV) and address such as `B12`.
    case sheetCell(sheet: String?, address: String)
    /// A row of a table of data (1-based as a spreadsheet shows it).
    case row(Int)
    /// A named thing: a zip entry, a field path.
    case named(String)

    /// The location as a person reads it.
    public func text(_ lang: String) -> String {
        let en = lang == "en"
        switch self {
        case .text(let l, let c): return "\(l):\(c)"
        case .paragraph(let n, let e):
            let base = en ? "paragraph \(n)" : "абзац \(n)"
            return e.isEmpty ? base : "\(base) «\(e)»"
        case .cell(let t, let r, let c, let e):
            let base = en ? "table \(t), row \(r), cell \(c)" : "таблица \(t), строка \(r), ячейка \(c)"
            return e.isEmpty ? base : "\(base) «\(e)»"
        case .sheetCell(let s, let a):
            if let s { return en ? "sheet «\(s)», cell \(a)" : "лист «\(s)», ячейка \(a)" }
            return en ? "cell \(a)" : "ячейка \(a)"
        case .row(let r): return en ? "row \(r)" : "строка \(r)"
        case .named(let n): return n
        }
    }
}

/// One problem found in a template, a data file or a package: every layer collects these and reports
/// them all at once.
public struct Problem: Error, Sendable, Equatable, Hashable {
    /// Whether the problem stops the work.
    public enum Severity: String, Sendable, Equatable, Hashable {
        /// The work cannot be done; nothing is written.
        case error
        /// The work is done, but something was changed or dropped.
        case warning
    }

    /// A problem's stable code (`unknown-filter`), with the kind of failure it stands for. The catalogue of
    /// codes is in ProblemCodes.swift; a string literal names a code as well (`code: "unknown-filter"`).
    public struct Code: Sendable, Hashable, Comparable, ExpressibleByStringLiteral, CustomStringConvertible {
        /// The code as printed and documented.
        public let rawValue: String
        /// What kind of failure the code stands for.
        public let kind: Kind

        /// A code of the given kind.
        public init(_ rawValue: String, kind: Kind = .input) {
            self.rawValue = rawValue
            self.kind = kind
        }

        /// A code by its name; a catalogued code keeps its kind.
        public init(stringLiteral value: String) {
            self = Code.byName[value] ?? Code(value)
        }

        public var description: String { rawValue }
        public static func == (a: Code, b: Code) -> Bool { a.rawValue == b.rawValue }
        public func hash(into h: inout Hasher) { h.combine(rawValue) }
        public static func < (a: Code, b: Code) -> Bool { a.rawValue < b.rawValue }
    }

    /// What kind of failure a problem is: what the command line's exit status says.
    public enum Kind: Sendable, Hashable {
        /// Something in a template or in data (the usual kind).
        case input
        /// The command line itself is wrong (an output that is an input, a wrong extension).
        case usage
        /// Something outside the inputs failed: LibreOffice, the disk.
        case environment
        /// A failure of the program itself, to be reported to its authors.
        case `internal`
    }

    /// Error or warning.
    public var severity: Severity
    /// A stable, machine-readable code such as `unknown-filter`; documented in docs/errors.md.
    public var code: Code
    /// The file the problem is in (set by whoever knows the file name).
    public var file: String?
    /// The part inside a package, e.g. `word/document.xml`.
    public var part: String?
    /// Where in the file or part.
    public var location: ProblemLocation?
    /// The tag as the user typed it, e.g. `{{#each events}}`.
    public var tag: String?
    /// What is wrong.
    public var message: LocalizedText
    /// How to fix it.
    public var hint: LocalizedText?

    /// Creates a problem.
    public init(_ severity: Severity = .error, code: Code, file: String? = nil, part: String? = nil,
                location: ProblemLocation? = nil, tag: String? = nil,
                message: LocalizedText, hint: LocalizedText? = nil) {
        self.severity = severity
        self.code = code
        self.file = file
        self.part = part
        self.location = location
        self.tag = tag
        self.message = message
        self.hint = hint
    }

    /// One line: `FILE: PART: location, tag: error[code]: message. hint` (the form docs/errors.md shows).
    public func line(_ lang: String = "ru") -> String {
        var head: [String] = []
        if let file { head.append(file) }
        if let part { head.append(part) }
        var loc: [String] = []
        if let location { loc.append(location.text(lang)) }
        if let tag { loc.append((lang == "en" ? "tag " : "тег ") + tag) }
        if !loc.isEmpty { head.append(loc.joined(separator: ", ")) }
        var text = "\(severity.rawValue)[\(code)]: \(message.text(lang))"
        if let hint {
            if let last = text.last, !".!?".contains(last) { text += "." }
            text += " " + hint.text(lang)
        }
        return (head + [text]).joined(separator: ": ")
    }
}

extension Problem {
    /// A failure of the program itself, not of its inputs (an error no layer expected): reported with its
    /// own code and a request to report it, never dropped.
    public static func internalError(_ error: any Error, part: String? = nil) -> Problem {
        internalError("\(error)", part: part)
    }

    /// A failure of the program itself, described in words.
    public static func internalError(_ what: String, part: String? = nil) -> Problem {
        Problem(code: .internalError, part: part,
                message: LocalizedText(ru: "внутренняя ошибка программы: \(what)", en: "internal error: \(what)"),
                hint: LocalizedText(ru: "Это ошибка в shablon, а не в ваших файлах: сообщите о ней разработчикам, приложив шаблон и данные.",
                                    en: "This is a bug in shablon, not in your files: please report it with the template and the data."))
    }
}

/// Several problems thrown together (every problem at once, never only the first).
public struct Problems: Error, Sendable, Equatable {
    /// The problems, in document order.
    public var items: [Problem]

    /// Wraps a list of problems.
    public init(_ items: [Problem]) { self.items = items }

    /// The errors among the problems.
    public var errors: [Problem] { items.filter { $0.severity == .error } }
    /// The warnings among the problems.
    public var warnings: [Problem] { items.filter { $0.severity == .warning } }

    /// The same problems, each without a file named in the given one (whoever knows the file name sets it).
    public func inFile(_ file: String?) -> Problems { Problems(items.inFile(file)) }
}

extension Array where Element == Problem {
    /// The same problems, each without a file named in the given one.
    public func inFile(_ file: String?) -> [Problem] { inFile { _ in file } }

    /// The same problems, each without a file named in the one `file` picks for it (nil: none).
    public func inFile(_ file: (Problem) -> String?) -> [Problem] {
        map { p in
            var p = p
            if p.file == nil { p.file = file(p) }
            return p
        }
    }

    /// The most serious kind among the errors (usage, then environment, then internal, then input), or nil
    /// when there is no error.
    public var errorKind: Problem.Kind? {
        let kinds = Set(filter { $0.severity == .error }.map(\.code.kind))
        return [Problem.Kind.usage, .environment, .internal, .input].first { kinds.contains($0) }
    }
}
