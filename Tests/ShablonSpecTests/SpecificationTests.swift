import Foundation
import Testing
import Shablon
import ShablonData
import ShablonDocuments
import ShablonXML
import ShablonZip

/// The text of a rendered document's main part, one paragraph a line (cells too).
func documentText(_ bytes: [UInt8], kind: DocumentKind) throws -> String {
    let zip = try ZipArchive(bytes: bytes)
    let root = try XMLParser.parse(zip.read(kind == .docx ? "word/document.xml" : "content.xml")).root
    var lines: [String] = []
    func walk(_ e: XMLElement) {
        let local = e.name.split(separator: ":").last.map(String.init) ?? e.name
        if local == "p" || local == "h" {
            var s = ""
            func text(_ x: XMLElement) {
                let l = x.name.split(separator: ":").last.map(String.init) ?? x.name
                if kind == .docx && l == "t" { s += x.textContent; return }
                if l == "tab" { s += "\t"; return }
                if l == "s" && kind == .odt { s += String(repeating: " ", count: Int(x[attribute: "text:c"] ?? "1") ?? 1); return }
                for c in x.children {
                    switch c {
                    case .element(let y): text(y)
                    case .text(let t) where kind == .odt: s += t
                    default: break
                    }
                }
            }
            text(e)
            lines.append(s)
            return
        }
        for c in e.children { if case .element(let x) = c { walk(x) } }
    }
    walk(root)
    return lines.joined(separator: "\n")
}

func renderSpecification(_ spec: Specification, _ details: ContractDetails = ContractDetails(), kind: DocumentKind) throws -> [UInt8] {
    let t = try DocumentTemplate(bytes: BuiltinTemplate.named("specification")!.bytes(kind))
    return try t.render(spec.templateValue(details)).bytes
}

let contractsYAML = """
год: 2025
заказчик:
  организация: Комитет по образованию администрации Белоярского района
  должность: Председатель Комитета
  фио: Климова Ольга Викторовна
поставщики:
  - издательство: АО "Издательство "Просвещение"
    организация: АО «Издательство «Просвещение»
    должность: Генеральный директор
    фио: Соколов Андрей Николаевич
    номер: 01-У/2025
    дата: 2025-03-14
  - издательство: ООО «Академкнига/Учебник»
    ндс: без НДС
"""

@Suite struct Aggregation {
    let order = TextbookOrder(lines: [
        OrderLine(school: "СОШ № 2", fpuNumber: "1.1.1.10", authors: "Б.", title: "Русский язык", grade: "3", publisher: "АО «Издательство «Просвещение»", year: 2024, quantity: 5, price: Decimal(string: "100.10")!),
        OrderLine(school: "СОШ № 1", fpuNumber: "1.1.1.2", authors: "А.", title: "Азбука", grade: "1", publisher: "АО \"Издательство \"Просвещение\"", year: 2025, quantity: 10, price: Decimal(string: "200.20")!),
        OrderLine(school: "СОШ № 1", fpuNumber: "1.1.1.10", authors: "Б.", title: "Русский язык", grade: "3", publisher: "АО «Издательство «Просвещение»", year: 2024, quantity: 7, price: Decimal(string: "100.10")!),
        OrderLine(school: "СОШ № 1", fpuNumber: "1.1.1.10", authors: "Б.", title: "Русский язык", grade: "3", publisher: "АО «Издательство «Просвещение»", year: 2025, quantity: 1, price: Decimal(string: "120.00")!),
        OrderLine(school: "СОШ № 2", fpuNumber: "1.1.1.10", authors: "Б.", title: "Русский язык", grade: "3", publisher: "ао издательство просвещение", quantity: 2, price: Decimal(string: "100.10")!),
        OrderLine(school: "СОШ № 3", fpuNumber: "2.1", title: "Математика", grade: "2", publisher: "ООО «Академкнига/Учебник»", quantity: 3, price: Decimal(string: "0.01")!),
    ])

