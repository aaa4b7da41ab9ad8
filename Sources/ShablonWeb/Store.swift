import Foundation
import ShablonData
#if canImport(Glibc)
import Glibc
#endif

/// The folder of documents behind `shablon serve`, where nothing is ever lost.
///
/// The folder is flat: plans, analyses, tables and templates lie side by side as the command line reads
/// them. Every version a save or a deletion replaces goes first into `история/<name>/` (never pruned);
/// a save is a check of the revision the editor started from and an atomic replacement, one step under
/// a lock that holds across threads and across processes (two `shablon serve` on one folder). Names are
/// checked at every entry point and every file is opened refusing symbolic links, so nothing outside the
/// folder can be read or written through it.
public final class DocumentStore: @unchecked Sendable {
    /// How much the store takes.
    public struct Limits: Sendable {
        /// The largest document read or written, in bytes (`shablon serve --max-upload`).
        public var fileBytes = 64 << 20
        /// The most files the folder may have for `list`.
        public var files = 10_000
        /// The default limits.
        public init() {}
    }

    /// A document of the folder as `list` shows it.
    public struct Entry: Sendable, Equatable {
        /// The file name (NFC).
        public let name: String
        /// Its size in bytes.
        public let size: Int
        /// When it was last changed.
        public let modified: Date
        /// Its revision (`revision(of:)`); empty when the file cannot be read.
        public let revision: String
    }

    /// A version of a document kept in its history.
    public struct Version: Sendable, Equatable {
        /// The version's id for `readVersion` and `restore`: its file name in `история/<name>/`.
        public let id: String
        /// When this content was saved (for a deletion marker: when it was deleted). Versions of one document
        /// have increasing dates in the order they went into the history.
        public let date: Date
        /// Its size in bytes.
        public let size: Int
        /// True for the marker a deletion leaves: it keeps the deleted content.
        public let deleted: Bool
    }

    /// The folder: an absolute path, symbolic links resolved.
    public let folder: String
    /// The limits given at creation.
    public let limits: Limits
    /// The history folder, `<folder>/история`.
    let history: String
    let lock: StoreLock
    /// Called during a save between staging and renaming, with the temporary file's path: tests look at
    /// the folder at the moment a kill would leave it in.
    var afterStaging: ((String) -> Void)?
    private let cacheLock = NSLock()
    /// Revisions already computed, by path and the file's identity and time (a rename changes the inode).
    private var revisionCache: [String: (key: [Int], revision: String)] = [:]

