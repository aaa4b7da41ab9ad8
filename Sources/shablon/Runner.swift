import ArgumentParser
import Foundation
import Shablon
import ShablonData

/// A command of `shablon`. The runner parses it, shows its help and runs it; the command reports its
/// own problems through `options` and throws `Exit` with the status. Adding a command is one struct that
/// conforms to this and is named in `ShablonCommand.configuration.subcommands`.
protocol ShablonSubcommand: ParsableCommand {
    /// The options every command shares: language and format of messages, limits.
    var options: CommonOptions { get }
}

/// A command whose documents' format is `--to docx|odt|pdf` (its output is a folder): it also takes the
/// old `--format docx|odt|pdf`, with a warning.
protocol TakesOutputFormat: ShablonSubcommand {
    /// `--to`, when given.
    var to: OutputFormat? { get }
}

extension TakesOutputFormat {
    /// The documents' format: `--to`, else the old `--format docx|odt|pdf` (said once to be old).
    func outputFormat() -> OutputFormat? {
        if let to { return to }
        guard let old = options.messages.documentFormat else { return nil }
        PendingWarnings.add(Problem(.warning, code: "deprecated-option",
                                message: LocalizedText(ru: "--format \(old.rawValue) — старое написание; формат документов задаёт --to \(old.rawValue)",
                                                       en: "--format \(old.rawValue) is the old spelling; the documents' format is --to \(old.rawValue)"),
                                hint: LocalizedText(ru: "Пишите --to \(old.rawValue); --format задаёт только формат сообщений (text или json).",
                                                    en: "Write --to \(old.rawValue); --format names only the messages' format (text or json).")))
        return old
    }
}

/// Runs `shablon`: the command line in Russian to the end. Help and usage errors are the runner's own
/// (from the commands' descriptions that ArgumentParser keeps): usage errors say what is wrong and what
/// was probably meant, in the messages' language and format, with exit status 2.
enum Runner {
    /// Parses `arguments` (without the program's name), runs the command and ends the program.
    static func main(_ arguments: [String]) -> Never {
        let lang = value(of: "--lang", in: arguments) == "en" ? "en" : "ru"
        let format: MessageFormat = values(of: "--format", in: arguments).contains("json") ? .json : .text
        let tree = CommandTree.shared

        // A command that does not exist, before ArgumentParser mistakes its arguments for the root's.
        if let problem = unknownCommand(arguments, tree: tree) {
            CommonOptions.report([problem], lang: lang, format: format)
            exit(ExitStatus.usage.rawValue)
        }
        if let path = helpRequest(arguments, tree: tree) {
            Terminal.output(HelpScreen(tree: tree, path: path, lang: lang).text)
            exit(ExitStatus.ok.rawValue)
        }
        if let problem = unknownOption(arguments, tree: tree) {
            CommonOptions.report([problem], lang: lang, format: format)
            exit(ExitStatus.usage.rawValue)
        }
        if arguments.prefix(while: { $0 != "--" }).contains("--version") {
            Terminal.output(shablonVersion + "\n")
            exit(ExitStatus.ok.rawValue)
        }
        let command: ParsableCommand
        do {
            command = try ShablonCommand.parseAsRoot(arguments)
        } catch {
            let path = commandPath(arguments, tree: tree)
            if ShablonCommand.exitCode(for: error) == .success {
                // ArgumentParser's own machine outputs (tool-info JSON, completion scripts) as they are.
                if arguments.contains(where: { $0.hasPrefix("--experimental-dump-help") || $0.hasPrefix("--generate-completion-script") }) {
                    FileHandle.standardOutput.write(Data((ShablonCommand.message(for: error) + "\n").utf8))
                    exit(ExitStatus.ok.rawValue)
                }
                // A parent command without its subcommand (`shablon templates`): its help.
                Terminal.output(HelpScreen(tree: tree, path: path, lang: lang).text)
                exit(ExitStatus.ok.rawValue)
            }
            let problem = UsageError(error: error, arguments: arguments, tree: tree, path: path).problem(lang: lang)
            CommonOptions.report([problem], lang: lang, format: format)
            exit(ExitStatus.usage.rawValue)
        }
        var runnable = command
        do {
            if let c = command as? ShablonSubcommand, !(command is TakesOutputFormat), let old = c.options.messages.documentFormat {
                c.options.report([Problem(code: "usage-bad-value",
                                          message: LocalizedText(ru: "--format задаёт формат сообщений (text или json), а не документа: «\(old.rawValue)»",
                                                                 en: "--format names the messages' format (text or json), not the document's: '\(old.rawValue)'"),
                                          hint: LocalizedText(ru: "Формат документа здесь задаёт расширение выходного файла: -o файл.\(old.rawValue).",
                                                              en: "Here the document's format is the output file's extension: -o file.\(old.rawValue)."))])
                throw Exit(status: .usage)
            }
            try runnable.run()
            CommonOptions.report([], lang: lang, format: format)
            exit(ExitStatus.ok.rawValue)
        } catch let e as Exit {
            CommonOptions.report([], lang: lang, format: format)
            exit(e.status.rawValue)
        } catch let e as Problems {
            CommonOptions.report(e.items, lang: lang, format: format)
            exit(ExitStatus(for: e.items).rawValue)
        } catch {
            if ShablonCommand.exitCode(for: error) == .success {
                // `shablon help КОМАНДА`.
                Terminal.output(HelpScreen(tree: tree, path: commandPath(Array(arguments.drop { $0 == "help" }), tree: tree), lang: lang).text)
                exit(ExitStatus.ok.rawValue)
            }
            CommonOptions.report([Problem.internalError(error)],
                                 lang: lang, format: format)
            exit(ExitStatus.environment.rawValue)
        }
    }

