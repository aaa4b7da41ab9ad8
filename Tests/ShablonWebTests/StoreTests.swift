import Foundation
import Shablon
import ShablonData
import ShablonDocuments
@testable import ShablonWeb
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A temporary folder for one test, removed afterwards.
func withFolder<T>(_ body: (String) throws -> T) throws -> T {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    return try body(dir)
}

/// The code of the one problem a call throws (nil when it throws none).
func code<T>(_ body: () throws -> T) -> String? {
    do { _ = try body(); return nil } catch let error as Problems { return error.items.first?.code.rawValue } catch { return "\(error)" }
}

func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

func contents(_ path: String) -> String? { FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } }

@Suite struct StoreBasics {
    @Test func createReadAndExists() throws {
        try withFolder { dir in
            let store = try DocumentStore(folder: dir + "/нет/ещё")
            #expect(store.folder.hasSuffix("/нет/ещё"))
            let rev = try store.write("план.yaml", bytes: bytes("a: 1\n"), expected: nil)
            let r = try store.read("план.yaml")
            #expect(r.bytes == bytes("a: 1\n") && r.revision == rev && rev.count == 16)
            #expect(store.revision(of: "план.yaml") == rev && store.revision(of: "нет.yaml") == nil)
            #expect(code { try store.write("план.yaml", bytes: bytes("b"), expected: nil) } == "web-exists")
            #expect(code { try store.read("нет.yaml") } == "web-not-found")
            #expect(try store.list().map(\.name) == ["план.yaml"])
            #expect(try store.list().first?.revision == rev && store.list().first?.size == 5)
            // The same bytes again: no new version.
            #expect(try store.write("план.yaml", bytes: bytes("a: 1\n"), expected: rev) == rev)
            #expect(store.versions(of: "план.yaml").isEmpty)
        }
    }

    @Test func refusesAFile() throws {
        try withFolder { dir in
            _ = FileManager.default.createFile(atPath: dir + "/f", contents: Data())
            #expect(code { try DocumentStore(folder: dir + "/f") } == "web-store")
        }
    }

    @Test func revisionsDifferByBytesAndCount() {
        #expect(StoreFiles.revision([]) != StoreFiles.revision([0]))
        #expect(StoreFiles.revision([0]) != StoreFiles.revision([0, 0]))
        #expect(StoreFiles.revision(bytes("ab")) == StoreFiles.revision(bytes("ab")))
        #expect(StoreFiles.revision(bytes("ab")).allSatisfy { $0.isHexDigit })
    }

