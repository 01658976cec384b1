# govhall — two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test lint setup demo clean bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip setuptools wheel
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)
	$(BIN)/govhall migrate --noinput
	$(BIN)/govhall collectstatic --noinput -v 0

demo: setup
	$(BIN)/govhall load_demo

run: demo
	$(BIN)/govhall runserver_banner --host $(HOST) --port $(PORT)

test: $(STAMP)
	$(BIN)/python scripts/check_browser.py
	# No persistent connections in tests: live-server threads must not hold the test database open.
	GOVHALL_DB_CONN_MAX_AGE=0 $(BIN)/pytest -n 2 --dist loadgroup -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy src/govhall/catalog/services src/govhall/identity/services src/govhall/*/services.py src/govhall/*/selectors*.py \
		src/govhall/core/audit.py src/govhall/core/personal_data.py src/govhall/identity/scope.py src/govhall/identity/session.py \
		src/govhall/catalog/elements.py src/govhall/catalog/codes.py src/govhall/catalog/access.py \
		src/govhall/catalog/consistency.py src/govhall/catalog/spreadsheet src/govhall/catalog/search \
		src/govhall/cases/services src/govhall/cases/numbers.py src/govhall/cases/uploads.py \
		src/govhall/core/workdays.py src/govhall/workflow/engine.py src/govhall/workflow/validation.py src/govhall/workflow/expressions.py \
		src/govhall/core/services_calendar.py src/govhall/supervision/services src/govhall/supervision/indicators.py \
		src/govhall/supervision/periodic.py src/govhall/supervision/rollup/services.py src/govhall/interaction/services \
		src/govhall/interaction/ratings/services.py src/govhall/interaction/ratings/selectors*.py \
		src/govhall/interaction/surveys/services src/govhall/interaction/surveys/selectors.py
	$(BIN)/lint-imports
	$(BIN)/govhall makemigrations --check --dry-run

bench: setup
	$(BIN)/python benchmarks/search.py
	$(BIN)/python benchmarks/guide.py
	$(BIN)/python benchmarks/cases.py --only submit  # the inbox part wants `govhall seed_scale --cases 1000000` first
	$(BIN)/python benchmarks/supervision.py  # scan and dashboard; seeds its own cases (see --help)

clean:
	rm -rf $(VENV) var
