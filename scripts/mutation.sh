#!/usr/bin/env bash
# Mutation testing of the rule modules with mutmut (slow: not part of test.sh or CI).
# Usage: bash scripts/mutation.sh [module ...]   e.g. bash scripts/mutation.sh rag formatting
# With no module: every rule module, testing only mutants not yet tested (the first run takes
# about an hour on 2 cores). With modules: each one again in full, one at a time. At most 2
# children (MUTMUT_CHILDREN), only the fast unit tests listed under [tool.mutmut] in
# pyproject.toml; then killed / survived / other and the score for each module.
# Equivalent survivors are listed, with the reason, in docs/mutation.md.
source "$(dirname "$0")/_env.sh" requirements-dev.txt
MODULES=("$@")
CHILDREN="${MUTMUT_CHILDREN:-2}"
if [ ${#MODULES[@]} -eq 0 ]; then
  # Every module in [tool.mutmut] only_mutate; mutmut keeps earlier results and tests only
  # the mutants of functions changed since (or never tested).
  MODULES=(rag report risk periods reported priority_status formatting exceptions showing)
  echo "== mutmut: ${MODULES[*]}"
  .venv/bin/mutmut run --max-children "$CHILDREN" >/dev/null || true
else
  for module in "${MODULES[@]}"; do  # named: every mutant of the module again
    echo "== mutmut: metrics/${module}.py"
    .venv/bin/mutmut run --max-children "$CHILDREN" "metrics.${module}.*" >/dev/null || true
  done
fi
echo "== score (killed / all tested mutants, per module)"
RESULTS="$(mktemp)"
.venv/bin/mutmut results --all true >"$RESULTS"
.venv/bin/python - "$RESULTS" "${MODULES[@]}" <<'PY'
import collections
import sys

counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
with open(sys.argv[1], encoding="utf-8") as lines:
    for line in lines:
        name, _, status = line.strip().rpartition(": ")
        if name.startswith("metrics."):
            counts[name.split(".")[1]][status] += 1
total: collections.Counter = collections.Counter()
for module in sys.argv[2:]:
    c = counts[module]
    total += c
    tested = sum(c.values())
    score = 100 * c["killed"] / tested if tested else 0.0
    other = {k: v for k, v in c.items() if k not in ("killed", "survived")}
    print(f"{module:16} killed {c['killed']:4}  survived {c['survived']:4}  other {other}  "
          f"score {score:5.1f}%")
tested = sum(total.values())
if tested:
    print(f"{'all':16} killed {total['killed']:4}  survived {total['survived']:4}  "
          f"score {100 * total['killed'] / tested:5.1f}%")
PY
rm -f "$RESULTS"
echo "Surviving mutants: .venv/bin/mutmut results ; one in full: .venv/bin/mutmut show <name>"
