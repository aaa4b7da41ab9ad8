import Foundation
import Testing
import Shablon
import ShablonData
#if canImport(Glibc)
import Glibc
#endif

/// What the PDF tests share: whether the UNO bridge is there, and the processes of a run.
enum PDFTestSupport {
    /// True when Debian's Python can load UNO (`python3-uno`): the pool then keeps LibreOffice running.
    static let bridgeAvailable: Bool = {
        let python = "/usr/bin/python3"
        guard FileManager.default.isExecutableFile(atPath: python) else { return false }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", "import uno"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    /// The live processes (not zombies) whose command line contains one of `markers`, with it.
    static func processes(containing markers: [String]) -> [(pid: Int32, command: [String])] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return names.compactMap { name -> (Int32, [String])? in
            guard let pid = Int32(name), pid != getpid(), NothingLost.alive(pid),
                  let raw = contents("/proc/\(pid)/cmdline") else { return nil }
            let command = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            let line = command.joined(separator: " ")
            return markers.contains { line.contains($0) } ? (pid, command) : nil
        }
    }

    /// Rows of a table for the batch template: «Школа N».
    static func table(_ rows: Int) -> String {
        "Школа;Читатели\r\n" + (1...rows).map { "Школа \($0);\($0)" }.joined(separator: "\r\n") + "\r\n"
    }
}

