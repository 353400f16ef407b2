"""Overview: what needs attention (by name), key measures, then the counts and the report's tables.

Everything reads `metrics.report` output for the selected period and priority; no status is
recomputed here.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.performance import rag_by_priority, status_change_rows
from charts.sparkline import sparkline_img
from dashboard import council_section
from dashboard.downloads import csv_button, export_panel
from dashboard.plain import escaped
from dashboard.sections.overview import (
    attention_list,
    change_text,
    frequency_table,
    trailing_table,
)
from dashboard.state import view
from dashboard.text import md_text
from dashboard.ui import empty_state, no_figures_state
from metrics.attention import (
    amber_exceptions,
    key_tiles,
    red_measures,
    worsened,
)
from metrics.exceptions import EXCEPTION_RULE
from metrics.finance import FinanceThresholds, finance_table
from metrics.formatting import format_value
from metrics.periods import financial_year, month_label, month_long
from metrics.report import for_period
from metrics.showing import finance_period
from metrics.vocab import status_label

v = view()
st.title("Overview")

statuses = v.data.statuses
if v.priority:
    statuses = statuses[statuses["priority_id"] == v.priority]
reporting = for_period(statuses, v.period) if v.period is not None else statuses.iloc[0:0]

if v.period is None:
    no_figures_state(v.data.loads, v.data.as_of)
    st.stop()

scope = "all priorities" if not v.priority else f"priority {v.priority}"
st.caption(
    f"Figures for {month_long(v.period)} (financial year {financial_year(v.period)}), {scope}."
)
if reporting.empty:
    empty_state(f"No measures reported for {month_long(v.period)} in {scope}.")
    st.stop()

st.subheader(f"Needs attention, {month_label(v.period)}")
red_col, amber_col, worse_col = st.columns(3)
attention_list(
    f"{status_label('red')} measures", red_measures(reporting), v.period, red_col, "attn_red"
)
attention_list(
    f"{status_label('amber')} exceptions (two periods or more)",
    amber_exceptions(reporting),
    v.period,
    amber_col,
    "attn_amber",
)
attention_list(
    "Status worsened since last period", worsened(reporting), v.period, worse_col, "attn_worse"
)

tiles_key = key_tiles(statuses, v.data.catalogue, v.period)
if tiles_key:
    st.subheader("Key measures")
    for start in range(0, len(tiles_key), 3):
        row_tiles = tiles_key[start : start + 3]
        for column, tile in zip(st.columns(3), row_tiles, strict=False):
            box = column.container(key=f"key_tile_{tile.measure_id}", border=True)
            box.metric(
                md_text(f"{tile.name} ({tile.measure_id})"),
                format_value(tile.actual, tile.unit),
                delta=change_text(tile, "last"),
                delta_color="off",
                delta_arrow="off",
                help=f"{month_long(tile.period)}; the line shows the last "
                f"{len(tile.spark)} figures.",
            )
            # Only numbers and constant words go into this SVG; html-escaped in sparkline_svg.
            line = sparkline_img(
                tile.spark,
                f"The last {len(tile.spark)} figures, from "
                f"{format_value(tile.spark[0], tile.unit)} to "
                f"{format_value(tile.spark[-1], tile.unit)}",
            )
            if line:
                box.html(line)
            box.caption(
                f"{month_label(tile.period)} · {status_label(tile.status)} · "
                f"{change_text(tile, 'year')}"
            )

st.subheader("This period's counts")
counts = reporting["status"].value_counts()
changes = status_change_rows(reporting)
unchanged = changes["Change"] == "No change"
changes.loc[unchanged, "Which measures"] = (  # ids only: this list is long
    status_change_rows(reporting, names=False).loc[unchanged, "Which measures"]
)
changed = int(
    changes.loc[~changes["Change"].isin(["No change", "First report (no previous period)"])][
        "Measures"
    ].sum()
)
tiles = [
    ("Measures reporting", len(reporting), "Measures with a figure for this period."),
    (status_label("green"), int(counts.get("green", 0)), "On or better than target."),
    (status_label("amber"), int(counts.get("amber", 0)), "Within tolerance of target."),
    (status_label("red"), int(counts.get("red", 0)), "Outside tolerance of target."),
    (status_label("monitoring"), int(counts.get("monitoring", 0)), "Monitoring only: no target."),
    (status_label("no_data"), int(counts.get("no_data", 0)), "A row with no figure."),
    ("Exceptions", int(reporting["exception"].sum()), f"{EXCEPTION_RULE}."),
    (
        "Changed status since last period",  # wraps (CSS in dashboard/ui.py), never cut
        changed,
        "Measures whose status differs from their previous report.",
    ),
]
for row in (tiles[:4], tiles[4:]):
    for column, (label, value, help_text) in zip(st.columns(4), row, strict=True):
        column.metric(label, f"{value:,}", help=help_text, border=True)

st.plotly_chart(rag_by_priority(reporting), width="stretch", key="overview_rag")

st.subheader("Table 1: measures by reporting frequency")
table1 = frequency_table(reporting)
st.dataframe(table1, hide_index=True, width="stretch", key="table1")
csv_button(v, table1, "table1-by-frequency", key="csv_table1")

st.subheader("Table 2: the last 12 periods")
st.caption("Status counts for each month up to the selected period.")
table2 = trailing_table(statuses, v.period)
st.dataframe(
    table2, hide_index=True, width="stretch", height=35 * (len(table2) + 1) + 3, key="table2"
)
csv_button(v, table2, "table2-last-12-periods", key="csv_table2")

st.subheader("Status changes since the previous period")
st.caption("Each measure's status now compared with its previous report.")
st.table(escaped(changes), hide_index=True)
csv_button(v, changes, "status-changes", key="csv_changes")
council_section.render(v, statuses, reporting)
export_panel(v, key="overview")

# Budget tile (the Finance page has the full Table 13).
_finance_rows = v.data.finance
_reported = finance_period(_finance_rows, v.period) if v.period is not None else None
if _reported is not None:
    _thresholds = FinanceThresholds.from_env()
    _total = finance_table(_finance_rows, _reported, _thresholds).iloc[-1]
    st.subheader("Adult Services budget")
    _variance = _total["variance"]
    st.metric(
        f"Forecast variance, {month_long(_reported)}",
        "Breakeven" if _variance == 0 else format_value(_variance, "currency"),
        delta=f"{status_label(_total['light'])} · "
        + (
            "–"
            if pd.isna(_total["variance_pct"])
            else f"{_total['variance_pct']:.2f}% of {format_value(_total['net_budget'], 'currency')}"
        ),
        delta_color="off",
        delta_arrow="off",
        border=True,
        help=_thresholds.rule(),
    )
