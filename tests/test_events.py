"""events.csv: a kind of its own, checked row by row, versioned, and drawn on the charts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from charts.performance import exception_figure
from intake.loader import commit, validate_file
from settings.config import Settings
from store.database import read_connection
from store.queries import measures
from store.reads import read_events
from store.service import Dataset

MEASURES = (
    "measure_id,name,priority_id,priority_name,frequency,polarity,unit,key_measure\n"
    "M1,People waiting,P1,Timely,monthly,lower_is_better,count,yes\n"
    "M2,Reablement,P1,Timely,monthly,higher_is_better,percent,\n"
)
HEADER = "date,measure_id,label,process_change\n"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = Settings(db_path=tmp_path / "e.duckdb", backup_dir=tmp_path / "b", backups_kept=0)
    assert commit(validate_file(MEASURES.encode(), "m.csv", s), s, "t").status == "loaded"
    return s


def _reasons(validated) -> list[str]:
    return [f"{i.row}|{i.column}|{i.reason}" for i in validated.rejections]


def test_events_are_recognised_and_loaded(settings: Settings) -> None:
    text = HEADER + "2024-04-01,M1,New team,yes\n01/10/2024,,Budget set,no\n"
    validated = validate_file(text.encode(), "events.csv", settings)
    assert validated.detected == {"events.csv": "events"}
    assert validated.ok, _reasons(validated)
    assert commit(validated, settings, "t").status == "loaded"
    with read_connection(settings.db_path) as con:
        events = read_events(con)
    assert list(events["date"]) == [pd.Timestamp("2024-04-01"), pd.Timestamp("2024-10-01")]
    assert list(events["measure_id"]) == ["M1", ""]  # blank: every measure
    assert list(events["process_change"]) == [True, False]


def test_bad_event_rows_are_rejected_with_reasons(settings: Settings) -> None:
    text = (
        HEADER
        + "2024-13-01,M1,Bad month,yes\n"
        + "2024-04-01,M9,Unknown measure,no\n"
        + "2024-04-01,M1,,no\n"
        + "2024-04-01,M1,Unsure,maybe\n"
    )
    validated = validate_file(text.encode(), "events.csv", settings)
    reasons = _reasons(validated)
    assert any(r.startswith("2|date|must be a date such as 2024-04-01") for r in reasons)
    assert any(r.startswith("3|measure_id|unknown measure_id 'M9'") for r in reasons)
    assert "4|label|is required and was blank" in reasons
    assert "5|process_change|must be yes or no, got 'maybe'" in reasons
    assert commit(validated, settings, "t").status == "rejected"


def test_a_changed_event_is_a_new_version_and_as_of_sees_the_old_one(settings: Settings) -> None:
    first = HEADER + "2024-04-01,M1,New team,no\n"
    commit(
        validate_file(first.encode(), "e1.csv", settings),
        settings,
        "t",
        loaded_at=dt.datetime(2025, 1, 10, 9, 0),
    )
    second = HEADER + "2024-04-01,M1,New team,yes\n"
    commit(
        validate_file(second.encode(), "e2.csv", settings),
        settings,
        "t",
        loaded_at=dt.datetime(2025, 2, 10, 9, 0),
    )
    with read_connection(settings.db_path) as con:
        assert list(read_events(con)["process_change"]) == [True]
        assert list(read_events(con, dt.date(2025, 1, 31))["process_change"]) == [False]


def test_key_measure_flag_is_read_from_the_catalogue(settings: Settings) -> None:
    with read_connection(settings.db_path) as con:
        catalogue = measures(con).set_index("measure_id")
    assert catalogue.loc["M1", "key_measure"]
    assert not catalogue.loc["M2", "key_measure"]  # blank is no


def test_the_pack_and_exceptions_chart_draws_the_events(data: Dataset) -> None:
    s = data.statuses
    row = s[(s["measure_id"] == "ASC-WL01") & (s["period"] == "2025-10-01")].iloc[0]
    history = s[s["period"] <= "2025-10-01"]
    anchors = pd.DataFrame(columns=["measure_id", "period", "value"])
    fig = exception_figure(row, history, data.comparators, anchors, data.events)
    texts = [a.text for a in fig.layout.annotations]
    # 24 months to Oct 2025 begin in Nov 2023, so Jan 2024's roll-out is drawn, and the
    # all-measures note of Apr 2023 is not.
    assert texts == ["New limits: Appointment-setting rolled out to all…"]


def test_mark_start_draws_one_dashed_line_and_its_label() -> None:
    """The replacement chart and the explorer's new-definition mark share this one mark."""
    import plotly.graph_objects as go

    from charts.events import mark_start
    from charts.replacement import replacement_figure

    fig = mark_start(go.Figure(), pd.Timestamp("2024-04-01"), "New definition")
    (line,) = fig.layout.shapes
    assert (line.line.dash, line.line.color) == ("dash", "#0b0c0c")
    assert fig.layout.annotations[0].text == "New definition from Apr 2024"
    old = pd.DataFrame({"period": pd.to_datetime(["2024-02-01"]), "actual": [3.0]})
    new = pd.DataFrame({"period": pd.to_datetime(["2024-03-01", "2024-04-01"]), "actual": [4.0, 5]})
    fig = replacement_figure(old, new, "ASC-X1", "ASC-X2", "count")
    assert [a.text for a in fig.layout.annotations] == ["ASC-X2 from Mar 2024"]
