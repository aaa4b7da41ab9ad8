import Foundation

// The two whole templates the package-level tests fill: a school library's work plan, as a DOCX whose
// tags are split the way Word saves them, and as an ODT whose tags are split by spans the way
// LibreOffice saves them. Both hold the same text, so they share their data and their expected output.

// MARK: - WordprocessingML building blocks

/// A run; `props` goes into `w:rPr`.
func wr(_ text: String, _ props: String = "") -> String {
    (props.isEmpty ? "<w:r>" : "<w:r><w:rPr>\(props)</w:rPr>") + "<w:t xml:space=\"preserve\">\(text)</w:t></w:r>"
}

/// A paragraph of runs (and whatever else Word puts between them); `pPr` goes into `w:pPr`.
func wp(_ content: String, _ pPr: String = "") -> String {
    (pPr.isEmpty ? "<w:p>" : "<w:p><w:pPr>\(pPr)</w:pPr>") + content + "</w:p>"
}

/// A paragraph with one plain run.
func wpText(_ text: String) -> String { wp(wr(text)) }

/// A table cell of the given width (twentieths of a point).
func wtc(_ width: Int, _ paragraphs: String, span: Int = 1) -> String {
    let gridSpan = span > 1 ? "<w:gridSpan w:val=\"\(span)\"/>" : ""
    return "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>\(gridSpan)</w:tcPr>\(paragraphs)</w:tc>"
}

/// A table with a grid and rows.
func wtbl(_ grid: [Int], _ rows: [String]) -> String {
    "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>"
        + grid.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        + rows.map { "<w:tr>\($0)</w:tr>" }.joined() + "</w:tbl>"
}

let right = "<w:jc w:val=\"right\"/>"
let center = "<w:jc w:val=\"center\"/>"
let bold = "<w:b/>"
let boldEnglish = "<w:b/><w:lang w:val=\"en-US\"/>"
let spellStart = "<w:proofErr w:type=\"spellStart\"/>"
let spellEnd = "<w:proofErr w:type=\"spellEnd\"/>"

// MARK: - The work plan as DOCX

enum PlanDOCX {
    static let body: String = [
        wp(wr("УТВЕРЖДАЮ"), right),
        // A tag cut by spell-check marks.
        wp(wr("{{") + spellStart + wr("approval.position") + spellEnd + wr("}}"), right),
        // A bookmark inside a tag (Word's _GoBack).
        wp(wr("________ {{ approval.") + "<w:bookmarkStart w:id=\"0\" w:name=\"_GoBack\"/>" + wr("name | initials }")
           + "<w:bookmarkEnd w:id=\"0\"/>" + wr("}"), right),
        // Curly quotes from autocorrect, the tag cut by a revision id.
        wp("<w:r w:rsidR=\"00A1\"><w:t xml:space=\"preserve\">{{approval.date | date: “«dd» MMMM</w:t></w:r>"
           + "<w:r w:rsidR=\"00B2\"><w:t xml:space=\"preserve\"> yyyy г.”}}</w:t></w:r>", right),
        wp(wr("ПЛАН РАБОТЫ ШКОЛЬНОЙ БИБЛИОТЕКИ", bold), center),
        // A language change inside the tag.
        wp(wr("на ", bold) + wr("{{ye", boldEnglish) + wr("ar}}", bold) + wr(" учебный год", bold), center),
        // Partial bold: the tag begins in a plain run, so the value is plain.
        wp(wr("Школа: {{sch") + wr("ool | upper}}", bold)),
        // A comment, split, next to a tag.
        wp(wr("Составитель: {{! за") + wr("метка для методиста }}", "<w:i/>") + wr("{{compiler | initials: \"last\"}}")),
        // Inline if/else.
        wp(wr("План {{#if approved}}утверждён{{el") + "<w:proofErr w:type=\"gramStart\"/>" + wr("se}}не утверждён{{/if}}.")
           + "<w:proofErr w:type=\"gramEnd\"/>"),
        // A paragraph loop.
        wpText("Задачи:"),
        wpText("{{#each tasks}}"),
        wp(wr("– {{") + spellStart + wr("this") + spellEnd + wr("}};")),
        wpText("{{/each}}"),
        // A table row loop with @number.
        wtbl([700, 4500, 1700, 2400], [
            wtc(700, wpText("№")) + wtc(4500, wpText("Мероприятие")) + wtc(1700, wpText("Срок")) + wtc(2400, wpText("Ответственный")),
            wtc(700, wp(wr("{{#each events}}{{@num") + wr("ber}}", bold))) + wtc(4500, wpText("{{title}}"))
                + wtc(1700, wpText("{{date | date}}")) + wtc(2400, wpText("{{responsible | default: \"—\"}}{{/each}}")),
        ]),
        wpText("Всего: {{events | count | plural: “мероприятие|мероприятия|мероприятий”}}."),
        // Nested: a section loop over two rows, an event row loop inside.
        wtbl([700, 8600], [
            wtc(9300, wpText("{{#each sections}}{{@number}}. {{name | capitalize}}"), span: 2),
            wtc(700, wpText("{{#each items}}{{@number}}")) + wtc(8600, wpText("{{text}}{{/each}}{{/each}}")),
        ]),
        // A paragraph loop over an empty list, with else.
        wpText("{{#each meetings}}"),
        wpText("Заседание {{@number}}: {{topic}}"),
        wpText("{{else}}"),
        wpText("Заседаний не запланировано."),
        wpText("{{/each}}"),
        wpText("Бюджет: {{budget | money}} руб. ({{budget | rubles}})."),
        wpText("Партнёры: {{partners | join: \", \"}}."),
        wpText("Примечание: {{note}}"),
        wpText("{{#unless archived}}Действующий план.{{/unless}}"),
    ].joined()

