import Foundation
import ShablonData
import ShablonEngine

/// Builds a data skeleton from a template's outline: the smallest data with which the template renders
/// without missing values, with sample values that fit each tag's filters.
public enum DataSkeleton {
    private final class Field {
        enum Shape { case unknown, scalar(Value), list(Field), map }
        var shape: Shape = .unknown
        var keys: [String] = []
        var fields: [String: Field] = [:]
        var isCondition = false

        func child(_ name: String) -> Field {
            if let f = fields[name] { return f }
            let f = Field()
            fields[name] = f
            keys.append(name)
            if case .unknown = shape { shape = .map }
            if case .scalar = shape { shape = .map }
            return f
        }

        func value() -> Value {
            switch shape {
            case .unknown: return isCondition ? .bool(true) : .string("пример")
            case .scalar(let v): return v
            case .list(let item):
                return .list([item.value()])
            case .map:
                return .map(ValueMap(keys.map { ($0, fields[$0]!.value()) }))
            }
        }
    }

    private static func sample(for filters: [String]) -> Value {
        for f in filters {
            switch f {
            case "date", "year": return .date(CalendarDate(year: 2024, month: 9, day: 2)!)
            case "number", "money", "rubles": return .number(Decimal(string: "1234.5")!)
            case "words", "plural": return .number(5)
            case "initials": return .string("Иванова Мария Петровна")
            case "join", "count", "first", "last": return .list(["пример"])
            default: continue
            }
        }
        return .string("пример")
    }

    /// The skeleton of all parts' outlines together.
    public static func value(for outlines: [[OutlineNode]]) -> Value {
        let root = Field()
        root.shape = .map
        for nodes in outlines { walk(nodes, scopes: [root]) }
        return root.value()
    }

    private static func resolve(_ path: String, scopes: [Field]) -> Field? {
        var parts = path.split(separator: ".").map(String.init)
        guard let head = parts.first, !head.hasPrefix("@") else { return nil }
        var f: Field
        if head == "this" {
            guard let s = scopes.last else { return nil }
            f = s
            parts.removeFirst()
        } else {
            // Inside a loop a name is taken as the item's own: with the skeleton the tag then finds it in
            // the item, whatever the outer data holds, so the skeleton never leaves a value missing.
            f = scopes.last!
        }
        for p in parts { f = f.child(p) }
        return f
    }

    private static func walk(_ nodes: [OutlineNode], scopes: [Field]) {
        for n in nodes {
            switch n {
            case .value(let path, let filters, _, _):
                guard !filters.contains("default"), let f = resolve(path, scopes: scopes) else { continue }
                if case .unknown = f.shape { f.shape = .scalar(sample(for: filters)) }
            case .block(let kind, let path, let filters, _, _, _, let body, let otherwise):
                guard let f = resolve(path, scopes: scopes) else { continue }
                if kind == "each" {
                    let item: Field
                    if case .list(let existing) = f.shape { item = existing } else {
                        item = Field()
                        f.shape = .list(item)
                    }
                    walk(body, scopes: scopes + [item])
                    if case .unknown = item.shape { item.shape = .scalar(.string("пример")) }
                    walk(otherwise, scopes: scopes)
                } else {
                    if case .unknown = f.shape {
                        f.isCondition = true
                        if filters.contains("count") { f.shape = .list(Field()) }
                    }
                    walk(body, scopes: scopes)
                    walk(otherwise, scopes: scopes)
                }
            }
        }
    }

    /// The skeleton as YAML text.
    public static func yaml(for outlines: [[OutlineNode]]) -> String {
        var out = ""
        emit(value(for: outlines), indent: 0, into: &out, inList: false)
        return out
    }

    private static func scalar(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let d): return "\(d)"
        case .date(let d): return d.description
        case .string(let s): return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .list, .map: return ""
        }
    }

    private static func key(_ k: String) -> String {
        k.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) && !k.isEmpty ? k : "\"\(k)\""
    }

    private static func emit(_ v: Value, indent: Int, into out: inout String, inList: Bool) {
        let pad = String(repeating: " ", count: indent)
        switch v {
        case .map(let m):
            var first = true
            for (k, x) in m {
                let lead = (inList && first) ? "" : pad
                first = false
                switch x {
                case .map(let inner) where !inner.isEmpty:
                    out += "\(lead)\(key(k)):\n"
                    emit(x, indent: indent + 2, into: &out, inList: false)
                case .list(let items) where !items.isEmpty:
                    out += "\(lead)\(key(k)):\n"
                    emit(x, indent: indent + 2, into: &out, inList: false)
                case .map: out += "\(lead)\(key(k)): {}\n"
                case .list: out += "\(lead)\(key(k)): []\n"
                default: out += "\(lead)\(key(k)): \(scalar(x))\n"
                }
            }
        case .list(let items):
            for x in items {
                switch x {
                case .map(let inner) where !inner.isEmpty:
                    out += "\(pad)- "
                    emit(x, indent: indent + 2, into: &out, inList: true)
                default:
                    out += "\(pad)- \(scalar(x))\n"
                }
            }
        default:
            out += pad + scalar(v) + "\n"
        }
    }
}
