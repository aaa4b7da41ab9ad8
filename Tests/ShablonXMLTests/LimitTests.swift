import Testing
import ShablonXML

/// A handler that keeps what it is given, for the limit tests.
private final class Recorder: XMLTreeHandler {
    var texts: [String] = []
    var elements = 0
    var stopAfter = Int.max
    var stopsParsing: Bool { elements >= stopAfter }
    func declaration(version: String?, standalone: Bool?) {}
    func startElement(_ name: String, attributes: [XMLAttribute]) { elements += 1 }
    func endElement() {}
    func text(_ text: String) { texts.append(text) }
    func comment(_ text: String) {}
    func processingInstruction(_ target: String, _ data: String) {}
}

@Suite struct Limits {
    /// Elements, attributes (namespace declarations too) and pieces of text count; one more is refused,
    /// with the line where the limit was passed.
    @Test func nodesAreCountedAndBounded() throws {
        let xml = "<a xmlns=\"urn:a\" b=\"1\">x<c/>\n<d>y</d></a>"
        // a, xmlns, b, "x", c, "\n", d, "y": 8 nodes.
        _ = try XMLParser.parse(Array(xml.utf8), limits: XMLLimits(maxNodes: 8))
        do {
            _ = try XMLParser.parse(Array(xml.utf8), limits: XMLLimits(maxNodes: 7))
            Issue.record("a part past the limit was read")
        } catch {
            #expect(error.kind == .tooLarge)
            #expect(error.detail == "7")
            #expect(error.line == 2)
        }
    }

    /// A part of a million and more empty paragraphs (6 MB of XML) is refused by default, before the
    /// rest of it is built.
    @Test func aMillionNodesIsTheDefault() {
        let xml = "<w:document xmlns:w=\"urn:w\"><w:body>" + String(repeating: "<w:p/>", count: XMLLimits.defaultMaxNodes) + "</w:body></w:document>"
        let recorder = Recorder()
        do {
            try XMLParser.parse(Array(xml.utf8), into: recorder)
            Issue.record("a part past the default limit was read")
        } catch {
            #expect(error.kind == .tooLarge)
        }
        #expect(recorder.elements < XMLLimits.defaultMaxNodes)
        #expect(XMLLimits.defaultMaxNodes == 1_000_000)
    }

    /// A handler that has seen enough stops the parse, without an error (even if the rest is broken).
    @Test func aHandlerCanStopTheParse() throws {
        let recorder = Recorder()
        recorder.stopAfter = 2
        try XMLParser.parse(Array("<a><b/><c/><d></a>".utf8), into: recorder)
        #expect(recorder.elements == 2)
    }

    /// A long text arrives in pieces of about a MiB, cut between characters: no copy of all of it is
    /// made while it is read (a 256 MiB text used to be held three times over).
    @Test func longTextArrivesInPiecesCutBetweenCharacters() throws {
        let text = String(repeating: "аб&<в", count: 300_000)
        let escaped = text.replacing("&", with: "&amp;").replacing("<", with: "&lt;")
        let recorder = Recorder()
        try XMLParser.parse(Array(("<t>" + escaped + "</t>").utf8), into: recorder)
        #expect(recorder.texts.count > 2)
        #expect(recorder.texts.dropLast().allSatisfy { $0.utf8.count <= XMLParser.textPiece && $0.utf8.count > XMLParser.textPiece - 4 })
        #expect(recorder.texts.joined() == text)
        // The tree joins nothing: its text nodes are the pieces, and its text is the whole.
        #expect(try XMLParser.parse(Array(("<t>" + escaped + "</t>").utf8)).root.textContent == text)
    }
}
