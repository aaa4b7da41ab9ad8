import Foundation
import ShablonData
import ShablonXML
import ShablonZip
import ShablonRussian

/// Чтение электронных таблиц: reads a sheet of an XLSX workbook (Excel, LibreOffice Calc, МойОфис,
/// Р7-Офис) into a `Table`, through Shablon's own zip and XML layers.
///
/// - **Sheet**: the one named (exactly, or ignoring case and surrounding spaces), or else the first
///   visible worksheet.
/// - **Cells**: shared strings (rich text runs joined, phonetic runs left out, `_x000D_` escapes
///   decoded), inline strings, formula results, numbers, booleans, ISO dates (`t="d"`), and numbers whose
///   style is a date format — which become calendar dates, in the 1900 date system (with Excel's
///   phantom 29.02.1900) or the 1904 one when the workbook says so. A time of day is dropped. Error
///   values (`#N/A`, `#DIV/0!`) are kept as their text, so that they are reported only where they matter.
/// - **Numbers** are read exactly from the file's text and rounded to 15 significant digits, the
///   precision Excel itself keeps: `0.30000000000000004` is 0.3, `845.9` is 845.9.
/// - **Text** goes through `DataLoader.typedCell` as CSV cells do: `1 234,50` typed as text is a number.
/// - **Header**: the first row that has any value. Columns run from A to the last column with a value
///   anywhere in the sheet; an empty header is `столбец N`, so a header's position is always its column
///   (header 0 is column A). A merged range shows its value in each of its cells, as a person sees it.
///   A `TableLayout` may name the header's row (the rows above are titles, not read), give it several
///   rows (each column's title joined from them), and name rows under it that are not records.
/// - **Rows**: later rows with any value, keyed by header; `rowNumbers` are the sheet's row numbers.
/// - **Size**: at most `DataLimits.maxValues` cells (rows × columns of the table; `--max-values`).
///
/// Every problem — a broken package, a missing sheet, an unreadable cell (located by sheet and address,
/// such as `лист «Заказ», ячейка F12`) — is collected and thrown together.
public enum SpreadsheetLoader {
    /// The most cells (rows × columns) one sheet may expand to by default; more is `xlsx-too-large`.
    /// The limit is `DataLimits.maxValues` (`--max-values`).
    public static var maxCells: Int { DataLimits().maxValues }

    /// True when the bytes are a zip package (an XLSX workbook, or another office document).
    public static func isZip(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    /// Reads a table from CSV or XLSX bytes, whichever they are (a zip package is read as XLSX).
    /// `sheet` names the sheet of a workbook; it is ignored for CSV. A table of more than
    /// `dataLimits.maxValues` cells is `xlsx-too-large` or `csv-too-large`.
    /// `layout` says where the header and the records are (title rows, a header over several rows, rows
    /// to skip, the CSV encoding); the default is a plain table.
    public static func table(bytes: [UInt8], sheet: String? = nil, limits: ZipLimits = ZipLimits(),
                             dataLimits: DataLimits = DataLimits(), layout: TableLayout = TableLayout()) throws(Problems) -> Table {
        if isZip(bytes) { return try xlsx(bytes: bytes, sheet: sheet, limits: limits, dataLimits: dataLimits, layout: layout) }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw Problems([Problem(code: .xlsxInvalid,
                                    message: LocalizedText(ru: "это книга старого формата Excel 97–2003 (.xls), она не читается",
                                                           en: "this is an old Excel 97–2003 workbook (.xls), which is not read"),
                                    hint: LocalizedText(ru: "Откройте её в Excel или LibreOffice и сохраните как «Книга Excel (.xlsx)» или CSV.",
                                                        en: "Open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx) or CSV."))])
        }
        return try DataLoader.csv(bytes, limits: dataLimits, layout: layout)
    }

    /// The names of a workbook's worksheets, in order.
    public static func sheetNames(bytes: [UInt8], limits: ZipLimits = ZipLimits()) throws(Problems) -> [String] {
        try XLSXWorkbook(bytes: bytes, limits: limits).sheets.map(\.name)
    }

