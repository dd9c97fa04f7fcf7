# The two commands of the README are `make demo` and `make test`; both set everything up first.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
DB ?= sqlite:var/jinfu.db
LISTEN ?= 127.0.0.1:8080
# The demo describes a zone's year up to this day: its server runs in demo mode on a clock that
# starts here, so the demo looks the same whatever day it is loaded (the tests pin theirs too).
DEMO_NOW ?= 2026-11-27T09:30:00+08:00
DEMO_CLOCK := --mode demo --now $(DEMO_NOW)

.PHONY: setup build release web demo test check bench fuzz clean

setup:
	@scripts/setup

# Debug build of everything: the server, unit tests, benchmarks.
build: setup
	@cmake --preset debug >/dev/null
	@cmake --build --preset debug -j $(JOBS)

release: setup
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j $(JOBS)

web: setup
	@npm run --silent build:web

demo: release web
	@build/release/jinfu --db $(DB) $(DEMO_CLOCK) migrate
	@build/release/jinfu --db $(DB) $(DEMO_CLOCK) demo --if-empty
	@echo "打开 / open  http://$(LISTEN)（演示时钟从 $(DEMO_NOW) 开始）"
	@build/release/jinfu --db $(DB) $(DEMO_CLOCK) serve --listen $(LISTEN)

test: build web
	@scripts/test

# The fast loop: build, the unit tests (no database, no server; ctest label `unit`) and Vitest.
check: build
	@scripts/check

bench: release
	@scripts/bench

# libFuzzer on the readers of provider files (CSV, XLSX, JSON Lines), 300 s per target.
fuzz: setup
	@scripts/fuzz 300

clean:
	rm -rf build web/dist test-artifacts