    static let header = wp(wr("{{sch") + spellStart + wr("ool}}") + spellEnd + wr(" — план на {{year}}"))
    static let footer = wp(wr("Составлено: {{approval.name | initials: “last”}}"))
    static let title = "План работы {{school}} на {{year}}"

    static var package: [UInt8] { docxPackage(body: body, header: header, footer: footer, title: title) }
}

// MARK: - The work plan as ODT

/// An ODF paragraph.
func op(_ content: String, style: String = "Standard") -> String { "<text:p text:style-name=\"\(style)\">\(content)</text:p>" }

/// An ODF table cell.
func otc(_ content: String, span: Int = 1) -> String {
    let s = span > 1 ? " table:number-columns-spanned=\"\(span)\"" : ""
    return "<table:table-cell office:value-type=\"string\"\(s)>\(content)</table:table-cell>"
        + String(repeating: "<table:covered-table-cell/>", count: span - 1)
}

/// An ODF table.
func otbl(_ name: String, columns: Int, _ rows: [String]) -> String {
    "<table:table table:name=\"\(name)\"><table:table-column table:number-columns-repeated=\"\(columns)\"/>"
        + rows.map { "<table:table-row>\($0)</table:table-row>" }.joined() + "</table:table>"
}

let boldSpan = "<text:span text:style-name=\"T1\">"
let englishSpan = "<text:span text:style-name=\"T2\">"

enum PlanODT {
    static let body: String = [
        op("УТВЕРЖДАЮ"),
        op("{\(englishSpan){approval.posi</text:span>tion}}"),
        op("________ {{ approval.<text:bookmark text:name=\"b1\"/>name | initials }}"),
        op("{{approval.date | date: “«dd» MMMM\(englishSpan) yyyy г.”}</text:span>}"),
        op("ПЛАН РАБОТЫ ШКОЛЬНОЙ БИБЛИОТЕКИ"),
        op("на \(boldSpan){{ye</text:span>\(englishSpan)ar}}</text:span> учебный год"),
        op("Школа: {{sch\(boldSpan)ool | upper}}</text:span>"),
        op("Составитель: {{! за\(boldSpan)метка для методиста }}</text:span>{{compiler | initials: \"last\"}}"),
        op("План {{#if approved}}утверждён{{el\(englishSpan)se}}</text:span>не утверждён{{/if}}."),
        op("Задачи:"),
        op("{{#each tasks}}"),
        op("– {{\(englishSpan)this</text:span>}};"),
        op("{{/each}}"),
        otbl("Events", columns: 4, [
            otc(op("№")) + otc(op("Мероприятие")) + otc(op("Срок")) + otc(op("Ответственный")),
            otc(op("{{#each events}}{{@num\(boldSpan)ber}}</text:span>")) + otc(op("{{title}}"))
                + otc(op("{{date | date}}")) + otc(op("{{responsible | default: \"—\"}}{{/each}}")),
        ]),
        op("Всего: {{events | count | plural: “мероприятие|мероприятия|мероприятий”}}."),
        otbl("Sections", columns: 2, [
            otc(op("{{#each sections}}{{@number}}. {{name | capitalize}}"), span: 2),
            otc(op("{{#each items}}{{@number}}")) + otc(op("{{text}}{{/each}}{{/each}}")),
        ]),
        op("{{#each meetings}}"),
        op("Заседание {{@number}}: {{topic}}"),
        op("{{else}}"),
        op("Заседаний не запланировано."),
        op("{{/each}}"),
        op("Бюджет: {{budget | money}} руб. ({{budget | rubles}})."),
        op("Партнёры: {{partners | join: \", \"}}."),
        op("Примечание: {{note}}"),
        op("{{#unless archived}}Действующий план.{{/unless}}"),
    ].joined()

