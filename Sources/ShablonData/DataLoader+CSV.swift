extension DataLoader {
    /// Reads a CSV file as Excel and LibreOffice write it in Russia.
    ///
    /// - **Encoding**: UTF-8 with or without a byte order mark; UTF-16 with a byte order mark (Excel's
    ///   «Текст в Юникоде»); otherwise, when the bytes are not valid UTF-8, Windows-1251 (what Excel's
    ///   «CSV (разделители — точка с запятой)» writes on Russian Windows).
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
    ///   with more or fewer cells than the header is `csv-row-length` — all such rows are reported at once.
    /// - A file with no text at all is `csv-empty`; a header alone gives a table with no rows.
    public static func csv(_ bytes: [UInt8]) throws(Problems) -> Table {
        let text = try CSVReader.decode(bytes)
        var reader = CSVReader(text: text)
        return try reader.read()
    }
}

/// The CSV state machine and the table built from it.
struct CSVReader {
    /// One record of the file.
    struct Record {
        var cells: [String]
        /// Whether the record had any quoted cell (a quoted empty cell is not a blank line).
        var quoted: Bool
        /// The row number as a spreadsheet shows it.
        var row: Int
    }

    let lines: LineTable
    let s: [Unicode.Scalar]
    var index = 0
    var row = 0

    init(text: String) {
        lines = LineTable(text, breaks: .common)
        s = lines.scalars
    }

    // MARK: Decoding

