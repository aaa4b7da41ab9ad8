import Foundation
import ShablonData
import ShablonXML

/// What the fuzz targets share (docs/fuzzing.md): the fixed data every render uses, the checks that
/// turn a broken invariant into a crash libFuzzer records, and the replay entry point of a plain build.
public enum Fuzz {
    /// The data every fuzzed render fills its template with: each kind of value, text that needs
    /// escaping, control characters, nested lists and maps, Russian and English names.
    public static let data: Value = [
        "name": "Иванова Анна Борисовна",
        "title": "План <работы> & \"отчёт\" 'МО'",
        "text": "строка 1\nстрока 2\tтаб\u{1}",
        "n": 3,
        "zero": 0,
        "sum": .number(Decimal(string: "1234567.891")!),
        "neg": -5,
        "date": .date(CalendarDate(year: 2024, month: 9, day: 5)!),
        "day": "05.09.2024",
        "flag": true,
        "no": false,
        "empty": "",
        "none": nil,
        "list": [1, "два", nil, true],
        "items": [
            ["name": "Неделя книги", "n": 1, "date": "2024-09-05", "sum": 100, "items": ["a", "b"]],
            ["name": "Библиотечный урок", "n": 2, "date": .date(CalendarDate(year: 2025, month: 2, day: 28)!), "items": []],
            ["name": "", "n": 0, "flag": true],
        ],
        "map": ["a": 1, "b": "x", "c": ["d": [1, 2]]],
        "тема": "Чтение",
        "события": [["название": "Конкурс", "дата": "01.10.2024"]],
    ]

    /// Stops the process with a message when an invariant is broken (libFuzzer saves the input).
    public static func check(_ condition: Bool, _ message: @autoclosure () -> String) {
        if !condition {
            FileHandle.standardError.write(Data(("fuzz invariant broken: " + message() + "\n").utf8))
            abort()
        }
    }

    /// Checks that rendered XML is well-formed again.
    public static func checkWellFormed(_ bytes: [UInt8], _ what: String) {
        do {
            _ = try XMLParser.parse(bytes)
        } catch {
            check(false, "\(what) is not well-formed: \(error)\n" + String(decoding: bytes.prefix(4000), as: UTF8.self))
        }
    }

    /// The plain build's entry point: runs every file named (folders recursively) through the target,
    /// so the committed corpora and a crash file can be replayed without libFuzzer.
    public static func replay(_ body: (UnsafePointer<UInt8>, Int) -> CInt) {
        var files: [String] = []
        let fm = FileManager.default
        for path in CommandLine.arguments.dropFirst() {
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                FileHandle.standardError.write(Data("no such file: \(path)\n".utf8))
                exit(2)
            }
            if isDir.boolValue {
                let names = (fm.enumerator(atPath: path)?.allObjects as? [String] ?? []).sorted()
                for n in names {
                    var d: ObjCBool = false
                    let full = path + "/" + n
                    if fm.fileExists(atPath: full, isDirectory: &d), !d.boolValue { files.append(full) }
                }
            } else {
                files.append(path)
            }
        }
        if files.isEmpty {
            FileHandle.standardError.write(Data("usage: \(CommandLine.arguments[0]) FILE-OR-FOLDER…\n  (build with `make fuzz` to fuzz)\n".utf8))
            exit(2)
        }
        for f in files {
            guard let d = fm.contents(atPath: f) else { continue }
            var bytes = [UInt8](d)
            bytes.append(0)  // never an empty buffer; the byte is not passed
            _ = bytes.withUnsafeBufferPointer { body($0.baseAddress!, $0.count - 1) }
        }
        print("replayed \(files.count) inputs")
    }
}
