// shablon-bench: in-process measurements for `make bench` (bench/run.py drives it).
//   shablon-bench render TEMPLATE DATA ITERATIONS   — open, compile, fill and zip, each iteration
//   shablon-bench render-compiled TEMPLATE DATA N   — compile once, then fill and zip, each iteration
//   shablon-bench batch TEMPLATE DATA DOCUMENTS JOBS — compile once, fill DOCUMENTS documents on JOBS threads
//   shablon-bench pdf DOCUMENT - N                  — convert a DOCX/ODT to PDF N times through one pool of one
//                                                     LibreOffice: the first (with LibreOffice's start) and the warm rest
// Prints one JSON line with the median (render, pdf) or the documents per second (batch).
import Dispatch
import Foundation
import Shablon
import ShablonData

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

func fail(_ s: String) -> Never {
    FileHandle.standardError.write(Data((s + "\n").utf8))
    exit(2)
}

let args = CommandLine.arguments
guard args.count >= 5 else { fail("usage: shablon-bench render|batch TEMPLATE DATA N [JOBS] | pdf DOCUMENT - N") }
if args[1] == "pdf" {
    // The warm case of one document: LibreOffice is already running when the conversion starts.
    let bytes: [UInt8]
    do { bytes = try Files.read(args[2]) } catch { fail(error.items.map { $0.line("en") }.joined(separator: "\n")) }
    let kind: DocumentKind = args[2].lowercased().hasSuffix(".odt") ? .odt : .docx
    let pool = PDFPool(workers: 1)
    var times: [Double] = []
    for _ in 0..<max(2, Int(args[4]) ?? 2) {
        let t0 = now()
        do { _ = try pool.convert(bytes, kind: kind) } catch { fail(error.items.map { $0.line("en") }.joined(separator: "\n")) }
        times.append(Double(now() - t0) / 1e9)
    }
    let t0 = now()
    pool.close()
    let close = Double(now() - t0) / 1e9
    let warm = times.dropFirst().sorted()
    print("{\"first_s\": \(times[0]), \"warm_median_s\": \(warm[warm.count / 2]), \"warm_min_s\": \(warm[0]), \"close_s\": \(close)}")
    exit(0)
}
let template: [UInt8]
let data: Value
do {
    template = try Files.read(args[2])
    data = try DataLoader.load(Files.read(args[3]), positions: false).value
} catch {
    fail(error.items.map { $0.line("en") }.joined(separator: "\n"))
}
let n = Int(args[4]) ?? 1

switch args[1] {
case "render":
    var times: [Double] = []
    var size = 0
    for _ in 0..<n {
        let t0 = now()
        do {
            let t = try DocumentTemplate(bytes: template)
            size = try t.render(data).bytes.count
        } catch {
            fail(error.items.map { $0.line("en") }.joined(separator: "\n"))
        }
        times.append(Double(now() - t0) / 1e9)
    }
    times.sort()
    print("{\"median_s\": \(times[times.count / 2]), \"min_s\": \(times[0]), \"bytes\": \(size)}")
case "render-compiled":
    let compiled: DocumentTemplate
    do { compiled = try DocumentTemplate(bytes: template) } catch { fail("template") }
    var times: [Double] = []
    var size = 0
    for _ in 0..<n {
        let t0 = now()
        size = (try? compiled.render(data).bytes.count) ?? -1
        times.append(Double(now() - t0) / 1e9)
    }
    times.sort()
    print("{\"median_s\": \(times[times.count / 2]), \"min_s\": \(times[0]), \"bytes\": \(size)}")
case "batch":
    let jobs = args.count > 5 ? Int(args[5]) ?? 2 : 2
    let compiled: DocumentTemplate
    do { compiled = try DocumentTemplate(bytes: template) } catch { fail("template") }
    let t0 = now()
    let failures = Atomic(0)
    DispatchQueue.concurrentPerform(iterations: jobs) { j in
        var i = j
        while i < n {
            if (try? compiled.render(data)) == nil { failures.add() }
            i += jobs
        }
    }
    let seconds = Double(now() - t0) / 1e9
    print("{\"documents\": \(n), \"jobs\": \(jobs), \"seconds\": \(seconds), \"per_second\": \(Double(n) / seconds), \"failures\": \(failures.value)}")
default:
    fail("unknown mode \(args[1])")
}

/// A counter shared by threads.
final class Atomic: @unchecked Sendable {
    private let lock = NSLock()
    private var v: Int
    init(_ v: Int) { self.v = v }
    func add() { lock.lock(); v += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return v }
}
