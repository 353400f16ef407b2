"""AppTest: the Measure explorer (search, deep links, history, SPC, snapshots, no-target case)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from metrics.spc import summarise, xmr
from metrics.vocab import status_label
from store.service import Dataset
from tests.apptest import charts, metric, table_with, values
from tests.apptest import open_page as open_app_page

PAGE = "pages/explorer.py"
NO_TARGET = "This measure has no target, so it has no RAG status; it is shown for monitoring."


def open_page(**params: str) -> AppTest:
    return open_app_page(PAGE, **params)


def names(spec: dict[str, Any]) -> list[str]:
    return [t.get("name") for t in spec["data"]]


def snapshots(at: AppTest) -> pd.DataFrame:
    return table_with(at, "Commentary")


def test_deep_link_shows_the_measure_for_the_period(demo_env: Path, data: Dataset) -> None:
    at = open_page(measure="ASC-SG03", period="2024-11")
    assert at.selectbox(key="url_measure").value == "ASC-SG03"
    assert metric(at, "Actual, Nov 2024") == "47"
    assert any(m.label == "Year to date, 2024/25" for m in at.metric)
    table = snapshots(at)
    assert table.iloc[0]["Period"] == "Nov 2024"  # newest first, ending at the chosen period
    assert table.iloc[0]["Actual"] == "47"
    s = data.statuses
    row = s[(s["measure_id"] == "ASC-SG03") & (s["period"] == "2024-11-01")].iloc[0]
    assert table.iloc[0]["Status"] == status_label(row["status"])
    n = int(((s["measure_id"] == "ASC-SG03") & (s["period"] <= "2024-11-01")).sum())
    assert len(table) == n
    assert any(
        "Safeguarding enquiries open more than 12 weeks (ASC-SG03)" in h.value for h in at.header
    )
    facts = " ".join(m.value for m in at.markdown)
    assert "Lower is better" in facts
    assert "Amber within 20% of the target" in facts


def test_history_chart_marks_status_target_and_published_points(demo_env: Path) -> None:
    at = open_page(measure="ASC-SG03", period="2024-11")
    spec = charts(at)["Safeguarding enquiries open more than 12 weeks: full history"]
    assert {"Actual", "Target", "Published figure"} <= set(names(spec))
    assert "▲ Red" in names(spec)
    assert spec["layout"]["xaxis"]["tickformat"] == "%b %Y"
    assert spec["layout"]["yaxis"]["title"]["text"] == "Number of people or cases"
    published = next(t for t in spec["data"] if t["name"] == "Published figure")
    assert sorted(values(published["y"]).tolist()) == [13.0, 47.0, 273.0]
    actual = next(t for t in spec["data"] if t["name"] == "Actual")
    assert values(actual["y"])[-1] == 47


def test_spc_view_matches_metrics_spc(demo_env: Path, data: Dataset) -> None:
    # Without the events' process changes the chart is the engine's single set of limits.
    at = open_page(measure="ASC-WL01", period="2024-09", spc_events="0")
    s = data.statuses
    rows = s[(s["measure_id"] == "ASC-WL01") & (s["period"] <= "2024-09-01")]
    frame = pd.DataFrame(
        {"series": "ASC-WL01", "t": rows["period"], "y": rows["actual"], "target": rows["target"]}
    )
    result = xmr(frame, improvement="decrease")
    summary = summarise(result).iloc[0]
    spec = charts(at)["People waiting for a Care Act assessment: SPC chart"]
    assert {"Mean", "Upper process limit", "Lower process limit", "Target"} <= set(names(spec))
    upl = next(t for t in spec["data"] if t["name"] == "Upper process limit")
    assert values(upl["y"])[-1] == pytest.approx(result["upl"].iloc[-1])
    text = " ".join(m.value for m in at.markdown)
    assert "**Variation:**" in text and "**Assurance:**" in text
    # The waiting list fell from 1,448 to under 600: the one set of limits over it all is
    # stale (a shift spans the latest points), so assurance is not claimed against it.
    assert summary["assurance"] == "consistently_fail"
    assurance = next(m.value for m in at.markdown if m.value.startswith("**Assurance:**"))
    assert "Not assessed: the latest points show a sustained shift" in assurance
    assert "Consistently failing" not in assurance
    if str(summary["variation"]).startswith("special_cause"):
        assert "unusually" in text or "in a row" in text or "close to" in text
    assert "LCL" not in text and "UCL" not in text  # plain words, not SPC jargon


def test_ytd_and_team_charts_for_a_cumulative_measure(demo_env: Path) -> None:
    at = open_page(measure="ASC-WL10", period="2024-09")
    specs = charts(at)
    history = specs["Care Act assessments completed: full history"]
    ytd = next(t for t in history["data"] if t["name"].startswith("Year to date"))
    assert ytd["yaxis"] == "y2"
    teams = specs["Care Act assessments completed by team"]
    assert len(teams["data"]) == 7


def test_search_narrows_the_measure_options(demo_env: Path, data: Dataset) -> None:
    at = open_page(q="DoLS")
    cat = data.catalogue
    text = (cat["measure_id"] + " " + cat["name"] + " " + cat["description"].fillna("")).str.lower()
    expected = cat.loc[text.str.contains("dols"), "measure_id"].tolist()
    options = at.selectbox(key="url_measure").options
    assert len(options) == len(expected) >= 1
    assert all(o.split(" – ")[0] in expected for o in options)
    assert len(options) < len(cat)
    at.text_input(key="url_q").input("safeguarding enquiries").run()
    options = at.selectbox(key="url_measure").options
    assert at.query_params["q"] == "safeguarding enquiries"
    assert any(o.startswith("ASC-SG03") for o in options)
    assert not any(o.startswith("ASC-DL01") for o in options)


def test_search_without_matches_says_so(demo_env: Path) -> None:
    at = open_page(q="zzzz-no-such-measure")
    assert any("No measure matches" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_measure_without_target_says_it_is_for_monitoring(demo_env: Path) -> None:
    at = open_page(measure="ASC-WL05", period="2024-09")
    assert NO_TARGET in [i.value for i in at.info]
    history = charts(at)["Care Act list: people waiting 0-28 days: full history"]
    assert "Target" not in names(history)
    assert "n/a Monitoring" in names(history)


def test_period_selector_changes_the_current_figure(demo_env: Path, data: Dataset) -> None:
    at = open_page(measure="ASC-SG03", period="2024-11")
    at.sidebar.selectbox(key="url_period").select("2024-07").run()
    assert not at.exception
    assert metric(at, "Actual, Jul 2024") == "13"
    assert snapshots(at).iloc[0]["Period"] == "Jul 2024"
    at.sidebar.selectbox(key="url_period").select("2024-03").run()  # March closes 2023/24
    assert any(m.label == "Year to date, 2023/24" for m in at.metric)


def test_quarterly_measure_in_a_month_it_does_not_report(demo_env: Path) -> None:
    at = open_page(measure="ASC-SG04", period="2024-11")
    assert any("did not report for November 2024" in c.value for c in at.caption)
    assert any(m.label == "Actual, Sep 2024" for m in at.metric)


def test_restated_figure_is_noted_and_csv_offered(demo_env: Path, data: Dataset) -> None:
    s = data.statuses
    restated = s[s["restated_from"].notna()].iloc[0]
    at = open_page(measure=restated["measure_id"], period=f"{restated['period']:%Y-%m}")
    first = snapshots(at).iloc[0]
    when = restated["loaded_at"]  # the day without a leading zero, spelt portably (no %-d)
    assert first["Restated"] == (
        f"Restated on {when.day} {when:%b %Y}: was {restated['restated_from']:,.0f}, "
        f"now {restated['actual']:,.0f}"
    )
    buttons = at.get("download_button")
    assert len(buttons) == 1


def _param(at: AppTest, name: str) -> str:
    """One URL parameter's value as the page left it."""
    value = at.query_params[name]
    return value if isinstance(value, str) else value[-1]