    /// Opens the folder of documents, creating it (and its parents) if missing; refuses a file. Creates
    /// `история/` and removes the temporary files a killed process left.
    public init(folder: String, limits: Limits = Limits()) throws(Problems) {
        var st = stat()
        if stat(folder, &st) != 0 {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw StoreProblems.folderFailed(folder, errno == 0 ? EACCES : errno)
            }
        } else if !StoreFiles.isDirectory(st) {
            throw StoreProblems.notAFolder(folder)
        }
        guard let resolved = realpath(folder, nil) else { throw StoreProblems.folderFailed(folder, errno) }
        self.folder = String(cString: resolved)
        free(resolved)
        self.limits = limits
        history = self.folder + "/" + Self.historyName
        try StoreFiles.makeFolder(history, shown: Self.historyName)
        lock = StoreLock(path: history + "/.lock")
        try lock.locked { () throws(Problems) in removeTemporaries() }
    }

    /// Removes the store's temporary files in the folder and in every history folder (under the lock, so
    /// never one another process is writing).
    private func removeTemporaries() {
        func clean(_ dir: String) {
            for n in StoreFiles.names(in: dir) ?? [] where StoreFiles.isTemporary(n) {
                let p = dir + "/" + n
                if let st = StoreFiles.lstatus(p), StoreFiles.isRegular(st) { unlink(p) }
            }
        }
        clean(folder)
        for n in StoreFiles.names(in: history) ?? [] where !n.hasPrefix(".") {
            if let st = StoreFiles.lstatus(history + "/" + n), StoreFiles.isDirectory(st) { clean(history + "/" + n) }
        }
    }

    // MARK: - Documents

    /// The documents: regular files at the top level with an acceptable name (`nameProblem`), not hidden,
    /// not `история/`, no symbolic links, no temporary files; sorted by name as a person expects
    /// (`nameLess`). More than `limits.files` files in the folder is a problem (web-too-many-files).
    public func list() throws(Problems) -> [Entry] {
        guard let names = StoreFiles.names(in: folder, limit: limits.files + 64) else {
            throw StoreProblems.folderFailed(folder, errno)
        }
        let visible = names.filter { !$0.hasPrefix(".") && $0 != Self.historyName }
        if visible.count > limits.files { throw StoreProblems.tooManyFiles(folder, limit: limits.files) }
        var out: [Entry] = []
        for disk in visible {
            let name = disk.precomposedStringWithCanonicalMapping
            guard Self.nameProblem(name) == nil, let st = StoreFiles.lstatus(folder + "/" + disk), StoreFiles.isRegular(st) else { continue }
            out.append(Entry(name: name, size: Int(st.st_size), modified: StoreFiles.modified(st),
                             revision: cachedRevision(folder + "/" + disk, st) ?? ""))
        }
        return out.sorted { Self.nameLess($0.name, $1.name) }
    }

    /// A document's bytes and their revision. Throws web-name, web-not-found, web-link, web-too-large.
    public func read(_ name: String) throws(Problems) -> (bytes: [UInt8], revision: String) {
        let name = try Self.checked(name)
        guard let current = try currentFile(name) else { throw StoreProblems.notFound(name) }
        return (current.bytes, StoreFiles.revision(current.bytes))
    }

    /// A document's revision (a hex hash of its bytes), or nil when there is no such document (or it
    /// cannot be read).
    public func revision(of name: String) -> String? {
        guard let name = try? Self.checked(name), let path = diskPath(name), let st = StoreFiles.lstatus(path),
              StoreFiles.isRegular(st) else { return nil }
        return cachedRevision(path, st)
    }

    /// Saves a document. `expected == nil` creates it (web-exists when it is there). Otherwise the current
    /// revision must equal `expected`, else web-conflict (someone saved or deleted it meanwhile: the caller
    /// still has its bytes and shows both). The current version is first copied into the history; the new
    /// bytes are written atomically (a temporary file beside, flushed, renamed). Saving the same bytes
    /// again changes nothing. Returns the new revision.
    @discardableResult
    public func write(_ name: String, bytes: [UInt8], expected: String?) throws(Problems) -> String {
        let name = try Self.checked(name)
        if bytes.count > limits.fileBytes { throw StoreProblems.tooLarge(name, limit: limits.fileBytes) }
        return try lock.locked { () throws(Problems) -> String in
            if expected == nil, let path = diskPath(name) {
                if let st = StoreFiles.lstatus(path), StoreFiles.isLink(st) { throw StoreProblems.link(name) }
                throw StoreProblems.exists(name)
            }
            let current = try currentFile(name)
            if let expected {
                guard let current else { throw StoreProblems.conflict(name, deleted: true) }
                guard StoreFiles.revision(current.bytes) == expected else { throw StoreProblems.conflict(name, deleted: false) }
            }
            return try replace(name, current: current, with: bytes)
        }
    }

    /// Deletes a document: the file moves into its history as a version marked deleted (it keeps the
    /// content), so it shows in `deletedNames` and `restore` brings it back. With `expected`, the current
    /// revision must equal it (else web-conflict).
    public func delete(_ name: String, expected: String?) throws(Problems) {
        let name = try Self.checked(name)
        try lock.locked { () throws(Problems) in
            guard let current = try currentFile(name) else { throw StoreProblems.notFound(name) }
            let rev = StoreFiles.revision(current.bytes)
            if let expected, expected != rev { throw StoreProblems.conflict(name, deleted: false) }
            let target = try historyPath(name, date: Date(), revision: rev, deleted: true)
            let moved: Int32 = rename(current.path, target) == 0 ? 0 : errno
            if moved != 0 { throw StoreProblems.writeFailed(name, "rename", moved) }
            StoreFiles.syncFolder(folder)
            StoreFiles.syncFolder((target as NSString).deletingLastPathComponent)
        }
    }

    /// Makes a version current again: the current document (if any) goes into the history first. Works
    /// for a deleted document (its deletion marker or any earlier version). Returns the new revision.
    @discardableResult
    public func restore(_ name: String, version id: String) throws(Problems) -> String {
        let name = try Self.checked(name)
        return try lock.locked { () throws(Problems) -> String in
            let bytes = try readVersion(name, id: id)
            return try replace(name, current: try currentFile(name), with: bytes)
        }
    }

    /// Under the lock: the current version (if any) into the history, then `bytes` in its place.
    private func replace(_ name: String, current: (path: String, bytes: [UInt8], status: stat)?, with bytes: [UInt8]) throws(Problems) -> String {
        let new = StoreFiles.revision(bytes)
        if let current {
            let old = StoreFiles.revision(current.bytes)
            if old == new { return new }
            let kept = try historyPath(name, date: StoreFiles.modified(current.status), revision: old, deleted: false)
            try StoreFiles.writeAtomically(current.bytes, to: kept, shown: name)
        }
        try StoreFiles.writeAtomically(bytes, to: current?.path ?? folder + "/" + name, shown: name, afterStaging: afterStaging)
        return new
    }

    /// Fills an empty folder with the examples (six plans, an analysis with its statistics, an order
    /// of textbooks with its column map and contracts): only when the folder has no documents and no
    /// history, so it happens once and never over anyone's files. True when it did.
    public func fillWithExamples() throws(Problems) -> Bool {
        try lock.locked { () throws(Problems) -> Bool in
            guard try list().isEmpty, (StoreFiles.names(in: history) ?? []).allSatisfy({ $0.hasPrefix(".") }) else { return false }
            for (name, bytes) in Self.examples {
                try StoreFiles.writeAtomically(bytes, to: folder + "/" + name, shown: name)
            }
            return true
        }
    }

    /// The examples `fillWithExamples` writes, by name, in order.
    public static var examples: [(name: String, bytes: [UInt8])] {
        EmbeddedExamples.base64.map { ($0.name, [UInt8](Data(base64Encoded: $0.data) ?? Data())) }
    }

    // MARK: - Files

    /// The path of a document on disk: `folder/name`, or a file whose name is `name` in another Unicode
    /// form (a folder copied from a Mac keeps its names decomposed). Nil when there is none.
    func diskPath(_ name: String) -> String? {
        let path = folder + "/" + name
        if StoreFiles.lstatus(path) != nil { return path }
        // Swift's `==` is canonical equivalence: the bytes tell the forms apart.
        for n in StoreFiles.names(in: folder) ?? [] where !n.utf8.elementsEqual(name.utf8) && n.precomposedStringWithCanonicalMapping == name {
            return folder + "/" + n
        }
        return nil
    }

    /// The current document: its path, bytes and status; nil when absent. Refuses links, what is not a
    /// file and more than `limits.fileBytes`.
    func currentFile(_ name: String) throws(Problems) -> (path: String, bytes: [UInt8], status: stat)? {
        guard let path = diskPath(name), let r = try StoreFiles.read(path, shown: name, limit: limits.fileBytes) else { return nil }
        return (path, r.bytes, r.status)
    }

    /// The revision of a file, remembered while the file stays the same (inode, size, times).
    private func cachedRevision(_ path: String, _ st: stat) -> String? {
        let key = [Int(st.st_dev), Int(st.st_ino), Int(st.st_size), Int(st.st_mtim.tv_sec), Int(st.st_mtim.tv_nsec),
                   Int(st.st_ctim.tv_sec), Int(st.st_ctim.tv_nsec)]
        cacheLock.lock()
        let known = revisionCache[path]
        cacheLock.unlock()
        if let known, known.key == key { return known.revision }
        guard let revision = StoreFiles.revision(ofFile: path) else { return nil }
        cacheLock.lock()
        revisionCache[path] = (key, revision)
        cacheLock.unlock()
        return revision
    }
}
