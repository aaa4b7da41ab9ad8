import Foundation
import ShablonData
import ShablonXML
import ShablonZip

/// A plan read back from a typed document (`shablon import`): the data of docs/plan-format.md (with
/// the keys of issue 14 — free columns, free paragraphs, the protocol line as typed), in document
/// order, with a note wherever a person should check the recognition. Text is kept as typed; only
/// spaces are normalised. `PlanImport.yaml` writes it as YAML for `shablon plan`.
public struct ImportedPlan: Sendable, Equatable {
    /// Гриф утверждения, as the plan has it.
    public typealias Approval = Plan.Approval

    /// «РАССМОТРЕНО/СОГЛАСОВАНО на заседании …, протокол …».
    public struct Review: Sendable, Equatable {
        public var heading: String
        public var text: String?
        public var protocolDate: CalendarDate?
        public var protocolNumber: String?
        /// The protocol line as typed when it is not of the form Shablon prints («протокол от … № …»).
        public var protocolLine: String?
    }

    /// «Методическая тема: …», «Цель: …».
    public typealias Labeled = Plan.LabeledText
    public typealias ListItem = Plan.ListItem
    public typealias AgendaItem = Plan.AgendaItem
    public typealias Signature = Plan.Signature

    public struct TitledList: Sendable, Equatable {
        public var title: String?
        public var marker: String
        public var items: [ListItem]
        public var inline: String?
        public var check: String?
    }

    /// An entry of `списки`: a list, or a free paragraph where it stood.
    public enum Entry: Sendable, Equatable {
        case list(TitledList)
        case paragraph(String, check: String?)
    }

    /// A column of the event table: its kind or free key, and the title printed in the header.
    public struct Column: Sendable, Equatable {
        public var key: String
        public var title: String
        public var known: Bool
    }

    public struct Event: Sendable, Equatable {
        public var text: String
        public var dates: String?
        public var place: String?
        public var form: String?
        public var responsible: [String]
        /// Cells of free columns, by key.
        public var free: [String: String]
        public var unnumbered: Bool
        public var number: String?
        public var agenda: [AgendaItem]
        public var check: String?
    }

    public struct Section: Sendable, Equatable {
        public var title: String?
        public var events: [Event]
        public var check: String?
    }

    public struct Table: Sendable, Equatable {
        public var title: String?
        public var columns: [Column]
        public var numberRow: Bool
        public var sections: [Section]
    }

    public var approval: Approval?
    public var review: Review?
    /// Free paragraphs before the title (`вступление`).
    public var intro: [String] = []
    public var kind: String?
    public var district: String?
    public var schoolYear: String?
    /// A span of calendar years («2018–2020») when the plan is not for one school year.
    public var years: String?
    public var title: [String] = []
    public var hidesTitle = false
    public var theme: Labeled?
    public var goal: Labeled?
    public var entries: [Entry] = []
    public var table: Table?
    public var signatures: [Signature] = []
    public var notes: [String] = []
    /// Notes for a person, by top-level key («проверьте: …»).
    public var checks: [String: String] = [:]
    /// What could not be classified (warnings `import-unclassified`), with the place and an excerpt.
    public var problems: [Problem] = []

    public init() {}

    /// Whether the plan needs only the keys of the original format (docs/plan-format.md before issue 14).
    public var usesOnlyOriginalFormat: Bool {
        guard intro.isEmpty, years == nil, schoolYear != nil else { return false }
        if review?.protocolLine != nil { return false }
        if entries.contains(where: { if case .paragraph = $0 { return true } else { return false } }) { return false }
        if let t = table {
            let old = ["номер", "мероприятие", "сроки", "ответственные"]
            if t.numberRow || t.columns.contains(where: { !old.contains($0.key) }) { return false }
            let layout = t.columns.map(\.key)
            if !Plan.supportedLayouts.map({ $0.map(\.rawValue) }).contains(layout) { return false }
        }
        return true
    }
}

/// Reading a filled plan back into data: `PlanImport.read` (a DOCX/ODT package) or
/// `PlanImport.classify` (an already read document), then `PlanImport.yaml`.
public enum PlanImport {
    /// Reads a package and recognises the plan in it. Hostile packages are refused as `render` refuses them.
    public static func read(_ bytes: [UInt8], limits: ZipLimitsProxy = .init()) throws(Problems) -> ImportedPlan {
        classify(try ImportDocument.read(bytes, limits: limits.zip, partLimits: limits.xml))
    }

    /// Recognises the parts of a plan in a document.
    public static func classify(_ doc: ImportDocument) -> ImportedPlan {
        var c = Classifier(doc: doc)
        c.run()
        return c.plan
    }
}


/// The package and part limits an import reads within (the command line's `--max-…` options).
public struct ZipLimitsProxy: Sendable {
    public var zip: ZipLimits
    public var xml: XMLLimits
    public init(zip: ZipLimits = ZipLimits(), xml: XMLLimits = XMLLimits()) {
        self.zip = zip
        self.xml = xml
    }
}

// MARK: - Patterns

