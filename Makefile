# The README's two set-up commands: `make run` and `make test`. Everything installs from here.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
BIN    := $(VENV)/bin
OUT    := out

.PHONY: run test install bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $@

install: $(VENV)/.installed

# Ingest the bundled example articles into the embedded SQLite store, show and export them.
run: install
	mkdir -p $(OUT)
	$(BIN)/konflikt ingest examples/ --db $(OUT)/konflikt.sqlite
	$(BIN)/konflikt records --db $(OUT)/konflikt.sqlite
	$(BIN)/konflikt export --db $(OUT)/konflikt.sqlite --format jsonl $(OUT)/records.jsonl
	$(BIN)/konflikt export --db $(OUT)/konflikt.sqlite --format csv $(OUT)/records.csv
	$(BIN)/konflikt export --db $(OUT)/konflikt.sqlite --format geojson $(OUT)/records.geojson
	@echo "Records written to $(OUT)/records.jsonl, $(OUT)/records.csv and $(OUT)/records.geojson"

test: install
	$(PY) -m pytest -q

# Every benchmark (needs ../shared for the NER, toponym and records figures); see README.
bench: install
	$(PY) benchmarks/records.py --splits seed dev dev2 test
	$(PY) benchmarks/times_numbers.py
	$(PY) benchmarks/toponyms.py
	OMP_NUM_THREADS=1 $(PY) benchmarks/ner.py
	$(PY) benchmarks/throughput.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
