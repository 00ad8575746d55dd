# veille: two commands set everything up on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000
DB ?= veille.db

.PHONY: run test install install-dev eval lint bench bench-timex serve clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP) $@

install: $(STAMP)
install-dev: $(DEVSTAMP)

## make run: install, ingest the example corpus, print a short timeline, serve the web page
run: $(STAMP)
	$(BIN)/veille ingest examples --db $(DB)
	$(BIN)/veille stats --db $(DB)
	$(BIN)/veille timeline --db $(DB) --limit 15
	$(BIN)/veille serve --db $(DB) --host $(HOST) --port $(PORT)

## make test: install with dev extras, then every test
test: $(DEVSTAMP)
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
	  echo "chromium could not be installed: browser tests will be skipped"
	$(BIN)/pytest -q -n 2 --dist loadfile

## make eval: the seeds against ../shared gold, our examples against eval/ gold (and REAL_DEV=DIR)
eval: $(DEVSTAMP)
	$(BIN)/python eval/run_eval.py --shared $(SHARED) $(if $(REAL_DEV),--real-dev $(REAL_DEV),)

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests bench eval
	$(BIN)/mypy

## make bench: throughput, memory, scale and incremental figures, then API latency (p95)
bench: $(DEVSTAMP)
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python bench/run_bench.py
	$(BIN)/python bench/bench_api.py

bench-timex: $(DEVSTAMP)
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python bench/bench_timex.py --shared $(SHARED)

clean:
	rm -rf $(VENV) veille.db veille.db-wal veille.db-shm .pytest_cache .mypy_cache .ruff_cache