/// Faults of the LibreOffice pool, with a stand-in for the bridge (`SHABLON_PDF_WORKER`) that takes its
/// actions, one per conversion, from a list: the tests know what each attempt does.
@Suite struct PDFPoolFaults {
    /// A stand-in bridge: writes its process id and its child's (standing for LibreOffice), says
    /// `ready`, and then for the n-th conversion of the whole run does the n-th action of `actions`:
    /// `ok` (writes a PDF), `crash` (exits, leaving its child), `hang`, `leak` (its group grows to 150 MB
    /// and hangs) or `bad` (LibreOffice could not read the document).
    static func standIn(in dir: TempDir, actions: [String]) -> String {
        let state = dir.file("state")
        try? FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: false)
        dir.write("state/actions", actions.joined(separator: "\n") + "\n")
        let program = dir.write("bridge", """
        #!/bin/bash
        state='\(state)'
        echo $$ >> "$state/workers"
        sleep 1000 &
        echo $! >> "$state/children"
        echo ready
        while IFS=$'\\t' read -r word name ext archival; do
          n=$(( $(cat "$state/count" 2>/dev/null || echo 0) + 1 ))
          echo $n > "$state/count"
          action=$(sed -n "${n}p" "$state/actions")
          action=${action:-ok}
          echo "$action" >> "$state/done"
          case $action in
            ok) printf '%%PDF-1.4 stand-in\\n' > "$4/$name.pdf"; echo ok ;;
            crash) exit 1 ;;
            hang) sleep 1000 ;;
            leak) (head -c 150000000 /dev/zero; sleep 1000) | tail > /dev/null ;;
            bad) printf 'failed\\tthe document is damaged\\n' ;;
          esac
        done
        """)
        chmod(program, 0o755)
        return program
    }

    static func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test func aWorkerThatCrashesHangsOrLeaksIsReplacedAndTheDocumentTriedOnceMore() throws {
        let dir = TempDir()
        dir.write("t.docx", BatchCommand.report)
        dir.write("r.csv", "Школа;Читатели\r\nА;1\r\nБ;2\r\nВ;3\r\nГ;4\r\nД;5\r\nЕ;6\r\nЖ;7\r\n")
        let tmp = dir.file("tmp")
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: false)
        // А converts; Б crashes once, then converts; В crashes twice; Г hangs twice; Д leaks twice;
        // Е converts; Ж is a document LibreOffice cannot read (not tried again).
        let actions = ["ok", "crash", "ok", "crash", "crash", "hang", "hang", "leak", "leak", "ok", "bad"]
        let bridge = Self.standIn(in: dir, actions: actions)
        let r = try NothingLost.run(["batch", "t.docx", "r.csv", "--name", "{{Школа}}", "-o", "out", "--to", "pdf", "--jobs", "1",
                                     "--pdf-timeout", "3", "--pdf-memory", "64"], in: dir.path,
                                    environment: ["SHABLON_PDF_WORKER": bridge, "SHABLON_SOFFICE": "/bin/true", "TMPDIR": tmp,
                                                  "XDG_CACHE_HOME": dir.file("cache"), "SHABLON_PDF_MODE": ""], limit: 90)
        #expect(r.status == 1, "\(r)")
        #expect(r.errors == ["pdf-failed", "pdf-timeout", "pdf-memory", "pdf-failed"], "\(r)")
        for (row, code) in [(4, "pdf-failed"), (5, "pdf-timeout"), (6, "pdf-memory"), (8, "pdf-failed")] {
            #expect(r.stderr.split(separator: "\n").contains { $0.contains("строка \(row) ") && $0.contains("[\(code)]") }, "row \(row): \(r)")
        }
        #expect(NothingLost.tree(dir.file("out")) == ["А.pdf", "Б.pdf", "Е.pdf"])
        #expect(contents(dir.file("out/Б.pdf")) == Array("%PDF-1.4 stand-in\n".utf8))
        // Every action was taken once, in order: each fault was tried once more, no document more.
        #expect(Self.lines(dir.file("state/done")) == actions)
        // A new worker after each of the seven faults.
        let workers = Self.lines(dir.file("state/workers")).compactMap { Int32($0) }
        let children = Self.lines(dir.file("state/children")).compactMap { Int32($0) }
        #expect(workers.count == 8 && children.count == 8, "\(workers) \(children)")
        #expect(NothingLost.wait { (workers + children).allSatisfy { !NothingLost.alive($0) } }, "processes left running")
        #expect(NothingLost.tree(tmp).isEmpty, "left in the temporary folder: \(NothingLost.tree(tmp))")
    }

    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func aSignalWhileAWorkerHangsLeavesNothing(_ signal: Int32) throws {
        let dir = TempDir()
        dir.write("t.docx", BatchCommand.report)
        dir.write("r.csv", PDFTestSupport.table(6))
        let tmp = dir.file("tmp")
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: false)
        let bridge = Self.standIn(in: dir, actions: ["ok", "ok", "hang", "hang", "hang", "hang"])
        let r = try NothingLost.run(["batch", "t.docx", "r.csv", "--name", "{{Школа}}", "-o", "out", "--to", "pdf", "--jobs", "2"],
                                    in: dir.path, environment: ["SHABLON_PDF_WORKER": bridge, "SHABLON_SOFFICE": "/bin/true",
                                                                "TMPDIR": tmp, "XDG_CACHE_HOME": dir.file("cache")]) { p in
            _ = NothingLost.wait { Self.lines(dir.file("state/done")).count >= 4 }
            kill(p.processIdentifier, signal)
        }
        #expect(r.status == 128 + signal, "\(r)")
        let pids = (Self.lines(dir.file("state/workers")) + Self.lines(dir.file("state/children"))).compactMap { Int32($0) }
        #expect(pids.count == 4)
        #expect(NothingLost.wait { pids.allSatisfy { !NothingLost.alive($0) } }, "processes left running")
        #expect(NothingLost.tree(tmp).isEmpty, "left in the temporary folder: \(NothingLost.tree(tmp))")
        #expect(!FileManager.default.fileExists(atPath: dir.file("out")))
    }

    /// Without the UNO bridge — a Python without `uno`, or none — every document gets a LibreOffice of
    /// its own, and the batch says so once.
    @Test func withoutTheBridgeEachDocumentGetsALibreOfficeAndItIsSaidOnce() throws {
        let dir = TempDir()
        dir.write("t.docx", BatchCommand.report)
        dir.write("r.csv", PDFTestSupport.table(3))
        let runs = dir.file("runs")
        let office = dir.write("soffice", """
        #!/bin/bash
        out=""; previous=""
        for a in "$@"; do [ "$previous" = "--outdir" ] && out=$a; previous=$a; done
        input="${@: -1}"; name=$(basename "$input")
        printf '%%PDF-1.4 one process\\n' > "$out/${name%.*}.pdf"
        echo $$ >> '\(runs)'
        """)
        chmod(office, 0o755)
        let noUNO = dir.write("python", "#!/bin/bash\nprintf 'no-uno\\tNo module named uno\\n'\nexit 3\n")
        chmod(noUNO, 0o755)
        for python in [noUNO, dir.file("no-such-python")] {
            try? FileManager.default.removeItem(atPath: dir.file("out"))
            try? FileManager.default.removeItem(atPath: runs)
            let r = try NothingLost.run(["batch", "t.docx", "r.csv", "--name", "{{Школа}}", "-o", "out", "--to", "pdf", "--jobs", "2"],
                                        in: dir.path, environment: ["SHABLON_PYTHON": python, "SHABLON_SOFFICE": office,
                                                                    "XDG_CACHE_HOME": dir.file("cache"), "SHABLON_PDF_MODE": ""])
            #expect(r.status == 0, "\(r)")
            #expect(r.warnings == ["uno-missing"], "\(r)")
            #expect(NothingLost.tree(dir.file("out")) == ["Школа 1.pdf", "Школа 2.pdf", "Школа 3.pdf"])
            #expect(Self.lines(runs).count == 3)
        }
    }
}

