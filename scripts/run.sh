#!/usr/bin/env bash
# Start the dashboard. First run: makes .venv, installs requirements, builds the demo database
# from data/demo (unless MM_DB_PATH points at an existing database).
source "$(dirname "$0")/_env.sh" requirements.txt
PORT="${PORT:-8501}"
ADDRESS="${ADDRESS:-127.0.0.1}"
echo "Meaningful Measures on http://${ADDRESS}:${PORT}  (Ctrl+C to stop)"
exec .venv/bin/python -m dashboard.serve \
  --server.address "$ADDRESS" --server.port "$PORT" \
  --server.headless true --browser.gatherUsageStats false "$@"
