#!/usr/bin/env python3
"""`make bench-web`: the page's speed (issue 17) — the list and the editor with 200 documents in the
folder, and a save of a five-page plan with its refreshed preview (PDF through the warm LibreOffice pool,
pages drawn by pdftoppm). Starts the release `shablon serve` on a free port over a temporary folder,
measures over HTTP like a browser (cookie, CSRF token, the editor's own form fields), prints a table and
writes bench/results-web.md. Options: --binary PATH, --repeats N."""
import html.parser, http.cookiejar, json, os, re, shutil, signal, statistics, subprocess, sys, tempfile, time, urllib.parse, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = {"list": 0.2, "editor": 0.2, "save+preview": 1.5}


class FormFields(html.parser.HTMLParser):
    """The fields form#plan-form would post (inputs, textareas, selected options), outside <template>."""
    def __init__(self):
        super().__init__()
        self.fields, self.inform, self.intemplate, self.textarea, self.select = [], False, 0, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("id") == "plan-form": self.inform = True
        if not self.inform: return
        if tag == "template": self.intemplate += 1
        if self.intemplate: return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "file", "button"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a: return
            self.fields.append([a["name"], a.get("value") or ""])
        elif tag == "textarea" and a.get("name"):
            self.textarea = [a["name"], ""]
            self.fields.append(self.textarea)
        elif tag == "select" and a.get("name"):
            self.select = [a["name"], ""]
            self.fields.append(self.select)
        elif tag == "option" and self.select is not None and "selected" in a:
            self.select[1] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "template" and self.intemplate: self.intemplate -= 1
        if tag == "textarea" and self.textarea is not None:
            # As a browser reads it: a line break right after <textarea> is not part of the value.
            if self.textarea[1].startswith("\n"): self.textarea[1] = self.textarea[1][1:]
            self.textarea = None
        if tag == "select": self.select = None
        if tag == "form": self.inform = False

    def handle_data(self, data):
        if self.textarea is not None and not self.intemplate: self.textarea[1] += data


def main():
    args = sys.argv[1:]
    binary = args[args.index("--binary") + 1] if "--binary" in args else os.path.join(ROOT, ".build-release", "release", "shablon")
    repeats = int(args[args.index("--repeats") + 1]) if "--repeats" in args else 15
    folder = tempfile.mkdtemp(prefix="shablon-bench-web-")
    plans = sorted(f for f in os.listdir(os.path.join(ROOT, "examples", "plans")) if f.endswith(".yaml"))
    for i in range(200):
        src = plans[i % len(plans)]
        shutil.copy(os.path.join(ROOT, "examples", "plans", src), os.path.join(folder, f"{i:03d}-{src}"))
    five = os.path.join(ROOT, "bench", "work", "plan-5-pages.json")
    if not os.path.exists(five):
        subprocess.check_call([sys.executable, os.path.join(ROOT, "bench", "make_fixtures.py")])
    shutil.copy(five, os.path.join(folder, "plan-5-pages.yaml"))
    server = subprocess.Popen([binary, "serve", folder, "--port", "0"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        url = None
        for line in server.stderr:
            m = re.search(r"(http://127\.0\.0\.1:\d+/)", line)
            if m:
                url = m.group(1)
                break
        if not url: sys.exit("shablon serve did not start")
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

        def get(path):
            with opener.open(url + path.lstrip("/")) as r: return r.read()

        def timed(path):
            t = time.perf_counter(); get(path); return time.perf_counter() - t

        get("/")
        name = urllib.parse.quote("plan-5-pages.yaml")
        results = {}
        results["list"] = statistics.median(timed("/") for _ in range(repeats))
        editor = "/d/" + urllib.parse.quote("101-" + plans[101 % len(plans)])
        results["editor"] = statistics.median(timed(editor) for _ in range(repeats))

        def save_and_preview(k):
            page = get("/d/" + name).decode()
            p = FormFields(); p.feed(page)
            fields = p.fields
            csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', page).group(1)
            changed = False
            for f in fields:
                if changed or f[0] in ("csrf", "revision"): continue
                if f[0] == "yaml":  # a form of one text field: a comment line
                    f[1] = re.sub(r"^# правка \d+\n", "", f[1]) + ""; f[1] = f"# правка {k}\n" + f[1]; changed = True
                elif len(f[1]) > 20 and "\n" not in f[1]:
                    f[1] = re.sub(r" \(правка \d+\)$", "", f[1]) + f" (правка {k})"; changed = True
            if not any(f[0] == "csrf" for f in fields): fields.insert(0, ["csrf", csrf])
            body = urllib.parse.urlencode([tuple(f) for f in fields]).encode()
            t = time.perf_counter()
            req = urllib.request.Request(url + "d/" + name, data=body, headers={"Content-Type": "application/x-www-form-urlencoded"})
            opener.open(req).read()  # 303 → the editor page again, as the browser does
            preview = get("/d/" + name + "/preview").decode()
            imgs = re.findall(r'<img class="sheet"[^>]*src="([^"]+)"', preview)
            for src in imgs: get(src.replace("&amp;", "&"))
            return time.perf_counter() - t, len(imgs)

        first, pages = save_and_preview(0)  # starts LibreOffice
        runs = [save_and_preview(k) for k in range(1, max(4, repeats // 3))]
        results["save+preview"] = statistics.median(r[0] for r in runs)
        pages = runs[-1][1]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)
    rows = [("list of 200 documents (GET /)", results["list"], TARGETS["list"]),
            ("plan editor (GET /d/…)", results["editor"], TARGETS["editor"]),
            (f"save + refreshed preview, five-page plan ({pages} pages drawn), pool warm", results["save+preview"], TARGETS["save+preview"])]
    lines = ["| what | median | target | |", "|---|---|---|---|"]
    for what, v, target in rows:
        lines.append(f"| {what} | {v * 1000:.0f} ms | ≤ {target * 1000:.0f} ms | {'met' if v <= target else '**not met**'} |")
    lines.append(f"\nFirst save + preview with LibreOffice's start: {first * 1000:.0f} ms. Repeats: {repeats}; machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}.")
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(ROOT, "bench", "results-web.md"), "w") as f:
        f.write("# The page's speed (`make bench-web`)\n\n" + text + "\n")
    if "--check" in args and any(v > t for _, v, t in rows): sys.exit(1)


if __name__ == "__main__":
    main()
