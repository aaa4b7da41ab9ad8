import Foundation
import Testing
import TestSupport
import Shablon
import ShablonData
import ShablonDocuments
import ShablonEngine
import ShablonZip

/// Issue 13, «Signable as it comes out»: what a plan prints needs no hand-fixing before it is signed.
/// The data items: the school year checked, the district printed, the agenda numbered, the signatures.
@Suite struct PlanSignable {
    static func problems(_ yaml: String) -> [Problem] {
        do { _ = try plan(yaml); return [] } catch let e as Problems { return e.items } catch { return [] }
    }

    static func string(_ v: Value?) -> String? {
        if case .string(let s)? = v { return s }
        return nil
    }

    @Test(arguments: ["2024-2025", "2024/2025", "2024 - 2025", "2024–2025", "2024 — 2025", "2024/25", "2019-2020 уч.год",
                      "2024/2025 учебный год", "2024-2025 уч. год", "2099/2100", "2099/00"])
    func everyUsualSpellingOfTheSchoolYearIsAccepted(year: String) throws {
        let p = try plan("учебный_год: \"\(year)\"")
        let first = Int(year.prefix(4))!
        #expect(p.templateValue()["учебный_год"] == .string("\(first)/\(first + 1)"))
    }

    @Test func aSchoolYearThatIsNotTwoConsecutiveYearsIsAnErrorWithItsPlace() {
        for (year, column) in [("2025-2024", 14), ("2024", 14), ("2024-2026", 14), ("\"следующий\"", 14), ("\"2024/2025 и далее\"", 14)] {
            let found = Self.problems("вид: РМО\nучебный_год: \(year)\n")
            #expect(found.map(\.code) == ["plan-school-year"], "\(year): \(found.map { $0.line("ru") })")
            let line = found.first?.line("ru") ?? ""
            #expect(line.hasPrefix("2:\(column): error[plan-school-year]: «учебный_год»: "), "\(line)")
            #expect(line.contains("/20"), "the hint shows the form: \(line)")
        }
        let reversed = Self.problems("учебный_год: 2025-2024").first?.line("ru") ?? ""
        #expect(reversed.contains("годы не идут подряд"), "\(reversed)")
    }

    @Test func theDistrictIsPrintedInTheTitle() throws {
        // The default title: the district in the genitive on its own line after the association.
        let p = try plan("вид: РМО\nрайон: Пономарёвский район\nучебный_год: 2023 - 2024\n")
        #expect(p.templateValue()["заголовок"] == ["План работы", "РМО школьных библиотекарей", "Пономарёвского района", "на 2023/2024 учебный год"])
        #expect(p.templateValue()["район"] == "Пономарёвский район")
        #expect(p.templateValue()["район_род"] == "Пономарёвского района")
        // A title the data writes: the district's line goes before the year, in capitals under capitals.
        let serpukhov = try plan("""
        район: городской округ Серпухов
        учебный_год: 2024-2025
        заголовок: [МУНИЦИПАЛЬНОЕ МЕТОДИЧЕСКОЕ ОБЪЕДИНЕНИЕ, 2024-2025 учебный год]
        """)
        #expect(serpukhov.templateValue()["заголовок"] == ["МУНИЦИПАЛЬНОЕ МЕТОДИЧЕСКОЕ ОБЪЕДИНЕНИЕ", "ГОРОДСКОГО ОКРУГА СЕРПУХОВ", "2024/2025 учебный год"])
        // A title that names the district already is left as it is; without a title the district heads the page.
        let named = try plan("район: Белоярский район\nучебный_год: 2025/2026\nзаголовок: [План РМО Белоярского района]\n")
        #expect(named.templateValue()["заголовок"] == ["План РМО Белоярского района"])
        let untitled = try plan("район: Белоярский район\nучебный_год: 2025/2026\nбез_заголовка: true\n")
        #expect(untitled.templateValue()["заголовок"] == ["Белоярский район"])
        let text = try documentText(renderPlan(p, .docx), kind: .docx)
        #expect(text.contains("Пономарёвского района"))
    }

