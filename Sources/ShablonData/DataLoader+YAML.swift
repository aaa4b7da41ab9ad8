import Foundation
import ShablonRussian
import Yams

extension DataLoader {
    /// Reads YAML text (a leading byte order mark is ignored).
    ///
    /// The text is parsed by Yams (libyaml) into nodes, and the nodes are typed by Shablon's own rules,
    /// not by YAML 1.1's, so that data means what a person reading it expects:
    /// - quoted (`"…"`, `'…'`) and block (`|`, `>`) scalars, and scalars tagged `!!str` or `!`, are always
    ///   text;
    /// - a plain scalar that is empty, `~`, `null`, `Null` or `NULL` is `.null`;
    /// - `true`/`True`/`TRUE`, `false`/`False`/`FALSE` are booleans — `yes`, `no`, `on`, `off` stay text;
    /// - `-?(0|[1-9][0-9]*)(\.[0-9]+)?` is an exact decimal (`1234.50` is `Decimal(string: "1234.50")`);
    ///   a leading zero (`007`, `01`) keeps it text, as do exponents (`1e3`), `+5`, `.5`, and numbers with
    ///   more than 38 significant digits;
    /// - `yyyy-MM-dd` and `dd.MM.yyyy` naming a real day are dates; `2024-02-30` stays text;
    /// - everything else is text.
    ///
    /// Maps keep their written key order. Keys are taken as their text (`1:` is the key `"1"`); a list or
    /// map used as a key is the problem `data-complex-key`, and so, found before parsing, is an alias used
    /// as a key (`*a: 1`), or — in a file that uses aliases — any `?` key or list/map key (see
    /// `YAMLPrescan`: this keeps alias "bombs" out of Yams' key comparison). Anchors and aliases work, and so does the
    /// merge key `<<: *anchor` (or `<<: [*a, *b]`): the anchored map's fields are added after the map's own
    /// fields, which win; earlier merged maps win over later ones. A file that expands to more than
    /// `limits.maxValues` values — an alias, or a merge, counts its anchor's values each time it is
    /// used — is `data-too-large`, found before any value is built; nesting deeper than `maxDepth` is
    /// `data-depth`. A repeated
    /// key is `data-duplicate-key`; several documents (`---`) in one file are `data-multiple-documents`;
    /// other syntax errors are `data-syntax`, located at the line and column libyaml reports, with a
    /// Russian explanation of the usual causes (indentation, a colon inside text, an unclosed quote or
    /// bracket, tabs). An empty file is `.null`.
    ///
    /// Every value's start position is recorded in `LoadedData.positions` (an aliased value gets the
    /// position of its anchor); with `positions: false` none is (rendering needs none).
    public static func yaml(_ text: String, positions: Bool = true, limits: DataLimits = DataLimits()) throws(Problems) -> LoadedData {
        let text = text.droppingBOM
        let lines = LineTable(text, breaks: .yaml)
        if let problem = YAMLPrescan.keyProblem(lines) {
            throw Problems([problem])
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, Resolver.basic, Constructor.default, .utf8)
        } catch let error as YamlError {
            throw Problems(YAMLErrors.problems(from: error, lines: lines, text: text))
        } catch {
            throw Problems([Problem(
                code: "data-syntax",
                message: LocalizedText(ru: "не удалось прочитать YAML: \(error)", en: "cannot read YAML: \(error)"),
                hint: YAMLErrors.genericHint)])
        }
        guard let root else {
            return LoadedData(value: .null, positions: [.root: SourcePosition(line: 1, column: 1)])
        }
        var converter = YAMLConverter(lines: lines, maxValues: limits.maxValues)
        converter.keepsPositions = positions
        // A cheap first pass: refuse oversized (alias-expanded) or too deep data before building anything.
        var budget = YAMLBudget(maxValues: limits.maxValues)
        budget.visit(root, depth: 0)
        if let overflow = budget.overflow {
            throw Problems([converter.tooLargeProblem(at: overflow)])
        }
        if let tooDeep = budget.tooDeep {
            throw Problems([DataLoader.depthProblem(at: converter.position(tooDeep.mark))])
        }
        let value = converter.convert(root, path: .root, depth: 0)
        if !converter.problems.isEmpty {
            throw Problems(converter.problems)
        }
        return LoadedData(value: value, positions: converter.positions)
    }

    /// Types a plain (unquoted) YAML scalar; see `yaml(_:)`.
    static func yamlPlainScalar(_ text: String) -> Value {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let number = yamlNumber(text) { return .number(number) }
        if text.utf8.count == 10, let date = CalendarDate(parsing: text) { return .date(date) }
        return .string(text)
    }
}

