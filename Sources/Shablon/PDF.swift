import Foundation
import ShablonData

/// Converts documents to PDF through LibreOffice running headless, in a private profile so that runs
/// never disturb each other or a LibreOffice the user has open.
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

    /// Converts a rendered document to PDF (PDF/A-2b when `archival`), returning the PDF's bytes.
    public static func convert(_ document: [UInt8], kind: DocumentKind, archival: Bool = false,
                               timeout: TimeInterval = 180) throws(Problems) -> [UInt8] {
        guard let office = office() else {
            throw Problems([Problem(code: "libreoffice-missing",
                                    message: LocalizedText(ru: "для PDF нужен LibreOffice, а он не установлен",
                                                           en: "PDF needs LibreOffice, which is not installed"),
                                    hint: LocalizedText(ru: "Установите его: sudo apt-get install libreoffice-writer-nogui — или сохраните в .docx/.odt.",
                                                        en: "Install it: sudo apt-get install libreoffice-writer-nogui — or write .docx/.odt."))])
        }
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("shablon-pdf-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: work) }
        func failure(_ ru: String, _ en: String) -> Problems {
            Problems([Problem(code: "pdf-failed", message: LocalizedText(ru: ru, en: en),
                              hint: LocalizedText(ru: "Сохраните документ в .docx или .odt и откройте его в LibreOffice, чтобы увидеть, что не так.",
                                                  en: "Write the document as .docx or .odt and open it in LibreOffice to see what is wrong."))])
        }
        do {
            try fm.createDirectory(at: work, withIntermediateDirectories: true)
            let input = work.appendingPathComponent("document.\(kind.fileExtension)")
            try Data(document).write(to: input)
            let filter = archival
                ? "pdf:writer_pdf_Export:{\"SelectPdfVersion\":{\"type\":\"long\",\"value\":\"2\"}}"
                : "pdf:writer_pdf_Export"
            let p = Process()
            p.executableURL = URL(fileURLWithPath: office)
            p.arguments = ["-env:UserInstallation=file://\(work.path)/profile", "--headless", "--norestore", "--nologo",
                           "--convert-to", filter, "--outdir", work.path, input.path]
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            p.standardInput = FileHandle.nullDevice
            try p.run()
            let deadline = Date().addingTimeInterval(timeout)
            while p.isRunning && Date() < deadline { usleep(50_000) }
            if p.isRunning {
                p.terminate()
                p.waitUntilExit()
                throw failure("LibreOffice не успел преобразовать документ за \(Int(timeout)) с",
                              "LibreOffice did not convert the document within \(Int(timeout)) s")
            }
            let pdf = work.appendingPathComponent("document.pdf")
            guard p.terminationStatus == 0, let data = fm.contents(atPath: pdf.path), !data.isEmpty else {
                throw failure("LibreOffice не смог преобразовать документ в PDF (код \(p.terminationStatus))",
                              "LibreOffice could not convert the document to PDF (status \(p.terminationStatus))")
            }
            return [UInt8](data)
        } catch let e as Problems {
            throw e
        } catch {
            throw failure("не удалось запустить LibreOffice: \(error)", "could not run LibreOffice: \(error)")
        }
    }
}