    @Test func identicalTextbooksAreSummedAndSortedOnePublisherOneSpecification() throws {
        let specs = Specification.make(from: order)
        #expect(specs.map(\.publisher) == ["ООО «Академкнига/Учебник»", "АО «Издательство «Просвещение»"])
        let p = specs[1]
        // 1.1.1.2 before 1.1.1.10; the same book at another price is another line.
        #expect(p.lines.map(\.fpuNumber) == ["1.1.1.2", "1.1.1.10", "1.1.1.10"])
        #expect(p.lines.map(\.quantity) == [10, 14, 1])
        #expect(p.lines.map(\.price) == [Decimal(string: "200.2")!, Decimal(string: "100.1")!, 120])
        #expect(p.lines.map(\.sum) == [Decimal(string: "2002")!, Decimal(string: "1401.4")!, 120])
        #expect(p.total == Decimal(string: "3523.4")!)
        #expect(p.copies == 25)
        // Schools in the order's order; each school's items by line.
        #expect(p.distribution.map(\.school) == ["СОШ № 2", "СОШ № 1"])
        #expect(p.distribution[0].items.map { [$0.line, $0.quantity] } == [[2, 7]])
        #expect(p.distribution[1].items.map { [$0.line, $0.quantity] } == [[1, 10], [2, 7], [3, 1]])
        #expect(p.distribution.map(\.sum) == [Decimal(string: "700.7")!, Decimal(string: "2822.7")!])
    }

    @Test func theTemplateValueCarriesTheContractAndTheParties() throws {
        let details = try ContractDetails.load(DataLoader.yaml(contractsYAML))
        let specs = Specification.make(from: order, vat: details.vatMode(for:))
        let p = specs[1].templateValue(details)
        #expect(p["шапка"] == ["Приложение №\u{A0}1", "к муниципальному контракту", "от «14» марта 2025\u{A0}г. №\u{A0}01-У/2025"])
        #expect(p["заголовок"] == ["СПЕЦИФИКАЦИЯ", "на поставку учебников"])
        #expect(p["заказчик"]?["подпись"] == "________________ / О.В.\u{A0}Климова /")
        #expect(p["поставщик"]?["организация"] == "АО «Издательство «Просвещение»")
        #expect(p["поставщик"]?["должность"] == "Генеральный директор")
        #expect(p["поставщик"]?["мп"] == "М.П.")
        #expect(p["шапка_ндс"] == "в т.ч. НДС 10\u{A0}%, руб.")
        // Академкнига: no contract number or date given, no VAT.
        let a = specs[0].templateValue(details)
        #expect(a["шапка"] == ["Приложение №\u{A0}1", "к муниципальному контракту", "от «___» ____________ 2025\u{A0}г. №\u{A0}______"])
        #expect(a["поставщик"]?["организация"] == "ООО «Академкнига/Учебник»")
        #expect(a["поставщик"]?["подпись"] == "________________ / ________________ /")
        #expect(a["с_ндс"] == false)
        #expect(specs[0].vat == nil)
        #expect(a["итого"]?["фраза"] == "Общая стоимость: 0,03\u{A0}руб. (Ноль рублей 03 копейки), без НДС.")
    }