    @Test func districtsInTheGenitive() {
        #expect(Plan.districtGenitive("Пономарёвский район") == "Пономарёвского района")
        #expect(Plan.districtGenitive("Ханты-Мансийский район") == "Ханты-Мансийского района")
        #expect(Plan.districtGenitive("Заречный муниципальный округ") == "Заречного муниципального округа")
        #expect(Plan.districtGenitive("городской округ Серпухов") == "городского округа Серпухов")
        #expect(Plan.districtGenitive("Верхний район") == "Верхнего района")
        #expect(Plan.districtGenitive("Пономарёвского района") == "Пономарёвского района")
        // Not of that shape: printed as typed.
        #expect(Plan.districtGenitive("г.о. Серпухов") == nil)
        #expect(Plan.districtGenitive("Белоярский") == nil)
        #expect(Plan.districtGenitive("район") == nil)
    }

    @Test func agendaItemsAreNumberedFromOneAndTheMeetingIsMarked() throws {
        let p = try plan("""
        учебный_год: 2023 - 2024
        таблица:
          мероприятия:
            - {текст: Анализ работы, сроки: Сентябрь}
            - текст: 1.Заседание методического объединения
              сроки: Апрель
              пункты:
                - {тема: 1.Доклад «Потенциал школьной библиотеки», докладчик: Сулова Н.В.}
                - {тема: "2. Библиотерапия", докладчик: Шараева Р.Н.}
                - Методическая копилка
            - сроки: май
              пункты: [1. Подготовка анализа, 3) Планирование]
        """)
        guard case .list(let rows)? = p.templateValue()["таблица"]?["строки"] else { Issue.record("no rows"); return }
        #expect(rows.map { Self.string($0["пункт"]) } == ["", "", "1.", "2.", "3.", "1.", "2."])
        #expect(rows.map { $0["заседание"] } == [false, true, false, false, false, false, false])
        #expect(rows.map { Self.string($0["мероприятие"]) } == ["Анализ работы", "1. Заседание методического объединения",
                                                                 "Доклад «Потенциал школьной библиотеки»", "Библиотерапия", "Методическая копилка",
                                                                 "Подготовка анализа", "Планирование"])
        #expect(rows.map { Self.string($0["номер"]) } == ["1.", "2.", "", "", "", "3.", ""])
        #expect(rows[2]["ответственные"] == "Сулова\u{A0}Н.В.")
        // In the document: the number, a tab, the topic (a hanging indent in its own style), the title in bold.
        for kind in [DocumentKind.docx, .odt] {
            let text = try documentText(renderPlan(p, kind), kind: kind)
            #expect(text.contains("1.\tДоклад «Потенциал школьной библиотеки»"), "\(kind)")
            #expect(text.contains("3.\tМетодическая копилка"), "\(kind)")
        }
        let document = String(decoding: try ZipArchive(bytes: renderPlan(p, .docx)).read("word/document.xml"), as: UTF8.self)
        #expect(document.contains("<w:pStyle w:val=\"TableAgenda\"/>"))
        #expect(document.contains("<w:pStyle w:val=\"TableMeeting\"/>"))
    }

    @Test func signatureLines() throws {
        let p = try plan("""
        учебный_год: 2024/2025
        подписи:
          - {должность: Руководитель РМО школьных библиотекарей, фио: Леонтьева Наталья Александровна}
          - {должность: Методист}
        """)
        guard case .list(let signatures)? = p.templateValue()["подписи"] else { Issue.record("no signatures"); return }
        #expect(signatures.map { $0["подпись"] } == ["____________ Н.А.\u{A0}Леонтьева", "____________"])
        #expect(signatures.map { $0["фио"] } == ["Н.А.\u{A0}Леонтьева", ""])
        let text = try documentText(renderPlan(p, .odt), kind: .odt)
        #expect(text.contains("Руководитель РМО школьных библиотекарей\n____________ Н.А.\u{A0}Леонтьева\nМетодист\n____________"))
        // Notes and signatures are rows of one table at the end (it does not break): the notes first.
        let noted = try plan("учебный_год: 2024/2025\nпримечания: [План может уточняться.]\nподписи: [{должность: Методист}]\n")
        #expect(noted.templateValue()["концовка"] == true)
        #expect(try plan("учебный_год: 2024/2025").templateValue()["концовка"] == false)
        for kind in [DocumentKind.docx, .odt] {
            let text = try documentText(renderPlan(noted, kind), kind: kind)
            #expect(text.hasSuffix("План может уточняться.\nМетодист\n____________\n"), "\(kind): \(text.suffix(80))")
        }
    }

    @Test func theDataTextIsPrintedWithRussianTypography() throws {
        let p = try plan("""
        учебный_год: 2023 - 2024
        заголовок: [План работы, на 2023 - 2024 учебный год]
        тема: Участие в творческой группе "Мы за них в ответе"
        таблица:
          мероприятия:
            - {текст: "Семинар в СОШ № 1 г. Белоярский, 2 ч", сроки: "Март 2024 г.", ответственные: [Мазеева Р.В. (СОШ п. Сорум)]}
        """)
        let v = p.templateValue()
        #expect(v["заголовок"] == ["План работы", "на 2023/2024 учебный год"])
        #expect(v["тема"]?["текст"] == "Участие в творческой группе «Мы за них в ответе»")
        guard case .list(let rows)? = v["таблица"]?["строки"] else { Issue.record("no rows"); return }
        #expect(rows[0]["мероприятие"] == "Семинар в СОШ №\u{A0}1 г.\u{A0}Белоярский, 2\u{A0}ч")
        #expect(rows[0]["сроки"] == "Март 2024\u{A0}г.")
        #expect(rows[0]["ответственные"] == "Мазеева\u{A0}Р.В. (СОШ п.\u{A0}Сорум)")
        // As typed in the data; only the output changes.
        #expect(p.theme?.text == "Участие в творческой группе \"Мы за них в ответе\"")
    }
}