/// Counts the values a node tree expands to (aliases repeat their anchor's values), stopping at the
/// first node past `maxValues` or deeper than `DataLoader.maxDepth`.
private struct YAMLBudget {
    let maxValues: Int
    var count = 0
    /// The node at which the count went over the limit.
    var overflow: Node?
    /// A node nested deeper than the limit.
    var tooDeep: Node?

    mutating func visit(_ node: Node, depth: Int) {
        guard overflow == nil, tooDeep == nil else { return }
        count += 1
        if count > maxValues { overflow = node; return }
        if depth > DataLoader.maxDepth { tooDeep = node; return }
        switch node {
        case .scalar, .alias:
            return
        case .sequence(let sequence):
            for item in sequence {
                visit(item, depth: depth + 1)
                if overflow != nil || tooDeep != nil { return }
            }
        case .mapping(let mapping):
            for (key, value) in mapping {
                // Merged maps stand at the level of the map that merges them.
                let merge = YAMLConverter.isMergeKey(key)
                visit(value, depth: merge ? depth : depth + 1)
                if overflow != nil || tooDeep != nil { return }
            }
        }
    }
}

/// Turns Yams nodes into values, recording positions and collecting problems.
private struct YAMLConverter {
    let lines: LineTable
    let maxValues: Int
    var positions: [FieldPath: SourcePosition] = [:]
    /// Whether every value's position is recorded.
    var keepsPositions = true
    var problems: [Problem] = []
    var nodeCount = 0
    /// Set once the file is too large or too deep: conversion stops.
    var stopped = false

    init(lines: LineTable, maxValues: Int, nodeCount: Int = 0) {
        self.lines = lines
        self.maxValues = maxValues
        self.nodeCount = nodeCount
    }

    func position(_ mark: Mark?) -> SourcePosition? {
        guard let mark else { return nil }
        return lines.position(line: mark.line, scalarColumn: mark.column)
    }

    func tooLargeProblem(at node: Node) -> Problem {
        Problem(
            code: "data-too-large", location: position(node.mark)?.location,
            message: LocalizedText(
                ru: "данных слишком много: больше \(Counted.valuesOf.ru(maxValues)) (с учётом повторов через ссылки *якорь)",
                en: "the data is too large: more than \(Counted.values.en(maxValues)) (counting what aliases repeat)"),
            hint: LocalizedText(
                ru: "Проверьте ссылки на якоря (*имя): похоже, они повторяют одни и те же данные слишком много раз. Если данные настоящие, поднимите предел: --max-values.",
                en: "Check the aliases (*name): they seem to repeat the same data too many times. If the data is genuine, raise the limit: --max-values."))
    }

    mutating func convert(_ node: Node, path: FieldPath, depth: Int) -> Value {
        if stopped { return .null }
        nodeCount += 1
        if nodeCount > maxValues {
            stopped = true
            problems.append(tooLargeProblem(at: node))
            return .null
        }
        if depth > DataLoader.maxDepth {
            stopped = true
            problems.append(DataLoader.depthProblem(at: position(node.mark)))
            return .null
        }
        if keepsPositions, let at = position(node.mark) { positions[path] = at }
        switch node {
        case .scalar(let scalar):
            return scalarValue(scalar)
        case .sequence(let sequence):
            var items: [Value] = []
            items.reserveCapacity(sequence.count)
            for (index, item) in sequence.enumerated() {
                items.append(convert(item, path: path.appending(index: index), depth: depth + 1))
                if stopped { break }
            }
            return .list(items)
        case .mapping(let mapping):
            return .map(convertMapping(mapping, path: path, depth: depth))
        case .alias:
            // Yams resolves aliases while composing; an unresolved one means nothing.
            return .null
        }
    }

