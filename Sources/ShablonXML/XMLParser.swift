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
}

/// Parses XML parts with libxml2, safely: no DTD is loaded, no entity is expanded or resolved, the
/// network is never touched, a DOCTYPE is refused, and libxml2's own depth and size limits stay on.
public enum XMLParser {
    /// The libxml2 options used for every part.
    static let options: Int32 = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
        | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOXINCNODE.rawValue)

    /// Parses a part. The corresponding C function is `xmlCtxtReadMemory`.
    public static func parse(_ bytes: [UInt8]) throws(XMLParseError) -> XMLDocument {
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
        let root = convert(rootPtr)
        var prolog: [XMLNode] = []
        var n = doc.pointee.children
        while let node = n, node != rootPtr {
            if let x = convertNode(node) { prolog.append(x) }
            n = node.pointee.next
        }
        let version = doc.pointee.version.map { String(cString: $0) }
        let standalone: Bool? = doc.pointee.standalone == 1 ? true : doc.pointee.standalone == 0 ? false : nil
        return XMLDocument(root: root, version: version, standalone: standalone, prolog: prolog)
    }

    private static func qualifiedName(_ name: UnsafePointer<xmlChar>?, _ ns: xmlNsPtr?) -> String {
        let local = name.map { String(cString: $0) } ?? ""
        if let ns, let prefix = ns.pointee.prefix { return String(cString: prefix) + ":" + local }
        return local
    }

    private static func convert(_ node: xmlNodePtr) -> XMLElement {
        let e = XMLElement(qualifiedName(node.pointee.name, node.pointee.ns))
        var nsDef = node.pointee.nsDef
        while let ns = nsDef {
            let href = ns.pointee.href.map { String(cString: $0) } ?? ""
            if let p = ns.pointee.prefix {
                e.attributes.append(XMLAttribute("xmlns:" + String(cString: p), href))
            } else {
                e.attributes.append(XMLAttribute("xmlns", href))
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
            e.attributes.append(XMLAttribute(qualifiedName(a.pointee.name, a.pointee.ns), value))
            attr = a.pointee.next
        }
        var child = node.pointee.children
        while let c = child {
            if let x = convertNode(c) {
                // Adjacent text nodes (CDATA merged with text) become one.
                if case .text(let t) = x, case .text(let prev)? = e.children.last {
                    e.children[e.children.count - 1] = .text(prev + t)
                } else {
                    e.children.append(x)
                }
            }
            child = c.pointee.next
        }
        return e
    }

    private static func convertNode(_ c: xmlNodePtr) -> XMLNode? {
        switch c.pointee.type {
        case XML_ELEMENT_NODE:
            return .element(convert(c))
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            return .text(c.pointee.content.map { String(cString: $0) } ?? "")
        case XML_COMMENT_NODE:
            return .comment(c.pointee.content.map { String(cString: $0) } ?? "")
        case XML_PI_NODE:
            return .processingInstruction(c.pointee.name.map { String(cString: $0) } ?? "",
                                          c.pointee.content.map { String(cString: $0) } ?? "")
        default:
            return nil
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
