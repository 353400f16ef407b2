"""Numbered migrations: databases written by earlier releases open, upgrade and keep every row.

The fixtures in tests/fixtures/releases were built by the loaders of earlier commits (see the
README there); every release before migrations recorded schema version 1 whatever it held.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import duckdb
import pytest

from store.database import read_connection
from store.migrations import LATEST, MIGRATIONS, Migration
from store.schema import SchemaTooNewError, ensure_schema, needs_upgrade

RELEASES = Path(__file__).parent / "fixtures" / "releases"
FIXTURES = sorted(RELEASES.glob("release_*.duckdb.gz"))


def _unpack(fixture: Path, folder: Path) -> Path:
    path = folder / "mm.duckdb"
    path.write_bytes(gzip.decompress(fixture.read_bytes()))
    return path


def _contents(path: Path) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table's columns and rows (sorted), schema_version aside."""
    with duckdb.connect(str(path), read_only=True) as con:
        tables = [
            str(r[0])
            for r in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE table_name <> 'schema_version'"
            ).fetchall()
        ]
        found = {}
        for table in tables:
            columns = [
                str(r[0])
                for r in con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE table_name = ? "
                    "ORDER BY column_index",
                    [table],
                ).fetchall()
            ]
            found[table] = (
                columns,
                con.execute(f'SELECT * FROM "{table}" ORDER BY ALL').fetchall(),
            )
        return found


def test_there_is_a_fixture_from_each_of_four_earlier_releases() -> None:
    assert len(FIXTURES) == 4
    for fixture in FIXTURES:
        assert fixture.stat().st_size < 100_000


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name.split(".")[0])
def test_a_database_from_an_earlier_release_upgrades_when_it_opens_and_keeps_every_row(
    fixture: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plan.service import load_plan
    from store.service import load_dataset

    monkeypatch.setenv("MM_BACKUP_DIR", str(tmp_path / "backups"))
    path = _unpack(fixture, tmp_path)
    before = _contents(path)
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT version FROM schema_version").fetchall() == [(1,)]
        assert needs_upgrade(con)

    with read_connection(path) as con:  # the first read-only open upgrades the file
        steps = con.execute(
            "SELECT version, applied_at FROM schema_version ORDER BY version"
        ).fetchall()
        assert not needs_upgrade(con)
    assert [v for v, _ in steps] == list(range(1, LATEST + 1))
    assert all(applied is not None for _, applied in steps)

    after = _contents(path)
    for table, (columns, rows) in before.items():
        new_columns, _ = after[table]
        assert new_columns[: len(columns)] == columns, table
        with duckdb.connect(str(path), read_only=True) as con:
            kept = con.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY ALL").fetchall()
        assert kept == rows, table
    for migration in MIGRATIONS:  # every table a step creates is there
        for line in migration.sql.splitlines():
            if line.startswith("CREATE TABLE IF NOT EXISTS "):
                assert line.split()[5] in {*after, "schema_version"}

    data = load_dataset(path)
    assert sorted(data.catalogue["measure_id"]) == ["ASC-PI03", "ASC-WL01", "ASC-WL02"]
    assert not data.statuses.empty
    assert len(data.risks) > 0
    plan = load_plan(path)
    _, actions = before.get("actions", ([], []))
    assert len(plan.actions) == len(actions)

    with read_connection(path) as con:  # a second open runs nothing again
        assert con.execute("SELECT count(*) FROM schema_version").fetchall() == [(LATEST,)]


def test_a_failing_step_records_nothing_of_itself_and_keeps_the_steps_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import store.schema

    broken = Migration(
        LATEST + 1, "broken", "CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;"
    )
    monkeypatch.setattr(store.schema, "MIGRATIONS", (*MIGRATIONS, broken))
    monkeypatch.setattr(store.schema, "LATEST", LATEST + 1)
    with duckdb.connect(str(tmp_path / "s.duckdb")) as con:
        with pytest.raises(duckdb.CatalogException):
            ensure_schema(con)
        versions = con.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert versions == [(v,) for v in range(1, LATEST + 1)]
    assert "half_done" not in tables


def test_a_database_from_a_later_release_is_not_migrated_but_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "later.duckdb"
    with duckdb.connect(str(path)) as con:
        ensure_schema(con)
        con.execute("INSERT INTO schema_version (version) VALUES (?)", [LATEST + 1])
        with pytest.raises(SchemaTooNewError, match=f"schema version {LATEST + 1}"):
            ensure_schema(con)
    with read_connection(path) as con:
        assert con.execute("SELECT max(version) FROM schema_version").fetchall() == [(LATEST + 1,)]


def test_the_upgrade_keeps_the_earlier_file_as_a_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups = tmp_path / "backups"
    monkeypatch.setenv("MM_BACKUP_DIR", str(backups))
    path = _unpack(FIXTURES[0], tmp_path)
    with read_connection(path):
        pass
    kept = sorted(backups.glob("mm-*.duckdb"))
    assert len(kept) == 1
    with duckdb.connect(str(kept[0]), read_only=True) as con:
        assert con.execute("SELECT version FROM schema_version").fetchall() == [(1,)]
