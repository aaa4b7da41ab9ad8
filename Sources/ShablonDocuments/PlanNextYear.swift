import Foundation

/// `shablon next-year`: the plan file moved on to the next academic year by targeted edits of its
/// text, so that comments, order and the way people wrote things stay as they were.
///
/// - Every year in the text moves on: school years in any spelling («2024/2025», «2024-25»,
///   «2024 - 2025»), a road map's `годы`, «2025 г.», a bare `год: 2024`.
/// - An exact date (`2024-10-17`, «17.10.2024», and in `сроки` a date without its year, «19.09.»,
///   whose year the school year tells) moves to the same weekday of the next year: the one nearest the
///   same calendar date, which is always 52 weeks (364 days) later — the date comes one or two days
///   earlier. So moving twice is the same as moving two years on.
/// - The approval date and the protocol's date and number are cleared for the new signature.
/// - Outcomes of the past year are dropped: the cells of a column «отметка о выполнении» / «итоги»
///   and a top-level `итоги`.
/// Comment lines are left as they are.
public struct PlanNextYear: Sendable {
    /// One edit, for the report: the line number (1-based, in the original) and the text before and after.
    public struct Change: Sendable, Equatable {
        public var line: Int
        public var before: String
        public var after: String?
    }

    public var text: String
    public var changes: [Change] = []
    /// What a person should look at (anniversaries, dates that could not be moved …), in Russian.
    public var notes: [String] = []

    /// Moves `text` (a plan in YAML) on by `years` years.
    public static func roll(_ text: String, years: Int = 1) -> PlanNextYear {
        var r = PlanNextYear(text: text)
        r.run(years: years)
        return r
    }

