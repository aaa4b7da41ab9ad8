import Foundation
import Shablon
import ShablonData
import ShablonDocuments

/// What a file of the folder is, as the list shows it.
public enum DocumentKindWeb: String, Sendable, CaseIterable {
    case plan, analysis, order, statistics, contracts, columnMap, template, data

    /// The kind as the list names it.
    public var title: String {
        switch self {
        case .plan: return "план"
        case .analysis: return "анализ"
        case .order: return "заказ учебников"
        case .statistics: return "статистика библиотек"
        case .contracts: return "данные контрактов"
        case .columnMap: return "карта столбцов"
        case .template: return "шаблон"
        case .data: return "данные"
        }
    }
}

/// One file of the folder, recognised: kind, the title and year to list it by, and whether it is ready to
/// print (its problems, as `shablon` would say them).
public struct CatalogEntry: Sendable {
    public var entry: DocumentStore.Entry
    public var kind: DocumentKindWeb
    public var title: String
    public var year: String?
    public var problems: [Problem]
}

/// Recognises the files of a store, remembering each by its revision (the list of 200 documents is
/// read again only where a file changed).
public final class Catalog: @unchecked Sendable {
    private let lock = NSLock()
    /// By file name: the entry of the revision last seen.
    private var cache: [String: CatalogEntry] = [:]
    let store: DocumentStore

    public init(store: DocumentStore) { self.store = store }

    /// Every file of the folder, recognised.
    public func entries() throws(Problems) -> [CatalogEntry] {
        try store.list().map { e in
            if let hit = cached(e.name, e.revision) { return hit }
            let bytes = (try? store.read(e.name).bytes) ?? []
            return remember(Self.recognise(e, bytes: bytes, store: store))
        }
    }

    /// One file, recognised.
    public func entry(_ name: String) throws(Problems) -> CatalogEntry {
        let (bytes, rev) = try store.read(name)
        if let hit = cached(name, rev) { return hit }
        let modified = (try? FileManager.default.attributesOfItem(atPath: store.folder + "/" + name))?[.modificationDate] as? Date ?? Date()
        return remember(Self.recognise(DocumentStore.Entry(name: name, size: bytes.count, modified: modified, revision: rev), bytes: bytes, store: store))
    }

    /// The file as recognised at `revision`, if that is the one remembered. One entry per name: a long
    /// running server keeps no more than the folder has.
    private func cached(_ name: String, _ revision: String) -> CatalogEntry? {
        lock.lock()
        defer { lock.unlock() }
        guard let hit = cache[name], hit.entry.revision == revision else { return nil }
        return hit
    }

    private func remember(_ c: CatalogEntry) -> CatalogEntry {
        lock.lock()
        cache[c.entry.name] = c
        lock.unlock()
        return c
    }

    /// The names of the folder's files with one of `extensions` (no file is read: for choosers).
    public func names(withExtensions extensions: Set<String>) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: store.folder)) ?? [])
            .filter { DocumentStore.nameProblem($0) == nil && extensions.contains(($0 as NSString).pathExtension.lowercased()) }
            .sorted()
    }

    static let planKeys: Set<String> = ["учебный_год", "годы", "таблица", "утверждаю", "утверждение", "рассмотрено", "списки", "заголовок", "тема", "цель", "подписи"]

    static func recognise(_ e: DocumentStore.Entry, bytes: [UInt8], store: DocumentStore) -> CatalogEntry {
        let ext = (e.name as NSString).pathExtension.lowercased()
        var c = CatalogEntry(entry: e, kind: .data, title: (e.name as NSString).deletingPathExtension, year: nil, problems: [])
        switch ext {
        case "docx", "odt":
            c.kind = .template
            do { c.problems = try DocumentTemplate(bytes: bytes).warnings } catch { c.problems = error.items }
        case "csv", "xlsx":
            // An order or a statistics table, each read through its column map when the folder has one.
            let order = Result { () throws(Problems) in try WebDocuments.table(e.name, in: store, fields: ColumnMap.orderFields, aliases: ColumnMap.orderAliases) }
            if case .success(let (table, map)) = order, let o = try? TextbookOrder.load(table, columns: map.orderColumns) {
                c.kind = .order
                c.title = "Заказ учебников: \(Specification.make(from: o).count) издательств"
                c.problems = o.warnings
            } else if let (table, map) = try? WebDocuments.table(e.name, in: store, fields: ColumnMap.statisticsFields, aliases: ColumnMap.statisticsAliases),
                      let st = try? DistrictStatistics.load(table, columns: map.columns) {
                c.kind = .statistics
                c.title = "Статистика библиотек: \(st.schools.count) школ"
            } else {
                c.title = "Таблица"
                if case .failure(let p) = order { c.problems = p.items }
            }
        default:
            let loaded: LoadedData
            do { loaded = try DataLoader.load(bytes) } catch {
                c.problems = error.items
                return c
            }
            guard case .map(let top) = loaded.value else { return c }
            if top["статистика"] != nil || (top["план"] != nil && top["итоги"] != nil) {
                c.kind = .analysis
                c.title = "Анализ работы"
                do {
                    let a = try Analysis.load(loaded, files: WebDocuments.files(in: store))
                    c.year = a.plan.years ?? a.plan.schoolYear
                    c.title = "Анализ работы" + (a.plan.kind.map { " " + $0 } ?? "") + (a.plan.district.map { ", " + $0 } ?? "")
                } catch { c.problems = error.items }
            } else if !Set(top.keys).isDisjoint(with: planKeys) {
                c.kind = .plan
                do {
                    let plan = try Plan.load(loaded)
                    c.title = plan.title?.joined(separator: " ") ?? (["План работы", plan.kind, plan.district].compactMap { $0 }.joined(separator: " "))
                    c.year = plan.years ?? plan.schoolYear
                } catch {
                    c.problems = error.items
                    if case .list(let t)? = top["заголовок"], case .string(let s)? = t.first { c.title = s }
                    if case .string(let s)? = top["заголовок"] { c.title = s }
                    if case .string(let y)? = top["учебный_год"] { c.year = y }
                }
            } else if top["поставщики"] != nil || top["заказчик"] != nil || top["контракты"] != nil {
                c.kind = .contracts
                c.title = "Данные контрактов"
            } else if top["столбцы"] != nil || top["лист"] != nil {
                c.kind = .columnMap
                c.title = "Карта столбцов"
                if case .string(let d)? = top["описание"] { c.title += ": " + d }
            }
        }
        return c
    }
}
