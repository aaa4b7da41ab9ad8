internal import CLibXML2

/// Why a part could not be read as XML.
public struct XMLParseError: Error, Sendable, Equatable {
    /// What went wrong, in a form a caller maps to its own stable codes.
    public enum Kind: Sendable, Equatable {
        /// Not well-formed XML (libxml2's message is in `detail`).
        case malformed
        /// The part declares a DOCTYPE: office documents never need one, and DTDs are how entity
        /// expansion and external entity attacks arrive, so it is refused before anything is read from it.
        case doctype
        /// Empty input.
        case empty
    }

    /// The kind of failure.
    public var kind: Kind
    /// libxml2's own description (English), when there is one.
    public var detail: String
    /// 1-based line of the failure, 0 when unknown.
    public var line: Int
    /// 1-based column of the failure, 0 when unknown.
    public var column: Int

    /// Creates an error.
    public init(kind: Kind, detail: String, line: Int, column: Int) {
        self.kind = kind
        self.detail = detail
        self.line = line
        self.column = column
    }
}

/// Receives a parsed part node by node, in document order (what `XMLParser.parse(_:into:)` calls).
/// Lets a layer above build its own tree without an intermediate one.
public protocol XMLTreeHandler: AnyObject {
    /// The XML declaration's version (nil when there was none) and standalone flag.
    func declaration(version: String?, standalone: Bool?)
    /// An element starts: its qualified name and its attributes, namespace declarations included.
    func startElement(_ name: String, attributes: [XMLAttribute])
    /// The current element ends.
    func endElement()
    /// Character data (adjacent text and CDATA arrive as one piece).
    func text(_ text: String)
    /// A comment.
    func comment(_ text: String)
    /// A processing instruction.
    func processingInstruction(_ target: String, _ data: String)
}

