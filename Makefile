# Two commands: `make run` (install + serve the app) and `make test` (install + lint + whole suite).
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501

.PHONY: run test lint e2e bench data clean

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

run: $(VENV)/.installed  ## install and serve the app on http://localhost:$(PORT)
	$(PY) -m streamlit run streamlit_app.py --server.port $(PORT)

test: $(VENV)/.dev-installed  ## lint, then unit + AppTest + browser (e2e) tests
	$(PY) -m ruff check .
	$(PY) -m pytest

e2e: $(VENV)/.dev-installed  ## browser tests only
	$(PY) -m pytest -m e2e

bench: $(VENV)/.dev-installed  ## print the performance figures
	$(PY) benchmarks/run_all.py

data: $(VENV)/.dev-installed  ## rebuild data/ from ../shared/reference (needs the build-only packages)
	$(PY) -m pip install --quiet -r scripts/requirements-build.txt
	$(PY) scripts/build_data.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