    @Test(arguments: [DocumentKind.docx, .odt])
    func theBuiltInTemplateRendersEverything(_ kind: DocumentKind) throws {
        let details = try ContractDetails.load(DataLoader.yaml(contractsYAML))
        let spec = Specification.make(from: order, vat: details.vatMode(for:))[1]
        let text = try documentText(renderSpecification(spec, details, kind: kind), kind: kind)
        for line in ["Приложение № 1", "к муниципальному контракту", "от «14» марта 2025 г. № 01-У/2025", "СПЕЦИФИКАЦИЯ",
                     "№ п/п", "№ в ФПУ", "Автор(ы)", "Наименование", "Класс", "Издательство", "Год издания", "Ед. изм.", "Кол-во",
                     "Цена за ед., руб.", "Сумма, руб.", "в т.ч. НДС 10 %, руб.",
                     "1.1.1.10", "Русский язык", "экз.", "1\u{A0}401,40", "127,40", "Итого:", "3\u{A0}523,40", "320,31",
                     "в том числе НДС (10 %):",
                     "Общая стоимость: 3\u{A0}523,40 руб. (Три тысячи пятьсот двадцать три рубля 40 копеек), в том числе НДС (10 %) 320,31 руб. (Триста двадцать рублей 31 копейка).",
                     "ЗАКАЗЧИК:", "ПОСТАВЩИК:", "Комитет по образованию администрации Белоярского района", "Генеральный директор",
                     "________________ / А.Н.\u{A0}Соколов /", "М.П.",
                     "Разнарядка по общеобразовательным организациям", "СОШ № 2", "Итого по школе:", "Всего:", "2\u{A0}822,70"] {
            // Compared with no-break spaces as plain ones (the values bind «№ 1», «2025 г.», «руб.»).
            let plain = text.replacingOccurrences(of: "\u{A0}", with: " "), line = line.replacingOccurrences(of: "\u{A0}", with: " ")
            #expect(plain.split(separator: "\n").contains { $0 == line[...] || (line.count > 6 && $0.contains(line)) }, "\(kind): «\(line)» is missing")
        }
        #expect(!text.contains("{{"))
        // Without the distribution, no annex.
        var without = details
        without.distribution = false
        let short = try documentText(renderSpecification(spec, without, kind: kind), kind: kind)
        #expect(!short.contains("Разнарядка"))
        #expect(short.contains("ПОСТАВЩИК:"))
    }
}

@Suite struct Contracts {
    @Test func everyFieldIsRead() throws {
        let d = try ContractDetails.load(DataLoader.yaml(contractsYAML + """

        приложение: 2
        контракт: договору поставки
        заголовок: Спецификация товара
        ндс: 20
        разнарядка: false
        столбцы:
          цена: Стоимость 1 шт
        """))
        #expect(d.appendix == "2" && d.contractKind == "договору поставки" && d.title == ["Спецификация товара"])
        #expect(d.vat == .included(rate: 20) && !d.distribution && d.year == 2025)
        #expect(d.columns == [.price: "Стоимость 1 шт"])
        #expect(d.customer.name == "Климова Ольга Викторовна")
        #expect(d.suppliers.count == 2)
        #expect(d.supplier(for: "АО «Издательство «Просвещение»")?.number == "01-У/2025")
        #expect(d.vatMode(for: "ООО \"Академкнига/Учебник\"") == .exempt)
        #expect(d.vatMode(for: "АО «Издательство «Просвещение»") == .included(rate: 20))
    }

    @Test func mistakesAreReportedWithLinesAndTheNearestName() {
        let found = problems {
            _ = try ContractDetails.load(DataLoader.yaml("""
            заказчик:
              должнось: Председатель
            ндс: много
            поставщики:
              - организация: Без издательства
              - издательство: Дрофа
                дата: 2025-02-30
              - издательство: дрофа
            """))
        }
        #expect(found.map(\.code) == ["data-unknown-field", "data-wrong-type", "data-missing-field", "data-bad-date", "data-duplicate-key"])
        #expect(found.map { $0.location } == [.text(line: 2, column: 13), .text(line: 3, column: 6), .text(line: 5, column: 5),
                                              .text(line: 7, column: 11), .text(line: 8, column: 19)])
        #expect(found[0].line().hasSuffix("«заказчик.должнось»: неизвестное поле. Возможно, имелось в виду «должность». Допустимые поля: организация, должность, фио."))
    }

    @Test func aSupplierMatchingNoPublisherIsAWarning() throws {
        let d = try ContractDetails.load(DataLoader.yaml("поставщики:\n  - издательство: Просвящение\n    номер: 1\n"))
        let warnings = d.unmatchedSuppliers(["Просвещение", "Дрофа"])
        #expect(warnings.map(\.code) == ["spec-unknown-publisher"])
        #expect(warnings.first?.severity == .warning)
        #expect(warnings.first?.location == .text(line: 2, column: 5))
        #expect(warnings.first?.hint?.ru.hasPrefix("Возможно, имелось в виду «Просвещение».") == true)
    }

    @Test func anEmptyFileIsAllDefaults() throws {
        #expect(try ContractDetails.load(DataLoader.yaml("")) == ContractDetails())
    }
}

