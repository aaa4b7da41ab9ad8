import ArgumentParser
import Foundation

/// The commands, their arguments and options, as ArgumentParser describes them (its tool-info JSON,
/// `--experimental-dump-help`): what the Russian help and the usage errors are made from.
struct CommandTree {
    /// One command.
    struct Command: Decodable {
        var commandName: String
        var abstract: String?
        var discussion: String?
        var subcommands: [Command]?
        var arguments: [Argument]?

        /// The subcommand of this name.
        func subcommand(_ name: String) -> Command? { subcommands?.first { $0.commandName == name } }

        /// The subcommands a person is shown (not ArgumentParser's own `help`).
        var visibleSubcommands: [Command] { (subcommands ?? []).filter { $0.commandName != "help" } }

        /// Every argument, the help flag included.
        var allArguments: [Argument] { arguments ?? [] }
    }

    /// An argument, option or flag.
    struct Argument: Decodable {
        struct Name: Decodable {
            var kind: String
            var name: String

            /// As typed: `-o`, `--output`.
            var spelling: String { kind == "short" ? "-" + name : kind == "long" ? "--" + name : "-" + name }
        }

        var kind: String
        var shouldDisplay: Bool
        var sectionTitle: String?
        var isOptional: Bool
        var isRepeating: Bool
        var names: [Name]?
        var preferredName: Name?
        var valueName: String?
        var defaultValue: String?
        var allValues: [String]?
        var abstract: String?
        var discussion: String?

        var isPositional: Bool { kind == "positional" }
        var isFlag: Bool { kind == "flag" }
        /// Short names first: `-o`, `--output`.
        var spellings: [String] { (names ?? []).sorted { ($0.kind == "short" ? 0 : 1) < ($1.kind == "short" ? 0 : 1) }.map(\.spelling) }
        var longSpellings: [String] { (names ?? []).filter { $0.kind != "short" }.map(\.spelling) }
        /// `-h, --help` and `--version`: ArgumentParser's own.
        var builtin: String? {
            let s = Set((names ?? []).map(\.name))
            if s.contains("help") { return "help" }
            if s.contains("version") && kind == "flag" { return "version" }
            return nil
        }
    }

    private struct Dump: Decodable {
        var command: Command
    }

    /// The root command `shablon`.
    let root: Command

    /// The commands of this program, read once.
    static let shared: CommandTree = {
        do {
            _ = try ShablonCommand.parseAsRoot(["--experimental-dump-help"])
        } catch {
            let json = ShablonCommand.message(for: error)
            if let dump = try? JSONDecoder().decode(Dump.self, from: Data(json.utf8)) { return CommandTree(root: dump.command) }
        }
        return CommandTree(root: Command(commandName: "shablon"))
    }()

    /// The command at a path of subcommand names.
    func command(_ path: [String]) -> Command {
        var c = root
        for p in path { if let s = c.subcommand(p) { c = s } }
        return c
    }
}

/// A help screen: the commands' own descriptions under Russian (or, with `--lang en`, English) headings.
struct HelpScreen {
    let tree: CommandTree
    let path: [String]
    let lang: String
    /// Where the second column starts: the same on the whole screen.
    private var column = 0

    init(tree: CommandTree, path: [String], lang: String) {
        self.tree = tree
        self.path = path
        self.lang = lang
    }

    private var en: Bool { lang == "en" }
    static let width = 80

    /// Value names as the Russian help writes them.
    static let russianValueNames: [String: String] = [
        "template": "шаблон", "data": "данные", "output": "путь", "table": "таблица", "order": "заказ",
        "name": "имя", "lang": "язык", "contracts": "файл", "sheet": "лист", "column": "поле=Заголовок",
        "schools-data": "файл", "group-by": "столбец", "jobs": "число", "to": "docx|odt|pdf",
        "max-entry-size": "МиБ", "max-package-size": "МиБ", "max-ratio": "число", "max-entries": "число",
        "pdf-timeout": "секунд", "max-output-size": "МиБ", "max-xml-nodes": "число", "max-values": "число",
        "pdf-memory": "МиБ", "plan": "план",
    ]

    /// Section titles in English.
    static let englishTitles: [String: String] = ["Сообщения": "MESSAGES", "Пределы": "LIMITS"]

    func valueName(_ a: CommandTree.Argument) -> String {
        let v = a.valueName ?? "value"
        return en ? v : (HelpScreen.russianValueNames[v] ?? v)
    }

    /// `-o, --output <путь>`.
    func label(_ a: CommandTree.Argument) -> String {
        if a.isPositional { return "<\(valueName(a))>" + (a.isRepeating ? " …" : "") }
        var s = a.spellings.joined(separator: ", ")
        if !a.isFlag { s += " <\(valueName(a))>" }
        return s
    }

    func abstract(_ a: CommandTree.Argument) -> String {
        switch a.builtin {
        case "help": return en ? "Show this help." : "Показывает эту справку."
        case "version": return en ? "Show the version." : "Показывает версию."
        default: break
        }
        var s = HelpEnglish.text(a.abstract ?? "", english: en)
        if let d = a.defaultValue, !a.isFlag, !d.isEmpty {
            s += en ? " (default: \(d))" : " (по умолчанию: \(d))"
        }
        return s
    }

