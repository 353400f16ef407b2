#!/usr/bin/env bash
# Run every check: lint, format, unit/property/AppTest tests and browser tests (Debian chromium).
source "$(dirname "$0")/_env.sh" requirements-dev.txt
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian chromium for the browser tests ..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      chromium fonts-dejavu-core poppler-utils >/dev/null
  else
    echo "The browser tests need Debian's chromium: sudo apt-get install chromium fonts-dejavu-core poppler-utils" >&2
    exit 1
  fi
fi
echo "== ruff check" && .venv/bin/ruff check .
echo "== ruff format --check" && .venv/bin/ruff format --check .
echo "== mypy (metrics, store, intake, plan, settings)" && .venv/bin/mypy
echo "== pytest"
exec .venv/bin/python -m pytest -q -p no:cacheprovider "$@"
