import Foundation
import ShablonData
#if canImport(Glibc)
import Glibc
#endif

/// Пул LibreOffice: converts many documents to PDF through LibreOffice started once, not once per
/// document.
///
/// Up to `size` workers — each a headless LibreOffice in a profile of its own kept in the cache folder,
/// driven through UNO by a small bridge program (`python3-uno`) — are started when first needed and
/// reused; `convert` may be called from several threads at once, each conversion taking a free worker.
/// A worker that crashes, overruns the timeout or holds more memory than `memoryLimit` is killed and
/// replaced, and the document is tried once more on the new worker before it is given up. Documents are
/// handed over through a private temporary folder (mode 0700) and removed as soon as they are read.
///
/// When the UNO bridge cannot be loaded (no `python3-uno`), or `SHABLON_PDF_MODE=process` asks for it,
/// every document is converted by a LibreOffice of its own, as `PDFConverter.convertInOwnProcess` does;
/// `notify` is told so once.
///
/// `close()` stops every LibreOffice (also done when the pool is released); a signal stops them
/// through `Interrupts`, so no process and no temporary folder outlives the program.
public final class PDFPool: @unchecked Sendable {
    /// The default memory limit of one worker (LibreOffice and its bridge): 1 GiB.
    public static let defaultMemoryLimit: UInt64 = 1 << 30

    /// The most workers running at once.
    public let size: Int
    /// The time one conversion (and one start of LibreOffice) may take, in seconds.
    public let timeout: TimeInterval
    /// The memory one worker may hold, in bytes.
    public let memoryLimit: UInt64

    private enum Mode { case unknown, bridge, processes }

    private let notify: (@Sendable (Problem) -> Void)?
    private let condition = NSCondition()
    private var mode: Mode
    private var idle: [OfficeWorker] = []
    private var running = 0
    private var startFailure: Problem?
    private var folder: TemporaryFolder?
    private var counter = 0
    private var notified = false

    /// Creates a pool of at most `workers` LibreOffice workers (started when first needed).
    /// - Parameters:
    ///   - timeout: seconds one conversion may take; a worker that overruns is killed.
    ///   - memoryLimit: bytes one worker may hold (resident memory of LibreOffice and its bridge).
    ///   - notify: told once when the pool falls back to one LibreOffice per document.
    public init(workers: Int = ProcessInfo.processInfo.activeProcessorCount, timeout: TimeInterval = PDFConverter.defaultTimeout,
                memoryLimit: UInt64 = PDFPool.defaultMemoryLimit, notify: (@Sendable (Problem) -> Void)? = nil) {
        size = max(1, workers)
        self.timeout = timeout
        self.memoryLimit = memoryLimit
        self.notify = notify
        mode = ProcessInfo.processInfo.environment["SHABLON_PDF_MODE"] == "process" ? .processes : .unknown
    }

    deinit { close() }

    /// The warning given when there is no UNO bridge and every document costs a LibreOffice start.
    public static var bridgeMissing: Problem {
        Problem(.warning, code: .unoMissing,
                message: LocalizedText(ru: "нет моста UNO к LibreOffice (пакет python3-uno): PDF делается отдельным запуском LibreOffice для каждого документа, во много раз медленнее",
                                       en: "no UNO bridge to LibreOffice (package python3-uno): each PDF is made by a LibreOffice of its own, many times slower"),
                hint: LocalizedText(ru: "Установите его: sudo apt-get install python3-uno.",
                                    en: "Install it: sudo apt-get install python3-uno."))
    }

