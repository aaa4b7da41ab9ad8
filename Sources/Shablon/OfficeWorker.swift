import Foundation
import ShablonData
#if canImport(Glibc)
import Glibc
#endif

/// One LibreOffice kept running for many conversions, with the bridge program that speaks UNO to it.
///
/// The bridge (`python3` with Debian's `python3-uno`, running `OfficeWorker.bridgeScript`) is started in a
/// process group of its own and starts LibreOffice in that group, listening on a private named pipe, in
/// the profile of a `ProfileSlot`. The bridge's standard input and output are one end of a socket pair:
/// it reads `convert NAME EXT ARCHIVAL` lines and converts `NAME.EXT` to `NAME.pdf` in the pool's
/// private folder, answering `ok`, `failed REASON` (LibreOffice could not read or export the document),
/// or `lost REASON` (LibreOffice went away). Killing the group stops both; the bridge stops LibreOffice
/// itself when its input ends, even if this process was killed outright. One thread uses a worker at a
/// time (the pool hands it over under its lock).
final class OfficeWorker: @unchecked Sendable {
    /// How a start ended.
    enum Start {
        case ready(OfficeWorker)
        /// The bridge cannot load UNO (no `python3-uno`): conversions go one LibreOffice per document.
        case noBridge(String)
        /// LibreOffice or the bridge did not come up: exited, could not be run, did not answer in time
        /// (then without a reason).
        case failed(LocalizedText?, timedOut: Bool)
    }

    /// How a conversion ended.
    enum Answer: Equatable {
        case ok
        /// LibreOffice is well but could not read or export the document.
        case failed(String)
        /// LibreOffice or the bridge died (crashed, killed).
        case lost(String)
        case timedOut
        /// The worker's processes grew past the memory limit (bytes they held).
        case memory(UInt64)
    }

    private let child: ChildProcess.Started
    private let socket: Int32
    private var pending: [UInt8] = []
    private var members: [pid_t] = []
    private var stopped = false
    /// LibreOffice's named pipes (sockets in /tmp, where LibreOffice always puts them): a killed
    /// LibreOffice leaves them, so they are removed after it.
    private var pipes: [String] = []
    private var pipesToken: Int?
    /// The profile the worker's LibreOffice uses; released when the worker is stopped.
    let slot: ProfileSlot

    private let scratch: String

    private init(child: ChildProcess.Started, socket: Int32, slot: ProfileSlot, scratch: String) {
        self.child = child
        self.socket = socket
        self.slot = slot
        self.scratch = scratch
    }

