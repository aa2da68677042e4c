# Conveniences; the README's two commands need nothing but Python.
.PHONY: run test validate bench bench-report bench-preannotate evaluate calibrate agreement adjudicate schemas

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

bench-preannotate:
	.venv/bin/python benchmarks/bench_preannotate.py

# The pre-annotator leave-one-out on the gold, then on PolNeAR where ../shared/polnear-dev exists.
evaluate:
	.venv/bin/corpus-kz evaluate
	if [ -d ../shared/polnear-dev ]; then .venv/bin/corpus-kz evaluate --brat ../shared/polnear-dev; fi

# Refit the pre-annotator's confidence (gold leave one out and ../shared/polnear-dev): the fit, README's table, the diagram.
calibrate:
	.venv/bin/corpus-kz calibrate --write

agreement:
	.venv/bin/corpus-kz agreement --write

adjudicate:
	.venv/bin/corpus-kz adjudicate

schemas:
	.venv/bin/corpus-kz schemas
