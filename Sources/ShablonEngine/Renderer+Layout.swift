import Foundation
import ShablonData
import ShablonRussian
import ShablonXML

/// Page breaks between repetitions, column loops and restarted numbering: the parts of a render that
/// change the shape of tables and lists rather than write values.
extension Renderer {
    // MARK: - Page breaks

    /// Starts the repetition written from `start` on a new page. DOCX: a page break as the first run of
    /// its first paragraph (no empty line is left at the top of the page). ODF: an empty paragraph of the
    /// `ShablonPageBreak` style (break before, 1 pt) ahead of it; the style is added when compiling.
    mutating func pageBreak(at start: Int, block: Block) {
        let p = block.open.prefix.isEmpty ? "" : block.open.prefix + ":"
        switch dialect.pageBreak {
        case .firstRun:
            let open1 = Array("<\(p)p>".utf8), open2 = Array("<\(p)p ".utf8)
            var insertAt = start
            if let i = find(open1, from: start) ?? find(open2, from: start) {
                guard let close = out[i...].firstIndex(of: UInt8(ascii: ">")) else { return }
                insertAt = close + 1
                // After the paragraph's properties, which must come first.
                let pPr = Array("<\(p)pPr".utf8)
                if out.count >= insertAt + pPr.count, Array(out[insertAt..<(insertAt + pPr.count)]) == pPr {
                    let close = Array("</\(p)pPr>".utf8)
                    if let end = find(close, from: insertAt) { insertAt = end + close.count }
                    else if let selfClose = out[insertAt...].firstIndex(of: UInt8(ascii: ">")), out[selfClose - 1] == UInt8(ascii: "/") { insertAt = selfClose + 1 }
                }
            }
            insert(Array("<\(p)r><\(p)br \(p)type=\"page\"/></\(p)r>".utf8), at: insertAt)
        case .styledParagraph:
            insert(Array("<\(p)p \(p)style-name=\"ShablonPageBreak\"/>".utf8), at: start)
        case .none:
            break
        }
    }

    /// Inserts bytes already written over, keeping the places that wait for column counts right.
    mutating func insert(_ bytes: [UInt8], at: Int) {
        out.insert(contentsOf: bytes, at: at)
        for t in tables {
            for k in t.pending.indices where t.pending[k].at >= at { t.pending[k].at += bytes.count }
        }
        if let s = stylesAt, s >= at { stylesAt = s + bytes.count }
    }

    // MARK: - Columns and numbering

    /// The number of columns a range has in the table being written (nil: not known yet).
    func count(_ r: ColumnRange) -> Int? {
        guard let t = tables.last else { return 1 }
        if let n = t.counts[ObjectIdentifier(r)] { return n }
        return resolving ? 1 : nil
    }

    /// A column loop sets its table's column count; another loop over the same columns must agree.
    mutating func columnCount(_ r: ColumnRange, _ v: Value?, _ b: Block) {
        guard let t = tables.last else { return }
        let n: Int
        switch v {
        case .list(let items)?: n = items.count
        case .map(let m)?: n = m.count
        default: n = 0
        }
        let id = ObjectIdentifier(r)
        if b.expression.options.contains(.widths), t.weights[id] == nil, case .list(let items)? = v {
            t.weights[id] = items.map { item -> Double in
                if case .number(let d)? = item["ширина"], d > 0 { return NSDecimalNumber(decimal: d).doubleValue }
                return 1
            }
        }
        guard let known = t.counts[id] else {
            t.counts[id] = n
            return
        }
        if known != n {
            report(.columnCount, b.open,
                   ru: "в этой строке \(Counted.columns.ru(n)), а в таблице \(known) (по первому циклу по этим столбцам)",
                   en: "this row has \(Counted.columns.en(n)), the table \(known) (from the first loop over these columns)",
                   hintRu: "Все циклы по одним столбцам должны перебирать списки одной длины.",
                   hintEn: "All loops over the same columns must go over lists of one length.", severity: .warning)
        }
    }

