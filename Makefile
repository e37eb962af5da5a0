# Two commands: `make run` (install + serve the app) and `make test` (install + lint + whole suite).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501

.PHONY: run test lint e2e bench bytecode load load-browser data clean

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed bytecode  ## install and serve the app on http://localhost:$(PORT) (settings checked first)
	$(PY) -m dashboard.startup
	$(PY) -m ui.server run streamlit_app.py --server.port $(PORT)

# Fast suites first, the browser last. Any pytest failure stops make, including exit code 5 (no tests
# collected); browser tests are skipped without chromium locally and fail under CI=true (tests/e2e/conftest.py).
test: $(VENV)/.dev-installed  ## lint, then unit + AppTest tests, then the browser (e2e) tests
	$(PY) -m ruff check .
	$(PY) -m pytest -m "not e2e"
	$(PY) -m pytest -m e2e

e2e: $(VENV)/.dev-installed  ## browser tests only
	$(PY) -m pytest -m e2e

# The app's own modules compiled ahead, as pip does for the packages: where PYTHONDONTWRITEBYTECODE is set (many
# container images, this project's CI) every start would otherwise compile them again (about 0.07 s of the first visit).
bytecode: $(VENV)/.installed
	$(PY) -m compileall -q dashboard ui pages streamlit_app.py

bench: $(VENV)/.dev-installed bytecode  ## print the performance figures (a table; see benchmarks/README.md)
	$(PY) benchmarks/run_all.py

load: $(VENV)/.dev-installed  ## 20 concurrent sessions against one server (Streamlit's protocol): p50/p95, memory
	$(PY) benchmarks/load_protocol.py

load-browser: $(VENV)/.dev-installed  ## the same with 20 Chromium tabs on this machine (measures the browsers too)
	$(PY) benchmarks/load.py

data: $(VENV)/.dev-installed  ## rebuild data/ from ../shared/reference (needs the build-only packages)
	$(PY) -m pip install --quiet -r scripts/requirements-build.txt
	$(PY) scripts/build_data.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
