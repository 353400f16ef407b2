"""The run-time demo helpers: the database is built by loading the committed files, never by
regenerating them, and a missing file is named rather than silently written again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from demo.source import SOURCE_DIR, catalogue
from settings.config import DEMO_DIR, Settings
from store.reference import DEMO_LOADS, build_demo_database, ensure_database, published_points


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


def test_a_bad_catalogue_row_is_refused_with_its_file_and_row(tmp_path: Path) -> None:
    for name in ("measures.csv", "knots.csv", "targets.csv"):
        shutil.copy(SOURCE_DIR / name, tmp_path / name)
    text = (tmp_path / "measures.csv").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    lines[2] = lines[2].replace("lower_is_better", "lower_is_worse", 1)  # ASC-WL02, row 3
    (tmp_path / "measures.csv").write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ValueError, match=r"^measures\.csv, row 3: polarity: Input should be"):
        catalogue(tmp_path)
    assert len(catalogue(SOURCE_DIR)) == 76
