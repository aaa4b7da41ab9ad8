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
