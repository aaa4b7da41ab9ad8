import Foundation
import Testing
import Shablon
import ShablonData
import ShablonDocuments

/// Issue 13: the specifications print the order's names with Russian typography — «ёлочки» whatever
/// the order typed, one spelling of the publisher in every column, non-breaking spaces where a line
/// must not break.
@Suite struct TypographyInSpecifications {
    static func example() throws -> (specs: [Specification], details: ContractDetails) {
        let details = try ContractDetails.load(DataLoader.load(bytes(examples.appendingPathComponent("contracts.yaml"))))
        let specs = Specification.make(from: try loadOrder(bytes(examples.appendingPathComponent("order.csv"))), vat: details.vatMode(for:))
        return (specs, details)
    }

    /// Every string of a value, with its key.
    static func strings(_ v: Value, key: String = "") -> [(String, String)] {
        switch v {
        case .string(let s): return [(key, s)]
        case .list(let items): return items.flatMap { strings($0, key: key) }
        case .map(let m): return m.flatMap { strings($1, key: $0) }
        default: return []
        }
    }

    @Test func noStraightQuoteIsPrinted() throws {
        let (specs, details) = try Self.example()
        #expect(specs.count == 5)
        for spec in specs {
            for (key, s) in Self.strings(spec.templateValue(details)) {
                #expect(!s.contains("\""), "\(spec.publisher): «\(key)» prints «\(s)»")
            }
        }
    }

    @Test func thePublisherIsSpelledOneWayEverywhere() throws {
        let (specs, details) = try Self.example()
        let binom = try #require(specs.first { $0.publisher.contains("БИНОМ") })
        let v = binom.templateValue(details)
        #expect(v["издательство"] == "ООО «БИНОМ. Лаборатория знаний»")
        guard case .list(let lines)? = v["строки"] else { Issue.record("no lines"); return }
        // The table's cells may break after a slash (a zero-width space), the name is the same.
        #expect(lines.allSatisfy { $0["издательство"]?.string?.replacingOccurrences(of: "\u{200B}", with: "") == v["издательство"]?.string })
        // The summary (its first column) and the specification agree; a name whose quotes do not pair
        // («Издательство «Просвещение»», as publishers write it) stays as typed.
        let rows = ContractSummary.rows(specs, details: details, files: [])
        #expect(rows.contains { $0[0] == "ООО «БИНОМ. Лаборатория знаний»" })
        #expect(rows.contains { $0[0] == "АО «Издательство «Просвещение»" })
        let akademkniga = try #require(specs.first { $0.publisher.contains("Академкнига") }).templateValue(details)
        guard case .list(let akLines)? = akademkniga["строки"] else { Issue.record("no lines"); return }
        #expect(akLines.first?["издательство"] == "ООО «Академкнига/\u{200B}Учебник»")
        // Schools of the distribution: «МАОУ "СОШ № 1 г. Белоярский"» typed with straight quotes.
        guard case .list(let schools)? = v["разнарядка"] else { Issue.record("no distribution"); return }
        // (inside quotes a name stays as typed: Typography.apply binds no spaces there).
        #expect(schools.first?["школа"] == "МАОУ «СОШ № 1 г. Белоярский»")
    }

    @Test func numbersStayWithTheirSignsAndUnits() throws {
        let (specs, details) = try Self.example()
        let v = specs[0].templateValue(details)
        guard case .list(let head)? = v["шапка"], head.count == 3 else { Issue.record("no head"); return }
        #expect(head[0] == "Приложение №\u{A0}1")
        #expect(head[2].string?.hasSuffix("2025\u{A0}г. №\u{A0}04-У/2025") == true)
        let phrase = v["итого"]?["фраза"]?.string ?? ""
        #expect(phrase.hasPrefix("Общая стоимость: 1\u{A0}824\u{A0}580,35\u{A0}руб. (Один миллион"), "\(phrase)")
        let vat = specs[1].templateValue(details)["итого"]?["фраза"]?.string ?? ""
        #expect(vat.contains("в том числе НДС (10\u{A0}%) 114\u{A0}748,69\u{A0}руб."), "\(vat)")
        #expect(specs[1].templateValue(details)["ндс_ставка"] == "10\u{A0}%")
    }
}

extension Value {
    var string: String? { if case .string(let s) = self { return s } else { return nil } }
}
