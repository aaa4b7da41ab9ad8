// TEMPORARY stub of the store helper's API (deleted when web-store is merged).
import Foundation
import ShablonData

public final class DocumentStore: @unchecked Sendable {
    public struct Limits: Sendable { public var fileBytes = 64 << 20; public var files = 10_000; public init() {} }
    public struct Entry: Sendable, Equatable { public let name: String; public let size: Int; public let modified: Date; public let revision: String }
    public struct Version: Sendable, Equatable { public let id: String; public let date: Date; public let size: Int; public let deleted: Bool }
    public let folder: String
    let limits: Limits
    let lock = NSLock()
    public init(folder: String, limits: Limits = Limits()) throws(Problems) {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        self.folder = (folder as NSString).resolvingSymlinksInPath
        self.limits = limits
    }
    static func rev(_ b: [UInt8]) -> String { var h: UInt64 = 0xcbf29ce484222325; for x in b { h = (h ^ UInt64(x)) &* 0x100000001b3 }; return String(h, radix: 16) + "-" + String(b.count) }
    func path(_ n: String) -> String { folder + "/" + n }
    public func list() throws(Problems) -> [Entry] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { !$0.hasPrefix(".") && $0 != "история" }.sorted().compactMap { n in
            guard let d = FileManager.default.contents(atPath: path(n)) else { return nil }
            let a = try? FileManager.default.attributesOfItem(atPath: path(n))
            return Entry(name: n, size: d.count, modified: (a?[.modificationDate] as? Date) ?? Date(), revision: Self.rev(Array(d)))
        }
    }
    public func read(_ name: String) throws(Problems) -> (bytes: [UInt8], revision: String) {
        if let p = Self.nameProblem(name) { throw Problems([p]) }
        guard let d = FileManager.default.contents(atPath: path(name)) else { throw Problems([Problem(code: "web-not-found", message: LocalizedText(ru: "нет документа «\(name)»", en: "no document '\(name)'"))]) }
        return (Array(d), Self.rev(Array(d)))
    }
    public func revision(of name: String) -> String? { (try? read(name))?.revision }
    public func write(_ name: String, bytes: [UInt8], expected: String?) throws(Problems) -> String {
        lock.lock(); defer { lock.unlock() }
        if let p = Self.nameProblem(name) { throw Problems([p]) }
        let cur = revision(of: name)
        if cur != expected { throw Problems([Problem(code: expected == nil ? "web-exists" : "web-conflict", message: LocalizedText(ru: "документ «\(name)» изменён в другом окне", en: "changed elsewhere"))]) }
        if let cur, let old = try? read(name) { saveVersion(name, old.bytes, cur, deleted: false) }
        FileManager.default.createFile(atPath: path(name), contents: Data(bytes))
        return Self.rev(bytes)
    }
    func saveVersion(_ name: String, _ b: [UInt8], _ r: String, deleted: Bool) {
        let dir = folder + "/история/" + name
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let id = String(Int(Date().timeIntervalSince1970 * 1000)) + "-" + r.prefix(8) + (deleted ? "-удалён" : "")
        FileManager.default.createFile(atPath: dir + "/" + id, contents: Data(b))
    }
    public func delete(_ name: String, expected: String?) throws(Problems) {
        let c = try read(name)
        if let expected, expected != c.revision { throw Problems([Problem(code: "web-conflict", message: LocalizedText(ru: "изменён", en: "changed"))]) }
        saveVersion(name, c.bytes, c.revision, deleted: true)
        try? FileManager.default.removeItem(atPath: path(name))
    }
    public func versions(of name: String) -> [Version] {
        let dir = folder + "/история/" + name
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).sorted(by: >).map { id in
            Version(id: id, date: Date(timeIntervalSince1970: (Double(id.prefix { $0.isNumber }) ?? 0) / 1000), size: FileManager.default.contents(atPath: dir + "/" + id)?.count ?? 0, deleted: id.hasSuffix("-удалён"))
        }
    }
    public func readVersion(_ name: String, id: String) throws(Problems) -> [UInt8] {
        guard let d = FileManager.default.contents(atPath: folder + "/история/" + name + "/" + id) else { throw Problems([Problem(code: "web-not-found", message: LocalizedText(ru: "нет версии", en: "no version"))]) }
        return Array(d)
    }
    public func restore(_ name: String, version id: String) throws(Problems) -> String {
        let b = try readVersion(name, id: id)
        return try write(name, bytes: b, expected: revision(of: name))
    }
    public func deletedNames() -> [String] {
        let all = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/история")) ?? []
        return all.filter { revision(of: $0) == nil }.sorted()
    }
    public func uniqueName(_ wanted: String) -> String {
        var n = wanted; var i = 2
        let ext = (wanted as NSString).pathExtension, base = (wanted as NSString).deletingPathExtension
        while revision(of: n) != nil || !versions(of: n).isEmpty { n = "\(base) (\(i)).\(ext)"; i += 1 }
        return n
    }
    public static func nameProblem(_ name: String) -> Problem? {
        if name.isEmpty || name.contains("/") || name.hasPrefix(".") { return Problem(code: "web-name", message: LocalizedText(ru: "недопустимое имя «\(name)»", en: "bad name")) }
        return nil
    }
    public func fillWithExamples() throws(Problems) -> Bool { false }
}
