import Foundation
import Testing
@testable import ShablonRussian

/// U+00A0 in expected strings.
private let nb = "\u{A0}"

@Suite("Typography")
struct TypographyTests {
    private func check(_ cases: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) {
        for (input, expected) in cases {
            let got = Typography.apply(input)
            #expect(got == expected, "«\(input)» → «\(got.replacingOccurrences(of: nb, with: "⍽"))», expected «\(expected.replacingOccurrences(of: nb, with: "⍽"))»",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func straightQuotesBecomeGuillemets() {
        check([
            ("Участие в творческой группе \"Мы за них в ответе\"", "Участие в творческой группе «Мы за них в ответе»"),
            ("ООО \"БИНОМ. Лаборатория знаний\"", "ООО «БИНОМ. Лаборатория знаний»"),
            ("\"Книга\" — лучший подарок", "«Книга»\(nb)— лучший подарок"),
            ("(\"Книга\")", "(«Книга»)"),
            ("Тема:\"Книги-юбиляры\".", "Тема:«Книги-юбиляры»."),
            // Opened straight, closed with a guillemet (seed 003): one pair.
            ("5. Выступление по теме \"Мастер-класс в библиотеке как форма работы с читателями»",
             "5. Выступление по теме «Мастер-класс в библиотеке как форма работы с читателями»"),
            // English curly quotes too.
            ("конкурс “Читающая мама”", "конкурс «Читающая мама»"),
        ])
    }

    @Test func nestedQuotesBecomeLapki() {
        check([
            ("Доклад \"Роман \"Война и мир\" в школе\"", "Доклад «Роман „Война и мир“ в школе»"),
            ("«Конкурс \"Лучший читатель\"»", "«Конкурс „Лучший читатель“»"),
            ("МАОУ «СОШ «Радуга»»", "МАОУ «СОШ „Радуга“»"),
            ("\"\"Радуга\" и \"Лира\"\"", "«„Радуга“ и „Лира“»"),
            ("«Сказка „Репка“»", "«Сказка „Репка“»"),
        ])
    }

    @Test func unsureQuotesStayAsTyped() {
        check([
            ("экран 15\" и \"книга", "экран 15\" и \"книга"),
            ("a\"b\"c", "a\"b\"c"),
            ("\" текст \"", "\" текст \""),
            ("«открыта и не закрыта", "«открыта и не закрыта"),
            ("МАОУ « Деминская СОШ»", "МАОУ « Деминская СОШ»"),
            ("«a“", "«a“"),
        ])
    }

    @Test func dashesBetweenWords() {
        check([
            ("Библиотека - центр", "Библиотека\(nb)— центр"),
            ("Библиотека -- центр", "Библиотека\(nb)— центр"),
            ("Библиотека — центр", "Библиотека\(nb)— центр"),
            ("Патриотическое воспитание - целенаправленный процесс",
             "Патриотическое воспитание\(nb)— целенаправленный процесс"),
            ("обновление традиций, новые поиски – библиотека - место для творчества.",
             "обновление традиций, новые поиски\(nb)— библиотека\(nb)— место для творчества."),
            ("Декабрь – январь –\nфевраль", "Декабрь\(nb)— январь\(nb)—\nфевраль"),
            ("«Книга» - лучший подарок", "«Книга»\(nb)— лучший подарок"),
            // List dashes, hyphens and a dash between numbers stay.
            ("документов: - по функционированию; - по направлениям", "документов: - по функционированию; - по направлениям"),
            ("Информирование: -о новых направлениях", "Информирование: -о новых направлениях"),
            ("- Изучение", "- Изучение"),
            ("педагог-библиотекарь", "педагог-библиотекарь"),
            // Compound adjectives typed with spaces: a dash would be wrong too.
            ("Диагностико - аналитическая работа", "Диагностико - аналитическая работа"),
            ("библиотечно – библиографических навыков", "библиотечно – библиографических навыков"),
            ("Сделано хорошо - книга", "Сделано хорошо\(nb)— книга"),
            ("10 - 5", "10 - 5"),
            ("слово---слово", "слово---слово"),
        ])
    }

    @Test func rangesOfNumbers() {
        check([
            ("на 2023 - 2024 учебный год", "на 2023–2024 учебный год"),
            ("2024-2025", "2024–2025"),
            ("2019-2020 уч.год", "2019–2020 уч.год"),
            ("2023 – 2024", "2023–2024"),
            ("1-4 классы", "1–4 классы"),
            ("(5-9 кл.)", "(5–9\(nb)кл.)"),
            ("10-15 мин", "10–15\(nb)мин"),
            ("2023–2024 гг.", "2023–2024\(nb)гг."),
            // Dates, codes, chains, decimals, numbers after «№» and backward ranges stay.
            ("2024-09-05", "2024-09-05"),
            ("8-800-555-35-35", "8-800-555-35-35"),
            ("1 - 2 - 3", "1 - 2 - 3"),
            ("1,5-2", "1,5-2"),
            ("1-2,5", "1-2,5"),
            ("44-ФЗ", "44-ФЗ"),
            ("2024 - 2023", "2024 - 2023"),
            ("05-09", "05-09"),
            ("2023-24", "2023-24"),
            ("приказ № 12-15", "приказ №\(nb)12-15"),
            ("2023 -2024", "2023 -2024"),
        ])
    }

    @Test func numberMarkersGetTheirSpace() {
        check([
            ("1.Доклад «Потенциал школьной библиотеки».", "1. Доклад «Потенциал школьной библиотеки»."),
            ("\t3.Методическая копилка.", "\t3. Методическая копилка."),
            ("2.Информационно-библиотечный центр – новая модель школьной библиотеки.",
             "2. Информационно-библиотечный центр\(nb)— новая модель школьной библиотеки."),
            ("1.1.Самообразование", "1.1. Самообразование"),
            ("Задачи:\n1.Изучение\n2.Обобщение", "Задачи:\n1. Изучение\n2. Обобщение"),
            ("1.1", "1.1"),
            ("01.09.2024", "01.09.2024"),
            ("2.5 ч", "2.5\(nb)ч"),
            ("19.09.", "19.09."),
            ("2024.Отчёт", "2024.Отчёт"),
            ("см. 1.Доклад", "см. 1.Доклад"),
        ])
    }

    @Test func nonBreakingSpaces() {
        check([
            ("Заседание МО № 1.", "Заседание МО №\(nb)1."),
            ("§ 5", "§\(nb)5"),
            ("школа №3", "школа №\(nb)3"),
            ("СОШ№3", "СОШ№3"),
            ("№ п/п", "№\(nb)п/п"),
            ("СОШ № 1 г. Белоярский", "СОШ №\(nb)1 г.\(nb)Белоярский"),
            ("педагог-библиотекарь СОШ п. Сосновка", "педагог-библиотекарь СОШ п.\(nb)Сосновка"),
            ("библиотекарь СОШ с. Казым", "библиотекарь СОШ с.\(nb)Казым"),
            ("Повышение квалификации на курсах в г. Оренбурге.", "Повышение квалификации на курсах в г.\(nb)Оренбурге."),
            ("ул. Ленина, д. 5", "ул.\(nb)Ленина, д.\(nb)5"),
            ("2024 г.", "2024\(nb)г."),
            ("до 2024 г. в школе", "до 2024\(nb)г. в школе"),
            ("2 ч", "2\(nb)ч"),
            ("72 ч.", "72\(nb)ч."),
            ("2 часа", "2 часа"),
            ("100 %", "100\(nb)%"),
            ("100%", "100\(nb)%"),
            ("50%-ный", "50%-ный"),
            ("1 245,18 руб.", "1 245,18\(nb)руб."),
            ("18 коп.", "18\(nb)коп."),
            ("1,5 млн руб.", "1,5\(nb)млн\(nb)руб."),
            ("5 тыс. экз.", "5\(nb)тыс.\(nb)экз."),
            ("30 экз., 10 шт., 25 чел.", "30\(nb)экз., 10\(nb)шт., 25\(nb)чел."),
            ("и т. д. Далее", "и т. д. Далее"),
            ("и т. п. Сосновка", "и т. п. Сосновка"),
            ("100  %", "100\(nb)%"),
            ("100\u{202F}%", "100\u{202F}%"),
        ])
    }

    @Test func initialsStayWithTheSurname() {
        check([
            ("Мустафина О.Р. (МАОУ «Пономаревская СОШ»).", "Мустафина\(nb)О.Р. (МАОУ «Пономаревская СОШ»)."),
            ("Н.А. Леонтьева", "Н.А.\(nb)Леонтьева"),
            ("Попова Н.Я. библиотекарь СОШ с. Казым", "Попова\(nb)Н.Я. библиотекарь СОШ с.\(nb)Казым"),
            ("И. О. Фамилия", "И.\(nb)О.\(nb)Фамилия"),
            ("Фамилия И. О.", "Фамилия\(nb)И.\(nb)О."),
            ("Римская-Корсакова А.А.", "Римская-Корсакова\(nb)А.А."),
            // Two people without a comma: each surname keeps its own initials.
            ("Труханова С.С. Мустафина О.Р. (МАОУ «Пономаревская СОШ»)",
             "Труханова\(nb)С.С. Мустафина\(nb)О.Р. (МАОУ «Пономаревская СОШ»)"),
            ("Семинар, посвященный 205-летию М.Ю. Лермонтова", "Семинар, посвященный 205-летию М.Ю.\(nb)Лермонтова"),
            ("Доклад А.С. Пушкин", "Доклад А.С.\(nb)Пушкин"),
            ("Руководитель РМО___________Н.А. Леонтьева", "Руководитель РМО___________Н.А.\(nb)Леонтьева"),
            // A comma between them, or no space: as typed.
            ("Мазеева, Р.В. педагог-библиотекарь", "Мазеева, Р.В. педагог-библиотекарь"),
            ("Н.А.Леонтьева", "Н.А.Леонтьева"),
        ])
    }

    @Test func quotedNamesStayAsTyped() {
        check([
            ("ООО «БИНОМ. Лаборатория знаний»", "ООО «БИНОМ. Лаборатория знаний»"),
            ("«Библиотека - центр № 1»", "«Библиотека - центр № 1»"),
            ("ООО \"Просвещение - 2024\" - поставщик", "ООО «Просвещение - 2024»\(nb)— поставщик"),
            ("экран 15\" - 2 шт. и \"книга", "экран 15\" - 2 шт. и \"книга"),
        ])
    }

    @Test func textWithoutAnythingToDoIsReturnedAsIs() {
        check([("", ""), ("Сентябрь", "Сентябрь"), ("  ", "  "), ("\n", "\n")])
    }

    /// Every line of the seed plans and the example plans: idempotent, letters and digits kept.
    @Test func realPlans() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folders = [root.appendingPathComponent("Tests/ShablonDocumentsTests/Seeds"), root.appendingPathComponent("examples/plans")]
        var lines: [String] = []
        for folder in folders {
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".txt") || file.hasSuffix(".yaml") {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                lines += text.components(separatedBy: "\n")
            }
        }
        #expect(lines.count > 300)
        var changed = 0
        for line in lines {
            let once = Typography.apply(line)
            if once != line { changed += 1 }
            TypographyProperties.check(line, once)
        }
        #expect(changed > 20)
    }
}

