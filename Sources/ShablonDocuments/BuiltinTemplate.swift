import Foundation
import Shablon
import ShablonData

/// Встроенный шаблон: a template that ships inside the program (plan, …), in DOCX and ODT.
public struct BuiltinTemplate: Sendable {
    /// The name people use: `plan`.
    public var name: String
    /// What it is for, in Russian.
    public var summary: String

    /// Every built-in template.
    public static let all: [BuiltinTemplate] = [
        BuiltinTemplate(name: "plan", summary: "План работы методического объединения на учебный год (гриф «УТВЕРЖДАЮ», задачи, таблица мероприятий, подписи)"),
        BuiltinTemplate(name: "plan-full", summary: "План работы с любой таблицей мероприятий (2–8 столбцов, свои столбцы, строка номеров столбцов, мероприятия абзацами) и абзацами вне списков; shablon plan берёт его сам, когда план этого требует"),
        BuiltinTemplate(name: "analysis", summary: "Анализ работы методического объединения за учебный год (итоги плана, заседания, конкурсы, статистика библиотек, обеспеченность учебниками, диаграммы, выводы и задачи)"),
        BuiltinTemplate(name: "school-report", summary: "Отчёт школьной библиотеки за год (читатели, фонд, обеспеченность учебниками по классам); данные — строка таблицы статистики или shablon analysis --schools-data"),
        BuiltinTemplate(name: "specification", summary: "Спецификация к контракту на поставку учебников (приложение к контракту, таблица с НДС, сумма прописью, подписи сторон, разнарядка по школам)"),
    ]

    /// The template named so, if there is one.
    public static func named(_ name: String) -> BuiltinTemplate? { all.first { $0.name == name } }

    /// The template's bytes in the given format.
    public func bytes(_ kind: DocumentKind) -> [UInt8] {
        Self.embedded("\(name).\(kind.fileExtension)") ?? []
    }

    /// The ODT a PDF is printed from, when the template has a print variant (`plan-print.odt`: the
    /// plan's notes and signatures are the events table's last row, so that LibreOffice keeps the last
    /// event row with them; see scripts/gen-plan-template.py). `nil` when it has none.
    public var printVariant: [UInt8]? { Self.embedded("\(name)-print.odt") }

    private static func embedded(_ file: String) -> [UInt8]? {
        guard let b64 = EmbeddedTemplates.base64[file], let data = Data(base64Encoded: b64) else { return nil }
        return [UInt8](data)
    }
}
