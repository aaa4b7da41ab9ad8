import Foundation
import ShablonData
import ShablonEngine
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

    // MARK: - Output budget

    /// How many times its input a fuzzed render may grow before the budget stops it. Loops over the
    /// data's lists, nested, multiply a template; a render that goes past this without the error
    /// `output-too-large` is a way around the budget, and traps.
    public static let amplification = 64
    /// The budget of small inputs.
    public static let minimumBudget = 64 << 10

    /// The output budget of a render of an input of `size` bytes.
    public static func budget(forInput size: Int) -> Int { max(minimumBudget, amplification * size) }

    /// Render options with the fuzzing budget (`scale` times it) for one part and four parts' worth for
    /// the document.
    public static func options(allowMissing: Bool, inputSize: Int, scale: Int = 1) -> RenderOptions {
        var o = RenderOptions(allowMissing: allowMissing)
        o.maxOutputSize = budget(forInput: inputSize) * scale
        o.maxDocumentOutputSize = 4 * o.maxOutputSize
        return o
    }

    /// True when a render stopped at its output budget.
    public static func stopped(_ problems: [Problem]) -> Bool { problems.contains { $0.code == "output-too-large" } }

    /// Renders a part with the budget for its input and checks that the budget holds and bites only past
    /// it: a render without `output-too-large` fits; with four times the budget the same render gives the
    /// same bytes and problems where it fitted, and more bytes than the budget where it had stopped.
    public static func renderWithinBudget(_ template: PartTemplate, allowMissing: Bool, inputSize: Int) -> PartRender {
        let limit = budget(forInput: inputSize)
        let r = template.render(data, options: options(allowMissing: allowMissing, inputSize: inputSize))
        check(stopped(r.problems) || r.bytes.count <= limit,
              "a render wrote \(r.bytes.count) bytes, past its budget of \(limit), without output-too-large")
        let wide = template.render(data, options: options(allowMissing: allowMissing, inputSize: inputSize, scale: 4))
        if !stopped(r.problems) {
            check(wide.bytes == r.bytes && wide.problems == r.problems, "a larger budget changed a render that fitted its budget")
        } else if !stopped(wide.problems) {
            check(wide.bytes.count > limit, "output-too-large at \(limit) bytes for a render of \(wide.bytes.count) bytes")
        }
        return r
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
