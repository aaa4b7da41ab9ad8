import Foundation
import ShablonData
import ShablonRussian
import ShablonXML

/// Options for one render.
public struct RenderOptions: Sendable {
    /// Print names the data does not have as empty text instead of failing (`--allow-missing`).
    public var allowMissing = false
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
    private var seen: [String: Int] = [:]
    private var problemKeys: [String] = []
    /// Media files this render added, by content (one image used many times is stored once).
    var media: [EmbeddedMedia] = []
    private var mediaByHash: [String: Int] = [:]
    private var drawings = 0
    private var guards: [Bool] = []
    /// Numbering copies added (`нумерация-заново`).
    var numberings: [NumberingCopy] = []
    /// Per restarting block: original numbering id → the copy of the current repetition.
    private var numberingMaps: [ObjectIdentifier: [String: Int]] = [:]

    /// A table with column loops being written: column counts by range, and what waits for them.
    private final class TableState {
        var counts: [ObjectIdentifier: Int] = [:]
        var pending: [(at: Int, what: Pending)] = []
    }
    private enum Pending {
        case value(DynamicValue)
        case repeatColumns(ColumnRepeat, [Program.Op])
    }
    private var tables: [TableState] = []
    private var resolving = false
    /// ODF: where the divided column styles go, and the styles.
    private var stylesAt: Int?
    private var addedStyles: [UInt8] = []
    private var styleNames: Set<String> = []
    /// ODF: whether a plain space written now would show (the last character written is text); see
    /// `Flattener.spaceShows`.
    private var spaceShows = false
    /// The most bytes this render may write (`RenderOptions.maxOutputSize`, or what the document has
    /// left when that is less), bytes written outside `out` for now (a table's content while its columns
    /// are counted), and whether the render stopped at the limit.
    private let budget: Int
    private var aside = 0
    private(set) var stopped = false
    /// The loops being repeated, outermost first, and the last value tag written: what a message about
    /// the limit names.
    private var loops: [Block] = []
    private var lastTag: Tag?

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
    private mutating func withinBudget(adding extra: Int = 0) -> Bool {
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
            en += ": the loop \(loop.open.raw) repeats too much text" + (inner > 0 ? " (with \(inner) more loop(s) nested in it)" : "")
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

    private mutating func execute(_ ops: [Program.Op]) {
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
                    for _ in 0..<r.times(n) where !stopped { execute(body) }
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

    private mutating func block(_ op: Program.BlockOp) {
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

    // MARK: - Page breaks

    /// Starts the repetition written from `start` on a new page. DOCX: a page break as the first run of
    /// its first paragraph (no empty line is left at the top of the page). ODF: an empty paragraph of the
    /// `ShablonPageBreak` style (break before, 1 pt) ahead of it; the style is added when compiling.
    private mutating func pageBreak(at start: Int, block: Block) {
        let p = block.open.prefix.isEmpty ? "" : block.open.prefix + ":"
        switch dialect.textStyle {
        case .wordprocessing:
            let open1 = Array("<\(p)p>".utf8), open2 = Array("<\(p)p ".utf8)
            var insertAt = start
            if let i = find(open1, from: start) ?? find(open2, from: start) {
                guard let close = out[i...].firstIndex(of: UInt8(ascii: ">")) else { return }
                insertAt = close + 1
                // After the paragraph's properties, which must come first.
                let pPr = Array("<\(p)pPr".utf8)
                if out.count >= insertAt + pPr.count, Array(out[insertAt..<(insertAt + pPr.count)]) == pPr {
                    let close = Array("</\(p)pPr>".utf8)
                    if let end = find(close, from: insertAt) { insertAt = end + close.count }
                    else if let selfClose = out[insertAt...].firstIndex(of: UInt8(ascii: ">")), out[selfClose - 1] == UInt8(ascii: "/") { insertAt = selfClose + 1 }
                }
            }
            insert(Array("<\(p)r><\(p)br \(p)type=\"page\"/></\(p)r>".utf8), at: insertAt)
        case .openDocument:
            insert(Array("<\(p)p \(p)style-name=\"ShablonPageBreak\"/>".utf8), at: start)
        case .plain:
            break
        }
    }

    /// Inserts bytes already written over, keeping the places that wait for column counts right.
    private mutating func insert(_ bytes: [UInt8], at: Int) {
        out.insert(contentsOf: bytes, at: at)
        for t in tables {
            for k in t.pending.indices where t.pending[k].at >= at { t.pending[k].at += bytes.count }
        }
        if let s = stylesAt, s >= at { stylesAt = s + bytes.count }
    }

    // MARK: - Columns and numbering

    /// The number of columns a range has in the table being written (nil: not known yet).
    private func count(_ r: ColumnRange) -> Int? {
        guard let t = tables.last else { return 1 }
        if let n = t.counts[ObjectIdentifier(r)] { return n }
        return resolving ? 1 : nil
    }

    /// A column loop sets its table's column count; another loop over the same columns must agree.
    private mutating func columnCount(_ r: ColumnRange, _ v: Value?, _ b: Block) {
        guard let t = tables.last else { return }
        let n: Int
        switch v {
        case .list(let items)?: n = items.count
        case .map(let m)?: n = m.count
        default: n = 0
        }
        let id = ObjectIdentifier(r)
        guard let known = t.counts[id] else {
            t.counts[id] = n
            return
        }
        if known != n {
            report(.columnCount, b.open,
                   ru: "в этой строке \(n) столбцов, а в таблице \(known) (по первому циклу по этим столбцам)",
                   en: "this row has \(n) columns, the table \(known) (from the first loop over these columns)",
                   hintRu: "Все циклы по одним столбцам должны перебирать списки одной длины.",
                   hintEn: "All loops over the same columns must go over lists of one length.", severity: .warning)
        }
    }

    private mutating func dynamic(_ v: DynamicValue) {
        if case .numbering(let original, let block) = v {
            var text = original
            if options.numberingIDBase > 0, let orig = Int(original), var map = numberingMaps[ObjectIdentifier(block)] {
                if let id = map[original] {
                    text = String(id)
                } else {
                    let id = options.numberingIDBase + numberings.count
                    numberings.append(NumberingCopy(id: id, original: orig))
                    map[original] = id
                    numberingMaps[ObjectIdentifier(block)] = map
                    text = String(id)
                }
            }
            out.append(contentsOf: Array(text.utf8))
            return
        }
        guard let range = v.range, let n = count(range) else {
            tables.last?.pending.append((out.count, .value(v)))
            return
        }
        out.append(contentsOf: Array(dynamicText(v, n).utf8))
    }

    private mutating func dynamicText(_ v: DynamicValue, _ n: Int) -> String {
        switch v {
        case .share(let value, let suffix, _):
            let share = n > 0 ? value / Double(n) : value
            return suffix == "%" ? Renderer.decimal(share, places: 2) + "%" : String(Int(share.rounded()))
        case .span(let base, let r):
            return String(max(1, base + (n - 1) * r.width))
        case .columnStyle(let s):
            guard n > 1, s.width != nil || s.relative != nil else { return Renderer.attributeEscaped(s.name) }
            let name = s.name(count: n)
            if styleNames.insert(name).inserted {
                let p = s.prefix
                var props = ""
                if let (w, unit) = s.width { props += " \(p)column-width=\"\(Renderer.decimal(w / Double(n), places: 4))\(unit)\"" }
                if let r = s.relative { props += " \(p)rel-column-width=\"\(Int((r / Double(n)).rounded()))*\"" }
                addedStyles.append(contentsOf: Array(("<\(p)style \(p)name=\"\(Renderer.attributeEscaped(name))\" \(p)family=\"table-column\">"
                    + "<\(p)table-column-properties\(props)/></\(p)style>").utf8))
            }
            return Renderer.attributeEscaped(name)
        case .numbering(let original, _):
            return original
        }
    }

    /// The table ends: what waited for a column count is written where it stands (a range no loop
    /// reached keeps the template's columns).
    private mutating func endTable() {
        guard let t = tables.last else { return }
        resolving = true
        for (at, what) in t.pending.sorted(by: { $0.at > $1.at }) where !stopped {
            var piece: [UInt8] = []
            swap(&out, &piece)
            aside += piece.count
            switch what {
            case .value(let v):
                out.append(contentsOf: Array(dynamicText(v, v.range.flatMap { count($0) } ?? 1).utf8))
            case .repeatColumns(let r, let body):
                let n = count(r.range) ?? 1
                for _ in 0..<r.times(n) where !stopped { execute(body) }
            }
            aside -= piece.count
            swap(&out, &piece)
            out.insert(contentsOf: piece, at: at)
        }
        resolving = false
        tables.removeLast()
    }

    /// A number with at most `places` decimals, trailing zeros dropped (`2.5`, `1.3333`).
    static func decimal(_ v: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((v * scale).rounded())
        let whole = scaled / Int(scale), frac = abs(scaled % Int(scale))
        guard frac > 0 else { return (scaled < 0 && whole == 0 ? "-" : "") + String(whole) }
        var f = String(frac)
        while f.count < places { f = "0" + f }
        while f.hasSuffix("0") { f.removeLast() }
        return (scaled < 0 && whole == 0 ? "-" : "") + String(whole) + "." + f
    }

    /// Text escaped for an attribute value, as the rest of the part is written (`XMLWriter`).
    static func attributeEscaped(_ s: String) -> String {
        var w = XMLWriter()
        w.attributeValue(s)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    private func find(_ needle: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, out.count >= needle.count else { return nil }
        var i = from
        let last = out.count - needle.count
        while i <= last {
            if out[i] == needle[0] && Array(out[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    // MARK: - Images

    /// The media file for an image's bytes, added once.
    private mutating func mediaFile(_ bytes: [UInt8], _ format: ImageData.Format) -> EmbeddedMedia {
        let hash = contentHash(bytes)
        if let i = mediaByHash[hash] { return media[i] }
        let odt = dialect.textStyle == .openDocument
        let name = (odt ? "Pictures/" : "media/") + "shablon-\(hash).\(format.fileExtension)"
        let m = EmbeddedMedia(name: name, bytes: bytes, mediaType: format.mediaType,
                              relationshipID: odt ? "" : "rIdShablon\(hash.prefix(12))")
        mediaByHash[hash] = media.count
        media.append(m)
        return m
    }

    /// `{{ x | image }}`, `{{ x | image: "3cm" }}`: a picture in the run (DOCX) or the paragraph (ODT),
    /// width as given (height keeps the aspect) or the natural size up to 16 cm.
    private mutating func image(_ tag: Tag, _ expr: Expression, _ markup: Tag.Markup) {
        var inner = expr
        let call = inner.filters.removeLast()
        guard let v = evaluate(inner, tag: tag, forBlock: false) else { return }
        if case .null = v { return }
        guard case .string(let reference) = v, !reference.isEmpty else {
            report(.imageFailed, tag, ru: "для картинки нужен путь к файлу или данные base64, а здесь \(v.kindName)",
                   en: "an image needs a file path or base64 data, found \(Renderer.englishKind(v))",
                   hintRu: "Укажите в данных путь к файлу PNG, JPEG или SVG (относительно файла данных).",
                   hintEn: "Give the path of a PNG, JPEG or SVG file (relative to the data file).")
            return
        }
        guard dialect.textStyle != .plain, let resolver = options.images else {
            report(.imageFailed, tag, ru: "картинку здесь вставить нельзя", en: "an image cannot be inserted here",
                   hintRu: "Картинки вставляются в текст документа, таблицы и колонтитулы.",
                   hintEn: "Images go into the document text, tables, headers and footers.")
            return
        }
        var requested: Double?
        if let arg = call.arguments.first {
            guard let w = centimetres(arg.text), w > 0, w < 100 else {
                report(.filterArguments, tag, ru: "ширина картинки «\(arg.text)» не читается", en: "image width '\(arg.text)' cannot be read",
                       hintRu: "Пишите ширину так: \"3cm\", \"30mm\", \"1.5in\".", hintEn: "Write the width as \"3cm\", \"30mm\", \"1.5in\".")
                return
            }
            requested = w
        }
        let img: ImageData
        switch resolver(reference) {
        case .image(let i): img = i
        case .failure(let why):
            report(.imageFailed, tag, ru: "картинка «\(Renderer.short(.string(reference)))» не вставлена: \(why.ru)",
                   en: "image '\(Renderer.short(.string(reference)))' not inserted: \(why.en)",
                   hintRu: "Проверьте путь (он считается от папки файла данных) и формат: PNG, JPEG или SVG с PNG рядом.",
                   hintEn: "Check the path (relative to the data file's folder) and the format: PNG, JPEG, or SVG with a PNG beside it.")
            return
        }
        let widthCm = requested ?? min(Double(img.pixelWidth) * 2.54 / 96, 16)
        let heightCm = widthCm * Double(img.pixelHeight) / Double(img.pixelWidth)
        drawings += 1
        let id = options.drawingIDBase + drawings
        let main = mediaFile(img.format == .svg ? (img.fallback ?? []) : img.bytes, img.format == .svg ? .png : img.format)
        let svg = img.format == .svg ? mediaFile(img.bytes, .svg) : nil
        switch dialect.textStyle {
        case .wordprocessing:
            let t = tag.textElementName ?? (markup.prefix + "t")
            let cx = Int((widthCm * 360_000).rounded()), cy = Int((heightCm * 360_000).rounded())
            var blip = "<a:blip r:embed=\"\(main.relationshipID)\""
            if let svg {
                blip += "><a:extLst><a:ext uri=\"{96DAC541-7B7A-43D3-8B79-37D633B846F1}\"><asvg:svgBlip xmlns:asvg=\"http://schemas.microsoft.com/office/drawing/2016/SVG/main\" r:embed=\"\(svg.relationshipID)\"/></a:ext></a:extLst></a:blip>"
            } else {
                blip += "/>"
            }
            raw("</\(t)><\(markup.prefix)drawing><wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
                + "<wp:extent cx=\"\(cx)\" cy=\"\(cy)\"/><wp:docPr id=\"\(id)\" name=\"Рисунок \(id)\"/>"
                + "<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
                + "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
                + "<pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<pic:nvPicPr><pic:cNvPr id=\"\(id)\" name=\"Рисунок \(id)\"/><pic:cNvPicPr/></pic:nvPicPr>"
                + "<pic:blipFill>\(blip)<a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
                + "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"\(cx)\" cy=\"\(cy)\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>"
                + "</pic:pic></a:graphicData></a:graphic></wp:inline></\(markup.prefix)drawing><\(t) xml:space=\"preserve\">")
        case .openDocument:
            let w = String(format2(widthCm)), h = String(format2(heightCm))
            var images = ""
            if let svg { images += "<draw:image xlink:href=\"\(svg.name)\" xlink:type=\"simple\" xlink:show=\"embed\" xlink:actuate=\"onLoad\" draw:mime-type=\"image/svg+xml\"/>" }
            images += "<draw:image xlink:href=\"\(main.name)\" xlink:type=\"simple\" xlink:show=\"embed\" xlink:actuate=\"onLoad\" draw:mime-type=\"\(main.mediaType)\"/>"
            raw("<draw:frame xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" draw:name=\"Рисунок \(id)\" text:anchor-type=\"as-char\" svg:width=\"\(w)cm\" svg:height=\"\(h)cm\" draw:z-index=\"\(drawings)\">\(images)</draw:frame>")
        case .plain:
            break
        }
    }

    private func format2(_ d: Double) -> String {
        let v = (d * 1000).rounded() / 1000
        return String(v)
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

    private mutating func report(_ code: Problem.Code, _ tag: Tag, ru: String, en: String, hintRu: String, hintEn: String,
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
            problems[i].message.ru += " (и ещё \(n - 1) раз)"
            problems[i].message.en += " (and \(n - 1) more times)"
        }
    }

    private func lookup(_ path: Path) -> Value? {
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
    private func suggestion(for path: Path) -> String? {
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

    private mutating func evaluate(_ expr: Expression, tag: Tag, forBlock: Bool) -> Value? {
        var v = lookup(expr.path)
        if v == nil && !forBlock && !expr.hasDefault {
            if !options.allowMissing {
                let near = suggestion(for: expr.path)
                report(.missingValue, tag,
                       ru: "в данных нет поля «\(expr.path)»",
                       en: "the data has no field '\(expr.path)'",
                       hintRu: (near.map { "Возможно, имелось в виду «\($0)». " } ?? "") + "Добавьте поле в данные, допишите в тег | default: \"—\" или запустите с --allow-missing.",
                       hintEn: (near.map { "Did you mean '\($0)'? " } ?? "") + "Add the field to the data, add | default: \"—\" to the tag, or run with --allow-missing.")
            }
            v = .null
        }
        for f in expr.filters {
            v = apply(f, to: v, tag: tag)
        }
        return v
    }

    private mutating func typeError(_ filter: String, _ want: (String, String), _ v: Value, tag: Tag) {
        report(.wrongType, tag,
               ru: "фильтр «\(filter)» ждёт \(want.0), а получил \(v.kindName) «\(Renderer.short(v))»",
               en: "filter '\(filter)' expects \(want.1), got \(Renderer.englishKind(v)) '\(Renderer.short(v))'",
               hintRu: "Исправьте значение в данных или уберите фильтр.",
               hintEn: "Fix the value in the data or remove the filter.")
    }

    /// Reads text as a number the way people type it: `1 234,5`, `1234.50`.
    static func number(from v: Value) -> Decimal? {
        switch v {
        case .number(let d): return d
        case .string(let s):
            var t = s.trimmingCharacters()
            t.removeAll { $0 == " " || $0 == "\u{A0}" || $0 == "\u{202F}" }
            t = t.replacingOccurrences(of: ",", with: ".")
            guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }),
                  t.filter({ $0 == "." }).count <= 1 else { return nil }
            return Decimal(string: t, locale: Locale(identifier: "en_US_POSIX"))
        default: return nil
        }
    }

    static func date(from v: Value) -> CalendarDate? {
        switch v {
        case .date(let d): return d
        case .string(let s): return CalendarDate(parsing: s)
        default: return nil
        }
    }

    private mutating func apply(_ f: FilterCall, to value: Value?, tag: Tag) -> Value? {
        guard let v = value else { return f.name == "default" ? f.arguments.first.map { .string($0.text) } : nil }
        let arg = f.arguments.first?.text
        func text(_ transform: (String) -> String) -> Value? {
            guard let s = display(v, tag: tag) else { return nil }
            return .string(transform(s))
        }
        switch f.name {
        case "default":
            if case .null = v { return .string(arg ?? "") }
            if case .string(let s) = v, s.isEmpty { return .string(arg ?? "") }
            return v
        case "upper": return text { $0.uppercased() }
        case "lower": return text { $0.lowercased() }
        case "capitalize": return text { RussianFormat.capitalize($0) }
        case "trim": return text { $0.trimmingCharacters() }
        case "typograph", "типографика": return text(Typography.apply)
        case "join":
            guard case .list(let items) = v else { return v }
            var parts: [String] = []
            let separator = arg ?? ", "
            var size = 0
            for i in items {
                guard let s = display(i, tag: tag), !s.isEmpty else { continue }
                // A list repeated by YAML aliases can join into more text than the part may hold.
                size += s.utf8.count + separator.utf8.count
                guard withinBudget(adding: size) else { return nil }
                parts.append(s)
            }
            return .string(parts.joined(separator: separator))
        case "count":
            switch v {
            case .list(let l): return .number(Decimal(l.count))
            case .map(let m): return .number(Decimal(m.count))
            case .string(let s): return .number(Decimal(s.count))
            case .null: return .number(0)
            default: typeError("count", ("список", "a list"), v, tag: tag); return nil
            }
        case "first", "last":
            guard case .list(let l) = v else { return v }
            return (f.name == "first" ? l.first : l.last) ?? .null
        case "date", "year":
            if case .null = v { return v }
            guard let d = Renderer.date(from: v) else {
                typeError(f.name, ("дату (2024-09-05 или 05.09.2024)", "a date (2024-09-05 or 05.09.2024)"), v, tag: tag)
                return nil
            }
            if f.name == "year" { return .number(Decimal(d.year)) }
            return .string(RussianFormat.date(year: d.year, month: d.month, day: d.day, pattern: arg ?? RussianFormat.defaultDatePattern))
        case "number", "money", "rubles", "words", "plural":
            if case .null = v { return v }
            guard let d = Renderer.number(from: v) else {
                typeError(f.name, ("число", "a number"), v, tag: tag)
                return nil
            }
            switch f.name {
            case "number":
                var digits: Int?
                if let a = f.arguments.first {
                    guard case .number(let n) = a, let k = Int("\(n)"), (0...10).contains(k) else {
                        report(.filterArguments, tag, ru: "у фильтра «number» аргумент — число знаков после запятой (0–10), а дано «\(a.text)»",
                               en: "the argument of 'number' is a count of decimals (0–10), got '\(a.text)'",
                               hintRu: "Например: | number: 2.", hintEn: "For example: | number: 2.")
                        return nil
                    }
                    digits = k
                }
                return .string(RussianFormat.number(d, fractionDigits: digits))
            case "money":
                return .string(RussianFormat.number(d, fractionDigits: 2))
            case "rubles":
                guard let s = RussianFormat.rubles(d) else {
                    typeError("rubles", ("сумму меньше квадриллиона", "a sum below 10^15"), v, tag: tag)
                    return nil
                }
                return .string(s)
            case "words":
                var g = Gender.masculine
                switch arg?.lowercased() {
                case "feminine"?, "ж"?, "женский"?: g = .feminine
                case "neuter"?, "ср"?, "средний"?: g = .neuter
                default: break
                }
                guard let s = RussianFormat.words(d, gender: g) else {
                    typeError("words", ("целое число", "a whole number"), v, tag: tag)
                    return nil
                }
                return .string(s)
            default:
                let forms = f.arguments.count == 1
                    ? f.arguments[0].text.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingCharacters() }
                    : f.arguments.map(\.text)
                return .string(RussianFormat.plural(d, forms: forms))
            }
        case "initials":
            guard let s = display(v, tag: tag) else { return nil }
            let surnameFirst = ["last", "фамилия", "surname-first", "после"].contains(arg?.lowercased() ?? "")
            return .string(RussianFormat.initials(s, surnameLast: !surnameFirst))
        default:
            return v
        }
    }

    /// The value as plain text (contract §1 "Plain printing"), or nil after reporting a value that
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

    private mutating func raw(_ s: String) {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Writes inserted text: escaped, with line breaks and tabs as the format writes them, runs of
    /// spaces kept in ODF, and characters XML cannot hold dropped with a warning. Works on the UTF-8
    /// bytes in one pass.
    private mutating func write(_ text: String, tag: Tag, markup: Tag.Markup) {
        let style = dialect.textStyle
        let lineBreak = markup.lineBreak, tab = markup.tab, p = markup.prefix
        let keepsSpaces = style == .openDocument
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
