import FuzzSupport
import ShablonData

// The YAML and JSON loaders on arbitrary bytes (`DataLoader.load`: encoding detection, then YAML or
// JSON). Each file is read twice — with positions and through the fast path without them — and both
// must give the same value or both fail with the same problems.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let withPositions: Result<LoadedData, Problems>
    do { withPositions = .success(try DataLoader.load(bytes, positions: true)) } catch { withPositions = .failure(error) }
    let without: Result<LoadedData, Problems>
    do { without = .success(try DataLoader.load(bytes, positions: false)) } catch { without = .failure(error) }
    switch (withPositions, without) {
    case (.success(let a), .success(let b)):
        Fuzz.check(a.value == b.value, "values differ with and without positions:\n\(a.value)\n\(b.value)")
    case (.failure(let a), .failure(let b)):
        Fuzz.check(a.items.map(\.code) == b.items.map(\.code), "problems differ: \(a.items.map(\.code)) vs \(b.items.map(\.code))")
    case (.success, .failure(let p)):
        Fuzz.check(false, "only the fast path failed: \(p.items.map { $0.line("en") })")
    case (.failure(let p), .success):
        Fuzz.check(false, "only the positioned path failed: \(p.items.map { $0.line("en") })")
    }
    return 0
}

#if !FUZZING
@main enum Replay { static func main() { Fuzz.replay(fuzz) } }
#endif
