#!/usr/bin/env python3
"""Real-browser tests of `shablon serve` (issue 17): headless Chromium from Debian driven by Selenium.

Run by `make browser-test` (part of `make test`):

    .venv-browser/bin/python Tests/browser/run.py --binary .build/debug/shablon

Each scenario prints PASS or FAIL; the last line is «N passed, N failed» and the exit status is non-zero
when a scenario failed, when Chromium or chromedriver is missing (SHABLON_SKIP_BROWSER=1 skips the
suite on purpose) or when a process the suite started (shablon, chromium, chromedriver, soffice) or its
temporary folder is left behind. Screenshots of the main screens (1400×1000) are written to
.build/browser-screens/ on every run, and to docs/images/web/ (the pictures of docs/web.md and README) by
`make screenshots` (--screenshots docs/images/web).
"""

import argparse
import http.client
import os
import queue
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
import urllib.request
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CHROMEDRIVER = "/usr/bin/chromedriver"
WIDTH, HEIGHT = 1400, 1000
# A wait for an ordinary page; the first preview waits for LibreOffice to start.
WAIT = 20
PREVIEW_WAIT = 60

# What the scenarios type into the plan: found again in the downloaded DOCX.
SECTION = "Проверка браузером"
EVENTS = [("Семинар библиотекарей браузерный", "Октябрь"), ("Выставка учебников браузерная", "Ноябрь")]
PLAN_NAME = "браузер-2026-2027.yaml"
PLAN_YEAR = "2026-2027"
# Years not in a row: `shablon plan` refuses it (plan-school-year).
BAD_YEAR = "2026-2025"


def say(line):
    print(line, flush=True)


# MARK: Processes


