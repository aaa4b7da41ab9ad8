import FuzzSupport
import ShablonData
import ShablonEngine
import ShablonXML

// Arbitrary bytes straight to `PartTemplate.compile(bytes:part:dialect:)` (the first byte chooses the
// dialect: DOCX, ODT or document properties). Checked: nothing crashes; compiling through a parsed
// `XMLDocument` gives the same outcome and the same rendered bytes as the one-pass compile; a render
// without errors is well-formed XML; renders keep to the output budget (`Fuzz.renderWithinBudget`).

private let dialects: [(Dialect, String)] = [(.docx, "word/document.xml"), (.odt, "content.xml"), (.properties, "docProps/core.xml")]

private func outcome(_ r: Result<PartTemplate, Problems>) -> (PartTemplate?, [Problem]) {
    switch r {
    case .success(let t): return (t, [])
    case .failure(let p): return (nil, p.items)
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let (dialect, part) = dialects[Int(data[0]) % dialects.count]
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let streamed: Result<PartTemplate, Problems>
    do {
        streamed = try PartTemplate.compile(bytes: bytes, part: part, dialect: dialect)
    } catch {
        if let doc = try? XMLParser.parse(bytes) {
            Fuzz.check(false, "one-pass compile threw \(error) but the tree parser read a <\(doc.root.name)>")
        }
        return 0
    }
    let doc: XMLDocument
    do { doc = try XMLParser.parse(bytes) } catch {
        Fuzz.check(false, "one-pass compile read the part but the tree parser threw \(error)")
        return 0
    }
    let (a, aProblems) = outcome(streamed)
    let (b, bProblems) = outcome(PartTemplate.compile(doc, part: part, dialect: dialect))
    Fuzz.check(aProblems == bProblems, "problems differ:\n\(aProblems.map { $0.line("en") })\n\(bProblems.map { $0.line("en") })")
    guard let a, let b else { return 0 }
    Fuzz.check(a.outline == b.outline, "outlines differ")
    for allowMissing in [false, true] {
        let ra = Fuzz.renderWithinBudget(a, allowMissing: allowMissing, inputSize: size)
        let rb = b.render(Fuzz.data, options: Fuzz.options(allowMissing: allowMissing, inputSize: size))
        Fuzz.check(ra.problems == rb.problems, "render problems differ")
        Fuzz.check(ra.bytes == rb.bytes, "rendered bytes differ:\n\(String(decoding: ra.bytes, as: UTF8.self))\n\(String(decoding: rb.bytes, as: UTF8.self))")
        if !ra.problems.contains(where: { $0.severity == .error }) { Fuzz.checkWellFormed(ra.bytes, "rendered part") }
    }
    return 0
}

#if !FUZZING
@main enum Replay { static func main() { Fuzz.replay(fuzz) } }
#endif
