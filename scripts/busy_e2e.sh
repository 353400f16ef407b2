#!/usr/bin/env bash
# Prove the browser tests hold on a busy machine: run tests/e2e beside two busy CPU loops.
#
#   bash scripts/busy_e2e.sh [pytest args, e.g. tests/e2e/test_pages.py]
#
# The loops are bounded (MM_BUSY_SECONDS, default 1800 s, by `timeout`) and this script stops
# them itself when pytest ends, however it ends. It exits with pytest's status.
set -u
cd "$(dirname "$0")/.."
source scripts/_env.sh requirements-dev.txt >/dev/null
seconds="${MM_BUSY_SECONDS:-1800}"
pids=()
stop_loops() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
}
trap stop_loops EXIT
for _ in 1 2; do
  timeout "$seconds" bash -c 'while :; do :; done' &
  pids+=("$!")
done
echo "busy loops ${pids[*]} (at most ${seconds} s); $(uptime)"
start=$(date +%s)
status=0
.venv/bin/python -m pytest -q -p no:cacheprovider "${@:-tests/e2e}" || status=$?
echo "pytest exit ${status} after $(( $(date +%s) - start )) s beside two busy loops; $(uptime)"
exit "$status"
