import Foundation
import Testing
import ShablonData
import ShablonDocuments

/// VAT contained in an amount, by integer arithmetic in kopecks (an oracle independent of `Decimal`):
/// round half up of n × rate / (100 + rate).
func vatKopecks(_ n: Int, rate: Int = 10) -> Int { (2 * n * rate + 100 + rate) / (2 * (100 + rate)) }

@Suite struct VATRule {
    @Test func theVATOfOneAmountIsRoundedHalfUpToTheKopeck() {
        #expect(IncludedVAT.rounded(Decimal(110), rate: 10) == Decimal(10))
        #expect(IncludedVAT.rounded(Decimal(string: "1000.06")!, rate: 10) == Decimal(string: "90.91")!)  // 90.9145…
        #expect(IncludedVAT.rounded(Decimal(string: "1000.07")!, rate: 10) == Decimal(string: "90.92")!)  // 90.9154…
        #expect(IncludedVAT.rounded(Decimal(string: "0.05")!, rate: 10) == 0)                            // 0.0045…
        #expect(IncludedVAT.rounded(Decimal(string: "0.06")!, rate: 10) == Decimal(string: "0.01")!)     // 0.0054…
        // A rate where halves occur: 20 % of 0.03 is exactly 0.005 → 0.01 (half up, not to even).
        #expect(IncludedVAT.rounded(Decimal(string: "0.03")!, rate: 20) == Decimal(string: "0.01")!)
    }

    @Test func aKopeckShortIsAddedToTheLineRoundedDownMost() {
        // Each line: 90.9145… → 90.91; the total 2000.12 → 181.8290… → 181.83: one kopeck short.
        let split = IncludedVAT.split([Decimal(string: "1000.06")!, Decimal(string: "1000.06")!], rate: 10)
        #expect(split.total == Decimal(string: "181.83")!)
        #expect(split.lines == [Decimal(string: "90.92")!, Decimal(string: "90.91")!])  // equal remainders: the earlier line
        // With different remainders the line rounded down furthest takes the kopeck.
        let other = IncludedVAT.split([Decimal(string: "1000.05")!, Decimal(string: "1000.06")!, Decimal(string: "1000.06")!], rate: 10)
        // 90.9136… → 90.91, 90.9145… → 90.91, 90.9145… → 90.91; total 3000.17 → 272.7427… → 272.74: one kopeck short.
        #expect(other.total == Decimal(string: "272.74")!)
        #expect(other.lines == [Decimal(string: "90.91")!, Decimal(string: "90.92")!, Decimal(string: "90.91")!])
    }

    @Test func aKopeckOverIsTakenFromTheLineRoundedUpMost() {
        // Each line: 90.9154… → 90.92; the total 2000.14 → 181.8309… → 181.83: one kopeck over.
        let split = IncludedVAT.split([Decimal(string: "1000.07")!, Decimal(string: "1000.07")!], rate: 10)
        #expect(split.total == Decimal(string: "181.83")!)
        #expect(split.lines == [Decimal(string: "90.91")!, Decimal(string: "90.92")!])
    }

    @Test func linesThatAgreeAreLeftAsRounded() {
        let split = IncludedVAT.split([Decimal(110), Decimal(220), Decimal(string: "33.33")!], rate: 10)
        #expect(split.lines == [10, 20, Decimal(string: "3.03")!])
        #expect(split.total == Decimal(string: "33.03")!)
    }

    @Test func withoutVATThereIsNoVATColumnOrTotal() throws {
        let order = TextbookOrder(lines: [OrderLine(school: "СОШ", fpuNumber: "1.1", title: "Т", publisher: "П", quantity: 3, price: Decimal(string: "10.01")!)])
        let spec = try #require(Specification.make(from: order, vat: { _ in .exempt }).first)
        #expect(spec.vat == nil)
        #expect(spec.lines.allSatisfy { $0.vat == nil })
        let value = spec.templateValue()
        #expect(value["с_ндс"] == false)
        #expect(value["итого"]?["фраза"] == "Общая стоимость: 30,03\u{A0}руб. (Тридцать рублей 03 копейки), без НДС.")
    }

