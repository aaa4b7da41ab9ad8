/// A position in a source text file, as a text editor shows it.
///
/// Both numbers are 1-based. The column counts Swift `Character`s (user-perceived characters, grapheme
/// clusters) from the start of the line, so `й` written as `и` + combining breve is one column, and
/// `\r\n` ends a line without taking a column.
public struct SourcePosition: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The line, 1-based.
    public var line: Int
    /// The column, 1-based, in `Character`s.
    public var column: Int

    /// Creates a position from a 1-based line and a 1-based column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `line:column`, e.g. `12:5`.
    public var description: String { "\(line):\(column)" }

    /// The position as a problem location.
    public var location: ProblemLocation { .text(line: line, column: column) }
}

/// A path to a field inside loaded data, such as `events[3].date`.
///
/// Indices are stored 0-based (as in the data) and shown 1-based (as people count list items).
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// One step of a path: a map key or a list index.
    public enum Component: Sendable, Hashable {
        /// A field of a map, by name.
        case key(String)
        /// An item of a list, by its 0-based index.
        case index(Int)
    }

    /// The steps from the root of the data; empty for the root itself.
    public var components: [Component]

    /// Creates a path from its steps (no steps: the root).
    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// The root of the data (no steps).
    public static var root: FieldPath { FieldPath() }

    /// This path followed by a map key.
    public func appending(key: String) -> FieldPath {
        FieldPath(components + [.key(key)])
    }

    /// This path followed by a 0-based list index.
    public func appending(index: Int) -> FieldPath {
        FieldPath(components + [.index(index)])
    }

    /// True when `self` is `other` or lies inside it (e.g. `events[1].date` inside `events`).
    public func hasPrefix(_ other: FieldPath) -> Bool {
        components.starts(with: other.components)
    }

    /// The path as people read it: keys joined by dots, indices 1-based in brackets (`events[3].date`);
    /// the root is the empty string.
    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += key
            case .index(let index):
                text += "[\(index + 1)]"
            }
        }
        return text
    }
}

/// Data read from a YAML or JSON file, with the place in the file where every value starts.
public struct LoadedData: Sendable {
    /// The data.
    public var value: Value
    /// Where each value starts in the source text, by its path; the root is `FieldPath([])`.
    public var positions: [FieldPath: SourcePosition]

    /// Creates loaded data.
    public init(value: Value, positions: [FieldPath: SourcePosition] = [:]) {
        self.value = value
        self.positions = positions
    }

    /// Where the value at `path` starts in the file, when known.
    public func position(of path: FieldPath) -> SourcePosition? { positions[path] }
}

/// A table of data (CSV, or a sheet of a spreadsheet): a header row and the rows under it.
public struct Table: Sendable, Equatable {
    /// The column names from the header row, in order.
    public var headers: [String]
    /// The rows: each maps a header to the typed cell value (`DataLoader.typedCell`).
    public var rows: [ValueMap]
    /// For each row, its number as a spreadsheet shows it (the header is row 1, so the first data row
    /// is usually 2).
    public var rowNumbers: [Int]
    /// The sheet name for spreadsheets; nil for CSV.
    public var sheet: String?

    /// Creates a table.
    public init(headers: [String], rows: [ValueMap], rowNumbers: [Int], sheet: String? = nil) {
        self.headers = headers
        self.rows = rows
        self.rowNumbers = rowNumbers
        self.sheet = sheet
    }

    /// The rows as a list of maps, ready to be data for `batch` or an `#each`.
    public var value: Value { .list(rows.map { .map($0) }) }
}
