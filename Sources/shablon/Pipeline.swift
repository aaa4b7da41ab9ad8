import Foundation
import Shablon
import ShablonData
import ShablonEngine

/// The problems of a command's inputs, gathered before anything is rendered: every input is read and
/// every problem said at once.
struct Collected {
    private(set) var problems: [Problem] = []

    /// The value, or nil with its problems kept.
    mutating func take<T>(_ result: Result<T, Problems>) -> T? {
        switch result {
        case .success(let v): return v
        case .failure(let p):
            problems += p.items
            return nil
        }
    }

    /// Keeps problems, naming `file` in those that name none.
    mutating func add(_ items: [Problem], file: String? = nil) {
        problems += items.inFile(file)
    }

    var hasErrors: Bool { problems.contains { $0.severity == .error } }
}

/// The last steps of a command that writes one document: check the output's kind against the template,
/// render (charts included: they are a stage of `DocumentTemplate.render`), write (with any companion
/// outputs, all or none) and report the warnings.
struct DocumentJob {
    let options: CommonOptions
    /// `-o`.
    let output: String
    /// The file named in the template's problems: its path, or the built-in template's name.
    let source: String
    var allowMissing = false
    var pdfa = false
    var images: (@Sendable (String) -> ImageLookup)?

    /// Renders `value` into the template and writes it, with `companions` (written with it, all or none).
    func run(_ tmpl: DocumentTemplate, _ value: Value, companions: [(bytes: [UInt8], path: String)] = []) throws {
        try checkKind(output, template: tmpl.kind, options: options)
        do {
            let doc = try tmpl.render(value, options: options.renderOptions(allowMissing: allowMissing, images: images))
            try writeOutputs([(doc.bytes, output)] + companions, kind: tmpl.kind, archival: pdfa, options: options)
            options.report((tmpl.warnings + doc.warnings).inFile(source))
        } catch let e as Problems {
            try options.finish(e.items, file: source)
        }
    }
}
