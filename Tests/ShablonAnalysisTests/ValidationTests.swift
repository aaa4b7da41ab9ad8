import Foundation
import Testing
import ShablonData
import ShablonDocuments

@Suite struct AnalysisValidation {
    @Test func mistakesAreReportedTogetherWithLinesAndNearestNames() {
        let yaml = """
        план: plan.yaml
        итоги:
          - мероприятие: Заседание МО
            датa: 2024-09-26
          - мероприятие: 9
          - мероприятие: Семинар про всё на свете
          - проведено: true
        выводы: [один]
        задачи_на_следущий_год: [два]
        статистика: stats.csv
        """
        let found = problems(yaml, files: SmallDistrict.files)
        #expect(found.map(\.code).sorted() == ["analysis-ambiguous-event", "analysis-unknown-event", "analysis-unknown-event",
                                               "data-missing-field", "data-unknown-field", "data-unknown-field"])
        let lines = found.compactMap { p -> Int? in if case .text(let l, _)? = p.location { return l }; return nil }.sorted()
        #expect(lines == [3, 4, 5, 6, 7, 9])
        let typo = found.first { $0.message.ru.contains("задачи_на_следущий_год") }
        // The place is where the field's value starts, as for plans.
        #expect(typo?.line("ru") == "9:25: error[data-unknown-field]: «задачи_на_следущий_год»: неизвестное поле. Возможно, имелось в виду «задачи_на_следующий_год». Допустимые поля: план, итоги, остальные_проведены, объединение, район, заголовок, число_членов, конкурсы, повышение_квалификации, обмен_опытом, выводы, проблемы, задачи_на_следующий_год, статистика, статистика_прошлого_года, подпись.")
        let ambiguous = found.first { $0.code == "analysis-ambiguous-event" }
        #expect(ambiguous?.message.ru.contains("1. Заседание МО № 1; 2. Заседание МО № 2") == true)
        let number = found.first { $0.message.ru.contains("№ 9") }
        #expect(number?.message.ru == "«итоги[2].мероприятие»: в плане 6 мероприятий, а указано № 9")
    }

    @Test func aBadCellIsReportedByItsAddressInTheTable() {
        let stats = """
        школа;читатели_учащиеся;книговыдача;учащиеся_5;учебники_5
        СОШ № 1;400;9000;60;54
        СОШ № 2;много;9000;60;-3
        СОШ № 1;1;2;3;4
        """
        let found = problems("план: plan.yaml\nстатистика: s.csv", files: ["plan.yaml": SmallDistrict.plan, "s.csv": stats])
        #expect(found.map(\.code) == ["stats-bad-cell", "stats-bad-cell", "stats-duplicate-school"])
        #expect(found.map(\.file) == ["s.csv", "s.csv", "s.csv"])
        #expect(found.map { $0.location?.text("ru") } == ["ячейка B3", "ячейка E3", "ячейка A4"])
        #expect(found[0].message.ru == "«читатели_учащиеся» школы «СОШ № 2»: «много» — не целое неотрицательное число")
    }

    @Test func aTableWithoutSchoolsColumnNamesItsHeaders() {
        let found = problems("план: plan.yaml\nстатистика: s.csv", files: ["plan.yaml": SmallDistrict.plan, "s.csv": "Название;Читатели\nА;1\n"])
        #expect(found.map(\.code) == ["stats-missing-column"])
        #expect(found.first?.hint?.ru.hasPrefix("Заголовки таблицы: Название, Читатели.") == true)
    }

    @Test func missingFilesAndPlanProblemsNameTheirFile() {
        let missing = problems("план: нет.yaml\nстатистика: нет.csv")
        #expect(missing.map(\.code) == ["file-not-found", "file-not-found"])
        #expect(missing.compactMap { if case .text(let l, _)? = $0.location { return l } else { return nil } } == [1, 2])
        let badPlan = problems("план: plan.yaml", files: ["plan.yaml": "вид: РМО\nтема: [а, б]\n"])
        // A plan without a school year is allowed (a seminar programme, issue 14): only the wrong type.
        #expect(badPlan.map(\.code).sorted() == ["data-wrong-type"])
        #expect(badPlan.allSatisfy { $0.file == "plan.yaml" })
    }

    @Test func anInlinePlanKeepsItsPositions() throws {
        let a = try analysis("""
        план:
          учебный_год: 2024/2025
          таблица:
            мероприятия: [Заседание МО № 1, Заседание МО № 2]
        итоги:
          - {мероприятие: 1, дата: 2024-10-01}
        """)
        #expect(a.summary.heldMeetings == 1 && a.summary.plannedMeetings == 2)
        let found = problems("""
        план:
          учебный_год: 2024/2025
          тема: [а, б]
        """)
        #expect(found.count == 1)
        #expect(found.first?.line("ru").hasPrefix("3:9: error[data-wrong-type]: «план.тема»") == true)
    }

    @Test func eventsWithoutOutcomeAreNotHeldUnlessSaidSo() throws {
        let plan = "учебный_год: 2024/2025\nтаблица:\n  мероприятия: [А, Б, В, Г]\n"
        let none = try analysis("план: p.yaml\nитоги: [{мероприятие: А}]", files: ["p.yaml": plan])
        #expect(none.summary.heldEvents == 1 && none.summary.fulfilment == 25)
        let rest = try analysis("план: p.yaml\nостальные_проведены: true\nитоги: [{мероприятие: Б, проведено: false}]", files: ["p.yaml": plan])
        #expect(rest.summary.heldEvents == 3 && rest.summary.fulfilment == 75)
        #expect(rest.templateValue()["мероприятия"]?[1]?["отметка"] == "не проведено")
        let twice = problems("план: p.yaml\nитоги: [{мероприятие: А}, {мероприятие: 1}]", files: ["p.yaml": plan])
        #expect(twice.map(\.code) == ["analysis-duplicate-outcome"])
    }

    @Test func headersAsPeopleTypeThemAreRecognised() {
        #expect(StatisticsColumn.recognize("Читатели: учащиеся") == .students)
        #expect(StatisticsColumn.recognize("Фонд, всего") == .fund)
        #expect(StatisticsColumn.recognize("Учащиеся 5 кл.") == .classStudents(5))
        #expect(StatisticsColumn.recognize("учебники_11") == .classCopies(11))
        #expect(StatisticsColumn.recognize("Учебники 12 кл.") == nil)
        #expect(StatisticsColumn.recognize("Художественная литература") == .fictionFund)
        #expect(StatisticsColumn.all.count == 11 + 22)
    }
}
