"""`metrics/` is the domain: it imports neither `exports`, `demo` nor `cli` (the CLI wires them).

Read from the source with `ast`, so an import inside a function counts as much as one at the
top; nothing is imported to check it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTSIDE_THE_DOMAIN = {"exports", "demo", "cli", "pages", "dashboard", "charts", "streamlit"}


def _imported_packages(path: Path) -> set[str]:
    """The top-level package of every import statement in one file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_the_walker_sees_imports_inside_functions(tmp_path: Path) -> None:
    source = tmp_path / "x.py"
    source.write_text("import os\n\ndef f():\n    from exports.pdf import build_pdf\n")
    assert _imported_packages(source) == {"os", "exports"}


def test_metrics_imports_nothing_outside_the_domain() -> None:
    files = sorted((ROOT / "metrics").glob("*.py"))
    assert len(files) > 30  # the walk really read the package
    offending = {
        f"{path.name}: {package}"
        for path in files
        for package in _imported_packages(path) & OUTSIDE_THE_DOMAIN
    }
    assert offending == set()


def test_the_run_time_reference_module_does_not_import_the_generator() -> None:
    assert "demo" not in _imported_packages(ROOT / "metrics" / "reference.py")
    assert not (ROOT / "metrics" / "demo.py").exists()
    assert not (ROOT / "metrics" / "cli.py").exists()
