import Testing
import Foundation
import ShablonData
import ShablonEngine

@Suite struct ValueTags {
    @Test func insertsAndEscapes() throws {
        let out = try render(docx(p("Тема: {{тема}}.")), ["тема": "<b>Книга & читатель</b> {{x}}"])
        #expect(out == "Тема: <b>Книга & читатель</b> {{x}}.")
    }

    @Test func tagSplitTheWayWordSavesIt() throws {
        let xml = docx("""
        <w:p><w:r><w:rPr><w:i/></w:rPr><w:t>Тема: {</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>{ те</w:t></w:r>\
        <w:bookmarkStart w:id="0" w:name="b"/><w:r><w:rPr><w:b/><w:lang w:val="en-US"/></w:rPr><w:t>м</w:t></w:r><w:bookmarkEnd w:id="0"/>\
        <w:proofErr w:type="spellEnd"/><w:r><w:rPr><w:b/></w:rPr><w:t>а }</w:t></w:r><w:r><w:t>}.</w:t></w:r></w:p>
        """)
        let rendered = try renderXML(xml, ["тема": "Библиотека"])
        #expect(try visibleText(rendered) == "Тема: Библиотека.")
        // The value takes the formatting of the run where the tag begins (italic, not bold).
        #expect(rendered.contains("<w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\">Тема: Библиотека</w:t></w:r>"))
        #expect(!rendered.contains("{") && !rendered.contains("}"))
    }

    @Test func plainPrinting() throws {
        let data: Value = ["n": .number(Decimal(string: "1234.5")!), "y": 2024, "b": true, "d": .date(CalendarDate(year: 2024, month: 9, day: 5)!), "z": nil]
        #expect(try render(docx(p("{{n}}|{{y}}|{{b}}|{{d}}|{{z}}|")), data) == "1234,5|2024|да|05.09.2024||")
    }

    @Test func cyrillicPathsAndNesting() throws {
        let data: Value = ["утверждение": ["должность": "Директор", "имя": "Леонтьева Наталья Александровна"]]
        #expect(try render(docx(p("{{ утверждение.должность }} {{утверждение.имя|initials}}")), data) == "Директор Н.А.\u{A0}Леонтьева")
    }

    @Test func lineBreaksAndTabsInValues() throws {
        let xml = try renderXML(docx(p("А{{x}}Б")), ["x": "1\n2\t3\r\n4"])
        #expect(try visibleText(xml) == "А1⏎2⇥3⏎4Б")
        #expect(xml.contains("<w:br/>") && xml.contains("<w:tab/>"))
    }

    @Test func controlCharactersAreDroppedWithAWarning() throws {
        let t = try compile(docx(p("{{x}}")))
        let r = t.render(["x": "a\u{1}b\u{0}c"])
        #expect(r.problems.map(\.code) == ["control-character"])
        #expect(r.problems[0].severity == .warning)
        #expect(try visibleText(String(decoding: r.bytes, as: UTF8.self)) == "abc")
    }

    @Test func commentsVanish() throws {
        #expect(try render(docx(p("a{{! заметка для методиста }}b")), [:]) == "ab")
        // A paragraph of nothing but a comment vanishes with it.
        #expect(try render(docx(p("до") + p("{{! служебная заметка }}") + p("после")), [:]) == "до\nпосле")
    }
}

@Suite struct Filters {
    func one(_ tag: String, _ data: Value) throws -> String { try render(docx(p(tag)), data) }

