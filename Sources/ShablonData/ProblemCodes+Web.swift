// Codes of the web page (`shablon serve`) and of its page previews.
extension Problem.Code {
    public static let pdfToolMissing = Problem.Code("pdf-tool-missing", kind: .environment)
    public static let pdfToolFailed = Problem.Code("pdf-tool-failed", kind: .environment)
    public static let webPassword = Problem.Code("web-password", kind: .usage)
    public static let webFormat: Problem.Code = "web-format"
    public static let webUpload: Problem.Code = "web-upload"
    public static let webForbidden: Problem.Code = "web-forbidden"
}