/// The five example plans and the district's own template as LibreOffice prints them (the plan's PDF
/// comes from the print variant of the template; its DOCX and ODT are printed too): no table row split across pages, no heading left at the
/// bottom of a page without what it heads, no word broken, no straight quotes, signature lines that do not
/// wrap and never stand alone on a page.
/// All documents go through one LibreOffice run.
@Suite(.serialized, .enabled(if: Office.available || Office.required, "LibreOffice and pdftotext are not installed (make test installs them)"))
struct SignablePlansInLibreOffice {
    /// The Пономарёвский plan with what the examples lack: a signature with a long position, and four
    /// more tasks — just enough for the signature to fall alone onto a third page unless the table's last
    /// row goes with it (as it does in the print variant, where the signatures are the table's last row).
    static func signing() throws -> String {
        let last = "      - оказание помощи молодым специалистам.\n"
        let tasks = (0..<4).map { "      - дополнительная задача номер \($0) для проверки вёрстки\n" }.joined()
        let yaml = try String(contentsOf: repository.appendingPathComponent("examples/plans/ponomarevsky-2023-2024.yaml"), encoding: .utf8)
        #expect(yaml.contains(last))
        return yaml.replacingOccurrences(of: last, with: last + tasks) + """

        подписи:
          - {должность: Руководитель РМО школьных библиотекарей, фио: Мустафина О.Р.}
        """
    }

