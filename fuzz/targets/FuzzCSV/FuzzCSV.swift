import FuzzSupport
import ShablonData

// The CSV loader on arbitrary bytes: encoding, separator detection, quoting, typed cells. A table that
// loads has one row number per row and no row wider than its header.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let table = try? DataLoader.csv(bytes) else { return 0 }
    Fuzz.check(table.rows.count == table.rowNumbers.count, "\(table.rows.count) rows, \(table.rowNumbers.count) row numbers")
    for row in table.rows { Fuzz.check(row.count <= table.headers.count, "a row wider than the header") }
    return 0
}

#if !FUZZING
@main enum Replay { static func main() { Fuzz.replay(fuzz) } }
#endif
