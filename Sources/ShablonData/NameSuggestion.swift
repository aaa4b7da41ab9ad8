/// «Возможно, имелось в виду …»: the known name nearest to a misspelt one, for messages of every layer.
public enum NameSuggestion {
    /// The name at the smallest edit distance (Levenshtein, case-insensitive) from `word`, when it is
    /// close enough to be a typo: at most 1 edit for short words, 2 for words of six letters or more.
    public static func nearest(_ word: String, in names: [String]) -> String? {
        let w = Array(word.lowercased())
        let limit = max(1, min(2, w.count / 3))
        var best: (name: String, distance: Int)?
        for name in names {
            let d = distance(w, Array(name.lowercased()))
            if d > 0, d <= limit, d < (best?.distance ?? .max) { best = (name, d) }
        }
        return best?.name
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var prev = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var cur = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                cur[j + 1] = min(prev[j + 1] + 1, cur[j] + 1, prev[j] + (ca == cb ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }
}