enum Typed {
    /// A typed list marker at the start of a paragraph: the marker (normalised: «-», «·», «1.», «1)»,
    /// «а)») and the text after it.
    static func marker(_ s: String) -> (marker: String, rest: String)? {
        let t = s.drop { $0 == " " || $0 == "\t" }
        guard let first = t.first else { return nil }
        if "-–—‐‑·•▪●◦*o".contains(first) {
            let after = t.dropFirst()
            guard let n = after.first, n == " " || n == "\t" || (first != "-" && first != "o" && n.isLetter) || (first == "-" && n.isUppercase) else { return nil }
            let rest = after.drop { $0 == " " || $0 == "\t" }
            guard !rest.isEmpty else { return nil }
            return ("-–—‐‑".contains(first) ? "-" : "·", String(rest))
        }
        if let m = t.prefixMatch(of: /(\d{1,2})([.)])(?![\d])[ \t]*/) {
            let rest = t[m.range.upperBound...]
            guard !rest.isEmpty, rest.first?.isLetter == true || rest.first == "«" || rest.first == "\"" else { return nil }
            return (m.2 == "." ? "1." : "1)", String(rest))
        }
        if let m = t.prefixMatch(of: /([а-яa-z])\)[ \t]+/) {
            let rest = t[m.range.upperBound...]
            guard !rest.isEmpty else { return nil }
            return ("а)", String(rest))
        }
        return nil
    }

    /// A typed number at the start: «1.», «2)», «3 .».
    static func startsWithNumber(_ s: String) -> Bool {
        s.trimmingCharacters(in: .whitespaces).prefixMatch(of: /\d{1,2}\s?[.)](?!\d)/) != nil
    }

    /// «Фамилия И.О.», «И.О. Фамилия», «Фамилия, И.О.».
    static func isName(_ s: String) -> Bool {
        let t = s.trimmingCharacters(in: .whitespaces)
        return t.wholeMatch(of: /[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?,?\s*[А-ЯЁ]\.\s*(?:[А-ЯЁ]\.)?/) != nil
            || t.wholeMatch(of: /[А-ЯЁ]\.\s*(?:[А-ЯЁ]\.)?\s*[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?/) != nil
            || t.wholeMatch(of: /[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+\s+[А-ЯЁ][а-яё]+(?:вич|вна|ична|кызы|оглы)/) != nil
    }

    /// A school year («2023 - 2024», «2024/25») or a span of years («2018–2020») in text, as typed.
    static func years(in s: String) -> (text: String, first: Int, second: Int)? {
        guard let m = s.firstMatch(of: /(?:^|\D)((\d{4})\s*[-‐‑‒–—―\/]\s*(\d{4}|\d{2}))(?!\d)/), let a = Int(m.2), var b = Int(m.3) else { return nil }
        if m.3.count == 2 { b += (a / 100) * 100; if b < a { b += 100 } }
        guard (1990...2100).contains(a), b > a, b - a <= 10 else { return nil }
        return (String(m.1), a, b)
    }

    static let months = ["января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
                         "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12]

    /// A date as typed («02.09.2024», «“02” сентября 2024 г.», «2 сентября 2024»).
    static func date(in s: String) -> (date: CalendarDate, range: Range<String.Index>)? {
        if let m = s.firstMatch(of: /\b(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s*г\.?)?/), let d = Int(m.1), let mo = Int(m.2), let y = Int(m.3),
           let date = CalendarDate(year: y, month: mo, day: d) {
            return (date, m.range)
        }
        if let m = s.firstMatch(of: /[«"“„']?(\d{1,2})[»"”']?\s+([а-яё]+)\s+(\d{4})(?:\s*г(?:ода|\.)?)?/), let d = Int(m.1), let mo = months[String(m.2).lowercased()], let y = Int(m.3),
           let date = CalendarDate(year: y, month: mo, day: d) {
            return (date, m.range)
        }
        return nil
    }

    /// «Тема: текст» → («Тема:», «текст»): a short label ending with a colon.
    static func label(_ s: String) -> (label: String, rest: String)? {
        guard let i = s.firstIndex(of: ":") else { return nil }
        let label = s[...i].trimmingCharacters(in: .whitespaces)
        let words = label.split(separator: " ").count
        guard words >= 1, words <= 8, label.count <= 70, label.first?.isUppercase == true || label.first?.isLetter == true else { return nil }
        return (label, s[s.index(after: i)...].trimmingCharacters(in: .whitespaces))
    }

    static func fold(_ s: String) -> String { s.lowercased().replacingOccurrences(of: "ё", with: "е") }
}

// MARK: - Classifier

struct Classifier {
    let doc: ImportDocument
    var plan = ImportedPlan()

    typealias Paragraph = ImportDocument.Paragraph

    /// The body as a flat sequence: paragraphs and tables.
    var blocks: [ImportDocument.Block] { doc.blocks }

    mutating func unclassified(_ p: Paragraph, _ ru: String, _ en: String) {
        plan.problems.append(Problem(.warning, code: "import-unclassified", part: doc.part,
                                     location: .paragraph(number: p.number, excerpt: Classifier.excerpt(p.text)),
                                     message: LocalizedText(ru: "не распознано: \(ru)", en: "not recognised: \(en)"),
                                     hint: LocalizedText(ru: "Текст сохранён в данных на своём месте. Проверьте его в YAML и, если это часть плана (задача, мероприятие, подпись), перенесите в нужное поле (docs/import.md).",
                                                         en: "The text is kept in the data in its place. Check it in the YAML and, if it is a part of the plan (a task, an event, a signature), move it to its field (docs/import.en.md).")))
    }

    mutating func unclassifiedCell(_ table: Int, _ row: Int, _ cell: Int, _ text: String, _ ru: String, _ en: String) {
        plan.problems.append(Problem(.warning, code: "import-unclassified", part: doc.part,
                                     location: .cell(table: table, row: row, cell: cell, excerpt: Classifier.excerpt(text)),
                                     message: LocalizedText(ru: "не распознано: \(ru)", en: "not recognised: \(en)"),
                                     hint: LocalizedText(ru: "Текст сохранён в данных на своём месте. Проверьте его в YAML (docs/import.md).",
                                                         en: "The text is kept in the data in its place. Check it in the YAML (docs/import.en.md).")))
    }

    static func excerpt(_ s: String) -> String {
        let one = s.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ").trimmingCharacters(in: .whitespaces)
        return one.count > 40 ? String(one.prefix(40)) + "…" : one
    }

    static func lines(_ p: Paragraph) -> [String] {
        p.text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func trimmed(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let approvalWords = ["УТВЕРЖДАЮ", "УТВЕРЖДЕН", "УТВЕРЖДЕНО", "УТВЕРЖДЕНА"]
    static let reviewWords = ["РАССМОТРЕНО", "СОГЛАСОВАНО", "ПРИНЯТО", "ОДОБРЕНО", "РАССМОТРЕН", "СОГЛАСОВАН", "ПРИНЯТ"]

    static func stampKind(_ s: String) -> String? {
        let first = s.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ":" || $0 == "\n" }).first.map(String.init) ?? ""
        let up = first.uppercased()
        if approvalWords.contains(up) { return "approval" }
        if reviewWords.contains(up) && (first == up || s.contains("\n")) { return "review" }
        if reviewWords.contains(up) && first == up { return "review" }
        return nil
    }

    // MARK: run

    mutating func run() {
        var i = 0
        // 1. The head: stamps, free paragraphs, the title.
        var seenTitle = false
        head: while i < blocks.count {
            switch blocks[i] {
            case .table(let t):
                if !seenTitle, stampTable(t) { i += 1; continue }
                break head
            case .paragraph(let p):
                let text = p.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if text.isEmpty { i += 1; continue }
                if !seenTitle, let kind = Classifier.stampKind(text) {
                    i = stampParagraphs(from: i, kind: kind)
                    continue
                }
                if !seenTitle, titleLike(p, first: true) {
                    i = title(from: i)
                    seenTitle = true
                    continue
                }
                if !seenTitle, !isBodyStart(p), laterTitle(after: i) {
                    plan.intro.append(Classifier.trimmed(p.text))
                    unclassified(p, "абзац перед заголовком — записан в «вступление»", "a paragraph before the title — written to «вступление»")
                    i += 1
                    continue
                }
                break head
            }
        }
        findYear()
        // 2. The body: theme, goal, lists, free paragraphs, up to the event table.
        let tableIndex = blocks.indices.first { j in
            guard j >= i, case .table(let t) = blocks[j] else { return false }
            return eventColumns(t) != nil
        }
        body(from: i, to: tableIndex ?? blocks.count)
        guard let tableIndex else { return }
        // 3. The event table (and any later table with the same columns).
        guard case .table(let t) = blocks[tableIndex] else { return }
        eventTable(t)
        // 4. The end: signatures, notes.
        ending(from: tableIndex + 1)
    }

    // MARK: stamps

    /// A borderless table of stamps: «РАССМОТРЕНО …» on the left, «УТВЕРЖДАЮ …» on the right.
    mutating func stampTable(_ t: ImportDocument.Table) -> Bool {
        let cells = t.rows.flatMap(\.cells)
        guard t.rows.count <= 3, cells.contains(where: { Classifier.stampKind($0.text) != nil }) else { return false }
        // A stamp may go on in the next cells (a cell for the signature, one for the date): each cell
        // that does not open a stamp continues the one before it.
        var groups: [(kind: String, lines: [String])] = []
        for (ci, cell) in cells.enumerated() {
            let lines = cell.paragraphs.flatMap(Classifier.lines)
            guard let first = lines.first else { continue }
            if let kind = Classifier.stampKind(first) {
                groups.append((kind, lines))
            } else if !groups.isEmpty {
                groups[groups.count - 1].lines += lines
            } else {
                plan.intro.append(lines.joined(separator: "\n"))
                unclassifiedCell(t.number, 1, ci + 1, first, "ячейка таблицы грифов — записана в «вступление»", "a cell of the stamps table — written to «вступление»")
            }
        }
        for g in groups {
            if g.kind == "approval" { approval(g.lines) } else { review(g.lines) }
        }
        return true
    }

    /// Paragraphs of a stamp typed as text: the heading paragraph and the short lines after it
    /// (aligned right, or indented, or simply the next few short lines up to an empty one).
    mutating func stampParagraphs(from start: Int, kind: String) -> Int {
        guard case .paragraph(let first) = blocks[start] else { return start + 1 }
        var lines = Classifier.lines(first)
        var j = start + 1
        let aligned = first.alignment == .end || first.indent > 150
        while j < blocks.count, case .paragraph(let p) = blocks[j], lines.count < 8 {
            let text = p.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty {
                // An empty line ends a stamp typed at the left margin; a right-aligned one goes on while
                // right-aligned lines follow.
                guard aligned, j + 1 < blocks.count, case .paragraph(let next) = blocks[j + 1], next.alignment == .end || next.indent > 150,
                      Classifier.stampKind(next.text) == nil else { break }
                j += 1
                continue
            }
            if Classifier.stampKind(text) != nil { break }
            if aligned && !(p.alignment == .end || p.indent > 150) { break }
            if !aligned && (text.count > 90 || p.alignment == .center || titleLike(p, first: true)) { break }
            lines += Classifier.lines(p)
            j += 1
        }
        if kind == "approval" { approval(lines) } else { review(lines) }
        return j
    }

    mutating func approval(_ lines: [String]) {
        guard let head = lines.first else { return }
        let headWord = head.split(whereSeparator: { $0 == " " || $0 == ":" }).first.map { String($0).uppercased() } ?? ""
        var rest = Array(lines.dropFirst())
        if headWord != "УТВЕРЖДАЮ" {
            // «УТВЕРЖДЕН приказом … от 02.09.2024 № 245», on one line or several.
            let after = head.drop { $0 != " " && $0 != ":" }.drop { $0 == " " || $0 == ":" }
            var text = ([String(after)] + rest).filter { !$0.isEmpty }.joined(separator: " ")
            var number: String?
            var date: CalendarDate?
            if let m = text.firstMatch(of: /\s*№\s*([\w\/\-]+)\s*$/) { number = String(m.1); text.removeSubrange(m.range) }
            if let d = Typed.date(in: text), let m = text.firstMatch(of: /\s+от\s+\S.*$/), m.range.lowerBound <= d.range.lowerBound {
                date = d.date
                let tail = text[d.range.upperBound...].trimmingCharacters(in: .whitespaces)
                if number == nil, let n = tail.firstMatch(of: /^№\s*([\w\/\-]+)/) { number = String(n.1) }
                text.removeSubrange(m.range)
            }
            plan.approval = .act(document: text.trimmingCharacters(in: .whitespaces), date: date, number: number)
            return
        }
        var date: CalendarDate?
        var year: Int?
        var name: String?
        var slashes = false
        var position: [String] = []
        var sawSignature = false
        for line in rest {
            let compact = line.replacingOccurrences(of: " ", with: "")
            if let d = Typed.date(in: line), !line.contains("___") || line.hasPrefix("«") {
                date = d.date
                continue
            }
            if line.contains("20") && (line.contains("«") || line.contains("г.") || line.contains("г")) && line.firstMatch(of: /^[«"_\s\d»"]*[_\s]*[а-яё_]*\s*_*\s*(\d{4})\s*г?\.?\s*$/) != nil {
                if let m = line.firstMatch(of: /(\d{4})/) { year = Int(m.1) }
                continue
            }
            if line.contains("__") || compact.hasSuffix("/") || (sawSignature == false && Typed.isName(line.trimmingCharacters(in: CharacterSet(charactersIn: "/_ ")))) {
                slashes = line.contains("/")
                let n = line.trimmingCharacters(in: CharacterSet(charactersIn: "_/ \t")).replacingOccurrences(of: "_", with: "")
                    .trimmingCharacters(in: CharacterSet(charactersIn: "/ "))
                if !n.isEmpty {
                    // «Директор ________ Г.В. Венкова»: a position before the line.
                    if let r = line.range(of: "__"), !line[..<r.lowerBound].trimmingCharacters(in: .whitespaces).isEmpty, position.isEmpty {
                        position.append(line[..<r.lowerBound].trimmingCharacters(in: .whitespaces))
                        name = line[r.lowerBound...].trimmingCharacters(in: CharacterSet(charactersIn: "_/ \t"))
                    } else {
                        name = n
                    }
                }
                sawSignature = true
                continue
            }
            position.append(line)
        }
        rest = position
        plan.approval = .official(position: rest.first ?? "", organisation: rest.count > 1 ? rest.dropFirst().joined(separator: "\n") : nil,
                                  name: name, date: date, year: date == nil ? year : nil, slashes: slashes)
        if rest.isEmpty { plan.checks["утверждение"] = "проверьте: в грифе не найдена должность" }
    }

    mutating func review(_ lines: [String]) {
        guard let head = lines.first else { return }
        var heading = head
        var rest = Array(lines.dropFirst())
        // «РАССМОТРЕНО на заседании РМО» on one line.
        if let sp = head.firstIndex(where: { $0 == " " || $0 == ":" }) {
            heading = String(head[..<sp])
            let tail = head[sp...].drop { $0 == " " || $0 == ":" }
            if !tail.isEmpty { rest.insert(String(tail), at: 0) }
        }
        var review = ImportedPlan.Review(heading: heading, text: nil, protocolDate: nil, protocolNumber: nil, protocolLine: nil)
        var text: [String] = []
        var proto: [String] = []
        for line in rest {
            if Typed.fold(line).contains("протокол") || (!proto.isEmpty && (line.hasPrefix("от ") || line.hasPrefix("№"))) { proto.append(line) } else { text.append(line) }
        }
        review.text = text.isEmpty ? nil : text.joined(separator: "\n")
        if !proto.isEmpty {
            let line = proto.joined(separator: " ")
            if let m = line.wholeMatch(of: /протокол(?:\s+от\s+(\d{2})\.(\d{2})\.(\d{4}))?(?:\s+№\s*(\S+))?/) , m.1 != nil || m.4 != nil {
                if let d = m.1, let mo = m.2, let y = m.3 { review.protocolDate = CalendarDate(year: Int(y) ?? 0, month: Int(mo) ?? 0, day: Int(d) ?? 0) }
                review.protocolNumber = m.4.map(String.init)
            } else {
                review.protocolLine = line
            }
        }
        plan.review = review
    }

    // MARK: title

    /// A paragraph that opens the title: centred or bold, or with «план»/a school year at the top.
    func titleLike(_ p: Paragraph, first: Bool) -> Bool {
        let text = p.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 240, !isBodyStart(p), p.numbering == nil, Typed.marker(text) == nil else { return false }
        if p.alignment == .center || p.bold { return true }
        guard first else { return false }
        return Typed.fold(text).hasPrefix("план") || (Typed.years(in: text) != nil && text.count <= 120)
    }

    /// Theme, goal or a list title: where the body starts.
    func isBodyStart(_ p: Paragraph) -> Bool {
        let text = p.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let (label, _) = Typed.label(text) else { return false }
        let l = Typed.fold(label)
        return l.contains("тема") || l.hasPrefix("цель") || l.hasPrefix("задачи") || l.hasPrefix("основные задачи")
    }

    func laterTitle(after i: Int) -> Bool {
        for j in (i + 1)..<min(blocks.count, i + 6) {
            if case .paragraph(let p) = blocks[j], titleLike(p, first: true), p.alignment == .center || p.bold { return true }
        }
        return false
    }

    mutating func title(from start: Int) -> Int {
        var j = start
        var lines: [String] = []
        while j < blocks.count, case .paragraph(let p) = blocks[j] {
            let text = p.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty {
                // One empty line inside a centred title.
                if j + 1 < blocks.count, case .paragraph(let next) = blocks[j + 1], titleLike(next, first: false), lines.count < 6 { j += 1; continue }
                break
            }
            guard j == start || titleLike(p, first: false) else { break }
            lines += Classifier.lines(p)
            j += 1
        }
        // A lone line that names a district: the plan has no title, only the district at the top.
        if lines.count == 1, Classifier.districtLine(lines[0]), Typed.years(in: lines[0]) == nil {
            plan.district = lines[0]
            plan.hidesTitle = true
            return j
        }
        plan.title = lines
        if let d = lines.first(where: Classifier.districtLine) {
            plan.district = d
            plan.checks["район"] = "проверьте: район взят из строки заголовка"
        }
        let folded = Typed.fold(lines.joined(separator: " "))
        if let m = lines.joined(separator: " ").firstMatch(of: /\b(РМО|ММО|ОМО|ГМО|ШМО|МО)\b/) {
            plan.kind = String(m.1)
        } else if folded.contains("районного методического") || folded.contains("районное методическое") {
            plan.kind = "РМО"
        } else if folded.contains("муниципального методического") || folded.contains("муниципальное методическое") {
            plan.kind = "ММО"
        } else if folded.contains("окружного методического") || folded.contains("окружное методическое") {
            plan.kind = "ОМО"
        }
        return j
    }

    /// «Пономарёвского района», «Белоярский район», «городского округа Серпухов».
    static func districtLine(_ s: String) -> Bool {
        let f = Typed.fold(s)
        let words = f.split(separator: " ")
        guard words.count <= 6, !f.contains("объединени"), !f.contains("план") else { return false }
        return words.contains { ["район", "района", "округ", "округа", "улус", "улуса"].contains($0.trimmingCharacters(in: .punctuationCharacters)) }
    }

    /// The school year: from the title, else the first «на … учебный год» in the text.
    mutating func findYear() {
        for line in plan.title {
            if let y = Typed.years(in: line) {
                if y.second == y.first + 1 { plan.schoolYear = y.text } else { plan.years = y.text }
                return
            }
        }
        var all: [String] = []
        for b in blocks {
            switch b {
            case .paragraph(let p): all.append(p.text)
            case .table(let t): all += t.rows.flatMap { $0.cells.map(\.text) }
            }
        }
        for text in all {
            if let m = text.firstMatch(of: /на\s+(\d{4}\s*[-–—\/]\s*\d{2,4})\s*(?:учебн\w*\s+год\w*|уч\.\s*г\w*\.?)/), let y = Typed.years(in: String(m.1)), y.second == y.first + 1 {
                plan.schoolYear = y.text
                plan.checks["учебный_год"] = "проверьте: учебный год взят из текста «\(Classifier.excerpt(String(m.0)))»"
                return
            }
        }
        plan.checks["учебный_год"] = "проверьте: учебный год в документе не найден"
    }

    // MARK: body

    mutating func body(from start: Int, to end: Int) {
        var j = start
        var currentList: Int? // index in plan.entries of the list items go to
        var listIndent: Double = 0
        while j < end {
            defer { j += 1 }
            switch blocks[j] {
            case .table(let t):
                currentList = nil
                for row in freeTable(t) { plan.entries.append(.paragraph(row, check: "проверьте: строка таблицы, не похожей на план мероприятий")) }
            case .paragraph(let p):
                let text = p.text.trimmingCharacters(in: .whitespacesAndNewlines)
                if text.isEmpty { continue }
                if let item = listItem(p) {
                    if let li = currentList, case .list(var list) = plan.entries[li] {
                        let sub = item.level > 0 || p.indent > listIndent + 9 || (["1.", "1)"].contains(list.marker) && item.marker != list.marker && !list.items.isEmpty)
                            || (item.marker == "а)" && list.marker != "а)" && !list.items.isEmpty)
                        if list.items.isEmpty { list.marker = item.marker; listIndent = p.indent }
                        if sub, !list.items.isEmpty { list.items[list.items.count - 1].subitems.append(item.text) } else {
                            list.items.append(.init(text: item.text, subitems: []))
                        }
                        plan.entries[li] = .list(list)
                    } else {
                        plan.entries.append(.list(.init(title: nil, marker: item.marker, items: [.init(text: item.text, subitems: [])], inline: nil,
                                                        check: "проверьте: список без заголовка")))
                        currentList = plan.entries.count - 1
                        listIndent = p.indent
                    }
                    continue
                }
                currentList = nil
                if let (label, rest) = Typed.label(text) {
                    let l = Typed.fold(label)
                    if l.contains("тема") && plan.theme == nil {
                        j = labeled(label, rest, at: j) { $0.theme = $1 }
                        continue
                    }
                    if l.hasPrefix("цель") && plan.goal == nil {
                        j = labeled(label, rest, at: j) { $0.goal = $1 }
                        continue
                    }
                    if rest.isEmpty {
                        plan.entries.append(.list(.init(title: label, marker: "1.", items: [], inline: nil, check: nil)))
                        currentList = plan.entries.count - 1
                        listIndent = 0
                        continue
                    }
                    if label.split(separator: " ").count <= 6, !p.boldPrefix.isEmpty || Classifier.listWords.contains(where: { l.hasPrefix($0) }) {
                        plan.entries.append(.list(.init(title: label, marker: "1.", items: [], inline: rest, check: nil)))
                        continue
                    }
                }
                plan.entries.append(.paragraph(Classifier.trimmed(p.text), check: nil))
                unclassified(p, "записан в «списки» как «абзац»", "written to «списки» as «абзац»")
            }
        }
        // A list title with no items right before the table is the table's title.
        if let last = plan.entries.last, case .list(let l) = last, l.items.isEmpty, l.inline == nil {
            plan.entries.removeLast()
            pendingTableTitle = l.title
        } else if let last = plan.entries.last, case .paragraph(let text, _) = last, text.split(separator: " ").count <= 10, !text.contains("\n") {
            if let k = plan.problems.lastIndex(where: { $0.code == "import-unclassified" }) { plan.problems.remove(at: k) }
            plan.entries.removeLast()
            pendingTableTitle = text
        }
        // Lists whose title had no items: a lone title is a free paragraph.
        for (k, e) in plan.entries.enumerated() {
            if case .list(let l) = e, l.items.isEmpty, l.inline == nil { plan.entries[k] = .paragraph(l.title ?? "", check: "проверьте: заголовок без пунктов") }
        }
    }

    var pendingTableTitle: String?

    static let listWords = ["задачи", "направлени", "формы", "ожидаемые", "основные", "принципы", "функции", "приоритет", "план", "методы", "виды", "ожидаемый"]

    /// «Тема:» and its text — after the colon, or in the next paragraph.
    mutating func labeled(_ label: String, _ rest: String, at j: Int, set: (inout ImportedPlan, ImportedPlan.Labeled) -> Void) -> Int {
        var text = rest
        var k = j
        if text.isEmpty {
            var n = j + 1
            while n < blocks.count, case .paragraph(let p) = blocks[n], p.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { n += 1 }
            if n < blocks.count, case .paragraph(let p) = blocks[n] {
                text = Classifier.trimmed(p.text)
                k = n
            }
        }
        let f = Typed.fold(label)
        let standard = f == "методическая тема:" || f == "цель:"
        set(&plan, .init(label: standard ? nil : label, text: text))
        return k
    }

    /// A list item: its marker (from the numbering or typed), level and text.
    func listItem(_ p: Paragraph) -> (marker: String, level: Int, text: String)? {
        let text = Classifier.trimmed(p.text)
        if let n = p.numbering {
            let marker: String
            switch n.format {
            case .bullet(let c): marker = "-–—‐".contains(c) ? "-" : "·"
            case .decimal(let suffix): marker = suffix.hasPrefix(")") ? "1)" : "1."
            case .letter: marker = "а)"
            case .other(let suffix): marker = suffix.hasPrefix(")") ? "1)" : "1."
            }
            return (marker, n.level, Typed.marker(text).map { $0.marker == marker ? $0.rest : text } ?? text)
        }
        guard let m = Typed.marker(text) else { return nil }
        return (m.marker, 0, m.rest.trimmingCharacters(in: .whitespaces))
    }

    /// A table that is not the plan of events: its rows as free text, cells separated by « | ».
    mutating func freeTable(_ t: ImportDocument.Table) -> [String] {
        var rows: [String] = []
        for (ri, r) in t.rows.enumerated() {
            let cells = r.cells.filter { !$0.continuesMerge }.map(\.text)
            guard cells.contains(where: { !$0.isEmpty }) else { continue }
            rows.append(cells.joined(separator: " | "))
            unclassifiedCell(t.number, ri + 1, 1, cells.first { !$0.isEmpty } ?? "", "строка таблицы записана как абзац (ячейки через « | »)",
                             "a table row written as a paragraph (cells joined by « | »)")
        }
        return rows
    }

    // MARK: the event table

    static let eventKeys: Set<String> = ["текст", "сроки", "место", "форма", "ответственные", "пункты", "без_номера", "номер"]

    /// The column kind a header title names.
    static func kind(_ title: String) -> String? {
        let f = Typed.fold(title).trimmingCharacters(in: .whitespacesAndNewlines)
        if f.isEmpty { return nil }
        if f.wholeMatch(of: /(№|n|no|#|номер)\s*(п\s*\/\s*п|п\.п\.?)?\.?/) != nil { return "номер" }
        if f.hasPrefix("№") && f.count <= 8 { return "номер" }
        if f.contains("вопрос") || f.contains("повестк") { return "вопросы" }
        if f.contains("выступа") || f.contains("докладчик") { return "выступающие" }
        if f.contains("ответствен") || f.contains("исполнител") { return "ответственные" }
        if f.contains("срок") || f.hasPrefix("дата") || f.hasPrefix("месяц") || f.hasPrefix("время") || f.hasPrefix("период") || f.hasPrefix("когда") { return "сроки" }
        if f.hasPrefix("место") { return "место" }
        if f.hasPrefix("форма") || f.hasPrefix("формы") { return "форма" }
        if ["мероприят", "содержание", "наименование", "тема", "название", "вид работ", "виды работ", "направлени", "деятельност", "работа"].contains(where: { f.contains($0) }) {
            return "мероприятие"
        }
        return nil
    }

    /// A free column's key: a noun from its title («Ожидаемые результаты» → `результаты`).
    static func freeKey(_ title: String, index: Int, taken: Set<String>) -> String {
        let words = Typed.fold(title).split(whereSeparator: { !$0.isLetter && $0 != "_" }).map(String.init)
        let adjective = ["ые", "ый", "ая", "ое", "ий", "ой", "ие", "яя", "ее"]
        var key = words.first { w in w.count > 2 && !adjective.contains(where: { w.hasSuffix($0) }) } ?? words.first { $0.count > 2 } ?? ""
        if key.isEmpty || Classifier.kind(key) != nil || eventKeys.contains(key) { key = "столбец_\(index + 1)" }
        var k = key
        var n = 2
        while taken.contains(k) { k = "\(key)_\(n)"; n += 1 }
        return k
    }

    /// The columns of a table whose header row names events (with «мероприятие», or «сроки» and another known kind).
    func eventColumns(_ t: ImportDocument.Table) -> [ImportedPlan.Column]? {
        guard let header = t.rows.first, header.cells.count >= 2 else { return nil }
        let titles = header.cells.map { $0.text.replacingOccurrences(of: "\n", with: " ") }
        let kinds = titles.map(Classifier.kind)
        let known = Set(kinds.compactMap { $0 })
        guard known.contains("мероприятие") || (known.contains("сроки") && known.count >= 2) || known.count >= 3 else { return nil }
        var columns: [ImportedPlan.Column] = []
        var taken = Set<String>()
        for (i, title) in titles.enumerated() {
            if let k = kinds[i], !taken.contains(k) {
                columns.append(.init(key: k, title: title, known: true))
                taken.insert(k)
            } else {
                let key = Classifier.freeKey(title, index: i, taken: taken.union(["мероприятие"]))
                columns.append(.init(key: key, title: title, known: false))
                taken.insert(key)
            }
        }
        if !taken.contains("мероприятие"), let i = columns.firstIndex(where: { !$0.known }) {
            columns[i] = .init(key: "мероприятие", title: columns[i].title, known: true)
        }
        return columns
    }

    /// A row's cells by grid column (spans counted, merges continued as empty).
    static func gridCells(_ r: ImportDocument.Row, count: Int) -> [ImportDocument.Cell?] {
        var out: [ImportDocument.Cell?] = []
        for c in r.cells {
            out.append(c.continuesMerge ? nil : c)
            for _ in 1..<max(1, c.span) { out.append(nil) }
        }
        while out.count < count { out.append(nil) }
        return Array(out.prefix(count))
    }

    mutating func eventTable(_ t: ImportDocument.Table) {
        guard let columns = eventColumns(t) else { return }
        var table = ImportedPlan.Table(title: pendingTableTitle, columns: columns, numberRow: false, sections: [])
        let n = columns.count
        let headerTexts = t.rows[0].cells.map(\.text)
        var sections: [ImportedPlan.Section] = [.init(title: nil, events: [])]
        var counter = 0
        let col = Dictionary(columns.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { a, _ in a })
        for (ri, row) in t.rows.enumerated().dropFirst() {
            let cells = Classifier.gridCells(row, count: n)
            let texts = cells.map { $0?.text ?? "" }
            if texts.allSatisfy(\.isEmpty) { continue }
            if row.cells.map(\.text) == headerTexts { continue } // the header repeated
            if ri == 1, texts.enumerated().allSatisfy({ $1 == "\($0 + 1)" || $1 == "\($0 + 1)." }) { table.numberRow = true; continue }
            // A section row: one cell across the table, or only the event cell filled, in bold or centred.
            let filled = texts.enumerated().filter { !$0.element.isEmpty }
            let visible = row.cells.filter { !$0.continuesMerge }
            if (visible.count == 1 && n > 1) || (filled.count == 1 && filled[0].offset == col["мероприятие"]
                    && (cells[filled[0].offset]?.paragraphs.filter { !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }.allSatisfy { $0.bold || $0.alignment == .center } ?? false)) {
                sections.append(.init(title: filled.first?.element ?? "", events: [], check: visible.count == 1 ? nil : "проверьте: распознано как раздел"))
                continue
            }
            func cell(_ k: String) -> String { col[k].map { texts[$0] } ?? "" }
            func cellParagraphs(_ k: String) -> [String] {
                guard let i = col[k], let c = cells[i] else { return [] }
                return c.paragraphs.flatMap { $0.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
            }
            var eventText = cell("мероприятие")
            let number = cell("номер")
            // An agenda item in a row of its own: no number, no dates, a typed number, after a meeting.
            if number.isEmpty, cell("сроки").isEmpty, Typed.startsWithNumber(eventText) || (cells[col["мероприятие"] ?? 0]?.paragraphs.first?.numbering != nil),
               var last = sections[sections.count - 1].events.last, !last.agenda.isEmpty || Typed.fold(last.text).contains("заседани") {
                last.agenda.append(.init(topic: Classifier.withoutTabbedNumber(eventText), speaker: nonEmpty(cell("ответственные")) ?? nonEmpty(cell("выступающие"))))
                sections[sections.count - 1].events[sections[sections.count - 1].events.count - 1] = last
                continue
            }
            var e = ImportedPlan.Event(text: "", dates: nonEmpty(cell("сроки")), place: nonEmpty(cell("место")), form: nonEmpty(cell("форма")),
                                       responsible: cellParagraphs("ответственные"), free: [:], unnumbered: false, number: nil, agenda: [])
            for c in columns where !c.known { e.free[c.key] = cell(c.key) }
            // A meeting in one cell: a title line, then numbered items; speakers line by line.
            let lines = cellParagraphs("мероприятие")
            if let firstItem = lines.indices.dropFirst().first(where: { Typed.startsWithNumber(lines[$0]) }),
               Typed.fold(lines[..<firstItem].joined(separator: " ")).contains("заседани") {
                var items: [String] = []
                for line in lines[firstItem...] {
                    if Typed.startsWithNumber(line) || items.isEmpty { items.append(line) } else { items[items.count - 1] += "\n" + line }
                }
                eventText = lines[..<firstItem].joined(separator: "\n")
                var speakers = e.responsible
                if col["выступающие"] != nil { speakers = cellParagraphs("выступающие") }
                if speakers.count == items.count {
                    e.agenda = zip(items, speakers).map { .init(topic: $0, speaker: $1) }
                    if col["выступающие"] == nil { e.responsible = [] }
                } else {
                    e.agenda = items.map { .init(topic: $0, speaker: nil) }
                    if col["выступающие"] != nil, !speakers.isEmpty { e.responsible += speakers }
                    if !speakers.isEmpty { e.check = "проверьте: выступающих \(speakers.count), пунктов повестки \(items.count) — записаны в «ответственные»" }
                }
            } else if col["вопросы"] != nil {
                let topics = cellParagraphs("вопросы")
                let speakers = cellParagraphs("выступающие")
                e.agenda = topics.enumerated().map { .init(topic: $1, speaker: speakers.count == topics.count ? speakers[$0] : nil) }
                if speakers.count != topics.count, !speakers.isEmpty { e.responsible += speakers }
            }
            e.text = eventText
            // The number: auto when it is the next one, as typed otherwise, none when the cell is empty.
            if col["номер"] != nil {
                let digits = number.filter(\.isNumber)
                let numbered = cells[col["номер"]!]?.paragraphs.first?.numbering != nil
                if number.isEmpty && !numbered {
                    e.unnumbered = true
                } else if numbered || (Int(digits) == counter + 1 && (number == digits || number == digits + ".")) {
                    counter += 1
                } else {
                    e.number = number
                    if let v = Int(digits) { counter = v }
                }
            }
            sections[sections.count - 1].events.append(e)
        }
        if sections[0].events.isEmpty && sections.count > 1 { sections.removeFirst() }
        table.sections = sections
        plan.table = table
    }

    func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }

    /// «1.\tДоклад» (a number the template printed, then a tab) → «Доклад»; a number typed with the
    /// text («1.Доклад») stays, as typed.
    static func withoutTabbedNumber(_ s: String) -> String {
        guard let m = s.prefixMatch(of: /\d{1,2}[.)]\t+/) else { return s }
        return String(s[m.range.upperBound...])
    }

    // MARK: the end

    mutating func ending(from start: Int) {
        var paragraphs: [Paragraph] = []
        var j = start
        while j < blocks.count {
            switch blocks[j] {
            case .paragraph(let p):
                if !p.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { paragraphs.append(p) }
            case .table(let t):
                flushEnding(&paragraphs)
                if let cols = eventColumns(t), let table = plan.table, cols.map(\.key) == table.columns.map(\.key) {
                    // The plan of events continued in a second table with the same columns.
                    let before = table
                    eventTable(t)
                    if var merged = plan.table {
                        merged.title = before.title
                        merged.sections = before.sections + merged.sections
                        plan.table = merged
                    }
                } else {
                    signatureTable(t)
                }
            }
            j += 1
        }
        flushEnding(&paragraphs)
    }

    /// A borderless table of signatures: position on the left, line and name on the right; a row of
    /// one cell is a note.
    mutating func signatureTable(_ t: ImportDocument.Table) {
        for (ri, r) in t.rows.enumerated() {
            let cells = r.cells.filter { !$0.continuesMerge }.map(\.text).filter { !$0.isEmpty }
            if cells.count == 2 {
                let name = Classifier.signatureName(cells[1])
                plan.signatures.append(.init(position: cells[0], name: name.isEmpty ? nil : name))
            } else if cells.count == 1 {
                if let s = Classifier.signature(cells[0]) { plan.signatures.append(s) } else { plan.notes.append(cells[0]) }
            } else if !cells.isEmpty {
                plan.notes.append(cells.joined(separator: " | "))
                unclassifiedCell(t.number, ri + 1, 1, cells[0], "строка таблицы в конце записана в «примечания»", "a table row at the end written to «примечания»")
            }
        }
    }

    static func signatureName(_ s: String) -> String {
        s.replacingOccurrences(of: "_", with: " ").trimmingCharacters(in: CharacterSet(charactersIn: "/ \t\n"))
            .replacingOccurrences(of: "\n", with: " ")
    }

    /// «Руководитель РМО ________ Н.А. Леонтьева», «Руководитель РМО<tab>Н.А. Леонтьева».
    static func signature(_ s: String) -> ImportedPlan.Signature? {
        if let r = s.range(of: "__") {
            let position = s[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
            guard !position.isEmpty, position.count <= 120 else { return nil }
            let name = signatureName(String(s[r.lowerBound...]))
            return .init(position: position, name: name.isEmpty ? nil : name)
        }
        if let tab = s.lastIndex(of: "\t") {
            let position = s[..<tab].trimmingCharacters(in: .whitespaces)
            let name = signatureName(String(s[s.index(after: tab)...]))
            if !position.isEmpty, Typed.isName(name) { return .init(position: position, name: name) }
        }
        return nil
    }

    /// Paragraphs after the table: signatures (a line with the name, or positions then names), the rest notes.
    mutating func flushEnding(_ ps: inout [Paragraph]) {
        defer { ps = [] }
        var k = 0
        while k < ps.count {
            let text = ps[k].text.trimmingCharacters(in: .whitespacesAndNewlines)
            if let s = Classifier.signature(text) { plan.signatures.append(s); k += 1; continue }
            // Positions, then as many names: «Руководитель ММО», «Методист», «Никитенко Т.Г.», «Леонтьева Э.В.».
            var positions: [String] = []
            var m = k
            while m < ps.count, !Typed.isName(ps[m].text.trimmingCharacters(in: .whitespaces)), ps[m].text.count <= 80, Classifier.signature(ps[m].text) == nil {
                positions.append(ps[m].text.trimmingCharacters(in: .whitespacesAndNewlines)); m += 1
            }
            var names: [String] = []
            var q = m
            while q < ps.count, Typed.isName(ps[q].text.trimmingCharacters(in: .whitespaces)) { names.append(ps[q].text.trimmingCharacters(in: .whitespaces)); q += 1 }
            if !positions.isEmpty, positions.count == names.count {
                for (p, n) in zip(positions, names) { plan.signatures.append(.init(position: p, name: n)) }
                k = q
                continue
            }
            if positions.isEmpty, !names.isEmpty {
                for n in names { plan.signatures.append(.init(position: "", name: n)) }
                k = q
                continue
            }
            plan.notes.append(Classifier.trimmed(ps[k].text))
            k += 1
        }
    }
}
