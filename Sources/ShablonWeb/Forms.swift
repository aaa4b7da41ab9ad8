import Foundation

/// A posted form: its fields in order (names may repeat) and its uploaded files.
public struct PostedForm: Sendable {
    /// One uploaded file of a `multipart/form-data` form.
    public struct Upload: Sendable {
        public var field: String
        /// The file name the browser gave (only its last component is kept).
        public var fileName: String
        public var bytes: [UInt8]
    }

    public var fields: [(name: String, value: String)] = []
    public var uploads: [Upload] = []

    public init(fields: [(name: String, value: String)] = [], uploads: [Upload] = []) {
        self.fields = fields
        self.uploads = uploads
    }

    /// The first value of `name`.
    public subscript(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Fields of `application/x-www-form-urlencoded` (also a query string).
    public static func urlEncoded(_ bytes: some Sequence<UInt8>) -> PostedForm {
        var form = PostedForm()
        for pair in Array(bytes).split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = percentDecoded(parts[0])
            let value = parts.count > 1 ? percentDecoded(parts[1]) : ""
            form.fields.append((name, value))
        }
        return form
    }

    /// `+` is a space, `%XX` a byte; the bytes are UTF-8 (invalid sequences become U+FFFD).
    static func percentDecoded(_ s: some Collection<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = s.startIndex
        while i != s.endIndex {
            let c = s[i]
            if c == UInt8(ascii: "+") {
                out.append(0x20)
            } else if c == UInt8(ascii: "%"), let j = s.index(i, offsetBy: 2, limitedBy: s.endIndex), j != s.endIndex,
                      let h = hex(s[s.index(after: i)]), let l = hex(s[j]) {
                out.append(h << 4 | l)
                i = j
            } else {
                out.append(c)
            }
            i = s.index(after: i)
        }
        // Line ends typed in a textarea come as CR LF: stored text uses LF.
        return String(decoding: out, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Fields and files of `multipart/form-data` with `boundary`; nil when the body is not well formed.
    public static func multipart(_ body: [UInt8], boundary: String) -> PostedForm? {
        let delimiter = Array(("--" + boundary).utf8)
        guard !boundary.isEmpty, boundary.utf8.count <= 200 else { return nil }
        var form = PostedForm()
        var starts = ranges(of: delimiter, in: body)
        guard starts.count >= 2 else { return nil }
        starts.append(body.count)
        for k in 0..<(starts.count - 2) {
            var from = starts[k] + delimiter.count
            let to = starts[k + 1]
            // Each part: CRLF, headers, CRLF CRLF, content, CRLF before the next delimiter.
            guard from + 2 <= to, body[from] == 13, body[from + 1] == 10 else { return nil }
            from += 2
            guard let headerEnd = ranges(of: [13, 10, 13, 10], in: body[from..<to]).first else { return nil }
            let headers = String(decoding: body[from..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            let contentEnd = max(contentStart, to - 2)
            guard let disposition = headers.split(separator: "\r\n").first(where: { $0.lowercased().hasPrefix("content-disposition:") }) else { return nil }
            guard let name = parameter("name", in: String(disposition)) else { return nil }
            let content = Array(body[contentStart..<contentEnd])
            if let file = parameter("filename", in: String(disposition)) {
                let last = file.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
                form.uploads.append(Upload(field: name, fileName: last, bytes: content))
            } else {
                form.fields.append((name, String(decoding: content, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")))
            }
        }
        return form
    }

    /// `key="value"` of a header line.
    static func parameter(_ key: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let kv = piece.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, kv[0].trimmingCharacters(in: .whitespaces).lowercased() == key else { continue }
            var v = kv[1].trimmingCharacters(in: .whitespaces)
            if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
            return v
        }
        return nil
    }

    /// Where `needle` starts in `hay` (not overlapping).
    static func ranges(of needle: [UInt8], in hay: ArraySlice<UInt8>) -> [Int] {
        var out: [Int] = []
        guard let first = needle.first, needle.count <= hay.count else { return out }
        var i = hay.startIndex
        let last = hay.endIndex - needle.count
        while i <= last {
            if hay[i] == first && hay[i..<(i + needle.count)].elementsEqual(needle) {
                out.append(i)
                i += needle.count
            } else {
                i += 1
            }
        }
        return out
    }

    static func ranges(of needle: [UInt8], in hay: [UInt8]) -> [Int] { ranges(of: needle, in: hay[...]) }
}
