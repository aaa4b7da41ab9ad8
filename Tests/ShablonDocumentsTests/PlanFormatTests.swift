import Foundation
import Testing
import Shablon
import ShablonData
import ShablonDocuments

/// The plan format of issue 14 (docs/plan-format.md, «Любая таблица»).
@Suite struct PlanGeneralFormat {
    static let seven = """
    учебный_год: 2024/2025
    рассмотрено:
      гриф: РАССМОТРЕНО
      текст: на заседании РМО
      протокол: "Протокол № 1 от 29.08.2024 г."
    вступление: [Пояснительная записка]
    списки:
      - абзац: Текст, который не является списком.
      - заголовок: "Задачи:"
        пункты: [Одна]
    таблица:
      колонки:
        - номер
        - мероприятие: Содержание работы
        - форма: Форма проведения
        - сроки: Дата
        - ответственные
        - результат: Ожидаемые результаты
        - отметка: Отметка о выполнении
      номера_столбцов: true
      разделы:
        - заголовок: Организационная работа
          мероприятия:
            - текст: Заседание РМО
              сроки: Октябрь
              форма: семинар
              ответственные: [Иванова И.И.]
              результат: повышение квалификации
              пункты:
                - {тема: Доклад о чтении, докладчик: Петрова П.П.}
            - текст: Конкурс чтецов
              сроки: Март
    """

    @Test func sevenColumnsWithFreeOnesAndANumberRow() throws {
        let p = try plan(Self.seven)
        #expect(p.usesGeneralLayout)
        let v = p.templateValue()
        let cols = try #require(v["таблица"]?["столбцы"])
        guard case .list(let items) = cols else { Issue.record("no columns"); return }
        #expect(items.map { $0["заголовок"] } == ["№", "Содержание работы", "Форма проведения", "Дата", "Ответственные", "Ожидаемые результаты", "Отметка о выполнении"])
        // Widths add up to the 17 cm of text width, № narrowest.
        let widths = items.compactMap { x -> Double? in if case .number(let d)? = x["ширина"] { return NSDecimalNumber(decimal: d).doubleValue }; return nil }
        #expect(abs(widths.reduce(0, +) - 17) < 0.05)
        #expect(widths[0] == widths.min())
        #expect(v["таблица"]?["номера_столбцов"] == true)
        #expect(v["рассмотрено"]?["строки"] == ["РАССМОТРЕНО", "на заседании РМО", "Протокол №\u{A0}1 от 29.08.2024\u{A0}г."])
        let text = try documentText(renderPlan(p, .docx), kind: .docx)
        for s in ["Пояснительная записка", "Текст, который не является списком.", "Ожидаемые результаты", "повышение квалификации", "Доклад о чтении", "Петрова", "Конкурс чтецов"] {
            #expect(text.contains(s), "\(s)")
        }
        // The number row, and an empty free column printed as empty cells.
        #expect(text.contains("1\n2\n3\n4\n5\n6\n7"))
        #expect(try documentText(renderPlan(p, .odt), kind: .odt).contains("Отметка о выполнении"))
    }

    @Test func anUndeclaredCellIsAnError() throws {
        var problems: [Problem] = []
        do { _ = try plan(Self.seven.replacingOccurrences(of: "результат: повышение", with: "результаты: повышение")) } catch let e as Problems { problems = e.items }
        let p = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(p.code == "plan-unknown-column")
        #expect(p.line("ru").contains("Возможно, имелось в виду «результат»"))
    }

    @Test func eventsAsParagraphs() throws {
        let p = try plan("учебный_год: 2024/2025\nтаблица:\n  вид: абзацы\n  мероприятия:\n    - {текст: Семинар, сроки: Октябрь}\n")
        let text = try documentText(renderPlan(p, .docx), kind: .docx)
        #expect(text.contains("Семинар\nСроки: Октябрь") || text.contains("Семинар"))
        #expect(!text.contains("{{"))
    }

