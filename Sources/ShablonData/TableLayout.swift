/// Вид таблицы: where the header and the data of an exported table are, when they are not where a plain
/// table has them (the header in the first row, data under it).
///
/// Exports of district systems (АИС «Книгозаказ», «Аверс: Библиотека», МАРК-SQL, ИРБИС64) and
/// districts' own spreadsheets put title rows above the header, split the header over two rows with
/// merged cells, and number the columns in a row under it. A layout tells the CSV and XLSX readers so,
/// and the table they give is then the plain one: one header, one row per record.
public struct TableLayout: Sendable, Equatable {
    /// Кодировка CSV-файла.
    public enum Encoding: String, Sendable, Equatable, CaseIterable {
        case utf8 = "utf-8"
        case windows1251 = "windows-1251"
    }

    /// The header's row as a spreadsheet shows it (1 is the first); rows above it are titles and are
    /// not read. nil: the first row with any value (for CSV: the first line).
    public var headerRow: Int?
    /// How many rows the header takes (2 when a merged «Цена, руб.» stands over «за 1 экз.» and
    /// «всего»); a column's title is its cells' texts top to bottom, joined by a space, a text repeated
    /// from the cell above (a merged cell reaching down) taken once.
    public var headerRows: Int
    /// Rows that are not records although they are under the header (a row «1 2 3 …» numbering the
    /// columns, a subtitle), by their numbers as a spreadsheet shows them.
    public var skipRows: Set<Int>
    /// The CSV file's encoding; nil detects it (UTF-8, else Windows-1251).
    public var encoding: Encoding?

    /// A layout; the default is a plain table.
    public init(headerRow: Int? = nil, headerRows: Int = 1, skipRows: Set<Int> = [], encoding: Encoding? = nil) {
        self.headerRow = headerRow
        self.headerRows = max(1, headerRows)
        self.skipRows = skipRows
        self.encoding = encoding
    }

    /// True for the plain table's layout.
    public var isPlain: Bool { headerRow == nil && headerRows == 1 && skipRows.isEmpty && encoding == nil }

    /// A column title made of the texts of the header's rows, top to bottom: empty parts and a part equal
    /// to the one above (a merged cell) are left out.
    public static func joinedTitle(_ parts: [String]) -> String {
        var out: [String] = []
        for p in parts {
            let t = p.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            if t.isEmpty || out.last == t { continue }
            out.append(t)
        }
        return out.joined(separator: " ")
    }
}
