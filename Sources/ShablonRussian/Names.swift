import Foundation

extension RussianFormat {
    /// Инициалы: "Леонтьева Наталья Александровна" -> "Н.А.\u{00A0}Леонтьева" (surnameLast) or "Леонтьева\u{00A0}Н.А.".
    public static func initials(_ fullName: String, surnameLast: Bool) -> String {
        var words: [String] = []
        for word in fullName.split(whereSeparator: { $0.isWhitespace }).map(String.init) {
            // "Н.А.Леонтьева" written without a space: split off the surname.
            if let dot = word.lastIndex(of: "."), word.index(after: dot) != word.endIndex {
                let head = String(word[...dot]), tail = String(word[word.index(after: dot)...])
                if isInitials(head) && !isInitials(tail) { words += [head, tail]; continue }
            }
            words.append(word)
        }
        words.removeAll { !$0.contains(where: \.isLetter) }
        guard words.count > 1 else {
            return words.count == 1 ? words[0] : fullName.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        // The surname is the first word, unless the name opens with initials ("Н.А. Леонтьева").
        let surnameIndex = isInitials(words[0]) ? words.lastIndex { !isInitials($0) } : 0
        guard let surnameIndex else { return words.joined(separator: " ") }
        var letters = ""
        for (i, word) in words.enumerated() where i != surnameIndex {
            if particles.contains(word.lowercased()) { continue }
            letters += initialsOf(word)
        }
        let surname = words[surnameIndex]
        if letters.isEmpty { return surname }
        return surnameLast ? letters + "\u{00A0}" + surname : surname + "\u{00A0}" + letters
    }

    /// Upper-cases the first letter only, skipping leading quotes, spaces and punctuation: "«рмо»" -> "«Рмо»".
    public static func capitalize(_ text: String) -> String {
        guard let index = text.firstIndex(where: { $0.isLetter || $0.isNumber }), text[index].isLetter else { return text }
        return text[..<index] + text[index].uppercased() + text[text.index(after: index)...]
    }

    /// Patronymic particles that get no initial: «Мамедов Рашид Ильхам оглы» -> «Р.И. Мамедов».
    private static let particles: Set<String> = ["оглы", "кызы", "улы", "уулу"]

    /// The letter runs of a word ("Анна-Мария" -> ["Анна", "-", "Мария"]), with a "-" marker between runs joined by a hyphen.
    private static func letterRuns(_ word: String) -> [String] {
        var runs: [String] = []
        var current = ""
        var hyphen = false
        for c in word {
            if c.isLetter {
                if current.isEmpty && hyphen && !runs.isEmpty { runs.append("-") }
                current.append(c); hyphen = false
            } else {
                if !current.isEmpty { runs.append(current); current = "" }
                if c == "-" || c == "\u{2010}" || c == "\u{2011}" { hyphen = true }
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// True for words like "Н.", "Н.А.", "А.-М." or "Н": letters only one at a time.
    private static func isInitials(_ word: String) -> Bool {
        let runs = letterRuns(word).filter { $0 != "-" }
        return !runs.isEmpty && runs.allSatisfy { $0.count == 1 }
    }

    /// "Наталья" -> "Н.", "Анна-Мария" -> "А.-М.", "Н.А." -> "Н.А.".
    private static func initialsOf(_ word: String) -> String {
        letterRuns(word).map { $0 == "-" ? "-" : $0.prefix(1).uppercased() + "." }.joined()
    }
}
