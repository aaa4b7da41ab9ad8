import Foundation
import ShablonData

/// The pages of a PDF as PNG pictures (poppler's `pdftoppm`): how the page previews a document as it
/// will print.
public enum PageImages {
    /// Where `pdftoppm` is, or nil.
    public static func tool() -> String? {
        for dir in ["/usr/bin", "/usr/local/bin", "/bin"] where FileManager.default.isExecutableFile(atPath: dir + "/pdftoppm") {
            return dir + "/pdftoppm"
        }
        return nil
    }

    /// Every page of `pdf` (at most `maxPages`) as PNG at `resolution` dots per inch.
    public static func png(_ pdf: [UInt8], resolution: Int = 60, maxPages: Int = 50, timeout: TimeInterval = 60) throws(Problems) -> [[UInt8]] {
        guard let tool = tool() else {
            throw Problems([Problem(code: .pdfToolMissing, message: LocalizedText(ru: "нет программы pdftoppm: страницы не показать картинками", en: "pdftoppm is missing: pages cannot be shown as pictures"),
                                    hint: LocalizedText(ru: "Установите её: sudo apt-get install poppler-utils.", en: "Install it: sudo apt-get install poppler-utils."))])
        }
        let work = try TemporaryFolder(prefix: "shablon-pages-")
        defer { work.remove() }
        do { try Data(pdf).write(to: URL(fileURLWithPath: work.path + "/in.pdf")) } catch {
            throw Problems([Problem.internalError(error)])
        }
        let outcome = ChildProcess.run([tool, "-r", String(resolution), "-l", String(maxPages), "-png", work.path + "/in.pdf", work.path + "/page"], timeout: timeout)
        guard case .exited(0) = outcome else {
            throw Problems([Problem(code: .pdfToolFailed, message: LocalizedText(ru: "pdftoppm не смог нарисовать страницы", en: "pdftoppm could not draw the pages"),
                                    hint: LocalizedText(ru: "Скачайте PDF и откройте его: если он не открывается, сообщите о документе.", en: "Download the PDF and open it; if it does not open, report the document."))])
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? []).filter { $0.hasPrefix("page") && $0.hasSuffix(".png") }
        // page-1.png … page-10.png (zero-padded to the page count's width): sorted by number.
        let sorted = names.sorted { Int($0.filter(\.isNumber)) ?? 0 < Int($1.filter(\.isNumber)) ?? 0 }
        return sorted.compactMap { FileManager.default.contents(atPath: work.path + "/" + $0).map { Array($0) } }
    }
}