    /// Property test on 300 random orders (a seeded generator, so every run checks the same orders):
    /// the specifications add up to the order to the kopeck, and VAT follows the stated rule.
    @Test func randomOrdersAddUpAndFollowTheVATRule() {
        var failures = 0
        for seed in 1...300 {
            var rng = SplitMix64(seed: UInt64(seed))
            let order = randomOrder(&rng)
            let specs = Specification.make(from: order)
            func check(_ ok: Bool, _ what: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation) {
                if !ok {
                    failures += 1
                    if failures <= 20 { Issue.record("seed \(seed): \(what())", sourceLocation: sourceLocation) }
                }
            }
            // The order's total, in kopecks by integer arithmetic.
            let orderKopecks = order.lines.reduce(0) { $0 + $1.quantity * kopecks($1.price) }
            let specKopecks = specs.reduce(0) { $0 + kopecks($1.total) }
            check(specKopecks == orderKopecks, "specifications \(specKopecks) ≠ order \(orderKopecks)")
            check(specs.reduce(Decimal(0)) { $0 + $1.total } == order.total, "decimal totals differ")
            check(specs.reduce(0) { $0 + $1.copies } == order.copies, "copies differ")
            // One specification per publisher, however its name is quoted.
            check(Set(specs.map { Specification.publisherKey($0.publisher) }).count == specs.count, "a publisher twice")
            check(specs.count == Set(order.lines.map { Specification.publisherKey($0.publisher) }).count, "a publisher missing")
            for spec in specs {
                // Lines: unique textbooks, sums exact, numbered from 1.
                check(spec.lines.map(\.number) == Array(1...spec.lines.count), "numbering")
                let keys = spec.lines.map { "\($0.fpuNumber)|\($0.grade)|\($0.price)" }
                check(Set(keys).count == keys.count, "a textbook twice in \(spec.publisher)")
                for l in spec.lines { check(kopecks(l.sum) == l.quantity * kopecks(l.price), "line sum \(l.number)") }
                // The distribution gives every line's copies and the total.
                var perLine: [Int: Int] = [:]
                for s in spec.distribution { for i in s.items { perLine[i.line, default: 0] += i.quantity } }
                check(spec.lines.allSatisfy { perLine[$0.number] == $0.quantity }, "distribution copies")
                check(spec.distribution.reduce(Decimal(0)) { $0 + $1.sum } == spec.total, "distribution sum")
                // VAT: total = round(total × 10/110); lines add up to it; each within a kopeck of exact;
                // as few lines as possible differ from their own rounding, and those by largest remainder.
                let n = spec.lines.map { kopecks($0.sum) }
                let v = spec.lines.map { kopecks($0.vat ?? -1) }
                let total = kopecks(spec.vat ?? -1)
                check(total == vatKopecks(kopecks(spec.total)), "total VAT \(total)")
                check(v.reduce(0, +) == total, "line VATs \(v.reduce(0, +)) ≠ total \(total)")
                for (ni, vi) in zip(n, v) { check(abs(110 * vi - 10 * ni) < 110, "line VAT \(vi) not within a kopeck of \(ni)/11") }
                let rounded = n.map { vatKopecks($0) }
                let changed = zip(v, rounded).filter { $0 != $1 }.count
                let difference = total - rounded.reduce(0, +)
                check(changed == abs(difference), "changed \(changed) lines for a difference of \(difference)")
                // Remainder of a line, scaled: exact − rounded in 1/110 kopeck.
                let remainder = zip(n, rounded).map { 10 * $0 - 110 * $1 }
                if difference > 0 {
                    let moved = v.indices.filter { v[$0] != rounded[$0] }.map { remainder[$0] }
                    let kept = v.indices.filter { v[$0] == rounded[$0] && remainder[$0] > 0 }.map { remainder[$0] }
                    check((moved.min() ?? .max) >= (kept.max() ?? .min), "largest remainder (up)")
                } else if difference < 0 {
                    let moved = v.indices.filter { v[$0] != rounded[$0] }.map { remainder[$0] }
                    let kept = v.indices.filter { v[$0] == rounded[$0] && remainder[$0] < 0 }.map { remainder[$0] }
                    check((moved.max() ?? .min) <= (kept.min() ?? .max), "largest remainder (down)")
                }
            }
        }
        #expect(failures == 0)
    }

