import Foundation
import ShablonData

/// Options of a loop, written as words after its path.
enum LoopOption: String, CaseIterable {
    /// Each repetition after the first starts on a new page.
    case pageBreak = "новая-страница"
    /// Numbered lists inside each repetition start again from their first number.
    case restartNumbering = "нумерация-заново"
    /// The loop repeats table cells (columns) instead of rows; the table's grid and widths follow.
    case columns = "столбцы"
    /// With `столбцы`: the repeated columns share the width by each item's `ширина` (a number, 1 when
    /// missing) instead of equally.
    case widths = "ширины"

    /// The words a person may write for each option (Russian and English).
    static let words: [String: LoopOption] = [
        "новая-страница": .pageBreak, "с-новой-страницы": .pageBreak, "page-break": .pageBreak,
        "нумерация-заново": .restartNumbering, "нумерация-с-начала": .restartNumbering, "restart-numbering": .restartNumbering,
        "столбцы": .columns, "по-столбцам": .columns, "columns": .columns,
        "ширины": .widths, "по-ширинам": .widths, "widths": .widths,
    ]
}

/// The kinds of block.
enum BlockKind: String {
    case each, `if`, unless
}

/// One segment of a path: a name, or a position in a list (`events.0`).
enum PathStep: Equatable {
    case key(String)
    case index(Int)
}

/// Where a path starts.
enum PathHead: Equatable {
    /// The current item (`this`).
    case this
    /// A loop variable: `@index`, `@number`, `@first`, `@last`, `@key`.
    case loopVariable(String)
    /// A name looked up in the current item, then outwards.
    case name(String)
}

/// A path such as `approval.position` or `this.title`.
struct Path: Equatable, CustomStringConvertible {
    var head: PathHead
    var steps: [PathStep]

    var description: String {
        var s: String
        switch head {
        case .this: s = "this"
        case .loopVariable(let v): s = "@" + v
        case .name(let n): s = n
        }
        for st in steps {
            switch st {
            case .key(let k): s += "." + k
            case .index(let i): s += "." + String(i)
            }
        }
        return s
    }
}

/// A literal argument of a filter.
enum FilterArgument: Equatable {
    case string(String)
    case number(Decimal)

    var text: String {
        switch self {
        case .string(let s): return s
        case .number(let d): return "\(d)"
        }
    }
}

/// `| name: arg, arg`.
struct FilterCall: Equatable {
    var name: String
    var arguments: [FilterArgument]
}

/// A path followed by its filters (and, in a block's opening tag, its options).
struct Expression: Equatable {
    var path: Path
    var filters: [FilterCall]
    /// Loop options written after the path and filters: `{{#each заседания новая-страница}}`.
    var options: Set<LoopOption> = []

    /// True when a missing value is allowed because a `default` filter will replace it.
    var hasDefault: Bool { filters.contains { $0.name == "default" } }
}

/// A tag found in the document.
final class Tag {
    enum Kind {
        case value(Expression)
        case open(BlockKind, Expression)
        case otherwise
        case close(BlockKind)
        case comment
        /// A tag that could not be parsed (already reported).
        case invalid
    }

    /// The tag as typed, braces included (`{{#each events}}`).
    let raw: String
    var kind: Kind
    /// Where the tag stands.
    var location: ProblemLocation
    /// The part the tag is in.
    var part: String
    /// The paragraph (or property element) holding the tag, before any change to the tree.
    unowned(unsafe) var paragraph: TElement?
    /// The element whose children last received the tag: a hint that spares a search of the whole
    /// tree for each block (checked before use, since the tree is rebuilt in places).
    weak var holder: TElement?
    /// The name of the text element the tag sits in, when inserted text must close and reopen it for a
    /// break (DOCX `w:t`).
    var textElementName: String?
    /// The prefix to write break and tab elements with.
    var prefix: String = ""

    /// The markup inserted text uses for breaks and tabs, worked out once per tag.
    struct Markup {
        var lineBreak: String
        var tab: String
        var prefix: String
    }