    /// The usage line: `shablon render <шаблон> <данные> -o <путь> [параметры]`.
    func usage(_ c: CommandTree.Command) -> String {
        var parts = ["shablon"] + path
        if !c.visibleSubcommands.isEmpty {
            parts.append(en ? "<command>" : "<команда>")
        } else {
            for a in c.allArguments where a.shouldDisplay && a.builtin == nil {
                if a.isPositional {
                    parts.append(a.isOptional ? "[\(label(a))]" : label(a))
                } else if !a.isOptional && !a.isFlag {
                    parts.append("\(a.spellings.first ?? "") <\(valueName(a))>")
                }
            }
            parts.append(en ? "[<options>]" : "[<параметры>]")
        }
        return parts.joined(separator: " ")
    }

    var text: String {
        var screen = self
        return screen.render()
    }

    private mutating func render() -> String {
        let c = tree.command(path)
        var out = ""
        if let a = c.abstract, !a.isEmpty { out += (en ? "OVERVIEW: " : "ОПИСАНИЕ: ") + wrap(HelpEnglish.text(a, english: en), indent: 0, first: 10) + "\n" }
        if let d = c.discussion, !d.isEmpty { out += "\n" + wrap(HelpEnglish.text(d, english: en), indent: 0, first: 0) + "\n" }
        out += "\n" + (en ? "USAGE: " : "ЗАПУСК: ") + usage(c) + "\n"

        // `--version` belongs to the program: it is shown on the first screen only.
        let shown = c.allArguments.filter { $0.shouldDisplay && !(path.count > 0 && $0.builtin == "version") }
        column = min(30, (shown.map { label($0).count + 4 } + c.visibleSubcommands.map { $0.commandName.count + 4 }).max() ?? 0)
        let positionals = shown.filter(\.isPositional)
        if !positionals.isEmpty {
            out += "\n" + (en ? "ARGUMENTS:" : "АРГУМЕНТЫ:") + "\n" + rows(positionals.map { (label($0), abstract($0)) })
        }
        // Options in their sections: the command's own first (with the help flag last), then the groups.
        var sections: [(String?, [CommandTree.Argument])] = []
        for a in shown where !a.isPositional {
            let title = a.builtin != nil ? nil : a.sectionTitle
            if let i = sections.firstIndex(where: { $0.0 == title }) { sections[i].1.append(a) } else { sections.append((title, [a])) }
        }
        sections.sort { ($0.0 == nil ? 0 : 1) < ($1.0 == nil ? 0 : 1) }
        for (title, args) in sections {
            let ordered = args.filter { $0.builtin == nil } + args.filter { $0.builtin != nil }
            let heading = title.map { en ? (HelpScreen.englishTitles[$0] ?? $0.uppercased()) : $0.uppercased() } ?? (en ? "OPTIONS" : "ПАРАМЕТРЫ")
            out += "\n" + heading + ":\n" + rows(ordered.map { (label($0), abstract($0)) })
        }
        let subs = c.visibleSubcommands
        if !subs.isEmpty {
            out += "\n" + (en ? "SUBCOMMANDS:" : "КОМАНДЫ:") + "\n" + rows(subs.map { ($0.commandName, HelpEnglish.text($0.abstract ?? "", english: en)) })
            let whole = (["shablon"] + path).joined(separator: " ")
            out += "\n" + (en ? "  See '\(whole) <command> --help' for a command's help." : "  Справка по команде: \(whole) <команда> --help.") + "\n"
        }
        return out
    }

    /// Two columns: labels, and texts wrapped to the screen.
    func rows(_ items: [(String, String)]) -> String {
        let column = self.column > 0 ? self.column : min(30, (items.map { $0.0.count }.max() ?? 0) + 4)
        var out = ""
        for (l, t) in items {
            let head = "  " + l
            if head.count + 2 > column {
                out += head + "\n" + String(repeating: " ", count: column) + wrap(t, indent: column, first: column) + "\n"
            } else {
                out += head + String(repeating: " ", count: column - head.count) + wrap(t, indent: column, first: column) + "\n"
            }
        }
        return out
    }

    /// Text wrapped at word boundaries to the screen's width; the lines after the first are indented.
    func wrap(_ text: String, indent: Int, first: Int) -> String {
        var lines: [String] = []
        var line = ""
        var used = first
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            for word in paragraph.split(separator: " ") {
                if !line.isEmpty && used + 1 + word.count > HelpScreen.width {
                    lines.append(line)
                    line = ""
                    used = indent
                }
                if !line.isEmpty { line += " "; used += 1 }
                line += word
                used += word.count
            }
            lines.append(line)
            line = ""
            used = indent
        }
        let pad = String(repeating: " ", count: indent)
        return lines.enumerated().map { $0.offset == 0 ? $0.element : pad + $0.element }.joined(separator: "\n")
    }
}
