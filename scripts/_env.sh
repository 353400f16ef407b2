# Shared by run.sh and test.sh: make .venv and install the pinned requirements when they change.
# Usage: source scripts/_env.sh <requirements file>
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REQ="${1:-requirements.txt}"
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "Meaningful Measures needs Python 3.11 or newer (found: $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "Creating the virtual environment in .venv ..."
  "$PYTHON" -m venv .venv
fi
STAMP=".venv/.installed-$(cat requirements.txt "$REQ" | sha256sum | cut -c1-16)"
if [ ! -f "$STAMP" ]; then
  echo "Installing pinned packages from $REQ ..."
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r "$REQ"
  rm -f .venv/.installed-*
  touch "$STAMP"
fi
