# Shablon — build, demo, tests. `make demo` and `make test` install what is missing.
SWIFT ?= swift
BIN = .build/debug/shablon
OUT = out

.PHONY: all build release demo test deps deps-test clean templates bench bench-check bench-deps

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

# Renders every example into out/ (DOCX, ODT and PDF).
demo: deps-test build
	@mkdir -p $(OUT)
	@bash examples/render-all.sh $(BIN) $(OUT)

test: deps-test
	$(SWIFT) build
	$(SWIFT) test --disable-xctest

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

# Fails when a ratio falls below its target (run by hand).
bench-check: bench-deps
	python3 bench/run.py --check

clean:
	rm -rf .build $(OUT)
