"""AppTest: the Waiting times page against figures read straight from the demo database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from streamlit.proto.Metric_pb2 import Metric
from streamlit.testing.v1 import AppTest

from metrics.time_to_clear import clearance_projection
from store.service import Dataset
from tests.apptest import charts, metric, table_with, values
from tests.apptest import open_page as open_app_page

PAGE = "pages/waiting_times.py"


def open_page(**params: str) -> AppTest:
    return open_app_page(PAGE, **params)


def trace(spec: dict[str, Any], name: str) -> dict[str, Any]:
    return next(t for t in spec["data"] if t.get("name") == name)


def whole(data: Dataset, measure_id: str, period: str) -> float:
    s = data.statuses
    return float(
        s.loc[
            (s["measure_id"] == measure_id) & (s["period"] == pd.Timestamp(period)), "actual"
        ].iloc[0]
    )


def team_value(data: Dataset, measure_id: str, team: str, period: str) -> float:
    t = data.team_snapshots
    hit = (t["measure_id"] == measure_id) & (t["team"] == team) & (t["period"] == period)
    return float(t.loc[hit, "actual"].iloc[0])


def test_team_table_total_matches_the_whole_measure(demo_env: Path, data: Dataset) -> None:
    at = open_page(period="2024-09")
    assert [t.value for t in at.title] == ["Waiting times"]
    table = table_with(at, "Team")
    assert list(table.columns) == [
        "Team",
        "People waiting",
        "Longest wait (days)",
        "Mean wait (days)",
        "Median wait (days)",
    ]
    waiting = whole(data, "ASC-WL01", "2024-09")
    total_row = table[table["Team"] == "All teams"].iloc[0]
    assert float(total_row["People waiting"].replace(",", "")) == waiting
    teams = table[table["Team"] != "All teams"]
    assert len(teams) == 7
    assert teams["People waiting"].str.replace(",", "").astype(float).sum() == waiting
    assert float(total_row["Longest wait (days)"]) == whole(data, "ASC-WL02", "2024-09")
    assert metric(at, "People waiting") == f"{waiting:,.0f}"


def test_charts_have_titles_axes_targets_and_published_points(demo_env: Path) -> None:
    at = open_page(period="2024-09")
    specs = charts(at)
    spec = specs["People waiting for a Care Act assessment, by team"]
    names = [t["name"] for t in spec["data"]]
    assert names[:7] == sorted(names[:7]) and len(set(names[:7])) == 7
    assert {"All teams (total)", "Target", "Published figure"} <= set(names)
    assert spec["layout"]["xaxis"]["tickformat"] == "%b %Y"
    assert spec["layout"]["xaxis"]["title"]["text"] == "Month"
    assert spec["layout"]["yaxis"]["title"]["text"] == "Number of people or cases"
    published = trace(spec, "Published figure")
    assert sorted(values(published["y"]).tolist()) == [592.0, 1448.0]  # Jul 2024, Jul 2023
    assert published["marker"]["symbol"] == "diamond-open"
    total = values(trace(spec, "All teams (total)")["y"])
    assert len(total) == 24  # the default window: two years ending at the selected month
    lengths = specs["How long people have waited"]
    assert lengths["layout"]["yaxis"]["title"]["text"] == "Days"
    assert {"Longest wait", "Mean wait", "Median wait", "Target: longest wait"} <= {
        t["name"] for t in lengths["data"]
    }
    bands = specs["People waiting by time waited"]
    assert [t["name"] for t in bands["data"]][:4] == [
        "181+ days",
        "91–180 days",
        "29–90 days",
        "0–28 days",
    ]
    assert bands["layout"]["barmode"] == "stack"
    flows = specs["Care Act assessments: referrals in and completions out"]
    assert "Net change (completed − referrals)" in {t["name"] for t in flows["data"]}
    sg = specs["Safeguarding enquiries open more than 12 weeks (ASC-SG03)"]
    assert {"Actual", "Target", "Published figure"} <= {t["name"] for t in sg["data"]}
    assert "Deprivation of Liberty Safeguards applications waiting (ASC-DL01)" in specs


def test_projection_sentence_matches_the_metric(demo_env: Path, data: Dataset) -> None:
    at = open_page(period="2024-09")
    s = data.statuses[data.statuses["period"] <= pd.Timestamp("2024-09-01")]

    def series(measure_id: str) -> pd.Series:
        return s[s["measure_id"] == measure_id].set_index("period")["actual"]

    expected = clearance_projection(series("ASC-WL01"), series("ASC-WL09"), series("ASC-WL10"))
    assert expected.sentence in [m.value for m in at.markdown]
    assert expected.method in [c.value for c in at.caption]


def test_period_selector_moves_the_figures(demo_env: Path, data: Dataset) -> None:
    at = open_page()
    latest = data.latest_period
    assert metric(at, "People waiting") == f"{whole(data, 'ASC-WL01', latest):,.0f}"
    at.sidebar.selectbox(key="url_period").select("2024-09").run()
    assert not at.exception
    assert metric(at, "People waiting") == f"{whole(data, 'ASC-WL01', '2024-09'):,.0f}"
    table = table_with(at, "Team")
    total = table.loc[table["Team"] == "All teams", "People waiting"].iloc[0]
    assert float(total.replace(",", "")) == whole(data, "ASC-WL01", "2024-09")
    spec = charts(at)["People waiting for a Care Act assessment, by team"]
    x = trace(spec, "All teams (total)")["x"]
    assert x[-1].startswith("2024-09-01")


def test_team_filter_shows_one_teams_series(demo_env: Path, data: Dataset) -> None:
    at = open_page(period="2024-09")
    at.sidebar.selectbox(key="url_team").select("East").run()
    assert not at.exception
    specs = charts(at)
    spec = specs["People waiting for a Care Act assessment – East team"]
    assert [t["name"] for t in spec["data"]] == ["East"]
    assert values(spec["data"][0]["y"])[-1] == team_value(data, "ASC-WL01", "East", "2024-09")
    assert metric(at, "People waiting") == f"{team_value(data, 'ASC-WL01', 'East', '2024-09'):,.0f}"
    assert "How long people have waited – East team" in specs
    assert at.query_params["team"] == "East"


def test_span_all_months_draws_the_whole_history(demo_env: Path, data: Dataset) -> None:
    at = open_page(period="2024-09")
    at.radio(key="waiting_span").set_value("All months").run()
    spec = charts(at)["People waiting for a Care Act assessment, by team"]
    s = data.statuses
    n = int(((s["measure_id"] == "ASC-WL01") & (s["period"] <= "2024-09-01")).sum())
    assert len(values(trace(spec, "All teams (total)")["y"])) == n


def test_headline_change_is_rounded_and_a_still_figure_says_no_change(
    demo_env: Path, data: Dataset
) -> None:
    s = data.statuses
    mean = s[s["measure_id"] == "ASC-WL03"].sort_values("period")
    change = mean["actual"].diff().round()
    still = mean.loc[change == 0, "period"]
    moved = mean.loc[change.abs() >= 1, "period"]
    assert len(still) and len(moved), "the demo has months with and without a change"
    at = open_page(period=still.iloc[-1].strftime("%Y-%m"))
    tile = next(m for m in at.metric if m.label == "Mean wait (days)")
    assert tile.delta == "no change on last month"
    assert tile.proto.direction == Metric.MetricDirection.NONE  # no arrow
    assert tile.proto.color == Metric.MetricColor.GRAY  # neither good nor bad
    when = moved.iloc[-1]
    at = open_page(period=when.strftime("%Y-%m"))
    tile = next(m for m in at.metric if m.label == "Mean wait (days)")
    step = int(change[mean["period"] == when].iloc[0])
    assert tile.delta == f"{step:+,d} on last month"
    assert tile.proto.direction == (
        Metric.MetricDirection.UP if step > 0 else Metric.MetricDirection.DOWN
    )
    assert tile.proto.color == (Metric.MetricColor.RED if step > 0 else Metric.MetricColor.GREEN)


# --- every waiting list ----------------------------------------------------------------------

LIST_TITLES = {
    "care_act": "People waiting for a Care Act assessment, by team",
    "reviews": "People waiting for a review",
    "ot": "People waiting for an occupational therapy assessment, by team",
    "carers": "Carers waiting for an assessment",
    "dols": "Deprivation of Liberty Safeguards applications waiting, by priority",
    "mh_reviews": "People waiting for a mental-health review",
    "financial": "People waiting for a financial assessment",
}


def test_summary_of_every_list_heads_the_page(demo_env: Path) -> None:
    at = open_page(period="2025-01")
    assert at.subheader[0].value == "All waiting lists, January 2025"
    table = table_with(at, "Waiting list").set_index("Waiting list")
    assert list(table.index) == [
        "Care Act assessments",
        "Reviews",
        "Occupational therapy assessments",
        "Carers' assessments",
        "DoLS applications, by priority",
        "Mental-health reviews",
        "Financial assessments",
    ]
    # Published Jan 2025 figures (CQC assessment report, Sep 2025; scrutiny Nov 2025)
    assert table.loc["Reviews", ["People waiting", "Longest wait (days)"]].tolist() == ["622", "76"]
    assert table.loc["Reviews", "Median wait (days)"] == "32"
    assert table.loc["Mental-health reviews", "People waiting"] == "24"
    assert table.loc["Mental-health reviews", "Longest wait (days)"] == "69"
    assert table.loc["Carers' assessments", "People waiting"] == "72"
    assert table.loc["DoLS applications, by priority", "People waiting"] == "1,285"
    assert table.loc["Care Act assessments", "People waiting"] == "547"  # as restated
    assert table.loc["Care Act assessments", "Longest wait (days)"] == "38"
    assert table.loc["Mental-health reviews", "Mean wait (days)"] == "–"  # not reported
    assert table.loc["Mental-health reviews", "Time to clear at the recent rate"] == "–"


@pytest.mark.parametrize("list_id", list(LIST_TITLES))
def test_every_waiting_list_renders_the_same_sections(demo_env: Path, list_id: str) -> None:
    at = open_page(period="2024-09", list=list_id)
    assert not at.exception
    specs = charts(at)
    assert LIST_TITLES[list_id] in specs
    assert "How long people have waited" in specs
    assert "People waiting by time waited" in specs
    assert any(t.endswith("referrals in and completions out") for t in specs)
    assert metric(at, "People waiting") != "–"
    assert at.query_params.get("list", "care_act") == list_id or list_id == "care_act"
    headers = [s.value for s in at.subheader]
    assert "How long would it take to clear the list?" in headers


def test_ot_list_by_team_adds_up_and_passes_the_published_point(
    demo_env: Path, data: Dataset
) -> None:
    at = open_page(period="2024-07", list="ot")
    assert metric(at, "People waiting") == "120"
    assert metric(at, "Longest wait (days)") == "45 days"
    table = table_with(at, "Team")
    teams = table[table["Team"] != "All teams"]
    assert sorted(teams["Team"]) == ["City", "East", "North", "South", "West"]
    assert teams["People waiting"].astype(float).sum() == 120
    bands = charts(at)["People waiting by time waited"]
    assert [t["name"] for t in bands["data"]][:3] == ["91+ days", "29–90 days", "0–28 days"]


def test_dols_breakdown_is_by_priority(demo_env: Path) -> None:
    at = open_page(period="2024-10", list="dols")
    table = table_with(at, "Priority")
    assert set(table["Priority"]) == {"High priority", "Medium priority", "Low priority", "Total"}
    total = table.loc[table["Priority"] == "Total", "People waiting"].iloc[0]
    assert total == "1,313"  # open DoLS, end Oct 2024 (published)
    spec = charts(at)[LIST_TITLES["dols"]]
    assert "All (priority total)" in {t["name"] for t in spec["data"]}


def test_priorities_are_not_offered_as_teams(demo_env: Path) -> None:
    at = open_page(period="2024-10", list="dols")
    options = at.sidebar.selectbox(key="url_team").options
    assert "East" in options and "Occupational Therapy" in options
    assert not any("priority" in o for o in options)
