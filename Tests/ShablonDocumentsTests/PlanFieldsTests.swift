import Foundation
import Testing
import Shablon
import ShablonData
import ShablonDocuments

/// `Plan.templateFields` (what `shablon inspect` lists for a plan template) is what `templateValue()` gives.
@Suite struct PlanFields {
    /// Every path of a value: `a`, `a.b`, `a[]`'s fields as `a[].c`.
    static func paths(_ v: Value, _ prefix: String, into out: inout Set<String>) {
        switch v {
        case .map(let m):
            for (k, x) in m {
                let p = prefix.isEmpty ? k : prefix + "." + k
                out.insert(p)
                paths(x, p, into: &out)
            }
        case .list(let items):
            for item in items { if case .map = item { paths(item, prefix + "[]", into: &out) } }
        default: break
        }
    }

    @Test func everyFieldOfTheExamplePlansIsListed() throws {
        var seen: Set<String> = []
        // The five plans and the road map (the general table: free columns, number row, paragraphs).
        for name in Seeds.examples.map(\.data) + ["roadmap-2018-2020"] {
            Self.paths(try Seeds.load(name).templateValue(), "", into: &seen)
        }
        let unlisted = seen.filter { Plan.templateField($0) == nil }.sorted()
        #expect(unlisted.isEmpty, "fields templateValue() gives that Plan.templateFields does not list: \(unlisted)")
        // And nothing listed that no plan gives (the wildcard and own fields aside).
        let stale = Plan.templateFields.map(\.path).filter { !$0.hasSuffix("*") && !seen.contains($0) }
        #expect(stale.isEmpty, "listed but never given: \(stale)")
    }
}
