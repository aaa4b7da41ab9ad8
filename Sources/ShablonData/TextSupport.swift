// Internal helpers shared by the loaders: line/column bookkeeping, encodings, problem construction.

/// A text split into lines, able to turn a scalar offset or a (line, scalar column) pair into a
/// `SourcePosition` whose column counts `Character`s.
final class LineTable {
    /// Which characters end a line.
    enum Breaks {
        /// `\n`, `\r\n`, `\r` (JSON, CSV).
        case common
        /// Also NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR, as libyaml counts lines.
        case yaml
    }

    /// The text as Unicode scalars.
    let scalars: [Unicode.Scalar]
    /// The scalar index where each line starts (line 1 at index 0).
    private(set) var lineStarts: [Int] = [0]
    /// The scalar index just past the end of each line's content (before its line break).
    private(set) var lineEnds: [Int] = []

    // A cache for counting characters incrementally along one line.
    private var cacheLine = -1
    private var cacheScalar = 0
    private var cacheChars = 0

    init(_ text: String, breaks: Breaks) {
        scalars = Array(text.unicodeScalars)
        var i = 0
        let n = scalars.count
        while i < n {
            let v = scalars[i].value
            var breakLength = 0
            if v == 0x0A {
                breakLength = 1
            } else if v == 0x0D {
                breakLength = (i + 1 < n && scalars[i + 1].value == 0x0A) ? 2 : 1
            } else if breaks == .yaml, v == 0x85 || v == 0x2028 || v == 0x2029 {
                breakLength = 1
            }
            if breakLength > 0 {
                lineEnds.append(i)
                i += breakLength
                lineStarts.append(i)
            } else {
                i += 1
            }
        }
        lineEnds.append(n)
    }

    /// The number of lines (a text ending with a line break has an empty last line).
    var lineCount: Int { lineStarts.count }

    /// The scalars of a 1-based line, without its line break.
    func line(_ number: Int) -> ArraySlice<Unicode.Scalar> {
        guard number >= 1, number <= lineStarts.count else { return [] }
        return scalars[lineStarts[number - 1]..<lineEnds[number - 1]]
    }

    /// The 1-based line that holds a scalar offset.
    func lineNumber(ofScalar offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// The position of a scalar offset in the text.
    func position(ofScalar offset: Int) -> SourcePosition {
        let clamped = max(0, min(offset, scalars.count))
        let line = lineNumber(ofScalar: clamped)
        return position(line: line, scalarColumn: clamped - lineStarts[line - 1] + 1)
    }

    /// Converts a 1-based line and a 1-based column counted in scalars (as libyaml counts) into a
    /// position whose column counts characters.
    func position(line: Int, scalarColumn: Int) -> SourcePosition {
        guard line >= 1, line <= lineStarts.count, scalarColumn >= 1 else {
            return SourcePosition(line: max(line, 1), column: max(scalarColumn, 1))
        }
        let start = lineStarts[line - 1]
        let end = lineEnds[line - 1]
        let target = start + scalarColumn - 1
        let inside = min(target, end)
        var fromScalar = start
        var chars = 0
        if cacheLine == line, cacheScalar <= inside {
            fromScalar = cacheScalar
            chars = cacheChars
        }
        chars += LineTable.characterCount(scalars[fromScalar..<inside])
        cacheLine = line
        cacheScalar = inside
        cacheChars = chars
        // Past the end of the line (an error at the line break): one column per missing scalar.
        return SourcePosition(line: line, column: chars + (target - inside) + 1)
    }

    /// The number of characters in a run of scalars (fast for ASCII).
    static func characterCount(_ slice: ArraySlice<Unicode.Scalar>) -> Int {
        if slice.allSatisfy({ $0.value < 0x80 && $0.value != 0x0D }) { return slice.count }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: slice)
        return String(view).count
    }
}

/// Byte-level text decoding.
enum TextDecoding {
    /// The byte offset of the first ill-formed UTF-8 sequence, or nil when all bytes are valid UTF-8.
    static func firstInvalidUTF8(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        let end = bytes.endIndex
        func continuation(_ at: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            at < end && range.contains(bytes[at])
        }
        while i < end {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            var length = 0
            switch b {
            case 0xC2...0xDF:
                if continuation(i + 1) { length = 2 }
            case 0xE0:
                if continuation(i + 1, 0xA0...0xBF), continuation(i + 2) { length = 3 }
            case 0xE1...0xEC, 0xEE...0xEF:
                if continuation(i + 1), continuation(i + 2) { length = 3 }
            case 0xED:
                if continuation(i + 1, 0x80...0x9F), continuation(i + 2) { length = 3 }
            case 0xF0:
                if continuation(i + 1, 0x90...0xBF), continuation(i + 2), continuation(i + 3) { length = 4 }
            case 0xF1...0xF3:
                if continuation(i + 1), continuation(i + 2), continuation(i + 3) { length = 4 }
            case 0xF4:
                if continuation(i + 1, 0x80...0x8F), continuation(i + 2), continuation(i + 3) { length = 4 }
            default:
                break
            }
            if length == 0 { return i }
            i += length
        }
        return nil
    }

