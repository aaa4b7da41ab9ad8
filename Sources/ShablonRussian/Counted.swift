import Foundation

/// Счётное слово: a number and a word that agrees with it, in Russian and in English, for the program's
/// own messages («и ещё 2 раза», «из 21 документа», "1 more time"). Every message that puts a word after
/// a count takes it from here, so the forms are right for 1, 2, 5, 11, 21 and the rest alike.
public struct Counted: Sendable, Hashable {
    /// The Russian forms for one, few, many: «раз», «раза», «раз».
    public let russian: [String]
    /// The English forms, singular and plural: "time", "times".
    public let english: [String]

    /// A counted word from its forms: Russian [one, few, many], English [singular, plural].
    public init(ru: [String], en: [String]) {
        russian = ru
        english = en
    }

    /// The Russian word alone for `n`: `раза` for 2.
    public func ruWord(_ n: Int) -> String {
        switch RussianFormat.category(ofInteger: String(n.magnitude)) {
        case .one: return russian[0]
        case .few: return russian[1]
        default: return russian[2]
        }
    }

    /// The English word alone for `n`: `time` for 1.
    public func enWord(_ n: Int) -> String { n == 1 ? english[0] : english[1] }

    /// Whether a Russian verb after `n` takes the singular: «1 ячейка не читается», «21 ячейка не читается».
    public static func takesSingular(_ n: Int) -> Bool {
        RussianFormat.category(ofInteger: String(n.magnitude)) == .one
    }

    /// The number and the Russian word: «21 раз», «2 раза», «5 раз».
    public func ru(_ n: Int) -> String { "\(n) \(ruWord(n))" }

    /// The number and the English word: "1 time", "2 times".
    public func en(_ n: Int) -> String { "\(n) \(enWord(n))" }
}

extension Counted {
    /// «(и ещё 2 раза)»: how many more times a problem recurred in a loop.
    public static let times = Counted(ru: ["раз", "раза", "раз"], en: ["time", "times"])
    /// «из 21 документа» (genitive after «из»).
    public static let documentsOf = Counted(ru: ["документа", "документов", "документов"], en: ["document", "documents"])
    /// «записано 2 спецификации».
    public static let specifications = Counted(ru: ["спецификация", "спецификации", "спецификаций"], en: ["specification", "specifications"])
    /// «больше 21 значения» (genitive after «больше», «предел —»).
    public static let valuesOf = Counted(ru: ["значения", "значений", "значений"], en: ["value", "values"])
    /// «в ряду 2 значения».
    public static let values = Counted(ru: ["значение", "значения", "значений"], en: ["value", "values"])
    /// «5 строк × 3 столбца».
    public static let rows = Counted(ru: ["строка", "строки", "строк"], en: ["row", "rows"])
    /// «в 21 строке» (prepositional after «в»).
    public static let rowsIn = Counted(ru: ["строке", "строках", "строках"], en: ["row", "rows"])
    /// «3 столбца».
    public static let columns = Counted(ru: ["столбец", "столбца", "столбцов"], en: ["column", "columns"])
    /// «и ещё 2 ячейки».
    public static let cells = Counted(ru: ["ячейка", "ячейки", "ячеек"], en: ["cell", "cells"])
    /// «(2 байта)».
    public static let bytes = Counted(ru: ["байт", "байта", "байт"], en: ["byte", "bytes"])
    /// «в плане 21 мероприятие».
    public static let events = Counted(ru: ["мероприятие", "мероприятия", "мероприятий"], en: ["event", "events"])
    /// «ещё 2 цикла».
    public static let loops = Counted(ru: ["цикл", "цикла", "циклов"], en: ["loop", "loops"])
    /// «2 лишних аргумента».
    public static let extraArgument = Counted(ru: ["лишний аргумент", "лишних аргумента", "лишних аргументов"],
                                              en: ["unexpected argument", "unexpected arguments"])
    /// «подписей: 2» is said with a colon; «2 подписи» for the chart's labels.
    public static let labels = Counted(ru: ["подпись", "подписи", "подписей"], en: ["label", "labels"])
    /// «1 секунда».
    public static let seconds = Counted(ru: ["секунда", "секунды", "секунд"], en: ["second", "seconds"])

    /// «больше 21 узла XML» (genitive after «больше»).
    public static let nodesOf = Counted(ru: ["узла", "узлов", "узлов"], en: ["node", "nodes"])
    /// «глубже 21 уровня» (genitive after «глубже», «больше»).
    public static let levelsOf = Counted(ru: ["уровня", "уровней", "уровней"], en: ["level", "levels"])
    /// «больше 21 значащей цифры».
    public static let digitsOf = Counted(ru: ["значащей цифры", "значащих цифр", "значащих цифр"], en: ["significant digit", "significant digits"])

    /// Every counted word the messages use (the test runs each with 1, 2, 5, 11, 21).
    public static let all: [Counted] = [times, documentsOf, specifications, valuesOf, values, rows, rowsIn, columns, cells,
                                        bytes, events, loops, extraArgument, labels, seconds, nodesOf, levelsOf, digitsOf]
}
