internal import CLibZip
import Foundation

/// One entry of a zip archive as its central directory describes it.
public struct ZipEntry: Sendable, Equatable {
    /// The entry's name (a path inside the package, `/`-separated).
    public var name: String
    /// Its index in the archive.
    public var index: Int
    /// Inflated size as declared (never trusted when reading: reads are capped).
    public var size: UInt64
    /// Compressed size.
    public var compressedSize: UInt64
    /// True when the entry is stored without compression.
    public var isStored: Bool
}

/// A zip archive opened read-only from bytes in memory. The package is validated when opened:
/// names, duplicates, entry count, declared sizes and ratios; reads are capped by the limits too, so a
/// header that lies about sizes gains nothing.
public final class ZipArchive {
    let handle: OpaquePointer
    /// The entries in archive order.
    public let entries: [ZipEntry]
    /// The limits this archive was opened with.
    public let limits: ZipLimits
    private let byName: [String: Int]

    /// Opens an archive from bytes. The corresponding C functions are `zip_source_buffer_create` and
    /// `zip_open_from_source`.
    public init(bytes: [UInt8], limits: ZipLimits = ZipLimits()) throws(ZipError) {
        guard bytes.count >= 22 else { throw ZipError(.notZip, detail: "too short") }
        guard let copy = malloc(bytes.count) else { throw ZipError(.damaged, detail: "out of memory") }
        bytes.withUnsafeBytes { copy.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        // With freep = 1 libzip frees the copy together with the source.
        guard let source = zip_source_buffer_create(copy, zip_uint64_t(bytes.count), 1, &error) else {
            free(copy)
            throw ZipError(.damaged, detail: String(cString: zip_error_strerror(&error)))
        }
        guard let za = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error) else {
            let code = zip_error_code_zip(&error)
            let detail = String(cString: zip_error_strerror(&error))
            zip_source_free(source)
            // A file that begins as a zip but has no central directory was cut short: damaged, not "not a zip".
            if code == ZIP_ER_NOZIP && bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
                throw ZipError(.damaged, detail: "no central directory: the file is cut short")
            }
            throw ZipError(code == ZIP_ER_NOZIP ? .notZip : .damaged, detail: detail)
        }
        handle = za
        self.limits = limits
        // From here on, deinit frees the archive (and with it the source) if validation fails.
        let count = Int(zip_get_num_entries(za, 0))
        var list: [ZipEntry] = []
        var names: [String: Int] = [:]
        var total: UInt64 = 0
        var failure: ZipError?
        if count > limits.maxEntries {
            failure = ZipError(.tooManyEntries, detail: "\(count) > \(limits.maxEntries)")
        }
        var i = 0
        while failure == nil && i < count {
            var st = zip_stat_t()
            zip_stat_init(&st)
            guard zip_stat_index(za, zip_uint64_t(i), ZIP_FL_ENC_GUESS, &st) == 0, let cname = st.name else {
                failure = ZipError(.damaged, detail: "entry \(i)")
                break
            }
            let name = String(cString: cname)
            if !ZipArchive.isSafe(name) { failure = ZipError(.unsafeName, entry: name); break }
            if names[name] != nil { failure = ZipError(.duplicateName, entry: name); break }
            if st.encryption_method != UInt16(ZIP_EM_NONE) { failure = ZipError(.encrypted, entry: name); break }
            if st.size > limits.maxEntrySize {
                failure = ZipError(.entryTooLarge, entry: name, detail: "\(st.size)")
                break
            }
            if st.size > limits.ratioFloor && st.size / max(st.comp_size, 1) > limits.maxRatio {
                failure = ZipError(.ratioTooHigh, entry: name, detail: "\(st.size)/\(st.comp_size)")
                break
            }
            total += st.size
            if total > limits.maxTotalSize { failure = ZipError(.packageTooLarge, detail: "\(total)"); break }
            names[name] = i
            list.append(ZipEntry(name: name, index: i, size: st.size, compressedSize: st.comp_size,
                                 isStored: st.comp_method == Int32(ZIP_CM_STORE)))
            i += 1
        }
        entries = list
        byName = names
        if let failure { throw failure }
    }

    deinit { zip_discard(handle) }

    /// A name is safe when it is relative, has no `..` component, no backslash, no drive letter and no NUL.
    public static func isSafe(_ name: String) -> Bool {
        // On the UTF-8 bytes: Foundation's substring search costs thousands of instructions per name.
        let u = Array(name.utf8)
        guard let first = u.first, first != UInt8(ascii: "/") else { return false }
        if u.count >= 2 && u[1] == UInt8(ascii: ":") { return false }
        var componentStart = 0
        for (k, c) in u.enumerated() {
            if c == UInt8(ascii: "\\") || c == 0 { return false }
            if c == UInt8(ascii: "/") {
                if k - componentStart == 2 && u[componentStart] == UInt8(ascii: ".") && u[componentStart + 1] == UInt8(ascii: ".") { return false }
                componentStart = k + 1
            }
        }
        return !(u.count - componentStart == 2 && u[componentStart] == UInt8(ascii: ".") && u[componentStart + 1] == UInt8(ascii: "."))
    }

    /// The entry with this name.
    public func entry(named name: String) -> ZipEntry? {
        byName[name].map { entries[$0] }
    }

    /// True when the archive has an entry with this name.
    public func contains(_ name: String) -> Bool { byName[name] != nil }

    /// Inflates one entry, refusing to produce more than the entry limit however the header lies.
    /// The corresponding C functions are `zip_fopen_index` and `zip_fread`.
    public func read(_ name: String) throws(ZipError) -> [UInt8] {
        guard let entry = entry(named: name) else { throw ZipError(.missingEntry, entry: name) }
        guard let file = zip_fopen_index(handle, zip_uint64_t(entry.index), 0) else {
            let err = zip_get_error(handle)
            let code = zip_error_code_zip(err)
            let detail = String(cString: zip_error_strerror(err))
            throw ZipError(code == ZIP_ER_COMPNOTSUPP ? .unsupportedCompression : .damaged, entry: name, detail: detail)
        }
        defer { zip_fclose(file) }
        // Read straight into an array of the declared size (plus one byte, to notice an entry longer than
        // its header says), so that a large part is held once, never in a doubling buffer; only such a
        // lying entry goes on in chunks, up to the limit. (Pages a lying header reserves but the entry
        // does not fill are never touched, so they take no memory.)
        let first = Int(min(entry.size, limits.maxEntrySize)) + 1
        var failure: ZipError?
        var out = [UInt8](unsafeUninitializedCapacity: first) { buf, count in
            count = 0
            while count < buf.count {
                let n = zip_fread(file, buf.baseAddress! + count, zip_uint64_t(buf.count - count))
                if n < 0 {
                    failure = ZipError(.damaged, entry: name, detail: String(cString: zip_error_strerror(zip_file_get_error(file))))
                    return
                }
                if n == 0 { return }
                count += Int(n)
            }
        }
        if let failure { throw failure }
        if UInt64(out.count) > limits.maxEntrySize {
            throw ZipError(.entryTooLarge, entry: name, detail: "> \(limits.maxEntrySize)")
        }
        if out.count == first {
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = chunk.withUnsafeMutableBytes { zip_fread(file, $0.baseAddress, zip_uint64_t($0.count)) }
                if n < 0 {
                    throw ZipError(.damaged, entry: name, detail: String(cString: zip_error_strerror(zip_file_get_error(file))))
                }
                if n == 0 { break }
                if UInt64(out.count) + UInt64(n) > limits.maxEntrySize {
                    throw ZipError(.entryTooLarge, entry: name, detail: "> \(limits.maxEntrySize)")
                }
                out.append(contentsOf: chunk[0..<Int(n)])
            }
        }
        if UInt64(out.count) != entry.size {
            throw ZipError(.damaged, entry: name, detail: "size \(out.count) != \(entry.size)")
        }
        return out
    }
}
