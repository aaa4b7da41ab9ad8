import Foundation
import ShablonData
import ShablonRussian
import ShablonXML

/// Options for one render.
public struct RenderOptions: Sendable {
    /// Print names the data does not have as empty text instead of failing.
    public var allowMissing = false
    /// The end of the hint for a missing value: how the caller lets values be missing (the command line
    /// names its flag here; the engine knows no flags).
    public var allowMissingAdvice = LocalizedText(ru: "или разрешите пустые поля (allowMissing)", en: "or allow missing fields (allowMissing)")
    /// Finds the image an `image` tag names (a path or base64 data); nil: images are refused.
    public var images: (@Sendable (String) -> ImageLookup)?
    /// The first drawing id this part may use (ids must be unique in the whole document).
    public var drawingIDBase = 1000
    /// DOCX: the first numbering id (`w:num`) this part may add for lists restarted by
    /// `нумерация-заново`; 0 when the package has no numbering part (lists are then left as they are).
    public var numberingIDBase = 0
    /// The most bytes one filled part may grow to: 256 MiB by default, as much as the reader takes of
    /// one part (`ZipLimits.maxEntrySize`). Loops multiply their content by their data, and nested loops
    /// or YAML aliases can ask for gigabytes from a few hundred bytes; a render that would write more
    /// stops as soon as it passes the limit, with the error `output-too-large` naming the loop.
    public var maxOutputSize = 256 << 20
    /// The most bytes the filled parts of one document may add up to: 1 GiB by default, as much as the
    /// reader takes of a whole document (`ZipLimits.maxTotalSize`); past it the error is
    /// `output-too-large` too.
    public var maxDocumentOutputSize = 1 << 30
    /// The bytes the document's parts filled before this one hold (`DocumentTemplate.render` sets it):
    /// this part may write what they left of `maxDocumentOutputSize`.
    public var documentOutputBefore = 0

    /// The defaults: missing values are errors.
    public init(allowMissing: Bool = false, images: (@Sendable (String) -> ImageLookup)? = nil) {
        self.allowMissing = allowMissing
        self.images = images
    }
}

/// DOCX: a numbering instance a render added so that a list restarts: `id` is a copy of `original`
/// (same list definition) that starts again from the first number.
public struct NumberingCopy: Sendable, Equatable {
    public var id: Int
    public var original: Int
    public init(id: Int, original: Int) {
        self.id = id
        self.original = original
    }
}

/// One level of the data scope: the root data, or the current item of a loop.
struct Frame {
    var value: Value
    var isLoop = false
    var index = 0
    var count = 0
    var key: String?
}

/// Fills a program with data, writing the part's bytes and collecting every problem.
struct Renderer {
    let program: Program
    let dialect: Dialect
    let options: RenderOptions
    var out: [UInt8] = []
    var frames: [Frame]
    var problems: [Problem] = []
    /// Problems already reported, keyed by tag and code, with how often they recurred.
    var seen: [String: Int] = [:]
    var problemKeys: [String] = []
    /// Media files this render added, by content (one image used many times is stored once).
    var media: [EmbeddedMedia] = []
    var mediaByHash: [String: Int] = [:]
    var drawings = 0
    var guards: [Bool] = []
    /// Numbering copies added (`нумерация-заново`).
    var numberings: [NumberingCopy] = []
    /// Per restarting block: original numbering id → the copy of the current repetition.
    var numberingMaps: [ObjectIdentifier: [String: Int]] = [:]

    /// A table with column loops being written: column counts by range, and what waits for them.
    final class TableState {
        var counts: [ObjectIdentifier: Int] = [:]
        /// A range's columns' shares of its width (`ширины`), and the column being written.
        var weights: [ObjectIdentifier: [Double]] = [:]
        var column: [ObjectIdentifier: Int] = [:]
        var pending: [(at: Int, what: Pending)] = []
    }
    enum Pending {
        case value(DynamicValue)
        case repeatColumns(ColumnRepeat, [Program.Op])
    }
    var tables: [TableState] = []
    var resolving = false
    /// ODF: where the divided column styles go, and the styles.
    var stylesAt: Int?
    var addedStyles: [UInt8] = []
    var styleNames: Set<String> = []
    /// ODF: whether a plain space written now would show (the last character written is text); see
    /// `Flattener.spaceShows`.
    var spaceShows = false
    /// The most bytes this render may write (`RenderOptions.maxOutputSize`, or what the document has
    /// left when that is less), bytes written outside `out` for now (a table's content while its columns
    /// are counted), and whether the render stopped at the limit.
    let budget: Int
    var aside = 0
    private(set) var stopped = false
    /// The loops being repeated, outermost first, and the last value tag written: what a message about
    /// the limit names.
    var loops: [Block] = []
    var lastTag: Tag?

