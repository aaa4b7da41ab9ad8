/// Writes XML as UTF-8 bytes, escaping text and attribute values. The engine streams whole parts
/// through it, so it appends to one growing buffer and never builds intermediate strings.
public struct XMLWriter {
    /// What has been written so far.
    public var bytes: [UInt8] = []

    /// Creates an empty writer, reserving room for `capacity` bytes.
    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Appends markup as is (the caller vouches that it is well-formed).
    @inlinable public mutating func raw(_ s: String) {
        var s = s
        s.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Appends character data, escaping `&`, `<` and `>`.
    public mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { buf in
            var start = 0
            for i in 0..<buf.count {
                let rep: StaticString
                switch buf[i] {
                case UInt8(ascii: "&"): rep = "&amp;"
                case UInt8(ascii: "<"): rep = "&lt;"
                case UInt8(ascii: ">"): rep = "&gt;"
                case UInt8(ascii: "\r"): rep = "&#13;"
                default: continue
                }
                if i > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i])) }
                rep.withUTF8Buffer { bytes.append(contentsOf: $0) }
                start = i + 1
            }
            if start < buf.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start...])) }
        }
    }

    /// Appends an attribute value (without quotes), escaping `&`, `<`, `"` and white space that
    /// attribute normalisation would otherwise change.
    public mutating func attributeValue(_ s: String) {
        var s = s
        s.withUTF8 { buf in
            var start = 0
            for i in 0..<buf.count {
                let rep: StaticString
                switch buf[i] {
                case UInt8(ascii: "&"): rep = "&amp;"
                case UInt8(ascii: "<"): rep = "&lt;"
                case UInt8(ascii: "\""): rep = "&quot;"
                case UInt8(ascii: "\n"): rep = "&#10;"
                case UInt8(ascii: "\r"): rep = "&#13;"
                case UInt8(ascii: "\t"): rep = "&#9;"
                default: continue
                }
                if i > start { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start..<i])) }
                rep.withUTF8Buffer { bytes.append(contentsOf: $0) }
                start = i + 1
            }
            if start < buf.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[start...])) }
        }
    }

    /// Appends `<name a="v"` without closing the start tag.
    public mutating func openStart(_ e: XMLElement) {
        openStart(name: e.name, attributes: e.attributes)
    }

    /// Appends `<name a="v"` without closing the start tag.
    public mutating func openStart(name: String, attributes: [XMLAttribute]) {
        bytes.append(UInt8(ascii: "<"))
        raw(name)
        for a in attributes {
            bytes.append(UInt8(ascii: " "))
            raw(a.name)
            bytes.append(contentsOf: [UInt8(ascii: "="), UInt8(ascii: "\"")])
            attributeValue(a.value)
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// Appends `</name>`.
    public mutating func end(_ name: String) {
        bytes.append(contentsOf: [UInt8(ascii: "<"), UInt8(ascii: "/")])
        raw(name)
        bytes.append(UInt8(ascii: ">"))
    }

    /// Appends a whole node and its descendants.
    public mutating func node(_ n: XMLNode) {
        switch n {
        case .element(let e): element(e)
        case .text(let t): text(t)
        case .comment(let c): raw("<!--"); raw(c); raw("-->")
        case .processingInstruction(let t, let d): raw("<?"); raw(t); if !d.isEmpty { raw(" "); raw(d) }; raw("?>")
        }
    }

    /// Appends a whole element and its descendants; an empty element is written as `<name/>`.
    public mutating func element(_ e: XMLElement) {
        openStart(e)
        if e.children.isEmpty {
            bytes.append(contentsOf: [UInt8(ascii: "/"), UInt8(ascii: ">")])
            return
        }
        bytes.append(UInt8(ascii: ">"))
        for c in e.children { node(c) }
        end(e.name)
    }
}
