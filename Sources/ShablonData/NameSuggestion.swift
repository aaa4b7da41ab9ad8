/// «Возможно, имелось в виду …»: the known name nearest to a misspelt one, for messages of every layer.
public enum NameSuggestion {
    /// The name at the smallest edit distance (case-insensitive; a swap of neighbours is one edit) from `word`, when it is
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

    /// Edit distance where a swap of two neighbouring letters («plna» for «plan») is one edit, like an
    /// insertion, a deletion or a change (optimal string alignment).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
