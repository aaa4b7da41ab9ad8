import Foundation
import Testing
import Shablon
import ShablonData
import ShablonDocuments

func loadOrder(_ bytes: [UInt8], sheet: String? = nil, columns: [OrderColumn: String] = [:]) throws -> TextbookOrder {
    try TextbookOrder.load(SpreadsheetLoader.table(bytes: bytes, sheet: sheet), columns: columns)
}

func loadOrder(csv text: String, columns: [OrderColumn: String] = [:]) throws -> TextbookOrder {
    try loadOrder(windows1251(text), columns: columns)
}

let header = "Школа;№ в ФПУ;Автор(ы);Наименование;Класс;Издательство;Год издания;Кол-во;Цена\r\n"

@Suite struct ExampleOrder {
    @Test func theCSVAndTheXLSXSavedByLibreOfficeGiveTheSameSpecifications() throws {
        let csv = try loadOrder(bytes(examples.appendingPathComponent("order.csv")))
        let xlsx = try loadOrder(bytes(examples.appendingPathComponent("order.xlsx")))
        #expect(csv == xlsx)
        #expect(Specification.make(from: csv) == Specification.make(from: xlsx))
        #expect(csv.warnings.isEmpty, "\(csv.warnings.map { $0.line() })")
    }

    @Test func isRealisticAndItsTotalsAreKnown() throws {
        let order = try loadOrder(bytes(examples.appendingPathComponent("order.csv")))
        let specs = Specification.make(from: order)
        #expect(order.lines.count == 486)
        #expect(Set(order.lines.map(\.school)).count == 12)
        #expect(specs.reduce(0) { $0 + $1.lines.count } == 64)
        #expect(specs.count == 5)
        #expect(order.lines.contains { Money.round($0.price, 0) != $0.price }, "prices with kopecks")
        #expect(order.copies == 12_422)
        #expect(order.total == Decimal(string: "13437424.40")!)
        #expect(specs.map(\.publisher) == ["ООО «Академкнига/Учебник»", "ООО \"БИНОМ. Лаборатория знаний\"", "АО «Издательство «Просвещение»",
                                           "ООО «ИОЦ МНЕМОЗИНА»", "ООО «Русское слово — учебник»"])
        #expect(specs.map(\.total) == ["1824580.35", "1262235.6", "5982077.2", "1703929.1", "2664602.15"].map { Decimal(string: $0)! })
        #expect(specs.map(\.vat) == ["165870.94", "114748.69", "543825.2", "154902.65", "242236.56"].map { Decimal(string: $0)! })
        // The first row is a title, the header is row 2, the last row is «Итого»: lines are rows 3…488.
        #expect(order.lines.first?.row == 3)
        #expect(order.lines.last?.row == 488)
    }
}

@Suite struct OrderReading {
    /// The same order as Excel saves it in Russia (Windows-1251, `;`) and as another tool does (UTF-8
    /// with a byte order mark, `,`, quoted decimal commas).
    @Test func windows1251WithSemicolonsAndUTF8WithCommasReadAlike() throws {
        let cp1251 = header
            + "\"МБОУ \"\"СОШ № 1\"\"\";1.1.1.1.1.1;Канакина В.П., Горецкий В.Г.;\"Русский язык; 1 класс\";1;АО «Издательство «Просвещение»;2024;25;845,90\r\n"
            + "МБОУ «СОШ № 2»;1.1.1.1.1.1;Канакина В.П., Горецкий В.Г.;\"Русский язык; 1 класс\";1;АО «Издательство «Просвещение»;2024;30;845,90\r\n"
            + "МБОУ «СОШ № 2»;1.1.2.4.1.1;Макарычев Ю.Н.;Алгебра. 7 класс;7;АО «Издательство «Просвещение»;2025;12;1\u{A0}012,45\r\n"
        let utf8 = "\u{FEFF}Школа,№ в ФПУ,Автор(ы),Наименование,Класс,Издательство,Год издания,Кол-во,Цена\r\n"
            + "\"МБОУ \"\"СОШ № 1\"\"\",1.1.1.1.1.1,\"Канакина В.П., Горецкий В.Г.\",Русский язык; 1 класс,1,АО «Издательство «Просвещение»,2024,25,\"845,90\"\n"
            + "МБОУ «СОШ № 2»,1.1.1.1.1.1,\"Канакина В.П., Горецкий В.Г.\",Русский язык; 1 класс,1,АО «Издательство «Просвещение»,2024,30,\"845,90\"\n"
            + "МБОУ «СОШ № 2»,1.1.2.4.1.1,Макарычев Ю.Н.,Алгебра. 7 класс,7,АО «Издательство «Просвещение»,2025,12,\"1 012,45\"\n"
        let a = try loadOrder(windows1251(cp1251))
        let b = try loadOrder(Array(utf8.utf8))
        #expect(a == b)
        #expect(a.lines.map(\.school) == ["МБОУ \"СОШ № 1\"", "МБОУ «СОШ № 2»", "МБОУ «СОШ № 2»"])
        #expect(a.lines[0].title == "Русский язык; 1 класс")
        #expect(a.lines.map(\.price) == [Decimal(string: "845.90")!, Decimal(string: "845.9")!, Decimal(string: "1012.45")!])
        let spec = try #require(Specification.make(from: a).first)
        #expect(spec.lines.map(\.quantity) == [55, 12])
        #expect(spec.total == Decimal(string: "58673.90")!)
        #expect(spec.distribution.map(\.school) == ["МБОУ \"СОШ № 1\"", "МБОУ «СОШ № 2»"])
        #expect(spec.distribution[1].items.map(\.line) == [1, 2])
    }

