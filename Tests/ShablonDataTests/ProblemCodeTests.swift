import Testing
import ShablonData

@Suite struct ProblemCodes {
    @Test func aCodeWrittenAsAStringKeepsTheKindOfTheCatalogue() {
        let written: Problem.Code = "pdf-timeout"
        #expect(written == .pdfTimeout && written.kind == .environment)
        #expect(Problem.Code("output-is-input") != Problem.Code("output-is-inputs"))
        #expect(("output-is-input" as Problem.Code).kind == .usage)
        #expect(("a-code-of-another-branch" as Problem.Code).kind == .input)
        #expect(Problem.Code.internalError.kind == .internal)
        #expect("\(Problem.Code.unknownFilter)" == "unknown-filter")
    }

    @Test func theMostSeriousKindOfErrorDecides() {
        func p(_ code: Problem.Code, _ s: Problem.Severity = .error) -> Problem {
            Problem(s, code: code, message: LocalizedText(ru: "", en: ""))
        }
        #expect([p(.unknownFilter)].errorKind == .input)
        #expect([p(.unknownFilter), p(.writeFailed)].errorKind == .environment)
        #expect([p(.writeFailed), p(.outputIsInput)].errorKind == .usage)
        #expect([p(.internalError), p(.unknownFilter)].errorKind == .internal)
        #expect([p(.writeFailed, .warning)].errorKind == nil)
    }

    @Test func aFileIsSetOnlyWhereNoneIsNamed() {
        var named = Problem(code: .unknownFilter, message: LocalizedText(ru: "", en: ""))
        named.file = "a.docx"
        let bare = Problem(code: .unknownFilter, message: LocalizedText(ru: "", en: ""))
        #expect([named, bare].inFile("b.yaml").map(\.file) == ["a.docx", "b.yaml"])
    }

    @Test func aFileChosenPerProblemIsSetOnlyWhereNoneIsNamed() {
        var named = Problem(code: .unknownFilter, message: LocalizedText(ru: "", en: ""))
        named.file = "a.docx"
        var inPart = Problem(code: .unknownFilter, message: LocalizedText(ru: "", en: ""))
        inPart.part = "word/document.xml"
        let bare = Problem(code: .writeFailed, message: LocalizedText(ru: "", en: ""))
        let files = [named, inPart, bare].inFile { $0.part != nil ? "t.docx" : ($0.code == .writeFailed ? nil : "d.csv") }
        #expect(files.map(\.file) == ["a.docx", "t.docx", nil])
    }

    @Test func anInternalErrorAsksToBeReported() {
        let p = Problem.internalError("oops")
        #expect(p.code == .internalError && p.severity == .error)
        #expect(p.hint?.en.contains("report") == true)
    }
}