    @Test func contractExamples() throws {
        let n: Value = .number(Decimal(string: "1234.5")!)
        #expect(try one("{{x | upper}}", ["x": "«рмо»"]) == "«РМО»")
        #expect(try one("{{x | capitalize}}", ["x": "рмо школьных"]) == "Рмо школьных")
        #expect(try one("{{x | lower}}", ["x": "РМО"]) == "рмо")
        #expect(try one("{{x | default: \"—\"}}", [:]) == "—")
        #expect(try one("{{x | default: \"—\"}}", ["x": ""]) == "—")
        #expect(try one("{{x | default: \"—\"}}", ["x": nil]) == "—")
        #expect(try one("{{x | join: \", \"}}", ["x": ["a", "b"]]) == "a, b")
        #expect(try one("{{x | count}}", ["x": ["a", "b", "c"]]) == "3")
        #expect(try one("{{d | date}}", ["d": "2024-09-05"]) == "05.09.2024")
        #expect(try one("{{d | date: \"d MMMM yyyy г.\"}}", ["d": "2024-09-05"]) == "5 сентября 2024 г.")
        #expect(try one("{{d | date: \"«dd» MMMM yyyy г.\"}}", ["d": "2024-09-05"]) == "«05» сентября 2024 г.")
        #expect(try one("{{d | date: \"LLLL yyyy\"}}", ["d": "2024-09-05"]) == "сентябрь 2024")
        #expect(try one("{{x | number: 2}}", ["x": n]) == "1\u{A0}234,50")
        #expect(try one("{{x | number}}", ["x": n]) == "1\u{A0}234,5")
        #expect(try one("{{x | money}}", ["x": n]) == "1\u{A0}234,50")
        #expect(try one("{{x | rubles}}", ["x": n]) == "одна тысяча двести тридцать четыре рубля 50 копеек")
        #expect(try one("{{x | rubles}}", ["x": .number(Decimal(string: "1001021.05")!)]) == "один миллион одна тысяча двадцать один рубль 05 копеек")
        #expect(try one("{{x | words}}", ["x": 21]) == "двадцать один")
        #expect(try one("{{x | plural: \"мероприятие|мероприятия|мероприятий\"}}", ["x": 5]) == "5 мероприятий")
        #expect(try one("{{x | plural: \"мероприятие|мероприятия|мероприятий\"}}", ["x": 21]) == "21 мероприятие")
        #expect(try one("{{x | plural: \"мероприятие|мероприятия|мероприятий\"}}", ["x": 12]) == "12 мероприятий")
        #expect(try one("{{x | initials}}", ["x": "Леонтьева Наталья Александровна"]) == "Н.А.\u{A0}Леонтьева")
        #expect(try one("{{x | initials: \"last\"}}", ["x": "Леонтьева Наталья Александровна"]) == "Леонтьева\u{A0}Н.А.")
    }

    @Test func quotesAsWordTypesThem() throws {
        #expect(try one("{{d | date: “d MMMM yyyy г.”}}", ["d": "2024-09-05"]) == "5 сентября 2024 г.")
        #expect(try one("{{d | date: ««dd» MMMM yyyy г.»}}", ["d": "2024-09-05"]) == "«05» сентября 2024 г.")
        #expect(try one("{{d | date: 'dd.MM'}}", ["d": "2024-09-05"]) == "05.09")
    }

    @Test func typographyFilterInRussianAndEnglish() throws {
        let typed: Value = ["x": "Семинар \"Книга - друг\" - 2023-2024, СОШ № 1 г. Белоярский"]
        let expected = "Семинар «Книга - друг»\u{A0}— 2023–2024, СОШ №\u{A0}1 г.\u{A0}Белоярский"
        #expect(try one("{{x | типографика}}", typed) == expected)
        #expect(try one("{{ x | typograph }}", typed) == expected)
        #expect(try one("{{x | typograph | upper}}", ["x": "\"рмо\""]) == "«РМО»")
        #expect(try one("{{x | типографика}}", ["x": 2024]) == "2024")
        #expect(try one("{{x | типографика}}", ["x": nil]) == "")
        // Markup in a value is still escaped after the filter.
        #expect(try one("{{x | typograph}}", ["x": "1<2 - да & <w:t>"]) == "1<2\u{A0}— да & <w:t>")
    }

    @Test func chainsLeftToRight() throws {
        #expect(try one("{{x | rubles | capitalize}}", ["x": 76]) == "Семьдесят шесть рублей 00 копеек")
        #expect(try one("{{x | default: \"нет\" | upper}}", [:]) == "НЕТ")
    }

    @Test func wrongTypesAreErrors() {
        let ps = problems(docx(p("{{a | number}} {{b | date}} {{c}}")), ["a": "много", "b": "вчера", "c": ["x": 1]])
        #expect(ps.map(\.code) == ["wrong-type", "wrong-type", "not-printable"])
        #expect(ps[0].message.ru.contains("много"))
        #expect(ps[0].tag == "{{a | number}}")
    }
}