    /// The Python interpreter that runs the bridge: `$SHABLON_PYTHON`, LibreOffice's own (`python` beside
    /// `soffice`, as in LibreOffice's own packages), or Debian's `/usr/bin/python3`.
    static func python(office: String) -> String? {
        let env = ProcessInfo.processInfo.environment
        if let p = env["SHABLON_PYTHON"], !p.isEmpty {
            return FileManager.default.isExecutableFile(atPath: p) ? p : nil
        }
        var candidates: [String] = []
        if let real = realpath(office, nil) {
            candidates.append(Paths.join(Paths.folder(of: String(cString: real)), "python"))
            free(real)
        }
        candidates.append("/usr/bin/python3")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The memory allocator preloaded into LibreOffice, looked up once: `$SHABLON_OFFICE_MALLOC` when set
    /// (empty: none, LibreOffice keeps glibc's), else jemalloc (Debian's `libjemalloc2`) when it is
    /// installed. LibreOffice spends a fifth to a quarter of a conversion in glibc's malloc and free; with
    /// jemalloc a school report converted 5–15 % faster in the pool's batch and about 20 % on one worker
    /// alone, with the same PDF (README, «PDF»). Nil when there is none.
    static let allocator: String? = {
        if let chosen = ProcessInfo.processInfo.environment["SHABLON_OFFICE_MALLOC"] {
            return chosen.isEmpty || !FileManager.default.fileExists(atPath: chosen) ? nil : chosen
        }
        var machine = utsname()
        uname(&machine)
        let arch = withUnsafeBytes(of: &machine.machine) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        let folders = ["/usr/lib/\(arch)-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib"]
        return folders.map { Paths.join($0, "libjemalloc.so.2") }.first { FileManager.default.fileExists(atPath: $0) }
    }()

    /// Starts a worker: the bridge (or `$SHABLON_PDF_WORKER`, a stand-in speaking the same lines, for
    /// tests), which starts LibreOffice with the slot's profile; waits until it answers `ready`.
    static func start(office: String, slot: ProfileSlot, folder: String, pipe: String, deadline: Date) -> Start {
        let program: [String]
        if let standIn = ProcessInfo.processInfo.environment["SHABLON_PDF_WORKER"], !standIn.isEmpty {
            program = [standIn]
        } else if let python = python(office: office) {
            program = [python, "-c", bridgeScript]
        } else {
            return .noBridge("python3")
        }
        // LibreOffice's own temporary files (`lu….tmp`) go in a folder of the worker's inside the pool's
        // private folder: a LibreOffice that is killed leaves them, and they go with the folder.
        let scratch = Paths.join(folder, pipe)
        guard Interrupts.shared.withoutInterruption({ mkdir(scratch, 0o700) }) == 0 else {
            return .failed(Self.same(String(cString: strerror(errno))), timedOut: false)
        }
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            Files.removeTree(scratch)
            return .failed(Self.same(String(cString: strerror(errno))), timedOut: false)
        }
        let started = ChildProcess.start(program + [office, slot.path, pipe, folder, allocator ?? ""], io: pair[1], inherit: slot.lockDescriptor,
                                         environment: ["TMPDIR": scratch])
        close(pair[1])
        let child: ChildProcess.Started
        switch started {
        case .failure(let e):
            close(pair[0])
            Files.removeTree(scratch)
            return .failed(Self.same("\(program[0]): \(String(cString: strerror(e.number)))"), timedOut: false)
        case .success(let c):
            child = c
        }
        let worker = OfficeWorker(child: child, socket: pair[0], slot: slot, scratch: scratch)
        switch worker.readLine(deadline: deadline, memoryLimit: nil) {
        case .line(let words) where words.first == "ready":
            worker.members = ChildProcess.groupMembers(child.pid)
            worker.rememberPipes()
            return .ready(worker)
        case .line(let words) where words.first == "no-uno":
            worker.terminate()
            return .noBridge(words.dropFirst().joined(separator: " "))
        case .line(let words):
            worker.terminate()
            if words.count == 3, words[0] == "start-failed", words[1] == "status" {
                return .failed(LocalizedText(ru: "он завершился с кодом \(words[2]), не приняв соединения",
                                             en: "it exited with status \(words[2]) before accepting the connection"), timedOut: false)
            }
            return .failed(Self.same(words.joined(separator: " ")), timedOut: false)
        case .closed:
            let status = ChildProcess.status(of: child.pid) ?? -1
            worker.terminate()
            // Exit status 3 is the bridge's own word for "no UNO here" (said before it could write it).
            if status == 3 { return .noBridge("") }
            return .failed(LocalizedText(ru: "мост к нему завершился с кодом \(status)", en: "its bridge exited with status \(status)"), timedOut: false)
        case .timedOut, .memory:
            worker.terminate()
            return .failed(nil, timedOut: true)
        }
    }

    /// Converts `folder/NAME.EXT` to `folder/NAME.pdf` (PDF/A-2b when `archival`), waiting until
    /// `deadline` and stopping early if the worker holds more than `memoryLimit` bytes.
    func convert(name: String, ext: String, archival: Bool, deadline: Date, memoryLimit: UInt64) -> Answer {
        let line = Array("convert\t\(name)\t\(ext)\t\(archival ? 1 : 0)\n".utf8)
        var sent = 0
        while sent < line.count {
            let n = line[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return .lost(String(cString: strerror(errno))) }
            sent += n
        }
        switch readLine(deadline: deadline, memoryLimit: memoryLimit) {
        case .line(let words):
            switch words.first {
            case "ok": return .ok
            case "failed": return .failed(words.dropFirst().joined(separator: " "))
            default: return .lost(words.dropFirst().joined(separator: " "))
            }
        case .closed: return .lost("")
        case .timedOut: return .timedOut
        case .memory(let bytes): return .memory(bytes)
        }
    }

    /// A reason from the system, the same in both languages.
    private static func same(_ text: String) -> LocalizedText { LocalizedText(ru: text, en: text) }

