import Foundation
import ShablonData
#if canImport(Glibc)
import Glibc
#endif

/// Converts documents to PDF through LibreOffice running headless, in profiles of its own so that runs
/// never disturb each other or a LibreOffice the user has open.
///
/// `convert` makes one PDF: it starts a `PDFPool` of one worker, converts and stops it. A caller with
/// many documents keeps a `PDFPool`, which starts LibreOffice once per worker and reuses it.
/// `convertInOwnProcess` is the way without the UNO bridge: one LibreOffice per document.
///
/// LibreOffice always runs in a process group of its own, with the documents in a private temporary
/// folder (mode 0700): when it finishes, fails, overruns the timeout or the program is interrupted, the
/// whole group is killed and the folder (with the filled documents in it) removed, so no process and no
/// personal data stays behind.
public enum PDFConverter {
    /// The LibreOffice program: `$SHABLON_SOFFICE`, or `soffice`/`libreoffice` on the PATH.
    public static func office() -> String? {
        if let p = ProcessInfo.processInfo.environment["SHABLON_SOFFICE"], FileManager.default.isExecutableFile(atPath: p) { return p }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            for name in ["soffice", "libreoffice"] {
                let p = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: p) { return p }
            }
        }
        return nil
    }

    /// The default time one conversion may take, in seconds.
    public static let defaultTimeout: TimeInterval = 180

    /// The problem of a machine without LibreOffice.
    public static var missing: Problem {
        Problem(code: .libreofficeMissing,
                message: LocalizedText(ru: "для PDF нужен LibreOffice, а он не установлен",
                                       en: "PDF needs LibreOffice, which is not installed"),
                hint: LocalizedText(ru: "Установите его: sudo apt-get install libreoffice-writer-nogui — или сохраните в .docx/.odt.",
                                    en: "Install it: sudo apt-get install libreoffice-writer-nogui — or write .docx/.odt."))
    }

    /// Converts a rendered document to PDF (PDF/A-2b when `archival`), returning the PDF's bytes:
    /// LibreOffice is started for it and stopped after. Gives up after `timeout` seconds (LibreOffice's
    /// start and the conversion each).
    public static func convert(_ document: [UInt8], kind: DocumentKind, archival: Bool = false,
                               timeout: TimeInterval = defaultTimeout) throws(Problems) -> [UInt8] {
        let pool = PDFPool(workers: 1, timeout: timeout)
        defer { pool.close() }
        return try pool.convert(document, kind: kind, archival: archival)
    }

    /// Converts a document by a LibreOffice of its own (`soffice --convert-to`), started with a new
    /// profile in a private temporary folder: the way without the UNO bridge, many times slower.
    public static func convertInOwnProcess(_ document: [UInt8], kind: DocumentKind, archival: Bool = false,
                                           timeout: TimeInterval = defaultTimeout) throws(Problems) -> [UInt8] {
        guard let office = office() else { throw Problems([missing]) }
        let work = try TemporaryFolder(prefix: "shablon-pdf-")
        defer { work.remove() }
        let input = work.path + "/document." + kind.fileExtension
        guard FileManager.default.createFile(atPath: input, contents: Data(document)) else {
            throw PDFPool.failure("не удалось записать временный файл в «\(work.path)»", "could not write a temporary file in '\(work.path)'", code: .writeFailed)
        }
        let filter = archival
            ? "pdf:writer_pdf_Export:{\"SelectPdfVersion\":{\"type\":\"long\",\"value\":\"2\"}}"
            : "pdf:writer_pdf_Export"
        let arguments = [office, "-env:UserInstallation=file://\(work.path)/profile", "--headless", "--norestore", "--nologo",
                         "--convert-to", filter, "--outdir", work.path, input]
        // LibreOffice's own temporary files go in the folder too: a LibreOffice that is killed leaves them.
        let outcome = ChildProcess.run(arguments, timeout: timeout, environment: ["TMPDIR": work.path])
        switch outcome {
        case .failedToStart(let e):
            throw PDFPool.failure("не удалось запустить LibreOffice: \(String(cString: strerror(e)))", "could not run LibreOffice: \(String(cString: strerror(e)))")
        case .timedOut:
            throw PDFPool.failure("LibreOffice не успел преобразовать документ за \(Int(timeout)) с (процесс остановлен)",
                          "LibreOffice did not convert the document within \(Int(timeout)) s (the process was stopped)", code: .pdfTimeout)
        case .exited(let status):
            let pdf = work.path + "/document.pdf"
            guard status == 0, let data = FileManager.default.contents(atPath: pdf), !data.isEmpty else {
                throw PDFPool.failure("LibreOffice не смог преобразовать документ в PDF (код \(status))",
                              "LibreOffice could not convert the document to PDF (status \(status))")
            }
            return [UInt8](data)
        }
    }
}

/// A private temporary folder (mode 0700, in `$TMPDIR` or /tmp) removed with everything in it by
/// `remove()` or when the program is interrupted.
public final class TemporaryFolder: @unchecked Sendable {
    /// The folder's path.
    public let path: String
    private var token = 0

    /// Creates the folder.
    public init(prefix: String) throws(Problems) {
        var base = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        if base.isEmpty { base = "/tmp" }
        var template = Array(Paths.join(base, prefix + "XXXXXX").utf8CString)
        let made: (String?, Int32) = Interrupts.shared.withoutInterruption {
            let p = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
            return (p.map { String(cString: $0) }, errno)
        }
        guard let p = made.0 else {
            let reason = String(cString: strerror(made.1))
            throw Problems([Problem(code: .writeFailed, file: base,
                                    message: LocalizedText(ru: "не удалось создать временную папку: \(reason)", en: "could not create a temporary folder: \(reason)"),
                                    hint: LocalizedText(ru: "Проверьте место на диске и переменную TMPDIR.", en: "Check free space and TMPDIR."))])
        }
        path = p
        token = Interrupts.shared.add { Files.removeTree(p) }
    }

    /// Removes the folder and everything in it.
    public func remove() {
        Files.removeTree(path)
        Interrupts.shared.remove(token)
    }
}
