# Everyday commands. Only python3 is needed: the first run makes .venv and installs into it.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Exact versions of every package (runtime and dev), made by pip-compile from pyproject.toml
# (`make lock`): a report rerun in a year installs what it ran with today.
LOCK   := requirements.lock

.PHONY: env lock report test lint validate lab benchmarks clean

# The environment: created when missing, refreshed when pyproject.toml or the lock file change.
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

env: $(STAMP)

# Regenerate the lock file after changing the dependencies in pyproject.toml.
lock:
	test -x $(BIN)/pip-compile || $(MAKE) env
	$(BIN)/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url --no-emit-find-links \
		--output-file $(LOCK) pyproject.toml

report: $(STAMP)
	$(BIN)/osint report briefing

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

validate: $(STAMP)
	$(BIN)/osint validate data/claims.csv

lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

# Every benchmark once, with short settings (a smoke run; the README gives the full commands).
benchmarks: $(STAMP)
	$(BIN)/python benchmarks/bench_timeline.py --claims 20000 --runs 1
	$(BIN)/python benchmarks/bench_explore.py --claims 2000 --runs 1
	$(BIN)/python benchmarks/bench_maps.py --runs 1
	$(BIN)/python benchmarks/bench_gazetteer.py --runs 1 --names 200 --no-cold
	$(BIN)/python benchmarks/bench_extract.py --docs 100 --runs 1
	$(BIN)/python benchmarks/score_extract.py
	$(BIN)/python benchmarks/bench_reports.py --repeat 1
	$(BIN)/python benchmarks/bench_svg.py --counts 250 --runs 1

clean:
	rm -rf reports/*.html reports/*.ipynb reports/figures
