import ShablonRussian
extension DataLoader {
    /// Reads a CSV file as Excel and LibreOffice write it in Russia.
    ///
    /// - **Encoding**: UTF-8 with or without a byte order mark; UTF-16 with a byte order mark (Excel's
    ///   «Текст в Юникоде»); otherwise, when the bytes are not valid UTF-8, Windows-1251 (what Excel's
    ///   «CSV (разделители — точка с запятой)» writes on Russian Windows). A Windows-1251 file in which
    ///   some rows are UTF-8 (text pasted from another file) is `csv-mixed-encoding`, naming the rows of
    ///   each encoding: read either way, part of it would come out garbled («РђРћ» for «АО»).
    /// - **Delimiter**: `;`, `,` or tab — whichever occurs most often in the header line outside quotes
    ///   (ties prefer `;`, then tab, then `,`). A header without any of them makes a one-column table.
    ///   A first line `sep=;` (which Excel understands) names the delimiter explicitly and is not a row.
    /// - **Quoting**: RFC 4180 — a cell in double quotes may hold the delimiter, line breaks and `""` for a
    ///   quote. Like Excel, a quote inside an unquoted cell, and text after a closing quote, are kept as
    ///   written. A quote left open at the end of the file is `csv-syntax`, located at the opening quote.
    /// - **Lines**: CRLF, LF or CR; a trailing empty line is ignored.
    /// - **Header**: the first row (blank lines before it are skipped). Names are trimmed; an empty name becomes `столбец N` (N is the 1-based
    ///   column number); a repeated name is `csv-duplicate-header`.
    /// - **Rows**: every later row, its cells typed by `typedCell` and keyed by header. Rows whose cells
    ///   are all empty (blank lines, or `;;;` that spreadsheets write for empty rows) are skipped, but
    ///   still counted in `rowNumbers`, which are the row numbers a spreadsheet shows (header = 1). A row
    ///   with more or fewer cells than the header is `csv-row-length` — all such rows are reported at
    ///   once (the first `maxReportedRows` of them one by one, the rest counted in one more problem).
    /// - **Size**: the table may hold `limits.maxValues` values at the most — the header's cells and,
    ///   for each row kept, one value per column; more is `csv-too-large`, at the row that goes over.
    ///   The file is read as bytes, cell by cell: memory follows the table, not the file's length.
    /// - A file with no text at all is `csv-empty`; a header alone gives a table with no rows.
    /// - **Layout** (`TableLayout`, from a column map): the header's row (lines above it are titles, read
    ///   as lines and not checked against the header), how many lines the header takes (their cells
    ///   joined per column), rows under the header that are not records, and the encoding
    ///   (`utf-8` with bytes that are not UTF-8 is `csv-encoding`).
    public static func csv(_ bytes: [UInt8], limits: DataLimits = DataLimits(), layout: TableLayout = TableLayout()) throws(Problems) -> Table {
        var source = try CSVReader.decode(bytes)
        switch layout.encoding {
        case nil: break
        case .windows1251?: source.windows1251 = true
        case .utf8?:
            if source.windows1251, let bad = TextDecoding.firstInvalidUTF8(source.bytes[...]) {
                let at = CSVReader(bytes: source.bytes, windows1251: false).position(ofByte: bad)
                throw Problems([Problem(
                    code: "csv-encoding", location: at.location,
                    message: LocalizedText(ru: "файл не в кодировке UTF-8, указанной в карте столбцов (первый чужой байт — в строке \(at.line))",
                                           en: "the file is not in UTF-8, which the column map names (the first foreign byte is on line \(at.line))"),
                    hint: LocalizedText(ru: "Уберите из карты «кодировка» (она определится сама) или укажите «кодировка: windows-1251».",
                                        en: "Drop «кодировка» from the column map (it is then detected) or give «кодировка: windows-1251»."))])
            }
        }
        var reader = CSVReader(bytes: source.bytes, windows1251: source.windows1251, maxValues: limits.maxValues)
        reader.layout = layout
        return try reader.read()
    }

