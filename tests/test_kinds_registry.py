"""Issue 21: each import kind is declared once, and schema, README and detection read that declaration."""

from __future__ import annotations

from pathlib import Path

import duckdb
from hypothesis import given
from hypothesis import strategies as st

from intake.kinds import KINDS, PRIORITIES, Kind, columns_of, kind_of, load_rank
from intake.kinds_table import BEGIN, END, readme_section
from intake.templates import template_csv
from store.schema import ensure_schema

ROOT = Path(__file__).resolve().parent.parent


def _table_columns(table: str) -> list[str]:
    with duckdb.connect() as con:
        ensure_schema(con)
        rows = con.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [table]
        ).fetchall()
    return sorted(r[0] for r in rows)


def test_the_readme_table_of_kinds_is_the_one_the_registry_renders() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start, end = readme.index(BEGIN), readme.index(END) + len(END)
    assert readme[start:end] == readme_section()
    for kind in KINDS:
        assert f"| {kind} |" in readme[start:end]


def test_each_kinds_table_holds_exactly_its_key_values_version_and_load() -> None:
    tables = [kind.stored for kind in KINDS.values()] + [PRIORITIES]
    for table in tables:
        declared = sorted([*table.key, *table.value_columns, "version", "load_id"])
        assert _table_columns(table.name) == declared, table.name


def test_every_declared_column_is_a_column_of_the_kinds_model() -> None:
    for kind in KINDS.values():
        columns = set(kind.columns)
        assert set(kind.required) <= columns, kind.name
        assert set(kind.key) <= columns, kind.name
        assert set(kind.value_columns) <= columns, kind.name
        assert kind.marker in kind.required, kind.name
        assert not set(kind.key) & set(kind.value_columns), kind.name


def test_each_marker_belongs_to_one_kind_only() -> None:
    for kind in KINDS.values():
        others = [k.name for k in KINDS.values() if k is not kind and kind.marker in k.columns]
        assert others == [], kind.name


def test_links_point_at_a_key_column_of_an_earlier_kind() -> None:
    for kind in KINDS.values():
        for link in kind.links:
            assert link.column in kind.columns, (kind.name, link)
            target = KINDS[link.kind]
            assert link.key in target.columns, (kind.name, link)
            assert load_rank(link.kind) <= load_rank(kind.name), (kind.name, link)


def test_hooks_are_callables_a_kind_can_append_to() -> None:
    for kind in KINDS.values():
        assert isinstance(kind, Kind)
        assert all(callable(rule) for rule in (*kind.row_rules, *kind.file_rules))


def test_every_template_is_recognised_as_its_own_kind() -> None:
    for kind in KINDS:
        header = template_csv(kind).decode("utf-8-sig").splitlines()[0].split(",")
        assert kind_of(header) == kind


@given(st.sampled_from(list(KINDS)), st.randoms(use_true_random=False), st.integers(0, 20))
def test_a_kind_is_recognised_from_its_required_columns_in_any_order(
    kind: str, random: object, drop: int
) -> None:
    spec = KINDS[kind]
    optional = [c for c in columns_of(kind) if c not in spec.required]
    header = [*spec.required, *optional[: max(0, len(optional) - drop)]]
    random.shuffle(header)  # type: ignore[attr-defined]
    assert kind_of(header) == kind
