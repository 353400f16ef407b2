# Shortcuts for the README's commands; `make demo` rewrites data/demo/*.csv from data/demo_source.
.PHONY: run test bench demo
run:
	bash scripts/run.sh
test:
	bash scripts/test.sh
bench:
	.venv/bin/python bench/bench_report.py && .venv/bin/python bench/bench_pack.py
demo:
	.venv/bin/python -m demo