    @Test func everyBrokenCellIsReportedAtOnceByItsAddress() throws {
        let csv = header
            + "СОШ № 1;1.1.1;А.;Букварь;1;Просвещение;2024;десять;845,90\r\n"      // H2: quantity not a number
            + "СОШ № 1;1.1.2;А.;Азбука;1;Просвещение;2024;10;845,9 руб.\r\n"       // I3: price with a word
            + ";1.1.3;А.;Прописи;1;Просвещение;2024;10;100\r\n"                     // A4: no school
            + "СОШ № 2;1.1.4;А.;Физкультура;01.04.2025;Просвещение;2024;10;100\r\n" // E5: Excel's date for «1-4»
            + "СОШ № 2;1.1.5;А.;Музыка;1;Просвещение;2024;2,5;100,125\r\n"          // H6: a fraction, I6: three decimals
            + "СОШ № 2;1.1.6;А.;Чтение;1;Просвещение;сорок;10;100\r\n"              // G7: not a year
            + "СОШ № 2;1.1.7;А.;ИЗО;1;Просвещение;2024;0;\r\n"                      // no quantity: not a line, no error
        let found = problems { _ = try loadOrder(csv: csv) }
        #expect(found.map(\.code) == Array(repeating: "order-bad-cell", count: 7))
        #expect(found.compactMap(\.cellAddress) == ["H2", "I3", "A4", "E5", "H6", "I6", "G7"])
        #expect(found[1].line() == "ячейка I3: error[order-bad-cell]: «Цена»: «845,9 руб.» — не число. Укажите в ячейке только цену с десятичной запятой, например 845,90, без «руб.».")
        #expect(found[3].line().contains("так Excel превращает «1-4» в дату"))
        #expect(found[0].line("en") == "cell H2: error[order-bad-cell]: «Количество»: «десять» is not a number. Put only the number of copies in the cell, e.g. 25, without words.")
    }

    @Test func anXLSXCellIsReportedBySheetAndAddress() throws {
        let book = try workbook(sheets: [("Заказ", sheetData([
            ("A1", "is", "Школа"), ("B1", "is", "№ в ФПУ"), ("C1", "is", "Наименование"), ("D1", "is", "Издательство"),
            ("E1", "is", "Количество"), ("F1", "is", "Цена"),
            ("A2", "is", "СОШ № 1"), ("B2", "is", "1.1.1"), ("C2", "is", "Букварь"), ("D2", "is", "Просвещение"), ("E2", "n", "10"), ("F2", "is", "abc"),
            ("A3", "is", "СОШ № 1"), ("B3", "is", "1.1.2"), ("C3", "is", "Азбука"), ("D3", "is", "Просвещение"), ("E3", "n", "-4"), ("F3", "n", "12.5"),
        ]))])
        let found = problems { _ = try loadOrder(book) }
        #expect(found.map { $0.location } == [.sheetCell(sheet: "Заказ", address: "F2"), .sheetCell(sheet: "Заказ", address: "E3")])
        #expect(found[0].line().hasPrefix("лист «Заказ», ячейка F2: error[order-bad-cell]: «Цена»: «abc» — не число."))
    }

