import ShablonData
import ShablonEngine

/// Сверка шаблона с данными: which data fields the template never uses, and which tags no data provides
/// (typos caught before printing). Used by `shablon check TEMPLATE DATA`.
public enum DataUsage {
    /// Warnings: `unused-field` for each data field no tag reads, `unknown-field` for each tag whose field
    /// the data lacks (even where a missing value is allowed: in `#if`, `#each`, with `default`).
    public static func problems(outline: [(part: String, nodes: [OutlineNode])], data: Value) -> [Problem] {
        var used: Set<String> = []
        var problems: [Problem] = []
        var reported: Set<String> = []

        /// Scopes: (value, path prefix of that value in the data).
        func resolve(_ path: String, _ scopes: [(Value, String)]) -> (Value?, String, [String]) {
            var parts = path.split(separator: ".").map(String.init)
            guard let head = parts.first, !head.hasPrefix("@") else { return (.null, "", []) }
            var value: Value?
            var prefix = ""
            var known: [String] = []
            if head == "this" {
                parts.removeFirst()
                (value, prefix) = scopes.last.map { ($0.0, $0.1) } ?? (nil, "")
            } else {
                for (v, p) in scopes.reversed() {
                    if case .map(let m) = v {
                        known += m.keys
                        if let x = m[head] { value = x; prefix = p.isEmpty ? head : p + "." + head; break }
                    }
                }
                parts.removeFirst()
                if value == nil { return (nil, head, known) }
            }
            used.insert(prefix)
            for step in parts {
                guard case .map(let m)? = value else {
                    if case .list(let l)? = value, let i = Int(step), i < l.count { value = l[i]; prefix += "." + step; continue }
                    return (nil, prefix + "." + step, [])
                }
                known = m.keys
                guard let x = m[step] else { return (nil, prefix + "." + step, known) }
                value = x
                prefix += "." + step
                used.insert(prefix)
            }
            return (value, prefix, known)
        }

        func unknown(_ path: String, tag: String, location: ProblemLocation, part: String, known: [String]) {
            guard reported.insert(part + "|" + tag).inserted else { return }
            let last = path.split(separator: ".").last.map(String.init) ?? path
            let near = NameSuggestion.nearest(last, in: known)
            problems.append(Problem(.warning, code: .unknownField, part: part, location: location, tag: tag,
                                    message: LocalizedText(ru: "в данных нет поля «\(path)»", en: "the data has no field '\(path)'"),
                                    hint: LocalizedText(ru: (near.map { "Возможно, имелось в виду «\($0)». " } ?? "") + "Проверьте написание в шаблоне и в данных.",
                                                        en: (near.map { "Did you mean '\($0)'? " } ?? "") + "Check the spelling in the template and in the data.")))
        }

        func walk(_ nodes: [OutlineNode], _ scopes: [(Value, String)], part: String) {
            for n in nodes {
                switch n {
                case .value(let path, _, let tag, let location):
                    let (v, p, known) = resolve(path, scopes)
                    if v == nil && !path.hasPrefix("@") { unknown(p, tag: tag, location: location, part: part, known: known) }
                case .block(let kind, let path, _, let tag, let location, _, let body, let otherwise):
                    let (v, p, known) = resolve(path, scopes)
                    if v == nil && !path.hasPrefix("@") { unknown(p, tag: tag, location: location, part: part, known: known) }
                    if kind == "each" {
                        var items: [Value] = []
                        if case .list(let l)? = v { items = l } else if case .map(let m)? = v { items = m.map(\.value) }
                        if items.isEmpty {
                            walk(body, scopes + [(.map(ValueMap()), p)], part: part)
                        }
                        for item in items { walk(body, scopes + [(item, p)], part: part) }
                    } else {
                        walk(body, scopes, part: part)
                    }
                    walk(otherwise, scopes, part: part)
                }
            }
        }
        for (part, nodes) in outline { walk(nodes, [(data, "")], part: part) }

        // Fields of the data no tag read (a field is used when it or anything inside it is).
        func fields(_ v: Value, _ prefix: String, into out: inout [String]) {
            switch v {
            case .map(let m):
                for (k, x) in m {
                    let p = prefix.isEmpty ? k : prefix + "." + k
                    if !used.contains(p) { out.append(p); continue }
                    fields(x, p, into: &out)
                }
            case .list(let l):
                // Items of a list share their fields: report each field once.
                var seen: Set<String> = []
                for item in l {
                    var inner: [String] = []
                    fields(item, prefix, into: &inner)
                    for f in inner where seen.insert(f).inserted { out.append(f) }
                }
            default: break
            }
        }
        var unused: [String] = []
        fields(data, "", into: &unused)
        for f in unused {
            problems.append(Problem(.warning, code: .unusedField, location: .named(f),
                                    message: LocalizedText(ru: "поле данных «\(f)» шаблон не использует", en: "the template does not use the data field '\(f)'"),
                                    hint: LocalizedText(ru: "Если оно должно попасть в документ, добавьте тег {{\(f.split(separator: ".").last.map(String.init) ?? f)}}; иначе проверьте, не опечатка ли это.",
                                                        en: "If it belongs in the document, add a tag {{\(f.split(separator: ".").last.map(String.init) ?? f)}}; otherwise check it for a typo.")))
        }
        return problems
    }
}