    @Test func theRandomOrdersDoExerciseTheAdjustment() {
        // Guard against a generator too tame to test the rule: some specifications need it.
        var adjusted = 0
        for seed in 1...300 {
            var rng = SplitMix64(seed: UInt64(seed))
            for spec in Specification.make(from: randomOrder(&rng)) {
                let rounded = spec.lines.map { vatKopecks(kopecks($0.sum)) }
                if rounded.reduce(0, +) != kopecks(spec.vat!) { adjusted += 1 }
            }
        }
        #expect(adjusted > 50, "only \(adjusted) specifications needed the adjustment")
    }
}

@Suite struct AmountsInWords {
    static let table: [(String, String)] = [
        ("1", "Один рубль 00 копеек"),
        ("2", "Два рубля 00 копеек"),
        ("5", "Пять рублей 00 копеек"),
        ("11", "Одиннадцать рублей 00 копеек"),
        ("12.12", "Двенадцать рублей 12 копеек"),
        ("21", "Двадцать один рубль 00 копеек"),
        ("76.01", "Семьдесят шесть рублей 01 копейка"),
        ("101", "Сто один рубль 00 копеек"),
        ("114.11", "Сто четырнадцать рублей 11 копеек"),
        ("0.02", "Ноль рублей 02 копейки"),
        ("1000", "Одна тысяча рублей 00 копеек"),
        ("1245.18", "Одна тысяча двести сорок пять рублей 18 копеек"),
        ("2002.02", "Две тысячи два рубля 02 копейки"),
        ("22222.22", "Двадцать две тысячи двести двадцать два рубля 22 копейки"),
        ("111111.11", "Сто одиннадцать тысяч сто одиннадцать рублей 11 копеек"),
        ("2000000", "Два миллиона рублей 00 копеек"),
        ("1001000", "Один миллион одна тысяча рублей 00 копеек"),
        ("1001021.05", "Один миллион одна тысяча двадцать один рубль 05 копеек"),
        ("3000001.5", "Три миллиона один рубль 50 копеек"),
        ("13437424.4", "Тринадцать миллионов четыреста тридцать семь тысяч четыреста двадцать четыре рубля 40 копеек"),
        ("1000000000", "Один миллиард рублей 00 копеек"),
    ]

    @Test(arguments: table) func trickyAmounts(_ amount: String, _ words: String) {
        #expect(Specification.amountInWords(Decimal(string: amount)!) == words)
    }

    @Test func theTotalSentenceOfASpecification() throws {
        let order = TextbookOrder(lines: [
            OrderLine(school: "А", fpuNumber: "1.1", title: "Т", publisher: "П", quantity: 1, price: Decimal(string: "1000.06")!),
            OrderLine(school: "Б", fpuNumber: "1.2", title: "Т", publisher: "П", quantity: 1, price: Decimal(string: "1000.99")!),
        ])
        let spec = try #require(Specification.make(from: order).first)
        #expect(spec.templateValue()["итого"]?["фраза"] == .string(
            "Общая стоимость: 2\u{A0}001,05\u{A0}руб. (Две тысячи один рубль 05 копеек), в том числе НДС (10\u{A0}%) 181,91\u{A0}руб. (Сто восемьдесят один рубль 91 копейка)."))
    }
}
