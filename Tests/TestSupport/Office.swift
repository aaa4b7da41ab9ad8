import Foundation

/// LibreOffice and poppler as the test oracle, shared by every test target. On CI (`CI` set) a missing
/// tool fails the tests that need it; elsewhere they are disabled with the reason.
public enum Office {
    /// The full path of a program on `PATH`, or nil.
    public static func which(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
            let p = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }

    /// True when every named program is on `PATH`.
    public static func has(_ tools: String...) -> Bool { tools.allSatisfy { which($0) != nil } }

    /// True on a CI machine: there a missing tool is a failure, not a reason to skip.
    public static var required: Bool { ProcessInfo.processInfo.environment["CI"] != nil }

    /// Calc is a separate Debian package (libreoffice-calc-nogui); its filter library shows it is there.
    public static var hasCalc: Bool {
        guard let soffice = which("soffice") else { return false }
        let real = (try? FileManager.default.destinationOfSymbolicLink(atPath: soffice)) ?? soffice
        let program = ((real.hasPrefix("/") ? real : (soffice as NSString).deletingLastPathComponent + "/" + real) as NSString).deletingLastPathComponent
        return ["/usr/lib/libreoffice/program", program].contains { FileManager.default.fileExists(atPath: "\($0)/libsclo.so") }
    }

    /// Runs a program on `PATH` to its end and returns what it printed (its errors are dropped).
    @discardableResult
    public static func data(_ tool: String, _ args: [String]) throws -> Data {
        guard let path = which(tool) else { throw CocoaError(.executableNotLoadable) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return data
    }

    /// Runs a program on `PATH` to its end and returns what it printed, as UTF-8 text.
    @discardableResult
    public static func run(_ tool: String, _ args: [String]) throws -> String {
        String(decoding: try data(tool, args), as: UTF8.self)
    }

    /// Converts files with one LibreOffice run (a private profile in `dir`) into `dir`; `filter` is an
    /// input filter such as `CSV:59,34,34,1,,1049`.
    public static func convert(_ files: [URL], to format: String, in dir: URL, filter: String? = nil) throws {
        let profile = dir.appendingPathComponent("profile")
        try run("soffice", ["-env:UserInstallation=file://\(profile.path)", "--headless", "--norestore"]
                + (filter.map { ["--infilter=\($0)"] } ?? []) + ["--convert-to", format, "--outdir", dir.path] + files.map(\.path))
    }

    /// A new empty folder under the system's temporary folder.
    public static func temporaryFolder(prefix: String = "shablon-test") throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }
}