class Processes:
    """Everything the suite starts: the servers, the WebDriver, the temporary folder. Each child runs in a
    session of its own, so whatever it starts (LibreOffice, Chromium's helpers) can be found and ended."""

    def __init__(self):
        self.servers = []
        self.drivers = []
        self.sessions = set()
        self.temp = tempfile.mkdtemp(prefix="shablon-browser-")

    def start_server(self, binary, folder, *extra, wait_for_url=True):
        p = subprocess.Popen([binary, "serve", folder, *extra], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, start_new_session=True)
        self.servers.append(p)
        self.sessions.add(p.pid)
        lines = queue.Queue()
        p.output = []

        def pump(stream):
            for raw in iter(stream.readline, b""):
                text = raw.decode("utf-8", "replace").rstrip("\n")
                p.output.append(text)
                lines.put(text)
            stream.close()

        for s in (p.stdout, p.stderr):
            threading.Thread(target=pump, args=(s,), daemon=True).start()
        if not wait_for_url:
            return p, None
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = lines.get(timeout=0.2)
            except queue.Empty:
                if p.poll() is not None:
                    break
                continue
            m = re.search(r"Страница: (http://\S+)", line)
            if m:
                return p, m.group(1)
        raise AssertionError("shablon serve не сообщил адрес страницы; вывод:\n" + "\n".join(p.output))

    def start_driver(self):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
        for a in ("--headless=new", f"--window-size={WIDTH},{HEIGHT}", "--lang=ru", "--no-sandbox",
                  "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run", "--disable-extensions",
                  "--hide-scrollbars", "--force-device-scale-factor=1",
                  "--user-data-dir=" + os.path.join(self.temp, "chromium-profile")):
            options.add_argument(a)
        options.add_experimental_option("prefs", {"intl.accept_languages": "ru,ru-RU",
                                                  "download.default_directory": os.path.join(self.temp, "downloads")})
        # DOMContentLoaded is enough: the preview frame is waited for by the scenarios that need it.
        options.page_load_strategy = "eager"
        service = Service(executable_path=CHROMEDRIVER, popen_kw={"start_new_session": True},
                          log_output=os.path.join(self.temp, "chromedriver.log"))
        driver = webdriver.Chrome(service=service, options=options)
        self.sessions.add(service.process.pid)
        self.drivers.append(driver)
        driver.set_page_load_timeout(PREVIEW_WAIT + 30)
        # --window-size is the window's outer size: the page (and so every screenshot) is made 1400×1000.
        inner = driver.execute_script("return [window.innerWidth, window.innerHeight];")
        outer = driver.get_window_size()
        driver.set_window_size(outer["width"] + WIDTH - inner[0], outer["height"] + HEIGHT - inner[1])
        return driver

    def ours(self):
        """Live processes (not zombies) in the sessions the suite started."""
        found = []
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                with open(f"/proc/{pid}/stat") as f:
                    stat = f.read()
            except OSError:
                continue
            comm = stat[stat.index("(") + 1:stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2:].split()
            state, sid = fields[0], int(fields[3])
            if sid in self.sessions and state != "Z" and int(pid) != os.getpid():
                found.append((int(pid), comm))
        return found

    def close(self):
        """Ends the browser and the servers (a server closes its LibreOffice on SIGTERM), then kills
        whatever of theirs is left, and removes the temporary folder. Returns what had to be killed."""
        for d in self.drivers:
            try:
                d.quit()
            except Exception:
                pass
        for p in self.servers:
            if p.poll() is None:
                try:
                    p.send_signal(signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline and self.ours():
            for p in self.servers:
                p.poll()
            time.sleep(0.1)
        killed = self.ours()
        for pid, _ in killed:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for p in self.servers:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        time.sleep(0.2)
        shutil.rmtree(self.temp, ignore_errors=True)
        return killed


# MARK: Page helpers


def wait(driver, condition, timeout=WAIT, message=""):
    from selenium.webdriver.support.ui import WebDriverWait
    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(condition, message)


def find(driver, css, timeout=WAIT):
    from selenium.webdriver.common.by import By
    return wait(driver, lambda d: d.find_element(By.CSS_SELECTOR, css), timeout, f"нет элемента {css}")


def all_of(driver, css):
    from selenium.webdriver.common.by import By
    return driver.find_elements(By.CSS_SELECTOR, css)


def submit_and_wait(driver, button):
    """Clicks a submit button and waits for the next page."""
    from selenium.webdriver.support import expected_conditions as EC
    old = driver.find_element("tag name", "html")
    click(driver, button)
    wait(driver, EC.staleness_of(old), message="страница не сменилась после отправки формы")
    wait(driver, lambda d: d.execute_script("return document.readyState") != "loading")


def click(driver, element):
    """Clicks a button after bringing it to the middle of the window (the editor's save bar sticks to the bottom)."""
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def set_value(driver, element, text):
    """Types into a field: cleared, then the keys (so the page's script sees the input)."""
    element.clear()
    if text:
        element.send_keys(text)


def form_text(driver):
    """Every value of the plan editor's fields, one per line (the stub editor: its YAML)."""
    return driver.execute_script(
        "var f = document.getElementById('plan-form'); if (!f) return '';"
        "return Array.prototype.map.call(f.querySelectorAll('input:not([type=hidden]), textarea, select'),"
        " function (e) { return e.value; }).join('\\n');")


def screenshot(driver, folder, name, element_css=None):
    if element_css:
        els = all_of(driver, element_css)
        if els:
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", els[0])
    path = os.path.join(folder, name)
    driver.save_screenshot(path)
    with open(path, "rb") as f:
        size = struct.unpack(">II", f.read(24)[16:24])
    assert size == (WIDTH, HEIGHT), f"снимок {name} размером {size}, а не {WIDTH}×{HEIGHT}"
    return path


def control(row, key):
    """The input or text area of a row's field `key` (its wrapping div carries the same data-key)."""
    return row.find_element("css selector", f'input[data-key="{key}"], textarea[data-key="{key}"]')


def real_editor(driver):
    """The structured editor (branch web-editor) has buttons that add rows; the stub has one textarea."""
    return bool(all_of(driver, '#plan-form button[data-action="add-section"]'))


def docx_text(data):
    """The text of a DOCX's body, paragraph by paragraph."""
    import io
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)
    out = []
    for p in paragraphs:
        out.append("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)))
    return "\n".join(out).replace("\u00a0", " ")


def fetch(driver, url):
    """GET with the browser's cookies (the session cookie is HttpOnly: read through WebDriver)."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    req = urllib.request.Request(url, headers={"Cookie": cookies})
    with urllib.request.urlopen(req, timeout=PREVIEW_WAIT) as r:
        return r.status, r.headers, r.read()


# MARK: The YAML of the stub editor


def stub_yaml(year, events, empty_second=False):
    """The plan the stub editor's textarea is given: the scenarios' section and events."""
    lines = ["вид: РМО", f'учебный_год: "{year}"', "заголовок:",
             f"  - План работы РМО школьных библиотекарей на {year} учебный год", "таблица:", "  разделы:",
             f"    - заголовок: {SECTION}", "      мероприятия:"]
    for i, (text, when) in enumerate(events):
        t = '""' if empty_second and i == 1 else text
        lines += [f"        - текст: {t}", f"          сроки: {when}"]
    return "\n".join(lines) + "\n"


# MARK: Scenarios


class Suite:
    def __init__(self, binary, shots, procs):
        self.binary = binary
        self.shots = shots
        self.procs = procs
        self.results = []
        self.driver = None
        self.base = None
        self.server = None
        self.editor_url = None

    def run(self, title, fn):
        started = time.monotonic()
        try:
            fn()
        except Exception as e:
            self.results.append((title, False))
            say(f"FAIL {title} ({time.monotonic() - started:.1f} с): {type(e).__name__}: {e}")
            for line in traceback.format_exc().rstrip().splitlines()[-6:]:
                say("     " + line)
            if self.driver is not None:
                try:
                    os.makedirs(os.path.join(ROOT, ".build", "browser-failures"), exist_ok=True)
                    slug = re.sub(r"\W+", "-", title.lower()).strip("-")[:40]
                    self.driver.save_screenshot(os.path.join(ROOT, ".build", "browser-failures", slug + ".png"))
                except Exception:
                    pass
        else:
            self.results.append((title, True))
            say(f"PASS {title} ({time.monotonic() - started:.1f} с)")

    def setup(self):
        folder = os.path.join(self.procs.temp, "документы")
        os.makedirs(folder)
        # A district's folder as a methodist has it: the example plans, an order with its contracts, the
        # statistics and the analysis (its plan named beside it, as `shablon serve` lays the examples out).
        plans = os.path.join(ROOT, "examples/plans")
        for f in sorted(os.listdir(plans)):
            if f.endswith(".yaml"): shutil.copy(os.path.join(plans, f), folder)
        for f in ["orders/order.xlsx", "orders/contracts.yaml", "analysis/statistics.csv", "analysis/statistics-2024-2025.xlsx"]:
            shutil.copy(os.path.join(ROOT, "examples", f), folder)
        with open(os.path.join(ROOT, "examples/analysis/analysis.yaml"), encoding="utf-8") as src:
            text = src.read().replace("план: ../plans/", "план: ")
        with open(os.path.join(folder, "analysis.yaml"), "w", encoding="utf-8") as dst:
            dst.write(text)
        self.folder = folder
        self.server, self.base = self.procs.start_server(self.binary, folder, "--port", "0")
        self.driver = self.procs.start_driver()

    # (1) The list page, a new plan through «Новый план».
    def create_plan(self):
        d = self.driver
        d.get(self.base)
        find(d, "table#documents")
        assert all_of(d, 'tr[data-name="rmo-2019-2020.yaml"]'), "в списке нет плана примера"
        screenshot(d, self.shots, "list.png")
        form = find(d, "form#new-plan")
        set_value(d, form.find_element("css selector", 'input[name="name"]'), PLAN_NAME)
        set_value(d, form.find_element("css selector", 'input[name="year"]'), PLAN_YEAR)
        submit_and_wait(d, form.find_element("css selector", "button"))
        find(d, "form#plan-form")
        notice = find(d, "#notice").text
        assert "Создан" in notice, f"нет сообщения о созданном плане: {notice!r}"
        assert "/d/" in d.current_url, d.current_url
        self.editor_url = d.current_url.split("?")[0]
        assert urllib.parse.unquote(self.editor_url).endswith("/d/" + PLAN_NAME), self.editor_url

    # (2) A section and two events.
    def add_section_and_events(self):
        d = self.driver
        d.get(self.editor_url)
        find(d, "form#plan-form")
        if real_editor(d):
            # The structured editor: the buttons add rows from the page's <template>s.
            add = d.find_elements("css selector", '#plan-form button[data-action="add-section"]')[-1]
            click(d, add)
            section = all_of(d, '#plan-form fieldset.row[data-kind="section"]')[-1]
            set_value(d, control(section, "заголовок"), SECTION)
            for text, when in EVENTS:
                click(d, section.find_element("css selector", 'button[data-action="add-event"]'))
                event = section.find_elements("css selector", 'fieldset.row[data-kind="event"]')[-1]
                set_value(d, control(event, "текст"), text)
                set_value(d, control(event, "сроки"), when)
        else:
            # STUB editor (branch web before web-editor is merged): one textarea with the plan's YAML.
            area = find(d, '#plan-form textarea[name="yaml"]')
            d.execute_script("arguments[0].value = arguments[1];", area, stub_yaml(PLAN_YEAR, EVENTS))
        typed = form_text(d)
        for text, when in EVENTS:
            assert text in typed and when in typed, f"в форме нет «{text}»"
        assert SECTION in typed

    # (3) A validation problem, in the words of the command line: the school year's years not in a row.
    def validation_problem(self):
        d = self.driver
        code, message = self.cli_problem()
        if real_editor(d):
            set_value(d, find(d, '#plan-form input[name="учебный_год"]'), BAD_YEAR)
        else:
            # STUB editor: the same plan with the wrong year.
            area = find(d, '#plan-form textarea[name="yaml"]')
            d.execute_script("arguments[0].value = arguments[1];", area, stub_yaml(BAD_YEAR, EVENTS))
        submit_and_wait(d, find(d, "button#save"))
        css = f'.problem[data-code="{code}"]'
        problems = [" ".join(p.text.split()) for p in all_of(d, css)]
        in_frame = False
        if not problems:
            # The stub editor saves any YAML; the preview frame says what stops the plan from printing.
            d.switch_to.frame(find(d, "iframe#preview"))
            try:
                find(d, css)
                problems = [" ".join(p.text.split()) for p in all_of(d, css)]
            finally:
                d.switch_to.default_content()
            in_frame = True
        assert problems, f"нет сообщения {css}; на странице: {[p.text for p in all_of(d, '.problem')]}"
        assert any(message in p for p in problems), f"нет слов командной строки «{message}» среди {problems}"
        screenshot(d, self.shots, "problem.png", "iframe#preview" if in_frame else css)

    def cli_problem(self):
        """What `shablon plan` says of the plan with the wrong year: the code and the message's first sentence."""
        path = os.path.join(self.procs.temp, "неверный-год.yaml")
        with open(path, "w") as f:
            f.write(stub_yaml(BAD_YEAR, EVENTS))
        r = subprocess.run([self.binary, "plan", path, "-o", os.path.join(self.procs.temp, "неверный-год.docx")],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode != 0, "командная строка приняла план с неверным учебным годом"
        # «файл: строка:столбец: error[код]: «поле»: сообщение. Подсказка.»
        m = re.search(r"\[([a-z0-9-]+)\]:\s*(?:«[^»]*»:\s*)?(.+?)(?:\.\s|\.?$)", r.stderr)
        assert m, f"командная строка не сказала, что не так: {r.stderr!r}"
        return m.group(1), " ".join(m.group(2).split())

    # (4) A valid plan saved: the notice, (8) the preview's pages.
    def save_valid(self):
        d = self.driver
        d.get(self.editor_url)
        find(d, "form#plan-form")
        if real_editor(d):
            set_value(d, find(d, '#plan-form input[name="учебный_год"]'), PLAN_YEAR)
            if EVENTS[0][0] not in form_text(d):
                # The refused save kept nothing: the section and events are typed again.
                self.add_section_and_events()
                set_value(d, find(d, '#plan-form input[name="учебный_год"]'), PLAN_YEAR)
        else:
            # STUB editor.
            area = find(d, '#plan-form textarea[name="yaml"]')
            d.execute_script("arguments[0].value = arguments[1];", area, stub_yaml(PLAN_YEAR, EVENTS))
        submit_and_wait(d, find(d, "button#save"))
        notice = find(d, "#notice").text
        assert "Сохранено" in notice, f"нет сообщения о сохранении: {notice!r}"
        assert not all_of(d, "#plan-form .problem"), "после верного сохранения остались сообщения о проблемах"
        typed = form_text(d)
        for text, _ in EVENTS:
            assert text in typed, f"после сохранения в форме нет «{text}»"

    def preview(self):
        d = self.driver
        frame = find(d, "iframe#preview")
        d.switch_to.frame(frame)
        try:
            # Pages drawn, or the problems that stop the plan from printing (then the wait ends at once).
            wait(d, lambda x: x.execute_script(
                "if (document.querySelector('.problem')) return true;"
                "var i = document.querySelectorAll('img.sheet');"
                "return i.length > 0 && Array.prototype.every.call(i, function (e) { return e.complete && e.naturalWidth > 0; });"),
                PREVIEW_WAIT, "в просмотре нет нарисованных страниц img.sheet")
            problems = [p.text for p in all_of(d, ".problem")]
            assert not problems, f"просмотр показывает проблемы вместо страниц: {problems}"
        finally:
            d.switch_to.default_content()
        screenshot(d, self.shots, "editor.png")

    # (5) The DOCX with the events typed.
    def download_docx(self):
        d = self.driver
        link = find(d, "a#download-docx").get_attribute("href")
        status, headers, data = fetch(d, link)
        assert status == 200, status
        assert "attachment" in headers.get("Content-Disposition", ""), headers.get("Content-Disposition")
        text = docx_text(data)
        for needle in [SECTION] + [t for t, _ in EVENTS]:
            assert needle in text, f"в DOCX нет «{needle}»"

    # (6) A Word plan imported through the page.
    def import_docx(self):
        d = self.driver
        docx = os.path.join(self.procs.temp, "план-из-word.docx")
        r = subprocess.run([self.binary, "plan", os.path.join(ROOT, "examples/plans/rmo-2019-2020.yaml"), "-o", docx],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, r.stderr
        d.get(self.base)
        form = find(d, "form#import")
        form.find_element("css selector", 'input[type="file"]').send_keys(docx)
        submit_and_wait(d, form.find_element("css selector", "button"))
        find(d, "form#plan-form")
        notice = find(d, "#notice").text
        assert "прочитан" in notice, f"нет сообщения об импорте: {notice!r}"
        typed = form_text(d)
        for needle in ("Мониторинг по библиотечным фондам", "Повышение профессиональной компетентности библиотекарей"):
            assert needle in typed, f"в редакторе импортированного плана нет «{needle}»"
        screenshot(d, self.shots, "import.png")

    # (7) «На следующий год» and the new plan.
    def next_year(self):
        d = self.driver
        d.get(self.base)
        row = find(d, 'tr[data-name="rmo-2019-2020.yaml"]')
        button = next(b for b in row.find_elements("css selector", "button") if b.text.strip() == "На следующий год")
        submit_and_wait(d, button)
        rolled = find(d, "#rolled").text
        assert "2020-2021" in rolled, f"новый план назван не по следующему году: {rolled!r}"
        screenshot(d, self.shots, "next-year.png")
        submit_and_wait(d, find(d, "a#open-next"))
        find(d, "form#plan-form")
        assert "2020-2021" in d.page_source and "2020-2021" in form_text(d), "в новом плане нет 2020-2021"

    # (10) A request with a foreign Host.
    def host_check(self):
        u = urllib.parse.urlsplit(self.base)
        for host, expected in (("evil.example", 421), (f"127.0.0.1:{u.port}", 200)):
            c = http.client.HTTPConnection(u.hostname, u.port, timeout=WAIT)
            try:
                c.request("GET", "/", headers={"Host": host})
                status = c.getresponse().status
            finally:
                c.close()
            assert status == expected, f"Host: {host} → {status}, ожидался {expected}"

    # (9) A server for the network: the password.
    def password_server(self):
        d = self.driver
        pw = os.path.join(self.procs.temp, "пароль.txt")
        with open(pw, "w") as f:
            f.write("длинный-пароль-для-проверки\n")
        folder = os.path.join(self.procs.temp, "сеть")
        os.makedirs(folder)
        shutil.copy(os.path.join(ROOT, "examples/plans/rmo-2019-2020.yaml"), folder)
        _, base = self.procs.start_server(self.binary, folder, "--host", "0.0.0.0", "--port", "0", "--password-file", pw)
        # Cookies belong to the host, not the port: the first server's session is dropped.
        d.delete_all_cookies()
        d.get(base)
        field = find(d, "input#password")
        assert d.current_url.rstrip("/").endswith("/login"), d.current_url
        screenshot(d, self.shots, "login.png")
        field.send_keys("не-тот-пароль")
        submit_and_wait(d, find(d, "button#login"))
        bad = find(d, ".notice.bad").text
        assert "не подошёл" in bad, bad
        assert not all_of(d, "table#documents"), "неверный пароль открыл список"
        find(d, "input#password").send_keys("длинный-пароль-для-проверки")
        submit_and_wait(d, find(d, "button#login"))
        find(d, "table#documents")
        assert all_of(d, 'tr[data-name="rmo-2019-2020.yaml"]')

    def no_password(self):
        p, _ = self.procs.start_server(self.binary, os.path.join(self.procs.temp, "сеть"), "--host", "0.0.0.0", "--port", "0",
                                       wait_for_url=False)
        try:
            status = p.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            raise AssertionError("shablon serve --host 0.0.0.0 без --password-file запустился")
        time.sleep(0.1)
        said = "\n".join(p.output)
        assert status == 2, f"код выхода {status}, ожидался 2; вывод: {said}"
        assert "пароля нет" in said and "--password-file" in said, f"не сказано почему: {said!r}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build/debug/shablon"))
    ap.add_argument("--screenshots", default=os.path.join(ROOT, ".build/browser-screens"))
    args = ap.parse_args()
    if os.environ.get("SHABLON_SKIP_BROWSER") == "1":
        say("Браузерные тесты пропущены: SHABLON_SKIP_BROWSER=1.")
        return 0
    missing = [n for n in ("chromium", "chromedriver") if not shutil.which(n)]
    if missing or not os.path.exists(CHROMEDRIVER):
        say("FAIL браузерные тесты: нет " + ", ".join(missing or [CHROMEDRIVER])
            + ". Установите: scripts/ensure-packages.sh test (пакеты chromium chromium-driver)"
            + " или пропустите нарочно: SHABLON_SKIP_BROWSER=1.")
        return 1
    try:
        import selenium  # noqa: F401
    except ImportError:
        say("FAIL браузерные тесты: нет Selenium; запустите через make browser-test (ставит его в .venv-browser).")
        return 1
    binary = os.path.abspath(args.binary)
    if not os.access(binary, os.X_OK):
        say(f"FAIL браузерные тесты: нет {binary}; соберите: swift build.")
        return 1
    # Selenium Manager never downloads anything: the driver and the browser are given.
    os.environ["SE_OFFLINE"] = "true"
    os.makedirs(args.screenshots, exist_ok=True)

    def stop(signum, _frame):
        raise KeyboardInterrupt(f"сигнал {signum}")

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGHUP, stop)
    started = time.monotonic()
    procs = Processes()
    suite = Suite(binary, args.screenshots, procs)
    killed = []
    try:
        suite.run("сервер и браузер запущены", suite.setup)
        if all(ok for _, ok in suite.results):
            suite.run("(1) новый план через форму «Новый план»", suite.create_plan)
            suite.run("(2) раздел и два мероприятия в редакторе", suite.add_section_and_events)
            suite.run("(3) сообщение о проблеме словами командной строки", suite.validation_problem)
            suite.run("(4) верный план сохранён, сообщение #notice", suite.save_valid)
            suite.run("(8) просмотр показывает страницы img.sheet", suite.preview)
            suite.run("(5) DOCX скачан, в нём набранные мероприятия", suite.download_docx)
            suite.run("(6) план из Word загружен и открыт в редакторе", suite.import_docx)
            suite.run("(7) «На следующий год» и новый план", suite.next_year)
            suite.run("(10) запрос с чужим Host получает 421", suite.host_check)
            suite.run("(9) сервер с паролем: вход", suite.password_server)
            suite.run("(9) --host 0.0.0.0 без --password-file: выход 2 и причина", suite.no_password)
    except KeyboardInterrupt as e:
        suite.results.append(("прервано", False))
        say(f"FAIL прервано: {e}")
    finally:
        killed = procs.close()
    left = procs.ours()
    cleanup_ok = not killed and not left and not os.path.exists(procs.temp)
    if cleanup_ok:
        suite.results.append(("ни одного процесса и временной папки не осталось", True))
        say("PASS ни одного процесса и временной папки не осталось")
    else:
        suite.results.append(("уборка", False))
        say(f"FAIL уборка: пришлось убить {killed}; остались {left}; папка {procs.temp} "
            + ("осталась" if os.path.exists(procs.temp) else "удалена"))
    passed = sum(1 for _, ok in suite.results if ok)
    failed = len(suite.results) - passed
    say(f"Браузерные тесты: {time.monotonic() - started:.1f} с; снимки экрана — {args.screenshots}")
    say(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
