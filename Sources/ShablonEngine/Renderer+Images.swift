import Foundation
import ShablonData
import ShablonRussian
import ShablonXML

/// `{{ x | image }}`: reading the picture, sizing it and adding its media file; the markup each format
/// draws it with is in DrawingMarkup.swift.
extension Renderer {
    // MARK: - Images

    /// The media file for an image's bytes, added once.
    mutating func mediaFile(_ bytes: [UInt8], _ format: ImageData.Format) -> EmbeddedMedia {
        let hash = contentHash(bytes)
        if let i = mediaByHash[hash] { return media[i] }
        let name = dialect.mediaFolder + "shablon-\(hash).\(format.fileExtension)"
        let m = EmbeddedMedia(name: name, bytes: bytes, mediaType: format.mediaType,
                              relationshipID: dialect.mediaByRelationship ? "rIdShablon\(hash.prefix(12))" : "")
        mediaByHash[hash] = media.count
        media.append(m)
        return m
    }

    /// `{{ x | image }}`, `{{ x | image: "3cm" }}`: a picture in the run (DOCX) or the paragraph (ODT),
    /// width as given (height keeps the aspect) or the natural size up to 16 cm.
    mutating func image(_ tag: Tag, _ expr: Expression, _ markup: Tag.Markup) {
        var inner = expr
        let call = inner.filters.removeLast()
        guard let v = evaluate(inner, tag: tag, forBlock: false) else { return }
        if case .null = v { return }
        guard case .string(let reference) = v, !reference.isEmpty else {
            report(.imageFailed, tag, ru: "для картинки нужен путь к файлу или данные base64, а здесь \(v.kindName)",
                   en: "an image needs a file path or base64 data, found \(Renderer.englishKind(v))",
                   hintRu: "Укажите в данных путь к файлу PNG, JPEG или SVG (относительно файла данных).",
                   hintEn: "Give the path of a PNG, JPEG or SVG file (relative to the data file).")
            return
        }
        guard dialect.pictures != .none, let resolver = options.images else {
            report(.imageFailed, tag, ru: "картинку здесь вставить нельзя", en: "an image cannot be inserted here",
                   hintRu: "Картинки вставляются в текст документа, таблицы и колонтитулы.",
                   hintEn: "Images go into the document text, tables, headers and footers.")
            return
        }
        var requested: Double?
        if let arg = call.arguments.first {
            guard let w = centimetres(arg.text), w > 0, w < 100 else {
                report(.filterArguments, tag, ru: "ширина картинки «\(arg.text)» не читается", en: "image width '\(arg.text)' cannot be read",
                       hintRu: "Пишите ширину так: \"3cm\", \"30mm\", \"1.5in\".", hintEn: "Write the width as \"3cm\", \"30mm\", \"1.5in\".")
                return
            }
            requested = w
        }
        let img: ImageData
        switch resolver(reference) {
        case .image(let i): img = i
        case .failure(let why):
            report(.imageFailed, tag, ru: "картинка «\(Renderer.short(.string(reference)))» не вставлена: \(why.ru)",
                   en: "image '\(Renderer.short(.string(reference)))' not inserted: \(why.en)",
                   hintRu: "Проверьте путь (он считается от папки файла данных) и формат: PNG, JPEG или SVG с PNG рядом.",
                   hintEn: "Check the path (relative to the data file's folder) and the format: PNG, JPEG, or SVG with a PNG beside it.")
            return
        }
        let widthCm = requested ?? min(Double(img.pixelWidth) * 2.54 / 96, 16)
        let heightCm = widthCm * Double(img.pixelHeight) / Double(img.pixelWidth)
        drawings += 1
        let id = options.drawingIDBase + drawings
        let main = mediaFile(img.format == .svg ? (img.fallback ?? []) : img.bytes, img.format == .svg ? .png : img.format)
        let svg = img.format == .svg ? mediaFile(img.bytes, .svg) : nil
        let picture = DrawingMarkup.Picture(id: id, widthCm: widthCm, heightCm: heightCm, main: main, svg: svg, zIndex: drawings)
        switch dialect.pictures {
        case .inlineDrawing: raw(DrawingMarkup.wordprocessing(picture, textElement: tag.textElementName ?? (markup.prefix + "t"), prefix: markup.prefix))
        case .frame: raw(DrawingMarkup.openDocument(picture))
        case .none: break
        }
    }
}