    /// A paragraph's or cell's text as the page holds it: without any spaces or line ends.
    static func squeezed(_ s: String) -> String { String(s.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) && $0 != "\u{A0}" }.map(Character.init)) }

    static func string(_ v: Value?) -> String {
        if case .string(let s)? = v { return s }
        return ""
    }

    /// The words of a text as a line break may not cut them: split at spaces and hyphens (a compound
    /// word may break after its hyphen), without the punctuation around them, of four letters or more.
    static func words(_ s: String) -> Set<String> {
        Set(s.split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "\u{A0}" }).map {
            String($0.drop(while: { !$0.isLetter }).reversed().drop(while: { !$0.isLetter }).reversed())
        }.filter { $0.count >= 4 && $0.allSatisfy(\.isLetter) })
    }

    /// Every cell's text of the events table.
    static func cells(_ v: Value) -> [String] {
        guard case .list(let rows)? = v["таблица"]?["строки"] else { return [] }
        return rows.flatMap { r in ["текст", "мероприятие", "сроки", "ответственные"].map { string(r[$0]) } }
    }

    /// What must stay together in a plan: (a heading, the first thing it heads).
    static func keptPairs(_ v: Value) -> [(String, String)] {
        var pairs: [(String, String)] = []
        if case .list(let lists)? = v["списки"] {
            for l in lists {
                if case .list(let items)? = l["пункты"], let first = items.first { pairs.append((string(l["заголовок"]), string(first["текст"]))) }
            }
        }
        guard case .list(let rows)? = v["таблица"]?["строки"], !rows.isEmpty else { return pairs }
        func text(_ r: Value) -> String { r["раздел"] == true ? string(r["текст"]) : string(r["пункт"]) + string(r["мероприятие"]) }
        // The header row: its cells in the layout's order (the «вид_…» flag names the columns by letter).
        var head = ""
        if case .map(let t)? = v["таблица"], let layout = t.map(\.key).first(where: { $0.hasPrefix("вид_") }) {
            let columns: [Character: String] = ["н": "номер", "м": "мероприятие", "с": "сроки", "о": "ответственные"]
            head = layout.dropFirst(4).compactMap { columns[$0] }.map { string(v["таблица"]?["шапка"]?[$0]) }.joined()
        }
        if let title = v["таблица"]?["заголовок"], case .string(let t) = title { pairs.append((t, text(rows[0]))) }
        pairs.append((head, text(rows[0])))
        for (r, next) in zip(rows, rows.dropFirst()) where r["раздел"] == true || r["заседание"] == true {
            pairs.append((text(r), text(next)))
        }
        return pairs
    }

    @Test func plansAndTheDistrictPrintReadyToSign() throws {
        #expect(Office.available, "LibreOffice (soffice) and pdftotext are required on CI")
        guard Office.available else { return }
        let dir = try Office.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: dir) }
        var plans: [(name: String, value: Value, rows: [String], cells: [String])] = []
        var files: [URL] = []
        for (name, p) in try Seeds.examples.map({ ($0.data, try Seeds.load($0.data)) }) + [("signing", plan(Self.signing()))] {
            let v = p.templateValue()
            var rows: [String] = []
            if case .list(let r)? = v["таблица"]?["строки"] {
                rows = r.map { $0["раздел"] == true ? Self.string($0["текст"]) : Self.string($0["пункт"]) + Self.string($0["мероприятие"]) }
            }
            plans.append((name, v, rows, Self.cells(v)))
            for kind in [DocumentKind.docx, .odt] {
                let url = dir.appendingPathComponent("\(name)-\(kind.fileExtension).\(kind.fileExtension)")
                try Data(renderPlan(p, kind)).write(to: url)
                files.append(url)
            }
            // What `shablon plan … -o plan.pdf` prints: the template's print variant.
            let print = try DocumentTemplate(bytes: #require(BuiltinTemplate.named("plan")?.printVariant))
            let url = dir.appendingPathComponent("\(name)-print.odt")
            try Data(print.render(v).bytes).write(to: url)
            files.append(url)
        }
        let district = repository.appendingPathComponent("examples/district")
        let districtData = try DataLoader.load([UInt8](Data(contentsOf: district.appendingPathComponent("district.yaml")))).value
        for kind in [DocumentKind.docx, .odt] {
            let t = try DocumentTemplate(bytes: [UInt8](Data(contentsOf: district.appendingPathComponent("district.\(kind.fileExtension)"))))
            let doc = try t.render(districtData, options: RenderOptions(images: ImageLoader.resolver(base: district.path)))
            let url = dir.appendingPathComponent("district-\(kind.fileExtension).\(kind.fileExtension)")
            try Data(doc.bytes).write(to: url)
            files.append(url)
        }
        try Office.convert(files, to: "pdf", in: dir)

        /// The PDF's pages, each as raw lines (LibreOffice's drawing order: a cell's lines together).
        func pages(_ file: String) throws -> [[String]] {
            let pdf = dir.appendingPathComponent(file + ".pdf")
            #expect(FileManager.default.fileExists(atPath: pdf.path), "\(file) did not convert")
            return try Office.run("pdftotext", ["-raw", "-enc", "UTF-8", pdf.path, "-"]).split(separator: "\u{0C}").map {
                $0.split(separator: "\n").map { $0.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }.filter { !$0.isEmpty }
            }.filter { !$0.isEmpty }
        }
        func check(_ file: String, rows: [String], cells: [String], pairs: [(String, String)], signature: (position: String, line: String)?,
                   notAlone: Bool = false) throws {
            let lines = try pages(file)
            // No word of a cell is cut by a line break (a column too narrow for it).
            let printed = Self.words(lines.joined().joined(separator: "\n"))
            let cut = cells.reduce(into: Set<String>()) { $0.formUnion(Self.words($1)) }.subtracting(printed)
            #expect(cut.isEmpty, "\(file): words broken across lines: \(cut.sorted())")
            let squeezed = lines.map { Self.squeezed($0.joined()) }
            func page(_ s: String, from start: Int = 0) -> Int? {
                let x = Self.squeezed(s)
                return squeezed.indices.dropFirst(start).first { squeezed[$0].contains(x) }
            }
            #expect(!lines.joined().joined().contains("\""), "\(file): a straight quote is printed")
            // A row's text is on one page (a row broken by a page has the repeated header in the middle).
            for r in rows where !r.isEmpty {
                #expect(page(r) != nil, "\(file): the row «\(r.prefix(60))…» is split across pages")
            }
            // A heading is on the page of what it heads.
            for (heading, next) in pairs where !heading.isEmpty && !next.isEmpty {
                guard let a = page(heading) else { Issue.record("\(file): no «\(heading)»"); continue }
                #expect(page(next, from: a) == a, "\(file): «\(heading)» is at the bottom of page \(a + 1), «\(next.prefix(40))…» on the next")
            }
            if let signature {
                #expect(lines.joined().contains { $0.contains(signature.position) }, "\(file): «\(signature.position)» wraps")
                #expect(squeezed.contains { $0.contains(Self.squeezed(signature.line)) }, "\(file): no «\(signature.line)»")
                // Never alone on a page: its page holds more than the page number and the signatures.
                if notAlone, let at = page(signature.line) {
                    var rest = squeezed[at].drop(while: \.isNumber)
                    for s in [signature.position, signature.line].map(Self.squeezed) { rest = Substring(rest.replacingOccurrences(of: s, with: "")) }
                    #expect(!rest.isEmpty, "\(file): the signature is alone on page \(at + 1)")
                }
            }
        }
        for p in plans {
            var signature: (String, String)?
            if case .list(let s)? = p.value["подписи"], let last = s.last { signature = (Self.string(last["должность"]), Self.string(last["подпись"])) }
            for kind in ["docx", "odt", "print"] {
                try check("\(p.name)-\(kind)", rows: p.rows, cells: p.cells, pairs: Self.keptPairs(p.value), signature: signature,
                          // LibreOffice keeps a table's last row with the signatures only when they are the
                          // table's last row, as in the print variant; in a DOCX it is Word that keeps the row.
                          notAlone: kind == "print")
            }
        }
        // The district: fifty libraries in rows, four meetings, the head's signature.
        guard case .list(let schools)? = districtData["школы"] else { Issue.record("no schools"); return }
        let rows = schools.enumerated().map { i, s in "\(i + 1)" + Self.string(s["название"]) + Self.string(s["библиотекарь"]) }
        let pairs = [("I. Книговыдача учащимся 5–11 классов", "Образовательная организация"), ("II. Заседания РМО", "Заседание № 1"),
                     ("Приложение. Школьные библиотеки — участники РМО", "Педагог-библиотекарь")]
        for kind in ["docx", "odt"] {
            try check("district-\(kind)", rows: rows, cells: schools.flatMap { [Self.string($0["название"]), Self.string($0["библиотекарь"])] }, pairs: pairs,
                      signature: ("Руководитель РМО школьных библиотекарей", "____________ Е.А. Лаптева"))
        }
    }
}
