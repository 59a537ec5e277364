# Counter: one file of commands. `make run` and `make test` each set up everything they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
QT_ENV := QT_QPA_PLATFORM=offscreen

.PHONY: pg-server run test test-fast lint translations update-translations package benchmarks clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

translations: $(STAMP)
	@if ls resources/translations/*.ts >/dev/null 2>&1; then \
		for ts in resources/translations/*.ts; do \
			$(BIN)/pyside6-lrelease -silent $$ts -qm $${ts%.ts}.qm || exit 1; \
		done; \
	fi

# Refresh the .ts sources from the code (new strings arrive untranslated). Our extractor
# rather than pyside6-lupdate, which misreads `tr = QCoreApplication.translate` aliases.
update-translations: $(STAMP)
	$(BIN)/python packaging/i18n_extract.py counter_app \
		resources/translations/counter_fr.ts resources/translations/counter_en.ts

# The shop PC's app: one folder under $(PACKAGE_DIST)/counter-app (see packaging/).
PACKAGE_DIST ?= dist
PACKAGE_BUILD ?= build/pyinstaller
package: $(STAMP) translations
	$(QT_ENV) $(BIN)/pyinstaller --noconfirm --log-level WARN \
		--distpath $(PACKAGE_DIST) --workpath $(PACKAGE_BUILD) packaging/counter-app.spec

run: $(STAMP) translations
	$(BIN)/counter-app --demo

# The shared-store tests start a PostgreSQL server of their own from the system's binaries.
# As root with apt-get they are installed here; otherwise say what to install (under CI a
# missing server then fails those tests rather than skipping them).
pg-server:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing the PostgreSQL server for the tests (apt-get install postgresql)"; \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null 2>&1 \
			|| { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null; } \
			|| echo "warning: could not install postgresql"; \
		else \
			echo "note: PostgreSQL server binaries (initdb, pg_ctl) missing: install 'postgresql' to run the shared-store tests"; \
		fi; \
	fi

# The OS-level input tests (tests/os_input/) drive the real window on Xvfb with xdotool: the
# script installs those tools with apt-get where it may (root, CI), else says what to install.
test: $(STAMP) translations pg-server
	@sh tests/os_input/ensure_system_packages.sh $(BIN)/python
	PYTHONDONTWRITEBYTECODE= $(QT_ENV) $(BIN)/python -m pytest

# The quick loop while changing code: the suite without the packaging, OS-level input,
# PostgreSQL and other slow-marked tests (markers set in tests/conftest.py). `make test`
# stays the whole suite.
# Two workers a core: most of these tests wait (typing at scanner speed, loopback servers that
# answer late on purpose), so a core is idle half the time with one. Byte-code is cached even
# where the shell sets PYTHONDONTWRITEBYTECODE: compiling the sources and rewriting the tests'
# asserts again in every worker cost more than the tests themselves.
FAST_MARKERS := not slow and not postgres and not os_input
FAST_WORKERS ?= $(shell echo $$(( $$(nproc) * 2 )))
test-fast: $(STAMP) translations
	PYTHONDONTWRITEBYTECODE= $(QT_ENV) $(BIN)/python -m pytest -q -n $(FAST_WORKERS) \
		--dist worksteal -m "$(FAST_MARKERS)" --ignore=tests/os_input

# mypy reads its settings (files = counter_app, check_untyped_defs) from pyproject.toml.
lint: $(STAMP)
	$(BIN)/ruff check counter_app tests migrations
	$(BIN)/ruff format --check counter_app tests migrations
	$(BIN)/mypy

benchmarks: $(STAMP)
	@for b in tests/benchmarks/bench_*.py; do echo "== $$b"; $(QT_ENV) $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .mypy_cache
