import Foundation
import ShablonData
#if canImport(Glibc)
import Glibc
#endif

/// Reading inputs and writing outputs so that nothing is lost: an output appears whole or not at all.
public enum Files {
    /// Reads a whole file (or standard input for `-`), refusing files larger than `limit` bytes.
    public static func read(_ path: String, limit: Int = 1 << 30) throws(Problems) -> [UInt8] {
        func fail(_ ru: String, _ en: String, _ hru: String, _ hen: String, code: String = "read-failed") -> Problems {
            Problems([Problem(code: code, file: path, message: LocalizedText(ru: ru, en: en), hint: LocalizedText(ru: hru, en: hen))])
        }
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            let e = errno
            if e == ENOENT {
                throw fail("файл не найден", "file not found", "Проверьте путь и имя файла.", "Check the path and the file name.", code: "file-not-found")
            }
            throw fail("файл не открывается: \(String(cString: strerror(e)))", "cannot open the file: \(String(cString: strerror(e)))",
                       "Проверьте права доступа.", "Check the permissions.")
        }
        defer { if fd != 0 { close(fd) } }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            throw fail("это папка, а не файл", "this is a folder, not a file", "Укажите файл.", "Name a file.")
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
                throw fail("файл больше допустимого (\(limit) байт)", "the file is larger than the limit (\(limit) bytes)",
                           "Проверьте, тот ли это файл.", "Check that this is the right file.", code: "file-too-large")
            }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }

    /// True when two paths name the same existing file.
    public static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    /// Checks that an output can be written there: its folder exists and is a folder.
    public static func checkOutputFolder(_ path: String) throws(Problems) {
        let dir = (path as NSString).deletingLastPathComponent
        let folder = dir.isEmpty ? "." : dir
        var st = stat()
        guard stat(folder, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else {
            throw Problems([Problem(code: "output-folder-missing", file: path,
                                    message: LocalizedText(ru: "папки «\(folder)» нет", en: "folder '\(folder)' does not exist"),
                                    hint: LocalizedText(ru: "Создайте папку или укажите другой путь в -o.", en: "Create the folder or give another path with -o."))])
        }
    }

    /// Writes a file atomically: into a temporary file beside it, flushed to disk, then renamed over the
    /// target. On any failure the temporary file is removed and an existing file at `path` is untouched.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(Problems) {
        try checkOutputFolder(path)
        let dir = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        var template = Array(((dir.isEmpty ? "." : dir) + "/." + base + ".shablon-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        let tmp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        func fail(_ what: String) -> Problems {
            let e = String(cString: strerror(errno))
            return Problems([Problem(code: "write-failed", file: path,
                                     message: LocalizedText(ru: "не удалось записать файл (\(what): \(e))", en: "could not write the file (\(what): \(e))"),
                                     hint: LocalizedText(ru: "Проверьте права на папку и место на диске; прежний файл не тронут.",
                                                         en: "Check the folder's permissions and free space; any previous file is untouched."))])
        }
        guard fd >= 0 else { throw fail("mkstemp") }
        var ok = true
        var offset = 0
        bytes.withUnsafeBytes { buf in
            while offset < buf.count {
                let n = write(fd, buf.baseAddress! + offset, buf.count - offset)
                if n < 0 { if errno == EINTR { continue }; ok = false; return }
                offset += n
            }
        }
        if ok { ok = fsync(fd) == 0 }
        // mkstemp creates 0600; documents are ordinary files.
        let mask = umask(0); umask(mask)
        fchmod(fd, 0o666 & ~mask)
        close(fd)
        guard ok else { let e = fail("write"); unlink(tmp); throw e }
        guard rename(tmp, path) == 0 else { let e = fail("rename"); unlink(tmp); throw e }
    }
}
