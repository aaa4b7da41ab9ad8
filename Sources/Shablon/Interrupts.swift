import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Уборка при прерывании: what must go when the program is stopped by Ctrl-C (SIGINT), `kill`
/// (SIGTERM) or a closed terminal (SIGHUP) — temporary files and folders, half-written outputs,
/// LibreOffice processes.
///
/// Everything that leaves something behind registers a cleanup here while it exists. The command-line
/// tool calls `install()` first thing: the three signals are then blocked in every thread and one
/// thread waits for them; when one comes it takes the lock (so a set of outputs being moved into place
/// finishes first — it appears whole or not at all), runs every cleanup, and ends the process by the
/// same signal, so the shell sees what stopped it. A library caller that never installs the handler
/// still gets the bookkeeping, which costs a lock per registration.
public final class Interrupts: @unchecked Sendable {
    /// The one registry of the process.
    public static let shared = Interrupts()

    private let lock = NSRecursiveLock()
    private var next = 0
    private var cleanups: [Int: @Sendable () -> Void] = [:]

    /// The signals that stop the program and are cleaned up after.
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Registers a cleanup; returns the token that `remove` takes once the thing is gone or kept.
    @discardableResult
    public func add(_ cleanup: @escaping @Sendable () -> Void) -> Int {
        lock.lock()
        defer { lock.unlock() }
        next += 1
        cleanups[next] = cleanup
        return next
    }

    /// Forgets a cleanup (its thing was removed, or became a kept output).
    public func remove(_ token: Int) {
        lock.lock()
        cleanups[token] = nil
        lock.unlock()
    }

    /// Runs `body` so that no signal cleanup runs in the middle of it: a signal that comes meanwhile is
    /// handled when `body` returns. Used to move a set of outputs into place and to start a process
    /// and register it as one step.
    public func withoutInterruption<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Runs every cleanup (newest first). Called by the signal thread with the lock held; the process
    /// ends right after.
    private func runAll() {
        for key in cleanups.keys.sorted(by: >) { cleanups[key]?() }
        cleanups.removeAll()
    }

    /// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread (and so in every thread started after
    /// it) and starts the thread that waits for them. Also ignores SIGXFSZ, so that a file-size limit
    /// gives a write error (reported, cleaned up) instead of killing the process. Call once, before any
    /// other thread starts.
    public static func install() {
        var set = sigset_t()
        sigemptyset(&set)
        for s in signals { sigaddset(&set, s) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        signal(SIGXFSZ, SIG_IGN)
        let waited = set
        let thread = Thread {
            var set = waited
            var caught: Int32 = 0
            while sigwait(&set, &caught) != 0 {}
            shared.lock.lock()
            shared.runAll()
            // End by the same signal: unblock it in this thread only, with its default action.
            signal(caught, SIG_DFL)
            var one = sigset_t()
            sigemptyset(&one)
            sigaddset(&one, caught)
            pthread_sigmask(SIG_UNBLOCK, &one, nil)
            kill(getpid(), caught)
            _exit(128 + caught)
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
}