    @Test func missingColumnsAreNamedAndAMappingFixesThem() throws {
        let csv = "Заказчик;Код;Учебник;Поставщик;Заказ, шт.;Руб. за шт.\r\nСОШ № 1;1.1.1;Букварь;Просвещение;10;100,50\r\n"
        let found = problems { _ = try loadOrder(csv: csv) }
        #expect(found.map(\.code) == ["order-missing-column"])
        #expect(found[0].message.ru == "в заказе не найдены столбцы: «Школа», «№ в ФПУ», «Издательство», «Количество», «Цена»")
        #expect(found[0].hint?.ru.contains("--column школа=") == true)
        let order = try loadOrder(csv: csv, columns: [.school: "Заказчик", .fpu: "Код", .publisher: "поставщик", .quantity: "Заказ, шт.", .price: "F"])
        #expect(order.lines == [OrderLine(school: "СОШ № 1", fpuNumber: "1.1.1", title: "Букварь", publisher: "Просвещение",
                                          quantity: 10, price: Decimal(string: "100.5")!, row: 2)])
        // A mapping to a header that is not there says so.
        let wrong = problems { _ = try loadOrder(csv: csv, columns: [.school: "Школа"]) }
        #expect(wrong.first?.message.ru == "в заказе нет столбца «Школа», указанного для поля «школа»")
    }

    @Test(arguments: [
        ("Наименование ОО", OrderColumn.school), ("Общеобразовательная организация", .school), ("ОО", .school),
        ("№ в ФПУ", .fpu), ("Порядковый номер учебника в ФПУ", .fpu), ("Автор(ы)", .authors), ("Авторы", .authors),
        ("Наименование учебника", .title), ("Наименование", .title), ("Класс", .grade), ("Класс(ы)", .grade),
        ("Издательство", .publisher), ("Год издания", .year), ("Количество, экз.", .quantity), ("Кол-во", .quantity),
        ("Цена за 1 экз., руб.", .price), ("Цена", .price), ("Сумма, руб.", .sum), ("Стоимость, руб.", .sum),
    ])
    func commonHeadersAreRecognised(_ header: String, _ column: OrderColumn) {
        #expect(OrderColumn.recognize(header) == column)
    }

    @Test func otherHeadersAreNot() {
        #expect(OrderColumn.recognize("№ п/п") == nil)
        #expect(OrderColumn.recognize("Примечание") == nil)
    }

    @Test func aTitleRowAboveTheHeaderAndTotalsBelowAreSkipped() throws {
        let csv = "Заказ учебников на 2025/2026 уч. год;;;;;;;;\r\n;;;;;;;;\r\n" + header
            + "СОШ № 1;1.1.1;А.;Букварь;1;Просвещение;2024;10;100\r\n"
            + ";;;Итого;;;;10;\r\n"
            + "Всего по району;;;;;;;10;1000\r\n"
        let order = try loadOrder(csv: csv)
        #expect(order.lines.map(\.row) == [4])
    }

    @Test func aSumThatIsNotQuantityTimesPriceIsAWarning() throws {
        let csv = "Школа;№ в ФПУ;Наименование;Издательство;Кол-во;Цена;Сумма\r\n"
            + "СОШ № 1;1.1.1;Букварь;Просвещение;10;100,10;1001\r\n"
            + "СОШ № 1;1.1.2;Азбука;Просвещение;10;100,10;1000\r\n"
        let order = try loadOrder(csv: csv)
        #expect(order.warnings.map(\.code) == ["order-sum-mismatch"])
        #expect(order.warnings.first?.cellAddress == "G3")
    }

    @Test func oneTextbookDescribedTwoWaysIsAWarningAndTheFirstWins() throws {
        let csv = header
            + "СОШ № 1;1.1.1;Канакина В.П.;Русский язык. 1 класс;1;Просвещение;2024;10;100\r\n"
            + "СОШ № 2;1.1.1;Канакина В.П.;Русский язык 1 кл.;1;Просвещение;2024;5;100\r\n"
            + "СОШ № 2;1.1.1;Канакина В.П.;Русский язык. 1 класс;1;Дрофа;2024;5;100\r\n"
        let order = try loadOrder(csv: csv)
        #expect(order.warnings.map(\.code) == ["order-conflict", "order-conflict"])
        #expect(order.warnings[0].message.ru.contains("не так, как в строке 2"))
        #expect(order.warnings[1].message.ru.contains("у двух издательств"))
        let specs = Specification.make(from: order)
        #expect(specs.map(\.publisher) == ["Дрофа", "Просвещение"])
        #expect(specs[1].lines.map(\.title) == ["Русский язык. 1 класс"])
        #expect(specs[1].lines.map(\.quantity) == [15])
    }

    @Test func anOrderWithNoQuantitiesIsAnError() {
        let found = problems { _ = try loadOrder(csv: header + "СОШ № 1;1.1.1;А.;Букварь;1;Просвещение;2024;;100\r\n") }
        #expect(found.map(\.code) == ["order-empty"])
    }
}
