import Dispatch
import Foundation
import Testing
import Shablon
import ShablonData
import ShablonEngine

/// Collects results from many threads.
private final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Int: [UInt8]] = [:]
    func set(_ i: Int, _ bytes: [UInt8]) { lock.lock(); items[i] = bytes; lock.unlock() }
    func get(_ i: Int) -> [UInt8]? { lock.lock(); defer { lock.unlock() }; return items[i] }
}

@Suite struct Concurrency {
    static func data(_ i: Int) -> Value {
        ["title": .string("План № \(i)"), "sum": .number(Decimal(i) * 1000 + Decimal(string: "0.5")!),
         "events": .list((0..<(i % 5 + 1)).map { k in ["name": .string("Событие \(i).\(k)"), "date": "05.09.2024"] })]
    }

    /// `DocumentTemplate` is documented as renderable from any number of threads at once: one compiled
    /// template, many threads, different data — each output equals the same render done alone.
    /// `make sanitize` runs this under ThreadSanitizer.
    @Test(arguments: ["docx", "odt"])
    func oneTemplateFromManyThreads(_ kind: String) throws {
        let package = kind == "docx"
            ? docxPackage(body: wpText("{{title}}: {{sum|rubles}}") + wpText("{{#each events}}")
                            + wpText("{{@number}}. {{name}} — {{date|date}}") + wpText("{{/each}}"),
                          header: wpText("{{title}}"), title: "{{title}}")
            : odtPackage(body: "<text:p>{{title}}: {{sum|rubles}}</text:p><text:p>{{#each events}}</text:p>"
                            + "<text:p>{{@number}}. {{name}} — {{date|date}}</text:p><text:p>{{/each}}</text:p>",
                         title: "{{title}}")
        let t = try template(package)
        let count = 24
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: count) { i in
            if let out = try? t.render(Concurrency.data(i)) { results.set(i, out.bytes) }
        }
        for i in 0..<count {
            let alone = try t.render(Concurrency.data(i)).bytes
            #expect(results.get(i) == alone, "render \(i)")
        }
        #expect(try visibleText(unzip(#require(results.get(7))).first { $0.name == (kind == "docx" ? "word/document.xml" : "content.xml") }!.data)
                    .hasPrefix("План № 7: "))
    }
}
