import Foundation
import ShablonData
import ShablonEngine

/// Загрузка картинок: finds the image an `image` tag names — a file path (relative to the data file's
/// folder), a `data:` URI or bare base64 — and reads its format and natural size from the bytes.
public enum ImageLoader {
    /// The largest image accepted (50 MiB).
    public static let maxBytes = 50 << 20

    /// A resolver for `RenderOptions.images`, reading files relative to `base`.
    public static func resolver(base: String) -> @Sendable (String) -> ImageLookup {
        { reference in load(reference, base: base) }
    }

    static func failure(_ ru: String, _ en: String) -> ImageLookup { .failure(LocalizedText(ru: ru, en: en)) }

    /// Finds and reads one image.
    public static func load(_ reference: String, base: String) -> ImageLookup {
        let ref = reference.trimmingCharacters(in: .whitespacesAndNewlines)
        if ref.hasPrefix("data:") {
            guard let comma = ref.firstIndex(of: ","), ref[..<comma].hasSuffix(";base64"),
                  let data = Data(base64Encoded: String(ref[ref.index(after: comma)...]), options: .ignoreUnknownCharacters) else {
                return failure("данные data: не читаются (нужно data:image/png;base64,…)", "the data: URI cannot be read (data:image/png;base64,… is needed)")
            }
            return image([UInt8](data), fallback: nil)
        }
        if ref.count > 256, !ref.contains("/") || ref.contains("+"), let data = Data(base64Encoded: ref, options: .ignoreUnknownCharacters) {
            return image([UInt8](data), fallback: nil)
        }
        let path = ref.hasPrefix("/") ? ref : Paths.join(base, ref)
        guard let data = FileManager.default.contents(atPath: path) else {
            return failure("файла «\(path)» нет", "there is no file '\(path)'")
        }
        guard data.count <= maxBytes else { return failure("файл больше 50 МиБ", "the file is larger than 50 MiB") }
        var fallback: [UInt8]?
        if Paths.fileExtension(of: path).lowercased() == "svg" {
            let png = Paths.removingExtension(path) + ".png"
            fallback = FileManager.default.contents(atPath: png).map { [UInt8]($0) }
            if fallback == nil {
                return failure("для SVG нужна PNG-копия рядом («\(Paths.name(of: png))»): её показывают редакторы без SVG",
                               "an SVG needs a PNG copy beside it ('\(Paths.name(of: png))') for suites without SVG")
            }
        }
        return image([UInt8](data), fallback: fallback)
    }

    /// Recognises PNG, JPEG and SVG by their bytes and reads the natural size.
    public static func image(_ b: [UInt8], fallback: [UInt8]?) -> ImageLookup {
        if b.count >= 24, b.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            func be32(_ i: Int) -> Int { Int(b[i]) << 24 | Int(b[i + 1]) << 16 | Int(b[i + 2]) << 8 | Int(b[i + 3]) }
            let w = be32(16), h = be32(20)
            guard w > 0, h > 0, w < 100_000, h < 100_000 else { return failure("PNG с неверным размером", "a PNG with an invalid size") }
            return .image(ImageData(bytes: b, format: .png, pixelWidth: w, pixelHeight: h))
        }
        if b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 {
            var i = 2
            while i + 9 < b.count {
                guard b[i] == 0xFF else { i += 1; continue }
                let marker = b[i + 1]
                if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) || marker == 0xFF { i += marker == 0xFF ? 1 : 2; continue }
                let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
                if (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC {
                    let h = Int(b[i + 5]) << 8 | Int(b[i + 6]), w = Int(b[i + 7]) << 8 | Int(b[i + 8])
                    guard w > 0, h > 0 else { break }
                    return .image(ImageData(bytes: b, format: .jpeg, pixelWidth: w, pixelHeight: h))
                }
                if length < 2 { break }
                i += 2 + length
            }
            return failure("JPEG без размеров (файл повреждён?)", "a JPEG without a size (damaged?)")
        }
        let head = String(decoding: b.prefix(4096), as: UTF8.self)
        if head.contains("<svg") {
            guard let fallback else {
                return failure("для SVG нужна PNG-копия рядом: её показывают редакторы без SVG", "an SVG needs a PNG copy beside it")
            }
            let (w, h) = svgSize(head)
            return .image(ImageData(bytes: b, format: .svg, pixelWidth: w, pixelHeight: h, fallback: fallback))
        }
        return failure("формат не распознан: нужны PNG, JPEG или SVG", "unknown format: PNG, JPEG or SVG is needed")
    }

    /// The SVG's size in pixels from `width`/`height` (px, mm, cm, pt, in) or its `viewBox`.
    static func svgSize(_ text: String) -> (Int, Int) {
        guard let start = text.range(of: "<svg") else { return (300, 150) }
        let tag = text[start.upperBound...].prefix { $0 != ">" }
        func attr(_ name: String) -> String? {
            guard let r = tag.range(of: " \(name)=\"") ?? tag.range(of: "\n\(name)=\"") else { return nil }
            return String(tag[r.upperBound...].prefix { $0 != "\"" })
        }
        func px(_ s: String?) -> Double? {
            guard var s = s?.trimmingCharacters(in: .whitespaces), !s.isEmpty, !s.hasSuffix("%") else { return nil }
            let units: [(String, Double)] = [("px", 1), ("mm", 96 / 25.4), ("cm", 96 / 2.54), ("pt", 96.0 / 72), ("in", 96)]
            for (u, f) in units where s.hasSuffix(u) { s.removeLast(u.count); return Double(s).map { $0 * f } }
            return Double(s)
        }
        if let w = px(attr("width")), let h = px(attr("height")) { return (Int(w.rounded()), Int(h.rounded())) }
        if let vb = attr("viewBox")?.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap({ Double($0) }), vb.count == 4 {
            return (Int(vb[2].rounded()), Int(vb[3].rounded()))
        }
        return (300, 150)
    }
}
