/// What the engine needs to know about a document format, described as data: which elements are
/// paragraphs, tables, rows and cells, where typed text lives, and how a line break or a tab is written.
/// Element names are canonical qualified names (`w:p`, `text:p`): whatever prefix a document uses for a
/// known namespace, the engine matches it by the namespace.
public struct Dialect: Sendable {
    /// The dialect's name, for messages.
    public var name: String
    /// Namespace URI → canonical prefix used in the names below.
    public var namespaces: [String: String]
    /// Paragraph elements.
    public var paragraphs: Set<String>
    /// The element holding typed text (DOCX `w:t`); nil when text sits directly in paragraphs and spans (ODT).
    public var textElement: String?
    /// Table elements.
    public var tables: Set<String>
    /// Row elements.
    public var rows: Set<String>
    /// Cell elements.
    public var cells: Set<String>
    /// Elements that only describe their parent's formatting; when a parent is split in two, both halves
    /// keep a copy (`w:rPr`, `w:pPr`).
    public var properties: Set<String>
    /// Elements that stand for characters inside text: tabs, breaks, ODF's `text:s`.
    public var atoms: [String: Character]
    /// Elements whose text is never template text (field codes, deleted text, annotations).
    public var opaque: Set<String>
    /// Elements that make a paragraph more than text (pictures, objects): such a paragraph never vanishes.
    public var drawings: Set<String>
    /// ODF's list item: a paragraph alone in one stands for the whole item when paragraphs repeat.
    public var listItem: String?
    /// True when a cell must hold at least one paragraph (OOXML): the engine adds an empty one when loops
    /// leave a cell empty.
    public var cellNeedsParagraph: Bool
    /// How inserted text writes its line breaks and tabs.
    public var textStyle: TextStyle
    /// True for document-property parts: every text node is its own little paragraph, and only inline tags
    /// make sense there.
    public var textNodesAreParagraphs: Bool
    /// The folder of the package pictures added by a render go to, relative to the part (DOCX `media/`
    /// beside `word/document.xml`) or to the package (ODT `Pictures/`).
    public var mediaFolder = ""
    /// True when a part reaches its pictures through relationship ids (OPC), false when by path (ODF).
    public var mediaByRelationship = false
    /// True when the format collapses runs of spaces and spaces at a paragraph's edges, so inserted text
    /// writes them as `<text:s/>` and the engine follows, paragraph by paragraph, whether a space shows (ODF).
    public var spacesNeedElements = false
    /// How a repetition that starts on a new page writes its page break.
    public var pageBreak: PageBreak = .none
    /// How a table writes its columns: the grid, the cells' spans and widths.
    public var tableGrid: TableGrid = .none
    /// The element a cell spanning several columns leaves in each column it covers (ODF
    /// `table:covered-table-cell`); nil when a span is only an attribute of the cell (OOXML).
    public var coveredCell: String?
    /// ODF's list element: a repeated block's lists start their numbering again instead of continuing
    /// a list before the block.
    public var list: String?
    /// How an inserted picture is drawn; `.none` where pictures cannot go.
    public var pictures: Pictures = .none

    /// How inserted text is written.
    public enum TextStyle: Sendable {
        /// OOXML: text inside `w:t`; a break closes the text element, writes `<w:br/>` and reopens it.
        case wordprocessing
        /// ODF: text inside paragraphs; `<text:line-break/>`, `<text:tab/>`, and `<text:s/>` for spaces
        /// that ODF would otherwise collapse.
        case openDocument
        /// Plain text only (document properties): breaks become spaces.
        case plain
    }

    /// How a page break before a repetition is written.
    public enum PageBreak: Sendable {
        /// OOXML: a `<w:br w:type="page"/>` run first in the repetition's first paragraph.
        case firstRun
        /// ODF: an empty paragraph of a break-before style, the style added to the part's automatic styles.
        case styledParagraph
        /// The format has no pages (document properties).
        case none
    }

    /// How an inserted picture is drawn.
    public enum Pictures: Sendable {
        /// OOXML: DrawingML inline in a run, the text element closed around it.
        case inlineDrawing
        /// ODF: a `draw:frame` anchored as a character.
        case frame
        /// No pictures (document properties).
        case none
    }

    /// How a table writes its columns.
    public enum TableGrid: Sendable {
        /// OOXML: widths in `w:tblGrid/w:gridCol` and each cell's `w:tcW`, spans as `w:gridSpan`, skipped
        /// leading columns as the row's `w:gridBefore`.
        case gridColumns
        /// ODF: `table:table-column` elements whose widths live in automatic column styles, spans and
        /// repeats as `number-columns-spanned` / `number-columns-repeated`, covered cells after a span.
        case columnElements
        /// No tables (document properties).
        case none
    }

    /// What an element is to the engine, worked out once per element when a part is read.
    public func roles(of key: String) -> ElementRoles {
        if let table = Dialect.roleTables[name] { return table[key] ?? [] }
        return computeRoles(of: key)
    }

