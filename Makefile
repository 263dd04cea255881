# upr: `make pdf` builds every submission in content/ into build/ (DOCX and PDF);
# `make test` runs the test suite. Both create the virtual environment first.

PYTHON ?= python3
VENV   ?= .venv
UPR    := $(VENV)/bin/upr
STAMP  := $(VENV)/.upr-installed

.PHONY: pdf docx html all check test bench clean

$(STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

pdf: $(STAMP)
	$(UPR) build --format docx,pdf --out build

docx: $(STAMP)
	$(UPR) build --format docx --out build

html: $(STAMP)
	$(UPR) build --format html --out build

all: $(STAMP)
	$(UPR) build --format docx,pdf,html --out build

test: $(STAMP)
	$(VENV)/bin/python -m pytest -q

clean:
	rm -rf build/*.docx build/*.pdf build/*.html

check: $(STAMP)
	$(UPR) check

# Times upr's commands as whole processes beside pandoc, LibreOffice and WeasyPrint, and writes
# tests/benchmarks/RESULTS.md and scaling.png (about 12 minutes on 2 cores; BENCH=--quick for 2).
# Installs the bench extra (pandoc from PyPI, matplotlib) into .venv.
BENCH ?=
bench: $(STAMP)
	$(VENV)/bin/python -m pip install --quiet -e '.[bench]'
	$(VENV)/bin/python -m tests.benchmarks.run $(BENCH)