/// The pool with LibreOffice itself: killed and stopped workers, signals, two programs at once and a
/// LibreOffice the user has open, PDF/A.
@Suite(.serialized, .enabled(if: (LibreOffice.available && PDFTestSupport.bridgeAvailable) || LibreOffice.onCI,
                             "needs LibreOffice and python3-uno"))
struct PDFPoolWithLibreOffice {
    /// A folder with the batch template, a table of `rows` schools and a private temporary folder.
    static func fixture(rows: Int) throws -> (dir: TempDir, tmp: String) {
        let dir = TempDir()
        dir.write("t.docx", BatchCommand.report)
        dir.write("r.csv", PDFTestSupport.table(rows))
        let tmp = dir.file("tmp")
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: false)
        return (dir, tmp)
    }

    /// What names a run's LibreOffice processes: its pipes (`shablon-PID-…`) and its temporary folder.
    static func markers(_ pid: Int32, tmp: String) -> [String] { ["name=shablon-\(pid)-", tmp] }

    static func offices(_ markers: [String]) -> [Int32] {
        PDFTestSupport.processes(containing: markers).filter { $0.command.first?.hasSuffix("soffice.bin") == true }.map(\.pid)
    }

    @Test func aKilledAndAStoppedLibreOfficeAreReplacedAndEveryDocumentIsWritten() throws {
        try #require(LibreOffice.available && PDFTestSupport.bridgeAvailable, "needs LibreOffice and python3-uno")
        let (dir, tmp) = try Self.fixture(rows: 40)
        var markers: [String] = []
        var hit: [Int32] = []
        var pid: Int32 = 0
        let r = try NothingLost.run(["batch", "t.docx", "r.csv", "--name", "{{Школа}}", "-o", "out", "--to", "pdf", "--jobs", "2",
                                     "--pdf-timeout", "15"], in: dir.path, environment: ["TMPDIR": tmp], limit: 300) { p in
            pid = p.processIdentifier
            markers = Self.markers(pid, tmp: tmp)
            // Once the first PDF is written, both workers are up: one is killed, the other stopped (it hangs).
            _ = NothingLost.wait { NothingLost.tree(dir.file("out")).contains { $0.contains(".shablon-") } && Self.offices(markers).count == 2 }
            let offices = Self.offices(markers)
            if offices.count == 2 {
                kill(offices[0], SIGKILL)
                kill(offices[1], SIGSTOP)
                hit = offices
            }
        }
        #expect(hit.count == 2, "no two LibreOffice workers of the run were found")
        #expect(r.status == 0, "\(r)")
        #expect(r.errors.isEmpty, "\(r)")
        let written = NothingLost.tree(dir.file("out"))
        #expect(written.count == 40, "\(written)")
        for name in written { #expect(contents(dir.file("out/" + name))?.starts(with: Array("%PDF-".utf8)) == true, "\(name)") }
        #expect(NothingLost.wait { PDFTestSupport.processes(containing: markers).isEmpty }, "LibreOffice left running")
        #expect(NothingLost.tree(tmp).isEmpty)
        #expect(Self.pipes(of: pid).isEmpty, "LibreOffice's pipes left in /tmp: \(Self.pipes(of: pid))")
    }

    /// The named pipes LibreOffice made for a run's workers (always in /tmp).
    static func pipes(of pid: Int32) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []).filter { $0.hasPrefix("OSL_PIPE_") && $0.contains("_shablon-\(pid)-") }
    }

    /// A signal the program handles: every LibreOffice goes and the temporary folder too. SIGKILL, which it
    /// cannot handle: the bridges notice and take LibreOffice with them.
    @Test(arguments: [SIGTERM, SIGKILL])
    func aSignalMidBatchLeavesNoLibreOffice(_ signal: Int32) throws {
        try #require(LibreOffice.available && PDFTestSupport.bridgeAvailable, "needs LibreOffice and python3-uno")
        let (dir, tmp) = try Self.fixture(rows: 40)
        var markers: [String] = []
        var pid: Int32 = 0
        let r = try NothingLost.run(["batch", "t.docx", "r.csv", "--name", "{{Школа}}", "-o", "out", "--to", "pdf", "--jobs", "2"],
                                    in: dir.path, environment: ["TMPDIR": tmp], limit: 300) { p in
            pid = p.processIdentifier
            markers = Self.markers(pid, tmp: tmp)
            _ = NothingLost.wait { NothingLost.tree(dir.file("out")).contains { $0.contains(".shablon-") } && !Self.offices(markers).isEmpty }
            #expect(!Self.offices(markers).isEmpty, "no LibreOffice of the run was found")
            kill(p.processIdentifier, signal)
        }
        #expect(r.status == 128 + signal, "\(r)")
        #expect(NothingLost.wait { PDFTestSupport.processes(containing: markers).isEmpty },
                "left running: \(PDFTestSupport.processes(containing: markers).map(\.command))")
        #expect(Self.pipes(of: pid).isEmpty, "LibreOffice's pipes left in /tmp: \(Self.pipes(of: pid))")
        if signal != SIGKILL {
            #expect(NothingLost.tree(tmp).isEmpty, "left in the temporary folder: \(NothingLost.tree(tmp))")
            #expect(!FileManager.default.fileExists(atPath: dir.file("out")))
        }
    }

    @Test func twoProgramsAtOnceLeaveEachOtherAndTheUsersLibreOfficeAlone() throws {
        let soffice = try #require(LibreOffice.soffice)
        try #require(PDFTestSupport.bridgeAvailable, "needs python3-uno")
        let (dir, tmp) = try Self.fixture(rows: 12)
        // The user's LibreOffice: its own profile, running (listening, as a user's may).
        let user = dir.file("user-profile")
        let office = Process()
        office.executableURL = URL(fileURLWithPath: soffice)
        office.arguments = ["-env:UserInstallation=file://\(user)", "--headless", "--norestore", "--accept=pipe,name=user-\(UUID().uuidString);urp;"]
        office.standardOutput = FileHandle.nullDevice
        office.standardError = FileHandle.nullDevice
        try office.run()
        defer {
            for p in PDFTestSupport.processes(containing: [user]) { kill(p.pid, SIGKILL) }
            office.waitUntilExit()
        }
        #expect(NothingLost.wait { !Self.offices([user]).isEmpty }, "the user's LibreOffice did not start")
        let results = RunResults(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            results.set(i, try? NothingLost.run(["batch", "t.docx", "r.csv", "--name", "{{Школа}}", "-o", "out\(i)", "--to", "pdf",
                                                 "--jobs", "2"], in: dir.path, environment: ["TMPDIR": tmp], limit: 300))
        }
        for (i, r) in results.all.enumerated() {
            #expect(r?.status == 0, "\(String(describing: r))")
            #expect(NothingLost.tree(dir.file("out\(i)")).count == 12)
        }
        // (A first start may restart LibreOffice's inner process: the one started is what must still run.)
        #expect(office.isRunning && !Self.offices([user]).isEmpty, "the user's LibreOffice was stopped")
        #expect(NothingLost.tree(tmp).isEmpty)
    }

    /// One worker converts documents one after another in the same LibreOffice, which loads each into the
    /// frame the one before used: every PDF is of its own document — DOCX after ODT and back, after one
    /// that LibreOffice cannot open, as PDF/A between plain ones — and nothing of the one before shows.
    @Test func oneWorkerGivesEachDocumentItsOwnPDFAlsoAfterOneItCannotOpen() throws {
        try #require(LibreOffice.available && PDFTestSupport.bridgeAvailable, "needs LibreOffice and python3-uno")
        let pdftotext = try #require(LibreOffice.pdftotext, LibreOffice.missingMessage)
        let dir = TempDir()
        let pool = PDFPool(workers: 1, timeout: 60)
        defer { pool.close() }
        let documents: [(marker: String?, bytes: [UInt8], kind: DocumentKind, archival: Bool)] = [
            ("Первый", docxPackage(body: "<w:p><w:r><w:t>Первый документ</w:t></w:r></w:p>"), .docx, false),
            ("Второй", odtPackage(body: "<text:p>Второй документ</text:p>"), .odt, false),
            (nil, Array("PK\u{3}\u{4}не документ".utf8), .odt, false),
            ("Третий", docxPackage(body: "<w:p><w:r><w:t>Третий документ</w:t></w:r></w:p><w:p><w:r><w:br w:type=\"page\"/><w:t>страница 2</w:t></w:r></w:p>"), .docx, true),
            ("Четвёртый", docxPackage(body: "<w:p><w:r><w:t>Четвёртый документ</w:t></w:r></w:p>"), .docx, false),
        ]
        let markers = documents.compactMap(\.marker)
        for (i, d) in documents.enumerated() {
            let pdf: [UInt8]
            do {
                pdf = try pool.convert(d.bytes, kind: d.kind, archival: d.archival)
            } catch {
                #expect(d.marker == nil && error.items.map(\.code) == [.pdfFailed], "document \(i): \(error.items)")
                continue
            }
            guard let marker = d.marker else {
                Issue.record("a document LibreOffice cannot open was converted")
                continue
            }
            let path = dir.write("\(i).pdf", pdf)
            let text = try LibreOffice.run(pdftotext, ["-enc", "UTF-8", path, "-"])
            #expect(text.contains("\(marker) документ"), "document \(i): \(text)")
            for other in markers where other != marker { #expect(!text.contains(other), "document \(i) shows «\(other)»: \(text)") }
            let xmp = String(decoding: pdf, as: UTF8.self).contains("pdfaid:part")
            #expect(xmp == d.archival, "document \(i): PDF/A \(xmp)")
        }
    }

    /// LibreOffice runs its graphics self-tests (writing `GraphicsRenderTests.log` in the profile) at every
    /// start in a profile that has not noted its version as seen, which makes a start about six times
    /// slower. The pool notes it at the first start: in a new cache folder no start after it runs them.
    @Test func libreOfficeRunsNoGraphicsSelfTestsAfterAProfilesFirstStart() throws {
        try #require(LibreOffice.available && PDFTestSupport.bridgeAvailable, "needs LibreOffice and python3-uno")
        let (dir, _) = try Self.fixture(rows: 1)
        dir.write("d.yaml", "Школа: СОШ № 1\nЧитатели: 5\n")
        let cache = dir.file("cache")
        func logs() -> [String: Int] {
            let found = FileManager.default.enumerator(atPath: cache)?.compactMap { $0 as? String }
                .filter { $0.hasSuffix("/GraphicsRenderTests.log") } ?? []
            var times: [String: Int] = [:]
            for path in found {
                var st = stat()
                if stat(Paths.join(cache, path), &st) == 0 { times[path] = st.st_mtim.tv_sec * 1_000_000_000 + st.st_mtim.tv_nsec }
            }
            return times
        }
        var seen: [[String: Int]] = []
        for n in 0..<3 {
            let r = try NothingLost.run(["render", "t.docx", "d.yaml", "-o", "\(n).pdf"], in: dir.path,
                                        environment: ["XDG_CACHE_HOME": cache])
            #expect(r.status == 0, "\(r)")
            seen.append(logs())
            if n == 0 {
                // The first run kept its profile in the cache folder, and the profile notes the version
                // (without it, a LibreOffice that has no self-tests would pass the check below unseen).
                let settings = FileManager.default.enumerator(atPath: cache)?.compactMap { $0 as? String }
                    .filter { $0.hasSuffix("/user/registrymodifications.xcu") } ?? []
                #expect(settings.count == 1, "profiles in the cache folder: \(settings)")
                let text = settings.first.flatMap { contents(Paths.join(cache, $0)) }.map { String(decoding: $0, as: UTF8.self) } ?? ""
                #expect(text.contains("ooSetupLastVersion"), "the profile does not note LibreOffice's version")
            }
        }
        // (LibreOffice 7.4 skips them at the very first start, which builds the profile, and runs them at
        // every start after it until the version is noted.)
        #expect(seen[1] == seen[0] && seen[2] == seen[0], "the self-tests ran at a later start: \(seen)")
    }

    @Test func pdfaIsPDFA2bAndAPlainPDFIsNot() throws {
        try #require(LibreOffice.available, LibreOffice.missingMessage)
        let (dir, _) = try Self.fixture(rows: 1)
        dir.write("d.yaml", "Школа: СОШ № 1\nЧитатели: 5\n")
        for archival in [true, false] {
            let out = dir.file(archival ? "a.pdf" : "p.pdf")
            let r = try CLI.run(["render", dir.file("t.docx"), dir.file("d.yaml"), "-o", out] + (archival ? ["--pdfa"] : []))
            #expect(r.status == 0, "\(r)")
            let pdf = String(decoding: try #require(contents(out)), as: UTF8.self)
            // The XMP metadata (uncompressed, as PDF/A requires): pdfaid:part 2, pdfaid:conformance B.
            let xmp = pdf.range(of: "<x:xmpmeta").map { String(pdf[$0.lowerBound...].prefix(20_000)) } ?? ""
            let part = xmp.contains("<pdfaid:part>2</pdfaid:part>") || xmp.contains("pdfaid:part=\"2\"")
            let conformance = xmp.contains("<pdfaid:conformance>B</pdfaid:conformance>") || xmp.contains("pdfaid:conformance=\"B\"")
            #expect(part == archival && conformance == archival, "archival \(archival): \(xmp.prefix(3000))")
        }
    }

    /// jemalloc, where `make test` installs it (Debian's libjemalloc2).
    static let jemalloc = ["/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib"]
        .map { $0 + "/libjemalloc.so.2" }.first { FileManager.default.fileExists(atPath: $0) }

    /// A /proc file, read to its end (its size says 0).
    static func procFile(_ path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        return String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
    }

    /// The pool's LibreOffice runs with jemalloc preloaded (and only LibreOffice: not the bridge), unless
    /// `SHABLON_OFFICE_MALLOC` is empty; the PDFs are written either way.
    @Test(arguments: [true, false])
    func libreOfficeRunsWithJemallocUnlessItIsTurnedOff(_ on: Bool) throws {
        try #require(LibreOffice.available && PDFTestSupport.bridgeAvailable, "needs LibreOffice and python3-uno")
        try #require(Self.jemalloc != nil, "needs jemalloc: make deps-test installs libjemalloc2")
        let (dir, tmp) = try Self.fixture(rows: 30)
        var maps: [String] = []
        var bridges: [String] = []
        let environment = on ? ["TMPDIR": tmp] : ["TMPDIR": tmp, "SHABLON_OFFICE_MALLOC": ""]
        let r = try NothingLost.run(["batch", "t.docx", "r.csv", "--name", "{{Школа}}", "-o", "out", "--to", "pdf", "--jobs", "1"],
                                    in: dir.path, environment: environment, limit: 300) { p in
            let markers = Self.markers(p.processIdentifier, tmp: tmp)
            // Once the first PDF is written, LibreOffice has loaded everything it loads.
            _ = NothingLost.wait { NothingLost.tree(dir.file("out")).contains { $0.contains(".shablon-") } && !Self.offices(markers).isEmpty }
            for pid in Self.offices(markers) {
                maps.append(Self.procFile("/proc/\(pid)/maps"))
            }
            for bridge in PDFTestSupport.processes(containing: [tmp]) where bridge.command.first?.contains("python") == true {
                bridges.append(Self.procFile("/proc/\(bridge.pid)/maps"))
            }
        }
        #expect(r.status == 0, "\(r)")
        #expect(NothingLost.tree(dir.file("out")).count == 30)
        #expect(maps.count == 1 && maps.allSatisfy { !$0.isEmpty }, "the run's LibreOffice was not found")
        #expect(maps.allSatisfy { $0.contains("libjemalloc") } == on, "jemalloc \(on ? "missing from" : "loaded in") LibreOffice")
        #expect(bridges.allSatisfy { !$0.contains("libjemalloc") }, "jemalloc loaded in the bridge")
    }
}

/// Results of runs made on several threads.
final class RunResults: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [CLIResult?]

    init(count: Int) { items = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: CLIResult?) {
        lock.lock()
        items[i] = r
        lock.unlock()
    }

    var all: [CLIResult?] {
        lock.lock()
        defer { lock.unlock() }
        return items
    }
}
