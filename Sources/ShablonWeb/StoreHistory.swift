import Foundation
import ShablonData
#if canImport(Glibc)
import Glibc
#endif

/// The history: `история/<name>/<yyyyMMdd-HHmmss-SSS>-<rev8>[-удалён].<ext>`, the time in UTC.
extension DocumentStore {
    /// What marks a deletion in a version's file name.
    static let deletedMark = "-удалён"

    /// The versions of a document, newest first, deletion markers among them; empty for a name that is
    /// not acceptable or has no history.
    public func versions(of name: String) -> [Version] {
        guard let name = try? Self.checked(name), let dir = try? historyDirectory(name, create: false) else { return [] }
        var out: [Version] = []
        for id in StoreFiles.names(in: dir) ?? [] {
            guard let parsed = Self.parseVersion(id), let st = StoreFiles.lstatus(dir + "/" + id), StoreFiles.isRegular(st) else { continue }
            out.append(Version(id: id, date: Date(timeIntervalSince1970: TimeInterval(parsed.milliseconds) / 1000),
                               size: Int(st.st_size), deleted: parsed.deleted))
        }
        return out.sorted { $0.id > $1.id }
    }

    /// The bytes of one version (web-not-found when there is no such version).
    public func readVersion(_ name: String, id: String) throws(Problems) -> [UInt8] {
        let name = try Self.checked(name)
        guard Self.parseVersion(id) != nil, let dir = try historyDirectory(name, create: false),
              let r = try StoreFiles.read(dir + "/" + id, shown: name, limit: limits.fileBytes) else {
            throw StoreProblems.versionNotFound(name, id)
        }
        return r.bytes
    }

    /// The documents that exist only in the history (deleted, or removed from the folder by hand): the
    /// «Корзина» list, sorted like `list`.
    public func deletedNames() -> [String] {
        var out: [String] = []
        for n in StoreFiles.names(in: history) ?? [] where !n.hasPrefix(".") {
            let name = n.precomposedStringWithCanonicalMapping
            guard name.utf8.elementsEqual(n.utf8), Self.nameProblem(name) == nil, diskPath(name) == nil, !versions(of: name).isEmpty else { continue }
            out.append(name)
        }
        return out.sorted(by: Self.nameLess)
    }

    /// The history folder of a document (whether it exists or not).
    func historyFolder(of name: String) -> String { history + "/" + name }

    /// The history folder of a document, checked to be a folder and not a link; created when `create`,
    /// otherwise nil when missing.
    func historyDirectory(_ name: String, create: Bool) throws(Problems) -> String? {
        guard let st = StoreFiles.lstatus(history), StoreFiles.isDirectory(st) else { throw StoreProblems.link(Self.historyName) }
        let dir = historyFolder(of: name)
        if let st = StoreFiles.lstatus(dir) {
            if StoreFiles.isLink(st) { throw StoreProblems.link(Self.historyName + "/" + name) }
            guard StoreFiles.isDirectory(st) else { throw StoreProblems.notAFile(Self.historyName + "/" + name) }
            return dir
        }
        guard create else { return nil }
        try StoreFiles.makeFolder(dir, shown: Self.historyName + "/" + name)
        return dir
    }

    /// Where the next version of a document goes (under the lock): its time is `date`, or a millisecond
    /// after the newest version when that is later, so the versions' order is the order they came in.
    func historyPath(_ name: String, date: Date, revision: String, deleted: Bool) throws(Problems) -> String {
        guard let dir = try historyDirectory(name, create: true) else { throw StoreProblems.notFound(name) }
        var ms = max(0, Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
        for id in StoreFiles.names(in: dir) ?? [] {
            if let v = Self.parseVersion(id), v.milliseconds >= ms { ms = v.milliseconds + 1 }
        }
        let ext = Self.fileExtension(name)
        return dir + "/" + Self.stamp(ms) + "-" + revision.prefix(8) + (deleted ? Self.deletedMark : "") + "." + ext
    }

    /// `yyyyMMdd-HHmmss-SSS` in UTC.
    static func stamp(_ milliseconds: Int64) -> String {
        var t = time_t(milliseconds / 1000)
        var tm = tm()
        gmtime_r(&t, &tm)
        func d(_ v: Int32, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return d(tm.tm_year + 1900, 4) + d(tm.tm_mon + 1, 2) + d(tm.tm_mday, 2) + "-" + d(tm.tm_hour, 2) + d(tm.tm_min, 2)
            + d(tm.tm_sec, 2) + "-" + d(Int32(milliseconds % 1000), 3)
    }

    /// A version's file name read back: its time in milliseconds and whether it marks a deletion. Nil
    /// for anything else (temporary files, names a person put there).
    static func parseVersion(_ id: String) -> (milliseconds: Int64, deleted: Bool)? {
        let u = Array(id.utf8)
        // 8 digits, «-», 6 digits, «-», 3 digits, «-», 8 hex digits, then «-удалён»? and «.ext».
        guard u.count > 29, !id.contains("/") else { return nil }
        func digits(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r { guard (48...57).contains(u[i]) else { return nil }; n = n * 10 + Int(u[i] - 48) }
            return n
        }
        guard let ymd = digits(0..<8), u[8] == 45, let hms = digits(9..<15), u[15] == 45, let ms = digits(16..<19), u[19] == 45,
              u[20..<28].allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else { return nil }
        var rest = String(decoding: u[28...], as: UTF8.self)
        var deleted = false
        if rest.hasPrefix(deletedMark) { deleted = true; rest.removeFirst(deletedMark.count) }
        guard rest.hasPrefix("."), rest.count > 1, !rest.dropFirst().contains(".") else { return nil }
        var tm = tm()
        tm.tm_year = Int32(ymd / 10000 - 1900)
        tm.tm_mon = Int32(ymd / 100 % 100 - 1)
        tm.tm_mday = Int32(ymd % 100)
        tm.tm_hour = Int32(hms / 10000)
        tm.tm_min = Int32(hms / 100 % 100)
        tm.tm_sec = Int32(hms % 100)
        let seconds = timegm(&tm)
        guard seconds >= 0 else { return nil }
        return (Int64(seconds) * 1000 + Int64(ms), deleted)
    }
}
