import Foundation
import Testing
import Shablon
import ShablonData
import ShablonEngine

/// Runs `shablon` under `ulimit -v` (KiB) with a hang guard (`runGuarded`).
private func runLimited(_ arguments: [String], memoryKiB: Int, limit: TimeInterval = 300) throws -> (status: Int32, signalled: Bool, stderr: String, stdout: Int) {
    let binary = try #require(CLI.binary, "the shablon binary was not found")
    let io = TempDir("shablon-limits-io")
    let outPath = io.file("stdout"), errPath = io.file("stderr")
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    let bound = CLI.sanitized ? "" : "ulimit -v \(memoryKiB); "
    let p = try runGuarded("/bin/bash", ["-c", bound + "exec \"$0\" \"$@\"", binary] + arguments,
                           stdout: out, stderr: err, limit: limit)
    try out.close(); try err.close()
    return (p.terminationStatus, p.terminationReason == .uncaughtSignal,
            String(decoding: contents(errPath) ?? [], as: UTF8.self), contents(outPath)?.count ?? 0)
}

@Suite struct AmplificationWithinMemory {
    static let twoGiB = 2 << 20

    /// Four nested loops over 100 items: 300 bytes of template asked for more than 6 GB. Under a 2 GiB
    /// address-space limit the render stops at the output limit with its error, not killed.
    @Test func nestedLoopsStopWithTheErrorUnderTwoGiB() throws {
        let dir = TempDir("shablon-amp")
        let t = dir.write("amp.docx", docxPackage(body: wpText("{{#each a}}{{#each a}}{{#each a}}{{#each a}}"
            + String(repeating: "x", count: 64) + "{{/each}}{{/each}}{{/each}}{{/each}}")))
        let d = dir.write("amp.yaml", "a: [" + Array(repeating: "1", count: 100).joined(separator: ", ") + "]\n")
        let r = try runLimited(["render", t, d, "-o", dir.file("out.docx")], memoryKiB: Self.twoGiB)
        #expect(!r.signalled && r.status == 1, "\(r)")
        #expect(r.stderr.contains("error[output-too-large]") && r.stderr.contains("{{#each a}}"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out.docx")))
    }

    /// One MiB of YAML whose list repeats one 2 KB text by aliases: half a gigabyte of output.
    @Test func yamlAliasesStopWithTheErrorUnderTwoGiB() throws {
        let dir = TempDir("shablon-alias")
        let t = dir.write("alias.docx", docxPackage(body: wpText("{{#each items}}{{this}}{{/each}}")))
        let d = dir.write("alias.yaml", "text: &t \"" + String(repeating: "a", count: 2048) + "\"\nitems: ["
            + Array(repeating: "*t", count: 300_000).joined(separator: ",") + "]\n")
        let r = try runLimited(["render", t, d, "-o", dir.file("out.docx")], memoryKiB: Self.twoGiB)
        #expect(!r.signalled && r.status == 1, "\(r)")
        #expect(r.stderr.contains("error[output-too-large]"), "\(r.stderr)")
        // Raised past what the data asks, the same render goes through.
        let small = dir.write("small.yaml", "text: &t \"abc\"\nitems: [*t, *t]\n")
        let ok = try runLimited(["render", t, small, "-o", dir.file("ok.docx"), "--max-output-size", "1"], memoryKiB: Self.twoGiB)
        #expect(ok.status == 0, "\(ok)")
    }
}

@Suite struct NestingAndManyTags {
    /// 10 000 nested loops: `render` used to overflow the stack and `inspect` to print 301 MB; both now
    /// stop at once with `block-too-deep`.
    @Test func tenThousandNestedLoops() throws {
        let dir = TempDir("shablon-deep")
        let n = 10_000
        let t = dir.write("deep.docx", docxPackage(body: String(repeating: wpText("{{#each a}}"), count: n) + wpText("x")
            + String(repeating: wpText("{{/each}}"), count: n)))
        let d = dir.write("deep.yaml", "a: [1]\n")
        let r = try runLimited(["render", t, d, "-o", dir.file("out.docx")], memoryKiB: AmplificationWithinMemory.twoGiB)
        #expect(!r.signalled && r.status == 1 && r.stderr.contains("error[block-too-deep]"), "\(r)")
        let i = try runLimited(["inspect", t], memoryKiB: AmplificationWithinMemory.twoGiB)
        #expect(!i.signalled && i.status == 1 && i.stderr.contains("error[block-too-deep]") && i.stdout < 10_000, "\(i)")
    }

    /// 200 000 tags in one paragraph, each in a run of its own: checked in linear time (the hang guard
    /// stops the quadratic cut, which took more than ten minutes).
    @Test func twoHundredThousandTagsInOneParagraph() throws {
        let dir = TempDir("shablon-tags")
        let t = dir.write("tags.docx", docxPackage(body: "<w:p>" + String(repeating: "<w:r><w:t xml:space=\"preserve\">{{a}} </w:t></w:r>", count: 200_000) + "</w:p>"))
        let r = try runLimited(["check", t], memoryKiB: AmplificationWithinMemory.twoGiB, limit: 240)
        #expect(r.status == 0, "\(r)")
    }
}
