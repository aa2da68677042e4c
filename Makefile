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
	.venv/bin/python -m corpus_kz.adjudicate

schemas:
	.venv/bin/python -c "from corpus_kz.schema import write_schemas; write_schemas('.')"
