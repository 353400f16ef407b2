"""Overview: what needs attention (by name), key measures, then the counts and the report's tables.

Everything reads `metrics.report` output for the selected period and priority; no status is
recomputed here.
"""

from __future__ import annotations

import streamlit as st

from charts.performance import rag_by_priority
from dashboard import council_section
from dashboard.downloads import csv_button, export_panel
from dashboard.plain import escaped
from dashboard.sections.overview import (
    attention_list,
    budget_tile,
    frequency_table,
    key_measures,
    period_count_tiles,
    status_changes,
    trailing_table,
)
from dashboard.state import view
from dashboard.ui import empty_state, no_figures_state
from metrics.attention import (
    amber_exceptions,
    red_measures,
    worsened,
)
from metrics.periods import financial_year, month_label, month_long
from metrics.report import for_period
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

key_measures(statuses, v.data.catalogue, v.period)

st.subheader("This period's counts")
changes = status_changes(reporting)
period_count_tiles(reporting, changes)

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

budget_tile(v.data.finance, v.period)  # the Finance page has the full Table 13
