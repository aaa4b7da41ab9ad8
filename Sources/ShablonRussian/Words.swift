import Foundation

extension RussianFormat {
    /// Integer in words, nominative: 21 -> "двадцать один", 0 -> "ноль"; nil for fractions or beyond 999 триллионов.
    public static func words(_ value: Decimal, gender: Gender = .masculine) -> String? {
        guard let d = DecimalDigits(value), d.fraction.isEmpty else { return nil }
        return integerWords(d, gender: gender)
    }

    /// Sum in words: 1234.5 -> "одна тысяча двести тридцать четыре рубля 50 копеек"; nil when out of range.
    public static func rubles(_ value: Decimal) -> String? {
        guard let d = DecimalDigits(value)?.rounded(to: 2) else { return nil }
        var whole = d
        whole.fraction = ""
        whole.negative = false
        guard let rubles = integerWords(whole, gender: .masculine) else { return nil }
        return (d.negative ? "минус " : "") + rubles + " " + form(d.integer, "рубль", "рубля", "рублей")
            + " " + d.fraction + " " + form(d.fraction, "копейка", "копейки", "копеек")
    }

    /// Words for an integer of at most 15 digits, with "минус" for negatives.
    static func integerWords(_ d: DecimalDigits, gender: Gender) -> String? {
        guard d.integer.count <= 15 else { return nil }
        if d.integer == "0" { return "ноль" }
        let digits = d.integer.compactMap(\.wholeNumberValue)
        var triples: [Int] = []  // least significant first
        var end = digits.count
        while end > 0 {
            let start = max(0, end - 3)
            triples.append(digits[start..<end].reduce(0) { $0 * 10 + $1 })
            end = start
        }
        var words: [String] = d.negative ? ["минус"] : []
        for (scale, triple) in triples.enumerated().reversed() where triple > 0 {
            if scale == 0 {
                words += tripleWords(triple, gender: gender)
            } else {
                let (one, few, many, scaleGender) = scales[scale - 1]
                words += tripleWords(triple, gender: scaleGender)
                words.append(form(String(triple), one, few, many))
            }
        }
        return words.joined(separator: " ")
    }

    private static let scales: [(String, String, String, Gender)] = [
        ("тысяча", "тысячи", "тысяч", .feminine),
        ("миллион", "миллиона", "миллионов", .masculine),
        ("миллиард", "миллиарда", "миллиардов", .masculine),
        ("триллион", "триллиона", "триллионов", .masculine),
    ]
    private static let hundreds = ["", "сто", "двести", "триста", "четыреста", "пятьсот", "шестьсот", "семьсот", "восемьсот", "девятьсот"]
    private static let tens = ["", "", "двадцать", "тридцать", "сорок", "пятьдесят", "шестьдесят", "семьдесят", "восемьдесят", "девяносто"]
    private static let teens = ["десять", "одиннадцать", "двенадцать", "тринадцать", "четырнадцать", "пятнадцать", "шестнадцать", "семнадцать", "восемнадцать", "девятнадцать"]
    private static let units = ["", "один", "два", "три", "четыре", "пять", "шесть", "семь", "восемь", "девять"]

    /// Words for 1…999 in the given gender.
    private static func tripleWords(_ n: Int, gender: Gender) -> [String] {
        var words: [String] = []
        if n / 100 > 0 { words.append(hundreds[n / 100]) }
        let rest = n % 100
        if (10...19).contains(rest) { return words + [teens[rest - 10]] }
        if rest / 10 > 0 { words.append(tens[rest / 10]) }
        switch (rest % 10, gender) {
        case (0, _): break
        case (1, .feminine): words.append("одна")
        case (1, .neuter): words.append("одно")
        case (2, .feminine): words.append("две")
        case (let u, _): words.append(units[u])
        }
        return words
    }
}
