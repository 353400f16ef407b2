"""Page scripts only compose: their helpers live in dashboard/sections, and the layers below
the dashboard never reach up into it.

Read from the source with `ast` (like tests/test_layering.py), so nothing is imported to check.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: Page scripts allowed to define functions, with why. Empty: every helper has a section module.
#: None: every page helper lives in dashboard/sections/.
DEFINES_FUNCTIONS: set[str] = set()
#: Lower layers: the rules, the store, reading files and the improvement plan.
BELOW_THE_DASHBOARD = ("metrics", "store", "intake", "plan", "settings")


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _functions(path: Path) -> list[str]:
    return [
        f"{path.name}:{node.lineno} {node.name}"
        for node in ast.walk(_tree(path))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
    ]


def _imported(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def test_page_scripts_define_no_functions() -> None:
    pages = sorted((ROOT / "pages").glob("*.py"))
    assert len(pages) >= 13
    defined = [f for p in pages if p.name not in DEFINES_FUNCTIONS for f in _functions(p)]
    assert defined == []


def test_each_page_with_parts_has_its_section_module() -> None:
    sections = {p.stem for p in (ROOT / "dashboard" / "sections").glob("*.py")}
    for page in ("board", "explorer", "exceptions", "overview", "waiting_times", "risks"):
        assert page in sections
        assert f"dashboard.sections.{page}" in _imported(ROOT / "pages" / f"{page}.py")


def test_sections_are_not_page_scripts() -> None:
    """A section renders when called, never on import: no Streamlit call at module level."""
    for path in sorted((ROOT / "dashboard" / "sections").glob("*.py")):
        for node in _tree(path).body:
            if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
                raise AssertionError(f"{path.name}:{node.lineno} runs at import")


def test_the_layers_below_never_import_the_dashboard_or_pages() -> None:
    reaching_up = [
        f"{path.relative_to(ROOT)} imports {name}"
        for package in BELOW_THE_DASHBOARD
        for path in sorted((ROOT / package).rglob("*.py"))
        for name in _imported(path)
        if name.split(".")[0] in ("dashboard", "pages")
    ]
    assert reaching_up == []
