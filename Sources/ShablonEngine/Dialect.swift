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
    /// How inserted text writes its line breaks, tabs and runs of spaces.
    public var textStyle: TextStyle
    /// True for document-property parts: every text node is its own little paragraph, and only inline tags
    /// make sense there.
    public var textNodesAreParagraphs: Bool

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
        textNodesAreParagraphs: false)

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
        textNodesAreParagraphs: false)

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