    func scalarValue(_ scalar: Node.Scalar) -> Value {
        switch scalar.style {
        case .plain, .any:
            let tag = scalar.tag.description
            if tag == "tag:yaml.org,2002:str" || tag == "!" { return .string(scalar.string) }
            return DataLoader.yamlPlainScalar(scalar.string)
        case .singleQuoted, .doubleQuoted, .literal, .folded:
            return .string(scalar.string)
        }
    }

    static func isMergeKey(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain, scalar.string == "<<" { return true }
        return false
    }

    mutating func convertMapping(_ mapping: Node.Mapping, path: FieldPath, depth: Int) -> ValueMap {
        var map = ValueMap()
        var keyLines: [String: Int] = [:]
        var merges: [Node] = []
        for (keyNode, valueNode) in mapping {
            if stopped { return map }
            if YAMLConverter.isMergeKey(keyNode) {
                merges.append(valueNode)
                continue
            }
            guard case .scalar(let keyScalar) = keyNode else {
                problems.append(YAMLPrescan.complexKeyProblem(at: position(keyNode.mark)))
                continue
            }
            let key = keyScalar.string
            let at = position(keyNode.mark)
            if let firstLine = keyLines[key] {
                problems.append(DataLoader.duplicateKeyProblem(key, at: at, firstLine: firstLine))
                continue
            }
            keyLines[key] = at?.line ?? 0
            map[key] = convert(valueNode, path: path.appending(key: key), depth: depth + 1)
        }
        for merge in merges {
            var sources: [Node] = []
            switch merge {
            case .mapping: sources = [merge]
            case .sequence(let sequence): sources = Array(sequence)
            default: break
            }
            if sources.isEmpty || sources.contains(where: { $0.mapping == nil }) {
                problems.append(Problem(
                    code: "data-merge", location: position(merge.mark)?.location,
                    message: LocalizedText(
                        ru: "после «<<:» должна стоять ссылка на набор полей (*имя) или список таких ссылок",
                        en: "«<<:» must be followed by an alias of a map (*name) or a list of such aliases"),
                    hint: LocalizedText(
                        ru: "Напишите, например, «<<: *общее», где «общее» — якорь (&общее) набора полей.",
                        en: "Write, for example, «<<: *common», where «common» is the anchor (&common) of a map.")))
                continue
            }
            for source in sources {
                var sub = YAMLConverter(lines: lines, maxValues: maxValues, nodeCount: nodeCount)
                sub.keepsPositions = keepsPositions
                let merged = sub.convert(source, path: path, depth: depth)
                nodeCount = sub.nodeCount
                problems += sub.problems
                if sub.stopped { stopped = true; return map }
                guard case .map(let fields) = merged else { continue }
                var added: Set<String> = []
                for (key, value) in fields where map[key] == nil {
                    map[key] = value
                    added.insert(key)
                }
                // The positions of the fields taken, in one pass (not one pass per field).
                let level = path.components.count
                for (fieldPath, at) in sub.positions where fieldPath.components.count > level {
                    if case .key(let key) = fieldPath.components[level], added.contains(key) { positions[fieldPath] = at }
                }
            }
        }
        return map
    }
}

extension DataLoader {
    /// The problem for a repeated key (YAML or JSON).
    static func duplicateKeyProblem(_ key: String, at: SourcePosition?, firstLine: Int?) -> Problem {
        let ru: String
        let en: String
        if let firstLine, firstLine > 0 {
            ru = "ключ «\(key)» повторяется: он уже есть в строке \(firstLine)"
            en = "duplicate key «\(key)»: it already appears on line \(firstLine)"
        } else {
            ru = "ключ «\(key)» повторяется в одном наборе полей"
            en = "duplicate key «\(key)» in one map"
        }
        return Problem(
            code: "data-duplicate-key", location: at?.location,
            message: LocalizedText(ru: ru, en: en),
            hint: LocalizedText(
                ru: "Оставьте одно из значений или переименуйте один из ключей.",
                en: "Keep one of the values or rename one of the keys."))
    }

    /// The problem for nesting deeper than `maxDepth` (YAML or JSON).
    static func depthProblem(at: SourcePosition?) -> Problem {
        Problem(
            code: "data-depth", location: at?.location,
            message: LocalizedText(
                ru: "данные вложены слишком глубоко: больше \(Counted.levelsOf.ru(maxDepth)) списков и наборов полей",
                en: "the data is nested too deeply: more than \(Counted.levelsOf.en(maxDepth)) of lists and maps"),
            hint: LocalizedText(
                ru: "Упростите структуру данных; для документа хватает нескольких уровней.",
                en: "Simplify the data; a document needs only a few levels."))
    }
}

