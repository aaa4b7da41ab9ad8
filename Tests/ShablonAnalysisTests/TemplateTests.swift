import Foundation
import Testing
import Shablon
import ShablonData
import ShablonDocuments
import ShablonXML
import ShablonZip

/// Renders the analysis with the built-in template (its charts included), as `shablon analysis` does.
func renderAnalysis(_ a: Analysis, _ kind: DocumentKind) throws -> [UInt8] {
    let t = try DocumentTemplate(bytes: BuiltinTemplate.named("analysis")!.bytes(kind))
    return try t.render(a.templateValue()).bytes
}

/// The example district (examples/analysis) as `shablon analysis` reads it.
func exampleAnalysis() throws -> Analysis {
    let path = repository.appendingPathComponent("examples/analysis/analysis.yaml").path
    return try Analysis.load(DataLoader.load(Files.read(path)), files: Analysis.files(relativeTo: path))
}

@Suite struct BuiltinTemplates {
    @Test(arguments: [DocumentKind.docx, .odt])
    func theAnalysisRendersWithNothingLeftOver(_ kind: DocumentKind) throws {
        let bytes = try renderAnalysis(SmallDistrict.load(), kind)
        let text = try documentText(bytes, kind: kind)
        #expect(!text.contains("{{") && !text.contains("}}") && !text.contains("[["))
        for phrase in ["Анализ работы", "за 2024/2025 учебный год", "проведено 4 заседания из 4 запланированных",
                       "проведено 5 мероприятий из 6 запланированных: план выполнен на 83,3\u{A0}%", "Докладчиков — 3",
                       "не проведено: перенесено на следующий год", "Лучший библиотекарь", "Сведений о повышении квалификации нет.",
                       "Задачи на 2025/2026 учебный год:", "1. Провести мониторинг фонда.", "____________ А.А.\u{A0}Иванова", "30.05.2025",
                       "Обеспеченность учащихся учебниками по району — 93,4\u{A0}%"] {
            #expect(text.contains(phrase), "\(kind): «\(phrase)»")
        }
        // Per-school lines of the statistics: readers, loans, ratios.
        #expect(text.contains("СОШ п.\u{A0}Сорум\n135\n120\n15\n0\n2\u{A0}000\n1\u{A0}500\n14,81\n11,11"), "\(kind)")
        #expect(text.contains("Итого\n625\n550\n63\n12\n11\u{A0}700\n8\u{A0}900\n18,72\n14,24"), "\(kind)")
        // The provision matrix: СОШ № 1, classes 1, 5, 9 and its weighted total.
        #expect(text.contains("СОШ №\u{A0}1\n100,0\n—\n—\n—\n90,0\n—\n—\n—\n100,0\n—\n—\n96,0"), "\(kind)")
    }

    @Test(arguments: [DocumentKind.docx, .odt])
    func theExampleDistrictRenders(_ kind: DocumentKind) throws {
        let a = try exampleAnalysis()
        #expect(a.statistics?.schools.count == 13 && a.lastYear?.schools.count == 13)
        let text = try documentText(renderAnalysis(a, kind), kind: kind)
        #expect(!text.contains("{{") && !text.contains("[["))
        #expect(text.contains("проведено 3 заседания из 3 запланированных"))
        #expect(text.contains("Сравнение с 2024/2025 учебным годом"))
    }

    /// The school report is filled by `shablon batch` from a row of the statistics table as it is
    /// (derived figures print «—»), or from `--schools-data` (everything filled).
    @Test(arguments: [DocumentKind.docx, .odt])
    func theSchoolReportTakesARawRowOrTheSchoolsRecord(_ kind: DocumentKind) throws {
        let t = try DocumentTemplate(bytes: BuiltinTemplate.named("school-report")!.bytes(kind))
        let table = try SpreadsheetLoader.table(bytes: Array(SmallDistrict.statistics.utf8))
        let raw = try documentText(t.render(.map(table.rows[1])).bytes, kind: kind)
        #expect(!raw.contains("{{"))
        #expect(raw.contains("СОШ п.\u{A0}Сорум") && raw.contains("за 20__/20__ учебный год"))
        #expect(raw.contains("Книговыдача, экз.\n2\u{A0}000") && raw.contains("Читаемость (книговыдача / читатели)\n—"))
        let a = try SmallDistrict.load()
        let full = try documentText(t.render(a.schoolRecord(a.statistics!.schools[1])).bytes, kind: kind)
        #expect(!full.contains("{{"))
        #expect(full.contains("за 2024/2025 учебный год") && full.contains("Читаемость (книговыдача / читатели)\n14,81"))
        // Class 1: 12 pupils, 10 copies, 83,3 %; the school: 88,9 %; last year 31/36 = 86,1 %.
        #expect(full.contains("1\n12\n10\n83,3") && full.contains("Всего\n36\n32\n88,9"))
        #expect(full.contains("Обеспеченность учебниками, %\n86,1\n88,9\n+2,8"))
    }

    /// Without statistics the statistics sections and their charts vanish; the events chart stays.
    @Test(arguments: [DocumentKind.docx, .odt])
    func anAnalysisWithoutStatistics(_ kind: DocumentKind) throws {
        let a = try analysis("план: plan.yaml\nитоги: [{мероприятие: 1}]", files: ["plan.yaml": SmallDistrict.plan])
        let bytes = try renderAnalysis(a, kind)
        let text = try documentText(bytes, kind: kind)
        #expect(!text.contains("{{") && !text.contains("[[") && !text.contains("Статистические показатели"))
        #expect(text.contains("проведено 1 заседание из 4 запланированных") && text.contains("план выполнен на 16,7\u{A0}%"))
        let names = try ZipArchive(bytes: bytes).entries.map(\.name)
        #expect(names.filter { $0.hasPrefix("word/charts/chart") || ($0.hasPrefix("Object ") && $0.hasSuffix("content.xml")) }.count == 1)
    }

    @Test func everyBuiltinTemplateIsListedAndEmbedded() throws {
        for name in ["analysis", "school-report"] {
            let t = try #require(BuiltinTemplate.named(name))
            for kind in [DocumentKind.docx, .odt] {
                let file = repository.appendingPathComponent("templates/\(name).\(kind.fileExtension)")
                #expect(t.bytes(kind) == [UInt8](try Data(contentsOf: file)), "\(name).\(kind.fileExtension) is not the embedded copy: run make templates")
            }
        }
    }

    @Test func schoolsDataIsJSONThatLoadsBackWithTheSameValues() throws {
        let a = try SmallDistrict.load()
        let loaded = try DataLoader.load(Array(a.schoolRecordsJSON().utf8))
        guard case .list(let rows) = loaded.value else { Issue.record("not a list"); return }
        #expect(rows.count == 3)
        #expect(rows[0] == a.schoolRecord(a.statistics!.schools[0]))
        #expect(rows[2]["обеспеченность_9"] == "33,3" && rows[2]["учебники_9"] == 1)
    }
}
