# Taawon: make demo | make test | make test-browser | make bench | make lint
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
# Fixed, public keys for the test suite only; never use them for real data.
TEST_ENV := TAAWON_SECRET_KEY=test-only-secret TAAWON_FIELD_KEYS=Mr7c-xSzXpj38JeHrl8Hn8ZuHl2v6zuF6GHjIRTSjRE= TAAWON_TASK_BACKEND=django_tasks.backends.immediate.ImmediateBackend
PG_URL ?= postgres://postgres@127.0.0.1:5432/taawon
# The suite runs in one process per CPU (pytest-xdist; each has its own test database):
# `make test TEST_WORKERS=0` runs it in this process alone.
TEST_WORKERS ?= logical

.PHONY: install lock audit demo test test-browser test-postgres test-all bench lint messages

# Every package at the version and with the hashes of requirements.lock (`make lock` writes it
# from pyproject.toml), then Taawon itself, built with the locked setuptools. --no-deps: the lock
# already holds every dependency, and pip's resolver (23.2) refuses an extra a dependency asks
# for (weasyprint's fonttools[woff]) in hash mode.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip check
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

# After a change to the dependencies of pyproject.toml; keeps the other pins as they are
# (`make lock LOCK_ARGS=--upgrade` moves every package to its newest allowed version).
lock: $(STAMP)
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links --extra dev -o requirements.lock $(LOCK_ARGS) pyproject.toml

# Known vulnerabilities in the locked packages; needs the vulnerability service on the network.
audit: $(STAMP)
	$(BIN)/pip-audit --strict --require-hashes --disable-pip -r requirements.lock

demo: $(STAMP)
	TAAWON_DEMO=1 $(BIN)/taawon demo $(DEMO_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .

test: lint
	$(TEST_ENV) $(BIN)/taawon makemigrations --check --dry-run
	$(TEST_ENV) $(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

# Browser journeys (browser_tests/, not collected by `make test`): Playwright driving Debian's
# Chromium against `taawon demo`; screenshots in var/screenshots/.
test-browser: $(STAMP)
	$(TEST_ENV) $(BIN)/pytest browser_tests $(BROWSER_ARGS)

test-postgres: $(STAMP)
	TAAWON_DATABASE_URL=$(PG_URL) $(MAKE) test

test-all: test test-postgres

bench: $(STAMP)
	$(TEST_ENV) $(BIN)/python -m bench $(BENCH_ARGS)

messages: $(STAMP)
	cd taawon && $(TEST_ENV) ../$(BIN)/taawon makemessages -l ar -l ckb --no-obsolete --no-location && $(TEST_ENV) ../$(BIN)/taawon compilemessages -l ar -l ckb
