import ShablonXML

/// A node of the engine's working tree: the parsed part, with tags cut out of the text into nodes of
/// their own and blocks gathered into containers.
enum TNode {
    case element(TElement)
    case text(String)
    /// A comment or processing instruction, already serialised.
    case markup(String)
    /// A tag of the template language.
    case tag(Tag)
}

/// An element of the working tree. A block container (`block != nil`) is not written itself: it stands
/// for the content that repeats or is conditional.
///
/// A template part may hold a million elements, so an element keeps only what every element needs
/// (88 bytes with the object header); what few elements carry — a block, computed attributes, column
/// loops — lives in a side object made when first set.
final class TElement {
    /// The name as the document wrote it.
    var name: String
    /// The canonical name used to match the dialect (`w:p`), whatever prefix the document used.
    var key: String
    var attributes: [XMLAttribute]
    var children: [TNode]
    /// What the element is to the engine (paragraph, row, …).
    var roles: ElementRoles = []
    unowned(unsafe) var parent: TElement?
    /// The rarely set properties below, or nil while none is set.
    private var extra: Extra?

    /// What only block containers, column loops and their tables carry.
    private final class Extra {
        var block: Block?
        var dynamic: [(name: String, value: DynamicValue)] = []
        var columnTable = false
        var columnRepeat: ColumnRepeat?
        var stylesSlot = false
    }

    private var ensuredExtra: Extra {
        if let extra { return extra }
        let e = Extra()
        extra = e
        return e
    }

    /// For block containers: the block.
    var block: Block? {
        get { extra?.block }
        set { if newValue != nil || extra != nil { ensuredExtra.block = newValue } }
    }
    /// Attributes whose values the render writes (divided column widths, spans, numbering ids).
    var dynamic: [(name: String, value: DynamicValue)] {
        get { extra?.dynamic ?? [] }
        set { if !newValue.isEmpty || extra != nil { ensuredExtra.dynamic = newValue } }
    }
    /// A table holding column loops: the render tracks the column counts inside it.
    var columnTable: Bool {
        get { extra?.columnTable ?? false }
        set { if newValue || extra != nil { ensuredExtra.columnTable = newValue } }
    }
    /// A container (never written itself) whose content is written once per column of a column loop.
    var columnRepeat: ColumnRepeat? {
        get { extra?.columnRepeat }
        set { if newValue != nil || extra != nil { ensuredExtra.columnRepeat = newValue } }
    }
    /// ODF automatic styles: the render appends the styles of divided column widths here.
    var stylesSlot: Bool {
        get { extra?.stylesSlot ?? false }
        set { if newValue || extra != nil { ensuredExtra.stylesSlot = newValue } }
    }

    init(name: String, key: String, attributes: [XMLAttribute], children: [TNode] = [], parent: TElement? = nil) {
        self.name = name
        self.key = key
        self.attributes = attributes
        self.children = children
        self.parent = parent
    }

    /// A block container.
    init(block: Block) {
        name = ""
        key = ""
        attributes = []
        children = []
        self.block = block
    }

    /// A container that repeats grid columns.
    init(columnRepeat: ColumnRepeat) {
        name = ""
        key = ""
        attributes = []
        children = []
        self.columnRepeat = columnRepeat
    }

    var isBlock: Bool { block != nil }
    var isParagraph: Bool { roles.contains(.paragraph) }

    /// The prefix of the element's name (`w` of `w:t`), or "".
    var prefix: String {
        if let i = name.firstIndex(of: ":") { return String(name[..<i]) }
        return ""
    }

    func index(of child: TElement) -> Int? {
        children.firstIndex { if case .element(let e) = $0 { return e === child }; return false }
    }

    /// The value of an attribute given by its local name, whatever the prefix.
    func attribute(local: String) -> String? {
        attributes.first { $0.name == local || $0.name.hasSuffix(":" + local) }?.value
    }

    /// The element children.
    var elements: [TElement] { children.compactMap { if case .element(let e) = $0 { return e }; return nil } }

    func index(of tag: Tag) -> Int? {
        children.firstIndex { if case .tag(let t) = $0 { return t === tag }; return false }
    }

    /// Appends a child, keeping the parent pointer right.
    func append(_ node: TNode) {
        if case .element(let e) = node { e.parent = self }
        if case .tag(let t) = node { t.holder = self }
        children.append(node)
    }

    /// Replaces children in a range, keeping parent pointers right.
    func replace(_ range: Range<Int>, with nodes: [TNode]) {
        for n in nodes {
            if case .element(let e) = n { e.parent = self }
            if case .tag(let t) = n { t.holder = self }
        }
        children.replaceSubrange(range, with: nodes)
    }

    /// A copy of the element's name and attributes, without children.
    func shallowCopy() -> TElement {
        let e = TElement(name: name, key: key, attributes: attributes)
        e.roles = roles
        e.dynamic = dynamic
        return e
    }

