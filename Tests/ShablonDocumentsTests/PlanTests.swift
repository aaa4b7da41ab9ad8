import Foundation
import Testing
import Shablon
import ShablonData
import ShablonDocuments

@Suite struct PlanValidation {
    @Test func fiveMistakesGiveFiveMessagesWithLines() throws {
        let yaml = """
        учебный_год: 2024/2025
        утверждение:
          должнось: Директор
          дата: 2024-02-30
        тема: [один, два]
        таблица:
          колонки: [номер, мероприятия]
          мероприятия:
            - сроки: Сентябрь
        """
        var problems: [Problem] = []
        do { _ = try plan(yaml) } catch let e as Problems { problems = e.items }
        #expect(problems.count == 5)
        #expect(problems.map(\.code).sorted() == ["data-bad-date", "data-missing-field", "data-unknown-field", "data-wrong-type", "plan-columns"].sorted())
        let lines = problems.compactMap { p -> Int? in if case .text(let l, _)? = p.location { return l }; return nil }
        #expect(lines.sorted() == [3, 4, 5, 7, 9])
        let unknown = try #require(problems.first { $0.code == "data-unknown-field" })
        #expect(unknown.line("ru").hasPrefix("3:13: error[data-unknown-field]: «утверждение.должнось»: неизвестное поле. Возможно, имелось в виду «должность»."))
    }

    /// A seminar programme has no school year: the default title then has no «на … учебный год».
    @Test func theSchoolYearIsOptional() throws {
        let p = try plan("вид: РМО")
        #expect(p.templateValue()["заголовок"] == ["План работы", "РМО школьных библиотекарей"])
    }
}

@Suite struct PlanValues {
    @Test func schoolYearIsNormalisedOnOutputOnly() throws {
        #expect(Plan.normalizedSchoolYear("2023 - 2024") == "2023/2024")
        #expect(Plan.normalizedSchoolYear("2026/27") == "2026/2027")
        #expect(Plan.normalizedSchoolYear("2019-2020 уч.год") == "2019/2020")
        #expect(Plan.normalizedSchoolYear("следующий") == "следующий")
        let p = try plan("учебный_год: 2023 - 2024")
        #expect(p.schoolYear == "2023 - 2024")
        #expect(p.templateValue()["учебный_год"] == "2023/2024")
    }

    @Test func stampLines() throws {
        let official = try plan("""
        учебный_год: 2024-2025
        утверждение: {должность: директор МОУ ДПО УМЦ, фио: Венкова Галина Викторовна, год: 2024, косые_черты: true}
        """)
        #expect(official.templateValue()["утверждение"]?["строки"] == ["УТВЕРЖДАЮ", "директор МОУ ДПО УМЦ", "____________/Г.В.\u{A0}Венкова/", "«___» ____________ 2024\u{A0}г."])
        let dated = try plan("""
        учебный_год: 2024-2025
        утверждение: {должность: Директор, фио: Г.В. Венкова, дата: 2024-09-02}
        """)
        #expect(dated.templateValue()["утверждение"]?["строки"] == ["УТВЕРЖДАЮ", "Директор", "____________ Г.В.\u{A0}Венкова", "«02» сентября 2024\u{A0}г."])
        let act = try plan("""
        учебный_год: 2024-2025
        утверждение: {приказ: приказом МОУ ДПО УМЦ, дата: 02.09.2024, номер: 245}
        """)
        #expect(act.templateValue()["утверждение"]?["строки"] == ["УТВЕРЖДЕН", "приказом МОУ ДПО УМЦ от 02.09.2024 №\u{A0}245"])
    }

