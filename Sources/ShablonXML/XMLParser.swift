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
        /// Elements nested deeper than libxml2 reads (`XMLParser.maxDepth`).
        case tooDeep
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
    /// The same, with a number that stands for the name within this parse (every element and attribute
    /// with this qualified name gets the same number, numbers are small and dense from 0), so that a
    /// handler can keep what it works out per name in an array. The default calls the method above.
    func startElement(_ name: String, nameID: Int, attributes: [XMLAttribute])
    /// The current element ends.
    func endElement()
    /// Character data (adjacent text and CDATA arrive as one piece).
    func text(_ text: String)
    /// A comment.
    func comment(_ text: String)
    /// A processing instruction.
    func processingInstruction(_ target: String, _ data: String)
}

extension XMLTreeHandler {
    /// By default the name's number is not used.
    public func startElement(_ name: String, nameID: Int, attributes: [XMLAttribute]) {
        startElement(name, attributes: attributes)
    }
}

/// Parses XML parts with libxml2, safely: no DTD is loaded, no entity is expanded or resolved, the
/// network is never touched, a DOCTYPE is refused, and libxml2's own depth and size limits stay on.
public enum XMLParser {
    /// The libxml2 options used for every part.
    static let options: Int32 = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
        | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOXINCNODE.rawValue)

    /// How deep elements may nest: libxml2's own limit without `XML_PARSE_HUGE` (256), which is never
    /// set. Every walk over a parsed tree may recurse this deep and no deeper; office documents stay
    /// far below it (a table in a table in a table is some 20 levels).
    public static var maxDepth: Int { Int(shablon_xml_max_depth()) }

    /// Parses a part into a tree. The corresponding C function is `xmlCtxtReadMemory`.
    public static func parse(_ bytes: [UInt8]) throws(XMLParseError) -> XMLDocument {
        let builder = TreeBuilder()
        try parse(bytes, into: builder)
        guard let root = builder.root else { throw XMLParseError(kind: .empty, detail: "", line: 0, column: 0) }
        return XMLDocument(root: root, version: builder.version, standalone: builder.standalone, prolog: builder.prolog)
    }

    /// Parses a part and hands it, node by node, to a handler, straight from libxml2's SAX2 callbacks
    /// (no libxml2 tree is built). The corresponding C function is `xmlCtxtReadMemory`.
    public static func parse(_ bytes: [UInt8], into handler: XMLTreeHandler) throws(XMLParseError) {
        guard !bytes.isEmpty else { throw XMLParseError(kind: .empty, detail: "", line: 0, column: 0) }
        guard bytes.count < Int(Int32.max) else {
            throw XMLParseError(kind: .malformed, detail: "part too large", line: 0, column: 0)
        }
        guard let ctxt = xmlNewParserCtxt() else {
            throw XMLParseError(kind: .malformed, detail: "out of memory", line: 0, column: 0)
        }
        defer { xmlFreeParserCtxt(ctxt) }
        let state = SAXState(handler)
        ctxt.pointee._private = Unmanaged.passUnretained(state).toOpaque()
        defer { ctxt.pointee._private = nil }
        let sax = ctxt.pointee.sax!
        // A DOCTYPE stops the parser the moment it is seen, before any declaration in it is read.
        sax.pointee.internalSubset = { ctx, _, _, _ in
            guard let c = SAXState.context(ctx) else { return }
            SAXState.of(c).sawDoctype = true
            xmlStopParser(c)
        }
        sax.pointee.externalSubset = nil
        sax.pointee.resolveEntity = nil
        sax.pointee.getEntity = { _, _ in nil }
        sax.pointee.startDocument = { ctx in
            guard let c = SAXState.context(ctx) else { return }
            let version = c.pointee.version.map { String(cString: $0) }
            let standalone: Bool? = c.pointee.standalone == 1 ? true : c.pointee.standalone == 0 ? false : nil
            SAXState.of(c).handler.declaration(version: version, standalone: standalone)
        }
        sax.pointee.endDocument = nil
        sax.pointee.startElement = nil
        sax.pointee.endElement = nil
        sax.pointee.startElementNs = { ctx, localname, prefix, _, nbNamespaces, namespaces, nbAttributes, _, attributes in
            guard let c = SAXState.context(ctx) else { return }
            SAXState.of(c).start(localname, prefix, Int(nbNamespaces), namespaces, Int(nbAttributes), attributes)
        }
        sax.pointee.endElementNs = { ctx, _, _, _ in
            guard let c = SAXState.context(ctx) else { return }
            let s = SAXState.of(c)
            s.flushText()
            s.depth -= 1
            s.handler.endElement()
        }
        let characters: charactersSAXFunc = { ctx, ch, len in
            guard let c = SAXState.context(ctx), let ch, len > 0 else { return }
            SAXState.of(c).text.append(contentsOf: UnsafeBufferPointer(start: ch, count: Int(len)))
        }
        sax.pointee.characters = characters
        sax.pointee.ignorableWhitespace = characters
        sax.pointee.cdataBlock = characters
        sax.pointee.comment = { ctx, value in
            guard let c = SAXState.context(ctx) else { return }
            let s = SAXState.of(c)
            s.flushText()
            s.handler.comment(value.map { String(cString: $0) } ?? "")
        }
        sax.pointee.processingInstruction = { ctx, target, data in
            guard let c = SAXState.context(ctx) else { return }
            let s = SAXState.of(c)
            s.flushText()
            s.handler.processingInstruction(target.map { String(cString: $0) } ?? "", data.map { String(cString: $0) } ?? "")
        }
        let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                xmlCtxtReadMemory(ctxt, p, Int32(buf.count), "part.xml", nil, options)
            }
        }
        if let doc { xmlFreeDoc(doc) }
        if state.sawDoctype {
            throw XMLParseError(kind: .doctype, detail: "DOCTYPE", line: Int(ctxt.pointee.input?.pointee.line ?? 0), column: 0)
        }
        guard ctxt.pointee.wellFormed != 0, state.sawRoot else {
            var detail = "not well-formed", line = 0, column = 0
            // libxml2 stops before the element that would go past its depth limit.
            let kind: XMLParseError.Kind = state.depth >= maxDepth ? .tooDeep : .malformed
            if let err = xmlCtxtGetLastError(ctxt) {
                if let m = err.pointee.message {
                    detail = String(cString: m).trimmingCharacters(in: "\n ")
                }
                line = Int(err.pointee.line)
                column = Int(err.pointee.int2)
            }
            throw XMLParseError(kind: kind, detail: detail, line: line, column: column)
        }
        state.flushText()
    }

    /// What the SAX callbacks share: the handler, the text gathered since the last event (libxml2 hands
    /// text over in pieces; adjacent text and CDATA become one), and the names already made.
    private final class SAXState {
        let handler: XMLTreeHandler
        var text: [UInt8] = []
        var sawDoctype = false
        var sawRoot = false
        /// How many elements are open.
        var depth = 0
        /// Qualified names made so far (by number), and an open-addressing table from the addresses of
        /// (local name, prefix) to the number.
        private var names: [(local: Int, prefix: Int, name: String)] = []
        private var slots = [Int](repeating: -1, count: 128)
        private var attributes: [XMLAttribute] = []

        init(_ handler: XMLTreeHandler) { self.handler = handler }

        static func context(_ ctx: UnsafeMutableRawPointer?) -> xmlParserCtxtPtr? {
            ctx?.assumingMemoryBound(to: xmlParserCtxt.self)
        }

        static func of(_ c: xmlParserCtxtPtr) -> SAXState {
            Unmanaged<SAXState>.fromOpaque(c.pointee._private!).takeUnretainedValue()
        }

        func flushText() {
            guard !text.isEmpty else { return }
            handler.text(String(decoding: text, as: UTF8.self))
            text.removeAll(keepingCapacity: true)
        }

        /// The number of `prefix:local`, the string made once per distinct pair: libxml2 keeps each name
        /// once in its dictionary, and a name never changes while the parse lasts, so the addresses stand
        /// for the text.
        private func name(_ local: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?) -> Int {
            let l = Int(bitPattern: local), p = Int(bitPattern: prefix)
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: (UInt(bitPattern: l) &* 0x9E37_79B9_7F4A_7C15 ^ UInt(bitPattern: p) &* 0xC2B2_AE3D_27D4_EB4F) >> 17) & mask
            while true {
                let e = slots[i]
                if e < 0 { break }
                if names[e].local == l && names[e].prefix == p { return e }
                i = (i + 1) & mask
            }
            let text = local.map { String(cString: $0) } ?? ""
            names.append((l, p, prefix.map { String(cString: $0) + ":" + text } ?? text))
            let id = names.count - 1
            slots[i] = id
            if names.count * 2 > slots.count { rehash() }
            return id
        }

        private func rehash() {
            slots = [Int](repeating: -1, count: slots.count * 2)
            let mask = slots.count - 1
            for (id, n) in names.enumerated() {
                var i = Int(truncatingIfNeeded: (UInt(bitPattern: n.local) &* 0x9E37_79B9_7F4A_7C15 ^ UInt(bitPattern: n.prefix) &* 0xC2B2_AE3D_27D4_EB4F) >> 17) & mask
                while slots[i] >= 0 { i = (i + 1) & mask }
                slots[i] = id
            }
        }

        /// libxml2 hands every `&` of an attribute value (and of a namespace name) over as `&#38;`,
        /// leaving the decoding to its tree builder; a literal `&` cannot occur otherwise.
        private static func value(_ start: UnsafePointer<xmlChar>, _ end: UnsafePointer<xmlChar>) -> String {
            ampersands(String(decoding: UnsafeBufferPointer(start: start, count: max(0, end - start)), as: UTF8.self))
        }

        /// `&#38;` back to `&` (see `value`).
        private static func ampersands(_ s: String) -> String {
            s.utf8.contains(UInt8(ascii: "&")) ? s.replacing("&#38;", with: "&") : s
        }

        func start(_ localname: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?, _ nbNamespaces: Int,
                   _ namespaces: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ nbAttributes: Int,
                   _ attrs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
            flushText()
            sawRoot = true
            depth += 1
            attributes.removeAll(keepingCapacity: true)
            if let namespaces {
                for k in 0..<nbNamespaces {
                    let uri = SAXState.ampersands(namespaces[2 * k + 1].map { String(cString: $0) } ?? "")
                    if let p = namespaces[2 * k] {
                        attributes.append(XMLAttribute("xmlns:" + String(cString: p), uri))
                    } else {
                        attributes.append(XMLAttribute("xmlns", uri))
                    }
                }
            }
            if let attrs {
                for k in 0..<nbAttributes {
                    let base = 5 * k
                    guard let v = attrs[base + 3], let e = attrs[base + 4] else { continue }
                    attributes.append(XMLAttribute(names[name(attrs[base], attrs[base + 1])].name, SAXState.value(v, e)))
                }
            }
            let id = name(localname, prefix)
            handler.startElement(names[id].name, nameID: id, attributes: attributes)
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

}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