    /// A deep copy (used for property elements when an element is split).
    func deepCopy() -> TElement {
        let e = shallowCopy()
        e.block = block
        for c in children {
            switch c {
            case .element(let x): e.append(.element(x.deepCopy()))
            default: e.children.append(c)
            }
        }
        return e
    }

    /// Visits every element below, depth first, in document order.
    func walk(_ visit: (TElement) -> Void) {
        for c in children {
            if case .element(let e) = c {
                visit(e)
                e.walk(visit)
            }
        }
    }
}

extension TElement {
    /// Builds the working tree from a parsed part, resolving each element's canonical key from the
    /// namespaces in scope.
    static func build(_ root: XMLElement, dialect: Dialect) -> TElement {
        let builder = TreeBuilder(dialect: dialect)
        func walk(_ e: XMLElement) {
            builder.startElement(e.name, attributes: e.attributes)
            for c in e.children {
                switch c {
                case .element(let x): walk(x)
                case .text(let t): builder.text(t)
                case .comment(let t): builder.comment(t)
                case .processingInstruction(let t, let d): builder.processingInstruction(t, d)
                }
            }
            builder.endElement()
        }
        walk(root)
        return builder.root!
    }
}

/// Builds the working tree straight from the parser (no intermediate tree), resolving each element's
/// canonical key and roles once.
final class TreeBuilder: XMLTreeHandler {
    let dialect: Dialect
    var root: TElement?
    var declaration = ""
    var prolog: [String] = []
    private var stack: [TElement] = []
    private var scopes: [[String: String]] = []
    /// Whether each open element declared namespaces (and so pushed a scope).
    private var pushed: [Bool] = []
    /// Name → canonical key and roles, valid until an element declares a namespace.
    private var resolved: [String: (key: String, roles: ElementRoles)] = [:]
    /// The same by the parser's name number.
    private var resolvedByID: [(key: String, roles: ElementRoles)?] = []

    init(dialect: Dialect) { self.dialect = dialect }

    func declaration(version: String?, standalone: Bool?) {
        guard let version else { return }
        var d = "<?xml version=\"\(version)\" encoding=\"UTF-8\""
        if let standalone { d += standalone ? " standalone=\"yes\"" : " standalone=\"no\"" }
        declaration = d + "?>\n"
    }

    private func resolve(_ name: String) -> (key: String, roles: ElementRoles) {
        if let r = resolved[name] { return r }
        let prefix: String, local: Substring
        if let i = name.firstIndex(of: ":") {
            prefix = String(name[..<i])
            local = name[name.index(after: i)...]
        } else {
            prefix = ""
            local = Substring(name)
        }
        var k = name
        for s in scopes.reversed() {
            if let uri = s[prefix] {
                if let canonical = dialect.namespaces[uri] { k = canonical + ":" + local }
                break
            }
        }
        let r = (key: k, roles: dialect.roles(of: k))
        resolved[name] = r
        return r
    }

    func startElement(_ name: String, attributes: [XMLAttribute]) {
        startElement(name, nameID: -1, attributes: attributes)
    }

    func startElement(_ name: String, nameID: Int, attributes: [XMLAttribute]) {
        var declared: [String: String]?
        for a in attributes where a.name.utf8.first == UInt8(ascii: "x") && a.name.hasPrefix("xmlns") {
            if a.name == "xmlns" { declared = declared ?? [:]; declared?[""] = a.value }
            else if a.name.hasPrefix("xmlns:") { declared = declared ?? [:]; declared?[String(a.name.dropFirst(6))] = a.value }
        }
        if let declared {
            // Names may resolve differently below an element that declares a namespace.
            resolved.removeAll(keepingCapacity: true)
            resolvedByID.removeAll(keepingCapacity: true)
            scopes.append(declared)
        }
        pushed.append(declared != nil)
        let r: (key: String, roles: ElementRoles)
        if nameID >= 0 {
            if nameID < resolvedByID.count, let known = resolvedByID[nameID] {
                r = known
            } else {
                r = resolve(name)
                if nameID >= resolvedByID.count { resolvedByID += Array(repeating: nil, count: nameID - resolvedByID.count + 1) }
                resolvedByID[nameID] = r
            }
        } else {
            r = resolve(name)
        }
        let e = TElement(name: name, key: r.key, attributes: attributes, parent: stack.last)
        e.roles = r.roles
        if let top = stack.last { top.children.append(.element(e)) } else { root = e }
        stack.append(e)
    }

    func endElement() {
        stack.removeLast()
        if pushed.removeLast() {
            scopes.removeLast()
            resolved.removeAll(keepingCapacity: true)
            resolvedByID.removeAll(keepingCapacity: true)
        }
    }

    private func markup(_ node: XMLNode) {
        var w = XMLWriter()
        w.node(node)
        let m = String(decoding: w.bytes, as: UTF8.self)
        if let top = stack.last { top.children.append(.markup(m)) } else { prolog.append(m) }
    }

    func text(_ text: String) { stack.last?.children.append(.text(text)) }
    func comment(_ text: String) { markup(.comment(text)) }
    func processingInstruction(_ target: String, _ data: String) { markup(.processingInstruction(target, data)) }
}
