import ShablonData

/// Изображение для вставки: an image the package layer found for an `image` tag (the engine does no
/// file I/O: it asks `RenderOptions.images`).
public struct ImageData: Sendable, Hashable {
    /// The image formats a document can embed.
    public enum Format: String, Sendable, Hashable {
        case png, jpeg, svg

        /// The media type.
        public var mediaType: String {
            switch self {
            case .png: return "image/png"
            case .jpeg: return "image/jpeg"
            case .svg: return "image/svg+xml"
            }
        }

        /// The file extension.
        public var fileExtension: String { self == .jpeg ? "jpeg" : rawValue }
    }

    /// The bytes.
    public var bytes: [UInt8]
    /// The format.
    public var format: Format
    /// Natural size in pixels (96 per inch), for the aspect ratio and the default width.
    public var pixelWidth: Int
    /// Natural height in pixels.
    public var pixelHeight: Int
    /// For SVG: the PNG that suites without SVG support show instead.
    public var fallback: [UInt8]?

    /// Creates an image.
    public init(bytes: [UInt8], format: Format, pixelWidth: Int, pixelHeight: Int, fallback: [UInt8]? = nil) {
        self.bytes = bytes
        self.format = format
        self.pixelWidth = max(1, pixelWidth)
        self.pixelHeight = max(1, pixelHeight)
        self.fallback = fallback
    }
}

/// What the package layer answers for an image value: the image, or why there is none.
public enum ImageLookup: Sendable {
    case image(ImageData)
    case failure(LocalizedText)
}

/// A media file a render added, with the relationship id its part refers to it by.
public struct EmbeddedMedia: Sendable, Hashable {
    /// The file's name in the package, e.g. `media/shablon-1a2b….png` (DOCX, under `word/`) or
    /// `Pictures/shablon-….png` (ODT).
    public var name: String
    /// The bytes.
    public var bytes: [UInt8]
    /// The media type.
    public var mediaType: String
    /// The relationship id (DOCX); empty for ODT.
    public var relationshipID: String
}

/// A stable, short content hash (FNV-1a, 64 bits) naming media files, so that one image used many times
/// is stored once and the same input gives the same package.
func contentHash(_ bytes: [UInt8]) -> String {
    var h: UInt64 = 0xcbf29ce484222325
    for b in bytes {
        h ^= UInt64(b)
        h = h &* 0x100000001b3
    }
    let s = String(h, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
}

/// Parses `3cm`, `30mm`, `1.5in`, `85pt`, `120px` (or a bare number of centimetres) into centimetres.
func centimetres(_ text: String) -> Double? {
    let t = text.trimmingCharacters().replacingOccurrences(of: ",", with: ".").lowercased()
    let units: [(String, Double)] = [("cm", 1), ("см", 1), ("mm", 0.1), ("мм", 0.1), ("in", 2.54), ("pt", 2.54 / 72), ("px", 2.54 / 96)]
    for (u, f) in units where t.hasSuffix(u) {
        return Double(String(t.dropLast(u.count)).trimmingCharacters()).map { $0 * f }
    }
    return Double(t)
}

