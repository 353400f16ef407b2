"""Each package holds one job, and no module imports itself through a cycle.

Read from the source with `ast`, so an import inside a function counts as much as one at the
top; nothing is imported to check it.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.layout import ROOT, SOURCE_FOLDERS

PACKAGES = SOURCE_FOLDERS
#: metrics/ is the rules: pure, so no database, no file reading, no Streamlit, no other layer.
OUTSIDE_THE_RULES = {
    "exports",
    "demo",
    "cli",
    "pages",
    "dashboard",
    "charts",
    "streamlit",
    "store",
    "intake",
    "plan",
    "duckdb",
    "openpyxl",
    "csv",
}


def _imports(path: Path) -> set[str]:
    """The full dotted name of every module one file imports (`from a import b` gives a, a.b)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _imported_packages(path: Path) -> set[str]:
    """The top-level package of every import statement in one file."""
    return {name.split(".")[0] for name in _imports(path)}


def _modules() -> dict[str, Path]:
    """Every module by dotted name, sub-packages (exports/pdf/, dashboard/sections/) included."""
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(path) & set(modules) - {name} for name, path in modules.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def test_the_walker_sees_imports_inside_functions(tmp_path: Path) -> None:
    source = tmp_path / "x.py"
    source.write_text("import os\n\ndef f():\n    from exports.pdf import build_pdf\n")
    assert _imported_packages(source) == {"os", "exports"}
    assert _imports(source) == {"os", "exports.pdf", "exports.pdf.build_pdf"}


def test_the_cycle_finder_finds_a_cycle_and_only_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_metrics_is_the_rules_only() -> None:
    files = sorted((ROOT / "metrics").glob("*.py"))
    assert len(files) > 20  # the walk really read the package
    offending = {
        f"{path.name}: {package}"
        for path in files
        for package in _imported_packages(path) & OUTSIDE_THE_RULES
    }
    assert offending == set()


def test_no_module_imports_itself_through_a_cycle() -> None:
    graph = _graph()
    assert len(graph) > 100  # every package was read
    assert "exports.pdf.document" in graph  # and the sub-packages in them
    assert _cycles(graph) == []


def test_the_run_time_reference_module_does_not_import_the_generator() -> None:
    assert "demo" not in _imported_packages(ROOT / "store" / "reference.py")
    assert not (ROOT / "metrics" / "demo.py").exists()
    assert not (ROOT / "metrics" / "cli.py").exists()


def test_the_pdf_exports_import_no_cycle() -> None:
    """exports/pdf/ is one module per section over document.py: no section imports another."""
    graph = _graph()
    pdf = sorted(name for name in graph if name.startswith("exports.pdf."))
    assert len(pdf) >= 10
    assert [group for group in _cycles(graph) if any(m.startswith("exports") for m in group)] == []
    sections = set(pdf) - {"exports.pdf.document", "exports.pdf.pack"}
    assert {f"{m}: {sorted(graph[m] & sections)}" for m in sections if graph[m] & sections} == set()