    init(program: Program, dialect: Dialect, data: Value, options: RenderOptions) {
        self.program = program
        self.dialect = dialect
        self.options = options
        frames = [Frame(value: data)]
        budget = max(0, min(options.maxOutputSize, options.maxDocumentOutputSize - options.documentOutputBefore))
        out.reserveCapacity(min(budget, program.bytes.count + program.bytes.count / 2))
    }

    mutating func run() {
        execute(program.ops)
        if !addedStyles.isEmpty, let at = stylesAt { out.insert(contentsOf: addedStyles, at: at) }
        _ = withinBudget()
        if stopped { out = [] }
    }

    /// True while the output is within the budget; the first time it is not, reports `output-too-large`
    /// and stops the render (every loop and op checks `stopped`). Called before each op, so the output
    /// passes the limit by at most one op's bytes: a piece of the template or one value.
    mutating func withinBudget(adding extra: Int = 0) -> Bool {
        if stopped { return false }
        guard aside + out.count + extra > budget else { return true }
        stopped = true
        let document = budget < options.maxOutputSize
        let mib = Renderer.mebibytes(document ? options.maxDocumentOutputSize : options.maxOutputSize)
        let whole = document ? ("весь документ", "the whole document") : ("часть документа", "the part")
        let option = document ? "--max-package-size" : "--max-output-size"
        var ru = "\(whole.0) после заполнения больше предела \(mib) МиБ"
        var en = "\(whole.1) grows past the limit of \(mib) MiB when filled"
        let tag = loops.first?.open ?? lastTag
        if let loop = loops.first {
            let inner = loops.count - 1
            ru += ": цикл \(loop.open.raw) повторяет слишком много текста" + (inner > 0 ? " (вложенных в него циклов: \(inner))" : "")
            en += ": the loop \(loop.open.raw) repeats too much text" + (inner > 0 ? " (with \(inner) more \(Counted.loops.enWord(inner)) nested in it)" : "")
        } else if let t = lastTag {
            ru += ": значение \(t.raw) слишком велико"
            en += ": the value \(t.raw) is too large"
        }
        problems.append(Problem(code: .outputTooLarge, part: tag?.part, location: tag?.location, tag: tag?.raw,
                                message: LocalizedText(ru: ru, en: en),
                                hint: LocalizedText(ru: "Проверьте данные цикла: не слишком ли длинны списки, не повторяют ли их ссылки YAML (*якорь), не вложены ли циклы друг в друга без нужды. Если документ действительно так велик, поднимите предел: \(option) (МиБ).",
                                                    en: "Check the loop's data: lists too long, repeated by YAML aliases (*anchor), loops nested without need. If the document really is this large, raise the limit: \(option) (MiB).")))
        return false
    }

    /// A limit in whole mebibytes (at least 1 when it is not 0), for messages.
    static func mebibytes(_ bytes: Int) -> Int { bytes <= 0 ? 0 : max(1, bytes >> 20) }