@Suite struct Blocks {
    @Test func rowLoopWithNumber() throws {
        let xml = docx("""
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>№</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Мероприятие</w:t></w:r></w:p></w:tc></w:tr>\
        <w:tr><w:tc><w:p><w:r><w:t>{{#each events}}{{@number}}.</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{{text}}{{/each}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
        """)
        let out = try renderXML(xml, ["events": [["text": "Семинар"], ["text": "Конкурс"]]])
        #expect(try visibleText(out) == "№\nМероприятие\n1.\nСеминар\n2.\nКонкурс")
        #expect(out.components(separatedBy: "<w:tr>").count == 4)
    }

    @Test func paragraphLoopLeavesNoEmptyParagraphs() throws {
        let xml = docx(p("Задачи:") + p("{{#each tasks}}") + p("– {{this}};") + p("{{/each}}") + p("Конец"))
        let out = try renderXML(xml, ["tasks": ["первая", "вторая"]])
        #expect(try visibleText(out) == "Задачи:\n– первая;\n– вторая;\nКонец")
    }

    @Test func inlineIfElse() throws {
        let xml = docx(p("План {{#if approved}}утверждён{{else}}не утверждён{{/if}}."))
        #expect(try render(xml, ["approved": true]) == "План утверждён.")
        #expect(try render(xml, ["approved": false]) == "План не утверждён.")
        #expect(try render(xml, [:]) == "План не утверждён.")
        #expect(try render(docx(p("{{#unless a}}нет{{/unless}}")), ["a": 0]) == "нет")
    }

    @Test func eachElseWhenEmptyOrMissing() throws {
        let xml = docx(p("{{#each items}}") + p("{{this}}") + p("{{else}}") + p("Нет записей") + p("{{/each}}"))
        #expect(try render(xml, ["items": []]) == "Нет записей")
        #expect(try render(xml, [:]) == "Нет записей")
        #expect(try render(xml, ["items": ["a"]]) == "a")
    }

    @Test func loopVariablesAndOuterLookup() throws {
        let xml = docx(p("{{#each xs}}{{@index}}/{{@number}}{{#if @first}}F{{/if}}{{#if @last}}L{{/if}}:{{this}}@{{year}} {{/each}}"))
        #expect(try render(xml, ["year": 2024, "xs": ["a", "b"]]) == "0/1F:a@2024 1/2L:b@2024 ")
    }

    @Test func sectionLoopOverRowsWithinOneTable() throws {
        let xml = docx("""
        <w:tbl>\
        <w:tr><w:tc><w:p><w:r><w:t>{{#each sections}}{{title}}</w:t></w:r></w:p></w:tc></w:tr>\
        <w:tr><w:tc><w:p><w:r><w:t>{{#each events}}{{@number}}.</w:t></w:r></w:p></w:tc>\
        <w:tc><w:p><w:r><w:t>{{text}}{{/each}}{{/each}}</w:t></w:r></w:p></w:tc></w:tr>\
        </w:tbl>
        """)
        let data: Value = ["sections": [
            ["title": "Организационная работа", "events": [["text": "Заседание"], ["text": "Отчёт"]]],
            ["title": "Конкурсы", "events": [["text": "Конкурс чтецов"]]],
        ]]
        #expect(try render(xml, data) == "Организационная работа\n1.\nЗаседание\n2.\nОтчёт\nКонкурсы\n1.\nКонкурс чтецов")
    }

    @Test func sectionParagraphsAroundATableWithARowLoop() throws {
        let xml = docx(p("{{#each sections}}") + p("{{title}}") + """
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>{{#each events}}{{text}}</w:t></w:r></w:p></w:tc>\
        <w:tc><w:p><w:r><w:t>{{date}}{{/each}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
        """ + p("{{/each}}"))
        let data: Value = ["sections": [["title": "А", "events": [["text": "x", "date": "Сентябрь"]]],
                                         ["title": "Б", "events": [["text": "y", "date": "Май"], ["text": "z", "date": "Июнь"]]]]]
        #expect(try render(xml, data) == "А\nx\nСентябрь\nБ\ny\nМай\nz\nИюнь")
    }

    @Test func paragraphLoopInsideACellAndAnEmptyCellStaysValid() throws {
        let xml = docx("""
        <w:tbl><w:tr><w:tc><w:p><w:r><w:t>{{#each speakers}}</w:t></w:r></w:p><w:p><w:r><w:t>{{this}}</w:t></w:r></w:p>\
        <w:p><w:r><w:t>{{/each}}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
        """)
        #expect(try render(xml, ["speakers": ["Иванова", "Петрова"]]) == "Иванова\nПетрова")
        let empty = try renderXML(xml, ["speakers": []])
        #expect(empty.contains("<w:tc><w:p/></w:tc>"))
    }