    @Test func numberingSkipsUnnumberedRowsAndFollowsExplicitNumbers() throws {
        let p = try plan("""
        учебный_год: 2024/2025
        таблица:
          мероприятия:
            - {текст: А, сроки: Сентябрь}
            - {текст: Б, без_номера: true}
            - {текст: В}
            - {текст: Г, номер: "6."}
            - {текст: Д, пункты: [{тема: 1.Доклад, докладчик: Сулова Н.В.}]}
        """)
        guard case .list(let rows)? = p.templateValue()["таблица"]?["строки"] else { Issue.record("no rows"); return }
        #expect(rows.map { $0["номер"] } == ["1.", "", "2.", "6.", "7.", ""])
        #expect(rows.last?["ответственные"] == "Сулова\u{A0}Н.В.") // typography: the initials stay with the surname
        // Someone is named, so the «Ответственные» column is there; dates too.
        #expect(p.templateValue()["таблица"]?["вид_нмсо"] == true)
    }

    @Test func ownFieldsReachTheTemplate() throws {
        let p = try plan("учебный_год: 2024/2025\nвид: РМО\nполя: {герб: герб.png, вид: другое}\n")
        let v = p.templateValue()
        #expect(v["герб"] == "герб.png")
        #expect(v["вид"] == "РМО") // the plan's own field is never hidden
        #expect(v["поля"]?["вид"] == "другое")
    }

    @Test func noResponsibleColumnWhenNobodyIsNamed() throws {
        let p = try plan("""
        учебный_год: 2024/2025
        таблица:
          мероприятия: [{текст: А, сроки: Май}]
        """)
        #expect(p.templateValue()["таблица"]?["вид_нмс"] == true)
        let text = try documentText(renderPlan(p, .docx), kind: .docx)
        #expect(!text.contains("Ответственные"))
        #expect(text.contains("Мероприятия"))
    }
}

@Suite struct PlanDocuments {
    let sample = """
    утверждение: {должность: Директор МОУ «СОШ № 1», фио: Леонтьева Наталья Александровна, дата: 2024-09-02}
    рассмотрено: {текст: на заседании РМО, протокол_дата: 2024-08-29, протокол_номер: 1}
    вид: РМО
    учебный_год: 2024-2025
    тема: Библиотека и чтение
    списки:
      - {заголовок: "Задачи:", пункты: [первая, вторая]}
    таблица:
      разделы:
        - заголовок: Организационная работа
          мероприятия:
            - {текст: "Семинар «Книга»", сроки: Октябрь, ответственные: [Иванова И.И.]}
    подписи:
      - {должность: Руководитель РМО, фио: Леонтьева Наталья Александровна}
    """

    @Test(arguments: [DocumentKind.docx, .odt])
    func rendersWithTheBuiltInTemplate(kind: DocumentKind) throws {
        let text = try documentText(renderPlan(plan(sample), kind), kind: kind)
        for line in ["УТВЕРЖДАЮ", "Директор МОУ «СОШ № 1»", "____________ Н.А.\u{A0}Леонтьева", "«02» сентября 2024\u{A0}г.",
                     "РАССМОТРЕНО", "протокол от 29.08.2024 №\u{A0}1", "План работы", "на 2024/2025 учебный год",
                     "Методическая тема: Библиотека и чтение", "1.\tпервая", "2.\tвторая", "Организационная работа",
                     "Семинар «Книга»", "Октябрь", "Иванова\u{A0}И.И.", "Руководитель РМО"] {
            #expect(text.contains(line), "\(kind): \(line)")
        }
        #expect(!text.contains("{{") && !text.contains("}}"))
        // No paragraph of tags is left behind: the text has no empty line between title lines.
        #expect(text.contains("План работы\nРМО школьных библиотекарей\nна 2024/2025 учебный год"))
    }

    @Test func embeddedTemplatesMatchTheTemplatesFolder() throws {
        for kind in [DocumentKind.docx, .odt] {
            let file = try Data(contentsOf: repository.appendingPathComponent("templates/plan.\(kind.fileExtension)"))
            #expect([UInt8](file) == BuiltinTemplate.named("plan")!.bytes(kind), "run `make templates`")
        }
        let print = try Data(contentsOf: repository.appendingPathComponent("templates/plan-print.odt"))
        #expect([UInt8](print) == BuiltinTemplate.named("plan")!.printVariant, "run `make templates`")
    }
}