    @Test func yearsOfARoadMap() throws {
        let p = try plan("годы: 2018 - 2020 гг.\nвид: РМО\n")
        #expect(p.templateValue()["заголовок"] == ["План работы", "РМО школьных библиотекарей", "на 2018–2020 годы"])
        #expect(throws: Problems.self) { try plan("годы: 2020-2018") }
    }

    /// The five examples keep the classic template (their output is unchanged).
    @Test func theExamplesKeepTheClassicLayout() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples/plans")
        for f in try FileManager.default.contentsOfDirectory(atPath: dir.path) where f.hasSuffix(".yaml") {
            let p = try Plan.load(DataLoader.load(Array(try Data(contentsOf: dir.appendingPathComponent(f)))))
            #expect(p.usesGeneralLayout == f.hasPrefix("roadmap"), "\(f)")
        }
    }
}

@Suite struct NextYear {
    static let examples: [URL] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples")
        let plans = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("plans").path)) ?? []
        return plans.filter { $0.hasSuffix(".yaml") }.sorted().map { root.appendingPathComponent("plans/" + $0) } + [root.appendingPathComponent("district/district.yaml")]
    }()

    @Test func rollsEveryExample() throws {
        #expect(Self.examples.count >= 6)
        for url in Self.examples {
            let text = try String(contentsOf: url, encoding: .utf8)
            let next = PlanNextYear.roll(text)
            let loaded = try DataLoader.load(Array(next.text.utf8))
            if url.path.contains("/plans/") {
                let before = try Plan.load(DataLoader.load(Array(text.utf8)))
                let after = try Plan.load(loaded)
                let y = Plan.normalizedSchoolYear(before.schoolYear).split(separator: "/").compactMap { Int($0) }
                #expect(Plan.normalizedSchoolYear(after.schoolYear) == "\(y[0] + 1)/\(y[1] + 1)", "\(url.lastPathComponent)")
            }
            #expect(!next.changes.isEmpty)
            // Twice is two years on.
            #expect(PlanNextYear.roll(next.text).text == PlanNextYear.roll(text, years: 2).text, "\(url.lastPathComponent)")
        }
    }

    @Test func yearsDatesSignaturesAndOutcomes() throws {
        let text = """
        # комментарий 2024 остаётся
        учебный_год: 2024/25
        утверждение:
          должность: Директор
          дата: 2024-09-02
        рассмотрено:
          протокол_дата: 2024-08-29
          протокол_номер: 1
        заголовок: [«на 2024–2025 учебный год», «2024 - 2025», 2025 г.]
        таблица:
          колонки: [номер, мероприятие, сроки, {отметка: Отметка о выполнении}]
          мероприятия:
            - текст: Семинар к 200-летию
              сроки: 17.10.2024
              отметка: выполнено
            - текст: Совещание
              сроки: "19.09."
            - текст: Заказ
              сроки: 2025-03-13
        """
        let r = PlanNextYear.roll(text)
        let lines = r.text.components(separatedBy: "\n")
        #expect(lines[0] == "# комментарий 2024 остаётся")
        #expect(lines[1] == "учебный_год: 2025/26")
        #expect(r.text.contains("год: 2025\n"))
        #expect(!r.text.contains("дата: 2024-09-02") && !r.text.contains("протокол_номер"))
        #expect(r.text.contains("протокол: \"протокол от «___» ____________ 2025 г. № ___\""))
        #expect(r.text.contains("[«на 2025–2026 учебный год», «2025 - 2026», 2026 г.]"))
        // Thursday 17.10.2024 → Thursday 16.10.2025; Thursday 19.09.2024 → 18.09.2025; 13.03.2025 → 12.03.2026.
        #expect(r.text.contains("сроки: 16.10.2025"))
        #expect(r.text.contains("сроки: \"18.09.\""))
        #expect(r.text.contains("сроки: 2026-03-12"))
        #expect(!r.text.contains("выполнено"))
        #expect(r.text.contains("{отметка: Отметка о выполнении}"))
        #expect(r.notes.contains { $0.contains("юбилеи") })
        _ = try Plan.load(DataLoader.load(Array(r.text.utf8)))
    }
}
