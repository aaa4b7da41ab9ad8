# Shablon — build, demo, tests. `make demo` and `make test` install what is missing.
SWIFT ?= swift
BIN = .build/debug/shablon
OUT = out

.PHONY: all build release demo test deps deps-test clean templates bench

all: build

deps:
	@scripts/ensure-packages.sh build

deps-test:
	@scripts/ensure-packages.sh test

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

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

clean:
	rm -rf .build $(OUT)
