import Yams

/// Turns Yams (libyaml) errors into problems a school librarian can act on.
enum YAMLErrors {
    static let genericHint = LocalizedText(
        ru: "Проверьте в этой строке и строкой выше отступы (только пробелы, одинаковые у полей одного уровня), двоеточия (после названия поля — двоеточие и пробел) и кавычки (текст с двоеточием, «#» или кавычками возьмите в кавычки).",
        en: "Check indentation (spaces only, the same for fields of one level), colons (a colon and a space after a field name) and quotes (quote text that contains a colon, «#» or quotes) on this line and the line above.")

    static func problems(from error: YamlError, lines: LineTable, text: String) -> [Problem] {
        switch error {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            return [syntaxProblem(problem: problem, context: context?.text, contextMark: context?.mark,
                                  mark: mark, lines: lines)]
        case let .reader(problem, offset, value, _):
            var at: SourcePosition?
            if let offset, let index = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) {
                let scalarOffset = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: index)
                at = lines.position(ofScalar: scalarOffset)
            }
            if value >= 0, let scalar = Unicode.Scalar(UInt32(value)) {
                let name = scalar.nameForMessage
                return [Problem(
                    code: "data-syntax", location: at?.location,
                    message: LocalizedText(
                        ru: "в файле недопустимый символ: \(name.ru)",
                        en: "the file contains a character YAML does not allow: \(name.en)"),
                    hint: LocalizedText(
                        ru: "Удалите этот символ (он мог попасть при копировании из другой программы).",
                        en: "Delete the character (it may have come in with text copied from another program)."))]
            }
            return [Problem(
                code: "data-syntax", location: at?.location,
                message: LocalizedText(ru: "не удалось прочитать текст YAML: \(problem)",
                                       en: "cannot read the YAML text: \(problem)"),
                hint: genericHint)]
        case let .duplicatedKeysInMapping(duplicates, context):
            // Yams lists a key that is not text (a list or map after «?») as "<uncovertable>", once per
            // group it formed; such keys are refused anyway, once, and text keys are reported once each.
            var seen: Set<String> = []
            let textKeys = duplicates.filter { $0 != "<uncovertable>" && seen.insert($0).inserted }
            // The place comes from the text: which repeated key Yams names first depends on the order of
            // its dictionary, which differs from run to run.
            if textKeys.count < duplicates.count && duplicates.contains("<uncovertable>") {
                return [YAMLPrescan.complexKeyProblem(at: YAMLPrescan.firstComplexKey(lines))]
            }
            return duplicateProblems(textKeys, firstMark: context.mark, lines: lines)
        default:
            return [Problem(
                code: "data-syntax",
                message: LocalizedText(ru: "не удалось прочитать YAML: \(error)", en: "cannot read YAML: \(error)"),
                hint: genericHint)]
        }
    }

    /// Yams reports the repeated keys of one mapping and the mark of the first occurrence of one of them.
    /// For block mappings (keys in one column) the later occurrences are found by looking down that
    /// column, so the problem points at the repeat; otherwise it points at the first occurrence.
    static func duplicateProblems(_ keys: [String], firstMark: Mark, lines: LineTable) -> [Problem] {
        let first = lines.position(line: firstMark.line, scalarColumn: firstMark.column)
        let column = firstMark.column - 1 // 0-based scalar column of the keys
        guard firstMark.line >= 1, firstMark.line <= lines.lineCount, column >= 0 else {
            return keys.map { DataLoader.duplicateKeyProblem($0, at: first, firstLine: nil) }
        }
        /// The 0-based scalar column of a line's first non-space character, or nil for blank/comment lines.
        func indent(_ line: ArraySlice<Unicode.Scalar>) -> Int? {
            guard let index = line.firstIndex(where: { $0 != " " }) else { return nil }
            if line[index] == "#" { return nil }
            return index - line.startIndex
        }
        func keyAtColumn(_ line: ArraySlice<Unicode.Scalar>) -> String? {
            guard indent(line) == column else { return nil }
            let rest = String(String.UnicodeScalarView(line.dropFirst(column)))
            for quote in ["\"", "'"] where rest.hasPrefix(quote) {
                let body = rest.dropFirst()
                guard let end = body.firstIndex(of: Character(quote)) else { return nil }
                let after = body[body.index(after: end)...].drop { $0 == " " }
                return after.hasPrefix(":") ? String(body[..<end]) : nil
            }
            guard let colon = rest.range(of: ": ") ?? (rest.hasSuffix(":") ? rest.index(before: rest.endIndex)..<rest.endIndex : nil) else {
                return nil
            }
            var key = rest[..<colon.lowerBound]
            while key.last == " " { key = key.dropLast() }
            return String(key)
        }
        // The block mapping spans the lines around the first mark whose content is not left of its column.
        var start = firstMark.line
        while start > 1, indent(lines.line(start - 1)).map({ $0 >= column }) ?? true { start -= 1 }
        var end = firstMark.line
        while end < lines.lineCount, indent(lines.line(end + 1)).map({ $0 >= column }) ?? true { end += 1 }
        var occurrences: [String: [Int]] = [:]
        for number in start...end {
            if let key = keyAtColumn(lines.line(number)), keys.contains(key) {
                occurrences[key, default: []].append(number)
            }
        }
        var problems: [Problem] = []
        for key in keys {
            let found = occurrences[key] ?? []
            if found.count >= 2 {
                for line in found.dropFirst() {
                    let at = lines.position(line: line, scalarColumn: column + 1)
                    problems.append(DataLoader.duplicateKeyProblem(key, at: at, firstLine: found[0]))
                }
            } else {
                problems.append(DataLoader.duplicateKeyProblem(key, at: first, firstLine: nil))
            }
        }
        return problems.sorted { ($0.location.map(lineOf) ?? 0) < ($1.location.map(lineOf) ?? 0) }
    }

    private static func lineOf(_ location: ProblemLocation) -> Int {
        if case .text(let line, _) = location { return line }
        return 0
    }

    /// A libyaml syntax error with a human explanation.
    static func syntaxProblem(problem: String, context: String?, contextMark: Mark?, mark: Mark,
                              lines: LineTable) -> Problem {
        var at = lines.position(line: mark.line, scalarColumn: mark.column)
        let opened = contextMark.map { lines.position(line: $0.line, scalarColumn: $0.column) }
        let openedLine = opened.map { $0.line } ?? at.line
        let character: Unicode.Scalar? = {
            let line = lines.line(mark.line)
            let index = line.startIndex + mark.column - 1
            return line.indices.contains(index) ? line[index] : nil
        }()
        var code: Problem.Code = "data-syntax"
        var ru: String
        var en: String
        var hint = genericHint

        switch problem {
        case "found unexpected end of stream" where context?.contains("quoted scalar") == true:
            ru = "не закрыта кавычка: текст в кавычках, начатый в строке \(openedLine), не закончен до конца файла"
            en = "unclosed quote: the quoted text that starts on line \(openedLine) runs to the end of the file"
            hint = LocalizedText(
                ru: "Поставьте закрывающую кавычку; кавычку внутри текста в двойных кавычках пишите как \\\", в одинарных — как ''.",
                en: "Add the closing quote; write a quote inside double quotes as \\\", inside single quotes as ''.")
            if let opened { at = opened }
        case "found unexpected end of stream":
            ru = "файл неожиданно закончился"
            en = "unexpected end of file"
        case "mapping values are not allowed in this context":
            ru = "лишнее двоеточие: здесь не может начинаться значение (неверный отступ, или текст с «: » нужно взять в кавычки)"
            en = "a colon is not allowed here (wrong indentation, or text containing «: » must be quoted)"
        case "did not find expected key":
            ru = "неверный отступ: строка не продолжает набор полей, начатый в строке \(openedLine)"
            en = "wrong indentation: the line does not continue the map that starts on line \(openedLine)"
        case "did not find expected '-' indicator":
            ru = "неверный отступ в списке, начатом в строке \(openedLine): здесь ожидался элемент «- »"
            en = "wrong indentation in the list that starts on line \(openedLine): an item «- » was expected"
        case "block sequence entries are not allowed in this context":
            ru = "элемент списка «- » здесь не допускается (неверный отступ: список начинается с новой строки после «поле:»)"
            en = "a list item «- » is not allowed here (wrong indentation: a list starts on a new line after «field:»)"
        case "could not find expected ':'":
            ru = "в строке \(openedLine) после названия поля нет двоеточия (или значение перенесено на новую строку, или не закрыта кавычка)"
            en = "no colon after the field name on line \(openedLine) (or the value is broken onto a new line, or a quote is not closed)"
            if let opened { at = opened }
        case "found a tab character that violates indentation", "found a tab character where an indentation space is expected":
            ru = "табуляция в отступе: в YAML отступы делаются только пробелами"
            en = "a tab in indentation: YAML indents with spaces only"
            hint = LocalizedText(ru: "Замените табуляции в начале строк пробелами.",
                                 en: "Replace the tabs at the start of lines with spaces.")
        case "found character that cannot start any token":
            if character == "\t" {
                ru = "табуляция в отступе: в YAML отступы делаются только пробелами"
                en = "a tab in indentation: YAML indents with spaces only"
                hint = LocalizedText(ru: "Замените табуляции в начале строк пробелами.",
                                     en: "Replace the tabs at the start of lines with spaces.")
            } else {
                let name = character?.nameForMessage ?? (ru: "символ", en: "a character")
                ru = "значение не может начинаться с символа \(name.ru)"
                en = "a value cannot start with \(name.en)"
                hint = LocalizedText(ru: "Возьмите значение в кавычки.", en: "Put the value in quotes.")
            }
        case "did not find expected ',' or ']'":
            ru = "не закрыта квадратная скобка «[», открытая в строке \(openedLine), или между элементами нет запятой"
            en = "the bracket «[» opened on line \(openedLine) is not closed, or a comma between items is missing"
            hint = LocalizedText(ru: "Закройте скобку «]» и разделите элементы запятыми; текст с запятыми возьмите в кавычки.",
                                 en: "Close the bracket «]» and separate items with commas; quote text that contains commas.")
        case "did not find expected ',' or '}'":
            ru = "не закрыта фигурная скобка «{», открытая в строке \(openedLine), или между полями нет запятой"
            en = "the brace «{» opened on line \(openedLine) is not closed, or a comma between fields is missing"
            hint = LocalizedText(ru: "Закройте скобку «}» и разделите поля запятыми; текст с запятыми возьмите в кавычки.",
                                 en: "Close the brace «}» and separate fields with commas; quote text that contains commas.")
        case "found unknown escape character", "found invalid Unicode character escape code",
             "did not find expected hexdecimal number":
            ru = "неверная последовательность с обратной косой чертой «\\» в тексте в двойных кавычках"
            en = "a wrong backslash escape «\\» in double-quoted text"
            hint = LocalizedText(ru: "Удвойте обратную косую черту (\\\\) или возьмите текст в одинарные кавычки.",
                                 en: "Double the backslash (\\\\) or use single quotes.")
        case "did not find expected node content":
            ru = "здесь ожидалось значение"
            en = "a value was expected here"
        case "found undefined alias":
            let line = lines.line(mark.line)
            let name = String(String.UnicodeScalarView(line.dropFirst(mark.column).prefix {
                $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "-"
            }))
            ru = "ссылка *\(name) указывает на якорь, которого нет выше в файле"
            en = "the alias *\(name) refers to an anchor not defined above it"
            hint = LocalizedText(ru: "Определите якорь (&\(name)) раньше ссылки или исправьте имя.",
                                 en: "Define the anchor (&\(name)) before the alias, or fix the name.")
        case "did not find expected alphabetic or numeric character":
            ru = "после «&» или «*» должно идти имя якоря (латинские буквы, цифры, «-», «_»)"
            en = "«&» or «*» must be followed by an anchor name (Latin letters, digits, «-», «_»)"
            hint = LocalizedText(ru: "Если это обычный текст, возьмите его в кавычки.",
                                 en: "If this is ordinary text, put it in quotes.")
        case "did not find expected comment or line break" where context?.contains("block scalar") == true:
            ru = "после «|» или «>» в той же строке ничего не должно быть"
            en = "nothing may follow «|» or «>» on the same line"
        case "but found another document", "did not find expected <document start>":
            code = "data-multiple-documents"
            ru = "в файле больше одного документа YAML (после «---» или после конца данных), а нужен один"
            en = "the file holds more than one YAML document (after «---» or after the end of the data); one is needed"
            hint = LocalizedText(ru: "Оставьте в файле один документ: уберите «---» между частями или объедините их.",
                                 en: "Keep one document in the file: remove «---» between parts or merge them.")
        default:
            if problem.hasPrefix("Maximum nesting level") {
                return DataLoader.depthProblem(at: at)
            }
            let detail = [context, problem].compactMap { $0 }.joined(separator: ": ")
            ru = "ошибка в записи YAML (\(detail))"
            en = "YAML syntax error (\(detail))"
        }
        return Problem(code: code, location: at.location, message: LocalizedText(ru: ru, en: en), hint: hint)
    }
}
