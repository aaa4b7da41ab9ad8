import Foundation
import Testing
@testable import ShablonRussian

/// Decimal from a string literal (never from a binary floating-point literal).
private func dec(_ text: String) -> Decimal { Decimal(string: text)! }

@Suite("Numbers")
struct NumberTests {
    @Test("plain: decimal comma, no grouping", arguments: [
        ("1234.5", "1234,5"), ("2023", "2023"), ("-3.25", "-3,25"), ("0", "0"),
        ("1234.50", "1234,5"), ("0.0001", "0,0001"), ("1000000", "1000000"), ("-0", "0"),
    ])
    func plain(_ input: String, _ expected: String) {
        #expect(RussianFormat.plain(dec(input)) == expected)
    }

    @Test("number: grouping with U+00A0 and rounding", arguments: [
        ("1234.5", nil, "1\u{A0}234,5"), ("1234.5", 2, "1\u{A0}234,50"), ("1234", nil, "1\u{A0}234"),
        ("123", nil, "123"), ("0", nil, "0"), ("0", 2, "0,00"), ("0.5", nil, "0,5"), ("0.5", 0, "1"),
        ("2.005", 2, "2,01"), ("-2.005", 2, "-2,01"), ("1234567.891", 2, "1\u{A0}234\u{A0}567,89"),
        ("-1234.5", nil, "-1\u{A0}234,5"), ("-1234.5", 2, "-1\u{A0}234,50"), ("999.995", 2, "1\u{A0}000,00"),
        ("9.99", 1, "10,0"), ("-0.001", 2, "0,00"), ("1234567", 0, "1\u{A0}234\u{A0}567"),
        ("12345.678", -1, "12\u{A0}346"), ("100000", nil, "100\u{A0}000"),
    ] as [(String, Int?, String)])
    func number(_ input: String, _ digits: Int?, _ expected: String) {
        #expect(RussianFormat.number(dec(input), fractionDigits: digits) == expected)
    }
}

@Suite("Words")
struct WordsTests {
    @Test("integers in words", arguments: [
        ("21", Gender.masculine, "двадцать один"), ("0", .masculine, "ноль"),
        ("1", .feminine, "одна"), ("2", .feminine, "две"), ("1", .neuter, "одно"), ("2", .neuter, "два"),
        ("22", .feminine, "двадцать две"), ("12", .feminine, "двенадцать"), ("10", .masculine, "десять"),
        ("40", .masculine, "сорок"), ("90", .masculine, "девяносто"), ("100", .masculine, "сто"),
        ("512", .masculine, "пятьсот двенадцать"), ("-15", .masculine, "минус пятнадцать"),
        ("2.0", .masculine, "два"), ("1000001", .masculine, "один миллион один"),
        ("3000000000", .masculine, "три миллиарда"), ("2000000000000", .masculine, "два триллиона"),
        ("999999999999999", .masculine,
         "девятьсот девяносто девять триллионов девятьсот девяносто девять миллиардов девятьсот девяносто девять миллионов девятьсот девяносто девять тысяч девятьсот девяносто девять"),
    ])
    func words(_ input: String, _ gender: Gender, _ expected: String) {
        #expect(RussianFormat.words(dec(input), gender: gender) == expected)
    }

    @Test func wordsDefaultsToMasculine() {
        #expect(RussianFormat.words(dec("21")) == "двадцать один")
    }

    @Test("words refuses fractions and huge numbers", arguments: ["1.5", "1000000000000000", "-1000000000000000"])
    func wordsNil(_ input: String) {
        #expect(RussianFormat.words(dec(input)) == nil)
    }

