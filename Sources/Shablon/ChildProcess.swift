import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child program run in a process group of its own; the whole group is killed when the program ends
/// (leftover children), overruns, is given up, or the program is interrupted.
enum ChildProcess {
    enum Outcome {
        case exited(Int32)
        case timedOut
        case failedToStart(Int32)
    }

    /// A started child: its process id (also its process group's) and its signal cleanup's token.
    struct Started {
        let pid: pid_t
        let token: Int
    }

    /// Starts `arguments` in a new process group with the signals this process blocks unblocked and at
    /// their defaults. Its standard input and output are `io` (one descriptor for both, such as a socket)
    /// or /dev/null; standard error is /dev/null; `inherit`, when given, is its descriptor 3. Its
    /// environment is this program's with `environment` put over it. Starting and registering the group's kill with
    /// `Interrupts` are one step: an interrupt either comes before (no child) or finds it. Returns the
    /// child, or the error number of a failed start.
    static func start(_ arguments: [String], io: Int32? = nil, inherit: Int32? = nil,
                      environment: [String: String] = [:]) -> Result<Started, ChildStartError> {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
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
        for fd: Int32 in [0, 1] {
            if let io {
                posix_spawn_file_actions_adddup2(&actions, io, fd)
            } else {
                posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
            }
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        if let inherit { posix_spawn_file_actions_adddup2(&actions, inherit, 3) }
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var variables = ProcessInfo.processInfo.environment
        for (k, v) in environment { variables[k] = v }
        let envp: [UnsafeMutablePointer<CChar>?] = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for e in envp { free(e) } }
        var pid: pid_t = 0
        var token = 0
        let started: Int32 = Interrupts.shared.withoutInterruption {
            let r = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
            if r == 0 {
                let group = pid
                token = Interrupts.shared.add { kill(-group, SIGKILL) }
            }
            return r
        }
        guard started == 0 else { return .failure(ChildStartError(number: started)) }
        return .success(Started(pid: pid, token: token))
    }

    /// The exit status of a child that has ended (128 + the signal that ended it), or nil while it runs.
    /// The child stays a zombie (WNOWAIT), so its group id cannot be reused before `finish` kills the group.
    static func status(of pid: pid_t) -> Int32? {
        var info = siginfo_t()
        let r = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
        if r == 0 && info._sifields._sigchld.si_pid == pid {
            return info.si_code == CLD_EXITED ? info._sifields._sigchld.si_status : 128 + info._sifields._sigchld.si_status
        }
        if r < 0 && errno != EINTR { return -1 }
        return nil
    }

    /// Waits at most `seconds` for the child to end; true when it has.
    static func wait(for pid: pid_t, seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while status(of: pid) == nil {
            if Date() >= deadline { return false }
            usleep(10_000)
        }
        return true
    }

    /// Kills the child's whole group (leftover children go with it), reaps the child and forgets its
    /// signal cleanup.
    static func finish(_ child: Started) {
        kill(-child.pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(child.pid, &status, 0) < 0 && errno == EINTR {}
        Interrupts.shared.remove(child.token)
    }

    /// Runs a program to its end, or kills it after `timeout` seconds.
    static func run(_ arguments: [String], timeout: TimeInterval, environment: [String: String] = [:]) -> Outcome {
        let child: Started
        switch start(arguments, environment: environment) {
        case .failure(let e): return .failedToStart(e.number)
        case .success(let c): child = c
        }
        defer { finish(child) }
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let code = status(of: child.pid) { return .exited(code) }
            if Date() >= deadline { return .timedOut }
            usleep(20_000)
        }
    }

    /// The processes of a process group (read from /proc).
    static func groupMembers(_ group: pid_t) -> [pid_t] {
        guard let dir = opendir("/proc") else { return [] }
        defer { closedir(dir) }
        var members: [pid_t] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard let pid = pid_t(name), let stat = readSmallFile("/proc/\(pid)/stat") else { continue }
            // The fields after the command (which may hold spaces and parentheses): state ppid pgrp …
            guard let close = stat.lastIndex(of: UInt8(ascii: ")")) else { continue }
            let fields = stat[(close + 1)...].split(separator: UInt8(ascii: " "))
            if fields.count > 2, let pgrp = pid_t(String(decoding: fields[2], as: UTF8.self)), pgrp == group {
                members.append(pid)
            }
        }
        return members
    }

    /// The resident memory of processes in bytes; nil when one of them is gone.
    static func residentBytes(_ pids: [pid_t]) -> UInt64? {
        let page = UInt64(sysconf(Int32(_SC_PAGESIZE)))
        var total: UInt64 = 0
        for pid in pids {
            guard let statm = readSmallFile("/proc/\(pid)/statm") else { return nil }
            let fields = statm.split(separator: UInt8(ascii: " "))
            guard fields.count > 1, let pages = UInt64(String(decoding: fields[1], as: UTF8.self)) else { return nil }
            total += pages * page
        }
        return total
    }

    /// The paths of the Unix sockets bound by processes (their descriptors matched against
    /// /proc/net/unix).
    static func boundSockets(of pids: [pid_t]) -> [String] {
        var inodes = Set<Substring>()
        for pid in pids {
            let folder = "/proc/\(pid)/fd"
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: folder + "/" + name),
                      target.hasPrefix("socket:["), target.hasSuffix("]") else { continue }
                inodes.insert(Substring(target.dropFirst(8).dropLast()))
            }
        }
        guard !inodes.isEmpty, let table = FileManager.default.contents(atPath: "/proc/net/unix") else { return [] }
        var paths: [String] = []
        // Num RefCount Protocol Flags Type St Inode Path
        for line in String(decoding: table, as: UTF8.self).split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ", maxSplits: 7, omittingEmptySubsequences: true)
            if fields.count == 8, inodes.contains(fields[6]) { paths.append(String(fields[7])) }
        }
        return paths
    }

    /// A file of /proc, read with one system call.
    static func readSmallFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return nil }
        return Array(buffer[..<n])
    }
}

/// The error number of a program that could not be started.
struct ChildStartError: Error {
    let number: Int32
}
