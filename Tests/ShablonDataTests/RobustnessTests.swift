import Foundation
import Testing
@testable import ShablonData

/// A small deterministic generator (SplitMix64), so failures can be reproduced.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("robustness")
struct RobustnessTests {
    static let seeds: [String] = [
        "школа: СОШ № 5\nгод: 2024\nсобытия:\n  - название: \"Неделя книги\"\n    дата: 05.09.2024\n    сумма: 1234.50\n",
        "a: &x [1, 2, {b: c}]\nd: *x\ne: |\n  text\nf: 'q''q'\n<<: {g: 1}\n",
        "{\"школа\": \"СОШ\", \"список\": [1, 2.5, -3e2, true, null, \"\\u0428\\uD83D\\uDE00\"], \"дата\": \"2024-09-05\"}",
        "Школа;Сумма;Дата\r\n\"МБОУ; \"\"СОШ\"\"\";1 234,50;05.09.2024\r\nЛицей;-5;2024-09-06\r\n",
    ]
    static let specials = Array("{}[]:,;\"'\\-?*&!|>#%@`\n\r\t \u{A0}0123456789.eE+юё".utf8)

    static func mutate(_ bytes: [UInt8], _ rng: inout SeededGenerator) -> [UInt8] {
        var out = bytes
        for _ in 0..<Int.random(in: 1...6, using: &rng) {
            let position = out.isEmpty ? 0 : Int.random(in: 0..<out.count, using: &rng)
            let byte: UInt8 = Bool.random(using: &rng)
                ? specials.randomElement(using: &rng) ?? 0 : UInt8.random(in: 0...255, using: &rng)
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: out.insert(byte, at: position)
            case 1: if !out.isEmpty { out.remove(at: position) }
            case 2: if !out.isEmpty { out[position] = byte }
            default:
                // Duplicate a chunk: grows nesting and repetition.
                if !out.isEmpty {
                    let end = min(out.count, position + Int.random(in: 1...20, using: &rng))
                    out.insert(contentsOf: out[position..<end], at: position)
                }
            }
        }
        return out
    }

    @Test func mutatedInputsNeverCrash() {
        var rng = SeededGenerator(state: 20240905)
        var outcomes = 0
        for round in 0..<3000 {
            let seed = Array(RobustnessTests.seeds[round % RobustnessTests.seeds.count].utf8)
            let bytes = RobustnessTests.mutate(seed, &rng)
            if (try? DataLoader.load(bytes)) != nil { outcomes += 1 }
            if (try? DataLoader.csv(bytes)) != nil { outcomes += 1 }
            let text = String(decoding: bytes, as: UTF8.self)
            _ = try? DataLoader.json(text)
            _ = try? DataLoader.yaml(text)
            _ = DataLoader.typedCell(text)
        }
        #expect(outcomes > 0)
    }

    @Test func randomBytesNeverCrash() {
        var rng = SeededGenerator(state: 42)
        for _ in 0..<1000 {
            let count = Int.random(in: 0..<200, using: &rng)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = try? DataLoader.load(bytes)
            _ = try? DataLoader.csv(bytes)
        }
    }

    @Test func everyProblemHasBothLanguagesAndAHint() {
        let inputs = ["a: [", "a: 1\na: 2", "{\"a\": }", "{\"a\": 1, \"a\": 2}", "a:\n\tb: 1", "[1e999]",
                      "a: \"x", "a: 1\n---\nb: 2"]
        for input in inputs {
            for problem in problems({ _ = try DataLoader.load(Array(input.utf8)) }) {
                #expect(!problem.message.ru.isEmpty && !problem.message.en.isEmpty, "\(input)")
                #expect(problem.hint.map { !$0.ru.isEmpty && !$0.en.isEmpty } == true, "\(input)")
                #expect(problem.location != nil, "\(input)")
                #expect(problem.code.rawValue.allSatisfy { $0.isLowercase || $0 == "-" }, "\(input)")
            }
        }
        let csvInputs = ["", "a;b\n1", "a;a\n1;2", "a\n\"x"]
        for input in csvInputs {
            for problem in problems({ _ = try DataLoader.csv(Array(input.utf8)) }) {
                #expect(!problem.message.ru.isEmpty && !problem.message.en.isEmpty, "\(input)")
                #expect(problem.hint != nil, "\(input)")
            }
        }
    }
}
