# Conveniences; the README's two commands need nothing but Python.
.PHONY: run test validate bench bench-report agreement adjudicate schemas

run:
	python3 -m venv .venv && .venv/bin/pip install -e ".[report]" && .venv/bin/corpus-kz report

test:
	python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && .venv/bin/python -m pytest

validate:
	.venv/bin/corpus-kz validate

bench:
	.venv/bin/python benchmarks/bench_load.py

bench-report:
	.venv/bin/python benchmarks/bench_report.py

agreement:
	.venv/bin/corpus-kz agreement --write

adjudicate:
	.venv/bin/corpus-kz adjudicate

schemas:
	.venv/bin/corpus-kz schemas
