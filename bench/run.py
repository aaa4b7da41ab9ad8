#!/usr/bin/env python3
"""`make bench`: Shablon against docxtpl on the same plan template and data, alternately, in one run.
Prints a table of medians and ratios (wall time, peak RSS) and writes bench/results.md.
`make bench-check` (run.py --check) exits 1 when a ratio is below its target."""
import json, os, platform, statistics, subprocess, sys, time, datetime

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

def json_out(cmd):
    return json.loads(subprocess.check_output(cmd).decode().strip().splitlines()[-1])

def main():
    check = "--check" in sys.argv
    quick = "--quick" in sys.argv
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
    machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"
    lines = [f"Measured {datetime.date.today()} on {machine} by `make bench` (medians; docxtpl {subprocess.check_output([PY, '-c', 'import docxtpl; print(docxtpl.__version__)']).decode().strip()}).", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    table = "\n".join(lines)
    print(table)
    with open(os.path.join(ROOT, "bench", "results.md"), "w", encoding="utf-8") as f:
        f.write(table + "\n")

    failures = [f"{k}: {results[k]:.1f}× < {v}×" for k, v in TARGETS.items() if results[k] < v]
    if results["rss-10000"] > MAX_RSS_10K_MB: failures.append(f"10 000 events: {results['rss-10000']:.0f} MB > {MAX_RSS_10K_MB} MB")
    if results["batch"] < MIN_BATCH_PER_SECOND: failures.append(f"batch: {results['batch']:.0f}/s < {MIN_BATCH_PER_SECOND}/s")
    if failures:
        print("\nBelow target:\n" + "\n".join("  " + f for f in failures))
        if check: sys.exit(1)
    else:
        print("\nEvery target met.")

if __name__ == "__main__":
    main()
