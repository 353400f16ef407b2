"""AppTest of the Data page: preview, row-level reasons, load gating, history."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from store import queries
from store.database import read_connection
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
    # The newest loads are the weekly meeting's updates (illustrative plan, 17 Nov 2025).
    assert list(history["File"])[:2] == ["risks_update.csv", "actions_update.csv"]
    assert any(h.value == "Risk assessments: 2 row(s)" for h in at.subheader)
    update = history[history["File"] == "actions_update.csv"].iloc[0]
    at.selectbox(key="load_changes").select(int(update["Load"])).run()
    assert any(
        h.value == "Actions (new versions are progress updates): 8 row(s)" for h in at.subheader
    )
    newest = history.iloc[2]
    assert newest["File"] == "returns_restated.csv"
    assert newest["Loaded"] == "14 Nov 2025 09:00"  # UK date, not an ISO timestamp
    assert newest["Periods"] == "Jan 2025"
    returns = history[history["File"] == "returns.csv"].iloc[0]
    assert returns["Periods"] == "Apr 2021 … Oct 2025"
    # The restatement load restated Jan 2025's waiting list (with the bands and team rows that
    # add up to it), and says so.
    at.selectbox(key="load_changes").select(int(newest["Load"])).run()
    assert any(h.value.startswith("Figures: ") for h in at.subheader)
    changed = table_with(at, "Change")
    whole = changed[(changed["Measure"] == "ASC-WL01") & (changed["Team"] == "Whole measure")]
    row = whole.iloc[0]
    assert (row["Period"], row["Was"], row["Actual"], row["Version"]) == ("Jan 2025", 286, 547, 2)
    assert row["Change"] == "Restated: was 286, now 547"
    assert set(changed["Period"]) == {"Jan 2025"}
    # An earlier load's figures are all new.
    at.selectbox(key="load_changes").select(int(returns["Load"])).run()
    changed = table_with(at, "Change")
    assert set(changed["Change"]) == {"New figure"}
    assert changed["Was"].isna().all()


ACTIONS = (
    "action_id,title,workstream_id,owner,raised,due,status,progress_note,escalated_to,"
    "closed_on,linked_measures,linked_risks,quality_statements\n"
    "IP-101,Appointment-setting,WS1,Head of Service,2025-03-03,2025-06-30,complete,Done,,"
    "2025-06-27,ASC-WL01,SR04,Assessing needs\n"
    "IP-900,New action,WS9,Head of Service,2025-11-20,2025-12-31,on_track,,,,,SR99,Leadership\n"
)


def test_actions_file_preview_refuses_unknown_links_and_loads_the_rest(
    writable_demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _data_page(monkeypatch, allow=True)
    at.file_uploader[0].upload("actions.csv", ACTIONS.encode(), "text/csv").run()
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Kinds"], metrics["Rows accepted"], metrics["Rows rejected"]) == (
        "actions",
        "1",
        "1",
    )
    reasons = table_with(at, "Reason")
    # The cell checks run first: the unknown statement refuses the row before its links are read.
    assert list(reasons["Column"]) == ["quality_statements"]
    assert "unknown quality statement 'Leadership'" in reasons.iloc[0]["Reason"]
    at.checkbox[0].check().run()
    next(b for b in at.button if b.label == "Load").click().run()
    # IP-101 differs from the demo's (progress note): one new version, recorded as such.
    assert any("loaded 1 new or changed row(s)" in s.value for s in at.success)
    with read_connection(writable_demo_db) as con:
        versions = con.execute(
            "SELECT max(version) FROM actions WHERE action_id = 'IP-101'"
        ).fetchall()
    assert versions == [(2,)]