@Suite struct FileNamesAndSummary {
    @Test(arguments: [
        ("АО «Издательство «Просвещение»", "АО «Издательство «Просвещение»"),
        ("ООО \"БИНОМ. Лаборатория знаний\"", "ООО «БИНОМ. Лаборатория знаний»"),
        ("ООО «Академкнига/Учебник»", "ООО «Академкнига-Учебник»"),
        ("..\\..\\etc/passwd", "-..-etc-passwd"),
        ("...скрытый", "скрытый"),
        ("Что? <Где> *Когда*: |ответ|", "Что Где Когда- -ответ-"),
        ("  много   пробелов\tи\nстрок  ", "много пробелов и строк"),
        ("управляющий\u{7}символ\u{0}", "управляющий символ"),
        ("точка в конце.", "точка в конце"),
        ("", "без названия"),
        ("///", "---"),
    ])
    func namesAreMadeSafe(_ text: String, _ name: String) {
        #expect(SafeFileName.make(text) == name)
    }

    @Test func longNamesAreCutAndRepeatedOnesNumbered() {
        let long = String(repeating: "Издательство ", count: 20)
        #expect(SafeFileName.make(long).count <= SafeFileName.maxLength)
        #expect(!SafeFileName.make(long).hasSuffix(" "))
        #expect(SafeFileName.unique(["А", "Б", "а", "А", "А (2)"]) == ["А", "Б", "а (2)", "А (3)", "А (2) (2)"])
        // Every name is safe whatever the text: nothing a file system refuses, never a path.
        var rng = SplitMix64(seed: 42)
        let alphabet = Array("абв АБВ/\\:*?\"<>|.\u{0}\u{1F}\t«»-—№ 12")
        for _ in 0..<2000 {
            let text = String((0..<Int.random(in: 0...30, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            let name = SafeFileName.make(text)
            #expect(!name.isEmpty && !name.hasPrefix(".") && name != ".." && !name.hasSuffix(" ") && !name.hasSuffix("."), "«\(text)» → «\(name)»")
            #expect(!name.contains { "/\\:*?\"<>|".contains($0) || $0.unicodeScalars.contains { $0.value < 0x20 } }, "«\(text)» → «\(name)»")
        }
    }

    @Test func theSummaryCSVOpensInRussianExcel() throws {
        let order = TextbookOrder(lines: [
            OrderLine(school: "А", fpuNumber: "1", title: "Т", publisher: "ООО \"Дрофа; учебник\"", quantity: 1000, price: Decimal(string: "1234.56")!),
            OrderLine(school: "А", fpuNumber: "2", title: "Т", publisher: "Просвещение", quantity: 1, price: Decimal(string: "0.05")!),
        ])
        var details = ContractDetails()
        details.suppliers = [ContractDetails.Supplier(publisher: "Просвещение", party: ContractDetails.Party(), number: "7", date: CalendarDate(year: 2025, month: 3, day: 1), vat: .exempt)]
        let specs = Specification.make(from: order, vat: details.vatMode(for:))
        let csv = ContractSummary.csv(specs, details: details, files: ["а.docx", "б.docx"])
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let expected = [
            "Издательство;Номер контракта;Дата контракта;Позиций;Экземпляров;Сумма, руб.;в т.ч. НДС, руб.;Файл",
            "\"ООО «Дрофа; учебник»\";;;1;1000;1234560,00;112232,73;а.docx",
            "Просвещение;7;01.03.2025;1;1;0,05;Без НДС;б.docx",
            "Итого;;;2;1001;1234560,05;112232,73;",
        ]
        #expect(String(decoding: csv.dropFirst(3), as: UTF8.self) == expected.map { $0 + "\r\n" }.joined())
        // And it reads back as a table with numbers.
        let table = try DataLoader.csv(csv)
        #expect(table.rows.last?["Сумма, руб."] == .number(Decimal(string: "1234560.05")!))
    }
}
