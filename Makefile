# Shablon — build, demo, tests. `make demo` and `make test` install what is missing.
SWIFT ?= swift
BIN = .build/debug/shablon
OUT = out

.PHONY: all build release install uninstall demo test deps deps-test clean templates bench bench-check bench-deps bench-pdf bench-web
.PHONY: browser-test browser-deps screenshots serve
.PHONY: fuzz fuzz-build fuzz-ci fuzz-merge sanitize

all: build

deps:
	@scripts/ensure-packages.sh build

deps-test:
	@scripts/ensure-packages.sh test

build: deps
	$(SWIFT) build

# One self-contained binary (Swift runtime and Foundation linked in): .build-release/release/shablon.
RELEASE = $(SWIFT) build -c release --static-swift-stdlib --scratch-path .build-release
release: deps
	$(RELEASE) --product shablon

# Puts the release binary on the PATH: $(PREFIX)/bin/shablon. PREFIX is ~/.local by default (no root
# needed; ~/.local/bin is on the PATH of most desktops); for every user: sudo make install PREFIX=/usr/local.
PREFIX ?= $(HOME)/.local
install: release
	install -d "$(DESTDIR)$(PREFIX)/bin"
	install -m 755 .build-release/release/shablon "$(DESTDIR)$(PREFIX)/bin/shablon"
	@case ":$$PATH:" in *":$(PREFIX)/bin:"*) ;; *) echo "$(PREFIX)/bin нет в PATH: добавьте export PATH=\"$(PREFIX)/bin:\$$PATH\" в ~/.profile";; esac

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/shablon"

# The page in the browser over ~/Shablon (FOLDER=… for another folder): builds, then prints the address.
serve: deps-test build
	$(BIN) serve $(FOLDER)

# Renders every example into out/ (DOCX, ODT and PDF).
demo: deps-test build
	@mkdir -p $(OUT)
	@bash examples/render-all.sh $(BIN) $(OUT)

test: deps-test
	$(SWIFT) build
	$(SWIFT) test --disable-xctest
	$(MAKE) browser-test

# Real-browser tests of `shablon serve` (Tests/browser/run.py): headless Chromium and chromedriver from
# Debian, Selenium from PyPI in .venv-browser. SHABLON_SKIP_BROWSER=1 skips them (and says so).
SELENIUM = selenium==4.50.0
browser-deps: deps-test
	@[ "$$SHABLON_SKIP_BROWSER" = 1 ] || [ -x .venv-browser/bin/python ] || python3 -m venv .venv-browser
	@[ "$$SHABLON_SKIP_BROWSER" = 1 ] || .venv-browser/bin/python -c "import selenium, sys; sys.exit(selenium.__version__ != '$(SELENIUM:selenium==%=%)')" 2>/dev/null \
		|| .venv-browser/bin/pip install -q --disable-pip-version-check "$(SELENIUM)"

browser-test: browser-deps
	$(SWIFT) build --product shablon
	@if [ "$$SHABLON_SKIP_BROWSER" = 1 ]; then python3 Tests/browser/run.py; else .venv-browser/bin/python Tests/browser/run.py --binary $(BIN); fi

# The same suite, writing its screenshots into docs/images/web/ (the pictures of docs/web.md and README).
screenshots: browser-deps build
	.venv-browser/bin/python Tests/browser/run.py --binary $(BIN) --screenshots docs/images/web

# Rebuilds the DOCX and ODT templates from their flat-ODF sources with LibreOffice (run by hand;
# the results are committed).
templates: deps-test
	@bash scripts/build-templates.sh

# Benchmarks against docxtpl (installed from PyPI into .venv-bench when missing). Never run by CI.
bench-deps: deps
	@[ -x .venv-bench/bin/python ] || python3 -m venv .venv-bench
	@.venv-bench/bin/python -c "import docxtpl" 2>/dev/null || .venv-bench/bin/pip install -q docxtpl
	$(RELEASE) --product shablon
	$(RELEASE) --product shablon-bench
	python3 bench/make_fixtures.py

bench: bench-deps
	python3 bench/run.py
	python3 bench/web.py

# The page's speed (`shablon serve`): list and editor with 200 documents, save + preview of a five-page plan.
bench-web: bench-deps
	python3 bench/web.py

# Only the PDF rows (LibreOffice: the pool, one soffice, one LibreOffice per document, a plan).
bench-pdf: bench-deps
	python3 bench/run.py --pdf-only

# Fails when a ratio falls below its target (run by hand).
bench-check: bench-deps
	python3 bench/run.py --check

# Fuzzing (docs/fuzzing.md): builds the libFuzzer targets with AddressSanitizer into .build-fuzz and runs
# each for FUZZ_SECONDS seconds, one after another; crashes go to fuzz/artifacts/ (never committed).
FUZZ_SECONDS ?= 60
fuzz: fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh run

fuzz-build: deps
	fuzz/run.sh build

# What CI runs: every target replays the committed corpus, then 20 000 inputs from a fixed seed
# (the same inputs on every run, so a failure is repeatable).
fuzz-ci: fuzz-build
	FUZZ_RUNS=20000 FUZZ_SEED=1 FUZZ_SECONDS=600 FUZZ_NICE=0 fuzz/run.sh run

# Minimises the grown corpora (and the fixtures' seeds) into the committed fuzz/corpus/.
fuzz-merge: fuzz-build
	python3 fuzz/make-seeds.py .build-fuzz/seeds
	SEEDS=.build-fuzz/seeds fuzz/run.sh merge

# The test suite under AddressSanitizer (LeakSanitizer included; Foundation's own leaks suppressed), then
# under ThreadSanitizer (Swift Testing runs tests in parallel; Concurrency and BatchCommand render one
# template from many threads). Own scratch paths, so the normal build is left alone.
sanitize: deps-test
	SWIFT_BACKTRACE=enable=no LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan-suppressions.txt:print_suppressions=0 \
		$(SWIFT) test -c debug --sanitize=address --scratch-path .build-asan --disable-xctest
	SWIFT_BACKTRACE=enable=no TSAN_OPTIONS=halt_on_error=1 \
		$(SWIFT) test -c debug --sanitize=thread --scratch-path .build-tsan --disable-xctest

clean:
	rm -rf .build $(OUT)