    /// The memory the worker's processes hold, in bytes; with `rescan`, its process group is looked up
    /// anew first (a process may have started since).
    func residentBytes(rescan: Bool = false) -> UInt64 {
        if rescan { members = ChildProcess.groupMembers(child.pid) }
        if let bytes = ChildProcess.residentBytes(members) { return bytes }
        // A process of the group ended or a new one started: look again.
        members = ChildProcess.groupMembers(child.pid)
        return ChildProcess.residentBytes(members) ?? 0
    }

    private enum Line {
        case line([String])
        case closed
        case timedOut
        case memory(UInt64)
    }

    /// Reads one line from the bridge, waiting until `deadline`; every quarter of a second it looks at
    /// whether the bridge still runs and how much memory the worker holds.
    private func readLine(deadline: Date, memoryLimit: UInt64?) -> Line {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = pending.firstIndex(of: 10) {
                let text = String(decoding: pending[..<end], as: UTF8.self)
                pending.removeSubrange(...end)
                return .line(text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init))
            }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return .timedOut }
            var ready = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            let r = poll(&ready, 1, Int32(min(remaining, 0.25) * 1000) + 1)
            if r > 0 {
                let n = buffer.withUnsafeMutableBytes { read(socket, $0.baseAddress, $0.count) }
                if n > 0 {
                    pending += buffer[..<n]
                    continue
                }
                if n < 0 && (errno == EINTR || errno == EAGAIN) { continue }
                return .closed
            }
            if r < 0 && errno != EINTR { return .closed }
            if ChildProcess.status(of: child.pid) != nil { return .closed }
            if let memoryLimit {
                let bytes = residentBytes(rescan: true)
                if bytes > memoryLimit { return .memory(bytes) }
            }
        }
    }

    /// Stops the worker at once: its whole process group is killed; then its profile slot is free.
    func kill() {
        terminate()
        slot.release()
    }

    /// Notes the sockets LibreOffice listens on — the pipe of the bridge and the one LibreOffice keeps
    /// for its profile — and registers their removal for a signal.
    private func rememberPipes() {
        let found = ChildProcess.boundSockets(of: members).filter { $0.contains("/OSL_PIPE_") }
        pipes = found
        if !found.isEmpty { pipesToken = Interrupts.shared.add { Self.removeSockets(found) } }
    }

    private static func removeSockets(_ paths: [String]) {
        for path in paths {
            var st = stat()
            if lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFSOCK { unlink(path) }
        }
    }

    /// Kills the worker's process group, keeping its profile slot (a start that failed is tried again
    /// in the same slot).
    private func terminate() {
        guard !stopped else { return }
        stopped = true
        close(socket)
        ChildProcess.finish(child)
        Files.removeTree(scratch)
        Self.removeSockets(pipes)
        if let pipesToken { Interrupts.shared.remove(pipesToken) }
    }

    /// Stops the worker politely: its input ends, so the bridge closes LibreOffice (which then leaves its
    /// profile tidy); whatever still runs after `seconds` is killed.
    func stop(seconds: TimeInterval) {
        guard !stopped else { return }
        shutdown(socket, Int32(SHUT_WR))
        _ = ChildProcess.wait(for: child.pid, seconds: seconds)
        kill()
    }

    /// The bridge, run by `python3 -c`. Arguments: LibreOffice, the profile folder, the pipe name, the
    /// folder of documents; descriptor 3, when open, holds the profile's lock. Exit status 3 (and
    /// `no-uno`): UNO cannot be loaded. However it ends — input closed, LibreOffice lost, an error of
    /// its own — it kills its process group, LibreOffice with it.
    static let bridgeScript = #"""
# shablon: the bridge to LibreOffice (see OfficeWorker.swift)
import glob, os, signal, subprocess, sys, threading, time

def say(*words):
    sys.stdout.write("\t".join(str(w).replace("\t", " ").replace("\n", " ") for w in words) + "\n")
    sys.stdout.flush()

try:
    import uno
    from com.sun.star.beans import PropertyValue
except Exception as e:
    say("no-uno", e)
    sys.exit(3)

office, profile, pipe, folder, allocator = sys.argv[1:6]
connection = "pipe,name=%s;urp;StarOffice.ComponentContext" % pipe

def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p

def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))

