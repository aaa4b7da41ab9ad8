import Foundation
import Shablon
import ShablonData
import ShablonDocuments
@testable import ShablonWeb
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Starts `/bin/sh -c script` with the arguments as $0, $1 …; stdin is a pipe the test writes to.
func shell(_ script: String, _ args: [String]) throws -> (process: Process, input: Pipe) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", script] + args
    let input = Pipe()
    p.standardInput = input
    try p.run()
    return (p, input)
}

/// Waits until a file exists (the child process says it is ready); false after a generous while.
func waitFor(_ path: String) -> Bool {
    for _ in 0..<6000 {
        if FileManager.default.fileExists(atPath: path) { return true }
        usleep(10_000)
    }
    return false
}

@Suite struct StoreCrashes {
    /// The moment a kill would hit: the new bytes are staged in a hidden temporary file, the document is
    /// still the old one, the list shows only the document. The temporary file's name is one `init` cleans.
    @Test func betweenStagingAndRename() throws {
        try withFolder { dir in
            let store = try DocumentStore(folder: dir)
            let rev = try store.write("п.yaml", bytes: bytes("old"), expected: nil)
            nonisolated(unsafe) var staged: [String] = []
            store.afterStaging = { path in
                staged.append(path)
                #expect(contents(dir + "/п.yaml") == "old")
                #expect(contents(path) == "new")
                #expect((try? store.list().map(\.name)) == ["п.yaml"])
                #expect(store.revision(of: "п.yaml") == rev)
            }
            try store.write("п.yaml", bytes: bytes("new"), expected: rev)
            // The hook holds the store: let go of it, or the two keep each other alive.
            store.afterStaging = nil
            #expect(staged.count == 1)
            let name = (staged[0] as NSString).lastPathComponent
            #expect(StoreFiles.isTemporary(name) && name.hasPrefix(".п.yaml.shablon-web-"))
            #expect(!FileManager.default.fileExists(atPath: staged[0]))
        }
    }

    /// A process killed (SIGKILL) in the middle of a save: it holds the folder's lock and has staged half
    /// of the new bytes under a temporary name like the store's. The document stays the old one, the list
    /// does not show the half-written file, the lock is free again, and the next start removes the file.
    /// (The killed process is a shell doing the store's steps: the test binary cannot run the store's
    /// code in a child process.)
    @Test func killedWriterLosesNothing() throws {
        try withFolder { dir in
            let store = try DocumentStore(folder: dir)
            let rev = try store.write("п.yaml", bytes: bytes("old"), expected: nil)
            let temporary = dir + "/.п.yaml.shablon-web-Kx9aQ2"
            let child = try shell(#"exec 9>>"$0"; flock 9; printf 'half of the' > "$1"; : > "$2"; exec sleep 1000"#,
                                  [dir + "/история/.lock", temporary, dir + "/ready"])
            #expect(waitFor(dir + "/ready"))
            kill(child.process.processIdentifier, SIGKILL)
            child.process.waitUntilExit()
            #expect(child.process.terminationReason == .uncaughtSignal)
            #expect(contents(temporary) == "half of the")
            #expect(try store.read("п.yaml").bytes == bytes("old"))
            #expect(try store.list().map(\.name) == ["п.yaml"])
            // A store's own hidden files and another program's are told apart.
            _ = FileManager.default.createFile(atPath: dir + "/.keep", contents: Data())
            try FileManager.default.createDirectory(atPath: dir + "/история/п.yaml", withIntermediateDirectories: false)
            _ = FileManager.default.createFile(atPath: dir + "/история/п.yaml/.20260101-000000-000-00000000.yaml.shablon-web-q1w2e3", contents: Data())
            _ = try DocumentStore(folder: dir)
            #expect(!FileManager.default.fileExists(atPath: temporary))
            #expect(!FileManager.default.fileExists(atPath: dir + "/история/п.yaml/.20260101-000000-000-00000000.yaml.shablon-web-q1w2e3"))
            #expect(FileManager.default.fileExists(atPath: dir + "/.keep"))
            // The lock died with the process.
            #expect(try store.write("п.yaml", bytes: bytes("new"), expected: rev) == StoreFiles.revision(bytes("new")))
        }
    }
}

@Suite struct StoreConcurrency {
    /// Another process holding the folder's lock (as another `shablon serve` does during a save) makes a
    /// save wait; the other process changes the document meanwhile, so the waiting save, checked after
    /// the wait, is a conflict and the other's content stays.
    @Test func otherProcessHoldsTheLock() throws {
        try withFolder { dir in
            let store = try DocumentStore(folder: dir)
            let r1 = try store.write("д.yaml", bytes: bytes("v1"), expected: nil)
            let child = try shell(#"exec 9>>"$0"; flock 9; : > "$1"; read line; printf v2 > "$2""#,
                                  [dir + "/история/.lock", dir + "/ready", dir + "/д.yaml"])
            #expect(waitFor(dir + "/ready"))
            let done = DispatchSemaphore(value: 0)
            nonisolated(unsafe) var result: String?? = nil
            Thread.detachNewThread {
                result = .some(code { try store.write("д.yaml", bytes: bytes("v3"), expected: r1) })
                done.signal()
            }
            usleep(200_000)
            let waited = done.wait(timeout: .now()) == .timedOut
            #expect(waited, "the save did not wait for the other process's lock")
            child.input.fileHandleForWriting.write(Data("go\n".utf8))
            child.process.waitUntilExit()
            if waited { done.wait() }
            #expect(result == .some("web-conflict"))
            #expect(try store.read("д.yaml").bytes == bytes("v2"))
        }
    }

