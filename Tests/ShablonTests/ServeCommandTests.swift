import Foundation
import Testing

/// `shablon serve`'s refusals before it listens (the page itself: Tests/ShablonWebTests, Tests/browser).
@Suite struct ServeCommand {
    @Test func aPageForOtherComputersNeedsAPassword() throws {
        for host in ["0.0.0.0", "192.168.1.10", "::"] {
            let r = try CLI.run(["serve", "/tmp/shablon-never-created-\(UUID().uuidString)", "--host", host, "--port", "0"])
            #expect(r.status == 2, "\(host): \(r)")
            #expect(r.stderr.contains("видна другим компьютерам"), "\(r)")
            #expect(r.stderr.contains("--password-file"), "\(r)")
        }
    }

    @Test func aPasswordFileWithoutAPasswordIsRefused() throws {
        let f = NSTemporaryDirectory() + "pw-\(UUID().uuidString)"
        try "\n".write(toFile: f, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: f) }
        let r = try CLI.run(["serve", "/tmp/shablon-never-created-\(UUID().uuidString)", "--host", "0.0.0.0", "--port", "0", "--password-file", f])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("web-password") || r.stderr.contains("пароля нет") || r.stderr.contains("нет пароля"), "\(r)")
        let missing = try CLI.run(["serve", "--host", "0.0.0.0", "--port", "0", "--password-file", f + "-missing"])
        #expect(missing.status == 2, "\(missing)")
    }

    @Test func badPortAndUploadLimit() throws {
        #expect(try CLI.run(["serve", "--port", "70000"]).status == 2)
        #expect(try CLI.run(["serve", "--max-upload", "0"]).status == 2)
    }
}

/// A `shablon serve` run as a person starts it: without a folder, with HOME pointing at a fresh folder.
@Suite struct ServeFirstStart {
    @Test func withoutAFolderItFillsShablonInTheHomeFolderOnce() throws {
        let binary = try #require(CLI.binary)
        let home = NSTemporaryDirectory() + "shablon-home-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        func start() throws -> (Process, String) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = ["serve", "--port", "0"]
            var env = ProcessInfo.processInfo.environment
            env["HOME"] = home
            p.environment = env
            let err = Pipe()
            p.standardError = err
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            var said = ""
            let deadline = Date().addingTimeInterval(60)
            while !said.contains("Остановить") && Date() < deadline {
                let chunk = err.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                said += String(decoding: chunk, as: UTF8.self)
            }
            return (p, said)
        }
        let (first, said) = try start()
        #expect(said.contains("Страница: http://127.0.0.1:"), "\(said)")
        #expect(said.contains("примеры"), "\(said)")
        first.terminate()
        first.waitUntilExit()
        let files = try FileManager.default.contentsOfDirectory(atPath: home + "/Shablon")
        #expect(files.contains("omo-2024-2025.yaml"))
        #expect(files.contains("analysis.yaml"))
        // The user's own change survives a second start: the examples are put there once.
        try "вид: РМО\n".write(toFile: home + "/Shablon/omo-2024-2025.yaml", atomically: true, encoding: .utf8)
        let (second, said2) = try start()
        #expect(!said2.contains("примеры"), "\(said2)")
        second.terminate()
        second.waitUntilExit()
        #expect(try String(contentsOfFile: home + "/Shablon/omo-2024-2025.yaml", encoding: .utf8) == "вид: РМО\n")
    }
}
