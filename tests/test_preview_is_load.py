"""Issue 21: one code path decides what a file would do; the load writes exactly what the preview says."""

from __future__ import annotations

from pathlib import Path

import duckdb

from intake.loader import commit, validate_file
from intake.preview import classify, totals
from settings.config import Settings

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "data" / "demo"


def _renamed_one_measure() -> bytes:
    data = (DEMO / "measures.csv").read_bytes()
    old = b"People waiting for a Care Act assessment,"
    assert data.count(old) == 1
    return data.replace(old, b"People waiting for an assessment under the Care Act,")


def test_renaming_one_measure_previews_one_restated_row_and_writes_one(
    writable_demo_db: Path, tmp_path: Path
) -> None:
    settings = Settings(db_path=writable_demo_db, backup_dir=tmp_path / "b", backups_kept=1)
    validated = validate_file(_renamed_one_measure(), "measures.csv", settings)
    assert validated.ok
    classes = classify(validated, settings)
    counts = totals(classes)
    assert counts["restated"] == 1, classes[classes["Class"] == "restated"].head()
    assert counts["unchanged"] == 75
    restated = classes[classes["Class"] == "restated"].iloc[0]
    assert restated["Kind"] == "measures"
    assert restated["Change"].startswith("name: was People waiting for a Care Act assessment, now")
    result = commit(validated, settings, "tester")
    assert result.rows_written == counts["new"] + counts["restated"] == 1
    with duckdb.connect(str(writable_demo_db), read_only=True) as con:
        written = con.execute(
            "SELECT measure_id FROM measures WHERE load_id = ?", [result.load_id]
        ).fetchall()
    assert written == [("ASC-WL01",)]