def test_the_spc_baseline_round_trips_through_the_url(demo_env: Path) -> None:
    """spc_since, spc_fix and spc_events: read from a link, and written back when changed."""
    at = open_page(
        measure="ASC-SG03", period="2025-10", spc_since="2025-01", spc_fix="14", spc_events="0"
    )
    assert at.selectbox(key="spc_since").value == "2025-01"
    assert at.number_input(key="spc_fix").value == 14
    assert at.checkbox(key="spc_events").value is False
    assert _param(at, "spc_since") == "2025-01"
    assert _param(at, "spc_fix") == "14"
    assert _param(at, "spc_events") == "0"
    at.selectbox(key="spc_since").set_value("2024-06")
    at.number_input(key="spc_fix").set_value(16)
    at.checkbox(key="spc_events").check()
    at.run()
    assert not at.exception
    assert (_param(at, "spc_since"), _param(at, "spc_fix")) == ("2024-06", "16")
    assert "spc_events" not in at.query_params  # the default (on) is left out of the URL
    # Back to the defaults: every parameter leaves the URL, so a bookmark means "the defaults".
    at.selectbox(key="spc_since").set_value("")
    at.number_input(key="spc_fix").set_value(0)
    at.checkbox(key="spc_events").uncheck()
    at.run()
    assert "spc_since" not in at.query_params and "spc_fix" not in at.query_params
    assert _param(at, "spc_events") == "0"


def test_a_fix_after_too_small_or_not_a_number_in_the_url_is_ignored(demo_env: Path) -> None:
    for raw in ("11", "x14", "-14"):
        at = open_page(measure="ASC-SG03", period="2025-10", spc_fix=raw)
        assert at.number_input(key="spc_fix").value == 0
