import Testing
@testable import ShablonRussian

/// Every counted word of the messages with 1, 2, 5, 11, 21: «и ещё 21 раз», «из 2 документов», "1 more time".
@Suite struct CountedWords {
    static let numbers = [1, 2, 5, 11, 21]

    /// What each counted word must print for 1, 2, 5, 11, 21, Russian and English.
    static let expected: [(Counted, [String], [String])] = [
        (.times, ["1 раз", "2 раза", "5 раз", "11 раз", "21 раз"], ["1 time", "2 times", "5 times", "11 times", "21 times"]),
        (.documentsOf, ["1 документа", "2 документов", "5 документов", "11 документов", "21 документа"],
         ["1 document", "2 documents", "5 documents", "11 documents", "21 documents"]),
        (.specifications, ["1 спецификация", "2 спецификации", "5 спецификаций", "11 спецификаций", "21 спецификация"],
         ["1 specification", "2 specifications", "5 specifications", "11 specifications", "21 specifications"]),
        (.valuesOf, ["1 значения", "2 значений", "5 значений", "11 значений", "21 значения"], ["1 value", "2 values", "5 values", "11 values", "21 values"]),
        (.values, ["1 значение", "2 значения", "5 значений", "11 значений", "21 значение"], ["1 value", "2 values", "5 values", "11 values", "21 values"]),
        (.rows, ["1 строка", "2 строки", "5 строк", "11 строк", "21 строка"], ["1 row", "2 rows", "5 rows", "11 rows", "21 rows"]),
        (.rowsIn, ["1 строке", "2 строках", "5 строках", "11 строках", "21 строке"], ["1 row", "2 rows", "5 rows", "11 rows", "21 rows"]),
        (.columns, ["1 столбец", "2 столбца", "5 столбцов", "11 столбцов", "21 столбец"], ["1 column", "2 columns", "5 columns", "11 columns", "21 columns"]),
        (.cells, ["1 ячейка", "2 ячейки", "5 ячеек", "11 ячеек", "21 ячейка"], ["1 cell", "2 cells", "5 cells", "11 cells", "21 cells"]),
        (.bytes, ["1 байт", "2 байта", "5 байт", "11 байт", "21 байт"], ["1 byte", "2 bytes", "5 bytes", "11 bytes", "21 bytes"]),
        (.events, ["1 мероприятие", "2 мероприятия", "5 мероприятий", "11 мероприятий", "21 мероприятие"],
         ["1 event", "2 events", "5 events", "11 events", "21 events"]),
        (.loops, ["1 цикл", "2 цикла", "5 циклов", "11 циклов", "21 цикл"], ["1 loop", "2 loops", "5 loops", "11 loops", "21 loops"]),
        (.extraArgument, ["1 лишний аргумент", "2 лишних аргумента", "5 лишних аргументов", "11 лишних аргументов", "21 лишний аргумент"],
         ["1 unexpected argument", "2 unexpected arguments", "5 unexpected arguments", "11 unexpected arguments", "21 unexpected arguments"]),
        (.labels, ["1 подпись", "2 подписи", "5 подписей", "11 подписей", "21 подпись"], ["1 label", "2 labels", "5 labels", "11 labels", "21 labels"]),
        (.nodesOf, ["1 узла", "2 узлов", "5 узлов", "11 узлов", "21 узла"], ["1 node", "2 nodes", "5 nodes", "11 nodes", "21 nodes"]),
        (.levelsOf, ["1 уровня", "2 уровней", "5 уровней", "11 уровней", "21 уровня"], ["1 level", "2 levels", "5 levels", "11 levels", "21 levels"]),
        (.digitsOf, ["1 значащей цифры", "2 значащих цифр", "5 значащих цифр", "11 значащих цифр", "21 значащей цифры"],
         ["1 significant digit", "2 significant digits", "5 significant digits", "11 significant digits", "21 significant digits"]),
        (.seconds, ["1 секунда", "2 секунды", "5 секунд", "11 секунд", "21 секунда"], ["1 second", "2 seconds", "5 seconds", "11 seconds", "21 seconds"]),
    ]

    @Test func everyWordWithOneTwoFiveElevenTwentyOne() {
        #expect(Self.expected.count == Counted.all.count, "a counted word has no expectation here")
        for word in Counted.all {
            guard let (_, ru, en) = Self.expected.first(where: { $0.0 == word }) else {
                Issue.record("no expectation for \(word.russian)")
                continue
            }
            #expect(Self.numbers.map(word.ru) == ru)
            #expect(Self.numbers.map(word.en) == en)
        }
        #expect([1, 2, 5, 11, 21, 111, 101].map(Counted.takesSingular) == [true, false, false, false, true, false, true])
    }
}