def end():
    # Everything of this worker is in its process group, which this bridge leads: none of it outlives it;
    # nor does the pipe LibreOffice made for it in /tmp (which a killed LibreOffice leaves).
    for path in glob.glob("/tmp/OSL_PIPE_*_" + pipe):
        try:
            os.unlink(path)
        except OSError:
            pass
    os.killpg(0, signal.SIGKILL)

def watch(parent):
    # The program that started the bridge was killed outright (else it would have ended the group).
    while os.getppid() == parent:
        time.sleep(0.5)
    end()

def start():
    try:
        os.fstat(3)
        lock = (3,)  # the profile's lock: held while any LibreOffice process of this worker lives
    except OSError:
        lock = ()
    # A faster malloc for LibreOffice only (not for this bridge), before any the user preloads.
    environment = dict(os.environ)
    if allocator:
        environment["LD_PRELOAD"] = ":".join(x for x in (allocator, environment.get("LD_PRELOAD", "")) if x)
    lo = subprocess.Popen([office, "-env:UserInstallation=" + url(profile), "--headless", "--invisible", "--nologo",
                           "--norestore", "--nodefault", "--nolockcheck", "--accept=" + connection],
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, pass_fds=lock,
                          env=environment)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    while True:
        try:
            context = resolver.resolve("uno:" + connection)
            settle(context)
            return lo, context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except Exception:
            if lo.poll() is not None:
                say("start-failed", "status", lo.returncode)
                return None, None
            time.sleep(0.05)

def settle(context):
    # In a profile that has not noted this version of LibreOffice as seen (as a new one), LibreOffice runs
    # its graphics self-tests at every start, which makes a start about six times slower (0.7 s instead of
    # 0.12 s); noted once, the starts after it skip them. What the tests find does not touch a PDF export.
    try:
        provider = context.ServiceManager.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", context)
        product = provider.createInstanceWithArguments("com.sun.star.configuration.ConfigurationUpdateAccess",
                                                       (prop("nodepath", "/org.openoffice.Setup/Product"),))
        version = product.getPropertyValue("ooSetupVersion")
        if version and product.getPropertyValue("ooSetupLastVersion") != version:
            product.setPropertyValue("ooSetupLastVersion", version)
            product.commitChanges()
    except Exception:
        pass

# Never run macros, never update links: the document is data.
LOAD = (prop("Hidden", True), prop("ReadOnly", True), prop("MacroExecutionMode", 0), prop("UpdateDocMode", 0))

class Documents:
    """What a worker keeps between conversions. Documents are loaded into one frame, made for the first
    and reused after (a new frame per document costs LibreOffice a window and about a tenth more time);
    the document a new one replaces in it is closed after the answer, so that closing it is not waited
    for."""
    frame = None
    current = None
    replaced = None

def close(document):
    if document is not None:
        try:
            document.close(True)
        except Exception:
            pass

def forget(state):
    # After a failure the frame may hold anything: it goes with its documents, the next load makes one.
    close(state.current)
    close(state.replaced)
    state.current = state.replaced = None
    if state.frame is not None:
        try:
            state.frame.close(True)
        except Exception:
            pass
    state.frame = None

def convert(lo, desktop, state, name, ext, archival):
    def alive():
        if lo.poll() is not None:
            return False
        try:
            desktop.getCurrentComponent()
            return True
        except Exception:
            return False
    try:
        source = url(os.path.join(folder, name + "." + ext))
        if state.frame is not None:
            document = state.frame.loadComponentFromURL(source, "_self", 0, LOAD)
        else:
            document = desktop.loadComponentFromURL(source, "_blank", 0, LOAD)
            if document is not None:
                state.frame = document.getCurrentController().getFrame()
        if document is None:
            forget(state)
            return ("failed", "LibreOffice could not open the document")
        state.replaced, state.current = state.current, document
        export = [prop("FilterName", "writer_pdf_Export")]
        if archival:
            data = uno.Any("[]com.sun.star.beans.PropertyValue", (prop("SelectPdfVersion", 2),))
            export.append(prop("FilterData", data))
        document.storeToURL(url(os.path.join(folder, name + ".pdf")), tuple(export))
        return ("ok",)
    except Exception as e:
        if alive():
            forget(state)
            return ("failed", type(e).__name__, getattr(e, "Message", "") or str(e))
        return ("lost", type(e).__name__, getattr(e, "Message", "") or str(e))

