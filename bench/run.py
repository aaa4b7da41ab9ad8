#!/usr/bin/env python3
"""`make bench`: Shablon against docxtpl on the same plan template and data, alternately, in one run;
then PDF through LibreOffice: the pool against one `soffice --convert-to` and against one LibreOffice
per document. Prints tables of medians and ratios (wall time, peak memory) and writes bench/results.md.
`make bench-check` (run.py --check) exits 1 when a ratio is below its target.
Options: --quick (fewer repeats), --pdf-only, --no-pdf."""
import datetime, glob, json, os, platform, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "bench", "work")
SHABLON = os.path.join(ROOT, ".build-release", "release", "shablon")
BENCH = os.path.join(ROOT, ".build-release", "release", "shablon-bench")
PY = os.path.join(ROOT, ".venv-bench", "bin", "python")
TARGETS = {  # name: (minimum ratio docxtpl/shablon, what)
    "process-40": 10.0, "inprocess-40": 20.0, "process-10000": 5.0,
}
MAX_RSS_10K_MB = 150
MIN_BATCH_PER_SECOND = 500
# PDF: the pool's batch against one soffice process and against one LibreOffice per document; a warm
# five-page plan; the whole batch's memory (every process it starts).
PDF_TARGETS = {"pdf-vs-one-soffice": 1.3, "pdf-vs-per-document": 15.0}
MAX_WARM_PLAN_S = 0.4
MAX_PDF_BATCH_MIB = 1536
SCHOOL_COPIES = 8  # 13 example schools × 8 = 104 reports
PDF_HEADING = "PDF through LibreOffice"