    nonisolated(unsafe) private static let keyLine = /^(\s*)(?:-\s+)?([^\s#:'"][^:#]*?):(?:\s+(.*))?$/

    private mutating func run(years n: Int) {
        let lines = text.components(separatedBy: "\n")
        let firstYear = Self.schoolYearStart(lines)
        var out: [String] = []
        var stack: [(indent: Int, key: String)] = []
        var blockIndent: Int?    // inside a `|`/`>` block scalar deeper than this
        var dropIndent: Int?     // dropping a key's block deeper than this
        var noteAnniversary = false, noteUndated = false
        var protocolAt: (index: Int, pad: String)?   // where a protocol given by date and number stood
        for (i, line) in lines.enumerated() {
            let indent = line.prefix { $0 == " " }.count
            let blank = line.trimmingCharacters(in: .whitespaces).isEmpty
            if let d = dropIndent {
                if blank || indent > d { changes.append(Change(line: i + 1, before: line, after: nil)); continue }
                dropIndent = nil
            }
            if let b = blockIndent, blank || indent > b {
                out.append(shifted(line, i, years: n, undatedYear: nil, &noteAnniversary, &noteUndated))
                continue
            }
            blockIndent = nil
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("#") || blank { out.append(line); continue }
            guard let m = try? Self.keyLine.wholeMatch(in: line) else {
                out.append(shifted(line, i, years: n, undatedYear: nil, &noteAnniversary, &noteUndated))
                continue
            }
            let keyIndent = line.distance(from: line.startIndex, to: m.2.startIndex)
            let key = String(m.2).trimmingCharacters(in: .whitespaces)
            while let last = stack.last, last.indent >= keyIndent { stack.removeLast() }
            let parent = stack.last?.key
            stack.append((keyIndent, key))
            let value = m.3.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
            if ["|", "|-", "|+", ">", ">-", ">+"].contains(value) { blockIndent = keyIndent }
            let pad = String(repeating: " ", count: keyIndent)
            switch (parent, key) {
            case ("утверждение", "дата"):
                // The approval is signed anew: the blank «___» ______ 20__ г. with the new year.
                let y = Self.firstInt(value).map { String($0 + n) }
                let new = y.map { pad + "год: " + $0 } 
                changes.append(Change(line: i + 1, before: line, after: new))
                if let new { out.append(new) }
                continue
            case ("рассмотрено", "протокол_дата"), ("рассмотрено", "протокол_номер"):
                changes.append(Change(line: i + 1, before: line, after: nil))
                if protocolAt == nil { protocolAt = (out.count, pad) }
                continue
            case ("рассмотрено", "протокол"):
                let new = pad + "протокол: " + Self.blankProtocol(value, years: n)
                changes.append(Change(line: i + 1, before: line, after: new))
                out.append(new)
                continue
            case (nil, "итоги"):
                changes.append(Change(line: i + 1, before: line, after: nil))
                dropIndent = keyIndent
                continue
            default:
                break
            }
            if stack.count > 1, Self.isOutcome(key) && stack.contains(where: { $0.key == "мероприятия" }) {
                changes.append(Change(line: i + 1, before: line, after: nil))
                dropIndent = keyIndent
                continue
            }
            // A bare number under another key (`всего: 2074`) is a count, not a year.
            if value.range(of: #"^\d{4}$"#, options: .regularExpression) != nil && !key.lowercased().contains("год") {
                out.append(line)
                continue
            }
            out.append(shifted(line, i, years: n, undatedYear: key == "сроки" ? firstYear : nil, &noteAnniversary, &noteUndated))
        }
        // A protocol given by date and number gets a blank line to fill in, as the approval does.
        if let (at, pad) = protocolAt {
            let year = firstYear.map { String($0 + n) } ?? "20__"
            out.insert(pad + "протокол: \"протокол от «___» ____________ \(year) г. № ___\"", at: at)
        }
        text = out.joined(separator: "\n")
        notes.append("Гриф «УТВЕРЖДАЮ» и протокол «РАССМОТРЕНО» очищены: их подпишут заново.")
        if noteAnniversary { notes.append("В тексте есть юбилеи и годовщины («…-летию») — их числа не меняются сами: проверьте, о какой дате речь в новом году.") }
        if noteUndated { notes.append("Даты без года в «сроки» не сдвинуты: в файле нет учебного года, по которому понятен их год.") }
        notes.append("Даты мероприятий сдвинуты на тот же день недели (на 52 недели вперёд): проверьте праздники и каникулы нового года.")
    }

    /// A line with its years and dates moved on; the edit is recorded.
    private mutating func shifted(_ line: String, _ i: Int, years n: Int, undatedYear: Int?, _ anniversary: inout Bool, _ undated: inout Bool) -> String {
        // An inline comment stays as it is.
        var body = line, comment = ""
        if let r = line.range(of: " #"), !line[..<r.lowerBound].contains("\""), !line[..<r.lowerBound].contains("'") {
            body = String(line[..<r.lowerBound]); comment = String(line[r.lowerBound...])
        }
        if body.range(of: #"\d+\s*-?\s*лети[еюя]|юбиле"#, options: .regularExpression) != nil { anniversary = true }
        // One pass, so that nothing moves twice: ISO dates, «dd.mm.yyyy», school years with a two-digit
        // second year («2024/25»), then any year.
        var new = Self.replace(body, Self.dated) { g in
            func int(_ k: Int) -> Int? { g[k].flatMap { Int($0) } }
            if let y = int(1), let mo = int(2), let d = int(3) {
                return Self.weeksLater(y, mo, d, n).map { String(format: "%04d-%02d-%02d", $0.0, $0.1, $0.2) }
            } else if let d = int(4), let mo = int(5), let y = int(6) {
                return Self.weeksLater(y, mo, d, n).map { Self.pad($0.2, like: g[4]!) + "." + Self.pad($0.1, like: g[5]!) + "." + String($0.0) }
            } else if let a = int(7), let b = int(9) {
                return (a + 1) % 100 == b ? String(a + n) + g[8]! + String(format: "%02d", (b + n) % 100) : String(a + n) + g[8]! + g[9]!
            } else if let y = int(10) {
                return String(y + n)
            }
            return nil
        }
        if let first = undatedYear {
            new = Self.replace(new, Self.undated) { g in
                guard let d = g[1].flatMap({ Int($0) }), let mo = g[2].flatMap({ Int($0) }), (1...12).contains(mo) else { return nil }
                let y = mo >= 8 ? first : first + 1
                return Self.weeksLater(y, mo, d, n).map { Self.pad($0.2, like: g[1]!) + "." + Self.pad($0.1, like: g[2]!) + (g[0]!.hasSuffix(".") ? "." : "") }
            }
        } else if line.contains("сроки:"), Self.undated.firstMatch(in: new, range: NSRange(new.startIndex..., in: new)) != nil {
            undated = true
        }
        let result = new + comment
        if result != line { changes.append(Change(line: i + 1, before: line, after: result)) }
        return result
    }

    nonisolated(unsafe) private static let dated = try! NSRegularExpression(pattern:
        #"(?<![\d.])(\d{4})-(\d{2})-(\d{2})(?!\d)|(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)|(?<![\d.])(\d{4})(\s*[-‐‑‒–—―/]\s*)(\d{2})(?!\d)|(?<![\d.])(19[5-9]\d|20\d\d)(?!\d)"#)
    /// A date without its year: «19.09.», «5.10».
    nonisolated(unsafe) private static let undated = try! NSRegularExpression(pattern: #"(?<![\d.])(\d{1,2})\.(\d{1,2})\.?(?!\d|\.)"#)

    /// Replaces each match by what `f` makes of its groups (group 0 the whole match); nil keeps it.
    static func replace(_ s: String, _ re: NSRegularExpression, _ f: ([String?]) -> String?) -> String {
        let ns = s as NSString
        var out = "", at = 0
        for m in re.matches(in: s, range: NSRange(location: 0, length: ns.length)) {
            out += ns.substring(with: NSRange(location: at, length: m.range.location - at))
            let groups = (0..<m.numberOfRanges).map { k -> String? in
                let r = m.range(at: k)
                return r.location == NSNotFound ? nil : ns.substring(with: r)
            }
            out += f(groups) ?? groups[0]!
            at = m.range.location + m.range.length
        }
        return out + ns.substring(from: at)
    }

    private static func pad(_ v: Int, like s: String) -> String { s.count == 2 && v < 10 ? "0\(v)" : String(v) }

    /// The date `52 × years` weeks later (the same weekday nearest the same date `years` on).
    static func weeksLater(_ y: Int, _ m: Int, _ d: Int, _ years: Int) -> (Int, Int, Int)? {
        var c = DateComponents(); c.year = y; c.month = m; c.day = d
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        guard (1...12).contains(m), (1...31).contains(d), let date = cal.date(from: c),
              cal.component(.day, from: date) == d, let later = cal.date(byAdding: .day, value: 364 * years, to: date) else { return nil }
        let r = cal.dateComponents([.year, .month, .day], from: later)
        return (r.year!, r.month!, r.day!)
    }

    private static func firstInt(_ s: String) -> Int? {
        s.firstMatch(of: /(\d{4})/).flatMap { Int($0.1) }
    }

    /// The first year of the file's `учебный_год`.
    static func schoolYearStart(_ lines: [String]) -> Int? {
        for l in lines where l.hasPrefix("учебный_год:") {
            return Plan.schoolYearParts(String(l.dropFirst("учебный_год:".count)).trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))).map(\.0)
        }
        return nil
    }

    /// «Протокол № 1 от 29.08.2024 г.» → «Протокол № ___ от «___» ____________ 2025 г.»: the number and the date blank.
    static func blankProtocol(_ value: String, years n: Int) -> String {
        var v = value
        v = v.replacing(/№\s*\d+[а-яА-Я]?/) { _ in "№ ___" }
        v = v.replacing(/\b\d{1,2}\.\d{1,2}\.(\d{4})\b/) { m in "«___» ____________ " + String((Int(m.1) ?? 0) + n) }
        return v
    }

    /// A column of outcomes: «отметка (о выполнении)», «выполнено», «итоги».
    static func isOutcome(_ key: String) -> Bool {
        let k = key.lowercased()
        return k.hasPrefix("отметк") || k.hasPrefix("выполн") || k.hasPrefix("итог")
    }
}
