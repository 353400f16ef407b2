"""Exceptions page (AppTest) and the measure trend chart it draws for each exception."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from charts.performance import STATUS_MARKER, measure_trend
from intake.loader import commit, validate_file
from metrics.formatting import unit_axis_title
from metrics.report import for_period, priority_sentence
from metrics.vocab import STATUS_FILL, status_label
from settings.config import Settings
from tests.apptest import open_page

SEP_2024 = pd.Timestamp("2024-09-01")


def exceptions_page(**params: str) -> AppTest:
    """The app, switched to the exceptions page, with optional deep-link query parameters."""
    at = open_page("pages/exceptions.py", **params)
    assert at.title[0].value == "Exceptions by priority"
    return at


def listed_ids_from(label: str) -> str:
    """'▲ Red — ASC-WL01 People waiting…' -> 'ASC-WL01'."""
    return label.split(" — ", 1)[1].split(" ", 1)[0]


def listed_ids(at: AppTest) -> list[str]:
    return [listed_ids_from(e.label) for e in at.expander]


def expected_ids(statuses: pd.DataFrame, period: pd.Timestamp, priority: str = "") -> set[str]:
    reporting = for_period(statuses, period)
    if priority:
        reporting = reporting[reporting["priority_id"] == priority]
    return set(reporting.loc[reporting["exception"], "measure_id"])


def test_lists_exactly_the_exceptions_of_the_latest_period(demo_env: Path, data) -> None:
    at = exceptions_page()
    ids = listed_ids(at)
    assert len(ids) == len(set(ids))
    assert set(ids) == expected_ids(data.statuses, data.latest_period)
    reporting = for_period(data.statuses, data.latest_period).set_index("measure_id")
    for expander in at.expander:
        mid = listed_ids_from(expander.label)
        row = reporting.loc[mid]
        assert expander.label == f"{status_label(row['status'])} — {mid} {row['name']}"


def test_period_change_changes_the_list(demo_env: Path, data) -> None:
    at = exceptions_page()
    before = set(listed_ids(at))
    at.sidebar.selectbox(key="url_period").select("2024-09").run()
    assert not at.exception
    after = set(listed_ids(at))
    assert after == expected_ids(data.statuses, SEP_2024)
    assert after != before
    assert any("September 2024" in c.value for c in at.caption)


def test_priority_filter_shows_only_that_priority_red_first(demo_env: Path, data) -> None:
    reporting = for_period(data.statuses, SEP_2024)
    exceptions = reporting[reporting["exception"]]
    mixed = sorted(
        pid
        for pid, rows in exceptions.groupby("priority_id")
        if {"red", "amber"} <= set(rows["status"])
    )
    assert mixed, "the demo's Sep 2024 should have a priority with Red and Amber exceptions"
    pid = mixed[0]
    name = data.catalogue.loc[data.catalogue["priority_id"] == pid, "priority_name"].iloc[0]
    at = exceptions_page(period="2024-09")
    assert len(at.header) == 6
    at.sidebar.selectbox(key="url_priority").select(pid).run()
    assert not at.exception
    assert [h.value for h in at.header] == [f"{pid} – {name}"]
    assert set(listed_ids(at)) == expected_ids(data.statuses, SEP_2024, pid)
    # red exceptions come before amber ones
    words = [e.label.split(" — ")[0] for e in at.expander]
    assert words == sorted(words, key=lambda w: 0 if w == "▲ Red" else 1)
    assert words[0] == "▲ Red" and words[-1] == "● Amber"


def test_priority_sentence_and_no_exception_sentence(demo_env: Path, data) -> None:
    at = exceptions_page()
    period = data.latest_period
    reporting = for_period(data.statuses, period)
    markdown = [m.value for m in at.markdown]
    for pid in sorted(reporting["priority_id"].unique()):
        mine = reporting[reporting["priority_id"] == pid]
        assert priority_sentence(mine, period) in markdown
    quiet = sorted(
        set(data.catalogue["priority_id"])
        - set(reporting.loc[reporting["exception"], "priority_id"])
    )
    assert quiet, "the demo's latest period should have a priority without exceptions"
    assert sum("No exceptions to report for this priority" in m for m in markdown) == len(quiet)


def test_exception_details_and_chart(demo_env: Path, data) -> None:
    at = exceptions_page(period="2024-09", priority="P1")
    first = at.expander[0]
    assert first.label == "▲ Red — ASC-WL01 People waiting for a Care Act assessment"
    text = "\n".join(m.value for m in first.markdown)
    row = for_period(data.statuses, SEP_2024).set_index("measure_id").loc["ASC-WL01"]
    assert f"{int(row['periods_at_status'])} periods at this status" in text
    assert f"**Actual:** {int(row['actual']):,} against target {int(row['target']):,}" in text
    assert "**Director:** " in text and "**Portfolio holder:** " in text
    assert "**Improvement plan:** " in text and "**Risk impact:** " in text
    spec = json.loads(first.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"] == "ASC-WL01 People waiting for a Care Act assessment"
    assert spec["layout"]["yaxis"]["title"]["text"] == unit_axis_title("count")
    assert spec["layout"]["xaxis"]["tickformat"] == "%b %Y"
    names = [t.get("name") for t in spec["data"]]
    assert names[0] == "Actual"
    assert "Target" in names and "Published figure" in names
    assert "▲ Red" in names


def test_deep_link_period(demo_env: Path, data) -> None:
    at = exceptions_page(period="2024-09")
    assert set(listed_ids(at)) == expected_ids(data.statuses, SEP_2024)
    assert at.sidebar.selectbox(key="url_period").value == "2024-09"


def test_restatement_note(writable_demo_db: Path) -> None:
    """A re-submitted figure for an exception is flagged with the figure it replaced."""
    header = (
        "measure_id,period,team,actual,target,ytd_actual,ytd_target,commentary,"
        "improvement_plan,timeframe,finance_impact,risk_impact\n"
    )
    row = 'ASC-WL01,2024-09,,612,500,612,500,"Restated after a data cleanse.",,,,\n'
    settings = Settings(db_path=writable_demo_db, backups_kept=0)
    validated = validate_file((header + row).encode(), "restated.csv", settings)
    assert validated.ok, [i.describe() for i in validated.rejections]
    when = dt.datetime(2024, 10, 14, 9, 30)
    commit(validated, settings, "test", loaded_at=when)
    at = exceptions_page(period="2024-09", priority="P1")
    text = "\n".join(m.value for m in at.expander[0].markdown)
    assert "Restated on 14 Oct 2024: was 588, now 612" in text


# --- chart builder --------------------------------------------------------------------------


def test_measure_trend_figure(data) -> None:
    statuses = data.statuses[
        (data.statuses["measure_id"] == "ASC-PI01") & (data.statuses["period"] <= SEP_2024)
    ]
    comparators = data.comparators[data.comparators["measure_id"] == "ASC-PI01"]
    anchors = pd.DataFrame({"period": ["2024-09", "2019-01"], "value": [76.0, 70.0]})
    fig = measure_trend(
        statuses, comparators, name="Reablement", unit="percent", periods=24, anchors=anchors
    )
    assert fig.layout.title.text == "Reablement"
    assert fig.layout.yaxis.title.text == "Per cent (%)"
    assert fig.layout.xaxis.tickformat == "%b %Y"
    assert fig.layout.legend.orientation == "h"
    actual = fig.data[0]
    assert actual.name == "Actual" and actual.mode == "lines+markers"
    last24 = statuses.sort_values("period").tail(24)
    assert len(actual.x) == 24
    assert list(actual.marker.symbol) == [STATUS_MARKER[s] for s in last24["status"]]
    assert list(actual.marker.color) == [STATUS_FILL[s] for s in last24["status"]]
    assert all(status_label(s) in t for s, t in zip(last24["status"], actual.text, strict=True))
    by_name = {t.name: t for t in fig.data}
    assert by_name["Target"].line.dash == "dash" and by_name["Target"].line.shape == "hv"
    assert {"England", "South East (illustrative)"} <= set(by_name)
    assert by_name["England"].line.dash in {"dot", "dash"}
    published = by_name["Published figure"]
    assert published.marker.symbol == "diamond-open"
    assert list(published.y) == [76.0]  # the 2019 point is outside the 24-month window
    for status in set(last24["status"]):
        assert by_name[status_label(status)].marker.symbol == STATUS_MARKER[status]


def test_measure_trend_marker_shapes() -> None:
    frame = pd.DataFrame(
        {
            "period": pd.date_range("2024-01-01", periods=3, freq="MS"),
            "actual": [1.0, 2.0, 3.0],
            "target": [2.0, 2.0, 2.0],
            "status": ["green", "amber", "red"],
        }
    )
    fig = measure_trend(frame, pd.DataFrame(), name="x", unit="count")
    assert list(fig.data[0].marker.symbol) == ["star", "circle", "triangle-up"]
    assert [t.name for t in fig.data] == ["Actual", "★ Green", "● Amber", "▲ Red", "Target"]


def test_measure_trend_without_target_or_data() -> None:
    frame = pd.DataFrame(
        {
            "period": pd.date_range("2024-01-01", periods=2, freq="MS"),
            "actual": [5.0, 6.0],
            "target": [float("nan")] * 2,
            "status": ["monitoring", "monitoring"],
        }
    )
    fig = measure_trend(frame, pd.DataFrame(), name="Monitor", unit="days")
    assert "Target" not in [t.name for t in fig.data]
    assert fig.layout.yaxis.title.text == "Days"
    empty = measure_trend(frame.iloc[0:0], pd.DataFrame(), name="Empty", unit=None)
    assert empty.layout.annotations[0].text == "No figures reported for this measure yet."


def test_empty_database_shows_a_sentence(empty_db: Path) -> None:
    at = exceptions_page()
    assert any("no figures in the database" in i.value for i in at.info)
    assert len(at.expander) == 0
