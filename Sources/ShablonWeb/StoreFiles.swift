import Foundation
import Shablon
import ShablonData
import ShablonRussian
#if canImport(Glibc)
import Glibc
#endif

/// The file operations of the store, on plain system calls: every file is opened refusing a symbolic
/// link in its last component (the only one a name can reach, since a name has no «/»), and a new
/// content appears only by `rename` over the old one.
enum StoreFiles {
    /// What the temporary files of the store are called: `.<name>.shablon-web-XXXXXX` beside the target
    /// (hidden, so never listed; `DocumentStore.init` removes those a killed process left).
    static let temporaryMarker = ".shablon-web-"

    /// Whether a file name in the folder (or in a history folder) is a temporary file of the store.
    static func isTemporary(_ name: String) -> Bool {
        guard name.hasPrefix("."), let r = name.range(of: temporaryMarker, options: .backwards) else { return false }
        return name[r.upperBound...].utf8.count == 6
    }

    /// FNV-1a 64, fed in pieces.
    struct Hash {
        private var h: UInt64 = 0xcbf2_9ce4_8422_2325
        private var count: UInt64 = 0

        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            var h = self.h
            for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
            self.h = h
            count += UInt64(bytes.count)
        }

        /// The hash of the bytes and then of their count, in hex (16 digits).
        func hex() -> String {
            var h = self.h, n = count
            for _ in 0..<8 { h = (h ^ (n & 0xff)) &* 0x0000_0100_0000_01b3; n >>= 8 }
            let hex = String(h, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }
    }

    /// The revision of some bytes: FNV-1a 64 of the bytes and then of their count, in hex (16 digits).
    static func revision(_ bytes: [UInt8]) -> String {
        var hash = Hash()
        bytes.withUnsafeBytes { hash.add($0) }
        return hash.hex()
    }

    /// The revision of a regular file read in pieces (whatever its size); nil when it is a link, not a
    /// regular file or cannot be read.
    static func revision(ofFile path: String) -> String? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, isRegular(st) else { return nil }
        var hash = Hash()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR || errno == EAGAIN { continue }; return nil }
            if n == 0 { return hash.hex() }
            chunk.withUnsafeBytes { hash.add(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
    }

    /// A file's status without following a link; nil when there is nothing by that name.
    static func lstatus(_ path: String) -> stat? {
        var st = stat()
        return lstat(path, &st) == 0 ? st : nil
    }

    static func isDirectory(_ st: stat) -> Bool { (st.st_mode & S_IFMT) == S_IFDIR }
    static func isRegular(_ st: stat) -> Bool { (st.st_mode & S_IFMT) == S_IFREG }
    static func isLink(_ st: stat) -> Bool { (st.st_mode & S_IFMT) == S_IFLNK }

    /// A file's modification time.
    static func modified(_ st: stat) -> Date {
        Date(timeIntervalSince1970: TimeInterval(st.st_mtim.tv_sec) + TimeInterval(st.st_mtim.tv_nsec) / 1e9)
    }

    /// The names in a folder (not «.» and «..»); nil when it cannot be read. Stops after `limit` names.
    static func names(in folder: String, limit: Int = .max) -> [String]? {
        guard let dir = opendir(folder) else { return nil }
        defer { closedir(dir) }
        var out: [String] = []
        while let e = readdir(dir) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            out.append(name)
            if out.count >= limit { break }
        }
        return out
    }

    /// Reads a whole regular file, refusing a link, anything that is not a regular file and more than
    /// `limit` bytes. Nil when the file does not exist. `shown` is the name problems give.
    static func read(_ path: String, shown: String, limit: Int) throws(Problems) -> (bytes: [UInt8], status: stat)? {
        // O_NONBLOCK: a named pipe put in the folder must not hang the server (refused below).
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            let e = errno
            if e == ENOENT { return nil }
            if e == ELOOP { throw StoreProblems.link(shown) }
            throw StoreProblems.readFailed(shown, e)
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreProblems.readFailed(shown, errno) }
        guard isRegular(st) else { throw StoreProblems.notAFile(shown) }
        if Int(st.st_size) > limit { throw StoreProblems.tooLarge(shown, limit: limit) }
        var out: [UInt8] = []
        out.reserveCapacity(Int(st.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw StoreProblems.readFailed(shown, errno)
            }
            if n == 0 { break }
            if out.count + n > limit { throw StoreProblems.tooLarge(shown, limit: limit) }
            out.append(contentsOf: chunk[0..<n])
        }
        return (out, st)
    }

    /// Writes `bytes` to `path` atomically: a temporary file beside it (mode 0600 until filled), written,
    /// flushed to disk, renamed over `path`, and the folder flushed. A failure leaves `path` as it was and
    /// no temporary file; a kill leaves `path` as it was and a hidden temporary file that
    /// `DocumentStore.init` removes. `path` must not be a link (the caller checked under the lock).
    /// `afterStaging` is called between staging and renaming with the temporary file's path (for tests).
    static func writeAtomically(_ bytes: [UInt8], to path: String, shown: String,
                                afterStaging: ((String) -> Void)? = nil) throws(Problems) {
        let folder = (path as NSString).deletingLastPathComponent
        var base = Substring((path as NSString).lastPathComponent)
        while base.utf8.count > 200 { base = base.dropLast() }
        var template = Array((folder + "/." + base + temporaryMarker + "XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw StoreProblems.writeFailed(shown, "mkstemp", errno) }
        let temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // A signal handled by the command line (Interrupts) removes the temporary file too.
        let token = Interrupts.shared.add { unlink(temporary) }
        defer { Interrupts.shared.remove(token) }
        let failure = Files.fill(fd, with: bytes)
        if failure != 0 {
            unlink(temporary)
            throw StoreProblems.writeFailed(shown, "write", failure)
        }
        afterStaging?(temporary)
        let renamed: Int32 = Interrupts.shared.withoutInterruption { rename(temporary, path) == 0 ? 0 : errno }
        if renamed != 0 {
            unlink(temporary)
            throw StoreProblems.writeFailed(shown, "rename", renamed)
        }
        syncFolder(folder)
    }

    /// Flushes a folder's entries (the renames into it) to disk.
    static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    /// Makes a folder inside the store (its parent exists); an existing folder is fine, a link or a file
    /// by that name is refused.
    static func makeFolder(_ path: String, shown: String) throws(Problems) {
        if mkdir(path, 0o777) == 0 { return }
        let e = errno
        guard e == EEXIST else { throw StoreProblems.writeFailed(shown, "mkdir", e) }
        guard let st = lstatus(path) else { throw StoreProblems.writeFailed(shown, "mkdir", e) }
        if isLink(st) { throw StoreProblems.link(shown) }
        guard isDirectory(st) else { throw StoreProblems.notAFolder(shown) }
    }
}

/// The lock that makes a check-and-write one step: a mutex for the threads of this process and `flock`
/// on `история/.lock` for other processes (another `shablon serve` on the same folder).
final class StoreLock: @unchecked Sendable {
    private let mutex = NSLock()
    private let path: String

    init(path: String) { self.path = path }

    /// Runs `body` holding both locks.
    func locked<T>(_ body: () throws(Problems) -> T) throws(Problems) -> T {
        mutex.lock()
        defer { mutex.unlock() }
        // Opened for each step (close-on-exec): no descriptor outlives the step or goes to a child process.
        let fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw StoreProblems.lockFailed(path, errno) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            throw StoreProblems.lockFailed(path, errno)
        }
        return try body()
    }
}
