import Foundation
import ShablonData
import ShablonRussian
#if canImport(Glibc)
import Glibc
#endif

/// Reading inputs and writing outputs so that nothing is lost: an input is never an output, an output
/// appears whole or not at all, and nothing temporary outlives the program.
public enum Files {
    /// A file's identity: device and inode, the same whatever name or link reaches it.
    struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64

        init(_ st: stat) {
            device = UInt64(st.st_dev)
            inode = UInt64(st.st_ino)
        }
    }

    /// Every regular file this process has read, by identity, with the name it was read by.
    final class Inputs: @unchecked Sendable {
        private let lock = NSLock()
        private var seen: [Identity: String] = [:]

        func add(_ id: Identity, _ path: String) {
            lock.lock()
            if seen[id] == nil { seen[id] = path }
            lock.unlock()
        }

        func name(of id: Identity) -> String? {
            lock.lock()
            defer { lock.unlock() }
            return seen[id]
        }
    }

    static let inputs = Inputs()

    /// Reads a whole file (or standard input for `-`), refusing files larger than `limit` bytes. The
    /// file is remembered as an input: no output of this process may replace it.
    public static func read(_ path: String, limit: Int = 1 << 30) throws(Problems) -> [UInt8] {
        func fail(_ ru: String, _ en: String, _ hru: String, _ hen: String, code: Problem.Code = .readFailed) -> Problems {
            Problems([Problem(code: code, file: path, message: LocalizedText(ru: ru, en: en), hint: LocalizedText(ru: hru, en: hen))])
        }
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let e = errno
            if e == ENOENT {
                throw fail("файл не найден", "file not found", "Проверьте путь и имя файла.", "Check the path and the file name.", code: .fileNotFound)
            }
            throw fail("файл не открывается: \(String(cString: strerror(e)))", "cannot open the file: \(String(cString: strerror(e)))",
                       "Проверьте права доступа.", "Check the permissions.")
        }
        defer { if fd != 0 { close(fd) } }
        var st = stat()
        if fstat(fd, &st) == 0 {
            if (st.st_mode & S_IFMT) == S_IFDIR {
                throw fail("это папка, а не файл", "this is a folder, not a file", "Укажите файл.", "Name a file.")
            }
            // Standard input redirected from a file is an input too.
            if (st.st_mode & S_IFMT) == S_IFREG { inputs.add(Identity(st), path) }
        }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw fail("ошибка чтения: \(String(cString: strerror(errno)))", "read error: \(String(cString: strerror(errno)))",
                           "Проверьте диск и повторите.", "Check the disk and try again.")
            }
            if n == 0 { break }
            if out.count + n > limit {
                throw fail("файл больше допустимого (\(Counted.bytes.ru(limit)))", "the file is larger than the limit (\(Counted.bytes.en(limit)))",
                           "Проверьте, тот ли это файл.", "Check that this is the right file.", code: "file-too-large")
            }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    /// Marks a file as an input without reading it through `read` (a file another program reads).
    public static func noteInput(_ path: String) {
        var st = stat()
        if stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG { inputs.add(Identity(st), path) }
    }

    /// True when two paths name the same existing file (the same device and inode).
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return Identity(sa) == Identity(sb)
    }

    /// Refuses an output path that names a file this process read (or one of `inputs`), compared by
    /// identity: another name, a link or `./` does not make it another file.
    public static func checkNotInput(_ path: String, inputs extra: [String] = []) throws(Problems) {
        for input in extra where input != "-" { noteInput(input) }
        var st = stat()
        guard stat(path, &st) == 0, let input = inputs.name(of: Identity(st)) else { return }
        throw Problems([Problem(code: .outputIsInput, file: path,
                                message: LocalizedText(ru: "выходной файл «\(path)» — это входной файл «\(input)»: входные файлы никогда не перезаписываются",
                                                       en: "the output '\(path)' is the input '\(input)': inputs are never overwritten"),
                                hint: LocalizedText(ru: "Укажите в -o другое имя или другую папку.", en: "Give another name or folder with -o."))])
    }

    /// Checks that an output can be written there: its folder exists and is a folder.
    public static func checkOutputFolder(_ path: String) throws(Problems) {
        let folder = Paths.folder(of: path)
        var st = stat()
        guard stat(folder, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
            throw Problems([Problem(code: .outputFolderMissing, file: path,
                                    message: LocalizedText(ru: "папки «\(folder)» нет", en: "folder '\(folder)' does not exist"),
                                    hint: LocalizedText(ru: "Создайте папку или укажите другой путь в -o.", en: "Create the folder or give another path with -o."))])
        }
    }

    /// Writes a file atomically: into a temporary file beside it, flushed to disk, then renamed over the
    /// target. On any failure or signal the temporary file is removed and an existing file at `path` is
    /// untouched; an input of this process is never replaced.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(Problems) {
        let set = OutputSet()
        do throws(Problems) {
            try set.stage(bytes, to: path)
            try set.commit()
        } catch {
            set.discard()
            throw error
        }
    }

    /// A write failure with the system's reason.
    static func writeFailure(_ path: String, _ what: String, _ e: Int32) -> Problems {
        let reason = String(cString: strerror(e))
        return Problems([Problem(code: .writeFailed, file: path,
                                 message: LocalizedText(ru: "не удалось записать файл (\(what): \(reason))", en: "could not write the file (\(what): \(reason))"),
                                 hint: LocalizedText(ru: "Проверьте права на папку и место на диске; прежние файлы не тронуты.",
                                                     en: "Check the folder's permissions and free space; previous files are untouched."))])
    }

    /// Creates an empty temporary file beside `path` (mode 0600 until filled) and returns its name
    /// and descriptor.
    static func createTemporary(beside path: String) throws(Problems) -> (name: String, fd: Int32) {
        // The name shows whose file it is, cut so that the temporary name (and its «.old» backup) stays
        // within the 255 bytes a file name may have.
        var name = Substring(Paths.name(of: path))
        while name.utf8.count > 200 { name = name.dropLast() }
        var template = Array((Paths.folder(of: path) + "/." + name + ".shablon-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw writeFailure(path, "mkstemp", errno) }
        return (String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self), fd)
    }

    /// Writes `bytes` to an open temporary file, flushes it to disk, gives it the mode of an ordinary
    /// file (0666 less the umask) and closes it. Returns 0 or the error number.
    public static func fill(_ fd: Int32, with bytes: [UInt8]) -> Int32 {
        var failure: Int32 = 0
        var offset = 0
        bytes.withUnsafeBytes { buf in
            while offset < buf.count {
                let n = write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n < 0 { if errno == EINTR { continue }; failure = errno; return }
                offset += n
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        let mask = umask(0); umask(mask)
        fchmod(fd, 0o666 & ~mask)
        if close(fd) != 0 && failure == 0 { failure = errno }
        return failure
    }

    /// Flushes a folder's entries (the renames into it) to disk.
    static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { fsync(fd); close(fd) }
    }

    /// Removes a file or a folder with everything in it; missing is fine.
    static func removeTree(_ path: String) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            if let names = try? FileManager.default.contentsOfDirectory(atPath: path) {
                for n in names { removeTree(Paths.join(path, n)) }
            }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}

/// Набор выходных файлов: several outputs (the specifications and their summary, a batch's documents,
/// an analysis and its schools' data) that appear whole or not at all.
///
/// Each output is first written to a temporary file beside its place (`stage`); `commit` then moves them
/// all into place as one step that a signal cannot cut in two. Where a file is replaced, the old one is
/// kept under a temporary name until every new file is in place, so that a failure half-way puts every
/// old file back. On `discard`, a failure or a signal the temporary files go, and so do the folders the
/// set created. Stage may be called from several threads at once.
public final class OutputSet: @unchecked Sendable {
    private let lock = NSLock()
    private var staged: [(temporary: String, target: String)] = []
    private var targets: Set<String> = []
    private var createdFolders: [String] = []
    private var finished = false
    private var token = 0

    /// An empty set, registered for cleanup on a signal.
    public init() {
        token = Interrupts.shared.add { [weak self] in self?.discard() }
    }

    deinit { Interrupts.shared.remove(token) }

    /// Creates a folder (its parent must exist) that belongs to the set: it is removed again when the
    /// set is discarded. An existing folder is used as it is.
    public func createFolder(_ path: String) throws(Problems) {
        var st = stat()
        if stat(path, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else {
                throw Problems([Problem(code: .outputNotAFolder, file: path,
                                        message: LocalizedText(ru: "«\(path)» — файл, а не папка", en: "'\(path)' is a file, not a folder"),
                                        hint: LocalizedText(ru: "Укажите в -o папку.", en: "Give a folder with -o."))])
            }
            return
        }
        try Files.checkOutputFolder(path)
        let made: Int32 = Interrupts.shared.withoutInterruption {
            if mkdir(path, 0o777) == 0 {
                lock.lock(); createdFolders.append(path); lock.unlock()
                return 0
            }
            return errno
        }
        if made != 0 && made != EEXIST {
            let reason = String(cString: strerror(made))
            throw Problems([Problem(code: .outputFolderFailed, file: path,
                                    message: LocalizedText(ru: "не удалось создать папку «\(path)»: \(reason)", en: "could not create the folder '\(path)': \(reason)"),
                                    hint: LocalizedText(ru: "Проверьте права на папку над ней и место на диске.", en: "Check the permissions of the folder above it and free space."))])
        }
    }

    /// Writes one output's bytes beside its place. Refuses an input of this process, and a second
    /// output to the same place.
    public func stage(_ bytes: [UInt8], to path: String) throws(Problems) {
        try Files.checkNotInput(path)
        try Files.checkOutputFolder(path)
        lock.lock()
        let repeated = !targets.insert(path).inserted || finished
        lock.unlock()
        if repeated {
            throw Problems([Problem(code: .outputRepeated, file: path,
                                    message: LocalizedText(ru: "в «\(path)» записывается второй документ", en: "a second document is written to '\(path)'"),
                                    hint: LocalizedText(ru: "Дайте документам разные имена.", en: "Give the documents different names."))])
        }
        // The temporary file is created and listed in one step, so that a signal's cleanup finds it.
        lock.lock()
        let created: Result<(name: String, fd: Int32), Problems>
        do throws(Problems) {
            let t = try Files.createTemporary(beside: path)
            staged.append((t.name, path))
            created = .success(t)
        } catch {
            targets.remove(path)
            created = .failure(error)
        }
        lock.unlock()
        let t = try created.get()
        let failure = Files.fill(t.fd, with: bytes)
        if failure != 0 {
            lock.lock()
            staged.removeAll { $0.temporary == t.name }
            targets.remove(path)
            lock.unlock()
            unlink(t.name)
            throw Files.writeFailure(path, "write", failure)
        }
    }

    /// How many outputs are staged.
    public var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return staged.count
    }

    /// Moves every staged output into place as one step; on a failure every old file is put back and
    /// nothing new remains.
    public func commit() throws(Problems) {
        try Interrupts.shared.withoutInterruption { () throws(Problems) in
            lock.lock()
            defer { lock.unlock() }
            guard !finished else { return }
            // Inputs read since the outputs were staged (images of later rows) are checked again.
            for s in staged {
                do throws(Problems) { try Files.checkNotInput(s.target) } catch {
                    removeStagedLocked()
                    throw error
                }
            }
            var done: [(target: String, backup: String?)] = []
            func rollBack() {
                for d in done.reversed() {
                    if let b = d.backup { rename(b, d.target) } else { unlink(d.target) }
                }
            }
            for s in staged {
                var backup: String?
                if access(s.target, F_OK) == 0 {
                    let b = s.temporary + ".old"
                    // A hard link keeps the old file in place until the new one replaces it; where the
                    // file system has no links (FAT on a USB stick) the old file is moved aside instead.
                    if link(s.target, b) != 0 && rename(s.target, b) != 0 {
                        let e = errno
                        rollBack()
                        removeStagedLocked()
                        throw Files.writeFailure(s.target, "backup", e)
                    }
                    backup = b
                }
                if rename(s.temporary, s.target) != 0 {
                    let e = errno
                    if let backup { rename(backup, s.target) }
                    rollBack()
                    removeStagedLocked()
                    throw Files.writeFailure(s.target, "rename", e)
                }
                done.append((s.target, backup))
            }
            for d in done { if let b = d.backup { unlink(b) } }
            for folder in Set(staged.map { Paths.folder(of: $0.target) }) { Files.syncFolder(folder) }
            staged.removeAll()
            createdFolders.removeAll()
            finished = true
        }
    }

    /// Removes every staged output and the folders the set created; existing files stay as they were.
    public func discard() {
        lock.lock()
        defer { lock.unlock() }
        removeStagedLocked()
    }

    private func removeStagedLocked() {
        for s in staged { unlink(s.temporary) }
        staged.removeAll()
        for folder in createdFolders.reversed() { rmdir(folder) }
        createdFolders.removeAll()
        finished = true
    }
}
