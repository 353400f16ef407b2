"""Issue 11: the Data page's preview classes every row, and after a load shows that load."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import queries
from store.database import read_connection
from tests.apptest import metric, open_page, table_with


def test_preview_counts_each_class_and_after_load_shows_that_load(
    writable_demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MM_ALLOW_LOCAL_LOAD", "1")
    # Demo Jan 2025 waiting list is 547 (restated from 286); Sep 2024 is held as published.
    with read_connection(writable_demo_db) as con:
        held = con.execute(
            "SELECT actual FROM snapshots WHERE measure_id = 'ASC-WL01' AND team = '' "
            "AND period = DATE '2025-01-01' ORDER BY version DESC LIMIT 1"
        ).fetchall()[0][0]
    assert held == 547.0
    text = (
        "measure_id,period,team,actual\n"
        'ASC-WL01,2025-01,,"1,547"\n'  # restated, normalised
        "ASC-WL01,2025-01,,547\n"  # duplicate: refused
        "ASC-CR03,2025-02,,10\n"  # a quarterly measure in February: refused
    )
    at = open_page("pages/data.py")
    at.file_uploader[0].upload("march.csv", text.encode(), "text/csv").run()
    assert not at.exception
    assert metric(at, "Restated") == "1"
    assert metric(at, "Refused") == "2"
    assert metric(at, "Normalised") == "1"
    assert metric(at, "New") == "0"
    classes = table_with(at, "Class")
    first = classes.iloc[0]
    assert (first["Row"], first["Class"]) == (2, "restated")
    # The whole truth: the row also blanks the target and commentary held for Jan 2025.
    assert first["Change"].startswith("actual: was 547, now 1,547; target: was 500, now blank;")
    assert classes.iloc[2]["Change"].startswith("period: Feb 2025 is not a reporting month")
    assert not any(s.value == "Every row passed the checks." for s in at.success)
    at.checkbox[0].check().run()
    next(b for b in at.button if b.label == "Load").click().run()
    assert any("march.csv: loaded 1 new or changed row(s)" in s.value for s in at.success)
    with read_connection(writable_demo_db) as con:
        newest = int(queries.loads(con).iloc[0]["load_id"])
    assert at.selectbox(key="load_changes").value == newest