    /// Many threads, on two stores of one folder, each reading and saving with the revision it read:
    /// every save that succeeded is in the history or current, nothing else is, and nothing is lost.
    @Test func noLostUpdate() throws {
        try withFolder { dir in
            let stores = [try DocumentStore(folder: dir), try DocumentStore(folder: dir)]
            try stores[0].write("общий.yaml", bytes: bytes("start"), expected: nil)
            let lock = NSLock()
            nonisolated(unsafe) var saved: [String] = []
            nonisolated(unsafe) var other: [String] = []
            DispatchQueue.concurrentPerform(iterations: 8) { t in
                let store = stores[t % 2]
                for k in 0..<12 {
                    let mine = "поток \(t), шаг \(k)"
                    do {
                        let current = try store.read("общий.yaml")
                        try store.write("общий.yaml", bytes: bytes(mine), expected: current.revision)
                        lock.lock(); saved.append(mine); lock.unlock()
                    } catch {
                        if (error as? Problems)?.items.first?.code != .webConflict { lock.lock(); other.append("\(error)"); lock.unlock() }
                    }
                }
            }
            #expect(other.isEmpty)
            #expect(!saved.isEmpty)
            let store = stores[1]
            let history = try store.versions(of: "общий.yaml").map { String(decoding: try store.readVersion("общий.yaml", id: $0.id), as: UTF8.self) }
            let current = String(decoding: try store.read("общий.yaml").bytes, as: UTF8.self)
            #expect(history.count == saved.count)
            #expect((history + [current]).sorted() == (saved + ["start"]).sorted())
        }
    }
}

@Suite struct StoreExamples {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The files the examples come from, by name.
    static let sources: [String: String] = {
        var out: [String: String] = [:]
        for name in ["beloyarsky-2025-2026.yaml", "omo-2024-2025.yaml", "ponomarevsky-2023-2024.yaml", "rmo-2019-2020.yaml",
                     "roadmap-2018-2020.yaml", "serpukhov-2024-2025.yaml"] { out[name] = "examples/plans/" + name }
        for name in ["analysis.yaml", "statistics.csv", "statistics-2024-2025.xlsx"] { out[name] = "examples/analysis/" + name }
        for name in ["order.csv", "order.xlsx", "knigozakaz.xlsx", "knigozakaz.yaml", "contracts.yaml"] { out[name] = "examples/orders/" + name }
        return out
    }()

    /// The embedded bytes are the repository's files (run scripts/embed-examples.py after changing one);
    /// analysis.yaml only has its plan beside it.
    @Test func embeddedAreTheRepositorysFiles() throws {
        let examples = DocumentStore.examples
        #expect(Set(examples.map(\.name)) == Set(Self.sources.keys) && examples.count == Self.sources.count)
        let plans = try FileManager.default.contentsOfDirectory(atPath: Self.repository.appendingPathComponent("examples/plans").path)
        #expect(Set(plans.filter { $0.hasSuffix(".yaml") }).isSubset(of: Self.sources.keys))
        for (name, embedded) in examples {
            guard let path = Self.sources[name] else { continue }
            var file = String(decoding: try Data(contentsOf: Self.repository.appendingPathComponent(path)), as: UTF8.self)
            var expected = [UInt8](try Data(contentsOf: Self.repository.appendingPathComponent(path)))
            if name == "analysis.yaml" {
                #expect(file.contains("\nплан: ../plans/beloyarsky-2025-2026.yaml\n"))
                file = file.replacingOccurrences(of: "\nплан: ../plans/", with: "\nплан: ")
                expected = Array(file.utf8)
            }
            #expect(embedded == expected, "\(name): run scripts/embed-examples.py")
        }
    }

    @Test func filledOnceAndNeverOverDocuments() throws {
        try withFolder { dir in
            let store = try DocumentStore(folder: dir + "/новая")
            #expect(try store.fillWithExamples())
            #expect(try store.list().map(\.name).sorted() == Self.sources.keys.sorted())
            #expect(try store.read("order.xlsx").bytes == DocumentStore.examples.first { $0.name == "order.xlsx" }!.bytes)
            #expect(try !store.fillWithExamples())
            // A folder with someone's document.
            let mine = try DocumentStore(folder: dir + "/моя")
            try mine.write("план.yaml", bytes: bytes("мой"), expected: nil)
            #expect(try !mine.fillWithExamples())
            #expect(try mine.list().map(\.name) == ["план.yaml"])
            // A folder whose documents are all in the trash.
            try mine.delete("план.yaml", expected: nil)
            #expect(try !mine.fillWithExamples())
            #expect(try mine.list().isEmpty)
        }
    }

    /// `shablon analysis analysis.yaml` works in the filled folder: the plan and the tables are found
    /// beside the analysis.
    @Test func theAnalysisLoadsInTheFilledFolder() throws {
        try withFolder { dir in
            let store = try DocumentStore(folder: dir)
            #expect(try store.fillWithExamples())
            let path = store.folder + "/analysis.yaml"
            let a = try Analysis.load(DataLoader.load(Files.read(path)), files: Analysis.files(relativeTo: path))
            let repoPath = Self.repository.appendingPathComponent("examples/analysis/analysis.yaml").path
            let b = try Analysis.load(DataLoader.load(Files.read(repoPath)), files: Analysis.files(relativeTo: repoPath))
            #expect(!a.events.isEmpty)
            #expect(a.templateValue() == b.templateValue())
        }
    }
}
