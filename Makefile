# Everything the project needs installs from here: a project-local virtualenv with the
# package and its extras, Debian's chromium for the browser test, and Debian's postgresql
# for the tests that run on both backends (they start a throwaway cluster of their own).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED_CORPUS ?= ../shared/corpus
DB ?= factdb.db
PORT ?= 8001

.PHONY: install demo test lint bench browser-deps postgres-deps clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	# Python's own pip on purpose (no upgrade): what a user's `pip install .` meets must work here too
	$(BIN)/pip install --quiet -e '.[test,bench,postgres]'
	touch $@

install: $(BIN)/.installed

# Chromium from Debian for the end-to-end browser test (Playwright drives it; its own
# browser download cannot work here).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi; }

# PostgreSQL's server programs (initdb, pg_ctl) for the tests: each session starts its own
# cluster in a temporary folder on a unix socket (tests/pg.py), so no service is enabled.
postgres-deps:
	@ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || command -v pg_ctl >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq postgresql >/dev/null; fi; }

# The main job: ingest the seeds and the shared corpus (when present), check, publish a
# clean snapshot and serve it read-only. A file ingest refuses is reported on stderr and
# does not stop the demo (the leading '-'); verify still has to pass.
demo: install
	-$(BIN)/factdb ingest --db $(DB) seeds
	-@if [ -d $(SHARED_CORPUS)/bbc ]; then $(BIN)/factdb ingest --db $(DB) --recursive --outlet BBC $(SHARED_CORPUS)/bbc; fi
	-@if [ -d $(SHARED_CORPUS)/reuters-2016 ]; then $(BIN)/factdb ingest --db $(DB) $(SHARED_CORPUS)/reuters-2016; fi
	$(BIN)/factdb verify --db $(DB)
	$(BIN)/factdb serve --db $(DB) --dir dist --host 127.0.0.1 --port $(PORT)

test: install browser-deps postgres-deps
	$(BIN)/ruff check .
	$(BIN)/pytest -q

bench: install
	$(BIN)/python -m benchmarks ingest
	$(BIN)/python -m benchmarks extract
	$(BIN)/python -m benchmarks serve

clean:
	rm -rf $(VENV) dist build *.egg-info .pytest_cache