    @Test func aFilesRevisionReadInPiecesIsItsBytesRevision() throws {
        try withFolder { dir in
            let big = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 * 7) }
            _ = FileManager.default.createFile(atPath: dir + "/big.xlsx", contents: Data(big))
            #expect(StoreFiles.revision(ofFile: dir + "/big.xlsx") == StoreFiles.revision(big))
            let store = try DocumentStore(folder: dir)
            #expect(store.revision(of: "big.xlsx") == StoreFiles.revision(big))
        }
    }

    @Test func conflictKeepsTheFirstAndLosesNothing() throws {
        try withFolder { dir in
            let store = try DocumentStore(folder: dir)
            let r1 = try store.write("п.yaml", bytes: bytes("v1"), expected: nil)
            // Two editors opened v1; the first saves, the second is refused.
            try store.write("п.yaml", bytes: bytes("first"), expected: r1)
            let mine = bytes("second")
            do {
                try store.write("п.yaml", bytes: mine, expected: r1)
                Issue.record("the second save went through")
            } catch let error as Problems {
                #expect(error.items.first?.code == .webConflict)
                #expect(error.items.first?.message.ru.contains("сохранил") == true)
                #expect(error.items.first?.hint?.ru.contains("скопируйте") == true)
            }
            #expect(mine == bytes("second"))
            #expect(try store.read("п.yaml").bytes == bytes("first"))
            let v = store.versions(of: "п.yaml")
            #expect(v.count == 1)
            #expect(try store.readVersion("п.yaml", id: v[0].id) == bytes("v1"))
            // Deleted meanwhile: a conflict too.
            try store.delete("п.yaml", expected: nil)
            #expect(code { try store.write("п.yaml", bytes: mine, expected: StoreFiles.revision(bytes("first"))) } == "web-conflict")
        }
    }

    @Test func historyNewestFirst() throws {
        try withFolder { dir in
            let store = try DocumentStore(folder: dir)
            var rev = try store.write("h.csv", bytes: bytes("1"), expected: nil)
            for k in 2...5 { rev = try store.write("h.csv", bytes: bytes("\(k)"), expected: rev) }
            let v = store.versions(of: "h.csv")
            #expect(try v.map { String(decoding: try store.readVersion("h.csv", id: $0.id), as: UTF8.self) } == ["4", "3", "2", "1"])
            #expect(zip(v, v.dropFirst()).allSatisfy { $0.date > $1.date && $0.id > $1.id })
            #expect(v.allSatisfy { !$0.deleted && $0.size == 1 && $0.id.hasSuffix(".csv") })
            // The history file is where the spec says, named by time and revision.
            let id = v.last!.id
            #expect(FileManager.default.fileExists(atPath: dir + "/история/h.csv/" + id))
            #expect(id.hasSuffix("-" + StoreFiles.revision(bytes("1")).prefix(8) + ".csv"))
            #expect(code { try store.readVersion("h.csv", id: "../h.csv") } == "web-not-found")
            #expect(code { try store.readVersion("h.csv", id: "20250101-000000-000-00000000.csv") } == "web-not-found")
        }
    }

    @Test func versionTimesAreUTCStamps() {
        let ms: Int64 = 1_767_225_600_123  // 2026-01-01 00:00:00.123 UTC
        #expect(DocumentStore.stamp(ms) == "20260101-000000-123")
        #expect(DocumentStore.parseVersion("20260101-000000-123-0123abcd.yaml")! == (ms, false))
        #expect(DocumentStore.parseVersion("20260101-000000-123-0123abcd-удалён.yaml")! == (ms, true))
        #expect(DocumentStore.parseVersion(".20260101-000000-123-0123abcd.yaml.shablon-web-abcdef") == nil)
        #expect(DocumentStore.parseVersion("20260101-000000-123-0123ABCD.yaml") == nil)
    }

    @Test func deleteTrashAndRestore() throws {
        try withFolder { dir in
            let store = try DocumentStore(folder: dir)
            let r1 = try store.write("a.yaml", bytes: bytes("v1"), expected: nil)
            let r2 = try store.write("a.yaml", bytes: bytes("v2"), expected: r1)
            #expect(code { try store.delete("a.yaml", expected: r1) } == "web-conflict")
            try store.delete("a.yaml", expected: r2)
            #expect(code { try store.delete("a.yaml", expected: nil) } == "web-not-found")
            #expect(try store.list().isEmpty)
            #expect(store.deletedNames() == ["a.yaml"])
            let v = store.versions(of: "a.yaml")
            #expect(v.map(\.deleted) == [true, false])
            #expect(v[0].id.hasSuffix("-удалён.yaml"))
            #expect(try store.readVersion("a.yaml", id: v[0].id) == bytes("v2"))
            // Restoring the deletion marker brings back what was deleted.
            #expect(try store.restore("a.yaml", version: v[0].id) == r2)
            #expect(try store.read("a.yaml").bytes == bytes("v2"))
            #expect(store.deletedNames().isEmpty)
            // Restoring an older version keeps the current one in the history.
            try store.restore("a.yaml", version: v[1].id)
            #expect(try store.read("a.yaml").bytes == bytes("v1"))
            let after = store.versions(of: "a.yaml")
            #expect(after.count == 3)
            #expect(try store.readVersion("a.yaml", id: after[0].id) == bytes("v2"))
            // A document removed by hand shows in the trash too, once it has a history.
            unlink(dir + "/a.yaml")
            #expect(store.deletedNames() == ["a.yaml"])
        }
    }

    @Test func uniqueNames() throws {
        try withFolder { dir in
            let store = try DocumentStore(folder: dir)
            #expect(store.uniqueName("план.yaml") == "план.yaml")
            try store.write("план.yaml", bytes: bytes("x"), expected: nil)
            #expect(store.uniqueName("план.yaml") == "план (2).yaml")
            try store.write("план (2).yaml", bytes: bytes("x"), expected: nil)
            #expect(store.uniqueName("план.yaml") == "план (3).yaml")
            #expect(store.uniqueName("план (2).yaml") == "план (3).yaml")
            // A name in the trash is taken.
            try store.write("старый.csv", bytes: bytes("x"), expected: nil)
            try store.delete("старый.csv", expected: nil)
            #expect(store.uniqueName("старый.csv") == "старый (2).csv")
            // A long name is cut to stay within the limit.
            let long = String(repeating: "я", count: 97) + ".yaml"
            try store.write(long, bytes: bytes("x"), expected: nil)
            let next = store.uniqueName(long)
            #expect(next.hasSuffix(" (2).yaml") && DocumentStore.nameProblem(next) == nil)
        }
    }

    @Test func listOrderAndWhatIsLeftOut() throws {
        try withFolder { dir in
            let store = try DocumentStore(folder: dir)
            for n in ["план 10.yaml", "план 2.yaml", "ель.yaml", "Ёлка.yaml", "Арбуз.yaml", "жук.yaml", "b.csv", "A.json"] {
                try store.write(n, bytes: bytes(n), expected: nil)
            }
            _ = FileManager.default.createFile(atPath: dir + "/.скрытый.yaml", contents: Data())
            _ = FileManager.default.createFile(atPath: dir + "/заметки.txt", contents: Data())
            try FileManager.default.createDirectory(atPath: dir + "/папка.yaml", withIntermediateDirectories: false)
            symlink(dir + "/жук.yaml", dir + "/ссылка.yaml")
            mkfifo(dir + "/труба.yaml", 0o600)
            #expect(try store.list().map(\.name) == ["A.json", "b.csv", "Арбуз.yaml", "Ёлка.yaml", "ель.yaml", "жук.yaml", "план 2.yaml", "план 10.yaml"])
            // A pipe by a document's name is refused, not waited on.
            #expect(code { try store.read("труба.yaml") } == "web-store")
        }
    }

    @Test func decomposedNamesOnDisk() throws {
        try withFolder { dir in
            let nfd = "Белоярский.yaml".decomposedStringWithCanonicalMapping
            #expect(nfd.utf8.count != "Белоярский.yaml".utf8.count)
            _ = FileManager.default.createFile(atPath: dir + "/" + nfd, contents: Data(bytes("x: 1\n")))
            let store = try DocumentStore(folder: dir)
            #expect(try store.list().map(\.name) == ["Белоярский.yaml"])
            let r = try store.read("Белоярский.yaml")
            #expect(r.bytes == bytes("x: 1\n"))
            try store.write(nfd, bytes: bytes("x: 2\n"), expected: r.revision)
            #expect(try store.list().map(\.name) == ["Белоярский.yaml"])
            #expect(store.versions(of: "Белоярский.yaml").count == 1)
        }
    }

    @Test func tooManyFiles() throws {
        try withFolder { dir in
            var limits = DocumentStore.Limits()
            limits.files = 3
            let store = try DocumentStore(folder: dir, limits: limits)
            for k in 1...3 { try store.write("\(k).yaml", bytes: [], expected: nil) }
            #expect(try store.list().count == 3)
            try store.write("4.yaml", bytes: [], expected: nil)
            #expect(code { try store.list() } == "web-too-many-files")
        }
    }

    @Test func sizeLimit() throws {
        try withFolder { dir in
            var limits = DocumentStore.Limits()
            limits.fileBytes = 10
            let store = try DocumentStore(folder: dir, limits: limits)
            try store.write("ok.csv", bytes: Array(repeating: 65, count: 10), expected: nil)
            do {
                try store.write("big.csv", bytes: Array(repeating: 65, count: 11), expected: nil)
                Issue.record("too large a file was written")
            } catch let error as Problems {
                #expect(error.items.first?.code == .webTooLarge)
                #expect(error.items.first?.hint?.ru.contains("--max-upload") == true)
                #expect(error.items.first?.message.ru.contains("10 байт") == true)
            }
            #expect(!FileManager.default.fileExists(atPath: dir + "/big.csv"))
            _ = FileManager.default.createFile(atPath: dir + "/big.csv", contents: Data(repeating: 65, count: 11))
            #expect(code { try store.read("big.csv") } == "web-too-large")
            // The list still shows it, with its revision.
            #expect(try store.list().first { $0.name == "big.csv" }?.revision == StoreFiles.revision(Array(repeating: 65, count: 11)))
            #expect(StoreProblems.size(64 << 20).ru == "64 МБ")
        }
    }
}

