# Conveniences; the README's two commands need nothing but Python.
.PHONY: run test validate bench agreement adjudicate schemas

run:
	python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/corpus-kz info

test:
	python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && .venv/bin/python -m pytest

validate:
	.venv/bin/corpus-kz validate

bench:
	.venv/bin/python benchmarks/bench_load.py

agreement:
	.venv/bin/corpus-kz agreement --write

adjudicate:
	.venv/bin/corpus-kz adjudicate

schemas:
	.venv/bin/corpus-kz schemas