    /// Reads one sheet of an XLSX workbook (see the type's description). The sheet and the shared
    /// strings are streamed from the parser straight into cells: an empty cell or row costs nothing, and
    /// only the shared strings the sheet uses are kept. More than `dataLimits.maxValues` cells with a
    /// value, or a table (rows × columns) larger than that, is `xlsx-too-large`.
    public static func xlsx(bytes: [UInt8], sheet: String? = nil, limits: ZipLimits = ZipLimits(),
                            dataLimits: DataLimits = DataLimits(), layout: TableLayout = TableLayout()) throws(Problems) -> Table {
        let book = try XLSXWorkbook(bytes: bytes, limits: limits)
        return try book.table(sheet: sheet, maxValues: dataLimits.maxValues, layout: layout)
    }

    /// Column letters as spreadsheets show them: 1 → A, 26 → Z, 27 → AA, 16384 → XFD.
    public static func columnLetters(_ number: Int) -> String {
        var n = number
        var letters = ""
        while n > 0 {
            let remainder = (n - 1) % 26
            letters = String(Character(Unicode.Scalar(UInt8(65 + remainder)))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// The 1-based column and row of an address such as `B12` or `AA3`; nil when it is not one, or lies
    /// beyond XFD1048576.
    public static func parseAddress(_ address: String) -> (column: Int, row: Int)? {
        var column = 0
        var row = 0
        var letters = 0
        var digits = 0
        for u in address.utf8 {
            switch u {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
                column = column * 26 + Int(u - 64); letters += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
                column = column * 26 + Int(u - 96); letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                row = row * 10 + Int(u - 48); digits += 1
            case UInt8(ascii: "$"): continue
            default: return nil
            }
            if letters > 3 || digits > 7 { return nil }
        }
        guard letters > 0, digits > 0, (1...16384).contains(column), (1...1_048_576).contains(row) else { return nil }
        return (column, row)
    }

    /// The calendar date of a serial day number: the 1900 system counts 1 as 01.01.1900 and has Excel's
    /// phantom day 60 (29.02.1900, which did not exist: nil); the 1904 system counts 0 as 01.01.1904.
    /// nil for serials before the system's first day or beyond 9999.
    public static func date(serial: Int, system1904: Bool) -> CalendarDate? {
        let daysFrom1970: Int
        if system1904 {
            guard serial >= 0 else { return nil }
            daysFrom1970 = serial - 24_107  // 1904-01-01 is day −24107 from 1970-01-01
        } else {
            guard serial >= 1, serial != 60 else { return nil }
            // Day 1 is 1900-01-01 (day −25567 from 1970); after the phantom 29.02.1900 every serial is one too high.
            daysFrom1970 = serial - 25_568 - (serial > 60 ? 1 : 0)
        }
        guard daysFrom1970 <= 2_932_896 else { return nil }  // 9999-12-31
        return civilDate(daysFrom1970)
    }

    /// The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's algorithm).
    static func civilDate(_ days: Int) -> CalendarDate? {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return CalendarDate(year: year, month: month, day: day)
    }

    /// Reads a number as Excel writes it in a cell (`845.9`, `-1.5E-3`, `4.4999999999999998E-2`),
    /// exactly, then rounded half up to 15 significant digits; nil when it is not a number or lies
    /// outside what a `Decimal` holds.
    public static func excelNumber(_ text: String) -> Decimal? {
        let bytes = Array(text.utf8)
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var digits: [UInt8] = []
        var exponent = 0
        var sawDigit = false
        while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { digits.append(bytes[i] - 48); i += 1; sawDigit = true }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { digits.append(bytes[i] - 48); exponent -= 1; i += 1; sawDigit = true }
        }
        guard sawDigit else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: "E") || bytes[i] == UInt8(ascii: "e") {
            i += 1
            var sign = 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                sign = bytes[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
            }
            var e = 0
            var sawExponent = false
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 {
                e = min(e * 10 + Int(bytes[i] - 48), 10_000)
                i += 1
                sawExponent = true
            }
            guard sawExponent else { return nil }
            exponent += sign * e
        }
        guard i == bytes.count else { return nil }
        // value = digits × 10^exponent; drop leading zeros, round to 15 significant digits.
        while let first = digits.first, first == 0 { digits.removeFirst() }
        if digits.isEmpty { return Decimal(0) }
        if digits.count > 15 {
            let roundUp = digits[15] >= 5
            exponent += digits.count - 15
            digits = Array(digits[0..<15])
            if roundUp {
                var k = 14
                while k >= 0 && digits[k] == 9 { digits[k] = 0; k -= 1 }
                if k >= 0 { digits[k] += 1 } else { digits.insert(1, at: 0); digits.removeLast(); exponent += 1 }
            }
        }
        while let last = digits.last, last == 0 { digits.removeLast(); exponent += 1 }
        guard exponent + digits.count <= 100, exponent >= -100 else { return nil }
        var significand: UInt64 = 0
        for d in digits { significand = significand * 10 + UInt64(d) }
        return Decimal(sign: negative ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
    }
}

/// An opened XLSX workbook: its sheets, where its shared strings are (and how many), its date styles
/// and date system.
struct XLSXWorkbook {
    struct Sheet {
        var name: String
        var part: String
        var visible: Bool
    }

    let archive: ZipArchive
    let sheets: [Sheet]
    /// The shared strings part, if there is one; the strings are read when a sheet needs them.
    let sharedStringsPart: String?
    /// The number of shared strings.
    let sharedStringCount: Int
    /// For each cell format (`cellXfs`), whether its number format is a date.
    let dateStyles: [Bool]
    let system1904: Bool

    static func invalid(_ ru: String, _ en: String, part: String? = nil) -> Problems {
        Problems([Problem(code: .xlsxInvalid, part: part,
                          message: LocalizedText(ru: ru, en: en),
                          hint: LocalizedText(ru: "Откройте файл в Excel или LibreOffice и сохраните заново как «Книга Excel (.xlsx)» — или как CSV.",
                                              en: "Open the file in Excel or LibreOffice and save it again as an Excel workbook (.xlsx), or as CSV."))])
    }

    init(bytes: [UInt8], limits: ZipLimits) throws(Problems) {
        do {
            archive = try ZipArchive(bytes: bytes, limits: limits)
        } catch {
            if error.kind == .notZip {
                throw XLSXWorkbook.invalid("файл не является книгой XLSX (это не zip-архив)", "the file is not an XLSX workbook (not a zip archive)")
            }
            throw Problems([error.problem()])
        }
        if archive.contains("mimetype") || archive.contains("word/document.xml") {
            throw XLSXWorkbook.invalid("это не книга XLSX, а другой документ (ODS, DOCX, ODT…)",
                                       "this is not an XLSX workbook but another document (ODS, DOCX, ODT…)")
        }
        let rootRels = try XLSXWorkbook.relationships(archive, of: "")
        let workbookPart = rootRels.first { $0.type.hasSuffix("/officeDocument") }?.target ?? "xl/workbook.xml"
        guard archive.contains(workbookPart) else {
            throw XLSXWorkbook.invalid("в архиве нет книги (\(workbookPart))", "the archive has no workbook (\(workbookPart))")
        }
        let workbook = try XLSXWorkbook.parse(archive, workbookPart)
        let rels = try XLSXWorkbook.relationships(archive, of: workbookPart)
        var byId: [String: (type: String, target: String)] = [:]
        for r in rels { byId[r.id] = (r.type, r.target) }
        system1904 = workbook.root.child("workbookPr").map { ["1", "true"].contains($0.attribute("date1904") ?? "") } ?? false
        var sheets: [Sheet] = []
        for s in workbook.root.child("sheets")?.elements(local: "sheet") ?? [] {
            guard let name = s.attribute("name"), let id = s.namespacedAttribute("id"), let rel = byId[id],
                  rel.type.hasSuffix("/worksheet") else { continue }
            sheets.append(Sheet(name: name, part: rel.target, visible: (s.attribute("state") ?? "visible") == "visible"))
        }
        guard !sheets.isEmpty else {
            throw XLSXWorkbook.invalid("в книге нет ни одного листа с ячейками", "the workbook has no worksheet", part: workbookPart)
        }
        self.sheets = sheets
        // The shared strings are only counted here (and checked); a sheet reads those it uses.
        let sst = rels.first(where: { $0.type.hasSuffix("/sharedStrings") })?.target
        let zip = archive
        sharedStringsPart = sst.flatMap { zip.contains($0) ? $0 : nil }
        var count = 0
        if let part = sharedStringsPart {
            let counter = SharedStringsReader(wanted: nil)
            try counter.read(archive, part: part)
            count = counter.count
        }
        sharedStringCount = count
        var dates: [Bool] = []
        if let part = rels.first(where: { $0.type.hasSuffix("/styles") })?.target, archive.contains(part) {
            // A styles part keeps a number per cell format: it is bounded as parts are.
            let styles = StylesReader()
            try styles.read(archive, part: part, limits: XMLLimits())
            dates = styles.dateStyles
        }
        dateStyles = dates
    }

    // MARK: Parts

    static func parse(_ archive: ZipArchive, _ part: String) throws(Problems) -> XMLDocument {
        let bytes: [UInt8]
        do { bytes = try archive.read(part) } catch { throw Problems([error.problem()]) }
        do { return try XMLParser.parse(bytes) } catch { throw Problems([error.problem(part: part)]) }
    }

    struct Relationship {
        var id: String
        var type: String
        var target: String
    }

    /// The relationships of a part (`""` is the package itself), targets resolved to part names.
    static func relationships(_ archive: ZipArchive, of part: String) throws(Problems) -> [Relationship] {
        let folder = part.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let file = part.split(separator: "/").last.map(String.init) ?? ""
        let relsPart = (folder.isEmpty ? "" : folder + "/") + "_rels/" + file + ".rels"
        guard archive.contains(relsPart) else { return [] }
        let doc = try parse(archive, relsPart)
        return doc.root.elements(local: "Relationship").compactMap { r in
            guard let id = r.attribute("Id"), let type = r.attribute("Type"), let target = r.attribute("Target"),
                  r.attribute("TargetMode") != "External" else { return nil }
            return Relationship(id: id, type: type, target: resolve(target, from: folder))
        }
    }

    /// A relationship target as a part name: absolute (`/xl/…`) or relative to the source's folder.
    static func resolve(_ target: String, from folder: String) -> String {
        var components: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for c in target.split(separator: "/") {
            if c == "." { continue }
            if c == ".." { if !components.isEmpty { components.removeLast() }; continue }
            components.append(c)
        }
        return components.joined(separator: "/")
    }

    /// Decodes OOXML's `_xHHHH_` escapes (`_x000D_` is a carriage return; `_x005F_` a literal `_`).
    static func unescape(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if s[i] == "_", i + 6 < s.count, s[i + 1] == "x", s[i + 6] == "_",
               let v = UInt32(String(String.UnicodeScalarView(s[(i + 2)..<(i + 6)])), radix: 16), let scalar = Unicode.Scalar(v) {
                out.append(scalar)
                i += 7
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return String(out)
    }

    /// Whether a number format shows a date: the built-in date formats, or a format code with a day or
    /// year (`dd.mm.yyyy`, `d mmmm yyyy`, `[$-419]dd/mm/yy`), quoted text and colours left out.
    static func isDateFormat(id: Int, code: String?) -> Bool {
        if let code {
            var inQuote = false, inBracket = false, escaped = false
            for c in code.lowercased() {
                if escaped { escaped = false; continue }
                switch c {
                case "\\": escaped = true
                case "\"": inQuote.toggle()
                case "[" where !inQuote: inBracket = true
                case "]" where !inQuote: inBracket = false
                // A day or a year (Russian Excel writes ДД.ММ.ГГГГ).
                case "d", "y", "д", "г":
                    if !inQuote && !inBracket { return true }
                default: break
                }
            }
            return false
        }
        return (14...17).contains(id) || id == 22 || (27...36).contains(id) || (50...58).contains(id)
    }

    // MARK: The sheet

    func sheet(named name: String?) throws(Problems) -> Sheet {
        guard let name else { return sheets.first(where: \.visible) ?? sheets[0] }
        if let s = sheets.first(where: { $0.name == name }) { return s }
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        if let s = sheets.first(where: { $0.name.trimmingCharacters(in: .whitespaces).lowercased() == wanted }) { return s }
        throw Problems([Problem(code: .xlsxSheetMissing,
                                message: LocalizedText(ru: "в книге нет листа «\(name)»", en: "the workbook has no sheet «\(name)»"),
                                hint: LocalizedText(ru: "Листы книги: " + sheets.map { "«\($0.name)»" }.joined(separator: ", ") + ".",
                                                    en: "The workbook's sheets: " + sheets.map { "«\($0.name)»" }.joined(separator: ", ") + "."))])
    }

    /// The problem for a sheet past `maxValues`.
    static func tooLarge(_ sheet: String, _ ru: String, _ en: String, maxValues: Int) -> Problems {
        Problems([Problem(code: "xlsx-too-large", location: .named("лист «\(sheet)»"),
                          message: LocalizedText(ru: "лист слишком велик: \(ru) (предел — \(Counted.valuesOf.ru(maxValues)))",
                                                 en: "the sheet is too large: \(en) (the limit is \(Counted.values.en(maxValues)))"),
                          hint: LocalizedText(ru: "Удалите лишние строки и столбцы (значение в далёкой ячейке растягивает лист) или, если таблица настоящая, поднимите предел: --max-values.",
                                              en: "Delete the extra rows and columns (a value in a far cell stretches the sheet) or, if the table is genuine, raise the limit: --max-values."))])
    }

    func table(sheet wanted: String?, maxValues: Int = DataLoader.maxNodes, layout: TableLayout = TableLayout()) throws(Problems) -> Table {
        let sheet = try sheet(named: wanted)
        let reader = SheetReader(book: self, sheet: sheet.name, maxValues: maxValues)
        try reader.read(archive, part: sheet.part)
        if let overflow = reader.overflow {
            throw XLSXWorkbook.tooLarge(sheet.name, "значений больше, чем позволяет предел (превышен в \(overflow))",
                                        "more values than the limit allows (passed at \(overflow))", maxValues: maxValues)
        }
        var problems = reader.problems
        if reader.problemCount > problems.count {
            let more = reader.problemCount - problems.count
            problems.append(Problem(code: "xlsx-cell", location: .named("лист «\(sheet.name)»"),
                                    message: LocalizedText(ru: "и ещё \(Counted.cells.ru(more)) не \(Counted.takesSingular(more) ? "читается" : "читаются") (выше названы первые \(problems.count))",
                                                           en: "and \(more) more \(Counted.cells.enWord(more)) cannot be read (the first \(problems.count) are named above)"),
                                    hint: LocalizedText(ru: "Файл повреждён: пересохраните его в Excel или LibreOffice.",
                                                        en: "The file is damaged: save it again in Excel or LibreOffice.")))
        }
        // Shared strings: only those the sheet uses are read.
        var cells: [Int: [Int: Value]] = [:]
        var wantedStrings = Set<Int>()
        for (_, row) in reader.cells {
            for (_, cell) in row { if case .shared(let i) = cell { wantedStrings.insert(i) } }
        }
        var strings: [Int: String] = [:]
        if !wantedStrings.isEmpty, let part = sharedStringsPart {
            let sst = SharedStringsReader(wanted: wantedStrings)
            try sst.read(archive, part: part)
            strings = sst.strings
        }
        var maxColumn = 0
        for (r, row) in reader.cells {
            var values: [Int: Value] = [:]
            for (c, cell) in row {
                let value: Value
                switch cell {
                case .value(let v): value = v
                case .shared(let i): value = DataLoader.typedCell(strings[i] ?? "")
                }
                guard value != .null else { continue }
                values[c] = value
                maxColumn = max(maxColumn, c)
            }
            if !values.isEmpty { cells[r] = values }
        }
        reader.cells = [:]
        let lastRow = reader.lastRow
        // Merged ranges show their top-left value in every cell; what they fill counts toward the limit.
        var merged = 0
        for m in reader.merges {
            let (a, b) = (m.from, m.to)
            guard let value = cells[a.row]?[a.column] else { continue }
            let rows = a.row...max(a.row, min(b.row, lastRow)), columns = a.column...max(a.column, min(b.column, maxColumn))
            guard rows.count * columns.count <= 1_000_000 else { continue }
            merged += rows.count * columns.count
            guard merged <= maxValues else {
                throw XLSXWorkbook.tooLarge(sheet.name, "объединённые ячейки занимают больше, чем позволяет предел",
                                            "merged cells cover more than the limit allows", maxValues: maxValues)
            }
            for r in rows { for c in columns where cells[r]?[c] == nil { cells[r, default: [:]][c] = value } }
        }
        let allRows = cells.keys.sorted()
        // The header: the layout's row (titles above it are not read), or the first row with a value.
        let headerRow = layout.headerRow ?? allRows.first ?? 1
        let headerRows = headerRow..<(headerRow + layout.headerRows)
        let rowNumbers = allRows.filter { $0 >= headerRow }
        guard !rowNumbers.isEmpty else {
            if !problems.isEmpty { throw Problems(problems) }
            return Table(headers: [], rows: [], rowNumbers: [], sheet: sheet.name)
        }
        guard rowNumbers.count * maxColumn <= maxValues else {
            throw XLSXWorkbook.tooLarge(sheet.name, "\(Counted.rows.ru(rowNumbers.count)) × \(Counted.columns.ru(maxColumn))",
                                        "\(Counted.rows.en(rowNumbers.count)) × \(Counted.columns.en(maxColumn))", maxValues: maxValues)
        }
        var headers: [String] = []
        var seen: [String: Int] = [:]
        let header = headerRows.map { cells[$0] ?? [:] }
        for column in 1...maxColumn {
            var name = TableLayout.joinedTitle(header.map { $0[column].map(XLSXWorkbook.headerText) ?? "" })
            if name.isEmpty { name = "столбец \(column)" }
            headers.append(name)
        }
        // A repeated name is said once; one in three columns or more is most likely a title above the
        // header (often merged across the sheet).
        var repeats: [String: Int] = [:]
        for name in headers { repeats[name, default: 0] += 1 }
        for (offset, name) in headers.enumerated() {
            let column = offset + 1
            guard let first = seen[name] else { seen[name] = column; continue }
            guard first > 0 else { continue }
            seen[name] = -first
            let title = (repeats[name] ?? 0) >= 3
            problems.append(Problem(code: "xlsx-duplicate-header",
                                    location: .sheetCell(sheet: sheet.name, address: SpreadsheetLoader.columnLetters(column) + String(headerRow)),
                                    message: LocalizedText(ru: "название столбца «\(name)» повторяется: оно уже есть в столбце \(SpreadsheetLoader.columnLetters(first))" + (title ? " (всего в \(repeats[name]!) столбцах)" : ""),
                                                           en: "the column name «\(name)» is repeated: column \(SpreadsheetLoader.columnLetters(first)) has it already" + (title ? " (\(repeats[name]!) columns in all)" : "")),
                                    hint: title
                                        ? LocalizedText(ru: "Похоже, это название таблицы над заголовками: укажите строку заголовков в карте столбцов (--columns, «строка_заголовков: N», см. docs/specification.md) или удалите строку названия.",
                                                        en: "This looks like a title above the header: give the header's row in a column map (--columns, «строка_заголовков: N», see docs/specification.md) or delete the title row.")
                                        : LocalizedText(ru: "Переименуйте один из столбцов.", en: "Rename one of the columns.")))
        }
        var rows: [ValueMap] = []
        var numbers: [Int] = []
        // Every row's map starts as a copy of one with every column (one shared array of keys).
        let columns = ValueMap.firstColumns(headers)
        let blank = ValueMap(columns.map { ($0.name, Value.null) })
        for r in rowNumbers where !headerRows.contains(r) && !layout.skipRows.contains(r) {
            let row = cells.removeValue(forKey: r) ?? [:]
            var map = blank
            for (name, index) in columns { if let v = row[index + 1] { map[name] = v } }
            rows.append(map)
            numbers.append(r)
        }
        if !problems.isEmpty { throw Problems(problems) }
        return Table(headers: headers, rows: rows, rowNumbers: numbers, sheet: sheet.name)
    }

    /// A header cell as text: numbers and dates as a person reads them.
    static func headerText(_ v: Value) -> String {
        switch v {
        case .string(let s): return s
        case .number(let d): return "\(d)".replacingOccurrences(of: ".", with: ",")
        case .date(let d): return "\(d)"
        case .bool(let b): return b ? "ИСТИНА" : "ЛОЖЬ"
        default: return ""
        }
    }

    /// The content of a cell: its type (`t`), style (`s`), the text of its `v` and of its inline
    /// string (`is`, escapes decoded), if it has them. nil for an empty cell; a shared string is its index.
    func cell(type: String, style: String?, raw: String?, inline: String?, address: String,
              report: (String, String, String, String, String) -> Void) -> SheetReader.Cell? {
        let value = self.value(type: type, style: style, raw: raw, inline: inline, address: address, report: report)
        if case .value(.null) = value { return nil }
        return value
    }

    private func value(type: String, style: String?, raw: String?, inline: String?, address: String,
                       report: (String, String, String, String, String) -> Void) -> SheetReader.Cell {
        switch type {
        case "s":
            guard let raw else { return .value(.null) }
            guard let i = Int(raw.trimmingCharacters(in: .whitespaces)), i >= 0, i < sharedStringCount else {
                report(address, "ссылка на строку «\(raw)» не ведёт ни к одной общей строке книги",
                       "the shared-string index «\(raw)» points to no string of the workbook",
                       "Файл повреждён: пересохраните его в Excel или LibreOffice.", "The file is damaged: save it again in Excel or LibreOffice.")
                return .value(.null)
            }
            return .shared(i)
        case "inlineStr":
            return .value(DataLoader.typedCell(inline ?? ""))
        case "str":
            return .value(DataLoader.typedCell(XLSXWorkbook.unescape(raw ?? "")))
        case "b":
            guard let raw else { return .value(.null) }
            return .value(.bool(raw.trimmingCharacters(in: .whitespaces) == "1" || raw.lowercased() == "true"))
        case "e":
            return .value(.string(raw ?? "#ERROR"))
        case "d":
            guard let raw, !raw.isEmpty else { return .value(.null) }
            if let d = CalendarDate(parsing: String(raw.prefix(10))) { return .value(.date(d)) }
            report(address, "дата «\(raw)» не читается", "the date «\(raw)» cannot be read",
                   "Введите дату заново, например 05.09.2024.", "Enter the date again, e.g. 05.09.2024.")
            return .value(.null)
        default:
            guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return .value(.null) }
            guard let number = SpreadsheetLoader.excelNumber(raw.trimmingCharacters(in: .whitespaces)) else {
                report(address, "число «\(raw)» не читается", "the number «\(raw)» cannot be read",
                       "Введите значение заново или сохраните файл в Excel или LibreOffice.",
                       "Enter the value again, or save the file in Excel or LibreOffice.")
                return .value(.null)
            }
            if let s = style.flatMap(Int.init), s >= 0, s < dateStyles.count, dateStyles[s] {
                var whole = number
                var rounded = Decimal()
                NSDecimalRound(&rounded, &whole, 0, .down)
                if let serial = Int(exactly: NSDecimalNumber(decimal: rounded).int64Value), Decimal(serial) == rounded,
                   let date = SpreadsheetLoader.date(serial: serial, system1904: system1904) {
                    return .value(.date(date))
                }
                report(address, "ячейка оформлена как дата, но число \(raw) — не дата календаря",
                       "the cell is formatted as a date, but \(raw) is no calendar date",
                       "Введите дату заново (например, 05.09.2024) или смените формат ячейки на «Числовой».",
                       "Enter the date again (e.g. 05.09.2024) or change the cell's format to Number.")
                return .value(.null)
            }
            return .value(.number(number))
        }
    }
}

fileprivate extension XMLElement {
    /// The name without its namespace prefix (`x:row` → `row`).
    var localName: String {
        if let i = name.firstIndex(of: ":") { return String(name[name.index(after: i)...]) }
        return name
    }

    /// Child elements with this local name, whatever their prefix.
    func elements(local: String) -> [XMLElement] {
        children.compactMap { $0.element }.filter { $0.localName == local }
    }

    /// The first child element with this local name.
    func child(_ local: String) -> XMLElement? {
        for c in children { if case .element(let e) = c, e.localName == local { return e } }
        return nil
    }

    /// An attribute without a prefix.
    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// An attribute with a namespace prefix and this local name (`r:id`), namespace declarations aside.
    func namespacedAttribute(_ local: String) -> String? {
        attributes.first { a in
            guard !a.name.hasPrefix("xmlns"), let i = a.name.firstIndex(of: ":") else { return false }
            return a.name[a.name.index(after: i)...] == local
        }?.value
    }
}