    /// How many rows with the same problem a table reports one by one; the rest are counted in one more
    /// problem, so that a file of ten million broken lines does not make ten million messages.
    public static let maxReportedRows = 1000
}

/// The CSV state machine and the table built from it. It works on the file's bytes: UTF-8, or
/// Windows-1251 bytes decoded cell by cell (every byte that CSV syntax gives a meaning to is ASCII in both).
struct CSVReader {
    /// One record of the file.
    struct Record {
        var cells: [String]
        /// The number of cells (also when their texts are not kept).
        var count = 0
        /// Whether the record had any quoted cell (a quoted empty cell is not a blank line).
        var quoted: Bool
        /// The row number as a spreadsheet shows it.
        var row: Int
        /// The record's bytes.
        var range: Range<Int>
    }

    let b: [UInt8]
    /// True when `b` holds Windows-1251 bytes, false for UTF-8.
    let windows1251: Bool
    let maxValues: Int
    var index = 0
    var row = 0
    /// Where the header and the records are.
    var layout = TableLayout()

    init(bytes: [UInt8], windows1251: Bool, maxValues: Int = DataLoader.maxNodes) {
        b = bytes
        self.windows1251 = windows1251
        self.maxValues = maxValues
    }

    // MARK: Decoding

    /// The bytes of a CSV file as the reader takes them: UTF-16 is re-encoded as UTF-8 and a UTF-8 byte
    /// order mark dropped; bytes that are not valid UTF-8 are kept as they are, to be read as
    /// Windows-1251 (see `DataLoader.csv`).
    static func decode(_ bytes: [UInt8]) throws(Problems) -> (bytes: [UInt8], windows1251: Bool) {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            switch TextDecoding.decodeUnicode(bytes) {
            case .text(let text): return (Array(text.utf8), false)
            case .problem(let problem): throw Problems([problem])
            }
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let valid = TextDecoding.firstInvalidUTF8(body) == nil
        return (body.startIndex == 0 ? bytes : Array(body), !valid)
    }