    @Test func rowsRangeRepeatsTogether() throws {
        let xml = docx("""
        <w:tbl>\
        <w:tr><w:tc><w:p><w:r><w:t>{{#each meetings}}Заседание № {{@number}}</w:t></w:r></w:p></w:tc></w:tr>\
        <w:tr><w:tc><w:p><w:r><w:t>{{topic}}{{/each}}</w:t></w:r></w:p></w:tc></w:tr>\
        </w:tbl>
        """)
        #expect(try render(xml, ["meetings": [["topic": "A"], ["topic": "B"]]]) == "Заседание № 1\nA\nЗаседание № 2\nB")
    }

    @Test func tagOnlyRowsVanish() throws {
        let xml = docx("""
        <w:tbl>\
        <w:tr><w:tc><w:p><w:r><w:t>{{#each xs}}</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>\
        <w:tr><w:tc><w:p><w:r><w:t>{{this}}</w:t></w:r></w:p></w:tc></w:tr>\
        <w:tr><w:tc><w:p><w:r><w:t>{{/each}}</w:t></w:r></w:p></w:tc></w:tr>\
        </w:tbl>
        """)
        let out = try renderXML(xml, ["xs": ["a", "b"]])
        #expect(try visibleText(out) == "a\nb")
        #expect(out.components(separatedBy: "<w:tr>").count == 3)
    }
}

@Suite struct OpenDocument {
    @Test func spansInsideTagsAndSpaces() throws {
        let xml = odt("""
        <text:p text:style-name="P1">Тема: {<text:span text:style-name="T1">{те</text:span>ма}<text:span>}</text:span>!</text:p>
        """)
        let out = try renderXML(xml, ["тема": "  два  пробела\nстрока\tтаб"], dialect: .odt)
        #expect(try visibleText(out) == "Тема:   два  пробела⏎строка⇥таб!")
        #expect(out.contains("<text:line-break/>") && out.contains("<text:tab/>") && out.contains("<text:s text:c=\"2\"/>"))
    }

    @Test func listItemLoop() throws {
        let xml = odt("""
        <text:list><text:list-item><text:p>{{#each tasks}}</text:p></text:list-item>\
        <text:list-item><text:p>{{this}}</text:p></text:list-item>\
        <text:list-item><text:p>{{/each}}</text:p></text:list-item></text:list>
        """)
        let out = try renderXML(xml, ["tasks": ["а", "б", "в"]], dialect: .odt)
        #expect(try visibleText(out) == "а\nб\nв")
        #expect(out.components(separatedBy: "<text:list-item>").count == 4)
    }

    @Test func rowLoop() throws {
        let xml = odt("""
        <table:table><table:table-column/><table:table-row><table:table-cell><text:p>{{#each e}}{{@number}}</text:p></table:table-cell>\
        <table:table-cell><text:p>{{t}}{{/each}}</text:p></table:table-cell></table:table-row></table:table>
        """)
        #expect(try render(xml, ["e": [["t": "x"], ["t": "y"]]], dialect: .odt) == "1\nx\n2\ny")
    }
}

@Suite struct Problems {
    @Test func fiveMistakesAtOnce() {
        let xml = docx(p("{{#each events}}") + p("{{text | upperr}}") + p("{{ date ") + p("{{else}}{{/if}}") + p("{{#if a}}"))
        let ps = problems(xml)
        #expect(Set(ps.map(\.code)) == ["unknown-filter", "unclosed-tag", "mismatched-block", "unclosed-block"])
        #expect(ps.count >= 5)
        let unknown = ps.first { $0.code == "unknown-filter" }
        #expect(unknown?.location == .paragraph(number: 2, excerpt: "{{text | upperr}}"))
        #expect(unknown?.hint?.ru.contains("«upper»") == true)
    }

    @Test func missingValueNamesTheTagAndPlace() {
        let ps = problems(docx(p("Утверждаю") + p("{{approval.positon}}")), ["approval": ["position": "Директор"]])
        #expect(ps.count == 1)
        #expect(ps[0].code == "missing-value")
        #expect(ps[0].line() == "word/document.xml: абзац 2 «{{approval.positon}}», тег {{approval.positon}}: error[missing-value]: в данных нет поля «approval.positon». Возможно, имелось в виду «position». Добавьте поле в данные, допишите в тег | default: \"—\" или разрешите пустые поля (allowMissing).")
    }