    @Test("rubles in words", arguments: [
        ("0", "ноль рублей 00 копеек"),
        ("0.01", "ноль рублей 01 копейка"),
        ("0.02", "ноль рублей 02 копейки"),
        ("1", "один рубль 00 копеек"),
        ("2", "два рубля 00 копеек"),
        ("5", "пять рублей 00 копеек"),
        ("11", "одиннадцать рублей 00 копеек"),
        ("12", "двенадцать рублей 00 копеек"),
        ("14", "четырнадцать рублей 00 копеек"),
        ("21", "двадцать один рубль 00 копеек"),
        ("22", "двадцать два рубля 00 копеек"),
        ("25", "двадцать пять рублей 00 копеек"),
        ("101", "сто один рубль 00 копеек"),
        ("111", "сто одиннадцать рублей 00 копеек"),
        ("1000", "одна тысяча рублей 00 копеек"),
        ("2000", "две тысячи рублей 00 копеек"),
        ("5000", "пять тысяч рублей 00 копеек"),
        ("11000", "одиннадцать тысяч рублей 00 копеек"),
        ("21000", "двадцать одна тысяча рублей 00 копеек"),
        ("1000000", "один миллион рублей 00 копеек"),
        ("2000000", "два миллиона рублей 00 копеек"),
        ("1001021.05", "один миллион одна тысяча двадцать один рубль 05 копеек"),
        ("1245.18", "одна тысяча двести сорок пять рублей 18 копеек"),
        ("76.01", "семьдесят шесть рублей 01 копейка"),
        ("1234.5", "одна тысяча двести тридцать четыре рубля 50 копеек"),
        ("999999999.99", "девятьсот девяносто девять миллионов девятьсот девяносто девять тысяч девятьсот девяносто девять рублей 99 копеек"),
        ("1.005", "один рубль 01 копейка"),
        ("0.995", "один рубль 00 копеек"),
        ("1000000000000", "один триллион рублей 00 копеек"),
        ("-5", "минус пять рублей 00 копеек"),
        ("-0.5", "минус ноль рублей 50 копеек"),
    ])
    func rubles(_ input: String, _ expected: String) {
        #expect(RussianFormat.rubles(dec(input)) == expected)
    }

    @Test func rublesOutOfRange() {
        #expect(RussianFormat.rubles(dec("1000000000000000")) == nil)
        #expect(RussianFormat.rubles(Decimal.nan) == nil)
    }
}

@Suite("Plural")
struct PluralTests {
    static let forms = ["мероприятие", "мероприятия", "мероприятий"]

    @Test("plural forms", arguments: [
        ("0", "0 мероприятий"), ("1", "1 мероприятие"), ("2", "2 мероприятия"), ("4", "4 мероприятия"),
        ("5", "5 мероприятий"), ("11", "11 мероприятий"), ("12", "12 мероприятий"), ("14", "14 мероприятий"),
        ("21", "21 мероприятие"), ("22", "22 мероприятия"), ("25", "25 мероприятий"),
        ("101", "101 мероприятие"), ("111", "111 мероприятий"), ("1.5", "1,5 мероприятия"),
        ("-1", "-1 мероприятие"), ("1000", "1000 мероприятий"),
    ])
    func plural(_ input: String, _ expected: String) {
        #expect(RussianFormat.plural(dec(input), forms: Self.forms) == expected)
    }

    @Test("plural categories", arguments: [
        ("0", PluralCategory.many), ("1", .one), ("2", .few), ("4", .few), ("5", .many), ("11", .many),
        ("12", .many), ("14", .many), ("21", .one), ("22", .few), ("25", .many), ("101", .one),
        ("111", .many), ("1.5", .other), ("3.0", .few),
    ])
    func category(_ input: String, _ expected: PluralCategory) {
        #expect(RussianFormat.pluralCategory(dec(input)) == expected)
    }

    @Test func fourthFormAndShortLists() {
        #expect(RussianFormat.plural(dec("1.5"), forms: Self.forms + ["мероприятия (дробн.)"]) == "1,5 мероприятия (дробн.)")
        #expect(RussianFormat.plural(dec("5"), forms: ["шт."]) == "5 шт.")
        #expect(RussianFormat.plural(dec("5"), forms: []) == "5")
        #expect(RussianFormat.plural(dec("5"), forms: ["экземпляр", "экземпляра", " экземпляров "]) == "5 экземпляров")
    }
}

@Suite("Dates")
struct DateTests {
    @Test("patterns for 5 September 2024", arguments: [
        ("d MMMM yyyy г.", "5 сентября 2024 г."),
        ("«dd» MMMM yyyy г.", "«05» сентября 2024 г."),
        ("LLLL yyyy", "сентябрь 2024"),
        ("dd.MM.yyyy", "05.09.2024"),
        (RussianFormat.defaultDatePattern, "05.09.2024"),
        ("d.M.yy", "5.9.24"),
        ("d MMM y", "5 сент. 2024"),
        ("d 'MMMM' yyyy", "5 MMMM 2024"),
        ("'Дата:' dd.MM.yyyy", "Дата: 05.09.2024"),
        ("dd''MM", "05'09"),
        ("'it''s' d", "it's 5"),
        ("'unterminated d", "unterminated d"),
        ("", ""),
    ])
    func patterns(_ pattern: String, _ expected: String) {
        #expect(RussianFormat.date(year: 2024, month: 9, day: 5, pattern: pattern) == expected)
    }