    /// The break and tab markup for this tag's place (its text element and prefix).
    func markup(_ style: Dialect.TextStyle) -> Markup {
        let p = prefix.isEmpty ? "" : prefix + ":"
        switch style {
        case .plain: return Markup(lineBreak: " ", tab: " ", prefix: p)
        case .wordprocessing:
            let t = textElementName ?? (p + "t")
            return Markup(lineBreak: "</" + t + "><" + p + "br/><" + t + " xml:space=\"preserve\">",
                          tab: "</" + t + "><" + p + "tab/><" + t + " xml:space=\"preserve\">", prefix: p)
        case .openDocument:
            return Markup(lineBreak: "<" + p + "line-break/>", tab: "<" + p + "tab/>", prefix: p)
        }
    }

    init(raw: String, kind: Kind, location: ProblemLocation, part: String) {
        self.raw = raw
        self.kind = kind
        self.location = location
        self.part = part
    }

    var isBlockTag: Bool {
        switch kind {
        case .open, .close, .otherwise: return true
        default: return false
        }
    }
}

/// Reads the inside of a tag (`#each events`, `date | date: "d MMMM yyyy г."`).
struct TagParser {
    /// The filters the engine knows (every name), with the number of arguments each takes: from the
    /// table of filters.
    static var filters: [String: ClosedRange<Int>] { Filter.byName.mapValues(\.arguments) }

    struct Failure: Error {
        var code: Problem.Code
        var message: LocalizedText
        var hint: LocalizedText?
    }

    // Unicode scalars, not Characters: tags are short and their syntax is ASCII, and scalar
    // access avoids grapheme breaking on every step.
    private var s: [Unicode.Scalar]
    private var i = 0

    init(_ text: String) { s = Array(text.unicodeScalars) }

