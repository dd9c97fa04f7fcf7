# The two commands of the README are `make demo` and `make test`; both set everything up first.
SHELL := /bin/bash
JOBS ?= $(shell nproc)
DB ?= sqlite:var/jinfu.db
LISTEN ?= 127.0.0.1:8080

.PHONY: setup build release web demo test bench fuzz clean

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
	@build/release/jinfu --db $(DB) migrate
	@build/release/jinfu --db $(DB) demo --if-empty
	@echo "打开 / open  http://$(LISTEN)"
	@build/release/jinfu --db $(DB) serve --listen $(LISTEN)

test: build web
	@scripts/test

bench: release
	@scripts/bench

# libFuzzer on the readers of provider files (CSV, XLSX, JSON Lines), 300 s per target.
fuzz: setup
	@scripts/fuzz 300

clean:
	rm -rf build web/dist test-artifacts
