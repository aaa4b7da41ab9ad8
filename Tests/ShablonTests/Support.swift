import Foundation
import Testing
import Shablon
import ShablonData
import ShablonEngine
import ShablonXML
import ShablonZip

// MARK: - Library helpers

struct ProblemsFailure: Error, CustomStringConvertible {
    var problems: [Problem]
    var description: String { problems.map { $0.line() }.joined(separator: "\n") }
}

/// Loads YAML or JSON data text.
func data(_ text: String) throws -> Value {
    do { return try DataLoader.load(Array(text.utf8)).value } catch { throw ProblemsFailure(problems: error.items) }
}

/// Opens a template from bytes, turning `Problems` into a readable test failure.
func template(_ bytes: [UInt8], limits: ZipLimits = ZipLimits()) throws -> DocumentTemplate {
    do { return try DocumentTemplate(bytes: bytes, limits: limits) } catch { throw ProblemsFailure(problems: error.items) }
}

/// Opens and renders a template.
func render(_ bytes: [UInt8], _ value: Value, allowMissing: Bool = false) throws -> RenderedDocument {
    let t = try template(bytes)
    do { return try t.render(value, options: RenderOptions(allowMissing: allowMissing)) } catch { throw ProblemsFailure(problems: error.items) }
}

/// The problems of opening (and, when it opens, rendering) a template; empty when all went well.
func problems(_ bytes: [UInt8], _ value: Value = [:], limits: ZipLimits = ZipLimits()) -> [Problem] {
    do {
        let t = try DocumentTemplate(bytes: bytes, limits: limits)
        _ = try t.render(value)
        return []
    } catch {
        return error.items
    }
}

/// The problems a throwing body reports (empty when it succeeds).
func problems(_ body: () throws -> Void) -> [Problem] {
    do {
        try body()
        return []
    } catch let f as ProblemsFailure {
        return f.problems
    } catch let p as Problems {
        return p.items
    } catch {
        return [Problem(code: "unexpected-error-type", message: LocalizedText(ru: "\(error)", en: "\(error)"))]
    }
}

// MARK: - Temporary folders

/// A fresh folder under the system's temporary folder, removed when the value goes away.
final class TempDir: @unchecked Sendable {
    let path: String

    init(_ label: String = "shablon-tests") {
        let p = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        path = p
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// A path inside the folder.
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// Writes bytes to a file in the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let p = file(name)
        FileManager.default.createFile(atPath: p, contents: Data(bytes))
        return p
    }

    @discardableResult
    func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }

    /// The names in the folder, hidden files included, sorted.
    var listing: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
}

/// A file's bytes, or nil when it does not exist.
func contents(_ path: String) -> [UInt8]? { FileManager.default.contents(atPath: path).map { [UInt8]($0) } }

/// A file's bytes and modification time, to prove it was not touched.
struct FileSnapshot: Equatable {
    var bytes: [UInt8]?
    var modified: Date?

    init(_ path: String) {
        bytes = contents(path)
        modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}

// MARK: - The command-line program

/// The result of one run of `shablon`.
struct CLIResult: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String

    /// The codes of the `error[…]` lines on stderr, in order.
    var errors: [String] { codes("error") }
    /// The codes of the `warning[…]` lines on stderr, in order.
    var warnings: [String] { codes("warning") }

    private func codes(_ severity: String) -> [String] {
        stderr.split(separator: "\n").compactMap { line -> String? in
            guard let r = line.range(of: "\(severity)[") else { return nil }
            let rest = line[r.upperBound...]
            guard let end = rest.firstIndex(of: "]") else { return nil }
            return String(rest[..<end])
        }
    }

    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }
}

enum CLI {
    /// True when the program is built with AddressSanitizer or ThreadSanitizer (`make sanitize`): they
    /// reserve terabytes of address space for shadow memory, so `ulimit -v` cannot bound such a run and
    /// memory limits are checked by the normal build only.
    static let sanitized: Bool = {
        let env = ProcessInfo.processInfo.environment
        return env["LSAN_OPTIONS"] != nil || env["TSAN_OPTIONS"] != nil || env["ASAN_OPTIONS"] != nil
            || (binary ?? "").contains("/.build-asan/") || (binary ?? "").contains("/.build-tsan/")
    }()

