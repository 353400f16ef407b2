"""Benchmarks: the council against England, its region and nearest neighbours (ASCOF-annex style).

Gaps, ranks, quartiles and words all come from metrics.benchmarks; this page only composes.
"""

from __future__ import annotations

import streamlit as st

from charts.benchmarks import neighbour_chart
from dashboard.downloads import csv_button
from dashboard.sections.benchmarks import (
    annex,
)
from dashboard.state import view
from dashboard.ui import empty_state
from metrics.benchmarks import BenchmarkGroups, benchmark_table, neighbour_values
from metrics.periods import financial_year, month_long

v = view()
st.title("Benchmarks")
groups = BenchmarkGroups.from_env()
data = v.data
if v.period is None or data.comparators.empty:
    empty_state(
        "There are no comparator figures yet. Load a comparators.csv (England, region and "
        "nearest neighbours by name) on the Data page."
    )
    st.stop()

table = benchmark_table(data.statuses, data.comparators, data.catalogue, groups, up_to=v.period)
if table.empty:
    empty_state(
        f"No measure has both a council figure and a comparator up to {month_long(v.period)}."
    )
    st.stop()

st.caption(
    f"For each measure with comparators, the latest year up to {month_long(v.period)} with "
    "the council's figure and England's. Nearest neighbours are every comparator other "
    "than England and the region. Names marked (illustrative) are synthetic demo values; "
    "England figures are the published ones."
)
shown = annex(table)
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    key="benchmarks_table",
    column_config={
        "Measure": st.column_config.TextColumn(width="large", pinned=True),
        **{
            c: st.column_config.NumberColumn(format="localized", width="small")
            for c in ("Council", "England", "Region", "Gap to England", "Change on last year")
        },
        **{c: st.column_config.NumberColumn(width="small") for c in ("Rank", "Of")},
    },
)
st.caption(
    "Gap and change: pp = percentage points (percentages); % = relative to England's (or "
    "last year's) value for rates and other units. None = no figure for that comparator or "
    "year."
)
st.caption(groups.rule())
csv_button(v, shown, "benchmarks", key="csv_benchmarks")

st.subheader("One measure among its neighbours")
options = list(table["measure_id"])
names = dict(zip(table["measure_id"], table["name"], strict=True))
chosen = st.selectbox(
    "Measure", options, format_func=lambda m: f"{names[m]} ({m})", key="benchmark_measure"
)
row = table[table["measure_id"] == chosen].iloc[0]
rows = neighbour_values(
    data.statuses, data.comparators, chosen, row["period"], groups, council_name="This council"
)
fig = neighbour_chart(rows, f"{names[chosen]}, {financial_year(row['period'])}", str(row["unit"]))
st.plotly_chart(fig, width="stretch", key="benchmark_chart")
