import ShablonData
import ShablonXML
import ShablonZip

/// A reader of one spreadsheet part, fed by the XML parser element by element: it knows each element's
/// local name (the prefix dropped, worked out once per name) and depth (the root is at depth 1), and
/// keeps nothing of the part but what a subclass takes from it.
class XLSXPartReader: XMLTreeHandler {
    /// The depth of the element open now (0 outside the root).
    private(set) var depth = 0
    /// Local names by the parser's name number.
    private var locals: [String?] = []
    /// Set by a subclass that has read enough: the parse stops.
    var stopsParsing = false

    /// An element starts (override).
    func start(_ local: String, attributes: [XMLAttribute]) {}
    /// The element open at `depth` ends (override).
    func end() {}
    /// Character data inside the element open now (override).
    func characters(_ text: String) {}

    /// Streams a part of the archive through the reader; a part that is not well-formed XML is thrown
    /// as its problem. By default no node limit applies: a sheet reader keeps what the table needs, not
    /// the part.
    func read(_ archive: ZipArchive, part: String, limits: XMLLimits = .unlimited) throws(Problems) {
        let bytes: [UInt8]
        do { bytes = try archive.read(part) } catch { throw Problems([error.problem()]) }
        do { try XMLParser.parse(bytes, into: self, limits: limits) } catch { throw Problems([error.problem(part: part)]) }
    }

    final func declaration(version: String?, standalone: Bool?) {}

    final func startElement(_ name: String, attributes: [XMLAttribute]) {
        depth += 1
        start(XLSXPartReader.localName(name), attributes: attributes)
    }

    final func startElement(_ name: String, nameID: Int, attributes: [XMLAttribute]) {
        depth += 1
        if nameID >= locals.count { locals += Array(repeating: nil, count: nameID - locals.count + 1) }
        let local: String
        if let known = locals[nameID] {
            local = known
        } else {
            local = XLSXPartReader.localName(name)
            locals[nameID] = local
        }
        start(local, attributes: attributes)
    }

    final func endElement() {
        end()
        depth -= 1
    }

    final func text(_ text: String) { characters(text) }
    final func comment(_ text: String) {}
    final func processingInstruction(_ target: String, _ data: String) {}

    /// The name without its namespace prefix (`x:row` → `row`).
    static func localName(_ name: String) -> String {
        if let i = name.firstIndex(of: ":") { return String(name[name.index(after: i)...]) }
        return name
    }

    /// An attribute without a prefix.
    static func attribute(_ name: String, in attributes: [XMLAttribute]) -> String? {
        attributes.first { $0.name == name }?.value
    }
}

/// The first child of the root with a given name (`sheetData`, `cellXfs`): whether it has been seen,
/// and whether it is open now. Later ones of the same name are passed over, as a tree reader taking the
/// first child would.
struct FirstChild {
    let name: String
    private(set) var seen = false
    private(set) var open = false

    init(_ name: String) { self.name = name }

    /// An element starts at depth 2.
    mutating func start(_ local: String) {
        if local == name && !seen { seen = true; open = true }
    }

    /// The element at depth 2 ends.
    mutating func end() { open = false }
}

/// Gathers the text of a shared or inline string item (`si`, `is`) as it streams past: its `t`, or the
/// first `t` of each rich-text run, without phonetic runs (`rPh`); `_xHHHH_` escapes are decoded by
/// the caller.
struct StringItemText {
    /// The depth of the item element.
    let depth: Int
    var text = ""
    /// The depth of the `t` being gathered, 0 when none is.
    private var gathering = 0
    /// Whether the run open now has had its `t` already.
    private var runHasText = false

    init(depth: Int) { self.depth = depth }

    mutating func start(_ local: String, at d: Int) {
        guard gathering == 0 else { return }
        if d == depth + 1 {
            if local == "t" { gathering = d }
            runHasText = false
        } else if d == depth + 2, local == "t", !runHasText, isRun {
            gathering = d
            runHasText = true
        }
    }

    /// Whether the child open at `depth + 1` is a run (`r`).
    var isRun = false

    mutating func childStarts(_ local: String) { isRun = local == "r" }

    mutating func end(at d: Int) {
        if d == gathering { gathering = 0 }
    }

