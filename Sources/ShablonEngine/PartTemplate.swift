import ShablonData
import ShablonXML

/// What a template asks of its data, as a tree: for `shablon inspect` and data skeletons.
public indirect enum OutlineNode: Sendable, Equatable {
    /// A value tag: the path, the filter names, the tag as typed and where it stands.
    case value(path: String, filters: [String], tag: String, location: ProblemLocation)
    /// A block with its content and its `else` content.
    case block(kind: String, path: String, filters: [String], tag: String, location: ProblemLocation,
               placement: String, body: [OutlineNode], otherwise: [OutlineNode])
}

/// The result of rendering one part.
public struct PartRender: Sendable {
    /// The filled part, UTF-8 XML.
    public var bytes: [UInt8]
    /// Errors (the part must not be written) and warnings.
    public var problems: [Problem]
    /// Media files the part now refers to (images); the package must add them and their relationships.
    public var media: [EmbeddedMedia] = []
    /// DOCX: numbering instances the package's numbering part must add (`нумерация-заново`).
    public var numberings: [NumberingCopy] = []
}

/// Шаблон части документа: one XML part of a package (`word/document.xml`, `content.xml`), compiled
/// once and rendered any number of times, from any number of threads.
public final class PartTemplate: @unchecked Sendable {
    /// The part's name inside the package.
    public let part: String
    /// The dialect the part was compiled with.
    public let dialect: Dialect
    let program: Program
    /// True when the part holds at least one tag; a part without tags is copied as it is.
    public let hasTags: Bool
    /// True when a loop restarts numbered lists (DOCX: the package's numbering part gets copies).
    public private(set) var restartsNumbering = false
    /// Warnings found while compiling (the template still renders).
    public private(set) var warnings: [Problem] = []
    /// The template's tags as a tree.
    public let outline: [OutlineNode]

    private init(part: String, dialect: Dialect, program: Program, hasTags: Bool, outline: [OutlineNode]) {
        self.part = part
        self.dialect = dialect
        self.program = program
        self.hasTags = hasTags
        self.outline = outline
    }

    /// Compiles a parsed part. Returns the template, or every problem found in it (and its warnings).
    public static func compile(_ document: XMLDocument, part: String, dialect: Dialect) -> Result<PartTemplate, Problems> {
        let root = TElement.build(document.root, dialect: dialect)
        let prolog = document.prolog.map { node -> String in
            var w = XMLWriter()
            w.node(node)
            return String(decoding: w.bytes, as: UTF8.self)
        }
        return compile(root: root, declaration: document.declaration, prolog: prolog, part: part, dialect: dialect)
    }

    /// Parses and compiles a part from its bytes in one pass (no intermediate tree). Returns the
    /// template, or every problem found in it; an XML error is thrown, `XMLParseError.Kind.tooLarge`
    /// among them when the part holds more nodes than `limits` allow.
    /// The bytes are the compiler's own: they are let go as soon as they are parsed.
    public static func compile(bytes: consuming [UInt8], part: String, dialect: Dialect,
                               limits: XMLLimits = XMLLimits()) throws(XMLParseError) -> Result<PartTemplate, Problems> {
        let builder = TreeBuilder(dialect: dialect)
        try XMLParser.parse(bytes, into: builder, limits: limits)
        _ = consume bytes
        guard let root = builder.root else { throw XMLParseError(kind: .empty, detail: "", line: 0, column: 0) }
        return compile(root: root, declaration: builder.declaration, prolog: builder.prolog, part: part, dialect: dialect)
    }

    private static func compile(root: TElement, declaration: String, prolog: [String], part: String,
                                dialect: Dialect) -> Result<PartTemplate, Problems> {
        var lexer = Lexer(dialect: dialect, part: part)
        lexer.run(root)
        var problems = lexer.problems
        var structure = Structure(dialect: dialect, part: part, paragraphs: lexer.paragraphs)
        let blocks = structure.match(lexer.tags.filter(\.isBlockTag))
        problems += structure.problems
        if dialect.textNodesAreParagraphs {
            for b in blocks where b.close != nil && b.open.paragraph !== b.close?.paragraph {
                problems.append(Problem(code: .blockPlacement, part: part, location: b.open.location, tag: b.open.raw,
                                        message: LocalizedText(ru: "в свойствах документа блок должен открываться и закрываться в одном поле",
                                                               en: "in document properties a block must open and close within one field"),
                                        hint: LocalizedText(ru: "Перенесите {{/…}} в то же поле свойств.", en: "Move the closing tag into the same property.")))
            }
        }
        if problems.contains(where: { $0.severity == .error }) { return .failure(Problems(problems)) }
        structure.problems = []
        structure.arrange(blocks, root: root)
        problems += structure.problems
        if problems.contains(where: { $0.severity == .error }) { return .failure(Problems(problems)) }
        var planner = ColumnPlanner(dialect: dialect, part: part, paragraphs: lexer.paragraphs)
        planner.run(blocks, root: root)
        problems += planner.problems
        if problems.contains(where: { $0.severity == .error }) { return .failure(Problems(problems)) }
        removeCommentParagraphs(lexer)
        if dialect.pageBreak == .styledParagraph, blocks.contains(where: { $0.expression.options.contains(.pageBreak) }) {
            addPageBreakStyle(root)
        }
        var flattener = Flattener(dialect: dialect)
        let program = flattener.run(root, declaration: declaration, prolog: prolog)
        let outline = PartTemplate.outline(program.ops)
        let t = PartTemplate(part: part, dialect: dialect, program: program, hasTags: !lexer.tags.isEmpty, outline: outline)
        t.restartsNumbering = blocks.contains { $0.expression.options.contains(.restartNumbering) }
        t.warnings = problems
        return .success(t)
    }

