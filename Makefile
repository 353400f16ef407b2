# Shortcuts for the two commands in the README.
.PHONY: run test bench
run:
	bash scripts/run.sh
test:
	bash scripts/test.sh
bench:
	.venv/bin/python bench/bench_report.py && .venv/bin/python bench/bench_pack.py