    /// Converts a rendered document to PDF (PDF/A-2b when `archival`), returning the PDF's bytes.
    public func convert(_ document: [UInt8], kind: DocumentKind, archival: Bool = false) throws(Problems) -> [UInt8] {
        guard let office = PDFConverter.office() else { throw Problems([PDFConverter.missing]) }
        guard let folder = try workFolder() else {
            return try PDFConverter.convertInOwnProcess(document, kind: kind, archival: archival, timeout: timeout)
        }
        let name = nextName()
        let input = Paths.join(folder.path, name + "." + kind.fileExtension)
        let output = Paths.join(folder.path, name + ".pdf")
        defer {
            unlink(input)
            unlink(output)
        }
        // Created where a signal's cleanup cannot come between: it finds the file in the folder, or the
        // program ends before the file is made.
        let fd = Interrupts.shared.withoutInterruption { open(input, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600) }
        guard fd >= 0, Self.write(document, to: fd) else {
            throw Self.failure("не удалось записать временный файл в «\(folder.path)»", "could not write a temporary file in '\(folder.path)'", code: .writeFailed)
        }
        var faults: [OfficeWorker.Answer] = []
        while faults.count < 2 {
            guard let worker = try checkOut(office: office, folder: folder.path) else {
                return try PDFConverter.convertInOwnProcess(document, kind: kind, archival: archival, timeout: timeout)
            }
            let answer = worker.convert(name: name, ext: kind.fileExtension, archival: archival,
                                        deadline: Date().addingTimeInterval(timeout), memoryLimit: memoryLimit)
            switch answer {
            case .ok:
                let pdf = FileManager.default.contents(atPath: output).map { [UInt8]($0) } ?? []
                checkIn(worker)
                guard pdf.starts(with: Array("%PDF-".utf8)) else {
                    throw Self.failure("LibreOffice не записал PDF", "LibreOffice wrote no PDF")
                }
                return pdf
            case .failed(let reason):
                checkIn(worker)
                throw Self.failure("LibreOffice не смог преобразовать документ в PDF (\(reason))",
                                   "LibreOffice could not convert the document to PDF (\(reason))")
            case .lost, .timedOut, .memory:
                retire(worker)
                unlink(output)
                faults.append(answer)
            }
        }
        switch faults.last! {
        case .timedOut:
            throw Self.failure("LibreOffice не успел преобразовать документ за \(Int(timeout)) с и после перезапуска (процессы остановлены)",
                               "LibreOffice did not convert the document within \(Int(timeout)) s, also after a restart (its processes were stopped)", code: .pdfTimeout)
        case .memory(let bytes):
            throw Problems([Problem(code: .pdfMemory,
                                    message: LocalizedText(ru: "LibreOffice занял больше памяти, чем позволено (\(bytes >> 20) МиБ при пределе \(memoryLimit >> 20) МиБ), и после перезапуска; остановлен",
                                                           en: "LibreOffice used more memory than allowed (\(bytes >> 20) MiB, limit \(memoryLimit >> 20) MiB), also after a restart; stopped"),
                                    hint: LocalizedText(ru: "Поднимите предел: --pdf-memory МиБ.", en: "Raise the limit: --pdf-memory MiB."))])
        default:
            throw Self.failure("LibreOffice завершился аварийно на этом документе и после перезапуска",
                               "LibreOffice crashed on this document, also after a restart")
        }
    }

    /// Stops every idle worker and removes the temporary folder; call it when no conversion is under way.
    /// A conversion after it starts new workers.
    public func close() {
        condition.lock()
        let workers = idle
        idle = []
        running -= workers.count
        let folder = self.folder
        self.folder = nil
        condition.unlock()
        DispatchQueue.concurrentPerform(iterations: workers.count) { workers[$0].stop(seconds: 5) }
        folder?.remove()
    }

    static func failure(_ ru: String, _ en: String, code: Problem.Code = .pdfFailed) -> Problems {
        Problems([Problem(code: code, message: LocalizedText(ru: ru, en: en),
                          hint: LocalizedText(ru: "Сохраните документ в .docx или .odt и откройте его в LibreOffice, чтобы увидеть, что не так.",
                                              en: "Write the document as .docx or .odt and open it in LibreOffice to see what is wrong."))])
    }

