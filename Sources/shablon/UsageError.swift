import ArgumentParser
import Foundation
import Shablon
import ShablonData
import ShablonRussian

/// A command line ArgumentParser refused, said in the messages' language: what is wrong, what was
/// probably meant («возможно, имелось в виду…») and how the command is written. ArgumentParser keeps its
/// reasons to itself (an internal enum), so the reason is read by reflection and any reason not known
/// here is still reported, with ArgumentParser's own English text.
struct UsageError {
    var error: Error = ValidationError("")
    let arguments: [String]
    let tree: CommandTree
    let path: [String]

    private var command: CommandTree.Command { tree.command(path) }
    private var whole: String { (["shablon"] + path).joined(separator: " ") }

    /// The reason's case name and its associated values.
    private var reason: (name: String, values: [Any])? {
        var subject: Any = error
        // CommandError { commandStack, parserError }
        if let inner = Mirror(reflecting: error).children.first(where: { $0.label == "parserError" })?.value { subject = inner }
        let m = Mirror(reflecting: subject)
        guard m.displayStyle == .enum else { return nil }
        guard let child = m.children.first, let label = child.label else {
            return (String(describing: subject), [])
        }
        let payload = Mirror(reflecting: child.value)
        if payload.displayStyle == .tuple { return (label, payload.children.map(\.value)) }
        return (label, [child.value])
    }

    /// `Name` → as typed (`-o`, `--output`).
    private func spelling(_ name: Any) -> String? {
        let m = Mirror(reflecting: name)
        if case .optional = m.displayStyle {
            guard let some = m.children.first?.value else { return nil }
            return spelling(some)
        }
        guard let child = m.children.first, let label = child.label else { return nil }
        switch label {
        case "long": return "--\(child.value)"
        case "longWithSingleDash": return "-\(child.value)"
        case "short":
            let inner = Mirror(reflecting: child.value)
            if let c = inner.children.first?.value { return "-\(c)" }
            return "-\(child.value)"
        default: return nil
        }
    }

    /// The argument an `InputKey` names (by its property name).
    private func argument(forKey key: Any) -> CommandTree.Argument? {
        guard let name = Mirror(reflecting: key).children.first(where: { $0.label == "name" })?.value as? String else { return nil }
        let dashed = name.reduce(into: "") { s, c in
            if c.isUppercase { s += "-" + c.lowercased() } else { s.append(c) }
        }
        return command.allArguments.first { $0.valueName == name || $0.valueName == dashed || $0.preferredName?.name == dashed }
    }

    private func argument(named spelling: String) -> CommandTree.Argument? {
        command.allArguments.first { $0.spellings.contains(spelling) }
    }

    /// How the command is written, for hints: «Команда пишется так: shablon plan <данные> -o <путь> [<параметры>].»
    private func usageHint(_ en: Bool) -> String {
        let screen = HelpScreen(tree: tree, path: path, lang: en ? "en" : "ru")
        return en ? "Usage: \(screen.usage(command)); help: \(whole) --help."
                  : "Запуск: \(screen.usage(command)); справка — \(whole) --help."
    }

    private func describe(_ a: CommandTree.Argument, _ en: Bool) -> String {
        let screen = HelpScreen(tree: tree, path: path, lang: en ? "en" : "ru")
        var about = screen.abstract(a)
        if about.hasSuffix(".") { about.removeLast() }
        return screen.label(a) + " — " + about + "."
    }

    /// «у команды «plan» нет параметра «--outptu»», with the nearest option the command has.
    func unknownOption(_ typed: String) -> Problem {
        let options = command.allArguments.filter { !$0.isPositional }
        let longNames = options.flatMap(\.longSpellings)
        var near = NameSuggestion.nearest(typed, in: longNames)
        // `-output`, `--o`: the same name with the other number of dashes.
        if near == nil {
            let bare = typed.drop { $0 == "-" }
            near = options.flatMap(\.spellings).first { $0.drop { $0 == "-" } == bare }
        }
        let named = path.joined(separator: " ")
        var hintRu = "", hintEn = ""
        if let near, let a = argument(named: near) {
            hintRu = "Возможно, имелось в виду «\(near)»: \(describe(a, false)) "
            hintEn = "Did you mean '\(near)'? \(describe(a, true)) "
        }
        hintRu += usageHint(false)
        hintEn += usageHint(true)
        return Problem(code: "usage-unknown-option",
                       message: LocalizedText(ru: named.isEmpty ? "нет параметра «\(typed)»" : "у команды «\(named)» нет параметра «\(typed)»",
                                              en: named.isEmpty ? "there is no option '\(typed)'" : "the command '\(named)' has no option '\(typed)'"),
                       hint: LocalizedText(ru: hintRu, en: hintEn))
    }