    @Test func missingInsideALoopIsReportedOnce() {
        let xml = docx(p("{{#each xs}}{{nope}}{{/each}}"))
        let ps = problems(xml, ["xs": [1, 2, 3]])
        #expect(ps.count == 1)
        #expect(ps[0].message.ru.hasSuffix("(и ещё 2 раза)"))
        #expect(ps[0].message.en.hasSuffix("(and 2 more times)"))
        // 1 and 21 more: «раз», "time".
        let two = problems(docx(p("{{#each xs}}{{nope}}{{/each}}")), ["xs": [1, 2]])
        #expect(two[0].message.ru.hasSuffix("(и ещё 1 раз)") && two[0].message.en.hasSuffix("(and 1 more time)"))
        let many = problems(docx(p("{{#each xs}}{{nope}}{{/each}}")), ["xs": .list(Array(repeating: 1, count: 22))])
        #expect(many[0].message.ru.hasSuffix("(и ещё 21 раз)"))
        let five = problems(docx(p("{{#each xs}}{{nope}}{{/each}}")), ["xs": .list(Array(repeating: 1, count: 6))])
        #expect(five[0].message.ru.hasSuffix("(и ещё 5 раз)"))
    }

    @Test func allowMissingPrintsEmpty() throws {
        #expect(try render(docx(p("[{{nope}}]")), [:], allowMissing: true) == "[]")
    }

    @Test func blockAcrossPlacesIsAnError() {
        let xml = docx(p("{{#each xs}} текст") + p("ещё {{/each}}"))
        #expect(problems(xml).map(\.code) == ["block-placement"])
    }

    @Test func strayElseAndUnopenedClose() {
        #expect(problems(docx(p("{{else}}"))).map(\.code) == ["stray-else"])
        #expect(problems(docx(p("{{/each}}"))).map(\.code) == ["unopened-block"])
        #expect(problems(docx(p("a }} b"))).map(\.code) == ["unopened-tag"])
        #expect(problems(docx(p("{{}}"))).map(\.code) == ["empty-tag"])
    }
}

@Suite struct LoopOptions {
    @Test func eachRepetitionOnANewPageInDOCX() throws {
        let xml = docx(p("{{#each meetings новая-страница}}") + "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>Заседание {{@number}}</w:t></w:r></w:p>" + p("{{topic}}") + p("{{/each}}"))
        let out = try renderXML(xml, ["meetings": [["topic": "А"], ["topic": "Б"], ["topic": "В"]]])
        #expect(out.components(separatedBy: "<w:br w:type=\"page\"/>").count - 1 == 2)
        // The break is the first run of the repetition's first paragraph, after its properties.
        #expect(out.contains("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:br w:type=\"page\"/></w:r><w:r><w:t xml:space=\"preserve\">Заседание 2</w:t>"))
        #expect(!out.contains("<w:br w:type=\"page\"/></w:r><w:r><w:t xml:space=\"preserve\">Заседание 1"))
        #expect(try visibleText(out) == "Заседание 1\nА\n⏎Заседание 2\nБ\n⏎Заседание 3\nВ")
    }

    @Test func eachRepetitionOnANewPageInODT() throws {
        let xml = odt("<text:p>{{#each xs page-break}}</text:p><text:p>{{this}}</text:p><text:p>{{/each}}</text:p>")
            .replacingOccurrences(of: "<office:body>", with: "<office:automatic-styles/><office:body>")
        let out = try renderXML(xml, ["xs": ["a", "b"]], dialect: .odt)
        #expect(out.components(separatedBy: "<text:p text:style-name=\"ShablonPageBreak\"/>").count - 1 == 1)
        #expect(out.contains("style:name=\"ShablonPageBreak\""))
        #expect(out.contains("fo:break-before=\"page\""))
    }

    @Test func anUnknownOptionIsAnError() {
        let ps = problems(docx(p("{{#each xs с-новой-стр}}") + p("{{this}}") + p("{{/each}}")))
        #expect(ps.map(\.code) == ["unknown-option"])
    }
}