    @Test func mayIsGenitiveOrNominative() {
        #expect(RussianFormat.date(year: 2025, month: 5, day: 31, pattern: "d MMMM yyyy г.") == "31 мая 2025 г.")
        #expect(RussianFormat.date(year: 2025, month: 5, day: 31, pattern: "LLLL") == "май")
        #expect(RussianFormat.date(year: 2000, month: 1, day: 1, pattern: "yy") == "00")
    }

    @Test func monthTables() {
        #expect(RussianFormat.monthsGenitive.count == 12)
        #expect(RussianFormat.monthsNominative.count == 12)
        #expect(RussianFormat.monthsGenitive[8] == "сентября")
        #expect(RussianFormat.monthsNominative[1] == "февраль")
    }

    @Test func invalidMonthDoesNotCrash() {
        #expect(RussianFormat.date(year: 2024, month: 13, day: 5, pattern: "d MMMM") == "5 13")
    }
}

@Suite("Names and text")
struct NameTests {
    @Test("initials, surname last", arguments: [
        ("Леонтьева Наталья Александровна", "Н.А.\u{A0}Леонтьева"),
        ("Леонтьева Наталья", "Н.\u{A0}Леонтьева"),
        ("Леонтьева Н.А.", "Н.А.\u{A0}Леонтьева"),
        ("Леонтьева Н. А.", "Н.А.\u{A0}Леонтьева"),
        ("Н.А. Леонтьева", "Н.А.\u{A0}Леонтьева"),
        ("Н. А. Леонтьева", "Н.А.\u{A0}Леонтьева"),
        ("Н.А.Леонтьева", "Н.А.\u{A0}Леонтьева"),
        ("Н.А.\u{A0}Леонтьева", "Н.А.\u{A0}Леонтьева"),
        ("  Леонтьева   Наталья\tАлександровна  ", "Н.А.\u{A0}Леонтьева"),
        ("Петрова Анна-Мария Ивановна", "А.-М.И.\u{A0}Петрова"),
        ("Петрова А.-М. И.", "А.-М.И.\u{A0}Петрова"),
        ("Римский-Корсаков Николай Андреевич", "Н.А.\u{A0}Римский-Корсаков"),
        ("Мамедов Рашид Ильхам оглы", "Р.И.\u{A0}Мамедов"),
        ("леонтьева наталья", "Н.\u{A0}леонтьева"),
        ("  Леонтьева ", "Леонтьева"),
        ("", ""),
        ("   ", ""),
    ])
    func surnameLast(_ input: String, _ expected: String) {
        #expect(RussianFormat.initials(input, surnameLast: true) == expected)
    }

    @Test("initials, surname first", arguments: [
        ("Леонтьева Наталья Александровна", "Леонтьева\u{A0}Н.А."),
        ("Леонтьева Наталья", "Леонтьева\u{A0}Н."),
        ("Леонтьева Н.А.", "Леонтьева\u{A0}Н.А."),
        ("Леонтьева Н. А.", "Леонтьева\u{A0}Н.А."),
        ("Н.А. Леонтьева", "Леонтьева\u{A0}Н.А."),
        ("Петрова Анна-Мария", "Петрова\u{A0}А.-М."),
    ])
    func surnameFirst(_ input: String, _ expected: String) {
        #expect(RussianFormat.initials(input, surnameLast: false) == expected)
    }

    @Test("initials never crash on odd input", arguments: [
        ".", "-", "Н.", "...", "А.-", "- -", "Н.А.", "— Иванов", "123 456", "\u{301}", "Иванов .",
        "Н.А. Б.В.", "a.b.c.d", "'' \"\"", "Иванов-", "-Иванов Иван", "\u{A0}\u{A0}", "Ü.ß Straße",
    ])
    func oddInput(_ input: String) {
        _ = RussianFormat.initials(input, surnameLast: true)
        _ = RussianFormat.initials(input, surnameLast: false)
    }

    @Test func oddInputResults() {
        #expect(RussianFormat.initials("Н.А.", surnameLast: true) == "Н.А.")
        #expect(RussianFormat.initials("— Иванов Иван", surnameLast: true) == "И.\u{A0}Иванов")
    }

    @Test("capitalize", arguments: [
        ("рмо школьных", "Рмо школьных"), ("«рмо»", "«Рмо»"), ("  \"рмо\"", "  \"Рмо\""),
        ("", ""), ("123 рмо", "123 рмо"), ("ёлка", "Ёлка"), ("Уже", "Уже"), ("  ", "  "),
    ])
    func capitalize(_ input: String, _ expected: String) {
        #expect(RussianFormat.capitalize(input) == expected)
    }
}