    /// Decodes UTF-16 (little or big endian) after its byte order mark; nil when the bytes are not
    /// well-formed UTF-16 (odd length, unpaired surrogates).
    static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String? {
        guard bytes.count % 2 == 0 else { return nil }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var i = bytes.startIndex
        while i + 1 < bytes.endIndex {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(bigEndian ? (a << 8 | b) : (b << 8 | a))
            i += 2
        }
        var text = String.UnicodeScalarView()
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): text.append(scalar)
            case .emptyInput: break loop
            case .error: return nil
            }
        }
        return String(text)
    }

    /// The line and column (characters) of a byte offset inside UTF-8 bytes whose prefix is valid.
    static func position(ofByte offset: Int, in bytes: ArraySlice<UInt8>) -> SourcePosition {
        let prefix = bytes[bytes.startIndex..<min(bytes.startIndex + offset, bytes.endIndex)]
        let text = String(decoding: prefix, as: UTF8.self)
        let table = LineTable(text, breaks: .common)
        return table.position(ofScalar: table.scalars.count)
    }

    /// A text decoded from bytes, or the problem that stopped decoding.
    enum Decoded {
        case text(String)
        case problem(Problem)
    }

    /// Decodes a data file that must be Unicode: UTF-8 with or without a BOM, or UTF-16 with a BOM.
    static func decodeUnicode(_ bytes: [UInt8]) -> Decoded {
        var body = bytes[...]
        if body.starts(with: [0xFF, 0xFE]) || body.starts(with: [0xFE, 0xFF]) {
            let bigEndian = body.first == 0xFE
            if let text = decodeUTF16(body.dropFirst(2), bigEndian: bigEndian) { return .text(text) }
            return .problem(Problem(
                code: "data-encoding",
                message: LocalizedText(
                    ru: "файл начинается с метки UTF-16, но дальше в нём не текст UTF-16",
                    en: "the file starts with a UTF-16 byte order mark but is not valid UTF-16"),
                hint: LocalizedText(
                    ru: "Сохраните файл в кодировке UTF-8.",
                    en: "Save the file as UTF-8.")))
        }
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let bad = firstInvalidUTF8(body) {
            let at = position(ofByte: bad - body.startIndex, in: body)
            let byte = body[bad]
            let hex = String(byte, radix: 16, uppercase: true)
            return .problem(Problem(
                code: "data-encoding", location: at.location,
                message: LocalizedText(
                    ru: "файл не в кодировке UTF-8 (байт 0x\(hex) в строке \(at.line))",
                    en: "the file is not UTF-8 (byte 0x\(hex) on line \(at.line))"),
                hint: LocalizedText(
                    ru: "Сохраните файл в кодировке UTF-8 (например, в Блокноте: «Сохранить как» → «Кодировка: UTF-8»); похоже, он в Windows-1251 или другой однобайтовой кодировке.",
                    en: "Save the file as UTF-8; it looks like Windows-1251 or another single-byte encoding.")))
        }
        return .text(String(decoding: body, as: UTF8.self))
    }
}

extension String {
    /// The text without a leading U+FEFF (byte order mark).
    var droppingBOM: String {
        if unicodeScalars.first == "\u{FEFF}" { return String(unicodeScalars.dropFirst()) }
        return self
    }
}

extension Unicode.Scalar {
    /// How to name the character in a message: quoted when printable, described otherwise.
    var nameForMessage: (ru: String, en: String) {
        switch value {
        case 0x09: return ("табуляция", "a tab")
        case 0x0A, 0x0D: return ("конец строки", "a line break")
        case 0x20: return ("пробел", "a space")
        case 0..<0x20, 0x7F...0x9F, 0xFEFF:
            let hex = String(value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            return ("невидимый символ \(code)", "an invisible character \(code)")
        default: return ("«\(Character(self))»", "«\(Character(self))»")
        }
    }
}