@Suite struct StoreNameRules {
    static let bad: [(String, String)] = [
        ("", "пуст"), (".", "папк"), ("..", "папк"), ("../x.yaml", "«/»"), ("a/b.yaml", "«/»"), ("/etc/passwd.yaml", "«/»"),
        ("a\\b.yaml", "«\\»"), ("a\0.yaml", "управляющий"), ("a\nb.yaml", "управляющий"), ("a\u{7f}.yaml", "управляющий"),
        ("exe\u{202E}lmay.yaml", "управляющий"), (".hidden.yaml", "точки"), (".yaml", "точки"),
        (String(repeating: "я", count: 100) + ".yaml", "200 байт"), ("план", "нет расширения"), ("план.txt", "«.txt»"),
        ("план.yaml.exe", "«.exe»"), ("история", "нет расширения"),
    ]

    @Test(arguments: bad)
    func refused(_ name: String, _ says: String) throws {
        let p = DocumentStore.nameProblem(name)
        #expect(p?.code == .webName)
        #expect(p?.message.ru.contains(says) == true, "\(p?.message.ru ?? "nil")")
        try withFolder { dir in
            _ = FileManager.default.createFile(atPath: dir + "/x.yaml", contents: Data(bytes("secret")))
            let store = try DocumentStore(folder: dir + "/docs")
            #expect(code { try store.read(name) } == "web-name")
            #expect(code { try store.write(name, bytes: bytes("x"), expected: nil) } == "web-name")
            #expect(code { try store.write(name, bytes: bytes("x"), expected: "0") } == "web-name")
            #expect(code { try store.delete(name, expected: nil) } == "web-name")
            #expect(code { try store.readVersion(name, id: "20260101-000000-000-00000000.yaml") } == "web-name")
            #expect(code { try store.restore(name, version: "20260101-000000-000-00000000.yaml") } == "web-name")
            #expect(store.revision(of: name) == nil && store.versions(of: name).isEmpty)
            #expect(contents(dir + "/x.yaml") == "secret")
        }
    }