    func problem(lang: String) -> Problem {
        func make(_ code: Problem.Code, _ ru: String, _ en: String, _ hintRu: String, _ hintEn: String) -> Problem {
            Problem(code: code, message: LocalizedText(ru: ru, en: en), hint: LocalizedText(ru: hintRu, en: hintEn))
        }
        let english = ShablonCommand.message(for: error)
        guard let (name, values) = reason else {
            return make("usage", "неверная командная строка: \(english)", english, usageHint(false), usageHint(true))
        }
        switch name {
        case "unknownOption", "missingValueOrUnknownCompositeOption", "invalidOption", "nonAlphanumericShortOption":
            var typed = values.compactMap(spelling).last ?? ""
            if name == "invalidOption", let s = values.first as? String { typed = s }
            if name == "nonAlphanumericShortOption", let c = values.first { typed = "-\(c)" }
            if name == "missingValueOrUnknownCompositeOption", values.count >= 3, let s = spelling(values[2]) { typed = s }
            return unknownOption(typed)
        case "missingValueForOption":
            let typed = values.compactMap(spelling).last ?? ""
            let a = argument(named: typed)
            return make("usage-missing-value", "после «\(typed)» нет значения", "'\(typed)' has no value",
                        a.map { "Нужно: " + describe($0, false) } ?? usageHint(false),
                        a.map { "Expected: " + describe($0, true) } ?? usageHint(true))
        case "unexpectedValueForOption":
            let typed = values.compactMap(spelling).first ?? ""
            let value = values.last as? String ?? ""
            return make("usage-unexpected-value", "параметр «\(typed)» пишется без значения, а дано «\(value)»",
                        "the option '\(typed)' takes no value, but '\(value)' was given",
                        "Напишите просто \(typed).", "Write just \(typed).")
        case "unexpectedExtraValues":
            let extra = (values.first as? [Any] ?? []).compactMap { item -> String? in
                Mirror(reflecting: item).children.dropFirst().first?.value as? String
            }
            let quotedRu = extra.map { "«\($0)»" }.joined(separator: ", ")
            let quotedEn = extra.map { "'\($0)'" }.joined(separator: ", ")
            let ru = extra.count == 1 ? "лишний аргумент \(quotedRu)"
                : "\(Counted.extraArgument.ru(extra.count)): \(quotedRu)"
            let en = extra.count == 1 ? "an unexpected argument \(quotedEn)"
                : "\(Counted.extraArgument.en(extra.count)): \(quotedEn)"
            return make("usage-extra-argument", ru, en,
                        "Имя с пробелами возьмите в кавычки. " + usageHint(false),
                        "Quote a name with spaces. " + usageHint(true))
        case "noValue":
            let a = values.first.flatMap(argument(forKey:))
            let screen = HelpScreen(tree: tree, path: path, lang: lang)
            let shown = a.map { $0.isPositional ? screen.label($0) : "\($0.spellings.first ?? "") <\(screen.valueName($0))>" } ?? "?"
            let what = a?.isPositional == true ? "аргумент" : "параметр"
            return make("usage-missing-argument", "не указан \(what) \(shown)", "missing \(a?.isPositional == true ? "argument" : "option") \(shown)",
                        (a.map { describe($0, false) + " " } ?? "") + usageHint(false),
                        (a.map { describe($0, true) + " " } ?? "") + usageHint(true))
        case "unableToParseValue":
            let typed = values.count > 1 ? spelling(values[1]) : nil
            let value = values.count > 2 ? (values[2] as? String ?? "") : ""
            let a = values.count > 3 ? argument(forKey: values[3]) : nil
            let target = typed ?? a.map { HelpScreen(tree: tree, path: path, lang: lang).label($0) } ?? ""
            var hintRu = "", hintEn = ""
            if let all = a?.allValues, !all.isEmpty {
                hintRu = "Можно: " + all.joined(separator: ", ") + "."
                hintEn = "One of: " + all.joined(separator: ", ") + "."
            } else if let d = a?.defaultValue, Int(d) != nil {
                hintRu = "Нужно целое число, например \(d)."
                hintEn = "A whole number is expected, e.g. \(d)."
            } else if let d = a?.defaultValue, Double(d) != nil {
                hintRu = "Нужно число, например \(d)."
                hintEn = "A number is expected, e.g. \(d)."
            } else {
                hintRu = usageHint(false)
                hintEn = usageHint(true)
            }
            return make("usage-bad-value", "значение «\(value)» не подходит для \(target)", "the value '\(value)' does not fit \(target)", hintRu, hintEn)
        case "missingSubcommand":
            let names = command.visibleSubcommands.map(\.commandName).joined(separator: ", ")
            return make("usage-unknown-command", "не указана команда", "no command given",
                        "Команды: \(names); справка — \(whole) --help.", "The commands: \(names); help: \(whole) --help.")
        case "duplicateExclusiveValues":
            return make("usage", "флаг указан дважды", "a flag is given twice", usageHint(false), usageHint(true))
        case "userValidationError":
            if let v = values.first as? ValidationError {
                return make("usage", v.message.trimmingCharacters(in: CharacterSet(charactersIn: ".")), v.message,
                            usageHint(false), usageHint(true))
            }
            return make("usage", english, english, usageHint(false), usageHint(true))
        case "noArguments":
            if let inner = values.first {
                return UsageError(error: inner as? Error ?? error, arguments: arguments, tree: tree, path: path).problem(lang: lang)
            }
            return make("usage", english, english, usageHint(false), usageHint(true))
        default:
            return make("usage", "неверная командная строка: \(english)", english, usageHint(false), usageHint(true))
        }
    }
}