    /// The last value of an option (`--lang en` or `--lang=en`) before `--`.
    static func value(of option: String, in arguments: [String]) -> String? {
        values(of: option, in: arguments).last
    }

    static func values(of option: String, in arguments: [String]) -> [String] {
        var found: [String] = []
        var i = 0
        while i < arguments.count, arguments[i] != "--" {
            let a = arguments[i]
            if a == option, i + 1 < arguments.count { found.append(arguments[i + 1]); i += 1 }
            else if a.hasPrefix(option + "=") { found.append(String(a.dropFirst(option.count + 1))) }
            i += 1
        }
        return found
    }

    /// The names of the subcommands given, from the root: `["templates", "export"]`.
    static func commandPath(_ arguments: [String], tree: CommandTree) -> [String] {
        var node = tree.root
        var path: [String] = []
        var skip = false
        for a in arguments {
            if a == "--" { break }
            if skip { skip = false; continue }
            if a == "--lang" || a == "--format" { skip = true; continue }
            if a.hasPrefix("-") { continue }
            guard let sub = node.subcommand(a) else { break }
            path.append(a)
            node = sub
        }
        return path
    }

    /// `-h`, `--help`, `help` at the start or `help КОМАНДА`: the command whose help is asked for.
    static func helpRequest(_ arguments: [String], tree: CommandTree) -> [String]? {
        let before = arguments.prefix { $0 != "--" }
        if before.first == "help" { return commandPath(Array(before.dropFirst()), tree: tree) }
        if arguments.isEmpty { return [] }
        if before.contains("-h") || before.contains("--help") { return commandPath(arguments, tree: tree) }
        return nil
    }

    /// An option the command does not have (before ArgumentParser, which may first miss a required one:
    /// `--outptu x` is a typo of `--output`, not a missing `-o`).
    static func unknownOption(_ arguments: [String], tree: CommandTree) -> Problem? {
        let path = commandPath(arguments, tree: tree)
        let command = tree.command(path)
        guard command.visibleSubcommands.isEmpty else { return nil }
        var skipNext = false
        for a in arguments {
            if a == "--" { break }
            if skipNext { skipNext = false; continue }
            guard a.hasPrefix("-"), a != "-", Double(a) == nil, !a.hasPrefix("--experimental-"), !a.hasPrefix("--generate-completion") else { continue }
            let name = a.split(separator: "=", maxSplits: 1).first.map(String.init) ?? a
            if name == "--version" { continue }
            if let known = command.allArguments.first(where: { $0.spellings.contains(name) }) {
                if !known.isFlag && !a.contains("=") { skipNext = true }
                continue
            }
            return UsageError(arguments: arguments, tree: tree, path: path).unknownOption(name)
        }
        return nil
    }

    /// The first word where a command is expected that names none: «неизвестная команда», and what
    /// was probably meant.
    static func unknownCommand(_ arguments: [String], tree: CommandTree) -> Problem? {
        var node = tree.root
        var path: [String] = []
        var words = arguments[...]
        if words.first == "help" { words = words.dropFirst() }
        var skip = false
        for a in words {
            if a == "--" || node.visibleSubcommands.isEmpty { return nil }
            if skip { skip = false; continue }
            // The messages' options take a value wherever they stand.
            if a == "--lang" || a == "--format" { skip = true; continue }
            if a.hasPrefix("-") { continue }
            if let sub = node.subcommand(a) {
                path.append(a)
                node = sub
                continue
            }
            let names = node.visibleSubcommands.map(\.commandName)
            let whole = (["shablon"] + path).joined(separator: " ")
            var hintRu = "", hintEn = ""
            if let near = NameSuggestion.nearest(a, in: names) {
                hintRu = "Возможно, имелось в виду «\(near)». "
                hintEn = "Did you mean '\(near)'? "
            }
            hintRu += "Команды: " + names.joined(separator: ", ") + "; справка — \(whole) --help."
            hintEn += "The commands: " + names.joined(separator: ", ") + "; help: \(whole) --help."
            return Problem(code: "usage-unknown-command",
                           message: LocalizedText(ru: "неизвестная команда «\(a)»", en: "unknown command '\(a)'"),
                           hint: LocalizedText(ru: hintRu, en: hintEn))
        }
        return nil
    }
}

/// The version `shablon --version` prints.
let shablonVersion = "0.9.0"
