# make lab  — set up .venv, build the demo corpus (once per extraction version; ~10 s) and open
#             JupyterLab on notebooks/
# make test — set up .venv (and Chromium for the browser test) and run every test
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: lab test setup browser lint bench notebooks clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

# Debian's chromium for the browser test; skipped quietly when not root or already present.
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi

# --allow-root only when run as root (containers, CI machines); JupyterLab refuses root otherwise.
lab: $(STAMP)
	$(PY) -m toolkit.demo
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $$( [ "$$(id -u)" = 0 ] && echo --allow-root )

test: $(STAMP) browser lint
	$(PY) -m toolkit.demo
	$(PY) -m pytest tests notebooks --nbval --nbval-sanitize-with notebooks/sanitize.cfg

lint: $(STAMP)
	$(VENV)/bin/ruff check toolkit tests benchmarks
	$(VENV)/bin/mypy toolkit

# Re-execute the notebooks in place (after a change to what they show), without timestamps.
notebooks: $(STAMP)
	$(PY) -m toolkit.demo
	cd notebooks && for nb in *.ipynb; do \
		../$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace \
			--ExecutePreprocessor.store_widget_state=False $$nb || exit 1; done
	$(PY) notebooks/strip_metadata.py notebooks/*.ipynb

# Speed figures (each script documents its method); bench_scale.py (10k and 100k articles) apart.
bench: $(STAMP)
	for b in load mentions statements sources analysis widgets; do $(PY) benchmarks/bench_$$b.py || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache
