import Foundation
import ShablonData
#if canImport(Glibc)
import Glibc
#endif

/// Converts documents to PDF through LibreOffice running headless, in a private profile so that runs
/// never disturb each other or a LibreOffice the user has open.
///
/// LibreOffice runs in a process group of its own inside a private temporary folder (mode 0700): when it
/// finishes, fails, overruns the timeout or the program is interrupted, the whole group is killed and
/// the folder (with the filled document in it) removed, so no process and no personal data stays behind.
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
        Problem(code: "libreoffice-missing",
                message: LocalizedText(ru: "для PDF нужен LibreOffice, а он не установлен",
                                       en: "PDF needs LibreOffice, which is not installed"),
                hint: LocalizedText(ru: "Установите его: sudo apt-get install libreoffice-writer-nogui — или сохраните в .docx/.odt.",
                                    en: "Install it: sudo apt-get install libreoffice-writer-nogui — or write .docx/.odt."))
    }

    /// Converts a rendered document to PDF (PDF/A-2b when `archival`), returning the PDF's bytes.
    /// Gives up after `timeout` seconds.
    public static func convert(_ document: [UInt8], kind: DocumentKind, archival: Bool = false,
                               timeout: TimeInterval = defaultTimeout) throws(Problems) -> [UInt8] {
        guard let office = office() else { throw Problems([missing]) }
        func failure(_ ru: String, _ en: String, code: String = "pdf-failed") -> Problems {
            Problems([Problem(code: code, message: LocalizedText(ru: ru, en: en),
                              hint: LocalizedText(ru: "Сохраните документ в .docx или .odt и откройте его в LibreOffice, чтобы увидеть, что не так.",
                                                  en: "Write the document as .docx or .odt and open it in LibreOffice to see what is wrong."))])
        }
        let work = try TemporaryFolder(prefix: "shablon-pdf-")
        defer { work.remove() }
        let input = work.path + "/document." + kind.fileExtension
        guard FileManager.default.createFile(atPath: input, contents: Data(document)) else {
            throw failure("не удалось записать временный файл в «\(work.path)»", "could not write a temporary file in '\(work.path)'", code: "write-failed")
        }
        let filter = archival
            ? "pdf:writer_pdf_Export:{\"SelectPdfVersion\":{\"type\":\"long\",\"value\":\"2\"}}"
            : "pdf:writer_pdf_Export"
        let arguments = [office, "-env:UserInstallation=file://\(work.path)/profile", "--headless", "--norestore", "--nologo",
                         "--convert-to", filter, "--outdir", work.path, input]
        let outcome = ChildProcess.run(arguments, timeout: timeout)
        switch outcome {
        case .failedToStart(let e):
            throw failure("не удалось запустить LibreOffice: \(String(cString: strerror(e)))", "could not run LibreOffice: \(String(cString: strerror(e)))")
        case .timedOut:
            throw failure("LibreOffice не успел преобразовать документ за \(Int(timeout)) с (процесс остановлен)",
                          "LibreOffice did not convert the document within \(Int(timeout)) s (the process was stopped)", code: "pdf-timeout")
        case .exited(let status):
            let pdf = work.path + "/document.pdf"
            guard status == 0, let data = FileManager.default.contents(atPath: pdf), !data.isEmpty else {
                throw failure("LibreOffice не смог преобразовать документ в PDF (код \(status))",
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
            throw Problems([Problem(code: "write-failed", file: base,
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

/// A child program run in a process group of its own, waited for with a timeout; the group is killed
/// when the program ends (leftover children), overruns, or the program is interrupted.
enum ChildProcess {
    enum Outcome {
        case exited(Int32)
        case timedOut
        case failedToStart(Int32)
    }

    static func run(_ arguments: [String], timeout: TimeInterval) -> Outcome {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Own process group; signals unblocked and at their defaults (this process blocks or ignores some).
        var empty = sigset_t()
        sigemptyset(&empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in Interrupts.signals + [SIGXFSZ, SIGPIPE] { sigaddset(&defaults, s) }
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        var token = 0
        // Start and register as one step: an interrupt either comes before (no child) or finds it.
        let started: Int32 = Interrupts.shared.withoutInterruption {
            let r = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
            if r == 0 {
                let group = pid
                token = Interrupts.shared.add { kill(-group, SIGKILL) }
            }
            return r
        }
        guard started == 0 else { return .failedToStart(started) }
        defer {
            // Leftover children of the program go with it; then the program itself is reaped.
            kill(-pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            Interrupts.shared.remove(token)
        }
        let deadline = Date().addingTimeInterval(timeout)
        var info = siginfo_t()
        while true {
            // WNOWAIT: the exited program stays a zombie, so its group id cannot be reused before the kill.
            info = siginfo_t()
            let r = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
            if r == 0 && info._sifields._sigchld.si_pid == pid {
                let code = info.si_code == CLD_EXITED ? info._sifields._sigchld.si_status : 128 + info._sifields._sigchld.si_status
                return .exited(code)
            }
            if r < 0 && errno != EINTR { return .exited(-1) }
            if Date() >= deadline { return .timedOut }
            usleep(20_000)
        }
    }
}
