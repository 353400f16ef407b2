"""AppTest of the Data page: preview, row-level reasons, load gating, history."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from metrics import queries
from metrics.store import read_connection
from tests.apptest import open_page, table_with

BROKEN = Path(__file__).parent / "fixtures" / "uploads" / "broken_30_rows.csv"


def _data_page(monkeypatch: pytest.MonkeyPatch, allow: bool) -> AppTest:
    monkeypatch.setenv("MM_ALLOW_LOCAL_LOAD", "1" if allow else "0")
    return open_page("pages/data.py")


def test_broken_file_shows_every_reason_and_loads_nothing(
    writable_demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _data_page(monkeypatch, allow=True)
    at.file_uploader[0].upload("broken_30_rows.csv", BROKEN.read_bytes(), "text/csv").run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Rows checked"] == "30"
    assert metrics["Rows accepted"] == "10"
    assert metrics["Rows rejected"] == "20"
    table = table_with(at, "Reason")
    assert sorted(set(table["Row"])) == list(range(12, 32))
    reasons = " | ".join(table["Reason"])
    for fragment in (
        "unknown measure_id 'NOPE-01'",
        "month must be 01-12",
        "is in the future",
        "is before 2000",
        "must be a number",
        "cannot be negative for a count measure",
        "a percentage must be between 0 and 100",
        "duplicate of row 2",
        "the limit is 4,000",
    ):
        assert fragment in reasons
    load = next(b for b in at.button if b.label == "Load")
    assert load.disabled  # rejected rows and "valid rows only" not ticked
    with read_connection(writable_demo_db) as con:
        before = len(queries.loads(con))
    at.checkbox[0].check().run()
    load = next(b for b in at.button if b.label == "Load")
    assert not load.disabled
    load.click().run()
    assert any("loaded 10 new or changed row(s)" in s.value for s in at.success)
    with read_connection(writable_demo_db) as con:
        history = queries.loads(con)
        rejects = con.execute("SELECT count(DISTINCT row_number) FROM load_rejections").fetchall()
    assert len(history) == before + 1
    assert history.iloc[0]["rows_rejected"] == 20
    assert rejects == [(20,)]


def test_loading_is_off_without_sign_in_and_says_why(
    writable_demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _data_page(monkeypatch, allow=False)
    assert any("Loading is switched off" in i.value for i in at.info)
    good = b"measure_id,period,team,actual\nASC-WL01,2025-09,North,60\n"
    at.file_uploader[0].upload("ok.csv", good, "text/csv").run()
    load = next(b for b in at.button if b.label == "Load")
    assert load.disabled
    assert any("Every row passed" in s.value for s in at.success)


def test_history_lists_demo_loads_and_what_each_changed(
    demo_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _data_page(monkeypatch, allow=False)
    history = table_with(at, "File")
    assert list(history["File"])[-1] == "measures.csv"
    assert list(history["Load"]) == sorted(history["Load"], reverse=True)  # newest first
    newest = history.iloc[0]
    assert newest["File"] == "returns_restated.csv"
    assert newest["Loaded"] == "14 Nov 2025 09:00"  # UK date, not an ISO timestamp
    assert newest["Periods"] == "Jan 2025"
    assert history.iloc[1]["Periods"] == "Apr 2021 … Oct 2025"
    # The newest load is selected: it restated Jan 2025's waiting list, and says so.
    assert any(h.value == "Figures: 1 row(s)" for h in at.subheader)
    changed = table_with(at, "Change")
    row = changed.iloc[0]
    assert (row["Measure"], row["Period"], row["Team"]) == ("ASC-WL01", "Jan 2025", "Whole measure")
    assert (row["Was"], row["Actual"], row["Version"]) == (286, 547, 2)
    assert row["Change"] == "Restated: was 286, now 547"
    # An earlier load's figures are all new.
    at.selectbox(key="load_changes").select(
        6
    ).run()  # returns.csv, after measures, key measures, events, risks, comparators
    changed = table_with(at, "Change")
    assert set(changed["Change"]) == {"New figure"}
    assert changed["Was"].isna().all()