    mutating func dynamic(_ v: DynamicValue) {
        if case .numbering(let original, let block) = v {
            var text = original
            if options.numberingIDBase > 0, let orig = Int(original), var map = numberingMaps[ObjectIdentifier(block)] {
                if let id = map[original] {
                    text = String(id)
                } else {
                    let id = options.numberingIDBase + numberings.count
                    numberings.append(NumberingCopy(id: id, original: orig))
                    map[original] = id
                    numberingMaps[ObjectIdentifier(block)] = map
                    text = String(id)
                }
            }
            out.append(contentsOf: Array(text.utf8))
            return
        }
        guard let range = v.range, let n = count(range) else {
            tables.last?.pending.append((out.count, .value(v)))
            return
        }
        out.append(contentsOf: Array(dynamicText(v, n).utf8))
    }

    mutating func dynamicText(_ v: DynamicValue, _ n: Int) -> String {
        switch v {
        case .share(let value, let suffix, let r):
            let share = n > 0 ? value * fraction(r, n) : value
            return suffix == "%" ? Renderer.decimal(share, places: 2) + "%" : String(Int(share.rounded()))
        case .span(let base, let r):
            return String(max(1, base + (n - 1) * r.width))
        case .columnStyle(let s):
            guard n > 1, s.width != nil || s.relative != nil else { return Renderer.attributeEscaped(s.name) }
            let weighted = tables.last?.weights[ObjectIdentifier(s.range)]?.count == n
            let f = fraction(s.range, n)
            let name = s.name(count: n) + (weighted ? ".\(tables.last?.column[ObjectIdentifier(s.range)] ?? 0)" : "")
            if styleNames.insert(name).inserted {
                let p = s.prefix
                var props = ""
                if let (w, unit) = s.width { props += " \(p)column-width=\"\(Renderer.decimal(w * f, places: 4))\(unit)\"" }
                if let r = s.relative { props += " \(p)rel-column-width=\"\(Int((r * f).rounded()))*\"" }
                addedStyles.append(contentsOf: Array(("<\(p)style \(p)name=\"\(Renderer.attributeEscaped(name))\" \(p)family=\"table-column\">"
                    + "<\(p)table-column-properties\(props)/></\(p)style>").utf8))
            }
            return Renderer.attributeEscaped(name)
        case .numbering(let original, _):
            return original
        }
    }

    /// The table ends: what waited for a column count is written where it stands (a range no loop
    /// reached keeps the template's columns).
    mutating func endTable() {
        guard let t = tables.last else { return }
        resolving = true
        for (at, what) in t.pending.sorted(by: { $0.at > $1.at }) where !stopped {
            var piece: [UInt8] = []
            swap(&out, &piece)
            aside += piece.count
            switch what {
            case .value(let v):
                out.append(contentsOf: Array(dynamicText(v, v.range.flatMap { count($0) } ?? 1).utf8))
            case .repeatColumns(let r, let body):
                let n = count(r.range) ?? 1
                for k in 0..<r.times(n) where !stopped {
                    if r.mode == .perColumn { tables.last?.column[ObjectIdentifier(r.range)] = k }
                    execute(body)
                }
            }
            aside -= piece.count
            swap(&out, &piece)
            out.insert(contentsOf: piece, at: at)
        }
        resolving = false
        tables.removeLast()
    }

    /// A number with at most `places` decimals, trailing zeros dropped (`2.5`, `1.3333`).
    /// The share of a range's width the column being written takes: 1/n, or its weight among the
    /// range's weights (`ширины`).
    func fraction(_ r: ColumnRange, _ n: Int) -> Double {
        guard n > 0 else { return 1 }
        let id = ObjectIdentifier(r)
        guard let t = tables.last, let ws = t.weights[id], ws.count == n, let i = t.column[id], i < n else { return 1 / Double(n) }
        return ws[i] / ws.reduce(0, +)
    }

    static func decimal(_ v: Double, places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = Int((v * scale).rounded())
        let whole = scaled / Int(scale), frac = abs(scaled % Int(scale))
        guard frac > 0 else { return (scaled < 0 && whole == 0 ? "-" : "") + String(whole) }
        var f = String(frac)
        while f.count < places { f = "0" + f }
        while f.hasSuffix("0") { f.removeLast() }
        return (scaled < 0 && whole == 0 ? "-" : "") + String(whole) + "." + f
    }

    /// Text escaped for an attribute value, as the rest of the part is written (`XMLWriter`).
    static func attributeEscaped(_ s: String) -> String {
        var w = XMLWriter()
        w.attributeValue(s)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    func find(_ needle: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, out.count >= needle.count else { return nil }
        var i = from
        let last = out.count - needle.count
        while i <= last {
            if out[i] == needle[0] && Array(out[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}