    /// Writes all of `bytes` to a new file and closes it (no sync: LibreOffice reads it at once, and
    /// it is removed after); false on an error.
    private static func write(_ bytes: [UInt8], to fd: Int32) -> Bool {
        var offset = 0
        var ok = true
        bytes.withUnsafeBytes { buffer in
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { ok = false; return }
                offset += n
            }
        }
        return Glibc.close(fd) == 0 && ok
    }

    /// The pool's private folder (created on first use); nil in the one-process-per-document mode.
    private func workFolder() throws(Problems) -> TemporaryFolder? {
        condition.lock()
        defer { condition.unlock() }
        if mode == .processes { return nil }
        if let folder { return folder }
        let made = try TemporaryFolder(prefix: "shablon-pdf-")
        folder = made
        return made
    }

    private func nextName() -> String {
        condition.lock()
        defer { condition.unlock() }
        counter += 1
        return "document-\(counter)"
    }

    /// A worker to convert with: an idle one, a new one while fewer than `size` run, or the next one
    /// freed. Nil when documents go one LibreOffice each.
    private func checkOut(office: String, folder: String) throws(Problems) -> OfficeWorker? {
        condition.lock()
        while true {
            if let startFailure {
                condition.unlock()
                throw Problems([startFailure])
            }
            if mode == .processes {
                condition.unlock()
                return nil
            }
            if let worker = idle.popLast() {
                condition.unlock()
                return worker
            }
            if running < size {
                running += 1
                condition.unlock()
                let number = Self.workerNumbers.next()
                return try startWorker(office: office, folder: folder, number: number)
            }
            condition.wait()
        }
    }

    /// Starts a worker (its place among `running` is already taken). A start that fails is tried once
    /// more with a new profile; a second failure is the pool's for good: LibreOffice cannot be started.
    private func startWorker(office: String, folder: String, number: Int) throws(Problems) -> OfficeWorker? {
        var reason: LocalizedText?
        var timedOut = false
        let slot = ProfileSlot.take(office: office) ?? ProfileSlot.temporary(in: folder, number: number)
        for attempt in 0..<2 {
            if attempt > 0 { slot.reset() }
            let pipe = "shablon-\(getpid())-\(number)-\(attempt)"
            switch OfficeWorker.start(office: office, slot: slot, folder: folder, pipe: pipe,
                                      deadline: Date().addingTimeInterval(timeout)) {
            case .ready(let worker):
                return worker
            case .noBridge:
                slot.release()
                condition.lock()
                running -= 1
                mode = .processes
                let tell = !notified
                notified = true
                condition.broadcast()
                condition.unlock()
                if tell { notify?(Self.bridgeMissing) }
                return nil
            case .failed(let why, let late):
                reason = why
                timedOut = late
            }
        }
        slot.release()
        let message = timedOut || reason == nil
            ? LocalizedText(ru: "LibreOffice не запустился за \(Int(timeout)) с", en: "LibreOffice did not start within \(Int(timeout)) s")
            : LocalizedText(ru: "LibreOffice не запустился: \(reason!.ru)", en: "LibreOffice could not be started: \(reason!.en)")
        let problem = Problem(code: .libreofficeFailed, message: message,
                              hint: LocalizedText(ru: "Проверьте, что LibreOffice открывается (soffice --headless --version); время на запуск поднимает --pdf-timeout.",
                                                  en: "Check that LibreOffice runs (soffice --headless --version); --pdf-timeout gives it more time to start."))
        condition.lock()
        running -= 1
        startFailure = startFailure ?? problem
        condition.broadcast()
        condition.unlock()
        throw Problems([problem])
    }

    /// Gives a worker back after a conversion; one that has grown past the memory limit is stopped.
    private func checkIn(_ worker: OfficeWorker) {
        if worker.residentBytes() > memoryLimit {
            retire(worker)
            return
        }
        condition.lock()
        idle.append(worker)
        condition.signal()
        condition.unlock()
    }

    /// Numbers of workers, unique in the process (several pools may run at once): they name the pipes.
    private static let workerNumbers = Counter()

    /// Kills a worker that failed; its place is free for a new one.
    private func retire(_ worker: OfficeWorker) {
        worker.kill()
        condition.lock()
        running -= 1
        condition.signal()
        condition.unlock()
    }
}

/// A number that goes up, shared by threads.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