    /// The `shablon` binary built next to the test bundle (same scratch path), or `$SHABLON_BIN`.
    static let binary: String? = {
        let fm = FileManager.default
        if let p = ProcessInfo.processInfo.environment["SHABLON_BIN"], fm.isExecutableFile(atPath: p) { return p }
        var candidates: [String] = []
        for base in [Bundle.main.executablePath, Bundle.main.bundlePath].compactMap({ $0 }) {
            var dir = (base as NSString).deletingLastPathComponent
            for _ in 0..<3 {
                candidates.append((dir as NSString).appendingPathComponent("shablon"))
                candidates.append((base as NSString).appendingPathComponent("shablon"))
                dir = (dir as NSString).deletingLastPathComponent
            }
        }
        if let p = candidates.first(where: { fm.isExecutableFile(atPath: $0) && !isDirectory($0) }) { return p }
        // Fall back to the newest `.build*/debug/shablon` of the package.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let builds = ((try? fm.contentsOfDirectory(atPath: root)) ?? []).filter { $0.hasPrefix(".build") }
        let found = builds.map { "\(root)/\($0)/debug/shablon" }.filter { fm.isExecutableFile(atPath: $0) }
        return found.max { modified($0) < modified($1) }
    }()

    private static func isDirectory(_ p: String) -> Bool {
        var d: ObjCBool = false
        return FileManager.default.fileExists(atPath: p, isDirectory: &d) && d.boolValue
    }

    private static func modified(_ p: String) -> Date {
        ((try? FileManager.default.attributesOfItem(atPath: p))?[.modificationDate] as? Date) ?? .distantPast
    }

    /// Runs `shablon` with arguments and optional standard input; stdout and stderr go through files so
    /// that no pipe can fill up. With `addressSpace` (KiB) the program runs under `ulimit -v` (through
    /// `/bin/sh`): a run that needs more memory fails to allocate and dies.
    static func run(_ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String] = [:],
                    addressSpace: Int? = nil) throws -> CLIResult {
        let binary = try #require(CLI.binary, "the shablon binary was not found: build it first (swift build --scratch-path …) or set SHABLON_BIN")
        let io = TempDir("shablon-cli-io")
        let outPath = io.file("stdout"), errPath = io.file("stderr"), inPath = io.file("stdin")
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        FileManager.default.createFile(atPath: inPath, contents: Data(stdin ?? []))
        let p = Process()
        if let addressSpace, !CLI.sanitized {
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["-c", "ulimit -v \(addressSpace) && exec \"$0\" \"$@\"", binary] + arguments
        } else {
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = arguments
        }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: inPath))
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        p.waitUntilExit()
        try out.close(); try err.close(); try input.close()
        return CLIResult(status: p.terminationStatus,
                         stdout: String(decoding: contents(outPath) ?? [], as: UTF8.self),
                         stderr: String(decoding: contents(errPath) ?? [], as: UTF8.self))
    }
}

/// Runs a command that must fail, twice: once with no file at `output` (none may appear) and once with
/// a file there (it must stay byte for byte). The inputs must stay untouched, and the output folder
/// must hold no leftovers (temporary files). Returns the first run's result.
@discardableResult
func expectFailingRun(_ arguments: [String], output: String, inputs: [String], status: Int32, code: String,
                      stdin: [UInt8]? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> CLIResult {
    let folder = (output as NSString).deletingLastPathComponent
    func listing() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted() }
    let before = inputs.map(FileSnapshot.init)
    try? FileManager.default.removeItem(atPath: output)
    let folderBefore = listing()

    let first = try CLI.run(arguments, stdin: stdin)
    #expect(first.status == status, "\(first)", sourceLocation: sourceLocation)
    #expect(first.errors.contains(code), "expected error[\(code)]: \(first)", sourceLocation: sourceLocation)
    #expect(!FileManager.default.fileExists(atPath: output), "an output was created by a failing run", sourceLocation: sourceLocation)
    #expect(listing() == folderBefore, "the output folder changed", sourceLocation: sourceLocation)

    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue {
        let sentinel = Array("previous file, must stay as it is\n".utf8)
        FileManager.default.createFile(atPath: output, contents: Data(sentinel))
        let second = try CLI.run(arguments, stdin: stdin)
        #expect(second.status == status, "\(second)", sourceLocation: sourceLocation)
        #expect(second.errors.contains(code), "expected error[\(code)]: \(second)", sourceLocation: sourceLocation)
        #expect(contents(output) == sentinel, "an existing output was changed by a failing run", sourceLocation: sourceLocation)
        try? FileManager.default.removeItem(atPath: output)
        #expect(listing() == folderBefore, "the output folder changed", sourceLocation: sourceLocation)
    }

    #expect(inputs.map(FileSnapshot.init) == before, "an input file was modified", sourceLocation: sourceLocation)
    return first
}