    mutating func characters(_ s: String) {
        if gathering > 0 { text += s }
    }
}

/// The shared strings part: counts its items, and keeps the text of those asked for.
final class SharedStringsReader: XLSXPartReader {
    /// The items wanted (nil: none, only count them).
    private let wanted: Set<Int>?
    /// The last index wanted: reading stops after it.
    private let last: Int
    private(set) var count = 0
    private(set) var strings: [Int: String] = [:]
    private var item: StringItemText?

    init(wanted: Set<Int>?) {
        self.wanted = wanted
        last = wanted?.max() ?? -1
    }

    override func start(_ local: String, attributes: [XMLAttribute]) {
        if depth == 2 {
            guard local == "si" else { return }
            count += 1
            if wanted?.contains(count - 1) == true { item = StringItemText(depth: 2) }
        } else if item != nil {
            if depth == 3 { item?.childStarts(local) }
            item?.start(local, at: depth)
        }
    }

    override func end() {
        guard var i = item else { return }
        if depth == 2 {
            strings[count - 1] = XLSXWorkbook.unescape(i.text)
            item = nil
            if wanted != nil && count - 1 >= last { stopsParsing = true }
        } else {
            i.end(at: depth)
            item = i
        }
    }

    override func characters(_ text: String) { item?.characters(text) }
}

/// The styles part: which cell formats (`cellXfs`) show dates.
final class StylesReader: XLSXPartReader {
    /// Custom number formats: whether each shows a date.
    private var custom: [Int: Bool] = [:]
    /// The number format of each cell format, in order.
    private var formats: [Int] = []
    private var numFmts = FirstChild("numFmts"), cellXfs = FirstChild("cellXfs")

    override func start(_ local: String, attributes: [XMLAttribute]) {
        switch depth {
        case 2:
            numFmts.start(local)
            cellXfs.start(local)
        case 3:
            if numFmts.open, local == "numFmt", let id = XLSXPartReader.attribute("numFmtId", in: attributes).flatMap(Int.init) {
                custom[id] = XLSXWorkbook.isDateFormat(id: id, code: XLSXPartReader.attribute("formatCode", in: attributes) ?? "")
            }
            if cellXfs.open, local == "xf" {
                formats.append(XLSXPartReader.attribute("numFmtId", in: attributes).flatMap(Int.init) ?? 0)
            }
        default: break
        }
    }

    override func end() {
        if depth == 2 { numFmts.end(); cellXfs.end() }
    }

    /// For each cell format, whether it shows a date.
    var dateStyles: [Bool] {
        formats.map { id in custom[id] ?? XLSXWorkbook.isDateFormat(id: id, code: nil) }
    }
}

/// A worksheet part read straight into cells: only cells with a value are kept (a shared string as
/// its index, until the strings are read), with merged ranges and the problems of unreadable cells.
final class SheetReader: XLSXPartReader {
    /// A kept cell: a value, or the index of a shared string.
    enum Cell {
        case value(Value)
        case shared(Int)
    }

    private let book: XLSXWorkbook
    private let sheet: String
    private let maxValues: Int

    /// Cells by row, then column.
    var cells: [Int: [Int: Cell]] = [:]
    /// The number of cells kept.
    private(set) var kept = 0
    /// The row number of the last row element read.
    private(set) var lastRow = 0
    /// Merged ranges: top-left and bottom-right (column, row).
    private(set) var merges: [(from: (column: Int, row: Int), to: (column: Int, row: Int))] = []
    /// Problems of unreadable cells (the first `DataLoader.maxReportedRows`), and how many there were.
    private(set) var problems: [Problem] = []
    private(set) var problemCount = 0
    /// The cell past the limit, when the sheet holds too many values.
    private(set) var overflow: String?

    private var sheetData = FirstChild("sheetData"), mergeCells = FirstChild("mergeCells")
    /// The row open now is beyond the sheet's rows: its cells are skipped.
    private var skippingRow = false
    private var rowNumber = 0
    private var lastColumn = 0
    // The cell open now.
    private var inCell = false
    private var cellColumn = 0, cellRow = 0
    private var cellType = "n", cellStyle: String?
    private var raw: String?
    private var gatheringRaw = false
    private var sawInline = false
    private var inInline = false
    private var inline: StringItemText?

