import Testing
import ShablonZip

/// Builds an archive from (name, content, compression) triples.
func archive(_ entries: [(String, String, ZipCompression)]) throws -> [UInt8] {
    let w = try ZipWriter()
    for (name, content, compression) in entries { try w.add(name, Array(content.utf8), compression: compression) }
    return try w.finish()
}

/// The kind of `ZipError` the body throws; nil when it throws none.
func kind(_ body: () throws -> Void) -> ZipError.Kind? {
    do { try body() } catch let e as ZipError { return e.kind } catch { return nil }
    return nil
}

@Suite struct WritingAndReading {
    @Test func entriesReadBackInOrder() throws {
        let bytes = try archive([("mimetype", "application/vnd.oasis.opendocument.text", .store),
                                 ("content.xml", String(repeating: "<text:p>Библиотека</text:p>", count: 50), .deflate(level: 1)),
                                 ("папка/файл.xml", "<a/>", .deflate(level: 9))])
        let a = try ZipArchive(bytes: bytes)
        #expect(a.entries.map(\.name) == ["mimetype", "content.xml", "папка/файл.xml"])
        #expect(a.entries.map(\.isStored) == [true, false, false])
        #expect(try a.read("mimetype") == Array("application/vnd.oasis.opendocument.text".utf8))
        #expect(try a.read("content.xml") == Array(String(repeating: "<text:p>Библиотека</text:p>", count: 50).utf8))
        #expect(a.entry(named: "content.xml")!.compressedSize < a.entry(named: "content.xml")!.size)
        #expect(kind { _ = try a.read("нет.xml") } == .missingEntry)
    }

    @Test func equalInputGivesEqualBytes() throws {
        let entries: [(String, String, ZipCompression)] = [("a.xml", "<a/>", .deflate(level: 1)), ("b", "b", .store)]
        #expect(try archive(entries) == archive(entries))
    }

    /// Found by FuzzZip: libzip writes nothing for an archive without entries, and `finish()` failed.
    @Test func anArchiveWithoutEntries() throws {
        let bytes = try ZipWriter().finish()
        #expect(bytes == [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))
        #expect(try ZipArchive(bytes: bytes).entries.isEmpty)
    }

    /// Found by FuzzXLSX (LeakSanitizer): an empty entry's one-byte buffer was never freed. `make sanitize`
    /// reports the leak; here the entry must still be written and read back empty.
    @Test func anEmptyEntry() throws {
        let bytes = try archive([("empty", "", .store), ("also-empty", "", .deflate(level: 1)), ("x", "x", .store)])
        let a = try ZipArchive(bytes: bytes)
        #expect(a.entries.map(\.size) == [0, 0, 1])
        #expect(try a.read("empty") == [] && a.read("also-empty") == [])
    }

    @Test func copiedEntriesKeepTheirCompressedBytes() throws {
        let text = String(repeating: "Неделя детской книги. ", count: 200)
        let source = try ZipArchive(bytes: archive([("doc.xml", text, .deflate(level: 9)), ("m", "stored", .store)]))
        let w = try ZipWriter()
        try w.copy("m", from: source)
        try w.copy("doc.xml", from: source)
        #expect(kind { try w.copy("нет", from: source) } == .missingEntry)
        let copy = try ZipArchive(bytes: w.finish())
        #expect(copy.entries.map(\.name) == ["m", "doc.xml"])
        #expect(copy.entry(named: "doc.xml")!.compressedSize == source.entry(named: "doc.xml")!.compressedSize)
        #expect(try copy.read("doc.xml") == Array(text.utf8))
        #expect(try copy.read("m") == Array("stored".utf8))
    }

    @Test func aFinishedWriterRefusesMore() throws {
        let w = try ZipWriter()
        try w.add("a", [1], compression: .store)
        _ = try w.finish()
        #expect(kind { try w.add("b", [2], compression: .store) } == .writeFailed)
        #expect(kind { _ = try w.finish() } == .writeFailed)
    }
}

@Suite struct HostileArchives {
    @Test func notAZip() {
        #expect(kind { _ = try ZipArchive(bytes: []) } == .notZip)
        #expect(kind { _ = try ZipArchive(bytes: Array("<?xml version=\"1.0\"?><w:document/>".utf8)) } == .notZip)
        #expect(kind { _ = try ZipArchive(bytes: [UInt8](repeating: 0, count: 100)) } == .notZip)
    }

    @Test func cutShort() throws {
        let bytes = try archive([("a.xml", String(repeating: "a", count: 1000), .deflate(level: 1))])
        #expect(kind { _ = try ZipArchive(bytes: Array(bytes.prefix(bytes.count - 10))) } == .damaged)
        #expect(kind { _ = try ZipArchive(bytes: Array(bytes.prefix(40))) } == .damaged)
    }

    @Test func changedContentFailsItsChecksum() throws {
        var bytes = try archive([("a.txt", "hello, world", .store)])
        let i = try #require(bytes.indices.first { bytes[$0...].starts(with: Array("hello".utf8)) })
        bytes[i] = UInt8(ascii: "j")
        let a = try ZipArchive(bytes: bytes)
        #expect(kind { _ = try a.read("a.txt") } == .damaged)
    }

    @Test(arguments: ["../evil.xml", "/etc/passwd", "a/../../b", "C:/x", "a\\b", "..", "a/..", "a/../b"])
    func unsafeNamesAreRefused(_ name: String) throws {
        #expect(!ZipArchive.isSafe(name))
        let bytes = try archive([("ok.xml", "<a/>", .store), (name, "x", .store)])
        #expect(kind { _ = try ZipArchive(bytes: bytes) } == .unsafeName)
    }

    @Test(arguments: ["word/document.xml", "a..b", "..a/b", "папка/файл", "a/./b", "...", "a/...", "a/.b"])
    func safeNames(_ name: String) { #expect(ZipArchive.isSafe(name)) }

    @Test func limits() throws {
        let big = try archive([("a", String(repeating: "a", count: 5000), .deflate(level: 9)), ("b", "b", .store)])
        var l = ZipLimits()
        l.maxEntrySize = 4000
        #expect(kind { _ = try ZipArchive(bytes: big, limits: l) } == .entryTooLarge)
        l = ZipLimits()
        l.maxTotalSize = 5000
        #expect(kind { _ = try ZipArchive(bytes: big, limits: l) } == .packageTooLarge)
        l = ZipLimits()
        l.maxEntries = 1
        #expect(kind { _ = try ZipArchive(bytes: big, limits: l) } == .tooManyEntries)
        l = ZipLimits()
        l.ratioFloor = 1000
        l.maxRatio = 10
        #expect(kind { _ = try ZipArchive(bytes: big, limits: l) } == .ratioTooHigh)
        #expect(try ZipArchive(bytes: big).entries.count == 2)
    }
}