/// Parses XML parts with libxml2, safely: no DTD is loaded, no entity is expanded or resolved, the
/// network is never touched, a DOCTYPE is refused, and libxml2's own depth and size limits stay on.
public enum XMLParser {
    /// The libxml2 options used for every part.
    static let options: Int32 = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
        | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOXINCNODE.rawValue)

    /// Parses a part into a tree. The corresponding C function is `xmlCtxtReadMemory`.
    public static func parse(_ bytes: [UInt8]) throws(XMLParseError) -> XMLDocument {
        let builder = TreeBuilder()
        try parse(bytes, into: builder)
        guard let root = builder.root else { throw XMLParseError(kind: .empty, detail: "", line: 0, column: 0) }
        return XMLDocument(root: root, version: builder.version, standalone: builder.standalone, prolog: builder.prolog)
    }

    /// Parses a part and hands it, node by node, to a handler. The corresponding C function is
    /// `xmlCtxtReadMemory`.
    public static func parse(_ bytes: [UInt8], into handler: XMLTreeHandler) throws(XMLParseError) {
        guard !bytes.isEmpty else { throw XMLParseError(kind: .empty, detail: "", line: 0, column: 0) }
        guard bytes.count < Int(Int32.max) else {
            throw XMLParseError(kind: .malformed, detail: "part too large", line: 0, column: 0)
        }
        guard let ctxt = xmlNewParserCtxt() else {
            throw XMLParseError(kind: .malformed, detail: "out of memory", line: 0, column: 0)
        }
        defer { xmlFreeParserCtxt(ctxt) }
        // A DOCTYPE stops the parser the moment it is seen, before any declaration in it is read.
        var sawDoctype: Int32 = 0
        let doc: xmlDocPtr? = withUnsafeMutablePointer(to: &sawDoctype) { flag in
            ctxt.pointee._private = UnsafeMutableRawPointer(flag)
            ctxt.pointee.sax.pointee.internalSubset = { ctx, _, _, _ in
                guard let ctx else { return }
                let c = ctx.assumingMemoryBound(to: xmlParserCtxt.self)
                c.pointee._private?.assumingMemoryBound(to: Int32.self).pointee = 1
                xmlStopParser(c)
            }
            ctxt.pointee.sax.pointee.externalSubset = nil
            ctxt.pointee.sax.pointee.resolveEntity = nil
            ctxt.pointee.sax.pointee.getEntity = { _, _ in nil }
            return bytes.withUnsafeBufferPointer { buf in
                buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                    xmlCtxtReadMemory(ctxt, p, Int32(buf.count), "part.xml", nil, options)
                }
            }
        }
        ctxt.pointee._private = nil
        if sawDoctype != 0 {
            if let doc { xmlFreeDoc(doc) }
            throw XMLParseError(kind: .doctype, detail: "DOCTYPE", line: Int(ctxt.pointee.input?.pointee.line ?? 0), column: 0)
        }
        guard let doc, ctxt.pointee.wellFormed != 0, let rootPtr = xmlDocGetRootElement(doc) else {
            if let doc { xmlFreeDoc(doc) }
            var detail = "not well-formed", line = 0, column = 0
            if let err = xmlCtxtGetLastError(ctxt) {
                if let m = err.pointee.message {
                    detail = String(cString: m).trimmingCharacters(in: "\n ")
                }
                line = Int(err.pointee.line)
                column = Int(err.pointee.int2)
            }
            throw XMLParseError(kind: .malformed, detail: detail, line: line, column: column)
        }
        defer { xmlFreeDoc(doc) }
        handler.declaration(version: doc.pointee.version.map { String(cString: $0) },
                            standalone: doc.pointee.standalone == 1 ? true : doc.pointee.standalone == 0 ? false : nil)
        var n = doc.pointee.children
        while let node = n {
            if node == rootPtr { walk(node, handler) } else { leaf(node, handler) }
            n = node.pointee.next
        }
    }

    /// The tree-building handler behind `parse(_:)`.
    private final class TreeBuilder: XMLTreeHandler {
        var root: XMLElement?
        var stack: [XMLElement] = []
        var prolog: [XMLNode] = []
        var version: String?
        var standalone: Bool?

        func declaration(version: String?, standalone: Bool?) {
            self.version = version
            self.standalone = standalone
        }

        private func add(_ node: XMLNode) {
            if let top = stack.last { top.children.append(node) } else if root == nil { prolog.append(node) }
        }

        func startElement(_ name: String, attributes: [XMLAttribute]) {
            let e = XMLElement(name, attributes: attributes)
            if stack.isEmpty && root == nil { root = e } else { stack.last?.children.append(.element(e)) }
            stack.append(e)
        }

        func endElement() { stack.removeLast() }
        func text(_ text: String) { add(.text(text)) }
        func comment(_ text: String) { add(.comment(text)) }
        func processingInstruction(_ target: String, _ data: String) { add(.processingInstruction(target, data)) }
    }

    private static func qualifiedName(_ name: UnsafePointer<xmlChar>?, _ ns: xmlNsPtr?) -> String {
        let local = name.map { String(cString: $0) } ?? ""
        if let ns, let prefix = ns.pointee.prefix { return String(cString: prefix) + ":" + local }
        return local
    }

    private static func walk(_ node: xmlNodePtr, _ handler: XMLTreeHandler) {
        var attributes: [XMLAttribute] = []
        var nsDef = node.pointee.nsDef
        while let ns = nsDef {
            // libxml2 keeps an `&` of a namespace name as `&#38;` (it leaves ampersands of attribute values
            // to a second pass that namespace declarations never get), so it is turned back here.
            var href = ns.pointee.href.map { String(cString: $0) } ?? ""
            if href.contains("&#38;") { href = href.replacing("&#38;", with: "&") }
            if let p = ns.pointee.prefix {
                attributes.append(XMLAttribute("xmlns:" + String(cString: p), href))
            } else {
                attributes.append(XMLAttribute("xmlns", href))
            }
            nsDef = ns.pointee.next
        }
        var attr = node.pointee.properties
        while let a = attr {
            var value = ""
            var c = a.pointee.children
            while let t = c {
                if let content = t.pointee.content { value += String(cString: content) }
                c = t.pointee.next
            }
            attributes.append(XMLAttribute(qualifiedName(a.pointee.name, a.pointee.ns), value))
            attr = a.pointee.next
        }
        handler.startElement(qualifiedName(node.pointee.name, node.pointee.ns), attributes: attributes)
        var child = node.pointee.children
        var pendingText: String?
        while let c = child {
            let type = c.pointee.type
            if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE {
                // Adjacent text nodes (CDATA merged with text) become one.
                let t = c.pointee.content.map { String(cString: $0) } ?? ""
                pendingText = (pendingText ?? "") + t
            } else {
                if let t = pendingText { handler.text(t); pendingText = nil }
                if type == XML_ELEMENT_NODE { walk(c, handler) } else { leaf(c, handler) }
            }
            child = c.pointee.next
        }
        if let t = pendingText { handler.text(t) }
        handler.endElement()
    }

    private static func leaf(_ c: xmlNodePtr, _ handler: XMLTreeHandler) {
        switch c.pointee.type {
        case XML_COMMENT_NODE:
            handler.comment(c.pointee.content.map { String(cString: $0) } ?? "")
        case XML_PI_NODE:
            handler.processingInstruction(c.pointee.name.map { String(cString: $0) } ?? "",
                                          c.pointee.content.map { String(cString: $0) } ?? "")
        default:
            break
        }
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