def serve():
    lo, desktop = start()
    if lo is None:
        return
    say("ready", lo.pid)
    state = Documents()
    for line in sys.stdin:
        words = line.rstrip("\n").split("\t")
        if len(words) == 4 and words[0] == "convert":
            answer = convert(lo, desktop, state, words[1], words[2], words[3] == "1")
            say(*answer)
            if answer[0] == "lost":
                return
            close(state.replaced)
            state.replaced = None
    # The input ended: LibreOffice is closed, so that it leaves its profile tidy.
    forget(state)
    desktop.terminate()
    lo.wait(timeout=10)

threading.Thread(target=watch, args=(os.getppid(),), daemon=True).start()
try:
    serve()
finally:
    end()
"""#
}

/// A LibreOffice profile kept between runs in the cache folder
/// (`$XDG_CACHE_HOME/shablon/libreoffice/…`, by default `~/.cache/shablon/…`), so that a worker starts
/// without building a profile first. A slot is taken with an exclusive `flock` held while a worker uses
/// it: two programs, or two workers of one, never share a profile (LibreOffice would hand the second
/// one's work to the first). Without a usable cache folder the profile is a private temporary one.
final class ProfileSlot: @unchecked Sendable {
    /// The profile folder (LibreOffice's `UserInstallation`).
    let path: String
    private var lock: Int32
    private let lockLock = NSLock()

    private init(path: String, lock: Int32) {
        self.path = path
        self.lock = lock
    }

    /// The most slots looked at in the cache folder before a temporary profile is used.
    static let maximumSlots = 64

    /// The folder of cached profiles for this LibreOffice (by its path: two installations never share
    /// one), created (mode 0700) when missing; nil when it cannot be.
    static func cacheFolder(office: String) -> String? {
        let env = ProcessInfo.processInfo.environment
        var base: String
        if let x = env["XDG_CACHE_HOME"], x.hasPrefix("/") {
            base = x
        } else if let home = env["HOME"], home.hasPrefix("/") {
            base = Paths.join(home, ".cache")
        } else {
            return nil
        }
        // The cache folder itself may not be there yet (a new account): it is made, private, as the XDG
        // base directory rules say; else the first run would build its profile in a temporary folder.
        if access(base, F_OK) != 0 {
            try? FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700])
        }
        // FNV-1a of the program's path: a short, stable folder name.
        var hash: UInt64 = 0xcbf29ce484222325
        for b in office.utf8 {
            hash = (hash ^ UInt64(b)) &* 0x100000001b3
        }
        for part in ["shablon", "libreoffice", String(hash, radix: 16)] {
            base = Paths.join(base, part)
            if mkdir(base, 0o700) != 0 && errno != EEXIST { return nil }
        }
        var st = stat()
        guard stat(base, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR, access(base, W_OK) == 0 else { return nil }
        return base
    }

    /// Takes the first free slot of the cache folder, or nil when there is no folder or no free slot.
    static func take(office: String) -> ProfileSlot? {
        guard let folder = cacheFolder(office: office) else { return nil }
        for n in 0..<maximumSlots {
            let fd = open(Paths.join(folder, "\(n).lock"), O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard fd >= 0 else { return nil }
            if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                return ProfileSlot(path: Paths.join(folder, "\(n)"), lock: fd)
            }
            close(fd)
        }
        return nil
    }

    /// A profile of its own in `folder` (a private temporary folder), not kept.
    static func temporary(in folder: String, number: Int) -> ProfileSlot {
        ProfileSlot(path: Paths.join(folder, "profile-\(number)"), lock: -1)
    }

    /// Removes the profile, so that the next start builds a new one (after a start that failed with it).
    func reset() {
        Files.removeTree(path)
    }

    /// The descriptor holding the slot's lock, given to the worker's processes as their descriptor 3:
    /// the slot stays taken while any of them lives, even one this program could not stop.
    var lockDescriptor: Int32? {
        lockLock.lock()
        defer { lockLock.unlock() }
        return lock >= 0 ? lock : nil
    }

    /// Frees the slot for others (the profile stays for the next run).
    func release() {
        lockLock.lock()
        defer { lockLock.unlock() }
        if lock >= 0 { close(lock) }
        lock = -1
    }
}
