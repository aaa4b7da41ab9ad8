import Foundation
import Testing
import Shablon
import ShablonData
import ShablonDocuments

/// The result of one run of `shablon`.
struct Run: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }

    /// The codes of the `error[…]` lines on stderr.
    var errors: [String] {
        stderr.split(separator: "\n").compactMap { line in
            guard let r = line.range(of: "error["), let end = line[r.upperBound...].firstIndex(of: "]") else { return nil }
            return String(line[r.upperBound..<end])
        }
    }
}

/// A fresh folder, removed when the value goes away.
final class Folder {
    let path: String
    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("shablon-spec-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        FileManager.default.createFile(atPath: file(name), contents: Data(bytes))
        return file(name)
    }
    func listing(_ sub: String = "") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: file(sub))) ?? []).sorted()
    }
}

enum Shablon {
    /// The `shablon` binary built beside the test bundle (the same scratch path), or `$SHABLON_BIN`.
    static let binary: String? = {
        let fm = FileManager.default
        if let p = ProcessInfo.processInfo.environment["SHABLON_BIN"], fm.isExecutableFile(atPath: p) { return p }
        for base in [Bundle.main.executablePath, Bundle.main.bundlePath].compactMap({ $0 }) {
            var dir = (base as NSString).deletingLastPathComponent
            for _ in 0..<4 {
                let p = (dir as NSString).appendingPathComponent("shablon")
                var isDir: ObjCBool = false
                if fm.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue, fm.isExecutableFile(atPath: p) { return p }
                dir = (dir as NSString).deletingLastPathComponent
            }
        }
        return nil
    }()

    static func run(_ arguments: [String]) throws -> Run {
        let binary = try #require(binary, "the shablon binary was not found beside the tests: run swift build first, or set SHABLON_BIN")
        let io = Folder()
        let out = io.file("stdout"), err = io.file("stderr")
        FileManager.default.createFile(atPath: out, contents: nil)
        FileManager.default.createFile(atPath: err, contents: nil)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = arguments
        let o = try FileHandle(forWritingTo: URL(fileURLWithPath: out)), e = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        p.standardOutput = o
        p.standardError = e
        p.standardInput = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        try o.close(); try e.close()
        return Run(status: p.terminationStatus, stdout: String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self),
                   stderr: String(decoding: FileManager.default.contents(atPath: err) ?? Data(), as: UTF8.self))
    }
}

@Suite struct SpecCommandLine {
    let order = examples.appendingPathComponent("order.csv").path
    let contracts = examples.appendingPathComponent("contracts.yaml").path