/// Property tests over random strings from a seeded generator (so a failure repeats).
@Suite("Typography properties")
struct TypographyProperties {
    /// SplitMix64: small, seedable, the same on every platform.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces: [String] = [
        "Библиотека", "центр", "школа", "Иванова", "книга", "в", "с", "и", "Reading", "club", "a", "Б",
        "2023", "2024", "1", "4", "10", "05", "1,5", "3.2", "2024-09-05",
        "\"", "\"", "\"", "«", "»", "„", "“", "”",
        "-", "-", "--", "–", "—", " - ", " -- ", " – ",
        " ", " ", " ", "  ", "\u{A0}", "\n", "\t",
        ".", ",", ";", ":", "!", "?", "(", ")", "%", "№", "§", "/",
        "г.", "п.", "ул.", "д.", "т.", "гг.", "ч", "руб.", "тыс.", "экз.", "кл.", "И.О.", "Н.", "1.", "1.1.",
    ]

    static func randomText(_ g: inout Generator) -> String {
        let n = Int.random(in: 0...24, using: &g)
        var s = ""
        for _ in 0..<n { s += pieces.randomElement(using: &g)! }
        return s
    }

    /// Letters and digits, in order.
    static func lettersAndDigits(_ s: String) -> String { String(s.filter { $0.isLetter || $0.isNumber }) }

    /// All quotes as `"`, every run of dashes as one `-`, no white space.
    static func skeleton(_ s: String) -> String {
        var out = ""
        for ch in s where !ch.isWhitespace {
            let c: Character = "\"«»„“”".contains(ch) ? "\"" : "-–—".contains(ch) ? "-" : ch
            if c == "-" && out.last == "-" { continue }
            out.append(c)
        }
        return out
    }

    static func check(_ input: String, _ once: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let twice = Typography.apply(once)
        let shown = input.debugDescription
        #expect(twice == once, "not idempotent: \(shown) → \(once.debugDescription) → \(twice.debugDescription)", sourceLocation: sourceLocation)
        #expect(lettersAndDigits(once) == lettersAndDigits(input), "letters or digits changed: \(shown) → \(once.debugDescription)", sourceLocation: sourceLocation)
        #expect(skeleton(once) == skeleton(input), "more than quotes, dashes and spaces changed: \(shown) → \(once.debugDescription)", sourceLocation: sourceLocation)
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func randomStrings(seed: UInt64) {
        var g = Generator(state: seed)
        for _ in 0..<3_000 {
            let s = TypographyProperties.randomText(&g)
            TypographyProperties.check(s, Typography.apply(s))
        }
    }
}