    mutating func execute(_ ops: [Program.Op]) {
        for op in ops {
            guard withinBudget() else { return }
            switch op {
            case .markup(let a, let b):
                program.bytes.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[a..<b])) }
            case .value(let tag, let expr, let markup):
                if expr.filters.last?.name == "image" {
                    image(tag, expr, markup)
                    continue
                }
                lastTag = tag
                let v = evaluate(expr, tag: tag, forBlock: false)
                if let text = display(v, tag: tag), withinBudget(adding: text.utf8.count) { write(text, tag: tag, markup: markup) }
            case .block(let b):
                block(b)
            case .guardBegin:
                guards.append(false)
            case .guardMark:
                if !guards.isEmpty { guards[guards.count - 1] = true }
            case .guardEnd(let a, let b):
                if guards.popLast() == false {
                    program.bytes.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[a..<b])) }
                }
            case .dynamic(let v):
                dynamic(v)
            case .tableBegin:
                tables.append(TableState())
            case .tableEnd:
                endTable()
            case .columnRepeat(let r, let body):
                if let n = count(r.range) {
                    for k in 0..<r.times(n) where !stopped {
                        if r.mode == .perColumn { tables.last?.column[ObjectIdentifier(r.range)] = k }
                        execute(body)
                    }
                } else if let t = tables.last {
                    t.pending.append((out.count, .repeatColumns(r, body)))
                }
            case .stylesSlot:
                stylesAt = out.count
            case .textState(let shows):
                spaceShows = shows
            case .spaces(let k, let prefix):
                raw(Program.spaces(k, afterText: spaceShows, prefix: prefix))
                spaceShows = false
            }
        }
    }

    mutating func block(_ op: Program.BlockOp) {
        let b = op.block
        let v = evaluate(b.expression, tag: b.open, forBlock: true)
        if let r = b.columnRange { columnCount(r, v, b) }
        let restart = b.expression.options.contains(.restartNumbering)
        switch b.kind {
        case .if:
            execute((v?.isTruthy ?? false) ? op.body : op.otherwise)
        case .unless:
            execute((v?.isTruthy ?? false) ? op.otherwise : op.body)
        case .each:
            loops.append(b)
            defer { loops.removeLast() }
            switch v {
            case .list(let items)? where !items.isEmpty:
                for (i, item) in items.enumerated() where !stopped {
                    if let r = b.columnRange { tables.last?.column[ObjectIdentifier(r)] = i }
                    frames.append(Frame(value: item, isLoop: true, index: i, count: items.count))
                    if restart { numberingMaps[ObjectIdentifier(b)] = [:] }
                    let start = out.count
                    execute(op.body)
                    if i > 0 && b.expression.options.contains(.pageBreak) { pageBreak(at: start, block: b) }
                    frames.removeLast()
                }
            case .map(let m)? where !m.isEmpty:
                var i = 0
                for (k, item) in m where !stopped {
                    frames.append(Frame(value: item, isLoop: true, index: i, count: m.count, key: k))
                    if restart { numberingMaps[ObjectIdentifier(b)] = [:] }
                    execute(op.body)
                    frames.removeLast()
                    i += 1
                }
            case nil, .null?, .list?, .map?, .bool(false)?, .string("")?:
                execute(op.otherwise)
            case let other?:
                report(.notAList, b.open,
                       ru: "«\(b.expression.path)» — \(other.kindName) «\(Renderer.short(other))», а {{#each}} перебирает список",
                       en: "'\(b.expression.path)' is \(Renderer.englishKind(other)) '\(Renderer.short(other))', but {{#each}} goes over a list",
                       hintRu: "Сделайте поле списком (в YAML — строки, начинающиеся с «- ») или используйте {{#if}}.",
                       hintEn: "Make the field a list (YAML lines starting with '- ') or use {{#if}}.")
            }
        }
    }

    // MARK: - Values

    static func short(_ v: Value) -> String {
        var s: String
        switch v {
        case .string(let t): s = t
        case .number(let d): s = RussianFormat.plain(d)
        case .bool(let b): s = b ? "да" : "нет"
        case .date(let d): s = RussianFormat.date(year: d.year, month: d.month, day: d.day, pattern: RussianFormat.defaultDatePattern)
        case .null: s = ""
        case .list(let l): s = "[\(l.count)]"
        case .map(let m): s = "{" + m.keys.prefix(3).joined(separator: ", ") + (m.count > 3 ? ", …" : "") + "}"
        }
        if s.count > 40 { s = String(s.prefix(40)) + "…" }
        return s
    }

    static func englishKind(_ v: Value) -> String {
        switch v {
        case .null: return "empty"
        case .bool: return "a yes/no value"
        case .number: return "a number"
        case .string: return "text"
        case .date: return "a date"
        case .list: return "a list"
        case .map: return "a set of fields"
        }
    }

    mutating func report(_ code: Problem.Code, _ tag: Tag, ru: String, en: String, hintRu: String, hintEn: String,
                                 severity: Problem.Severity = .error) {
        let key = "\(ObjectIdentifier(tag).hashValue)|\(code)"
        if let n = seen[key] {
            seen[key] = n + 1
            return
        }
        seen[key] = 1
        problemKeys.append(key)
        var loc = ru, locEn = en
        if let f = frames.last, f.isLoop {
            loc += " (элемент № \(f.index + 1))"
            locEn += " (item \(f.index + 1))"
        }
        problems.append(Problem(severity, code: code, part: tag.part, location: tag.location, tag: tag.raw,
                                message: LocalizedText(ru: loc, en: locEn), hint: LocalizedText(ru: hintRu, en: hintEn)))
    }

    /// Adds "and N more times" to problems that recurred in loops.
    mutating func finishProblems() {
        for (i, key) in problemKeys.enumerated() {
            guard let n = seen[key], n > 1 else { continue }
            problems[i].message.ru += " (и ещё \(Counted.times.ru(n - 1)))"
            problems[i].message.en += " (and \(n - 1) more \(Counted.times.enWord(n - 1)))"
        }
    }

    func lookup(_ path: Path) -> Value? {
        var v: Value?
        switch path.head {
        case .this:
            v = frames.last?.value
        case .loopVariable(let name):
            guard let f = frames.last(where: { $0.isLoop }) else { return nil }
            switch name {
            case "index": v = .number(Decimal(f.index))
            case "number": v = .number(Decimal(f.index + 1))
            case "first": v = .bool(f.index == 0)
            case "last": v = .bool(f.index == f.count - 1)
            case "key": v = f.key.map { .string($0) } ?? .null
            default: return nil
            }
        case .name(let n):
            for f in frames.reversed() {
                if case .map(let m) = f.value, let x = m[n] { v = x; break }
            }
        }
        for step in path.steps {
            guard let cur = v else { return nil }
            switch (step, cur) {
            case (.key(let k), .map(let m)): v = m[k]
            case (.index(let i), .list(let l)): v = i >= 0 && i < l.count ? l[i] : nil
            case (.index(let i), .map(let m)): v = m[String(i)]
            default: return nil
            }
        }
        return v
    }

    /// The known name nearest to the first missing step of a path, for "did you mean".
    func suggestion(for path: Path) -> String? {
        var names: [String] = []
        for f in frames.reversed() { if case .map(let m) = f.value { names += m.keys } }
        guard case .name(let head) = path.head else { return nil }
        var missing = head
        for k in path.steps.indices {
            guard let v = lookup(Path(head: path.head, steps: Array(path.steps[..<k]))) else { break }
            guard case .map(let m) = v, case .key(let step) = path.steps[k] else { return nil }
            names = m.keys
            missing = step
        }
        return TagParser.nearest(missing, in: names)
    }

    mutating func evaluate(_ expr: Expression, tag: Tag, forBlock: Bool) -> Value? {
        var v = lookup(expr.path)
        if v == nil && !forBlock && !expr.hasDefault {
            if !options.allowMissing {
                let near = suggestion(for: expr.path)
                report(.missingValue, tag,
                       ru: "в данных нет поля «\(expr.path)»",
                       en: "the data has no field '\(expr.path)'",
                       hintRu: (near.map { "Возможно, имелось в виду «\($0)». " } ?? "") + "Добавьте поле в данные, допишите в тег | default: \"—\" " + options.allowMissingAdvice.ru + ".",
                       hintEn: (near.map { "Did you mean '\($0)'? " } ?? "") + "Add the field to the data, add | default: \"—\" to the tag, " + options.allowMissingAdvice.en + ".")
            }
            v = .null
        }
        for f in expr.filters {
            v = apply(f, to: v, tag: tag)
        }
        return v
    }

    /// The value as plain text (docs/template-language.md: how values are printed), or nil after reporting a value that
    /// cannot be printed.
    mutating func display(_ v: Value?, tag: Tag) -> String? {
        guard let v else { return nil }
        switch v {
        case .null: return ""
        case .string(let s): return s
        case .number(let d): return RussianFormat.plain(d)
        case .bool(let b): return b ? "да" : "нет"
        case .date(let d): return RussianFormat.date(year: d.year, month: d.month, day: d.day, pattern: RussianFormat.defaultDatePattern)
        case .list, .map:
            report(.notPrintable, tag,
                   ru: "«\(tag.raw)» — \(v.kindName), его нельзя вставить как текст",
                   en: "'\(tag.raw)' is \(Renderer.englishKind(v)) and cannot be printed as text",
                   hintRu: "Для списка используйте {{#each …}} или фильтр | join: \", \"; для набора полей — укажите поле через точку.",
                   hintEn: "For a list use {{#each …}} or | join: \", \"; for a set of fields name one field with a dot.")
            return nil
        }
    }

    // MARK: - Writing text

    mutating func raw(_ s: String) {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Writes inserted text: escaped, with line breaks and tabs as the format writes them, runs of
    /// spaces kept in ODF, and characters XML cannot hold dropped with a warning. Works on the UTF-8
    /// bytes in one pass.
    mutating func write(_ text: String, tag: Tag, markup: Tag.Markup) {
        let lineBreak = markup.lineBreak, tab = markup.tab, p = markup.prefix
        let keepsSpaces = dialect.spacesNeedElements
        var dropped = false
        var endsAfterText: Bool?
        var text = text
        text.withUTF8 { b in
            let n = b.count
            var run = 0
            var i = 0
            var afterText = false
            @inline(__always) func flush(_ r: inout Renderer, _ to: Int) {
                if to > run { r.out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<to])) }
            }
            while i < n {
                let c = b[i]
                if c >= 0x20 && c != UInt8(ascii: "&") && c != UInt8(ascii: "<") && c != UInt8(ascii: ">") && c != 0xEF
                    && !(keepsSpaces && c == 0x20) {
                    afterText = true
                    i += 1
                    continue
                }
                flush(&self, i)
                switch c {
                case UInt8(ascii: "&"): raw("&amp;"); afterText = true; i += 1
                case UInt8(ascii: "<"): raw("&lt;"); afterText = true; i += 1
                case UInt8(ascii: ">"): raw("&gt;"); afterText = true; i += 1
                case 0x20:
                    // ODF collapses runs of spaces and drops leading ones: keep them with text:s.
                    var k = 0
                    while i < n && b[i] == 0x20 { k += 1; i += 1 }
                    if afterText { out.append(0x20); k -= 1 }
                    if k > 0 { raw(k == 1 ? "<\(p)s/>" : "<\(p)s \(p)c=\"\(k)\"/>") }
                    afterText = false
                case 0xEF:
                    // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters.
                    if i + 2 < n && b[i + 1] == 0xBF && (b[i + 2] == 0xBE || b[i + 2] == 0xBF) {
                        dropped = true
                        i += 3
                    } else {
                        afterText = true
                        i += 1
                        run = i - 1
                        continue
                    }
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    raw(lineBreak)
                    if c == UInt8(ascii: "\r") && i + 1 < n && b[i + 1] == UInt8(ascii: "\n") { i += 1 }
                    afterText = false
                    i += 1
                case UInt8(ascii: "\t"):
                    raw(tab)
                    afterText = false
                    i += 1
                default:
                    dropped = true
                    i += 1
                }
                run = i
            }
            flush(&self, n)
            if n > 0 { endsAfterText = afterText }
        }
        if keepsSpaces, let e = endsAfterText { spaceShows = e }
        if dropped {
            let clean = String(text.unicodeScalars.filter { !(($0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r") || $0.value == 0xFFFE || $0.value == 0xFFFF) })
            report(.controlCharacter, tag,
                   ru: "в значении «\(Renderer.short(.string(clean)))» были управляющие символы, они удалены",
                   en: "the value '\(Renderer.short(.string(clean)))' held control characters; they were dropped",
                   hintRu: "Проверьте данные: такие символы появляются при копировании из других программ.",
                   hintEn: "Check the data: such characters come from copying out of other programs.",
                   severity: .warning)
        }
    }
}
