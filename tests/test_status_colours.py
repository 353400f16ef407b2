"""One colour table: every status colour is declared in metrics/vocab.py and read from there.

Read from the source with `ast` and a pattern, so a copy pasted anywhere (charts, exports,
dashboard, pages, even another rules module) is found without importing it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from metrics import vocab

ROOT = Path(__file__).resolve().parent.parent
VOCAB = ROOT / "metrics" / "vocab.py"
HEX = re.compile(r"#[0-9A-Fa-f]{6}\b")
#: Words a status table is keyed on: RAG, SPC point types and assurance.
STATUS_KEYS = {*vocab.STATUSES, *vocab.SPC_COLOURS}
#: White and ink are every page's text colours, not a status's own.
NEUTRAL = {"#ffffff", vocab.INK.lower(), vocab.MUTED.lower()}


def _sources() -> list[Path]:
    skip = {".venv", "tests", "node_modules", ".git"}
    return [
        p
        for p in sorted(ROOT.rglob("*.py"))
        if not skip & set(p.relative_to(ROOT).parts) and p != VOCAB
    ]


def _status_hexes() -> set[str]:
    tables = (vocab.STATUS_FILL, vocab.STATUS_TINT, vocab.SPC_COLOURS)
    return {c.lower() for table in tables for c in table.values()} - NEUTRAL


def test_the_walk_reads_the_packages() -> None:
    names = {p.relative_to(ROOT).parts[0] for p in _sources()}
    assert {"charts", "exports", "dashboard", "pages", "metrics"} <= names


def test_no_status_hex_outside_vocab() -> None:
    status = _status_hexes()
    assert len(status) >= 10
    copies = [
        f"{path.relative_to(ROOT)}:{n}: {hex_}"
        for path in _sources()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for hex_ in HEX.findall(line)
        if hex_.lower() in status
    ]
    assert copies == []


def test_no_colour_table_keyed_on_status_outside_vocab() -> None:
    tables = []
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Dict):
                continue
            pairs = zip(node.keys, node.values, strict=True)
            if any(
                isinstance(k, ast.Constant)
                and k.value in STATUS_KEYS
                and isinstance(v, ast.Constant)
                and isinstance(v.value, str)
                and HEX.fullmatch(v.value)
                for k, v in pairs
            ):
                tables.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert tables == []
