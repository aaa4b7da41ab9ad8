/// Russian typography for text printed into official documents (quotes, dashes and non-breaking spaces
/// as ГОСТ Р 7.0.97 documents print them): data is kept as people type it and normalised only when it
/// is printed.
///
/// `Typography.apply` changes only quotes, dashes and spaces, and only where it is sure:
///
/// - **Quotes.** Straight `"` become «ёлочки», and „лапки“ inside them; already typed «…», „…“ and
///   “…” take the form of their nesting level («a «b»» → «a „b“»). Whether a straight quote opens or
///   closes is read from its neighbours (after a space, a bracket or a dash it opens; after a letter,
///   a digit or punctuation, before a space or punctuation, it closes). A line whose quotes are not
///   all decided and balanced keeps every quote as typed.
/// - **Dashes.** A hyphen, `--` or en dash with spaces around it between words becomes an em dash with
///   U+00A0 before it («Библиотека - центр» → «Библиотека — центр»); not at a line start, after «:» or
///   «;» (typed list dashes), between two numbers (a range or a minus: unsure), nor in a compound adjective typed with
///   spaces («организационно - методическая», where a dash is as wrong). A hyphen or en dash between two
///   whole numbers, the first smaller, becomes an en dash without spaces («2023 - 2024», «1-4» →
///   «2023–2024», «1–4»); not in dates, codes or chains («2024-09-05», «8-800-555»), not after «№».
/// - **Number markers.** A missing space after a typed item number at the start of a line is added
///   («1.Доклад» → «1. Доклад»; «1.1.Доклад» too); «1.1», «01.09.2024», «2.5» stay.
/// - **Non-breaking spaces** (U+00A0) replace the spaces after «№» and «§»; after «г.», «п.», «с.»,
///   «д.», «ул.» before a name or number («г. Белоярский», «п. Сосновка», «СОШ № 1 г. Белоярский»; not
///   after a year: «2024 г. в школе»; not in «т. д.», «т. п.»); between a number and its
///   unit («2024 г.», «2023–2024 гг.», «2 ч», «15 мин», «100 руб.», «50 коп.», «5 тыс.», «1,5 млн руб.»,
///   «30 экз.», «10 шт.», «5–9 кл.», «25 чел.», «100 %»); between initials and the surname
///   («Н.А. Леонтьева», «Леонтьева Н.А.»; in «Труханова С.С. Мустафина О.Р.» each surname keeps its own).
///   «100%» becomes «100 %» (the form the documents use), and «№5» after a space gets its space; no
///   other space is inserted.
///
/// Text inside quotes (names: ООО «БИНОМ. Лаборатория знаний») stays as typed apart from its nested
/// quotes. Letters and digits never change, and applying the function twice gives what applying it
/// once gave.
public enum Typography {
    /// The text with Russian typography applied (see the type's documentation for the rules).
    public static func apply(_ text: String) -> String {
        guard text.contains(where: { interesting.contains($0) || $0.isNumber }) else { return text }
        var c = Array(text)
        c = numberMarkers(c)
        c = quotes(c)
        c = dashes(c)
        c = spaces(c)
        return String(c)
    }

    // MARK: Characters

    /// Characters some rule starts from (besides digits); text without any is returned at once.
    private static let interesting: Set<Character> = ["\"", "«", "»", "„", "“", "”", "-", "–", "—", "№", "§", "."]
    private static let quoteCharacters: Set<Character> = ["\"", "«", "»", "„", "“", "”"]
    private static let dashCharacters: Set<Character> = ["-", "–", "—"]
    /// What may stand right before an opening quote besides a space.
    private static let beforeOpening: Set<Character> = ["(", "[", "{", "-", "–", "—", "/"]
    /// What may stand right after a closing quote besides a space.
    private static let afterClosing: Set<Character> = [".", ",", ";", ":", "!", "?", ")", "]", "}", "…", "-", "–", "—", "/"]
    private static let nonBreaking: Character = "\u{A0}"

    /// A space within a line: ordinary, no-break, narrow no-break, thin.
    static func isInlineSpace(_ c: Character) -> Bool {
        c == " " || c == "\u{A0}" || c == "\u{202F}" || c == "\u{2009}"
    }

