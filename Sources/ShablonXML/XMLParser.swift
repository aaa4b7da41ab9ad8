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
        /// The part holds more nodes than `XMLLimits.maxNodes` allows (the limit is in `detail`).
        case tooLarge
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

/// How much one part may hold once parsed. A part is at most `ZipLimits.maxEntrySize` bytes, but a byte
/// or two of XML can be a node, and a node in memory takes a hundred bytes or more: 256 MiB of `<w:p/>`
/// would be 45 million paragraphs. The limit keeps what any reader builds from a part in proportion.
public struct XMLLimits: Sendable, Equatable {
    /// The default `maxNodes`: 1 000 000. Measured (`docs/limits-data.md`): a part of a million empty
    /// paragraphs — the costliest node there is — peaks at about 420 MB in the CLI; real documents hold
    /// some 15 bytes of XML a node, so the limit is a part of about 15 MB, fifty times the largest
    /// template the project ships.
    public static let defaultMaxNodes = 1_000_000

    /// The most nodes — elements, attributes, pieces of text, comments and processing instructions —
    /// one part may hold; more is `XMLParseError.Kind.tooLarge`.
    public var maxNodes: Int

    /// The default limits.
    public init() { maxNodes = XMLLimits.defaultMaxNodes }

    /// Limits with this many nodes at the most.
    public init(maxNodes: Int) { self.maxNodes = maxNodes }

    /// No limit (for parts the program writes itself).
    public static let unlimited = XMLLimits(maxNodes: .max)
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
    /// Character data: adjacent text and CDATA arrive as one piece, except that text longer than
    /// `XMLParser.textPiece` bytes arrives in pieces of about that size (split between characters), so
    /// that no copy of a huge text is made while it is read.
    func text(_ text: String)
    /// A comment.
    func comment(_ text: String)
    /// A processing instruction.
    func processingInstruction(_ target: String, _ data: String)
    /// True once the handler has seen enough (or too much): the parse stops there, without an error.
    var stopsParsing: Bool { get }
}

extension XMLTreeHandler {
    /// By default a handler reads the whole part.
    public var stopsParsing: Bool { false }

    /// By default the name's number is not used.
    public func startElement(_ name: String, nameID: Int, attributes: [XMLAttribute]) {
        startElement(name, attributes: attributes)
    }
}

/// Parses XML parts with libxml2, safely: no DTD is loaded, no entity is expanded or resolved, the
/// network is never touched, a DOCTYPE is refused, and libxml2's own depth and size limits stay on.
public enum XMLParser {
    /// The size (bytes) past which text is handed over in pieces (see `XMLTreeHandler.text`): 1 MiB.
    public static let textPiece = 1 << 20

