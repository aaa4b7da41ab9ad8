import Foundation
import ShablonXML
import ShablonZip

/// The parts a chart is written as: DrawingML (`word/charts/chartN.xml`) with the values cached, so that
/// Word and LibreOffice draw it without the workbook; the small workbook Word edits the data in; and the
/// ODF chart object (`Object N/content.xml`) with its own data table.
enum ChartParts {
    static let c = "http://schemas.openxmlformats.org/drawingml/2006/chart"
    static let a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    static let r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    /// The sheet of the embedded workbook, as Russian Excel names it.
    static let sheet = "Лист1"

    private static func escape(_ s: String) -> String {
        var w = XMLWriter()
        w.text(s)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    private static func attribute(_ s: String) -> String {
        var w = XMLWriter()
        w.attributeValue(s)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// Column letters: 0 → A.
    static func column(_ i: Int) -> String {
        var n = i + 1, s = ""
        while n > 0 {
            s = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + s
            n = (n - 1) / 26
        }
        return s
    }

    private static func textProperties(size: Int, bold: Bool = false) -> String {
        "<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"\(size * 100)\" b=\"\(bold ? 1 : 0)\">"
            + "<a:latin typeface=\"Times New Roman\"/><a:cs typeface=\"Times New Roman\"/></a:defRPr></a:pPr><a:endParaRPr lang=\"ru-RU\"/></a:p></c:txPr>"
    }

    // MARK: DrawingML

    /// `c:chartSpace` for the chart; `workbook` is the relationship id of the embedded workbook, if any.
    static func drawingML(_ chart: Chart, workbook: String?) -> [UInt8] {
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        x += "<c:chartSpace xmlns:c=\"\(c)\" xmlns:a=\"\(a)\" xmlns:r=\"\(r)\">"
        x += "<c:date1904 val=\"0\"/><c:lang val=\"ru-RU\"/><c:roundedCorners val=\"0\"/><c:chart>"
        if let title = chart.title {
            x += "<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz=\"1200\" b=\"1\"/></a:pPr>"
            x += "<a:r><a:rPr lang=\"ru-RU\" sz=\"1200\" b=\"1\"><a:latin typeface=\"Times New Roman\"/><a:cs typeface=\"Times New Roman\"/></a:rPr>"
            x += "<a:t>\(escape(title))</a:t></a:r></a:p></c:rich></c:tx><c:overlay val=\"0\"/></c:title><c:autoTitleDeleted val=\"0\"/>"
        } else {
            x += "<c:autoTitleDeleted val=\"1\"/>"
        }
        x += "<c:plotArea><c:layout/>"
        let n = chart.categories.count
        let labels = chart.showsValues
            ? "<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>" + textProperties(size: 9)
                + "<c:showLegendKey val=\"0\"/><c:showVal val=\"1\"/><c:showCatName val=\"0\"/><c:showSerName val=\"0\"/><c:showPercent val=\"0\"/><c:showBubbleSize val=\"0\"/></c:dLbls>"
            : ""
        func series(_ i: Int) -> String {
            let s = chart.series[i]
            let col = column(i + 1)
            let colour = Chart.palette[i % Chart.palette.count]
            var x = "<c:ser><c:idx val=\"\(i)\"/><c:order val=\"\(i)\"/>"
            x += "<c:tx><c:strRef><c:f>\(sheet)!$\(col)$1</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\"><c:v>\(escape(s.name))</c:v></c:pt></c:strCache></c:strRef></c:tx>"
            switch chart.kind {
            case .lines:
                x += "<c:spPr><a:ln w=\"28575\" cap=\"rnd\"><a:solidFill><a:srgbClr val=\"\(colour)\"/></a:solidFill><a:round/></a:ln></c:spPr>"
                x += "<c:marker><c:symbol val=\"circle\"/><c:size val=\"6\"/><c:spPr><a:solidFill><a:srgbClr val=\"\(colour)\"/></a:solidFill></c:spPr></c:marker>"
            case .pie:
                x += "<c:spPr><a:ln><a:solidFill><a:srgbClr val=\"FFFFFF\"/></a:solidFill></a:ln></c:spPr>"
                for p in 0..<n {
                    x += "<c:dPt><c:idx val=\"\(p)\"/><c:bubble3D val=\"0\"/><c:spPr><a:solidFill><a:srgbClr val=\"\(Chart.palette[p % Chart.palette.count])\"/></a:solidFill></c:spPr></c:dPt>"
                }
            case .columns, .bars:
                x += "<c:spPr><a:solidFill><a:srgbClr val=\"\(colour)\"/></a:solidFill></c:spPr><c:invertIfNegative val=\"0\"/>"
            }
            x += labels
            x += "<c:cat><c:strRef><c:f>\(sheet)!$A$2:$A$\(n + 1)</c:f><c:strCache><c:ptCount val=\"\(n)\"/>"
            for (p, label) in chart.categories.enumerated() { x += "<c:pt idx=\"\(p)\"><c:v>\(escape(label))</c:v></c:pt>" }
            x += "</c:strCache></c:strRef></c:cat>"
            x += "<c:val><c:numRef><c:f>\(sheet)!$\(col)$2:$\(col)$\(n + 1)</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val=\"\(n)\"/>"
            for (p, v) in s.values.enumerated() { if let v { x += "<c:pt idx=\"\(p)\"><c:v>\(Chart.xmlNumber(v))</c:v></c:pt>" } }
            x += "</c:numCache></c:numRef></c:val>"
            if chart.kind == .lines { x += "<c:smooth val=\"0\"/>" }
            return x + "</c:ser>"
        }
        let all = (0..<chart.series.count).map(series).joined()
        switch chart.kind {
        case .columns, .bars:
            x += "<c:barChart><c:barDir val=\"\(chart.kind == .bars ? "bar" : "col")\"/><c:grouping val=\"clustered\"/><c:varyColors val=\"0\"/>"
            x += all + "<c:gapWidth val=\"80\"/><c:axId val=\"500100\"/><c:axId val=\"500200\"/></c:barChart>"
        case .lines:
            x += "<c:lineChart><c:grouping val=\"standard\"/><c:varyColors val=\"0\"/>"
            x += all + "<c:marker val=\"1\"/><c:axId val=\"500100\"/><c:axId val=\"500200\"/></c:lineChart>"
        case .pie:
            x += "<c:pieChart><c:varyColors val=\"1\"/>" + series(0) + "<c:firstSliceAng val=\"0\"/></c:pieChart>"
        }
        if chart.kind != .pie {
            let horizontal = chart.kind == .bars
            x += "<c:catAx><c:axId val=\"500100\"/><c:scaling><c:orientation val=\"\(horizontal ? "maxMin" : "minMax")\"/></c:scaling><c:delete val=\"0\"/>"
            x += "<c:axPos val=\"\(horizontal ? "l" : "b")\"/><c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/>"
            x += "<c:tickLblPos val=\"nextTo\"/>" + textProperties(size: 9)
            x += "<c:crossAx val=\"500200\"/><c:crosses val=\"autoZero\"/><c:auto val=\"1\"/><c:lblAlgn val=\"ctr\"/><c:lblOffset val=\"100\"/><c:noMultiLvlLbl val=\"0\"/></c:catAx>"
            x += "<c:valAx><c:axId val=\"500200\"/><c:scaling><c:orientation val=\"minMax\"/>"
            if let m = chart.maximum { x += "<c:max val=\"\(Chart.xmlNumber(m))\"/>" }
            if let m = chart.minimum { x += "<c:min val=\"\(Chart.xmlNumber(m))\"/>" }
            x += "</c:scaling><c:delete val=\"0\"/><c:axPos val=\"\(horizontal ? "b" : "l")\"/>"
            x += "<c:majorGridlines><c:spPr><a:ln w=\"6350\"><a:solidFill><a:srgbClr val=\"D9D9D9\"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>"
            x += "<c:numFmt formatCode=\"General\" sourceLinked=\"0\"/><c:majorTickMark val=\"out\"/><c:minorTickMark val=\"none\"/><c:tickLblPos val=\"nextTo\"/>"
            x += textProperties(size: 9)
            // Bars cross between categories, lines on them.
            x += "<c:crossAx val=\"500100\"/><c:crosses val=\"\(horizontal ? "max" : "autoZero")\"/><c:crossBetween val=\"between\"/>"
            if let u = chart.step { x += "<c:majorUnit val=\"\(Chart.xmlNumber(u))\"/>" }
            x += "</c:valAx>"
        }
        x += "</c:plotArea>"
        if chart.series.count > 1 || chart.kind == .pie {
            x += "<c:legend><c:legendPos val=\"b\"/><c:overlay val=\"0\"/>" + textProperties(size: 10) + "</c:legend>"
        }
        x += "<c:plotVisOnly val=\"1\"/><c:dispBlanksAs val=\"gap\"/></c:chart>"
        x += "<c:spPr><a:solidFill><a:srgbClr val=\"FFFFFF\"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>"
        x += textProperties(size: 10)
        if let workbook { x += "<c:externalData r:id=\"\(workbook)\"><c:autoUpdate val=\"0\"/></c:externalData>" }
        x += "</c:chartSpace>"
        return Array(x.utf8)
    }

    /// The workbook behind a DOCX chart: the categories in column A, a series per column from B, names in
    /// row 1 — the cells the chart's formulas (`Лист1!$B$2:$B$13`) name. Word opens it to edit the data.
    static func workbook(_ chart: Chart) throws(ZipError) -> [UInt8] {
        let w = try ZipWriter()
        func add(_ name: String, _ text: String) throws(ZipError) {
            try w.add(name, Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + text).utf8), compression: .deflate(level: 6))
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        try add("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + "</Types>")
        try add("_rels/.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
            + "</Relationships>")
        try add("xl/workbook.xml", "<workbook xmlns=\"\(main)\" xmlns:r=\"\(r)\"><sheets><sheet name=\"\(sheet)\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")
        try add("xl/_rels/workbook.xml.rels", "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
            + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
            + "</Relationships>")
        try add("xl/styles.xml", "<styleSheet xmlns=\"\(main)\"><fonts count=\"1\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
            + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
            + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
            + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
            + "<cellXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/></cellXfs>"
            + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles></styleSheet>")
        func text(_ ref: String, _ s: String) -> String { "<c r=\"\(ref)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(s))</t></is></c>" }
        var rows = "<row r=\"1\">" + text("A1", "")
        for (i, s) in chart.series.enumerated() { rows += text("\(column(i + 1))1", s.name) }
        rows += "</row>"
        for (p, label) in chart.categories.enumerated() {
            rows += "<row r=\"\(p + 2)\">" + text("A\(p + 2)", label)
            for (i, s) in chart.series.enumerated() {
                if let v = s.values[p] { rows += "<c r=\"\(column(i + 1))\(p + 2)\"><v>\(Chart.xmlNumber(v))</v></c>" }
            }
            rows += "</row>"
        }
        try add("xl/worksheets/sheet1.xml", "<worksheet xmlns=\"\(main)\"><sheetData>\(rows)</sheetData></worksheet>")
        return try w.finish()
    }

    // MARK: ODF

    static let odfNamespaces = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        + "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
        + "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" xmlns:draw=\"urn:oasis:names:tc:opendocument:xmlns:drawing:1.0\" "
        + "xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
        + "xmlns:chart=\"urn:oasis:names:tc:opendocument:xmlns:chart:1.0\" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" "
        + "xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\""

    /// `content.xml` of an ODF chart object: the chart and its own data table (`local-table`).
    static func odfContent(_ chart: Chart) -> [UInt8] {
        let n = chart.categories.count
        let last = column(chart.series.count)
        func cm(_ d: Double) -> String { String(format: "%.2fcm", d) }
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content \(odfNamespaces) office:version=\"1.3\">"
        x += "<office:automatic-styles>"
        x += "<style:style style:name=\"Chart\" style:family=\"chart\"><style:graphic-properties draw:stroke=\"none\" draw:fill=\"solid\" draw:fill-color=\"#ffffff\"/></style:style>"
        x += "<style:style style:name=\"Title\" style:family=\"chart\"><style:text-properties fo:font-family=\"'Times New Roman'\" fo:font-size=\"12pt\" fo:font-weight=\"bold\"/></style:style>"
        x += "<style:style style:name=\"Small\" style:family=\"chart\"><style:text-properties fo:font-family=\"'Times New Roman'\" fo:font-size=\"9pt\"/></style:style>"
        x += "<style:style style:name=\"Legend\" style:family=\"chart\"><style:text-properties fo:font-family=\"'Times New Roman'\" fo:font-size=\"10pt\"/></style:style>"
        let horizontal = chart.kind == .bars
        x += "<style:style style:name=\"Plot\" style:family=\"chart\"><style:chart-properties chart:vertical=\"\(horizontal)\" chart:gap-width=\"80\""
            + (chart.kind == .lines ? " chart:symbol-type=\"automatic\"" : "") + "/></style:style>"
        x += "<style:style style:name=\"AxisX\" style:family=\"chart\"><style:chart-properties chart:display-label=\"true\""
            + (horizontal ? " chart:reverse-direction=\"true\"" : "") + "/><style:text-properties fo:font-family=\"'Times New Roman'\" fo:font-size=\"9pt\"/></style:style>"
        var axisY = "<style:style style:name=\"AxisY\" style:family=\"chart\"><style:chart-properties chart:display-label=\"true\""
        if let m = chart.maximum { axisY += " chart:maximum=\"\(Chart.xmlNumber(m))\"" }
        if let m = chart.minimum { axisY += " chart:minimum=\"\(Chart.xmlNumber(m))\"" }
        if let u = chart.step { axisY += " chart:interval-major=\"\(Chart.xmlNumber(u))\"" }
        x += axisY + "/><style:text-properties fo:font-family=\"'Times New Roman'\" fo:font-size=\"9pt\"/></style:style>"
        x += "<style:style style:name=\"Wall\" style:family=\"chart\"><style:graphic-properties draw:fill=\"none\" draw:stroke=\"none\"/></style:style>"
        x += "<style:style style:name=\"Grid\" style:family=\"chart\"><style:graphic-properties svg:stroke-color=\"#d9d9d9\"/></style:style>"
        for (i, _) in chart.series.enumerated() {
            let colour = "#" + Chart.palette[i % Chart.palette.count].lowercased()
            var props = chart.showsValues ? "<style:chart-properties chart:data-label-number=\"value\"/>" : ""
            if chart.kind == .lines {
                props += "<style:graphic-properties svg:stroke-width=\"0.08cm\" svg:stroke-color=\"\(colour)\" draw:fill-color=\"\(colour)\"/>"
            } else {
                props += "<style:graphic-properties draw:fill=\"solid\" draw:fill-color=\"\(colour)\" draw:stroke=\"none\"/>"
            }
            x += "<style:style style:name=\"Series\(i)\" style:family=\"chart\">\(props)<style:text-properties fo:font-size=\"9pt\"/></style:style>"
        }
        if chart.kind == .pie {
            for p in 0..<n {
                x += "<style:style style:name=\"Point\(p)\" style:family=\"chart\"><style:graphic-properties draw:fill=\"solid\" draw:fill-color=\"#\(Chart.palette[p % Chart.palette.count].lowercased())\"/></style:style>"
            }
        }
        x += "</office:automatic-styles><office:body><office:chart>"
        let kind: String
        switch chart.kind {
        case .columns, .bars: kind = "chart:bar"
        case .lines: kind = "chart:line"
        case .pie: kind = "chart:circle"
        }
        x += "<chart:chart svg:width=\"\(cm(chart.width))\" svg:height=\"\(cm(chart.height))\" chart:class=\"\(kind)\" chart:style-name=\"Chart\">"
        if let title = chart.title { x += "<chart:title chart:style-name=\"Title\"><text:p>\(escape(title))</text:p></chart:title>" }
        if chart.series.count > 1 || chart.kind == .pie {
            x += "<chart:legend chart:legend-position=\"bottom\" style:legend-expansion=\"wide\" chart:style-name=\"Legend\"/>"
        }
        x += "<chart:plot-area chart:style-name=\"Plot\" chart:data-source-has-labels=\"both\" table:cell-range-address=\"local-table.$A$1:.$\(last)$\(n + 1)\">"
        x += "<chart:axis chart:dimension=\"x\" chart:name=\"primary-x\" chart:style-name=\"AxisX\"><chart:categories table:cell-range-address=\"local-table.$A$2:.$A$\(n + 1)\"/></chart:axis>"
        x += "<chart:axis chart:dimension=\"y\" chart:name=\"primary-y\" chart:style-name=\"AxisY\"><chart:grid chart:class=\"major\" chart:style-name=\"Grid\"/></chart:axis>"
        let series = chart.kind == .pie ? [0] : Array(chart.series.indices)
        for i in series {
            let col = column(i + 1)
            x += "<chart:series chart:style-name=\"Series\(i)\" chart:values-cell-range-address=\"local-table.$\(col)$2:.$\(col)$\(n + 1)\" chart:label-cell-address=\"local-table.$\(col)$1\" chart:class=\"\(kind)\">"
            if chart.kind == .pie { for p in 0..<n { x += "<chart:data-point chart:style-name=\"Point\(p)\"/>" } }
            x += "</chart:series>"
        }
        x += "<chart:wall chart:style-name=\"Wall\"/><chart:floor/></chart:plot-area>"
        // The data table the chart is drawn from and edited in.
        x += "<table:table table:name=\"local-table\"><table:table-header-columns><table:table-column/></table:table-header-columns>"
        x += "<table:table-columns><table:table-column table:number-columns-repeated=\"\(chart.series.count)\"/></table:table-columns>"
        x += "<table:table-header-rows><table:table-row><table:table-cell><text:p/></table:table-cell>"
        for s in chart.series { x += "<table:table-cell office:value-type=\"string\"><text:p>\(escape(s.name))</text:p></table:table-cell>" }
        x += "</table:table-row></table:table-header-rows><table:table-rows>"
        for (p, label) in chart.categories.enumerated() {
            x += "<table:table-row><table:table-cell office:value-type=\"string\"><text:p>\(escape(label))</text:p></table:table-cell>"
            for s in chart.series {
                if let v = s.values[p] {
                    x += "<table:table-cell office:value-type=\"float\" office:value=\"\(Chart.xmlNumber(v))\"><text:p>\(Chart.xmlNumber(v).replacingOccurrences(of: ".", with: ","))</text:p></table:table-cell>"
                } else {
                    x += "<table:table-cell><text:p/></table:table-cell>"
                }
            }
            x += "</table:table-row>"
        }
        x += "</table:table-rows></table:table></chart:chart></office:chart></office:body></office:document-content>"
        return Array(x.utf8)
    }

    /// `styles.xml` of an ODF chart object (empty styles: some readers expect the part).
    static func odfStyles() -> [UInt8] {
        Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-styles \(odfNamespaces) office:version=\"1.3\"><office:styles/></office:document-styles>".utf8)
    }

    static func attributeValue(_ s: String) -> String { attribute(s) }
}
