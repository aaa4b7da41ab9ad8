import Foundation
import Testing
import Shablon
import ShablonData
import ShablonDocuments
import ShablonZip

/// `shablon import`: what it recognises in a typed document (the document model level), and what
/// it refuses (the same hostile packages as `render`, with the same codes).
@Suite struct PlanImportRecognition {
    static func plan(docx body: String) throws -> ImportedPlan { try PlanImport.read(docxPackage(body: body)) }
    static func plan(odt body: String) throws -> ImportedPlan { try PlanImport.read(odtPackage(body: body)) }

    static let header = ["№", "Содержание работы", "Форма проведения", "Дата", "Ответственные", "Ожидаемые результаты", "Отметка о выполнении"]

    @Test func anyColumnsComeBackInOrderWithFreeColumnsByTheirKey() throws {
        let w = 1200
        let rows = [
            Self.header.map { wtc(w, wp(wr($0, bold))) }.joined(),
            (1...7).map { wtc(w, wpText("\($0)")) }.joined(),
            wtc(w * 7, wp(wr("Организационная работа", bold)), span: 7),
            [wpText("1."), wpText("Заседание РМО"), wpText("семинар"), wpText("Октябрь"), wpText("Иванова И.И."), wpText("повышение квалификации"), wpText("")].map { wtc(w, $0) }.joined(),
        ]
        let p = try Self.plan(docx: wpText("Задачи:") + wpText("- изучать документы") + wtbl(Array(repeating: w, count: 7), rows))
        let t = try #require(p.table)
        #expect(t.columns.map(\.key) == ["номер", "мероприятие", "форма", "сроки", "ответственные", "результаты", "отметка"])
        #expect(t.columns.map(\.title) == Self.header)
        #expect(t.numberRow)
        #expect(t.sections.map(\.title) == ["Организационная работа"])
        let e = try #require(t.sections.first?.events.first)
        #expect(e.text == "Заседание РМО" && e.form == "семинар" && e.dates == "Октябрь" && e.free["результаты"] == "повышение квалификации")
        #expect(!p.usesOnlyOriginalFormat)
        let yaml = PlanImport.yaml(p)
        for line in ["  колонки:", "    - номер: №", "    - мероприятие: Содержание работы", "    - форма: Форма проведения",
                     "    - результаты: Ожидаемые результаты", "    - отметка: Отметка о выполнении", "  номера_столбцов: true",
                     "          форма: семинар", "          результаты: повышение квалификации",
                     "# проверьте: столбец «Ожидаемые результаты» не известен — его ячейки записаны по ключу «результаты»"] {
            #expect(yaml.contains(line), "\(line)\n\(yaml)")
        }
        // The extended format (issue 14) reads it: the free columns print under their titles.
        let plan = try ShablonDocuments.Plan.load(DataLoader.yaml(yaml))
        let rendered = try DocumentTemplate(bytes: BuiltinTemplate.named(plan.usesGeneralLayout ? "plan-full" : "plan")!.bytes(.docx)).render(plan.templateValue()).bytes
        let printed = try visibleText(ZipArchive(bytes: rendered).read("word/document.xml"))
        for title in Self.header + ["повышение квалификации", "Организационная работа"] { #expect(printed.contains(title), "\(title)") }
    }

    @Test func stampsInATableAndTheProtocolLine() throws {
        let cells = otc(op("РАССМОТРЕНО") + op("на заседании РМО") + op("Протокол № 1 от 29.08.2024 г."))
            + otc(op("УТВЕРЖДАЮ") + op("Директор МОУ ДПО УМЦ") + op("г.о. Серпухов") + op("_________ Г.В. Венкова") + op("«02» сентября 2024 г."))
        let p = try Self.plan(odt: "<table:table><table:table-column table:number-columns-repeated=\"2\"/><table:table-row>\(cells)</table:table-row></table:table>"
                              + op("План работы РМО на 2024-2025 учебный год"))
        let r = try #require(p.review)
        #expect(r.heading == "РАССМОТРЕНО" && r.text == "на заседании РМО" && r.protocolDate == nil && r.protocolLine == "Протокол № 1 от 29.08.2024 г.")
        #expect(p.approval == .official(position: "Директор МОУ ДПО УМЦ", organisation: "г.о. Серпухов", name: "Г.В. Венкова",
                                        date: CalendarDate(year: 2024, month: 9, day: 2), year: nil, slashes: false))
        #expect(p.schoolYear == "2024-2025" && p.kind == "РМО")
        #expect(PlanImport.yaml(p).contains("  протокол: Протокол № 1 от 29.08.2024 г."))
    }

    @Test func aStampOfRightAlignedParagraphsAndAnAct() throws {
        let p = try Self.plan(docx: wp(wr("УТВЕРЖДАЮ"), right) + wp(wr("директор МОУ ДПО УМЦ"), right) + wp(wr("________Г.В. Венкова/"), right)
                              + wp(wr("«___» ________ 2024 г."), right) + wp(wr("План работы", bold), center))
        #expect(p.approval == .official(position: "директор МОУ ДПО УМЦ", organisation: nil, name: "Г.В. Венкова", date: nil, year: 2024, slashes: true))
        let act = try Self.plan(odt: op("Утвержден приказом управления образования от 02.09.2024 № 245") + op("План работы на 2024/2025 учебный год"))
        #expect(act.approval == .act(document: "приказом управления образования", date: CalendarDate(year: 2024, month: 9, day: 2), number: "245"))
    }

    @Test func wordHabitsLeaveNoTrace() throws {
        // Runs split mid-word, spell-check marks, a bookmark, an accepted insertion, a deletion, a
        // non-breaking space and a soft line break.
        let body = wp(wr("Методическая тема:", bold) + wr(" Библио") + spellStart + wr("тека") + spellEnd
                      + "<w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/><w:bookmarkEnd w:id=\"0\"/>"
                      + "<w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText> удалено</w:delText></w:r></w:del>"
                      + "<w:ins w:id=\"2\" w:author=\"A\">" + wr(" и\u{A0}книга") + "</w:ins>" + "<w:r><w:br/><w:t>вторая строка</w:t></w:r>")
        let p = try Self.plan(docx: wp(wr("План работы на 2024/2025 учебный год"), center) + body)
        #expect(p.theme?.label == nil && p.theme?.text == "Библиотека и книга\nвторая строка", "\(String(describing: p.theme))")
    }

    @Test func whatIsNotRecognisedIsKeptInItsPlaceAndReportedInRussian() throws {
        let p = try Self.plan(odt: op("Пояснительная записка") + op("<text:span text:style-name=\"T1\">План работы</text:span>")
                              + op("Задачи:") + op("1. изучать") + op("Этот абзац не похож ни на что из плана, он просто стоит между списками.")
                              + op("Формы работы:") + op("· семинары"))
        #expect(p.intro == ["Пояснительная записка"])
        #expect(p.entries.count == 3)
        if case .paragraph(let text, _) = p.entries[1] { #expect(text.hasPrefix("Этот абзац")) } else { Issue.record("\(p.entries)") }
        let lines = p.problems.map { $0.line("ru") }
        #expect(p.problems.count == 2 && p.problems.allSatisfy { $0.code == "import-unclassified" && $0.severity == .warning }, "\(lines)")
        #expect(lines.contains { $0.contains("абзац 1 «Пояснительная записка»") && $0.contains("не распознано") }, "\(lines)")
        #expect(lines.contains { $0.contains("абзац 5 «Этот абзац не похож ни на что из плана, …»") }, "\(lines)")
        let yaml = PlanImport.yaml(p)
        #expect(yaml.contains("вступление:\n  - Пояснительная записка") && yaml.contains("  - абзац: Этот абзац"), "\(yaml)")
    }

    @Test func yamlScalarsReadBackAsTyped() throws {
        let odd = ["да", "2024-2025", "19.09.", "- по списку", "#хэштег", "a: b", "«Кавычки»", "\"прямые\"", "таб\tв тексте", "строка\nи вторая", " пробел", "null", "1."]
        var p = ImportedPlan()
        p.schoolYear = "2024/2025"
        p.notes = odd
        let loaded = try DataLoader.yaml(PlanImport.yaml(p)).value
        #expect(loaded["примечания"] == .list(odd.map { .string($0) }))
    }
}