    /// The libxml2 options used for every part.
    static let options: Int32 = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
        | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_NOXINCNODE.rawValue)

    /// How deep elements may nest: libxml2's own limit without `XML_PARSE_HUGE` (256), which is never
    /// set. Every walk over a parsed tree may recurse this deep and no deeper; office documents stay
    /// far below it (a table in a table in a table is some 20 levels).
    public static var maxDepth: Int { Int(shablon_xml_max_depth()) }

    /// Parses a part into a tree, refusing one with more than `limits.maxNodes` nodes. The corresponding
    /// C function is `xmlCtxtReadMemory`.
    public static func parse(_ bytes: [UInt8], limits: XMLLimits = XMLLimits()) throws(XMLParseError) -> XMLDocument {
        let builder = TreeBuilder()
        try parse(bytes, into: builder, limits: limits)
        guard let root = builder.root else { throw XMLParseError(kind: .empty, detail: "", line: 0, column: 0) }
        return XMLDocument(root: root, version: builder.version, standalone: builder.standalone, prolog: builder.prolog)
    }

    /// Parses a part and hands it, node by node, to a handler, straight from libxml2's SAX2 callbacks
    /// (no libxml2 tree is built). The parse stops, with `XMLParseError.Kind.tooLarge`, at the first node
    /// past `limits.maxNodes`, and without an error where the handler's `stopsParsing` turns true. The
    /// corresponding C function is `xmlCtxtReadMemory`.
    public static func parse(_ bytes: [UInt8], into handler: XMLTreeHandler, limits: XMLLimits = XMLLimits()) throws(XMLParseError) {
        guard !bytes.isEmpty else { throw XMLParseError(kind: .empty, detail: "", line: 0, column: 0) }
        guard bytes.count < Int(Int32.max) else {
            throw XMLParseError(kind: .malformed, detail: "part too large", line: 0, column: 0)
        }
        guard let ctxt = xmlNewParserCtxt() else {
            throw XMLParseError(kind: .malformed, detail: "out of memory", line: 0, column: 0)
        }
        defer { xmlFreeParserCtxt(ctxt) }
        let state = SAXState(handler, maxNodes: limits.maxNodes)
        ctxt.pointee._private = Unmanaged.passUnretained(state).toOpaque()
        defer { ctxt.pointee._private = nil }
        let sax = ctxt.pointee.sax!
        // A DOCTYPE stops the parser the moment it is seen, before any declaration in it is read.
        sax.pointee.internalSubset = { ctx, _, _, _ in
            guard let c = SAXState.context(ctx), let s = SAXState.of(c) else { return }
            s.sawDoctype = true
            xmlStopParser(c)
        }
        sax.pointee.externalSubset = nil
        sax.pointee.resolveEntity = nil
        sax.pointee.getEntity = { _, _ in nil }
        sax.pointee.startDocument = { ctx in
            guard let c = SAXState.context(ctx), let s = SAXState.of(c) else { return }
            let version = c.pointee.version.map { String(cString: $0) }
            let standalone: Bool? = c.pointee.standalone == 1 ? true : c.pointee.standalone == 0 ? false : nil
            s.handler.declaration(version: version, standalone: standalone)
        }
        sax.pointee.endDocument = nil
        sax.pointee.startElement = nil
        sax.pointee.endElement = nil
        sax.pointee.startElementNs = { ctx, localname, prefix, _, nbNamespaces, namespaces, nbAttributes, _, attributes in
            guard let c = SAXState.context(ctx), let s = SAXState.of(c) else { return }
            guard s.count(1 + Int(nbNamespaces) + Int(nbAttributes), c) else { return }
            s.start(localname, prefix, Int(nbNamespaces), namespaces, Int(nbAttributes), attributes, c)
            s.checkHandler(c)
        }
        sax.pointee.endElementNs = { ctx, _, _, _ in
            guard let c = SAXState.context(ctx), let s = SAXState.of(c) else { return }
            guard s.flushText(c) else { return }
            s.depth -= 1
            s.handler.endElement()
            s.checkHandler(c)
        }
        let characters: charactersSAXFunc = { ctx, ch, len in
            guard let c = SAXState.context(ctx), let s = SAXState.of(c), let ch, len > 0 else { return }
            // libxml2 may hand a whole long text over at once: it is cut into pieces as it is taken.
            var from = ch, left = Int(len)
            while s.text.count + left >= XMLParser.textPiece {
                let take = max(0, XMLParser.textPiece - s.text.count)
                s.text.append(contentsOf: UnsafeBufferPointer(start: from, count: take))
                from += take
                left -= take
                guard s.flushPiece(c) else { return }
            }
            s.text.append(contentsOf: UnsafeBufferPointer(start: from, count: left))
        }
        sax.pointee.characters = characters
        sax.pointee.ignorableWhitespace = characters
        sax.pointee.cdataBlock = characters
        sax.pointee.comment = { ctx, value in
            guard let c = SAXState.context(ctx), let s = SAXState.of(c) else { return }
            guard s.flushText(c), s.count(1, c) else { return }
            s.handler.comment(value.map { String(cString: $0) } ?? "")
        }
        sax.pointee.processingInstruction = { ctx, target, data in
            guard let c = SAXState.context(ctx), let s = SAXState.of(c) else { return }
            guard s.flushText(c), s.count(1, c) else { return }
            s.handler.processingInstruction(target.map { String(cString: $0) } ?? "", data.map { String(cString: $0) } ?? "")
        }
        let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                xmlCtxtReadMemory(ctxt, p, Int32(buf.count), "part.xml", nil, options)
            }
        }
        if let doc { xmlFreeDoc(doc) }
        if state.sawDoctype {
            throw XMLParseError(kind: .doctype, detail: "DOCTYPE", line: Int(ctxt.pointee.input?.pointee.line ?? 0), column: 0)
        }
        if let line = state.overLimitAt {
            throw XMLParseError(kind: .tooLarge, detail: String(limits.maxNodes), line: line, column: 0)
        }
        if state.handlerStopped { return }
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
        _ = state.flushText(ctxt)
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
        /// Nodes still allowed before the limit.
        private var nodesLeft: Int
        /// The line of the first node past the limit.
        var overLimitAt: Int?
        /// True once the handler asked to stop.
        var handlerStopped = false
        /// Qualified names made so far (by number), and an open-addressing table from the addresses of
        /// (local name, prefix) to the number.
        private var names: [(local: Int, prefix: Int, name: String)] = []
        private var slots = [Int](repeating: -1, count: 128)

        init(_ handler: XMLTreeHandler, maxNodes: Int) {
            self.handler = handler
            nodesLeft = maxNodes
        }

        /// Counts nodes against the limit; past it, stops the parser and returns false.
        func count(_ nodes: Int, _ c: xmlParserCtxtPtr) -> Bool {
            nodesLeft -= nodes
            guard nodesLeft < 0 else { return true }
            if overLimitAt == nil {
                overLimitAt = Int(c.pointee.input?.pointee.line ?? 0)
                xmlStopParser(c)
            }
            return false
        }

        /// Stops the parser when the handler has seen enough.
        func checkHandler(_ c: xmlParserCtxtPtr) {
            if !handlerStopped && handler.stopsParsing {
                handlerStopped = true
                xmlStopParser(c)
            }
        }

        static func context(_ ctx: UnsafeMutableRawPointer?) -> xmlParserCtxtPtr? {
            ctx?.assumingMemoryBound(to: xmlParserCtxt.self)
        }

        /// The state a parse was started with (nil only if libxml2 lost the user pointer).
        static func of(_ c: xmlParserCtxtPtr) -> SAXState? {
            c.pointee._private.map { Unmanaged<SAXState>.fromOpaque($0).takeUnretainedValue() }
        }

        /// Hands over the gathered text but for an unfinished character at its end (a piece of a long text).
        /// False when nothing could be handed over (the parse is stopped).
        func flushPiece(_ c: xmlParserCtxtPtr) -> Bool {
            var k = text.count
            // Back to the start of the last character; it stays if its bytes are not all here yet.
            while k > 0 && text[k - 1] & 0xC0 == 0x80 { k -= 1 }
            if k > 0 {
                let lead = text[k - 1]
                let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
                if text.count - (k - 1) < length { k -= 1 } else { k = text.count }
            }
            guard k > 0, overLimitAt == nil, !handlerStopped, count(1, c) else { return false }
            let piece = String(decoding: text[..<k], as: UTF8.self)
            text.removeFirst(k)
            handler.text(piece)
            return true
        }

        /// Hands the gathered text to the handler as one node; false when that node is past the limit
        /// (or the parse was stopped).
        func flushText(_ c: xmlParserCtxtPtr) -> Bool {
            guard overLimitAt == nil, !handlerStopped else { return false }
            guard !text.isEmpty else { return true }
            guard count(1, c) else { return false }
            handler.text(String(decoding: text, as: UTF8.self))
            // A huge piece of text does not keep its buffer for the rest of the part.
            text.removeAll(keepingCapacity: text.count <= 1 << 16)
            return true
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
                   _ attrs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ c: xmlParserCtxtPtr) {
            guard flushText(c) else { return }
            sawRoot = true
            depth += 1
            // A fresh array of the exact size: a handler may keep it (a tree does), and an element
            // without attributes then costs no allocation at all.
            var attributes: [XMLAttribute] = []
            if nbNamespaces + nbAttributes > 0 { attributes.reserveCapacity(nbNamespaces + nbAttributes) }
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
