"""Overview page (AppTest) and the RAG-by-priority chart and status-change rows it draws."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from charts.performance import rag_by_priority, status_change_rows
from metrics.report import for_period, trailing_periods
from metrics.vocab import STATUS_FILL, STATUSES, status_label
from tests.apptest import open_app, table_with

SEP_2024 = pd.Timestamp("2024-09-01")


def tiles(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def test_tiles_match_the_report_for_the_latest_period(demo_env: Path, data) -> None:
    reporting = for_period(data.statuses, data.latest_period)
    at = open_app()
    shown = tiles(at)
    assert shown["Measures reporting"] == str(len(reporting))
    for status in STATUSES:
        assert shown[status_label(status)] == str(int(reporting["status"].eq(status).sum()))
    assert shown["Exceptions"] == str(int(reporting["exception"].sum()))
    changed = reporting["previous_status"].notna() & reporting["previous_status"].ne(
        reporting["status"]
    )
    assert shown["Changed status since last period"] == str(int(changed.sum()))


def test_changing_the_period_changes_tiles_and_tables(demo_env: Path, data) -> None:
    at = open_app()
    before = tiles(at)
    table2_before = table_with(at, "Total reporting")
    at.sidebar.selectbox(key="url_period").select("2024-09").run()
    assert not at.exception
    after = tiles(at)
    reporting = for_period(data.statuses, SEP_2024)
    assert after["Measures reporting"] == str(len(reporting)) == "75"
    assert after != before
    table2 = table_with(at, "Total reporting")
    assert table2["Period"].iloc[-1] == "Sep 2024"
    assert table2["Period"].iloc[0] == "Oct 2023"
    assert not table2.equals(table2_before)
    expected = trailing_periods(data.statuses, SEP_2024, 12)
    assert list(table2[status_label("red")]) == [int(n) for n in expected["red"]]
    assert list(table2["Exceptions"]) == [int(n) for n in expected["exceptions"]]


def test_deep_link_opens_on_the_linked_period(demo_env: Path, data) -> None:
    at = open_app(period="2024-09")
    reporting = for_period(data.statuses, SEP_2024)
    assert tiles(at)["▲ Red"] == str(int(reporting["status"].eq("red").sum()))
    assert any("September 2024 (financial year 2024/25)" in c.value for c in at.caption)
    spec = chart_specs(at)[0]
    assert spec["layout"]["title"]["text"] == "RAG status by priority, Sep 2024"


def test_frequency_table_counts_and_percentages(demo_env: Path, data) -> None:
    at = open_app(period="2024-09")
    table1 = table_with(at, "● Amber 2+ periods").set_index("Frequency")
    reporting = for_period(data.statuses, SEP_2024)
    monthly = reporting[reporting["frequency"] == "monthly"]
    green = int(monthly["status"].eq("green").sum())
    assert table1.loc["Monthly", "★ Green"] == f"{green} ({100 * green / len(monthly):.0f}%)"
    assert table1.loc["All frequencies", "Total"] == str(len(reporting))
    assert list(table1.index[:-1]) == [
        f.capitalize() for f in ("monthly", "bimonthly", "quarterly", "biannual")
    ]


def test_status_change_table_lists_the_measures(demo_env: Path, data) -> None:
    at = open_app(period="2024-09")
    changes = table_with(at, "Which measures").set_index("Change")
    assert list(changes.index[:6]) == [
        "▲ Red → ★ Green",
        "● Amber → ★ Green",
        "▲ Red → ● Amber",
        "★ Green → ● Amber",
        "● Amber → ▲ Red",
        "★ Green → ▲ Red",
    ]
    reporting = for_period(data.statuses, SEP_2024)
    assert changes["Measures"].sum() == len(reporting)
    red_to_green = reporting[
        reporting["previous_status"].eq("red") & reporting["status"].eq("green")
    ]
    assert changes.loc["▲ Red → ★ Green", "Measures"] == len(red_to_green)
    for mid in red_to_green["measure_id"]:
        assert mid in changes.loc["▲ Red → ★ Green", "Which measures"]


def test_priority_filter_restricts_everything(demo_env: Path, data) -> None:
    at = open_app(period="2024-09")
    at.sidebar.selectbox(key="url_priority").select("P1").run()
    assert not at.exception
    reporting = for_period(data.statuses, SEP_2024)
    p1 = reporting[reporting["priority_id"] == "P1"]
    assert tiles(at)["Measures reporting"] == str(len(p1))
    assert tiles(at)["Exceptions"] == str(int(p1["exception"].sum()))
    spec = chart_specs(at)[0]
    assert {y for trace in spec["data"] for y in trace["y"]} == {"P1 Timely assessment and review"}
    table2 = table_with(at, "Total reporting")
    assert table2["Total reporting"].iloc[-1] == len(p1)


def test_rag_chart_in_the_page(demo_env: Path) -> None:
    at = open_app(period="2024-09")
    spec = chart_specs(at)[0]
    assert [t["name"] for t in spec["data"]] == [status_label(s) for s in STATUSES]
    assert spec["layout"]["xaxis"]["title"]["text"] == "Number of measures"
    assert spec["layout"]["barmode"] == "stack"


def test_empty_database_shows_a_sentence(empty_db: Path) -> None:
    at = open_app()
    assert any("no figures in the database" in i.value for i in at.info)
    assert len(at.metric) == 0


# --- chart builders -------------------------------------------------------------------------


def test_rag_by_priority_figure(data) -> None:
    reporting = for_period(data.statuses, SEP_2024)
    fig = rag_by_priority(reporting)
    assert fig.layout.title.text == "RAG status by priority, Sep 2024"
    assert fig.layout.xaxis.title.text == "Number of measures"
    assert [t.name for t in fig.data] == [
        "★ Green",
        "● Amber",
        "▲ Red",
        "n/a Monitoring",
        "? No data",
    ]
    assert [t.marker.color for t in fig.data] == [STATUS_FILL[s] for s in STATUSES]
    assert all(t.orientation == "h" for t in fig.data)
    red = fig.data[2]
    counts = dict(zip(red.y, red.x, strict=True))
    p1 = reporting[(reporting["priority_id"] == "P1") & reporting["status"].eq("red")]
    assert counts["P1 Timely assessment and review"] == len(p1)
    assert sum(sum(t.x) for t in fig.data) == len(reporting)
    assert red.texttemplate == "%{text}"


def test_rag_by_priority_with_no_rows(data) -> None:
    fig = rag_by_priority(data.statuses.iloc[0:0])
    assert fig.layout.title.text == "RAG status by priority"
    assert len(fig.data) == len(STATUSES)


def test_status_change_rows_ids_only(data) -> None:
    reporting = for_period(data.statuses, SEP_2024)
    rows = status_change_rows(reporting, names=False).set_index("Change")
    assert rows["Measures"].sum() == len(reporting)
    assert "Carers" not in rows.loc["No change", "Which measures"]
    assert "ASC-WL01" in rows.loc["No change", "Which measures"]
