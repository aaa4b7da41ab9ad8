import Foundation
import Shablon
import ShablonData

extension BatchRows {
    /// `--group-by COLUMN`: one item per distinct value of the column, in the order values first appear —
    /// the first row's fields, `группа` (the value) and `строки` (every row of the group, in order), so
    /// that a template lists a school's classes with `{{#each строки}}`. The item's number is its first
    /// row's. A row with no value in the column is a problem; a column no row has is one problem naming
    /// the columns there are.
    func grouped(by column: String, source: String) throws(Problems) -> BatchRows {
        func key(_ v: Value?) -> String? {
            switch v {
            case .string(let s)?:
                let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
                return t.isEmpty ? nil : t
            case .number(let d)?: return "\(d)".replacingOccurrences(of: ".", with: ",")
            case .date(let d)?: return d.description
            case .bool(let b)?: return b ? "да" : "нет"
            default: return nil
            }
        }
        let name = Paths.name(of: source)
        guard rows.contains(where: { $0[column] != nil }) else {
            var columns: [String] = []
            for r in rows { if case .map(let m) = r { for k in m.keys where !columns.contains(k) { columns.append(k) } } }
            throw Problems([Problem(code: "batch-group-column", file: source,
                                    message: LocalizedText(ru: "в «\(name)» нет столбца «\(column)» для --group-by", en: "'\(name)' has no column '\(column)' for --group-by"),
                                    hint: LocalizedText(ru: "Столбцы: " + columns.joined(separator: ", ") + ".", en: "The columns: " + columns.joined(separator: ", ") + "."))])
        }
        var order: [String] = []
        var groups: [String: (first: Int, rows: [Value])] = [:]
        var problems: [Problem] = []
        for (i, row) in rows.enumerated() {
            guard let k = key(row[column]) else {
                problems.append(Problem(code: "batch-group-column", file: source, location: .row(numbers[i]),
                                        message: LocalizedText(ru: "в строке \(numbers[i]) «\(name)» не заполнен столбец «\(column)»",
                                                               en: "row \(numbers[i]) of '\(name)' has no value in column '\(column)'"),
                                        hint: LocalizedText(ru: "Заполните ячейку или удалите строку.", en: "Fill the cell or delete the row.")))
                continue
            }
            if groups[k] == nil { order.append(k); groups[k] = (i, []) }
            groups[k]!.rows.append(row)
        }
        if !problems.isEmpty { throw Problems(problems) }
        var items: [Value] = [], itemNumbers: [Int] = []
        for k in order {
            let g = groups[k]!
            var m = ValueMap()
            if case .map(let first) = rows[g.first] { m = first }
            m["группа"] = .string(k)
            m["строки"] = .list(g.rows)
            items.append(.map(m))
            itemNumbers.append(numbers[g.first])
        }
        return BatchRows(rows: items, numbers: itemNumbers)
    }
}
