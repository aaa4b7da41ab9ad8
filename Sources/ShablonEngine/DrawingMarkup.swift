import ShablonData

/// The markup a picture is drawn with, one function a format: DrawingML inline in a run (DOCX), a
/// `draw:frame` in the paragraph (ODT). The renderer decides what to draw (size, media files, ids);
/// this file only writes it.
enum DrawingMarkup {
    /// A picture to draw: its drawing id, size, media file and SVG original (if any).
    struct Picture {
        var id: Int
        var widthCm: Double
        var heightCm: Double
        var main: EmbeddedMedia
        var svg: EmbeddedMedia?
        var zIndex: Int
    }

    /// DOCX: closes the text element, draws the picture inline, and opens the text element again.
    static func wordprocessing(_ p: Picture, textElement: String, prefix: String) -> String {
        let cx = Int((p.widthCm * 360_000).rounded()), cy = Int((p.heightCm * 360_000).rounded())
        var blip = "<a:blip r:embed=\"\(p.main.relationshipID)\""
        if let svg = p.svg {
            blip += "><a:extLst><a:ext uri=\"{96DAC541-7B7A-43D3-8B79-37D633B846F1}\"><asvg:svgBlip xmlns:asvg=\"http://schemas.microsoft.com/office/drawing/2016/SVG/main\" r:embed=\"\(svg.relationshipID)\"/></a:ext></a:extLst></a:blip>"
        } else {
            blip += "/>"
        }
        return ("</\(textElement)><\(prefix)drawing><wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
            + "<wp:extent cx=\"\(cx)\" cy=\"\(cy)\"/><wp:docPr id=\"\(p.id)\" name=\"Рисунок \(p.id)\"/>"
            + "<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
            + "<a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\"><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">"
            + "<pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
            + "<pic:nvPicPr><pic:cNvPr id=\"\(p.id)\" name=\"Рисунок \(p.id)\"/><pic:cNvPicPr/></pic:nvPicPr>"
            + "<pic:blipFill>\(blip)<a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
            + "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"\(cx)\" cy=\"\(cy)\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>"
            + "</pic:pic></a:graphicData></a:graphic></wp:inline></\(prefix)drawing><\(textElement) xml:space=\"preserve\">")
    }

    /// ODT: a frame anchored as a character, with the SVG original ahead of its PNG fallback.
    static func openDocument(_ p: Picture) -> String {
        let w = String(format2(p.widthCm)), h = String(format2(p.heightCm))
        var images = ""
        if let svg = p.svg { images += "<draw:image xlink:href=\"\(svg.name)\" xlink:type=\"simple\" xlink:show=\"embed\" xlink:actuate=\"onLoad\" draw:mime-type=\"image/svg+xml\"/>" }
        images += "<draw:image xlink:href=\"\(p.main.name)\" xlink:type=\"simple\" xlink:show=\"embed\" xlink:actuate=\"onLoad\" draw:mime-type=\"\(p.main.mediaType)\"/>"
        return ("<draw:frame xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" draw:name=\"Рисунок \(p.id)\" text:anchor-type=\"as-char\" svg:width=\"\(w)cm\" svg:height=\"\(h)cm\" draw:z-index=\"\(p.zIndex)\">\(images)</draw:frame>")
    }

    /// A length in centimetres with at most three decimals.
    static func format2(_ d: Double) -> String {
        let v = (d * 1000).rounded() / 1000
        return String(v)
    }
}
