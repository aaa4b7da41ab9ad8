import FuzzSupport
import ShablonZip

// The zip reader on arbitrary bytes: open (with small limits, so that the limits themselves are
// exercised), read every entry, copy every entry still compressed into a new archive (what a render
// does with untouched parts) and open that again: it must list the same names.

private let limits: ZipLimits = {
    var l = ZipLimits()
    l.maxEntrySize = 4 << 20
    l.maxTotalSize = 16 << 20
    l.maxEntries = 1000
    l.ratioFloor = 64 << 10
    return l
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let archive = try? ZipArchive(bytes: bytes, limits: limits) else { return 0 }
    var readable: [String] = []
    for e in archive.entries {
        Fuzz.check(archive.entry(named: e.name) == e && ZipArchive.isSafe(e.name), "entry \(e.name)")
        if let content = try? archive.read(e.name) {
            Fuzz.check(UInt64(content.count) == e.size, "entry \(e.name) read \(content.count) bytes, declares \(e.size)")
            readable.append(e.name)
        }
    }
    // Copy the entries that read back (a render only copies parts of a template that opened).
    guard let writer = try? ZipWriter() else { return 0 }
    for name in readable {
        do { try writer.copy(name, from: archive) } catch {
            Fuzz.check(false, "copying \(name) failed: \(error)")
        }
    }
    let copy: [UInt8]
    do { copy = try writer.finish() } catch {
        Fuzz.check(false, "writing the copy failed: \(error)")
        return 0
    }
    guard !readable.isEmpty else { return 0 }
    do {
        let again = try ZipArchive(bytes: copy, limits: limits)
        Fuzz.check(again.entries.map(\.name) == readable, "the copy lists \(again.entries.map(\.name)), not \(readable)")
        for name in readable {
            Fuzz.check((try? again.read(name)) == (try? archive.read(name)), "entry \(name) changed when copied")
        }
    } catch {
        Fuzz.check(false, "the copy does not open: \(error)")
    }
    return 0
}

#if !FUZZING
@main enum Replay { static func main() { Fuzz.replay(fuzz) } }
#endif