/// A cheap look over YAML text before parsing, for the one thing that must be refused before Yams sees it.
///
/// Yams compares mapping keys by hashing whole key nodes; a key that is (or contains) an alias of a big
/// aliased structure would make that hashing run for ages ("billion laughs" through keys). Keys in data
/// for documents are names, so Shablon refuses an alias used as a key, and — when the file uses aliases at
/// all — a list or map used as a key and the explicit key indicator `?`. The look is lexical and
/// deliberately blind to quotes and comments (skipping them would need a full YAML scanner, and a wrong
/// skip could hide a key): it may refuse a rare harmless file, such as one with the text `*Note:`, but
/// never lets a dangerous key through.
enum YAMLPrescan {
    static func complexKeyProblem(at: SourcePosition?) -> Problem {
        Problem(
            code: "data-complex-key", location: at?.location,
            message: LocalizedText(
                ru: "ключом может быть только текст, а здесь ключ — список, набор полей или ссылка на якорь (*имя)",
                en: "a key must be text, but here it is a list, a map or an alias (*name)"),
            hint: LocalizedText(
                ru: "Пишите поля как «название: значение»; ссылки (*имя) ставьте только после двоеточия.",
                en: "Write fields as «name: value»; put aliases (*name) only after the colon."))
    }

    /// Where the first key that is not text (a list or map after «?», a flow collection or an alias
    /// before «:») seems to stand, by the text alone.
    static func firstComplexKey(_ lines: LineTable) -> SourcePosition? {
        let found = scan(lines)
        return (found.aliasKey ?? found.otherComplexKey).flatMap { lines.position(ofScalar: $0) }
    }

    static func keyProblem(_ lines: LineTable) -> Problem? {
        let found = scan(lines)
        if let aliasKey = found.aliasKey { return complexKeyProblem(at: lines.position(ofScalar: aliasKey)) }
        if found.hasAlias, let otherComplexKey = found.otherComplexKey { return complexKeyProblem(at: lines.position(ofScalar: otherComplexKey)) }
        return nil
    }

    private static func scan(_ lines: LineTable) -> (hasAlias: Bool, aliasKey: Int?, otherComplexKey: Int?) {
        let s = lines.scalars
        let n = s.count
        var hasAlias = false
        var aliasKey: Int?
        var otherComplexKey: Int?
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" }
        func isBreak(_ c: Unicode.Scalar) -> Bool { c == "\n" || c == "\r" }
        func isAnchorChar(_ c: Unicode.Scalar) -> Bool {
            (c >= "0" && c <= "9") || (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || c == "_" || c == "-"
        }
        /// Skips spaces, tabs and line breaks from `j`; returns the next index.
        func skipBlank(_ j: Int) -> Int {
            var j = j
            while j < n, isSpace(s[j]) || isBreak(s[j]) { j += 1 }
            return j
        }
        var i = 0
        while i < n {
            let c = s[i]
            let previous: Unicode.Scalar = i > 0 ? s[i - 1] : "\n"
            let atBoundary = isSpace(previous) || isBreak(previous) || "[{,".unicodeScalars.contains(previous)
            switch c {
            case "*" where i + 1 < n && isAnchorChar(s[i + 1]):
                hasAlias = true
                var j = i + 1
                while j < n, isAnchorChar(s[j]) { j += 1 }
                let next = skipBlank(j)
                if atBoundary || previous == ":", next < n, s[next] == ":", aliasKey == nil { aliasKey = i }
                i = j
                continue
            case "]", "}":
                let next = skipBlank(i + 1)
                if next < n, s[next] == ":", otherComplexKey == nil { otherComplexKey = i }
            case "?" where atBoundary || previous == "-":
                if i + 1 >= n || isSpace(s[i + 1]) || isBreak(s[i + 1]), otherComplexKey == nil {
                    otherComplexKey = i
                }
            default:
                break
            }
            i += 1
        }
        return (hasAlias, aliasKey, otherComplexKey)
    }
}