    static let header = op("{{sch\(englishSpan)ool}}</text:span> — план на {{year}}")
    static let footer = op("Составлено: {{approval.name | initials: “last”}}")
    static let title = "План работы {{school}} на {{year}}"

    static var package: [UInt8] { odtPackage(body: body, header: header, footer: footer, title: title) }
}

// MARK: - Data and expected output

enum Plan {
    static let yaml = """
    # Данные плана работы библиотеки
    school: МБОУ «Школа № 5»
    year: 2024/2025
    approved: true
    archived: false
    approval:
      position: Директор
      name: Леонтьева Наталья Александровна
      date: 2024-08-30
    compiler: Иванова Мария Петровна
    tasks:
      - формировать у школьников привычку к чтению
      - оказывать помощь в учебном процессе
    events:
      - title: Экскурсия в библиотеку для первоклассников
        date: 2024-09-05
        responsible: Иванова М.П.
      - title: Конкурс чтецов «Живое слово»
        date: 15.10.2024
        responsible:
      - title: Неделя детской книги
        date: 2025-03-24
        responsible: ""
    sections:
      - name: организационная работа
        items:
          - text: Составление плана
          - text: Отчёт
      - name: работа с читателями
        items:
          - text: Беседа
    meetings: []
    budget: 1234.5
    partners: [Детская библиотека, Краеведческий музей]
    note: "<b>Книги & журналы</b>"

    """

    /// The paragraphs of the filled body, the same for DOCX and ODT.
    static let bodyParagraphs = [
        "УТВЕРЖДАЮ",
        "Директор",
        "________ Н.А.\u{A0}Леонтьева",
        "«30» августа 2024 г.",
        "ПЛАН РАБОТЫ ШКОЛЬНОЙ БИБЛИОТЕКИ",
        "на 2024/2025 учебный год",
        "Школа: МБОУ «ШКОЛА № 5»",
        "Составитель: Иванова\u{A0}М.П.",
        "План утверждён.",
        "Задачи:",
        "– формировать у школьников привычку к чтению;",
        "– оказывать помощь в учебном процессе;",
        "№", "Мероприятие", "Срок", "Ответственный",
        "1", "Экскурсия в библиотеку для первоклассников", "05.09.2024", "Иванова М.П.",
        "2", "Конкурс чтецов «Живое слово»", "15.10.2024", "—",
        "3", "Неделя детской книги", "24.03.2025", "—",
        "Всего: 3 мероприятия.",
        "1. Организационная работа",
        "1", "Составление плана",
        "2", "Отчёт",
        "2. Работа с читателями",
        "1", "Беседа",
        "Заседаний не запланировано.",
        "Бюджет: 1\u{A0}234,50 руб. (одна тысяча двести тридцать четыре рубля 50 копеек).",
        "Партнёры: Детская библиотека, Краеведческий музей.",
        "Примечание: <b>Книги & журналы</b>",
        "Действующий план.",
    ]
    static let header = "МБОУ «Школа № 5» — план на 2024/2025"
    static let footer = "Составлено: Леонтьева\u{A0}Н.А."
    static let title = "План работы МБОУ «Школа № 5» на 2024/2025"
}