    /// The roles of every named element of the built-in dialects, in one table each.
    private static let roleTables: [String: [String: ElementRoles]] = {
        var tables: [String: [String: ElementRoles]] = [:]
        for d in [Dialect.docx, .odt, .properties] {
            var t: [String: ElementRoles] = [:]
            var keys = d.paragraphs.union(d.tables).union(d.rows).union(d.cells).union(d.properties).union(d.opaque).union(d.drawings)
            keys.formUnion(d.atoms.keys)
            if let x = d.textElement { keys.insert(x) }
            if let x = d.listItem { keys.insert(x) }
            for k in keys { t[k] = d.computeRoles(of: k) }
            tables[d.name] = t
        }
        return tables
    }()

    private func computeRoles(of key: String) -> ElementRoles {
        var r: ElementRoles = []
        if paragraphs.contains(key) { r.insert(.paragraph) }
        if tables.contains(key) { r.insert(.table) }
        if rows.contains(key) { r.insert(.row) }
        if cells.contains(key) { r.insert(.cell) }
        if properties.contains(key) { r.insert(.property) }
        if opaque.contains(key) { r.insert(.opaque) }
        if drawings.contains(key) { r.insert(.drawing) }
        if atoms[key] != nil { r.insert(.atom) }
        if key == textElement { r.insert(.text) }
        if key == listItem { r.insert(.listItem) }
        return r
    }

    /// WordprocessingML (DOCX): document, headers, footers, footnotes and endnotes.
    public static let docx = Dialect(
        name: "docx",
        namespaces: [
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
            "http://purl.oclc.org/ooxml/wordprocessingml/main": "w",
            "http://schemas.microsoft.com/office/word/2010/wordprocessingShape": "wps",
            "http://schemas.openxmlformats.org/markup-compatibility/2006": "mc",
        ],
        paragraphs: ["w:p"],
        textElement: "w:t",
        tables: ["w:tbl"],
        rows: ["w:tr"],
        cells: ["w:tc"],
        properties: ["w:rPr", "w:pPr", "w:trPr", "w:tcPr", "w:tblPr", "w:sectPr"],
        atoms: ["w:tab": "\t", "w:br": "\n", "w:cr": "\n", "w:noBreakHyphen": "-", "w:softHyphen": "\u{AD}"],
        opaque: ["w:instrText", "w:delText", "w:fldData", "mc:Fallback"],
        drawings: ["w:drawing", "w:pict", "w:object", "mc:AlternateContent", "w:sectPr", "w:fldSimple"],
        listItem: nil,
        cellNeedsParagraph: true,
        textStyle: .wordprocessing,
        textNodesAreParagraphs: false,
        mediaFolder: "media/",
        mediaByRelationship: true,
        pageBreak: .firstRun,
        tableGrid: .gridColumns,
        pictures: .inlineDrawing)

    /// OpenDocument Text (ODT): `content.xml` and `styles.xml`.
    public static let odt = Dialect(
        name: "odt",
        namespaces: [
            "urn:oasis:names:tc:opendocument:xmlns:text:1.0": "text",
            "urn:oasis:names:tc:opendocument:xmlns:table:1.0": "table",
            "urn:oasis:names:tc:opendocument:xmlns:office:1.0": "office",
            "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0": "draw",
        ],
        paragraphs: ["text:p", "text:h"],
        textElement: nil,
        tables: ["table:table"],
        rows: ["table:table-row"],
        cells: ["table:table-cell", "table:covered-table-cell"],
        properties: [],
        atoms: ["text:s": " ", "text:tab": "\t", "text:line-break": "\n"],
        opaque: ["office:annotation", "text:tracked-changes", "text:note-citation", "office:annotation-end",
                 "text:bookmark-ref", "text:sequence-decls", "text:variable-decls"],
        drawings: ["draw:frame", "draw:custom-shape", "draw:g", "draw:image", "draw:object"],
        listItem: "text:list-item",
        cellNeedsParagraph: false,
        textStyle: .openDocument,
        textNodesAreParagraphs: false,
        mediaFolder: "Pictures/",
        spacesNeedElements: true,
        pageBreak: .styledParagraph,
        tableGrid: .columnElements,
        coveredCell: "table:covered-table-cell",
        list: "text:list",
        pictures: .frame)

    /// Document properties (`docProps/core.xml`, ODF `meta.xml`): title, subject, keywords.
    public static let properties = Dialect(
        name: "properties",
        namespaces: [:],
        paragraphs: [],
        textElement: nil,
        tables: [], rows: [], cells: [],
        properties: [],
        atoms: [:],
        opaque: [],
        drawings: [],
        listItem: nil,
        cellNeedsParagraph: false,
        textStyle: .plain,
        textNodesAreParagraphs: true)
}

/// The roles an element plays for the engine (an element may play several: `w:sectPr` is both
/// properties and something a paragraph must never lose).
public struct ElementRoles: OptionSet, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public static let paragraph = ElementRoles(rawValue: 1 << 0)
    public static let table = ElementRoles(rawValue: 1 << 1)
    public static let row = ElementRoles(rawValue: 1 << 2)
    public static let cell = ElementRoles(rawValue: 1 << 3)
    public static let property = ElementRoles(rawValue: 1 << 4)
    public static let opaque = ElementRoles(rawValue: 1 << 5)
    public static let drawing = ElementRoles(rawValue: 1 << 6)
    public static let atom = ElementRoles(rawValue: 1 << 7)
    public static let text = ElementRoles(rawValue: 1 << 8)
    public static let listItem = ElementRoles(rawValue: 1 << 9)
}