    /// Windows-1251 bytes 0x80…0xFF as Unicode (0x98, unassigned, maps to U+0098 as WHATWG does).
    static let windows1251: [UInt16] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, // 80
        0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F, // 88
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, // 90
        0x0098, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F, // 98
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, // A0
        0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407, // A8
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, // B0
        0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457, // B8
        0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417, // C0 А…З
        0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F, // C8 И…П
        0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427, // D0 Р…Ч
        0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F, // D8 Ш…Я
        0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437, // E0 а…з
        0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F, // E8 и…п
        0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447, // F0 р…ч
        0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F, // F8 ш…я
    ]

    static func delimiterName(_ delimiter: [UInt8]?) -> (ru: String, en: String) {
        switch delimiter {
        case [UInt8(ascii: ";")]?: return ("«;»", "«;»")
        case [UInt8(ascii: ",")]?: return ("«,»", "«,»")
        case [UInt8(ascii: "\t")]?: return ("табуляция", "tab")
        case .some(let d):
            // A one-byte delimiter beyond ASCII is a Windows-1251 character.
            let text = d.count == 1 && d[0] >= 0x80 ? decodeWindows1251(d[...]) : String(decoding: d, as: UTF8.self)
            return ("«\(text)»", "«\(text)»")
        case nil: return ("разделитель", "delimiter")
        }
    }

    /// Column letters as spreadsheets show them: 1 → A, 27 → AA.
    static func columnLetters(_ number: Int) -> String {
        var n = number
        var letters = ""
        while n > 0 {
            let remainder = (n - 1) % 26
            letters = String(Character(Unicode.Scalar(UInt8(65 + remainder)))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// Decodes Windows-1251 bytes.
    static func decodeWindows1251(_ bytes: ArraySlice<UInt8>) -> String {
        var view = String.UnicodeScalarView()
        for byte in bytes {
            let code = byte < 0x80 ? UInt32(byte) : UInt32(windows1251[Int(byte) - 0x80])
            view.append(Unicode.Scalar(code) ?? "\u{FFFD}")
        }
        return String(view)
    }

    /// Text from the file's bytes, in the file's encoding.
    func text(_ bytes: ArraySlice<UInt8>) -> String {
        windows1251 ? CSVReader.decodeWindows1251(bytes) : String(decoding: bytes, as: UTF8.self)
    }

    /// The Unicode scalar that starts at a byte offset, and its length in bytes.
    func scalar(at i: Int) -> (Unicode.Scalar, Int) {
        let first = b[i]
        if first < 0x80 { return (Unicode.Scalar(first), 1) }
        if windows1251 { return (Unicode.Scalar(UInt32(CSVReader.windows1251[Int(first) - 0x80])) ?? "\u{FFFD}", 1) }
        var iterator = b[i...].makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let s) = decoder.decode(&iterator) { return (s, s.utf8.count) }
        return ("\u{FFFD}", 1)
    }

    /// The line and column (characters) of a byte offset.
    func position(ofByte offset: Int) -> SourcePosition {
        let end = min(max(0, offset), b.count)
        var line = 1
        var lineStart = 0
        var i = 0
        while i < end {
            if b[i] == 0x0A {
                line += 1
                lineStart = i + 1
            } else if b[i] == 0x0D {
                line += 1
                if i + 1 < end, b[i + 1] == 0x0A { i += 1 }
                lineStart = i + 1
            }
            i += 1
        }
        return SourcePosition(line: line, column: text(b[lineStart..<end]).count + 1)
    }

    // MARK: Reading

    func isBreak(_ c: UInt8) -> Bool { c == 0x0A || c == 0x0D }

    /// Skips one line break at the index, if there is one.
    mutating func skipBreak() {
        guard index < b.count else { return }
        if b[index] == 0x0D {
            index += 1
            if index < b.count, b[index] == 0x0A { index += 1 }
        } else if b[index] == 0x0A {
            index += 1
        }
    }

    /// True when the text holds nothing but white space (Unicode's, the no-break space included).
    func isBlank() -> Bool {
        var i = 0
        while i < b.count {
            let (s, length) = scalar(at: i)
            if !s.properties.isWhitespace { return false }
            i += length
        }
        return true
    }

    /// Reads a first line `sep=X` and returns X (its bytes), if the line is there.
    mutating func readSeparatorLine() -> [UInt8]? {
        guard b.count >= 5, b[0..<4].map({ $0 | 0x20 }) == Array("sep=".utf8), b[3] == UInt8(ascii: "=") else { return nil }
        let (_, length) = scalar(at: 4)
        let delimiter = Array(b[4..<(4 + length)])
        guard !isBreak(delimiter[0]), b.count == 4 + length || isBreak(b[4 + length]) else { return nil }
        index = 4 + length
        skipBreak()
        return delimiter
    }

    /// The delimiter that splits the header line into the most cells (quotes respected); ties prefer
    /// `;`, then tab, then `,`; nil when none of them occurs.
    func detectDelimiter() -> [UInt8]? {
        var best: [UInt8]?
        var bestCount = 1
        for candidate in [UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: ",")] {
            var probe = self
            guard let record = try? probe.readRecord(delimiter: [candidate], keep: false) else { continue }
            if record.count > bestCount {
                best = [candidate]
                bestCount = record.count
            }
        }
        return best
    }

    /// Skips lines of nothing but spaces before the header (they still count as rows).
    mutating func skipBlankLines() {
        while index < b.count {
            var end = index
            while end < b.count {
                if b[end] == 0x20 || (windows1251 && b[end] == 0xA0) {
                    end += 1
                } else if !windows1251, b[end] == 0xC2, end + 1 < b.count, b[end + 1] == 0xA0 {
                    end += 2
                } else {
                    break
                }
            }
            guard end < b.count, isBreak(b[end]) else { return }
            index = end
            skipBreak()
            row += 1
        }
    }

    /// True when the delimiter starts at the index.
    @inline(__always)
    func atDelimiter(_ delimiter: [UInt8]?) -> Bool {
        guard let delimiter else { return false }
        if delimiter.count == 1 { return b[index] == delimiter[0] }
        return index + delimiter.count <= b.count && b[index..<(index + delimiter.count)].elementsEqual(delimiter)
    }

    /// The problem for a table past `maxValues`.
    func tooLarge(row: Int) -> Problems {
        Problems([Problem(
            code: "csv-too-large", location: .row(row),
            message: LocalizedText(
                ru: "таблица слишком велика: больше \(Counted.valuesOf.ru(maxValues)) (строк × столбцов); предел превышен в строке \(row)",
                en: "the table is too large: more than \(Counted.values.en(maxValues)) (rows × columns); the limit is passed on row \(row)"),
            hint: LocalizedText(
                ru: "Разделите таблицу на несколько файлов или, если она настоящая, поднимите предел: --max-values.",
                en: "Split the table into several files or, if it is genuine, raise the limit: --max-values."))])
    }

    /// Reads one record from the index; nil at the end of the text. With `keep: false` the cells are
    /// only counted (their texts are left empty). A record of more than `maxValues` cells is
    /// `csv-too-large`.
    mutating func readRecord(delimiter: [UInt8]?, keep: Bool = true) throws(Problems) -> Record? {
        guard index < b.count else { return nil }
        row += 1
        var record = Record(cells: [], quoted: false, row: row, range: index..<index)
        var cell: [UInt8] = []
        while true {
            // The start of a cell.
            if index < b.count, b[index] == UInt8(ascii: "\"") {
                record.quoted = true
                let openedAt = index
                index += 1
                while true {
                    guard index < b.count else {
                        let at = position(ofByte: openedAt)
                        throw Problems([Problem(
                            code: "csv-syntax", location: at.location,
                            message: LocalizedText(
                                ru: "кавычка, открытая в строке \(at.line) (строка таблицы \(record.row)), не закрыта до конца файла",
                                en: "the quote opened on line \(at.line) (table row \(record.row)) is not closed before the end of the file"),
                            hint: LocalizedText(
                                ru: "Закройте кавычку в конце ячейки; кавычку внутри ячейки пишите двумя кавычками \"\".",
                                en: "Close the quote at the end of the cell; write a quote inside a cell as two quotes \"\"."))])
                    }
                    let c = b[index]
                    if c == UInt8(ascii: "\"") {
                        if index + 1 < b.count, b[index + 1] == UInt8(ascii: "\"") {
                            if keep { cell.append(c) }
                            index += 2
                        } else {
                            index += 1
                            break
                        }
                    } else {
                        if keep { cell.append(c) }
                        index += 1
                    }
                }
            }
            // Unquoted text, or what follows a closing quote, up to the delimiter or the line end.
            let start = index
            while index < b.count, !atDelimiter(delimiter), !isBreak(b[index]) { index += 1 }
            record.count += 1
            if keep {
                if record.count > maxValues { throw tooLarge(row: record.row) }
                cell += b[start..<index]
                record.cells.append(text(cell[...]))
                cell.removeAll(keepingCapacity: true)
            }
            if index < b.count, atDelimiter(delimiter), let delimiter {
                index += delimiter.count
                continue
            }
            record.range = record.range.lowerBound..<index
            skipBreak()
            return record
        }
    }

    /// Rows of each encoding in a Windows-1251 file: a row with letters beyond ASCII that is valid UTF-8
    /// is UTF-8 (Windows-1251 Cyrillic text practically never is), one that is not valid UTF-8 is not.
    struct EncodingSurvey {
        var utf8: [Int] = []
        var utf8Count = 0
        var windows1251: [Int] = []
        var windows1251Count = 0

        mutating func note(_ bytes: ArraySlice<UInt8>, row: Int) {
            guard bytes.contains(where: { $0 >= 0x80 }) else { return }
            if TextDecoding.firstInvalidUTF8(bytes) == nil {
                utf8Count += 1
                if utf8.count < 5 { utf8.append(row) }
            } else {
                windows1251Count += 1
                if windows1251.count < 5 { windows1251.append(row) }
            }
        }

        /// «строка 4», «строки 4, 7 и ещё 3»; "row 4 is", "rows 4, 7 and 3 more are".
        static func list(_ rows: [Int], count: Int) -> (ru: String, en: String) {
            let shown = rows.map(String.init).joined(separator: ", ")
            if count == 1 { return ("строка " + shown, "row " + shown + " is") }
            guard count > rows.count else { return ("строки " + shown, "rows " + shown + " are") }
            return ("строки " + shown + " и ещё \(count - rows.count)", "rows " + shown + " and \(count - rows.count) more are")
        }

        /// The problem, when both encodings occur; located at the first row of the rarer one.
        var problem: Problem? {
            guard !utf8.isEmpty, !windows1251.isEmpty else { return nil }
            let u = EncodingSurvey.list(utf8, count: utf8Count), w = EncodingSurvey.list(windows1251, count: windows1251Count)
            return Problem(
                code: "csv-mixed-encoding", location: .row(utf8Count <= windows1251Count ? utf8[0] : windows1251[0]),
                message: LocalizedText(
                    ru: "в файле смешаны кодировки: \(u.ru) — в UTF-8, \(w.ru) — в Windows-1251; прочитанные одной кодировкой, одни из них превратились бы в «кракозябры»",
                    en: "the file mixes encodings: \(u.en) UTF-8, \(w.en) Windows-1251; read in either one, some of them would come out garbled"),
                hint: LocalizedText(
                    ru: "Сохраните файл заново в одной кодировке, лучше в UTF-8 (Excel: «CSV UTF-8 (разделитель — запятая)»; LibreOffice: кодировка «Юникод (UTF-8)»), или наберите названные строки заново.",
                    en: "Save the file again in one encoding, preferably UTF-8 (Excel: «CSV UTF-8 (Comma delimited)»; LibreOffice: character set «Unicode (UTF-8)»), or retype the rows named."))
        }
    }

    mutating func read() throws(Problems) -> Table {
        if isBlank() {
            throw Problems([Problem(
                code: "csv-empty",
                message: LocalizedText(ru: "файл CSV пуст", en: "the CSV file is empty"),
                hint: LocalizedText(ru: "Первой строкой запишите названия столбцов, ниже — данные.",
                                    en: "Write the column names on the first line and the data below."))])
        }
        let explicit = readSeparatorLine()
        skipBlankLines()
        // Title lines above the header: read as lines, whatever their cells.
        if let first = layout.headerRow {
            while row + 1 < first, index < b.count { _ = try readRecord(delimiter: nil, keep: false) }
        }
        let delimiter = explicit ?? detectDelimiter()
        var problems: [Problem] = []
        var survey = EncodingSurvey()
        guard let headerRecord = try readRecord(delimiter: delimiter) else {
            return Table(headers: [], rows: [], rowNumbers: [])
        }
        if windows1251 { survey.note(b[headerRecord.range], row: headerRecord.row) }
        // A header over several lines: each column's title is its cells top to bottom.
        var titles = headerRecord.cells
        if layout.headerRows > 1 {
            var parts = headerRecord.cells.map { [$0] }
            for _ in 1..<layout.headerRows {
                guard let more = try readRecord(delimiter: delimiter) else { break }
                if windows1251 { survey.note(b[more.range], row: more.row) }
                while parts.count < more.cells.count { parts.append([]) }
                for (i, cell) in more.cells.enumerated() { parts[i].append(cell) }
            }
            titles = parts.map(TableLayout.joinedTitle)
        }
        var headers: [String] = []
        var seen: [String: Int] = [:]
        for (offset, raw) in titles.enumerated() {
            let column = offset + 1
            var name = DataLoader.trimmingWhitespace(raw)
            if name.isEmpty { name = "столбец \(column)" }
            if let first = seen[name] {
                problems.append(Problem(
                    code: "csv-duplicate-header",
                    location: .sheetCell(sheet: nil, address: "\(CSVReader.columnLetters(column))\(headerRecord.row)"),
                    message: LocalizedText(
                        ru: "название столбца «\(name)» повторяется: оно уже есть в столбце \(CSVReader.columnLetters(first))",
                        en: "the column name «\(name)» is repeated: column \(CSVReader.columnLetters(first)) has it already"),
                    hint: LocalizedText(ru: "Переименуйте один из столбцов.", en: "Rename one of the columns.")))
            } else {
                seen[name] = column
            }
            headers.append(name)
        }
        var values = headers.count
        // Every row's map starts as a copy of one with every column: the rows share one array of keys,
        // and each map is made at its final size. A repeated header keeps its first column.
        let columns = ValueMap.firstColumns(headers)
        let blank = ValueMap(columns.map { ($0.name, Value.null) })
        var rows: [ValueMap] = []
        var rowNumbers: [Int] = []
        var badRows: [Int] = []
        var badRowCount = 0
        while let record = try readRecord(delimiter: delimiter) {
            if windows1251 { survey.note(b[record.range], row: record.row) }
            if !record.quoted, record.cells.allSatisfy({ DataLoader.trimmingWhitespace($0).isEmpty }) {
                continue
            }
            if layout.skipRows.contains(record.row) { continue }
            guard record.cells.count == headers.count else {
                badRowCount += 1
                guard badRowCount <= DataLoader.maxReportedRows else { continue }
                badRows.append(record.row)
                let name = CSVReader.delimiterName(delimiter)
                problems.append(Problem(
                    code: "csv-row-length", location: .row(record.row),
                    message: LocalizedText(
                        ru: "в строке \(record.row) ячеек: \(record.cells.count), а столбцов в заголовке: \(headers.count)",
                        en: "row \(record.row) has \(record.cells.count) cells, but the header has \(headers.count) columns"),
                    hint: LocalizedText(
                        ru: "Проверьте разделители (\(name.ru)) в этой строке: лишний или пропущенный разделитель, или текст с разделителем не взят в кавычки.",
                        en: "Check the delimiters (\(name.en)) in this row: an extra or missing one, or text containing the delimiter that is not quoted.")))
                continue
            }
            values += headers.count
            if values > maxValues {
                problems += tooLarge(row: record.row).items
                break
            }
            var map = blank
            for (name, index) in columns { map[name] = DataLoader.typedCell(record.cells[index]) }
            rows.append(map)
            rowNumbers.append(record.row)
        }
        if badRowCount > DataLoader.maxReportedRows {
            let more = badRowCount - DataLoader.maxReportedRows
            problems.append(Problem(
                code: "csv-row-length", location: .row(badRows[badRows.count - 1]),
                message: LocalizedText(
                    ru: "и ещё в \(Counted.rowsIn.ru(more)) число ячеек не совпадает с заголовком (выше названы первые \(DataLoader.maxReportedRows))",
                    en: "and \(more) more \(more == 1 ? "row has" : "rows have") a cell count that differs from the header's (the first \(DataLoader.maxReportedRows) are named above)"),
                hint: LocalizedText(
                    ru: "Похоже, разделитель выбран не тот: задайте его первой строкой файла, например «sep=;».",
                    en: "The delimiter seems wrong: name it in the file's first line, e.g. «sep=;».")))
        }
        if let mixed = survey.problem { problems.insert(mixed, at: 0) }
        if !problems.isEmpty { throw Problems(problems) }
        return Table(headers: headers, rows: rows, rowNumbers: rowNumbers, sheet: nil)
    }
}