    /// ODF: the paragraph style a page break between repetitions uses (break before, 1 pt, no spacing).
    private static func addPageBreakStyle(_ root: TElement) {
        let style = TElement(name: "style:style", key: "style:style", attributes: [
            XMLAttribute("xmlns:style", "urn:oasis:names:tc:opendocument:xmlns:style:1.0"),
            XMLAttribute("xmlns:fo", "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"),
            XMLAttribute("style:name", "ShablonPageBreak"), XMLAttribute("style:family", "paragraph")])
        style.append(.element(TElement(name: "style:paragraph-properties", key: "style:paragraph-properties", attributes: [
            XMLAttribute("fo:break-before", "page"), XMLAttribute("fo:margin-top", "0cm"), XMLAttribute("fo:margin-bottom", "0cm"),
            XMLAttribute("fo:line-height", "100%")])))
        style.append(.element(TElement(name: "style:text-properties", key: "style:text-properties", attributes: [
            XMLAttribute("fo:font-size", "1pt")])))
        if let styles = root.children.lazy.compactMap({ node -> TElement? in
            if case .element(let e) = node, e.key == "office:automatic-styles" { return e }
            return nil
        }).first {
            styles.append(.element(style))
        } else {
            let styles = TElement(name: "office:automatic-styles", key: "office:automatic-styles", attributes: [])
            styles.append(.element(style))
            let at = root.children.firstIndex { if case .element(let e) = $0 { return e.key == "office:body" }; return false } ?? 0
            root.replace(at..<at, with: [.element(styles)])
        }
    }

    /// A paragraph that holds nothing but comments vanishes, as a paragraph of block tags does (a cell
    /// keeps its last paragraph).
    private static func removeCommentParagraphs(_ lexer: Lexer) {
        var done: Set<ObjectIdentifier> = []
        for tag in lexer.tags {
            guard case .comment = tag.kind, let p = tag.paragraph, done.insert(ObjectIdentifier(p)).inserted,
                  let info = lexer.paragraphs[ObjectIdentifier(p)], info.blankBesidesTags, !info.hasDrawing,
                  info.tags.allSatisfy({ if case .comment = $0.kind { return true }; return false }),
                  p.isParagraph, let parent = p.parent, let i = parent.index(of: p) else { continue }
            if parent.roles.contains(.cell) && parent.children.filter({ if case .element(let e) = $0 { return e.isParagraph }; return false }).count < 2 {
                continue
            }
            parent.replace(i..<(i + 1), with: [])
        }
    }

    private static func outline(_ ops: [Program.Op]) -> [OutlineNode] {
        var nodes: [OutlineNode] = []
        for op in ops {
            switch op {
            case .value(let t, let e, _):
                nodes.append(.value(path: e.path.description, filters: e.filters.map(\.name), tag: t.raw, location: t.location))
            case .block(let b):
                let bl = b.block
                nodes.append(.block(kind: bl.kind.rawValue, path: bl.expression.path.description,
                                    filters: bl.expression.filters.map(\.name), tag: bl.open.raw, location: bl.open.location,
                                    placement: bl.placement.rawValue, body: outline(b.body), otherwise: outline(b.otherwise)))
            default: break
            }
        }
        return nodes
    }

    /// True when the part's static markup holds this text (e.g. a chart marker `[[`).
    public func staticMarkupContains(_ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard let first = needle.first, program.bytes.count >= needle.count else { return false }
        let b = program.bytes
        var i = 0
        while i <= b.count - needle.count {
            if b[i] == first && Array(b[i..<(i + needle.count)]) == needle { return true }
            i += 1
        }
        return false
    }

    /// Fills the part with data. The result holds every problem found; when any is an error, the bytes
    /// must not be used.
    public func render(_ data: Value, options: RenderOptions = RenderOptions()) -> PartRender {
        var r = Renderer(program: program, dialect: dialect, data: data, options: options)
        r.run()
        r.finishProblems()
        return PartRender(bytes: r.out, problems: r.problems, media: r.media, numberings: r.numberings)
    }
}