    @Test(arguments: ["план.yaml", "План 2025-2026.YML", "заказ.xlsx", "a.json", "b.csv", "шаблон.docx", "шаблон.odt",
                      String(repeating: "я", count: 97) + ".yaml", "«кавычки» и пробелы.yaml"])
    func accepted(_ name: String) {
        #expect(DocumentStore.nameProblem(name) == nil)
    }

    @Test func normalisedToNFC() throws {
        try withFolder { dir in
            let store = try DocumentStore(folder: dir)
            let nfd = "йод.yaml".decomposedStringWithCanonicalMapping
            try store.write(nfd, bytes: bytes("x"), expected: nil)
            #expect(FileManager.default.fileExists(atPath: dir + "/йод.yaml"))
            #expect(try store.read("йод.yaml").bytes == bytes("x"))
            #expect(try store.list().map(\.name) == ["йод.yaml"])
        }
    }
}

@Suite struct StoreLinks {
    @Test func linkPointingOutIsRefused() throws {
        try withFolder { dir in
            _ = FileManager.default.createFile(atPath: dir + "/secret.yaml", contents: Data(bytes("secret")))
            try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: false)
            let store = try DocumentStore(folder: dir + "/docs")
            symlink(dir + "/secret.yaml", dir + "/docs/link.yaml")
            symlink("../secret.yaml", dir + "/docs/rel.yaml")
            #expect(try store.list().isEmpty)
            for name in ["link.yaml", "rel.yaml"] {
                #expect(code { try store.read(name) } == "web-link")
                #expect(code { try store.write(name, bytes: bytes("pwned"), expected: nil) } == "web-link")
                #expect(code { try store.write(name, bytes: bytes("pwned"), expected: StoreFiles.revision(bytes("secret"))) } == "web-link")
                #expect(code { try store.delete(name, expected: nil) } == "web-link")
                #expect(store.revision(of: name) == nil)
            }
            #expect(contents(dir + "/secret.yaml") == "secret")
            // A history folder that is a link out.
            _ = FileManager.default.createFile(atPath: dir + "/out/20260101-000000-000-00000000.yaml", contents: Data(bytes("outside")))
            symlink(dir + "/out", dir + "/docs/история/h.yaml")
            #expect(code { try store.readVersion("h.yaml", id: "20260101-000000-000-00000000.yaml") } == "web-link")
            #expect(store.versions(of: "h.yaml").isEmpty && store.deletedNames().isEmpty)
            try store.write("h.yaml", bytes: bytes("1"), expected: nil)
            #expect(code { try store.write("h.yaml", bytes: bytes("2"), expected: StoreFiles.revision(bytes("1"))) } == "web-link")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out") == ["20260101-000000-000-00000000.yaml"])
            #expect(code { try store.delete("h.yaml", expected: nil) } == "web-link")
            #expect(try store.read("h.yaml").bytes == bytes("1"))
        }
    }

    @Test func historyFolderThatIsALinkIsRefusedAtStart() throws {
        try withFolder { dir in
            try FileManager.default.createDirectory(atPath: dir + "/docs", withIntermediateDirectories: false)
            try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: false)
            symlink(dir + "/out", dir + "/docs/история")
            #expect(code { try DocumentStore(folder: dir + "/docs") } == "web-link")
        }
    }
}
