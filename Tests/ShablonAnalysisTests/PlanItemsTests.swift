import Foundation
import Testing
import ShablonData
import ShablonDocuments

/// Issue 13 («Signable as it comes out»): the plan's items in the analysis — each once, numbered once,
/// with the held/not-held wording a methodist signs — and typography on the printed data.
@Suite struct PlanItemsInTheAnalysis {
    /// A plan as districts type it: numbers typed into the text («1.Самообразовательная»), and a row
    /// with no title of its own holding two numbered items, each with its own responsible.
    static let plan = """
    учебный_год: 2025 - 2026
    таблица:
      разделы:
        - заголовок: Методическая работа
          мероприятия:
            - {текст: 1.Самообразовательная работа библиотекарей, сроки: В течение года}
            - {текст: 2. Оказание методической помощи школьным библиотекарям, сроки: В течение года}
            - текст: Заседание МО № 1
              сроки: Октябрь
              пункты: [{тема: 1. Планирование работы, докладчик: Руководитель МО}]
            - сроки: май
              пункты:
                - {тема: 1. Подготовка и сдача анализа работы РМО, докладчик: Руководитель МО}
                - {тема: 2. Планирование работы на 2026/27 учебный год, докладчик: Руководитель МО; члены РМО}
    """

    static func load(_ outcomes: String) throws -> Analysis {
        try analysis("план: p.yaml\n" + outcomes, files: ["p.yaml": plan])
    }

    static func events(_ a: Analysis) -> [Value] {
        guard case .list(let rows)? = a.templateValue()["мероприятия"] else { return [] }
        return rows
    }

    @Test func everyItemOfARowWithoutTitleIsAPlanItemOfItsOwn() throws {
        let a = try Self.load("остальные_проведены: true\nитоги: [{мероприятие: Подготовка и сдача анализа, дата: май 2026}]")
        let rows = Self.events(a)
        #expect(rows.map { $0["мероприятие"] } == [
            "Самообразовательная работа библиотекарей", "Оказание методической помощи школьным библиотекарям", "Заседание МО №\u{A0}1",
            "Подготовка и сдача анализа работы РМО", "Планирование работы на 2026/27 учебный год",
        ])
        #expect(a.summary.plannedEvents == 5 && a.summary.heldEvents == 5)
        // Each item once: the second May item is not lost, nor the first printed twice.
        let texts = rows.compactMap { $0["мероприятие"]?.text }
        #expect(Set(texts).count == texts.count)
        // The items are found by their own number in the plan, too.
        let fifth = try Self.load("итоги: [{мероприятие: 5, проведено: false, примечание: перенесено}]")
        #expect(Self.events(fifth)[4]["отметка"] == "не проведено: перенесено")
    }

    @Test func itemsAreNumberedOnceInTheNumberColumn() throws {
        let rows = Self.events(try Self.load("остальные_проведены: true"))
        #expect(rows.map { $0["номер"] } == ["1", "2", "3", "4", "5"])
        for row in rows {
            let text = row["мероприятие"]?.text ?? ""
            #expect(text.first?.isNumber == false, "«\(text)» opens with a number of its own")
        }
        // Agenda items inside a meeting keep their own numbers (the agenda's, not the plan's).
        guard case .list(let meetings)? = try Self.load("").templateValue()["заседания"] else { Issue.record("no meetings"); return }
        #expect(meetings.first?["повестка"] == "1. Планирование работы")
    }

    @Test func theHeldWordingReadsAsASentence() throws {
        let a = try Self.load("""
        итоги:
          - {мероприятие: 1, дата: май 2026}
          - {мероприятие: 2, дата: 2025-10-23}
          - {мероприятие: 3, дата: октябрь–ноябрь 2025}
          - {мероприятие: 4, проведено: false}
          - {мероприятие: 5, дата: в течение года}
        """)
        let marks = Self.events(a).map { $0["отметка"] }
        #expect(marks == ["проведено в мае 2026\u{A0}г.", "проведено 23.10.2025", "проведено в октябре–ноябре 2025\u{A0}г.",
                          "не проведено", "проведено в течение года"])
        let other = try Self.load("итоги: [{мероприятие: 1, дата: Май}, {мероприятие: 2, дата: декабрь 2025 г.}, {мероприятие: 3, дата: 22–23.10.2025}]")
        #expect(Self.events(other).prefix(3).map { $0["отметка"] } == ["проведено в мае", "проведено в декабре 2025\u{A0}г.", "проведено 22–23.10.2025"])
    }

    @Test func printedTextHasRussianTypography() throws {
        let a = try exampleAnalysis()
        let v = a.templateValue()
        var strings: [String] = []
        func collect(_ x: Value, _ key: String) {
            switch x {
            case .string(let s) where key != "диаграммы": strings.append(s)
            case .list(let items): items.forEach { collect($0, key) }
            case .map(let m): for (k, y) in m where k != "диаграммы" { collect(y, k) }
            default: break
            }
        }
        collect(v, "")
        #expect(!strings.isEmpty)
        for s in strings { #expect(!s.contains("\""), "straight quote in «\(s)»") }
        // The example's meeting agenda typed a straight quote: «"Мастер-класс в библиотеке…»».
        #expect(strings.contains { $0.contains("«Мастер-класс в\u{A0}библиотеке") || $0.contains("«Мастер-класс в библиотеке") })
        // School names keep «п. Сорум» and «№ 3» on one line.
        guard case .list(let schools)? = v["статистика"]?["школы"] else { Issue.record("no schools"); return }
        #expect(schools.contains { $0["школа"] == "СОШ №\u{A0}1 г.\u{A0}Белоярский" })
        #expect(schools.contains { $0["школа"] == "СОШ п.\u{A0}Верхнеказымский" })
        #expect(v["итоги"]?["мероприятия_текст"] == "проведено 7 мероприятий из 7 запланированных")
    }
}

extension Value {
    /// The text of a string value.
    var text: String? { if case .string(let s) = self { return s } else { return nil } }
}
