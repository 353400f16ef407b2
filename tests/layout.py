"""The project's folders, named once for the tests that walk them (layering, docs, packaging)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The packages `pip install -e .` installs, each with one job (docs/architecture.md).
CODE_PACKAGES = (
    "metrics",
    "store",
    "intake",
    "plan",
    "settings",
    "charts",
    "exports",
    "dashboard",
    "cli",
    "demo",
)
#: Everything that holds Python source the app runs: the packages and the page scripts.
SOURCE_FOLDERS = (*CODE_PACKAGES, "pages")
