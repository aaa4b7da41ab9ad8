internal import CLibZip
import Foundation

/// How a new entry is stored.
public enum ZipCompression: Sendable, Equatable {
    /// No compression (ODF's `mimetype` must be stored).
    case store
    /// Deflate at a level from 1 (fastest) to 9 (smallest).
    case deflate(level: Int)
}

/// Builds a zip archive in memory. Entries are written in the order they are added; untouched entries of
/// another archive are copied as they are, without inflating and deflating them again.
public final class ZipWriter {
    private let source: OpaquePointer
    private var handle: OpaquePointer?
    private var sources: [ZipArchive] = []
    /// The modification time written for every entry, so equal input gives byte-identical output
    /// (default 1980-01-01 00:00, the earliest a zip can hold).
    public var timestamp: Int = 315_532_800 + 43_200

    /// Creates an empty in-memory archive. The corresponding C functions are `zip_source_buffer_create`
    /// and `zip_open_from_source`.
    public init() throws(ZipError) {
        var error = zip_error_t()
        zip_error_init(&error)
        defer { zip_error_fini(&error) }
        guard let src = zip_source_buffer_create(nil, 0, 0, &error) else {
            throw ZipError(.writeFailed, detail: String(cString: zip_error_strerror(&error)))
        }
        zip_source_keep(src)
        guard let za = zip_open_from_source(src, ZIP_TRUNCATE | ZIP_CREATE, &error) else {
            zip_source_free(src)
            zip_source_free(src)
            throw ZipError(.writeFailed, detail: String(cString: zip_error_strerror(&error)))
        }
        source = src
        handle = za
    }

    deinit {
        if let handle { zip_discard(handle) }
        zip_source_free(source)
    }

    private func failure(_ name: String?) -> ZipError {
        guard let handle else { return ZipError(.writeFailed, entry: name, detail: "closed") }
        return ZipError(.writeFailed, entry: name, detail: String(cString: zip_error_strerror(zip_get_error(handle))))
    }

    private func added(_ src: OpaquePointer, _ name: String) throws(ZipError) -> zip_uint64_t {
        guard let handle else { zip_source_free(src); throw failure(name) }
        let index = zip_file_add(handle, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE)
        guard index >= 0 else { zip_source_free(src); throw failure(name) }
        zip_file_set_mtime(handle, zip_uint64_t(index), time_t(timestamp), 0)
        return zip_uint64_t(index)
    }

    /// Adds an entry with new content. Deflated entries are compressed with a zlib stream kept between
    /// entries and handed to libzip already deflated (`zip_source_function`, as libzip copies entries of
    /// another archive); stored entries go through `zip_source_buffer`. Both are added with `zip_file_add`.
    public func add(_ name: String, _ data: [UInt8], compression: ZipCompression) throws(ZipError) {
        guard let handle else { throw failure(name) }
        if case .deflate(let level) = compression, !data.isEmpty {
            if let src = DeflateStreams.shared.deflated(data, level: min(max(level, 1), 9), into: handle) {
                _ = try added(src, name)
                return
            }
        }
        // An empty entry gets no buffer: libzip skips a zero-length buffer and would never free it.
        let copy = data.isEmpty ? nil : malloc(data.count)
        if !data.isEmpty && copy == nil { throw ZipError(.writeFailed, entry: name, detail: "out of memory") }
        if let copy { data.withUnsafeBytes { if let b = $0.baseAddress { copy.copyMemory(from: b, byteCount: data.count) } } }
        guard let src = zip_source_buffer(handle, copy, zip_uint64_t(data.count), copy == nil ? 0 : 1) else {
            free(copy)
            throw failure(name)
        }
        let index = try added(src, name)
        let result: Int32
        switch compression {
        case .store: result = zip_set_file_compression(handle, index, Int32(ZIP_CM_STORE), 0)
        case .deflate(let level):
            result = zip_set_file_compression(handle, index, Int32(ZIP_CM_DEFLATE), zip_uint32_t(min(max(level, 1), 9)))
        }
        guard result == 0 else { throw failure(name) }
    }

    /// Copies an entry of another archive byte for byte, still compressed. The corresponding C function
    /// is `zip_source_zip` with `ZIP_FL_COMPRESSED`.
    public func copy(_ name: String, from archive: ZipArchive) throws(ZipError) {
        guard let handle else { throw failure(name) }
        guard let entry = archive.entry(named: name) else { throw ZipError(.missingEntry, entry: name) }
        guard let src = zip_source_zip(handle, archive.handle, zip_uint64_t(entry.index), ZIP_FL_COMPRESSED, 0, -1) else {
            throw failure(name)
        }
        sources.append(archive)
        _ = try added(src, name)
    }

    /// Writes the central directory and returns the whole archive. The writer cannot be used after.
    /// The corresponding C function is `zip_close`.
    public func finish() throws(ZipError) -> [UInt8] {
        guard let za = handle else { throw failure(nil) }
        // libzip writes nothing at all for an archive without entries (it removes the file): an empty
        // archive is just the end-of-central-directory record.
        if zip_get_num_entries(za, 0) == 0 {
            zip_discard(za)
            handle = nil
            sources.removeAll()
            return [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)
        }
        guard zip_close(za) == 0 else {
            let e = failure(nil)
            zip_discard(za)
            handle = nil
            throw e
        }
        handle = nil
        sources.removeAll()
        guard zip_source_open(source) == 0 else { throw ZipError(.writeFailed, detail: "reopen") }
        defer { zip_source_close(source) }
        zip_source_seek(source, 0, SEEK_END)
        let size = Int(zip_source_tell(source))
        zip_source_seek(source, 0, SEEK_SET)
        guard size >= 0 else { throw ZipError(.writeFailed, detail: "tell") }
        var out = [UInt8](repeating: 0, count: size)
        let n = out.withUnsafeMutableBytes { zip_source_read(source, $0.baseAddress, zip_uint64_t(size)) }
        guard n == size else { throw ZipError(.writeFailed, detail: "read back") }
        return out
    }
}

/// zlib deflate streams kept for reuse, a few per level, shared by all writers and threads.
final class DeflateStreams: @unchecked Sendable {
    static let shared = DeflateStreams()
    private let lock = NSLock()
    private var idle: [Int: [UnsafeMutablePointer<z_stream>]] = [:]

    /// A libzip source of `data` deflated at `level`; nil when zlib fails (the caller lets libzip
    /// compress instead).
    func deflated(_ data: [UInt8], level: Int, into archive: OpaquePointer) -> OpaquePointer? {
        lock.lock()
        var stream = idle[level]?.popLast()
        lock.unlock()
        if stream == nil { stream = shablon_deflate_new(Int32(level)) }
        guard let stream else { return nil }
        var length = 0
        let (compressed, crc) = data.withUnsafeBufferPointer { buf in
            (shablon_deflate(stream, buf.baseAddress, buf.count, &length),
             UInt32(crc32_z(0, buf.baseAddress, buf.count)))
        }
        lock.lock()
        if idle[level, default: []].count < 8 { idle[level, default: []].append(stream) } else { shablon_deflate_free(stream) }
        lock.unlock()
        guard let compressed else { return nil }
        return shablon_deflated_source(archive, compressed, zip_uint64_t(length), zip_uint64_t(data.count), crc)
    }
}