def run_process(cmd):
    """Wall time and peak RSS (MiB) of one child process."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    err = p.stderr.read().decode()
    p.stderr.close()
    if status != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{err}")
    return wall, usage.ru_maxrss / 1024

def median_process(cmds, repeats):
    """Runs the commands alternately `repeats` times; medians of wall time and peak RSS per command."""
    walls = [[] for _ in cmds]; rss = [[] for _ in cmds]
    for _ in range(repeats):
        for i, c in enumerate(cmds):
            w, r = run_process(c)
            walls[i].append(w); rss[i].append(r)
    return [(statistics.median(walls[i]), statistics.median(rss[i])) for i in range(len(cmds))]

def json_out(cmd, env=None):
    return json.loads(subprocess.check_output(cmd, env=env).decode().strip().splitlines()[-1])

def tree_rss_mib(root):
    """Resident memory of a process and all its descendants, MiB (from /proc)."""
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(name))
        except (OSError, IndexError):
            pass
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/statm") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError):
            pass
    return total / (1 << 20)

def run_tree(cmd, env=None):
    """Wall time and peak resident memory (MiB, summed over the process and everything it starts,
    sampled every 0.25 s) of one command."""
    with tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        peak = 0.0
        while p.poll() is None:
            peak = max(peak, tree_rss_mib(p.pid))
            time.sleep(0.25)
        wall = time.perf_counter() - t0
        if p.returncode != 0:
            err.seek(0)
            sys.exit(f"failed: {' '.join(cmd)}\n{err.read().decode()}")
    return wall, peak

def pdf_rows(quick):
    """The PDF rows: (table rows, results for the targets)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("PDF rows need LibreOffice (soffice): make deps-test")
    root = os.path.join(WORK, "pdf")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    template = os.path.join(ROOT, "templates", "school-report.docx")
    # The 13 example schools (as `shablon analysis` writes them), and 104: each school 8 times.
    schools13 = os.path.join(root, "schools-13.json")
    subprocess.check_call([SHABLON, "analysis", os.path.join(ROOT, "examples", "analysis", "analysis.yaml"),
                           "-o", os.path.join(root, "analysis.docx"), "--schools-data", schools13])
    with open(schools13, encoding="utf-8") as f:
        schools = json.load(f)
    many = [dict(s, школа=s["школа"] + (f" ({k + 1})" if k else "")) for k in range(SCHOOL_COPIES) for s in schools]
    schools_n = os.path.join(root, f"schools-{len(many)}.json")
    with open(schools_n, "w", encoding="utf-8") as f:
        json.dump(many, f, ensure_ascii=False)
    n = len(many)
    batch = lambda table, out: [SHABLON, "batch", template, table, "--name", "{{школа}}", "-o", out]
    # The same reports as DOCX, for one soffice to convert.
    docx = os.path.join(root, "docx")
    subprocess.check_call(batch(schools_n, docx), stderr=subprocess.DEVNULL)
    docs = sorted(os.path.join(docx, x) for x in os.listdir(docx))
    # The pool's profiles live in a cache folder of this run, as on a machine that never made a PDF, not in
    # whatever ~/.cache holds. Warm-up, not counted: the pool builds its profiles there.
    pool_env = dict(os.environ, XDG_CACHE_HOME=os.path.join(root, "cache"))
    subprocess.check_call(batch(schools13, os.path.join(root, "warm-pool")) + ["--to", "pdf"], stderr=subprocess.DEVNULL, env=pool_env)
    # soffice gets a copy of a pool profile, so that both start alike (a profile that has seen its
    # LibreOffice version: no graphics self-tests at the start), then converts once to warm up.
    profile = os.path.join(root, "lo-profile")
    shutil.copytree(sorted(glob.glob(os.path.join(root, "cache", "shablon", "libreoffice", "*", "0")))[0], profile, symlinks=True)
    one_soffice = lambda out: [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nologo",
                               "--convert-to", "pdf", "--outdir", out] + docs
    subprocess.check_call(one_soffice(os.path.join(root, "warm-a"))[:-len(docs)] + docs[:1], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    pool, glibc, single, old = [], [], [], []
    for i in range(1 if quick else 5):
        out = os.path.join(root, f"pool-{i}")
        pool.append(run_tree(batch(schools_n, out) + ["--to", "pdf"], env=pool_env))
        if len(os.listdir(out)) != n:
            sys.exit(f"the pool wrote {len(os.listdir(out))} PDFs of {n}")
        # The same pool with LibreOffice on glibc's malloc (jemalloc not preloaded).
        out = os.path.join(root, f"glibc-{i}")
        glibc.append(run_tree(batch(schools_n, out) + ["--to", "pdf"], env=dict(pool_env, SHABLON_OFFICE_MALLOC="")))
        if len(os.listdir(out)) != n:
            sys.exit(f"the pool (glibc malloc) wrote {len(os.listdir(out))} PDFs of {n}")
        out = os.path.join(root, f"soffice-{i}")
        single.append(run_tree(one_soffice(out)))
        if len(os.listdir(out)) != n:
            sys.exit(f"soffice wrote {len(os.listdir(out))} PDFs of {n}")
        # The old way on the 13 schools, extrapolated: it costs a LibreOffice start per document. Measured
        # in the same rounds as the pool, so that the machine's drift moves both.
        old.append(run_tree(batch(schools13, os.path.join(root, f"old-{i}")) + ["--to", "pdf"], env=dict(os.environ, SHABLON_PDF_MODE="process")))
    pool_s = statistics.median(w for w, _ in pool); pool_mib = max(m for _, m in pool)
    single_s = statistics.median(w for w, _ in single); single_mib = max(m for _, m in single)
    glibc_s = statistics.median(w for w, _ in glibc); glibc_mib = max(m for _, m in glibc)
    old_s = statistics.median(w for w, _ in old); old_mib = max(m for _, m in old)
    old_n_s = old_s * n / len(schools)

    plan_json = os.path.join(WORK, "plan-5-pages.json")
    plan_docx = os.path.join(root, "plan-5.docx")
    subprocess.check_call([SHABLON, "plan", plan_json, "-o", plan_docx])
    # A new cache folder: the first run builds the profile, the runs after it find it.
    plan_env = dict(os.environ, XDG_CACHE_HOME=os.path.join(root, "cache-plan"))
    first_s, first_mib = run_tree([SHABLON, "plan", plan_json, "-o", os.path.join(root, "plan-first.pdf")], env=plan_env)
    cold = [run_tree([SHABLON, "plan", plan_json, "-o", os.path.join(root, f"plan-{i}.pdf")], env=plan_env) for i in range(2 if quick else 5)]
    cold_s = statistics.median(w for w, _ in cold); cold_mib = max(m for _, m in cold)
    warm = json_out([BENCH, "pdf", plan_docx, "-", "4" if quick else "11"], env=plan_env)

    ms = lambda s: f"{s * 1000:.0f} ms" if s < 1 else f"{s:.1f} s"
    rows = [
        (f"batch of {n} school reports, pool ({os.cpu_count()} LibreOffice)", ms(pool_s), ms(pool_s / n), "", f"{pool_mib:.0f} MiB"),
        (f"the same pool, LibreOffice with glibc's malloc (`SHABLON_OFFICE_MALLOC=`)", ms(glibc_s), ms(glibc_s / n),
         f"jemalloc {glibc_s / pool_s:.2f}× faster", f"{glibc_mib:.0f} MiB"),
        (f"(a) one `soffice --convert-to pdf` of the same {n} DOCX", ms(single_s), ms(single_s / n), f"pool {single_s / pool_s:.1f}× faster", f"{single_mib:.0f} MiB"),
        (f"(b) one LibreOffice per document (old way; {len(schools)} measured, ×{n / len(schools):.0f}; median of {len(old)})", ms(old_n_s), ms(old_s / len(schools)),
         f"pool {old_n_s / pool_s:.1f}× faster", f"{old_mib:.0f} MiB"),
        ("five-page plan, whole `shablon plan -o x.pdf` (profile cached; the runs after the first)", ms(cold_s), "", "", f"{cold_mib:.0f} MiB"),
        ("five-page plan, whole process, first run (profile built)", ms(first_s), "", "", f"{first_mib:.0f} MiB"),
        ("five-page plan, warm pool (in-process, median of the 2nd… conversions)", ms(warm["warm_median_s"]), "", f"first with start {ms(warm['first_s'])}", ""),
    ]
    results = {"pdf-vs-one-soffice": single_s / pool_s, "pdf-vs-per-document": old_n_s / pool_s,
               "warm-plan": warm["warm_median_s"], "pdf-batch-mib": pool_mib}
    return rows, results

def wait_for_quiet():
    """Waits (at most $BENCH_QUIET_WAIT seconds, default 600) until the one-minute load average is below
    $BENCH_QUIET_LOAD (default 0.8): the pool's advantage is the second core, which a busy machine does
    not have, so a measurement on a loaded machine says little. Returns the seconds waited."""
    limit = float(os.environ.get("BENCH_QUIET_WAIT", "600"))
    quiet = float(os.environ.get("BENCH_QUIET_LOAD", "0.8"))
    t0 = time.monotonic()
    said = False
    while os.getloadavg()[0] >= quiet and time.monotonic() - t0 < limit:
        if not said:
            print(f"waiting for a quiet machine (load {os.getloadavg()[0]:.2f} ≥ {quiet}; at most {limit:.0f} s)…", flush=True)
            said = True
        time.sleep(5)
    return time.monotonic() - t0

def main():
    check = "--check" in sys.argv
    quick = "--quick" in sys.argv
    machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"
    wait_for_quiet()
    load = "load average before: " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    results_path = os.path.join(ROOT, "bench", "results.md")
    # bench/results.md keeps both tables; a run of one part (--pdf-only, --no-pdf) replaces only its own.
    try:
        with open(results_path, encoding="utf-8") as f:
            old = f.read()
    except OSError:
        old = ""
    cut = old.find(PDF_HEADING)
    engine_lines = (old[:cut] if cut >= 0 else old).strip("\n").split("\n")
    pdf_lines = old[cut:].strip("\n").split("\n") if cut >= 0 else []
    failures = []
    if "--pdf-only" not in sys.argv:
        engine_lines = engine(quick, machine, load, failures)
    if "--no-pdf" not in sys.argv:
        rows, r = pdf_rows(quick)
        head = ("case", "time", "per document", "compared", "peak memory (all processes)")
        pdf_lines = [f"{PDF_HEADING} {libreoffice_version()}, measured {datetime.date.today()} on {machine} by `make bench` "
                     f"({load}; after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}):", "",
                     "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        pdf_lines += ["| " + " | ".join(x) + " |" for x in rows]
        failures += [f"{k}: {r[k]:.1f}× < {v}×" for k, v in PDF_TARGETS.items() if r[k] < v]
        if r["warm-plan"] > MAX_WARM_PLAN_S: failures.append(f"warm five-page plan: {r['warm-plan']:.2f} s > {MAX_WARM_PLAN_S} s")
        if r["pdf-batch-mib"] > MAX_PDF_BATCH_MIB: failures.append(f"PDF batch memory: {r['pdf-batch-mib']:.0f} MiB > {MAX_PDF_BATCH_MIB} MiB")
    table = "\n".join(engine_lines + [""] + pdf_lines).strip("\n")
    print(table)
    with open(results_path, "w", encoding="utf-8") as f:
        f.write(table + "\n")
    if failures:
        print("\nBelow target:\n" + "\n".join("  " + f for f in failures))
        if check: sys.exit(1)
    else:
        print("\nEvery target met.")

def libreoffice_version():
    try:
        out = subprocess.check_output([shutil.which("soffice") or "soffice", "--version"], stderr=subprocess.DEVNULL).decode()
        return out.split()[1]
    except (OSError, subprocess.CalledProcessError, IndexError):
        return ""

def engine(quick, machine, load, failures):
    """The engine's rows against docxtpl; appends what misses its target to `failures`."""
    t_s = os.path.join(WORK, "plan-shablon.docx"); t_d = os.path.join(WORK, "plan-docxtpl.docx")
    data = lambda n: os.path.join(WORK, f"events-{n}.json")
    out = lambda name: os.path.join(WORK, name)
    rows = []; results = {}

    for n, reps in ((40, 5 if quick else 21), (10000, 3 if quick else 7)):
        (sw, sr), (dw, dr) = median_process([
            [SHABLON, "render", t_s, data(n), "-o", out(f"s-{n}.docx")],
            [PY, os.path.join(ROOT, "bench", "docxtpl_render.py"), t_d, data(n), out(f"d-{n}.docx")],
        ], reps)
        results[f"process-{n}"] = dw / sw
        results[f"rss-{n}"] = sr
        rows.append((f"{n} events, whole process", f"{sw*1000:.1f} ms", f"{dw*1000:.1f} ms", f"{dw/sw:.1f}×", f"{sr:.0f} MB", f"{dr:.0f} MB"))

    for n, iters in ((40, 50 if quick else 300), (10000, 3 if quick else 9)):
        s = json_out([BENCH, "render", t_s, data(n), str(iters)])
        d = json_out([PY, os.path.join(ROOT, "bench", "docxtpl_render.py"), "--inprocess", t_d, data(n), str(max(3, iters // 10))])
        results[f"inprocess-{n}"] = d["median_s"] / s["median_s"]
        rows.append((f"{n} events, in-process", f"{s['median_s']*1000:.2f} ms", f"{d['median_s']*1000:.1f} ms",
                     f"{d['median_s']/s['median_s']:.1f}×", "", ""))

    c = json_out([BENCH, "render-compiled", t_s, data(40), "2000"])
    rows.append(("40 events, in-process, template compiled once", f"{c['median_s']*1000:.2f} ms", "", "", "", ""))

    b = json_out([BENCH, "batch", t_s, data(40), "2000" if quick else "10000", "2"])
    results["batch"] = b["per_second"]
    rows.append(("batch of 40-event plans, 2 threads", f"{b['per_second']:.0f} documents/s", "", "", "", ""))

    linear = []
    for n in (1000, 10000, 100000):
        s = json_out([BENCH, "render", t_s, data(n), "3"])
        linear.append((n, s["median_s"]))
    rows.append(("linear: 1 000 / 10 000 / 100 000 events", " / ".join(f"{t*1000:.0f} ms" for _, t in linear),
                 "", f"{linear[2][1] / linear[0][1]:.0f}× for 100× rows", "", ""))

    head = ("case", "Shablon", "docxtpl", "ratio", "Shablon RSS", "docxtpl RSS")
    lines = [f"Measured {datetime.date.today()} on {machine} by `make bench` (medians; docxtpl {subprocess.check_output([PY, '-c', 'import docxtpl; print(docxtpl.__version__)']).decode().strip()}; {load}).", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    failures += [f"{k}: {results[k]:.1f}× < {v}×" for k, v in TARGETS.items() if results[k] < v]
    if results["rss-10000"] > MAX_RSS_10K_MB: failures.append(f"10 000 events: {results['rss-10000']:.0f} MB > {MAX_RSS_10K_MB} MB")
    if results["batch"] < MIN_BATCH_PER_SECOND: failures.append(f"batch: {results['batch']:.0f}/s < {MIN_BATCH_PER_SECOND}/s")
    return lines

if __name__ == "__main__":
    main()
