import Foundation
import Testing
import Shablon
import ShablonData
import ShablonDocuments
import ShablonXML
import ShablonZip

let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
let repository = testsFolder.deletingLastPathComponent().deletingLastPathComponent()

/// Files an analysis names, from memory: a missing one is `file-not-found`, as on disk.
func memoryFiles(_ files: [String: String]) -> Analysis.FileReader {
    { (name: String) throws(Problems) -> (bytes: [UInt8], name: String) in
        guard let text = files[name] else {
            throw Problems([Problem(code: "file-not-found", message: LocalizedText(ru: "файл «\(name)» не найден", en: "file '\(name)' not found"))])
        }
        return (Array(text.utf8), name)
    }
}

/// Loads an analysis from YAML text and files in memory.
func analysis(_ yaml: String, files: [String: String] = [:]) throws -> Analysis {
    try Analysis.load(DataLoader.yaml(yaml), files: memoryFiles(files))
}

/// The problems loading throws (empty when it does not).
func problems(_ yaml: String, files: [String: String] = [:]) -> [Problem] {
    do { _ = try analysis(yaml, files: files) } catch let e as Problems { return e.items } catch {}
    return []
}

/// The small district whose figures the tests work out by hand (see DerivedFigures).
enum SmallDistrict {
    static let statistics = """
    школа;читатели_учащиеся;читатели_учителя;читатели_прочие;книговыдача;посещения;фонд;фонд_учебники;фонд_художественная;поступило;выбыло;учащиеся_1;учебники_1;учащиеся_5;учебники_5;учащиеся_9;учебники_9
    СОШ № 1;400;40;10;9000;6750;20000;12000;6000;800;300;50;50;60;54;40;44
    СОШ п. Сорум;120;15;0;2000;1500;7000;4500;2000;150;400;12;10;15;15;9;7
    ООШ с. Ванзеват;30;8;2;700;650;3000;1800;900;60;20;4;3;5;5;3;1

    """
    /// Last year: fewer columns (no visits, no fund), headers as people type them.
    static let lastYear = """
    Школа;Читатели: учащиеся;Читатели: учителя;Читатели: прочие;Книговыдача;Учащиеся 1 кл.;Учебники 1 кл.;Учащиеся 5 кл.;Учебники 5 кл.;Учащиеся 9 кл.;Учебники 9 кл.
    СОШ № 1;380;35;5;8400;50;45;60;60;40;30
    СОШ п. Сорум;115;15;0;2100;12;12;15;10;9;9
    ООШ с. Ванзеват;40;8;2;600;4;4;5;5;3;3
    """
    static let plan = """
    вид: РМО
    учебный_год: 2024 - 2025
    тема: Школьная библиотека как центр чтения
    списки:
      - заголовок: "Задачи:"
        пункты: [Повышать профессиональную компетентность, Развивать читательскую грамотность]
    таблица:
      разделы:
        - заголовок: Заседания
          мероприятия:
            - текст: Заседание МО № 1
              сроки: Сентябрь
              пункты:
                - {тема: Анализ работы за 2023/2024 учебный год, докладчик: Руководитель МО}
            - {текст: Заседание МО № 2, сроки: Ноябрь}
            - {текст: Заседание МО № 3, сроки: Февраль}
            - текст: Заседание МО № 4
              сроки: Май
              пункты: [{тема: Итоги года, докладчик: Руководитель МО}]
        - заголовок: Мероприятия
          мероприятия:
            - {текст: Семинар «Алгоритм заказа учебников», сроки: Декабрь}
            - {текст: Неделя детской книги, сроки: Март}
    """
    static let data = """
    план: plan.yaml
    итоги:
      - мероприятие: Заседание МО № 1
        дата: 2024-09-26
        форма: семинар
        докладчики:
          - {фио: Иванова Анна Андреевна, школа: СОШ № 1, тема: Анализ работы}
          - {фио: Петрова Б.Б., школа: СОШ п. Сорум}
        решение: Утвердить план работы.
      - мероприятие: 2
        дата: 2024-11-21
        докладчики: [{фио: Иванова А.А., школа: СОШ № 1}]
        школы: [СОШ № 1, "СОШ  №1"]
      - мероприятие: заседание мо № 3
        дата: 20.02.2025
        докладчики: [{фио: Сидорова В.В., школа: ООШ с. Ванзеват}]
      - мероприятие: 4
        дата: 2025-05-22
        докладчики: [{фио: Иванова А. А., школа: СОШ № 1}]
      - мероприятие: Алгоритм заказа
        проведено: false
        примечание: перенесено на следующий год
      - мероприятие: Неделя детской книги
        дата: март 2025
    конкурсы:
      - {конкурс: Лучший библиотекарь, уровень: муниципальный, участник: Петрова Б.Б., результат: победитель}
    выводы: [План выполнен в основном.]
    задачи_на_следующий_год: [Провести мониторинг фонда., Обновить фонд учебников.]
    статистика: stats.csv
    статистика_прошлого_года: last.csv
    подпись: {должность: Руководитель РМО, фио: Иванова Анна Андреевна, дата: 2025-05-30}
    """
    static var files: [String: String] { ["plan.yaml": plan, "stats.csv": statistics, "last.csv": lastYear] }

    static func load() throws -> Analysis { try analysis(data, files: files) }
}

/// The text of a rendered document's main part: paragraphs on their own lines.
func documentText(_ bytes: [UInt8], kind: DocumentKind) throws -> String {
    let zip = try ZipArchive(bytes: bytes)
    let doc = try XMLParser.parse(zip.read(kind == .docx ? "word/document.xml" : "content.xml"))
    var lines: [String] = []
    func text(_ e: XMLElement) -> String {
        var s = ""
        for c in e.children {
            switch c {
            case .element(let x):
                let local = x.name.split(separator: ":").last.map(String.init) ?? x.name
                switch local {
                case "t" where kind == .docx: s += x.textContent
                case "br", "line-break": s += "\n"
                case "tab": s += "\t"
                case "s" where kind == .odt: s += String(repeating: " ", count: Int(x[attribute: "text:c"] ?? "1") ?? 1)
                default: s += text(x)
                }
            case .text(let t) where kind == .odt: s += t
            default: break
            }
        }
        return s
    }
    func walk(_ e: XMLElement) {
        let local = e.name.split(separator: ":").last.map(String.init) ?? e.name
        if local == "p" || local == "h" { lines.append(text(e)); return }
        for c in e.children { if case .element(let x) = c { walk(x) } }
    }
    walk(doc.root)
    return lines.joined(separator: "\n")
}
