import Foundation
import Testing

/// `shablon plan` as a user runs it: a data file with five mistakes gets five messages with line
/// numbers and no output; a good one gives the document; an exported template works as `--template`.
@Suite struct PlanCLI {
    static let broken = """
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

    @Test func fiveMistakesFiveLinesNoOutput() throws {
        let dir = TempDir()
        let data = dir.write("план.yaml", Self.broken)
        let out = dir.file("план.docx")
        let r = try CLI.run(["plan", data, "-o", out])
        #expect(r.status == 1, "\(r)")
        #expect(r.errors.count == 5)
        let lines = r.stderr.split(separator: "\n").filter { $0.contains("error[") }
        #expect(lines.allSatisfy { $0.hasPrefix("\(data): ") && $0.dropFirst(data.count + 2).first?.isNumber == true }, "\(r)")
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(dir.listing == ["план.yaml"])
    }

    @Test func exportedTemplateRendersAPlan() throws {
        let dir = TempDir()
        let template = dir.file("район.odt")
        let e = try CLI.run(["templates", "export", "plan", "-o", template])
        #expect(e.status == 0, "\(e)")
        let data = dir.write("план.yaml", "учебный_год: 2024-2025\nвид: РМО\nтема: Чтение\n")
        let r = try CLI.run(["plan", data, "-o", dir.file("план.odt"), "--template", template])
        #expect(r.status == 0, "\(r)")
        #expect(FileManager.default.fileExists(atPath: dir.file("план.odt")))
        let list = try CLI.run(["templates", "list"])
        #expect(list.stdout.contains("plan") && list.stdout.contains("specification"))
    }
}
