# Conveniences; the README's two commands need nothing but Python.
.PHONY: run test validate bench bench-report bench-preannotate evaluate calibrate quality agreement adjudicate schemas

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

# The pre-annotator's precision and recall per class, shipped in corpus_kz/fitted/quality.json for the
# analyses' corrected counts: run it after changing the rules (tests/scoring/test_quality.py says when).
quality:
	.venv/bin/corpus-kz quality --write

agreement:
	.venv/bin/corpus-kz agreement --write

adjudicate:
	.venv/bin/corpus-kz adjudicate

schemas:
	.venv/bin/corpus-kz schemas