/// Contract §3 for `import`: the hostile packages `render` refuses are refused with the same codes
/// (the package is opened through the same `DocumentPackage`), through the library and the program.
@Suite struct PlanImportHostileInputs {
    /// The package-level cases; the template-language ones (blocks, filters) do not apply to import.
    static let cases = badTemplates.filter { !["unclosed-block", "mismatched-block", "unknown-filter"].contains($0.code) }

    @Test(arguments: cases)
    func refusedLikeRender(_ bad: BadTemplate) throws {
        let bytes = bad.build()
        var renderCodes: Set<Problem.Code> = []
        do { _ = try DocumentTemplate(bytes: bytes) } catch { renderCodes = Set(error.items.filter { $0.severity == .error }.map(\.code)) }
        var importCodes: Set<Problem.Code> = []
        do { _ = try PlanImport.read(bytes) } catch { importCodes = Set(error.items.filter { $0.severity == .error }.map(\.code)) }
        #expect(importCodes.contains(Problem.Code(stringLiteral: bad.code)), "\(importCodes)")
        #expect(importCodes == renderCodes)
    }

    @Test(arguments: cases.filter { !$0.name.contains("2 GiB") && !$0.name.contains("1 GiB") })
    func refusedByTheProgram(_ bad: BadTemplate) throws {
        let dir = TempDir()
        let doc = dir.write("план.\(bad.ext)", bad.build())
        let out = dir.file("план.yaml")
        let r = try expectFailingRun(["import", doc, "-o", out], output: out, inputs: [doc], status: 1, code: bad.code)
        let line = try #require(r.stderr.split(separator: "\n").first { $0.contains("error[\(bad.code)]") })
        #expect(line.hasPrefix(doc + ": "), "\(line)")
        #expect(!r.stderr.contains("root:"))
    }

    @Test func theProgramWritesYAMLAndRefusesAnotherOutputKind() throws {
        let dir = TempDir()
        let doc = dir.write("план.docx", docxPackage(body: wp(wr("План работы на 2024/2025 учебный год"), center) + wpText("Задачи:") + wpText("- читать")))
        let out = dir.file("план.yaml")
        let ok = try CLI.run(["import", doc, "-o", out])
        #expect(ok.status == 0, "\(ok)")
        let yaml = try String(contentsOfFile: out, encoding: .utf8)
        #expect(yaml.contains("учебный_год: \"2024/2025\"") && yaml.contains("      - читать"), "\(yaml)")
        let wrong = try CLI.run(["import", doc, "-o", dir.file("план.docx")])
        #expect(wrong.status == 2 && wrong.stderr.contains(".yaml"), "\(wrong)")
    }
}