    private static func isSpace(_ c: Character) -> Bool { c.isWhitespace }
    private static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isWholeNumber }
    private static func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber }
    private static func isNonBreaking(_ c: Character) -> Bool { c == "\u{A0}" || c == "\u{202F}" }

    /// A replacement of `range` of the characters by `text`.
    private struct Edit {
        var range: Range<Int>
        var text: [Character]
    }

    /// Collects edits in order, dropping one that overlaps an edit already taken.
    private struct Edits {
        var list: [Edit] = []

        mutating func add(_ range: Range<Int>, _ text: [Character]) {
            // Edits come nearly in order: find the place by binary search, check the neighbours.
            var lo = 0, hi = list.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if list[mid].range.lowerBound <= range.lowerBound { lo = mid + 1 } else { hi = mid }
            }
            func overlaps(_ other: Range<Int>) -> Bool {
                other.lowerBound == range.lowerBound || range.isEmpty && other.contains(range.lowerBound)
                    || other.isEmpty && range.contains(other.lowerBound)
                    || max(other.lowerBound, range.lowerBound) < min(other.upperBound, range.upperBound)
            }
            if lo > 0 && overlaps(list[lo - 1].range) { return }
            if lo < list.count && overlaps(list[lo].range) { return }
            list.insert(Edit(range: range, text: text), at: lo)
        }

        /// Replaces a run of spaces by one U+00A0 unless every space in it already is non-breaking.
        mutating func bind(_ range: Range<Int>, in c: [Character]) {
            guard !range.isEmpty, !c[range].allSatisfy(isNonBreaking) else { return }
            add(range, [nonBreaking])
        }

        func applied(to c: [Character]) -> [Character] {
            guard !list.isEmpty else { return c }
            var out: [Character] = []
            out.reserveCapacity(c.count + list.count)
            var i = 0
            for e in list {
                out.append(contentsOf: c[i..<e.range.lowerBound])
                out.append(contentsOf: e.text)
                i = e.range.upperBound
            }
            out.append(contentsOf: c[i...])
            return out
        }
    }

    /// The lines of the text as index ranges (the newline characters between them excluded).
    private static func lines(_ c: [Character]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for (i, ch) in c.enumerated() where ch.isNewline {
            result.append(start..<i)
            start = i + 1
        }
        result.append(start..<c.count)
        return result
    }

    /// The end of the run of inline spaces starting at `i`.
    private static func spacesForward(_ c: [Character], from i: Int) -> Int {
        var j = i
        while j < c.count && isInlineSpace(c[j]) { j += 1 }
        return j
    }

    /// The start of the run of inline spaces ending just before `i`.
    private static func spacesBackward(_ c: [Character], before i: Int) -> Int {
        var j = i
        while j > 0 && isInlineSpace(c[j - 1]) { j -= 1 }
        return j
    }

    // MARK: Number markers

    /// «1.Доклад» → «1. Доклад» at the start of a line.
    static func numberMarkers(_ c: [Character]) -> [Character] {
        var edits = Edits()
        for line in lines(c) {
            var j = line.lowerBound
            while j < line.upperBound && (isInlineSpace(c[j]) || c[j] == "\t") { j += 1 }
            if let end = markerEnd(c, from: j, to: line.upperBound) { edits.add(end..<end, [" "]) }
        }
        return edits.applied(to: c)
    }

    /// Where a marker such as `1.` or `1.2.` that a word follows without a space ends.
    private static func markerEnd(_ c: [Character], from start: Int, to limit: Int) -> Int? {
        var k = start
        while true {
            let s = k
            while k < limit && isDigit(c[k]) && k - s < 3 { k += 1 }
            guard (1...2).contains(k - s), k < limit, c[k] == "." else { return nil }
            k += 1
            if k < limit && isDigit(c[k]) { continue }
            break
        }
        guard k + 1 < limit, c[k].isLetter, c[k + 1].isLetter else { return nil }
        return k
    }

    // MARK: Quotes

    private enum Role { case open, close }

    static func quotes(_ c: [Character]) -> [Character] {
        var out = c
        for line in lines(c) {
            guard let pairs = quotePairs(c, line) else { continue }
            for p in pairs {
                out[p.open] = p.level == 0 ? "«" : "„"
                out[p.close] = p.level == 0 ? "»" : "“"
            }
        }
        return out
    }

    private struct QuotePair {
        var open: Int
        var close: Int
        var level: Int
    }

    /// The quotes of a line paired with their nesting levels, or nil where the line's quotes are not
    /// all decided and balanced (or would read differently once converted).
    private static func quotePairs(_ c: [Character], _ line: Range<Int>) -> [QuotePair]? {
        let indices = line.filter { quoteCharacters.contains(c[$0]) }
        guard !indices.isEmpty, let roles = roles(c, line, indices), let pairs = pair(c, indices, roles) else { return nil }
        // Converted, the line must read the same: the roles of its quotes decide the pairs.
        var converted = c
        for p in pairs {
            converted[p.open] = p.level == 0 ? "«" : "„"
            converted[p.close] = p.level == 0 ? "»" : "“"
        }
        guard let again = self.roles(converted, line, indices), again == roles else { return nil }
        return pairs
    }

    /// Whether each quote opens or closes; nil if any is undecided.
    private static func roles(_ c: [Character], _ line: Range<Int>, _ indices: [Int]) -> [Role]? {
        var roles: [Role] = []
        var roleAt: [Int: Role] = [:]
        for i in indices {
            let role: Role?
            switch c[i] {
            case "«", "„": role = .open
            case "»": role = .close
            default: role = contextRole(c, line, i, roleAt)
            }
            guard let role else { return nil }
            roles.append(role)
            roleAt[i] = role
        }
        return roles
    }

    /// A straight quote's (or “ ”'s) role from its neighbours.
    private static func contextRole(_ c: [Character], _ line: Range<Int>, _ i: Int, _ roleAt: [Int: Role]) -> Role? {
        let prev: Character? = i > line.lowerBound ? c[i - 1] : nil
        let next: Character? = i + 1 < line.upperBound ? c[i + 1] : nil
        let prevRole = i > line.lowerBound ? roleAt[i - 1] : nil
        let opensAfter = prev.map { isSpace($0) || beforeOpening.contains($0) || prevRole == .open } ?? true
        let nextIsText = next.map { !isSpace($0) && !afterClosing.contains($0) && $0 != "»" && $0 != "”" } ?? false
        let nextEnds = next.map { isSpace($0) || afterClosing.contains($0) || quoteCharacters.contains($0) } ?? true
        if opensAfter && nextIsText { return .open }
        if !opensAfter && nextEnds { return .close }
        // «тема:"Книги"», «слово,"…"»: punctuation before a quote that a word follows.
        if let p = prev, [",", ";", ":"].contains(p), let n = next, isWord(n) { return .open }
        return nil
    }

    /// Pairs openers with closers; nil if unbalanced or a pair mixes kinds that do not go together.
    private static func pair(_ c: [Character], _ indices: [Int], _ roles: [Role]) -> [QuotePair]? {
        var stack: [Int] = []
        var pairs: [QuotePair] = []
        for (i, role) in zip(indices, roles) {
            if role == .open { stack.append(i); continue }
            guard let o = stack.popLast(), compatible(c[o], c[i]) else { return nil }
            pairs.append(QuotePair(open: o, close: i, level: stack.count))
        }
        return stack.isEmpty ? pairs : nil
    }

    private static func compatible(_ open: Character, _ close: Character) -> Bool {
        switch (open, close) {
        case ("\"", _): return close != "«" && close != "„"
        case ("«", "»"), ("«", "\""): return true
        case ("„", "“"), ("„", "”"), ("„", "\""): return true
        case ("“", "”"), ("“", "\""): return true
        default: return false
        }
    }

    /// Which characters are inside quotes: between the quotes of each outermost pair, or, on a line
    /// whose quotes do not pair, from its first quote to its last. Other rules leave them as typed.
    static func quoted(_ c: [Character]) -> [Bool] {
        var inside = [Bool](repeating: false, count: c.count)
        for line in lines(c) {
            let indices = line.filter { quoteCharacters.contains(c[$0]) }
            guard let first = indices.first, let last = indices.last else { continue }
            if let roles = roles(c, line, indices), let pairs = pair(c, indices, roles) {
                for p in pairs where p.level == 0 { for k in p.open + 1 ..< p.close { inside[k] = true } }
            } else {
                for k in first...last { inside[k] = true }
            }
        }
        return inside
    }

    // MARK: Dashes

    static func dashes(_ c: [Character]) -> [Character] {
        let inside = quoted(c)
        var edits = Edits()
        var i = 0
        while i < c.count {
            guard dashCharacters.contains(c[i]), !inside[i] else { i += 1; continue }
            var length = 1
            if c[i] == "-" {
                var j = i
                while j < c.count && c[j] == "-" { j += 1 }
                length = j - i
                if length > 2 { i = j; continue }
            }
            let group = i..<(i + length)
            i += length
            if let range = numberRange(c, group), !range.contains(where: { inside[$0] }) {
                edits.add(range, ["–"])
            } else if let range = wordDash(c, group), !range.contains(where: { inside[$0] }) {
                // An em dash already bound («слово\u{A0}— слово») is left alone.
                let left = c[range.lowerBound..<group.lowerBound].allSatisfy(isNonBreaking)
                    ? Array(c[range.lowerBound..<group.lowerBound]) : [nonBreaking]
                edits.add(range, left + ["—"])
            }
        }
        return edits.applied(to: c)
    }

    /// A whole number such as `2024` or `4` (1 to 4 digits, no leading zero) ending before `end`:
    /// its start and value.
    private static func number(endingAt end: Int, _ c: [Character]) -> (start: Int, value: Int)? {
        var s = end
        while s > 0 && isDigit(c[s - 1]) { s -= 1 }
        return wholeNumber(c, s..<end).map { (s, $0) }
    }

    private static func number(startingAt start: Int, _ c: [Character]) -> (end: Int, value: Int)? {
        var e = start
        while e < c.count && isDigit(c[e]) { e += 1 }
        return wholeNumber(c, start..<e).map { (e, $0) }
    }

    private static func wholeNumber(_ c: [Character], _ r: Range<Int>) -> Int? {
        guard (1...4).contains(r.count), r.count == 1 || c[r.lowerBound] != "0" else { return nil }
        return Int(String(c[r]))
    }

    /// Whether a spaced hyphen or en dash followed by a number starts at `i` («- 5», «– 5»).
    private static func spacedDashThenNumber(_ c: [Character], at i: Int) -> Bool {
        guard i < c.count, c[i] == "-" || c[i] == "–" else { return false }
        var j = i + 1
        while j < c.count && c[j] == "-" { j += 1 }
        let k = spacesForward(c, from: j)
        return k > j && k < c.count && isDigit(c[k])
    }

    /// The characters to replace by an en dash where `group` joins two whole numbers into a range.
    private static func numberRange(_ c: [Character], _ group: Range<Int>) -> Range<Int>? {
        guard c[group.lowerBound] != "—" else { return nil }
        let left = spacesBackward(c, before: group.lowerBound), right = spacesForward(c, from: group.upperBound)
        guard (left == group.lowerBound) == (right == group.upperBound),
              let n = number(endingAt: left, c), let m = number(startingAt: right, c), n.value < m.value else { return nil }
        // Before the first number: a line start, a space or an opening bracket or quote, not «№ 12».
        if n.start > 0 {
            let b = c[n.start - 1]
            guard isSpace(b) || ["(", "[", "«", "„", "“", "\""].contains(b) else { return nil }
            let s = spacesBackward(c, before: n.start)
            if s > 0 && (c[s - 1] == "№" || c[s - 1] == "§") { return nil }
            // «1 - 2 - 3» is a chain, not a range.
            if s > 0 && s < n.start && (c[s - 1] == "-" || c[s - 1] == "–") {
                var d = s - 1
                while d > 0 && c[d - 1] == "-" { d -= 1 }
                let t = spacesBackward(c, before: d)
                if t < d && t > 0 && isDigit(c[t - 1]) { return nil }
            }
        }
        // After the second: a line end, a space or closing punctuation; not a decimal, date or chain.
        if m.end < c.count {
            let a = c[m.end]
            let followedByDigit = m.end + 1 < c.count && isDigit(c[m.end + 1])
            if a == "." || a == "," {
                if followedByDigit { return nil }
            } else {
                guard isSpace(a) || [")", "]", "»", "“", "”", "\"", ";", ":", "!", "?", "%", "…"].contains(a) else { return nil }
            }
            let s = spacesForward(c, from: m.end)
            if s > m.end && spacedDashThenNumber(c, at: s) { return nil }
        }
        return left..<right
    }

    /// The left spaces and the dash of a spaced dash between words, or nil.
    private static func wordDash(_ c: [Character], _ group: Range<Int>) -> Range<Int>? {
        let left = spacesBackward(c, before: group.lowerBound)
        guard left < group.lowerBound, left > 0, group.upperBound < c.count else { return nil }
        // The right side: spaces, or a line break («январь –⏎февраль»).
        var right = group.upperBound
        while right < c.count && (isInlineSpace(c[right]) || c[right].isNewline) { right += 1 }
        guard right > group.upperBound, right < c.count else { return nil }
        let l = c[left - 1], r = c[right]
        let leftFits = isWord(l) || ["»", "“", "”", ")", "]", ","].contains(l)
        let rightFits = isWord(r) || ["«", "„", "("].contains(r)
        guard leftFits, rightFits, !(isDigit(l) && isDigit(r)), !isCompoundAdjective(c, leftEnd: left, rightStart: right) else { return nil }
        return left..<group.upperBound
    }

    private static let adjectiveEndings = ["ая", "яя", "ий", "ый", "ой", "ое", "ее", "ые", "ие", "ых", "их", "ую", "юю",
                                           "ого", "его", "ому", "ему", "ым", "им", "ыми", "ими", "ом", "ем"]

    /// «организационно - методическая», «библиотечно – библиографических»: a compound adjective typed
    /// with spaces, where a dash would be as wrong as the spaces; left as typed.
    private static func isCompoundAdjective(_ c: [Character], leftEnd: Int, rightStart: Int) -> Bool {
        var s = leftEnd
        while s > 0 && c[s - 1].isLetter { s -= 1 }
        guard leftEnd - s >= 4, c[leftEnd - 1] == "о" else { return false }
        var e = rightStart
        while e < c.count && c[e].isLetter { e += 1 }
        let word = String(c[rightStart..<e])
        guard word.count >= 4, word.first?.isLowercase == true else { return false }
        return adjectiveEndings.contains { word.hasSuffix($0) }
    }

    // MARK: Spaces

    /// Abbreviations a name or number follows: «г. Белоярский», «п. Сосновка», «ул. Ленина».
    private static let placeAbbreviations: Set<String> = ["г", "п", "с", "д", "ул"]
    /// Units that stay with their number: «2024 г.», «2 ч», «100 руб.».
    private static let units: Set<String> = ["г", "гг", "ч", "мин", "руб", "коп", "тыс", "млн", "млрд", "экз", "шт", "кл", "чел"]

    static func spaces(_ c: [Character]) -> [Character] {
        let inside = quoted(c)
        var edits = Edits()
        func bind(_ r: Range<Int>) {
            guard !r.contains(where: { inside[$0] }) else { return }
            edits.bind(r, in: c)
        }
        func insert(at k: Int) {
            guard !inside[k], k == 0 || !inside[k - 1] else { return }
            edits.add(k..<k, [nonBreaking])
        }
        var i = 0
        while i < c.count {
            let ch = c[i]
            if ch == "№" || ch == "§" {
                let e = spacesForward(c, from: i + 1)
                if e > i + 1, e < c.count, isWord(c[e]) {
                    bind(i + 1..<e)
                } else if e == i + 1, e < c.count, isDigit(c[e]), i == 0 || isSpace(c[i - 1]) || c[i - 1] == "(" {
                    insert(at: e)
                }
            } else if isDigit(ch) && (i + 1 == c.count || !isDigit(c[i + 1])) {
                unitsAfter(c, number: i + 1, bind: bind, insert: insert)
            } else if ch.isLetter && (i == 0 || !isWord(c[i - 1]) && c[i - 1] != ".") {
                if let r = afterAbbreviation(c, at: i) { bind(r) }
                if ch.isUppercase, let rs = initials(c, at: i) { rs.forEach(bind) }
            }
            i += 1
        }
        return edits.applied(to: c)
    }

    /// Binds the units after a number ending before `k` («2024 г.», «1,5 млн руб.», «100 %»).
    private static func unitsAfter(_ c: [Character], number k: Int, bind: (Range<Int>) -> Void, insert: (Int) -> Void) {
        var digits = 0
        while digits < k && isDigit(c[k - 1 - digits]) { digits += 1 }
        var k = k
        while true {
            let e = spacesForward(c, from: k)
            guard e < c.count else { return }
            if c[e] == "%" {
                let after: Character? = e + 1 < c.count ? c[e + 1] : nil
                if e > k { bind(k..<e) } else if after.map({ !$0.isLetter && $0 != "-" }) ?? true { insert(k) }
                return
            }
            guard e > k else { return }
            var w = e
            while w < c.count && c[w].isLetter { w += 1 }
            let unit = String(c[e..<w])
            guard units.contains(unit) else { return }
            // «2024 г.» is a year; «СОШ № 1 г. Белоярский» is a town.
            if unit == "г" || unit == "гг" { guard digits == 4 else { return } }
            digits = 0
            var end = w
            if end < c.count && c[end] == "." { end += 1 }
            guard end == c.count || !isWord(c[end]) else { return }
            bind(k..<e)
            k = end
        }
    }

    /// The spaces after «г.», «п.», «с.», «д.», «ул.» starting at `i` when a name or number follows;
    /// not after a year («2024 г. в школе») nor in «т. д.», «т. п.».
    private static func afterAbbreviation(_ c: [Character], at i: Int) -> Range<Int>? {
        var w = i
        while w < c.count && c[w].isLetter { w += 1 }
        guard w < c.count, c[w] == ".", placeAbbreviations.contains(String(c[i..<w])) else { return nil }
        if i > 0 {
            let b = c[i - 1]
            guard isSpace(b) || ["(", "«", "„", "\"", ","].contains(b) else { return nil }
            let s = spacesBackward(c, before: i)
            if i - s > 0 && s >= 4 && String(c[i..<w]) == "г" && c[(s - 4)..<s].allSatisfy(isDigit)
                && (s == 4 || !isDigit(c[s - 5])) { return nil }
            if s >= 2 && c[s - 1] == "." && c[s - 2] == "т" && (s == 2 || !c[s - 3].isLetter) { return nil }
        }
        let e = spacesForward(c, from: w + 1)
        guard e > w + 1, e < c.count, isWord(c[e]) else { return nil }
        return w + 1..<e
    }

    /// The spaces that join initials starting at `i` to a surname after them («Н.А. Леонтьева») or,
    /// failing that, before them («Леонтьева Н.А.»), with the space inside «Н. А.».
    private static func initials(_ c: [Character], at i: Int) -> [Range<Int>]? {
        guard i + 1 < c.count, c[i + 1] == "." else { return nil }
        var ranges: [Range<Int>] = []
        var end = i + 2
        let s = spacesForward(c, from: end)
        if s + 1 < c.count, c[s].isUppercase, c[s + 1] == ".", s + 2 == c.count || !isWord(c[s + 2]) {
            if s > end { ranges.append(end..<s) }
            end = s + 2
        }
        guard end == c.count || !c[end].isLetter else { return nil }
        let after = spacesForward(c, from: end)
        let before = spacesBackward(c, before: i)
        let surnameBefore = before < i && before > 0 && isSurname(c, endingAt: before)
        // «Труханова С.С. Мустафина О.Р.»: the next surname has initials of its own.
        if after > end, isSurname(c, from: after), !(surnameBefore && hasInitialsAfter(c, surnameAt: after)) {
            return ranges + [end..<after]
        }
        if surnameBefore {
            return ranges + [before..<i]
        }
        return nil
    }

    /// Whether initials follow the word starting at `k` («Мустафина О.Р.»).
    private static func hasInitialsAfter(_ c: [Character], surnameAt k: Int) -> Bool {
        var w = k
        while w < c.count && (c[w].isLetter || c[w] == "-") { w += 1 }
        let s = spacesForward(c, from: w)
        return s > w && s + 1 < c.count && c[s].isUppercase && c[s + 1] == "."
    }

    /// A capitalised word of at least two letters (a hyphen allowed) starts at `k`.
    private static func isSurname(_ c: [Character], from k: Int) -> Bool {
        guard k + 1 < c.count, c[k].isUppercase, c[k + 1].isLowercase else { return false }
        return true
    }

    /// A capitalised word of at least two letters ends just before `k` («Леонтьева», «Римская-Корсакова»).
    private static func isSurname(_ c: [Character], endingAt k: Int) -> Bool {
        var s = k
        while s > 0 && (c[s - 1].isLetter || c[s - 1] == "-") { s -= 1 }
        guard s < k - 1, c[s].isUppercase, c[s + 1].isLowercase else { return false }
        return s == 0 || !isWord(c[s - 1]) && c[s - 1] != "."
    }
}
