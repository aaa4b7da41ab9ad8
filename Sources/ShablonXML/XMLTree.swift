/// An attribute as written in the document: its qualified name (`w:val`, `xmlns:w`) and its value.
public struct XMLAttribute: Sendable, Equatable {
    /// The qualified name, prefix included.
    public var name: String
    /// The unescaped value.
    public var value: String

    /// Creates an attribute.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A node of a parsed XML part.
public enum XMLNode: Equatable {
    /// An element.
    case element(XMLElement)
    /// Character data (unescaped).
    case text(String)
    /// A comment.
    case comment(String)
    /// A processing instruction: target and data.
    case processingInstruction(String, String)

    /// The element, when this node is one.
    public var element: XMLElement? {
        if case .element(let e) = self { return e }
        return nil
    }
}

/// An element of a parsed XML part. Names keep their prefixes exactly as the document wrote them, and
/// namespace declarations stay among the attributes (`xmlns:w`), so a part is written back as it came.
public final class XMLElement: Equatable {
    /// The qualified name, e.g. `w:p` or `text:p`.
    public var name: String
    /// Attributes in document order, namespace declarations included.
    public var attributes: [XMLAttribute]
    /// Child nodes in document order.
    public var children: [XMLNode]

    /// Creates an element.
    public init(_ name: String, attributes: [XMLAttribute] = [], children: [XMLNode] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// The value of the attribute with this qualified name.
    public subscript(attribute name: String) -> String? {
        get { attributes.first { $0.name == name }?.value }
        set {
            if let i = attributes.firstIndex(where: { $0.name == name }) {
                if let newValue { attributes[i].value = newValue } else { attributes.remove(at: i) }
            } else if let newValue {
                attributes.append(XMLAttribute(name, newValue))
            }
        }
    }

    /// Child elements with this qualified name.
    public func elements(named name: String) -> [XMLElement] {
        children.compactMap { $0.element }.filter { $0.name == name }
    }

    /// The first child element with this qualified name.
    public func firstElement(named name: String) -> XMLElement? {
        for c in children { if case .element(let e) = c, e.name == name { return e } }
        return nil
    }

    /// A copy of this element with its attributes and, when `deep`, copies of all its descendants.
    public func copy(deep: Bool = true) -> XMLElement {
        XMLElement(name, attributes: attributes, children: deep ? children.map { node in
            if case .element(let e) = node { return .element(e.copy()) }
            return node
        } : [])
    }

    /// All character data below this element, in document order.
    public var textContent: String {
        var s = ""
        func walk(_ e: XMLElement) {
            for c in e.children {
                switch c {
                case .text(let t): s += t
                case .element(let x): walk(x)
                default: break
                }
            }
        }
        walk(self)
        return s
    }

    public static func == (a: XMLElement, b: XMLElement) -> Bool {
        a === b || (a.name == b.name && a.attributes == b.attributes && a.children == b.children)
    }
}

/// A parsed XML part: its declaration and its root element.
public final class XMLDocument {
    /// Version from the XML declaration (`1.0`), or nil when the part had no declaration.
    public var version: String?
    /// `standalone` from the declaration: true, false, or nil when absent.
    public var standalone: Bool?
    /// Comments and processing instructions before the root element.
    public var prolog: [XMLNode]
    /// The root element.
    public var root: XMLElement

    /// Creates a document.
    public init(root: XMLElement, version: String? = "1.0", standalone: Bool? = nil, prolog: [XMLNode] = []) {
        self.root = root
        self.version = version
        self.standalone = standalone
        self.prolog = prolog
    }

    /// The XML declaration as it is written out (always UTF-8), with a trailing newline; empty when
    /// the source had none.
    public var declaration: String {
        guard let version else { return "" }
        var d = "<?xml version=\"\(version)\" encoding=\"UTF-8\""
        if let standalone { d += standalone ? " standalone=\"yes\"" : " standalone=\"no\"" }
        return d + "?>\n"
    }

    /// The whole part as UTF-8 bytes.
    public func serialized() -> [UInt8] {
        var w = XMLWriter()
        w.raw(declaration)
        for n in prolog { w.node(n) }
        w.element(root)
        return w.bytes
    }
}
