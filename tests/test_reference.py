"""The run-time demo helpers: the database is built by loading the committed files, never by
regenerating them, and a missing file is named rather than silently written again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from metrics.config import DEMO_DIR, Settings
from metrics.reference import DEMO_LOADS, build_demo_database, ensure_database, published_points


def test_every_committed_demo_file_is_loaded_once() -> None:
    names = [name for name, _ in DEMO_LOADS]
    assert len(names) == len(set(names)) == 12
    assert set(names) == {p.name for p in DEMO_DIR.glob("*.csv")}


def test_a_missing_demo_file_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    source = tmp_path / "demo"
    shutil.copytree(DEMO_DIR, source)
    (source / "finance.csv").unlink()
    (source / "events.csv").unlink()
    settings = Settings(db_path=tmp_path / "mm.duckdb", backups_kept=0)
    with pytest.raises(FileNotFoundError) as caught:
        build_demo_database(settings, source)
    assert f"demo files missing from {source}: events.csv, finance.csv" in str(caught.value)
    assert not (source / "finance.csv").exists()  # not regenerated
    assert not settings.db_path.exists()


def test_ensure_database_leaves_an_existing_file_alone(tmp_path: Path) -> None:
    existing = tmp_path / "mm.duckdb"
    existing.write_bytes(b"not touched")
    assert ensure_database(Settings(db_path=existing, backups_kept=0)) is False
    assert existing.read_bytes() == b"not touched"


def test_published_points_are_the_anchor_rows_only() -> None:
    points = published_points()
    assert list(points.columns) == ["measure_id", "period", "value"]
    jan_2025 = points[(points["measure_id"] == "ASC-WL01") & (points["period"] == "2025-01")]
    assert jan_2025["value"].tolist() == [547]
