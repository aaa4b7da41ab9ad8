/// The stable codes of problems, one line each: the catalogue docs/errors.md explains. A code that stops
/// the work for a reason other than the inputs says so by its kind (usage, environment, internal); the
/// command line's exit status comes from that kind.
extension Problem.Code {
    public static let analysisAmbiguousEvent: Problem.Code = "analysis-ambiguous-event"
    public static let analysisDuplicateOutcome: Problem.Code = "analysis-duplicate-outcome"
    public static let analysisUnknownEvent: Problem.Code = "analysis-unknown-event"
    public static let batchGroupColumn: Problem.Code = "batch-group-column"
    public static let batchNotAList: Problem.Code = "batch-not-a-list"
    public static let blockPlacement: Problem.Code = "block-placement"
    public static let blockTooDeep: Problem.Code = "block-too-deep"
    public static let chartFailed: Problem.Code = "chart-failed"
    public static let chartInvalid: Problem.Code = "chart-invalid"
    public static let chartMissing: Problem.Code = "chart-missing"
    public static let columnCell: Problem.Code = "column-cell"
    public static let columnCount: Problem.Code = "column-count"
    public static let compressionRatio: Problem.Code = "compression-ratio"
    public static let controlCharacter: Problem.Code = "control-character"
    public static let csvDuplicateHeader: Problem.Code = "csv-duplicate-header"
    public static let csvEmpty: Problem.Code = "csv-empty"
    public static let csvMixedEncoding: Problem.Code = "csv-mixed-encoding"
    public static let csvRowLength: Problem.Code = "csv-row-length"
    public static let csvSyntax: Problem.Code = "csv-syntax"
    public static let csvTooLarge: Problem.Code = "csv-too-large"
    public static let damagedPackage: Problem.Code = "damaged-package"
    public static let dataBadDate: Problem.Code = "data-bad-date"
    public static let dataComplexKey: Problem.Code = "data-complex-key"
    public static let dataDepth: Problem.Code = "data-depth"
    public static let dataDuplicateKey: Problem.Code = "data-duplicate-key"
    public static let dataEncoding: Problem.Code = "data-encoding"
    public static let dataMerge: Problem.Code = "data-merge"
    public static let dataMissingField: Problem.Code = "data-missing-field"
    public static let dataMultipleDocuments: Problem.Code = "data-multiple-documents"
    public static let dataNumber: Problem.Code = "data-number"
    public static let dataSyntax: Problem.Code = "data-syntax"
    public static let dataTooLarge: Problem.Code = "data-too-large"
    public static let dataUnknownField: Problem.Code = "data-unknown-field"
    public static let dataWrongType: Problem.Code = "data-wrong-type"
    public static let duplicateElse: Problem.Code = "duplicate-else"
    public static let duplicateEntry: Problem.Code = "duplicate-entry"
    public static let elsePlacement: Problem.Code = "else-placement"
    public static let emptyTag: Problem.Code = "empty-tag"
    public static let encrypted: Problem.Code = "encrypted"
    public static let entryTooLarge: Problem.Code = "entry-too-large"
    public static let fileNotFound: Problem.Code = "file-not-found"
    public static let fileTooLarge: Problem.Code = "file-too-large"
    public static let filterArguments: Problem.Code = "filter-arguments"
    public static let imageFailed: Problem.Code = "image-failed"
    public static let internalError = Problem.Code("internal-error", kind: .internal)
    public static let libreofficeFailed = Problem.Code("libreoffice-failed", kind: .environment)
    public static let libreofficeMissing = Problem.Code("libreoffice-missing", kind: .environment)
    public static let mismatchedBlock: Problem.Code = "mismatched-block"
    public static let missingPart: Problem.Code = "missing-part"
    public static let missingValue: Problem.Code = "missing-value"
    public static let notADocument: Problem.Code = "not-a-document"
    public static let notAList: Problem.Code = "not-a-list"
    public static let notAPackage: Problem.Code = "not-a-package"
    public static let notPrintable: Problem.Code = "not-printable"
    public static let orderBadCell: Problem.Code = "order-bad-cell"
    public static let orderConflict: Problem.Code = "order-conflict"
    public static let orderEmpty: Problem.Code = "order-empty"
    public static let orderMissingColumn: Problem.Code = "order-missing-column"
    public static let orderSumMismatch: Problem.Code = "order-sum-mismatch"
    public static let outputFolderFailed = Problem.Code("output-folder-failed", kind: .environment)
    public static let outputFolderMissing: Problem.Code = "output-folder-missing"
    public static let outputIsInput = Problem.Code("output-is-input", kind: .usage)
    public static let outputNotAFolder = Problem.Code("output-not-a-folder", kind: .usage)
    public static let outputRepeated: Problem.Code = "output-repeated"
    public static let outputTooLarge: Problem.Code = "output-too-large"
    public static let packageTooLarge: Problem.Code = "package-too-large"
    public static let pdfFailed = Problem.Code("pdf-failed", kind: .environment)
    public static let pdfMemory = Problem.Code("pdf-memory", kind: .environment)
    public static let pdfTimeout = Problem.Code("pdf-timeout", kind: .environment)
    public static let planColumns: Problem.Code = "plan-columns"
    public static let planSchoolYear: Problem.Code = "plan-school-year"
    public static let readFailed: Problem.Code = "read-failed"
    public static let specUnknownPublisher: Problem.Code = "spec-unknown-publisher"
    public static let statsBadCell: Problem.Code = "stats-bad-cell"
    public static let statsDuplicateColumn: Problem.Code = "stats-duplicate-column"
    public static let statsDuplicateSchool: Problem.Code = "stats-duplicate-school"
    public static let statsEmpty: Problem.Code = "stats-empty"
    public static let statsMissingColumn: Problem.Code = "stats-missing-column"
    public static let strayElse: Problem.Code = "stray-else"
    public static let tagSyntax: Problem.Code = "tag-syntax"
    public static let tooManyBlocks: Problem.Code = "too-many-blocks"
    public static let tooManyEntries: Problem.Code = "too-many-entries"
    public static let unclosedBlock: Problem.Code = "unclosed-block"
    public static let unclosedTag: Problem.Code = "unclosed-tag"
    public static let unknownBlock: Problem.Code = "unknown-block"
    public static let unknownField: Problem.Code = "unknown-field"
    public static let unknownFilter: Problem.Code = "unknown-filter"
    public static let unknownLoopVariable: Problem.Code = "unknown-loop-variable"
    public static let unknownOption: Problem.Code = "unknown-option"
    public static let unoMissing: Problem.Code = "uno-missing"
    public static let unopenedBlock: Problem.Code = "unopened-block"
    public static let unopenedTag: Problem.Code = "unopened-tag"
    public static let unsafeEntryName: Problem.Code = "unsafe-entry-name"
    public static let unsupportedCompression: Problem.Code = "unsupported-compression"
    public static let unsupportedDocument: Problem.Code = "unsupported-document"
    public static let unusedField: Problem.Code = "unused-field"
    public static let usage = Problem.Code("usage", kind: .usage)
    public static let usageBadValue = Problem.Code("usage-bad-value", kind: .usage)
    public static let usageExtraArgument = Problem.Code("usage-extra-argument", kind: .usage)
    public static let usageMissingArgument = Problem.Code("usage-missing-argument", kind: .usage)
    public static let usageMissingValue = Problem.Code("usage-missing-value", kind: .usage)
    public static let usageUnexpectedValue = Problem.Code("usage-unexpected-value", kind: .usage)
    public static let usageUnknownCommand = Problem.Code("usage-unknown-command", kind: .usage)
    public static let usageUnknownOption = Problem.Code("usage-unknown-option", kind: .usage)
    public static let outputExists = Problem.Code("output-exists", kind: .usage)
    public static let writeFailed = Problem.Code("write-failed", kind: .environment)
    // The web page (`shablon serve`): its folder of documents (docs/errors.md, «Веб-страница»).
    public static let webConflict: Problem.Code = "web-conflict"
    public static let webExists: Problem.Code = "web-exists"
    public static let webLink: Problem.Code = "web-link"
    public static let webName: Problem.Code = "web-name"
    public static let webNotFound: Problem.Code = "web-not-found"
    public static let webStore = Problem.Code("web-store", kind: .environment)
    public static let webTooLarge: Problem.Code = "web-too-large"
    public static let webTooManyFiles: Problem.Code = "web-too-many-files"
    public static let wrongType: Problem.Code = "wrong-type"
    public static let xlsxCell: Problem.Code = "xlsx-cell"
    public static let xlsxDuplicateHeader: Problem.Code = "xlsx-duplicate-header"
    public static let xlsxInvalid: Problem.Code = "xlsx-invalid"
    public static let xlsxSheetMissing: Problem.Code = "xlsx-sheet-missing"
    public static let xlsxTooLarge: Problem.Code = "xlsx-too-large"
    public static let xmlDoctype: Problem.Code = "xml-doctype"
    public static let xmlMalformed: Problem.Code = "xml-malformed"
    public static let xmlTooDeep: Problem.Code = "xml-too-deep"
    public static let xmlTooLarge: Problem.Code = "xml-too-large"

    /// The codes whose kind is not `input`: a code written as a string literal takes its kind from here.
    static let byName: [String: Problem.Code] = Dictionary(uniqueKeysWithValues: [
        .internalError, .libreofficeFailed, .libreofficeMissing, .outputFolderFailed, .outputIsInput, .outputNotAFolder, .pdfFailed, .pdfMemory, .pdfTimeout, .usage, .writeFailed,
        .usageBadValue, .usageExtraArgument, .usageMissingArgument, .usageMissingValue, .usageUnexpectedValue,
        .usageUnknownCommand, .usageUnknownOption, .outputExists,
        .webStore,
    ].map { ($0.rawValue, $0) })
}