    init(book: XLSXWorkbook, sheet: String, maxValues: Int) {
        self.book = book
        self.sheet = sheet
        self.maxValues = maxValues
    }

    override func start(_ local: String, attributes: [XMLAttribute]) {
        switch depth {
        case 2:
            sheetData.start(local)
            mergeCells.start(local)
        case 3:
            if sheetData.open, local == "row" {
                let number = XLSXPartReader.attribute("r", in: attributes).flatMap(Int.init) ?? lastRow + 1
                skippingRow = !(1...1_048_576).contains(number)
                if !skippingRow {
                    rowNumber = number
                    lastRow = number
                    lastColumn = 0
                }
            } else if mergeCells.open, local == "mergeCell" {
                merge(XLSXPartReader.attribute("ref", in: attributes) ?? "")
            }
        case 4:
            guard sheetData.open, !skippingRow, local == "c" else { return }
            var column = lastColumn + 1
            var row = rowNumber
            if let r = XLSXPartReader.attribute("r", in: attributes) {
                guard let at = SpreadsheetLoader.parseAddress(r) else { return }
                column = at.column
                row = at.row
            }
            lastColumn = column
            inCell = true
            cellColumn = column
            cellRow = row
            cellType = XLSXPartReader.attribute("t", in: attributes) ?? "n"
            cellStyle = XLSXPartReader.attribute("s", in: attributes)
            raw = nil
            sawInline = false
            inline = nil
        case 5:
            guard inCell else { return }
            if local == "v", raw == nil {
                raw = ""
                gatheringRaw = true
            } else if local == "is", !sawInline {
                sawInline = true
                inInline = true
                inline = StringItemText(depth: 5)
            }
        default:
            guard inCell, inInline else { return }
            if depth == 6 { inline?.childStarts(local) }
            inline?.start(local, at: depth)
        }
    }

    override func end() {
        switch depth {
        case 2:
            sheetData.end()
            mergeCells.end()
        case 3:
            skippingRow = false
        case 4:
            if inCell { finishCell() }
            inCell = false
        case 5:
            gatheringRaw = false
            inInline = false
        default:
            if inInline { inline?.end(at: depth) }
        }
    }

    override func characters(_ text: String) {
        if gatheringRaw { raw? += text } else if inInline { inline?.characters(text) }
    }

    private func finishCell() {
        // Most cells of a bloated sheet are empty (`<c r="B7" s="3"/>`): they are passed over first.
        if raw == nil && !sawInline && cellType != "e" { return }
        let address = SpreadsheetLoader.columnLetters(cellColumn) + String(cellRow)
        let inlineText = inline.map { XLSXWorkbook.unescape($0.text) }
        guard let cell = book.cell(type: cellType, style: cellStyle, raw: raw, inline: inlineText, address: address, report: report) else { return }
        if cells[cellRow]?[cellColumn] == nil {
            kept += 1
            if kept > maxValues {
                overflow = address
                stopsParsing = true
                return
            }
        }
        cells[cellRow, default: [:]][cellColumn] = cell
    }

    private func report(_ address: String, _ ru: String, _ en: String, _ hru: String, _ hen: String) {
        problemCount += 1
        guard problemCount <= DataLoader.maxReportedRows else { return }
        problems.append(Problem(code: .xlsxCell, location: .sheetCell(sheet: sheet, address: address),
                                message: LocalizedText(ru: ru, en: en), hint: LocalizedText(ru: hru, en: hen)))
    }

    /// A merged range, kept when its top-left cell may hold a value (all of them while the cells are
    /// not read yet); more than `maxValues` of them is too many.
    private func merge(_ ref: String) {
        let ends = ref.split(separator: ":").map(String.init)
        guard ends.count == 2, let a = SpreadsheetLoader.parseAddress(ends[0]), let b = SpreadsheetLoader.parseAddress(ends[1]) else { return }
        if sheetData.seen && !sheetData.open && cells[a.row]?[a.column] == nil { return }
        merges.append((a, b))
        if merges.count > maxValues {
            overflow = ref
            stopsParsing = true
        }
    }
}