    /// Decodes the bytes of a CSV file (see `DataLoader.csv`).
    static func decode(_ bytes: [UInt8]) throws(Problems) -> String {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            switch TextDecoding.decodeUnicode(bytes) {
            case .text(let text): return text
            case .problem(let problem): throw Problems([problem])
            }
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if TextDecoding.firstInvalidUTF8(body) == nil {
            return String(decoding: body, as: UTF8.self)
        }
        return decodeWindows1251(body)
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

    /// Decodes Windows-1251 bytes.
    static func decodeWindows1251(_ bytes: ArraySlice<UInt8>) -> String {
        var view = String.UnicodeScalarView()
        for byte in bytes {
            let code = byte < 0x80 ? UInt32(byte) : UInt32(windows1251[Int(byte) - 0x80])
            view.append(Unicode.Scalar(code) ?? "\u{FFFD}")
        }
        return String(view)
    }

    // MARK: Reading

    static func delimiterName(_ delimiter: Unicode.Scalar?) -> (ru: String, en: String) {
        switch delimiter {
        case ";": return ("«;»", "«;»")
        case ",": return ("«,»", "«,»")
        case "\t": return ("табуляция", "tab")
        case .some(let d): return ("«\(Character(d))»", "«\(Character(d))»")
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

    func isBreak(_ c: Unicode.Scalar) -> Bool { c == "\n" || c == "\r" }

    /// Skips one line break at the index, if there is one.
    mutating func skipBreak() {
        guard index < s.count else { return }
        if s[index] == "\r" {
            index += 1
            if index < s.count, s[index] == "\n" { index += 1 }
        } else if s[index] == "\n" {
            index += 1
        }
    }

    /// Reads a first line `sep=X` and returns X, if the line is there.
    mutating func readSeparatorLine() -> Unicode.Scalar? {
        guard s.count >= 5, String(String.UnicodeScalarView(s[0..<4])).lowercased() == "sep=" else { return nil }
        let delimiter = s[4]
        guard !isBreak(delimiter), s.count == 5 || isBreak(s[5]) else { return nil }
        index = 5
        skipBreak()
        return delimiter
    }

    /// The delimiter that splits the header line into the most cells (quotes respected); ties prefer
    /// `;`, then tab, then `,`; nil when none of them occurs.
    func detectDelimiter() -> Unicode.Scalar? {
        var best: Unicode.Scalar?
        var bestCount = 1
        for candidate in [";", "\t", ","] as [Unicode.Scalar] {
            var probe = self
            guard let record = try? probe.readRecord(delimiter: candidate) else { continue }
            if record.cells.count > bestCount {
                best = candidate
                bestCount = record.cells.count
            }
        }
        return best
    }

    /// Skips lines of nothing but spaces before the header (they still count as rows).
    mutating func skipBlankLines() {
        while index < s.count {
            var end = index
            while end < s.count, s[end] == " " || s[end] == "\u{A0}" { end += 1 }
            guard end < s.count, isBreak(s[end]) else { return }
            index = end
            skipBreak()
            row += 1
        }
    }

    /// Reads one record from the index; nil at the end of the text.
    mutating func readRecord(delimiter: Unicode.Scalar?) throws(Problems) -> Record? {
        guard index < s.count else { return nil }
        row += 1
        var record = Record(cells: [], quoted: false, row: row)
        var cell = String.UnicodeScalarView()
        while true {
            // The start of a cell.
            if index < s.count, s[index] == "\"" {
                record.quoted = true
                let openedAt = index
                index += 1
                while true {
                    guard index < s.count else {
                        let at = lines.position(ofScalar: openedAt)
                        throw Problems([Problem(
                            code: "csv-syntax", location: at.location,
                            message: LocalizedText(
                                ru: "кавычка, открытая в строке \(at.line) (строка таблицы \(record.row)), не закрыта до конца файла",
                                en: "the quote opened on line \(at.line) (table row \(record.row)) is not closed before the end of the file"),
                            hint: LocalizedText(
                                ru: "Закройте кавычку в конце ячейки; кавычку внутри ячейки пишите двумя кавычками \"\".",
                                en: "Close the quote at the end of the cell; write a quote inside a cell as two quotes \"\"."))])
                    }
                    let c = s[index]
                    if c == "\"" {
                        if index + 1 < s.count, s[index + 1] == "\"" {
                            cell.append("\"")
                            index += 2
                        } else {
                            index += 1
                            break
                        }
                    } else {
                        cell.append(c)
                        index += 1
                    }
                }
            }
            // Unquoted text, or what follows a closing quote, up to the delimiter or the line end.
            while index < s.count, s[index] != delimiter, !isBreak(s[index]) {
                cell.append(s[index])
                index += 1
            }
            record.cells.append(String(cell))
            cell = String.UnicodeScalarView()
            if index < s.count, let delimiter, s[index] == delimiter {
                index += 1
                continue
            }
            skipBreak()
            return record
        }
    }

    mutating func read() throws(Problems) -> Table {
        if s.allSatisfy({ $0.properties.isWhitespace }) {
            throw Problems([Problem(
                code: "csv-empty",
                message: LocalizedText(ru: "файл CSV пуст", en: "the CSV file is empty"),
                hint: LocalizedText(ru: "Первой строкой запишите названия столбцов, ниже — данные.",
                                    en: "Write the column names on the first line and the data below."))])
        }
        let explicit = readSeparatorLine()
        skipBlankLines()
        let delimiter = explicit ?? detectDelimiter()
        var problems: [Problem] = []
        guard let headerRecord = try readRecord(delimiter: delimiter) else {
            return Table(headers: [], rows: [], rowNumbers: [])
        }
        var headers: [String] = []
        var seen: [String: Int] = [:]
        for (offset, raw) in headerRecord.cells.enumerated() {
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
        var rows: [ValueMap] = []
        var rowNumbers: [Int] = []
        while let record = try readRecord(delimiter: delimiter) {
            if !record.quoted, record.cells.allSatisfy({ DataLoader.trimmingWhitespace($0).isEmpty }) {
                continue
            }
            guard record.cells.count == headers.count else {
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
            var map = ValueMap()
            for (header, cell) in zip(headers, record.cells) where map[header] == nil {
                map[header] = DataLoader.typedCell(cell)
            }
            rows.append(map)
            rowNumbers.append(record.row)
        }
        if !problems.isEmpty { throw Problems(problems) }
        return Table(headers: headers, rows: rows, rowNumbers: rowNumbers, sheet: nil)
    }
}