    @Test func oneSpecificationPerPublisherAndTheSummary() throws {
        let dir = Folder()
        let out = dir.file("спецификации")  // does not exist yet: it is created
        let r = try Shablon.run(["spec", order, "--contracts", contracts, "-o", out])
        #expect(r.status == 0, "\(r)")
        #expect(dir.listing("спецификации") == [
            "Сводка по контрактам.csv",
            "Спецификация — АО «Издательство «Просвещение».docx",
            "Спецификация — ООО «Академкнига-Учебник».docx",
            "Спецификация — ООО «БИНОМ. Лаборатория знаний».docx",
            "Спецификация — ООО «ИОЦ МНЕМОЗИНА».docx",
            "Спецификация — ООО «Русское слово — учебник».docx",
        ])
        // The summary on screen and in CSV.
        #expect(r.stdout.split(separator: "\n").first?.hasPrefix("Издательство") == true)
        func fields(_ start: String) -> [String] {
            guard let line = r.stdout.split(separator: "\n").first(where: { $0.hasPrefix(start) }) else { return [] }
            return line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        #expect(fields("АО «Издательство «Просвещение»") == ["АО «Издательство «Просвещение»", "01-У/2025", "14.03.2025", "28", "5568",
                                                            "5\u{A0}982\u{A0}077,20", "543\u{A0}825,20"], "\(r)")
        #expect(fields("ООО «Академкнига/Учебник»").last == "Без НДС")
        #expect(fields("Итого") == ["Итого", "64", "12422", "13\u{A0}437\u{A0}424,40", "1\u{A0}055\u{A0}713,10"], "\(r)")
        let csv = try DataLoader.csv(bytes(URL(fileURLWithPath: dir.file("спецификации/Сводка по контрактам.csv"))))
        #expect(csv.rows.count == 6)
        #expect(csv.rows[0]["Издательство"] == "ООО «Академкнига/Учебник»")
        #expect(csv.rows[0]["в т.ч. НДС, руб."] == "Без НДС")
        #expect(csv.rows[0]["Файл"] == "Спецификация — ООО «Академкнига-Учебник».docx")
        #expect(csv.rows[5]["Сумма, руб."] == .number(Decimal(string: "13437424.40")!))
        #expect(csv.rows[5]["Экземпляров"] == 12422)
        // Each file is the specification of its publisher.
        let docx = try bytes(URL(fileURLWithPath: dir.file("спецификации/Спецификация — ООО «ИОЦ МНЕМОЗИНА».docx")))
        let text = try documentText(docx, kind: .docx)
        #expect(text.contains("от «18» марта 2025\u{A0}г. №\u{A0}05-У/2025"))
        #expect(text.contains("Общая стоимость: 1\u{A0}703\u{A0}929,10\u{A0}руб. (Один миллион семьсот три тысячи девятьсот двадцать девять рублей 10 копеек), в том числе НДС (10\u{A0}%) 154\u{A0}902,65\u{A0}руб."))
        #expect(text.contains("________________ / И.П.\u{A0}Васильев /"))
        // Run again into the existing folder: the files are replaced, nothing else appears.
        let again = try Shablon.run(["spec", order, "--contracts", contracts, "-o", out, "--format", "odt", "--no-distribution"])
        #expect(again.status == 0, "\(again)")
        #expect(dir.listing("спецификации").count == 11)
        let odt = try documentText(bytes(URL(fileURLWithPath: dir.file("спецификации/Спецификация — ООО «ИОЦ МНЕМОЗИНА».odt"))), kind: .odt)
        #expect(odt.contains("ПОСТАВЩИК:") && !odt.contains("Разнарядка"))
    }

    @Test func aBrokenOrderWritesNothingAndNamesTheCells() throws {
        let dir = Folder()
        let bad = dir.write("заказ.csv", windows1251(header + "СОШ № 1;1.1.1;А.;Букварь;1;Просвещение;2024;десять;845,90\r\n"
                                                     + "СОШ № 1;1.1.2;А.;Азбука;1;Просвещение;2024;10;-5\r\n"))
        let out = dir.file("out")
        let r = try Shablon.run(["spec", bad, "-o", out])
        #expect(r.status == 1, "\(r)")
        #expect(r.errors == ["order-bad-cell", "order-bad-cell"])
        #expect(r.stderr.contains("заказ.csv: ячейка H2: error[order-bad-cell]: «Количество»: «десять» — не число."), "\(r)")
        #expect(r.stderr.contains("заказ.csv: ячейка I3: error[order-bad-cell]: «Цена»: цена -5 — не положительна."), "\(r)")
        #expect(dir.listing() == ["заказ.csv"], "the output folder was created")
        // JSON for machines; the documents' format is --to.
        let json = try Shablon.run(["spec", bad, "-o", out, "--to", "pdf", "--format", "json", "--lang", "en"])
        #expect(json.status == 1)
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stderr.utf8)) as? [[String: Any]])
        #expect(items.map { $0["location"] as? String } == ["cell H2", "cell I3"])
    }

    @Test func theOutputFolderMustBeCreatableAndAFolder() throws {
        let dir = Folder()
        let r = try Shablon.run(["spec", order, "-o", dir.file("нет/такой/папки")])
        #expect(r.status == 1, "\(r)")
        #expect(r.errors == ["output-folder-missing"])
        #expect(dir.listing().isEmpty)
        let file = dir.write("файл", Array("x".utf8))
        let f = try Shablon.run(["spec", order, "-o", file])
        #expect(f.status == 2, "\(f)")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "x")
    }

    @Test func columnsWithOtherHeadersAreMappedOnTheCommandLine() throws {
        let dir = Folder()
        let csv = dir.write("заказ.csv", windows1251("Заказчик;Код;Учебник;Поставщик;Заказ;Руб. за шт.\r\nСОШ № 1;1.1.1;Букварь;Просвещение;10;100,50\r\n"))
        let missing = try Shablon.run(["spec", csv, "-o", dir.file("out")])
        #expect(missing.status == 1)
        #expect(missing.errors == ["order-missing-column"])
        let r = try Shablon.run(["spec", csv, "-o", dir.file("out"), "--column", "школа=Заказчик", "--column", "фпу=Код",
                                 "--column", "издательство=Поставщик", "--column", "количество=Заказ", "--column", "price=F"])
        #expect(r.status == 0, "\(r)")
        #expect(dir.listing("out") == ["Сводка по контрактам.csv", "Спецификация — Просвещение.docx"])
        let usage = try Shablon.run(["spec", csv, "-o", dir.file("out"), "--column", "стоимость=F"])
        #expect(usage.status == 2)
    }

    /// `--columns`: the «Книгозаказ»-like export gives the canonical order's summary; `--column` is over
    /// the file; a broken map is reported with its file and line, and nothing is written.
    @Test func aColumnMapReadsAnExportUnedited() throws {
        let dir = Folder()
        let export = examples.appendingPathComponent("knigozakaz.xlsx").path, map = examples.appendingPathComponent("knigozakaz.yaml").path
        let mapped = try Shablon.run(["spec", export, "--columns", map, "-o", dir.file("k")])
        #expect(mapped.status == 0, "\(mapped)")
        let canonical = try Shablon.run(["spec", order, "-o", dir.file("c")])
        #expect(canonical.status == 0, "\(canonical)")
        #expect(mapped.stdout == canonical.stdout)
        #expect(dir.listing("k") == dir.listing("c") && dir.listing("k").count == 6)
        // The command line is over the file: a wrong title in the map, the right one in --column.
        let wrong = dir.write("m.yaml", Array("строка_заголовков: 4\nстрок_в_заголовке: 2\nпропустить_строки: [6]\nлист: Нет такого\nстолбцы: {фпу: Номер, сумма: всего}\n".utf8))
        let fixed = try Shablon.run(["spec", export, "--columns", wrong, "--column", "фпу=Код ФПУ", "--sheet", "Заявка", "-o", dir.file("f")])
        #expect(fixed.status == 0, "\(fixed)")
        let broken = dir.write("b.yaml", Array("строка_заголовков: 4\nстолбцы:\n  издателство: Издатель\n".utf8))
        let r = try Shablon.run(["spec", export, "--columns", broken, "-o", dir.file("b")])
        #expect(r.status == 1)
        #expect(r.stderr.contains("b.yaml: 3:") && r.stderr.contains("error[columns-unknown-field]") && r.stderr.contains("Возможно, имелось в виду «издательство»"), "\(r)")
        #expect(!dir.listing().contains("b"))
    }

    /// `--to` as in `batch`; the old `--format odt` gives the same files with a warning.
    @Test func theOutputFormatIsTo() throws {
        let dir = Folder()
        let to = try Shablon.run(["spec", order, "-o", dir.file("to"), "--to", "odt"])
        #expect(to.status == 0, "\(to)")
        #expect(!to.stderr.contains("warning"), "\(to)")
        let old = try Shablon.run(["spec", order, "-o", dir.file("old"), "--format", "odt"])
        #expect(old.status == 0, "\(old)")
        #expect(old.stderr.contains("warning[deprecated-option]: --format odt — старое написание; формат документов задаёт --to odt"), "\(old)")
        let names = dir.listing("to")
        #expect(names == dir.listing("old") && names.contains { $0.hasSuffix(".odt") })
        for n in names {
            #expect(FileManager.default.contents(atPath: dir.file("to/" + n)) == FileManager.default.contents(atPath: dir.file("old/" + n)), "\(n)")
        }
        // With JSON messages the warning is in the same one array as the rest.
        let json = try Shablon.run(["spec", order, "-o", dir.file("json"), "--format", "odt", "--format", "json"])
        let end = try #require(json.stderr.range(of: "\n]")?.upperBound, "\(json)")
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stderr[..<end].utf8)) as? [[String: Any]], "\(json)")
        #expect(items.map { $0["code"] as? String } == ["deprecated-option"])
    }

    @Test func twoDocumentFormatsAreAUsageError() throws {
        let r = try Shablon.run(["spec", order, "-o", Folder().file("out"), "--format", "docx", "--format", "odt"])
        #expect(r.status == 2, "\(r)")
    }

    @Test func theBuiltInTemplateIsListedAndExported() throws {
        let list = try Shablon.run(["templates", "list"])
        #expect(list.stdout.contains("specification\t.docx .odt\tСпецификация"))
        let dir = Folder()
        let r = try Shablon.run(["templates", "export", "specification", "-o", dir.file("спец.odt")])
        #expect(r.status == 0, "\(r)")
        // An exported template used as --template gives the same documents.
        let out = try Shablon.run(["spec", order, "-o", dir.file("out"), "--template", dir.file("спец.odt")])
        #expect(out.status == 0, "\(out)")
        #expect(dir.listing("out").filter { $0.hasSuffix(".odt") }.count == 5)
    }
}