    static func isSpace(_ c: Character) -> Bool { c == " " || c == "\u{A0}" || c == "\t" || c == "\n" || c == "\u{2009}" || c == "\u{202F}" }

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\u{A0}" || c == "\t" || c == "\n" || c == "\u{2009}" || c == "\u{202F}"
    }

    private mutating func skipSpaces() { while i < s.count && TagParser.isSpace(s[i]) { i += 1 } }

    private static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII {
            let v = c.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || c == "_" || c == "-" || c == "$"
        }
        return c.properties.isAlphabetic || c.properties.numericType != nil
    }

    /// The scalars of a range as a string, encoded straight to UTF-8 (building a `UnicodeScalarView`
    /// scalar by scalar costs thousands of instructions per name).
    private func text(_ r: Range<Int>) -> String { TagParser.string(s[r]) }

    /// Scalars as a string, encoded straight to UTF-8.
    static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        guard !scalars.isEmpty else { return "" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(scalars.count * 2)
        for u in scalars {
            if u.value < 0x80 {
                bytes.append(UInt8(u.value))
            } else {
                UTF8.encode(u) { bytes.append($0) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Parses the text between the braces.
    static func parse(_ inner: String) -> Result<Tag.Kind, Failure> {
        var p = TagParser(inner)
        do {
            return .success(try p.tag())
        } catch let f as Failure {
            return .failure(f)
        } catch {
            return .failure(Failure(code: .tagSyntax, message: LocalizedText(ru: "тег не прочитан", en: "tag not read")))
        }
    }

    private mutating func tag() throws -> Tag.Kind {
        skipSpaces()
        guard i < s.count else {
            throw Failure(code: .emptyTag,
                          message: LocalizedText(ru: "пустой тег", en: "empty tag"),
                          hint: LocalizedText(ru: "Впишите между скобками имя поля, например {{тема}}, или удалите скобки.",
                                              en: "Put a field name between the braces, e.g. {{theme}}, or remove them."))
        }
        if s[i] == "!" { return .comment }
        if s[i] == "#" {
            i += 1
            let word = name()
            guard let kind = BlockKind(rawValue: word) else {
                throw Failure(code: .unknownBlock,
                              message: LocalizedText(ru: "неизвестный блок «#\(word)»", en: "unknown block '#\(word)'"),
                              hint: LocalizedText(ru: "Блоки: #each, #if, #unless.", en: "Blocks are #each, #if, #unless."))
            }
            skipSpaces()
            let e = try expression(options: kind == .each)
            return .open(kind, e)
        }
        if s[i] == "/" {
            i += 1
            skipSpaces()
            let word = name()
            guard let kind = BlockKind(rawValue: word) else {
                throw Failure(code: .unknownBlock,
                              message: LocalizedText(ru: "неизвестный закрывающий тег «/\(word)»", en: "unknown closing tag '/\(word)'"),
                              hint: LocalizedText(ru: "Закрывающие теги: {{/each}}, {{/if}}, {{/unless}}.",
                                                  en: "Closing tags are {{/each}}, {{/if}}, {{/unless}}."))
            }
            skipSpaces()
            if i < s.count { throw trailing() }
            return .close(kind)
        }
        let save = i
        if name() == "else" {
            skipSpaces()
            if i == s.count { return .otherwise }
        }
        i = save
        return .value(try expression())
    }

    private func trailing() -> Failure {
        Failure(code: .tagSyntax,
                message: LocalizedText(ru: "лишний текст «\(text(i..<s.count))» в теге", en: "unexpected text '\(text(i..<s.count))' in the tag"),
                hint: LocalizedText(ru: "Проверьте тег: после имени поля могут идти только фильтры через «|».",
                                    en: "Check the tag: only filters separated by '|' may follow the field name."))
    }

    private mutating func name() -> String {
        let start = i
        while i < s.count && TagParser.isNameCharacter(s[i]) { i += 1 }
        return text(start..<i)
    }

    private mutating func path() throws -> Path {
        skipSpaces()
        var head: PathHead
        if i < s.count && s[i] == "@" {
            i += 1
            let v = name()
            guard ["index", "number", "first", "last", "key"].contains(v) else {
                throw Failure(code: .unknownLoopVariable,
                              message: LocalizedText(ru: "неизвестная переменная цикла «@\(v)»", en: "unknown loop variable '@\(v)'"),
                              hint: LocalizedText(ru: "Есть @index (с 0), @number (с 1), @first, @last, @key.",
                                                  en: "There are @index (from 0), @number (from 1), @first, @last, @key."))
            }
            head = .loopVariable(v)
        } else {
            let n = name()
            guard !n.isEmpty else {
                let rest = i < s.count ? text(i..<s.count) : ""
                throw Failure(code: .tagSyntax,
                              message: LocalizedText(ru: "ожидалось имя поля, а написано «\(rest)»", en: "a field name was expected, found '\(rest)'"),
                              hint: LocalizedText(ru: "Имя поля — буквы, цифры, «_» и «-», части через точку: {{утверждение.должность}}.",
                                                  en: "A field name is letters, digits, '_' and '-', parts joined by dots: {{approval.position}}."))
            }
            head = n == "this" ? .this : .name(n)
        }
        var steps: [PathStep] = []
        while i < s.count && s[i] == "." {
            i += 1
            let n = name()
            guard !n.isEmpty else {
                throw Failure(code: .tagSyntax,
                              message: LocalizedText(ru: "после точки нет имени поля", en: "no field name after the dot"),
                              hint: LocalizedText(ru: "Уберите лишнюю точку.", en: "Remove the extra dot."))
            }
            if let k = Int(n), n.allSatisfy(\.isASCII) { steps.append(.index(k)) } else { steps.append(.key(n)) }
        }
        return Path(head: head, steps: steps)
    }

    private mutating func expression(options allowsOptions: Bool = false) throws -> Expression {
        let p = try path()
        var filters: [FilterCall] = []
        skipSpaces()
        while i < s.count && s[i] == "|" {
            i += 1
            skipSpaces()
            let n = name()
            guard !n.isEmpty else {
                throw Failure(code: .tagSyntax,
                              message: LocalizedText(ru: "после «|» нет имени фильтра", en: "no filter name after '|'"),
                              hint: LocalizedText(ru: "Напишите фильтр, например | upper, или уберите «|».",
                                                  en: "Write a filter such as | upper, or remove the '|'."))
            }
            guard let arity = Filter.byName[n]?.arguments else {
                let known = Filter.byName.keys.sorted()
                let near = TagParser.nearest(n, in: known)
                throw Failure(code: .unknownFilter,
                              message: LocalizedText(ru: "неизвестный фильтр «\(n)»", en: "unknown filter '\(n)'"),
                              hint: LocalizedText(
                                ru: (near.map { "Возможно, имелся в виду «\($0)». " } ?? "") + "Фильтры: " + known.joined(separator: ", ") + ".",
                                en: (near.map { "Did you mean '\($0)'? " } ?? "") + "Filters: " + known.joined(separator: ", ") + "."))
            }
            skipSpaces()
            var args: [FilterArgument] = []
            if i < s.count && s[i] == ":" {
                i += 1
                repeat {
                    skipSpaces()
                    if i < s.count && s[i] == "," { i += 1; skipSpaces() }
                    args.append(try argument())
                    skipSpaces()
                } while i < s.count && s[i] == ","
            }
            guard arity.contains(args.count) else {
                let want = arity.lowerBound == arity.upperBound ? "\(arity.lowerBound)" : "\(arity.lowerBound)–\(arity.upperBound)"
                throw Failure(code: .filterArguments,
                              message: LocalizedText(ru: "фильтр «\(n)» принимает аргументов: \(want), а дано \(args.count)",
                                                     en: "filter '\(n)' takes \(want) argument(s), \(args.count) given"),
                              hint: LocalizedText(ru: "Аргументы пишутся после двоеточия через запятую: | date: \"d MMMM yyyy г.\".",
                                                  en: "Arguments follow a colon, separated by commas: | date: \"d MMMM yyyy\"."))
            }
            filters.append(FilterCall(name: n, arguments: args))
            skipSpaces()
        }
        var options: Set<LoopOption> = []
        while allowsOptions && i < s.count {
            let start = i
            let word = name()
            guard !word.isEmpty else { break }
            guard let option = LoopOption.words[word.lowercased()] else {
                i = start
                throw Failure(code: .unknownOption,
                              message: LocalizedText(ru: "неизвестный параметр цикла «\(word)»", en: "unknown loop option '\(word)'"),
                              hint: LocalizedText(ru: "Параметры: новая-страница (каждый элемент с новой страницы), нумерация-заново (нумерованные списки в каждом элементе с 1), столбцы (повторять ячейки — столбцы таблицы), ширины (со «столбцы»: ширина столбца — из поля «ширина» элемента).",
                                                  en: "Options: page-break (each item on a new page), restart-numbering (numbered lists start at 1 in each item), columns (repeat table cells — columns), widths (with columns: each column's share of the width from the item's field «ширина»)."))
            }
            options.insert(option)
            skipSpaces()
        }
        if i < s.count { throw trailing() }
        return Expression(path: p, filters: filters, options: options)
    }

    /// Quotes a person may type: straight, Word's curly ones, Russian «ёлочки» and „лапки“.
    private static let closing: [Unicode.Scalar: Unicode.Scalar] = [
        "\"": "\"", "'": "'", "\u{201C}": "\u{201D}", "\u{201D}": "\u{201D}", "\u{2018}": "\u{2019}",
        "\u{201E}": "\u{201C}", "«": "»",
    ]

    private mutating func argument() throws -> FilterArgument {
        guard i < s.count else {
            throw Failure(code: .tagSyntax,
                          message: LocalizedText(ru: "после двоеточия нет аргумента", en: "no argument after the colon"),
                          hint: LocalizedText(ru: "Допишите аргумент в кавычках или уберите двоеточие.",
                                              en: "Add an argument in quotes or remove the colon."))
        }
        let open = s[i]
        if let close = TagParser.closing[open] {
            i += 1
            var depth = 0
            var out = String.UnicodeScalarView()
            while i < s.count {
                let c = s[i]
                if c == close && depth == 0 {
                    i += 1
                    return .string(String(out))
                }
                // «…» may hold «…» inside (Word turns "«dd» MMMM" typed in quotes into ««dd» MMMM»).
                if open == "«" && c == "«" { depth += 1 }
                if open == "«" && c == "»" { depth -= 1 }
                out.append(c)
                i += 1
            }
            throw Failure(code: .tagSyntax,
                          message: LocalizedText(ru: "не закрыта кавычка в аргументе фильтра", en: "unclosed quote in a filter argument"),
                          hint: LocalizedText(ru: "Закройте кавычку: | date: \"d MMMM yyyy г.\".",
                                              en: "Close the quote: | date: \"d MMMM yyyy\"."))
        }
        let start = i
        while i < s.count && s[i] != "," && s[i] != "|" { i += 1 }
        var end = i
        while end > start && TagParser.isSpace(s[end - 1]) { end -= 1 }
        let word = text(start..<end)
        if let d = Decimal(string: word, locale: Locale(identifier: "en_US_POSIX")),
           word.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }) {
            return .number(d)
        }
        return .string(word)
    }

    /// The known name closest to a misspelt one, for "did you mean".
    static func nearest(_ word: String, in names: [String]) -> String? {
        NameSuggestion.nearest(word, in: names)
    }
}
