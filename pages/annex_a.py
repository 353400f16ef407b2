"""Annex A: every measure reporting in the period, grouped by priority, in the council's columns.

The rows come from `metrics.annex` (the same builder as the PDF section and the Excel sheet);
this page only filters and lays them out. Long text wraps in the table, so nothing needs
sideways scrolling.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.downloads import csv_button
from dashboard.plain import escaped
from dashboard.state import view
from dashboard.text import md_text
from dashboard.ui import empty_state, styled
from metrics.annex import (
    NOTE_COLUMN,
    STATUS_COLUMNS,
    annex_groups,
    annex_table,
    directors_in,
    filter_annex,
)
from metrics.periods import financial_year, month_long
from metrics.report import for_period
from metrics.vocab import STATUSES, status_label

#: Fixed layout: the table takes the page's width and every cell wraps, so nothing scrolls
#: sideways. Widths follow the council's columns: wide for the measure and the texts.
ANNEX_CSS = """
<style>
[class*="st-key-annex_wide"] [data-testid="stTable"] table { table-layout: fixed; width: 100%; }
[class*="st-key-annex_wide"] [data-testid="stTable"] th, [class*="st-key-annex_wide"] [data-testid="stTable"] td {
  white-space: normal !important; overflow-wrap: anywhere; font-size: 0.85rem;
  padding: 4px 5px !important; vertical-align: top; }
[class*="st-key-annex_wide"] [data-testid="stTable"] td * { overflow-wrap: anywhere !important; min-width: 0; }
[class*="st-key-annex_wide"] [data-testid="stTable"] th { font-size: 0.78rem; hyphens: auto; }
[class*="st-key-annex_wide"] [data-testid="stTable"] th:nth-child(1) { width: 12%; }
[class*="st-key-annex_wide"] [data-testid="stTable"] th:nth-child(2), [class*="st-key-annex_wide"] [data-testid="stTable"] th:nth-child(3) { width: 6%; }
[class*="st-key-annex_wide"] [data-testid="stTable"] th:nth-child(4), [class*="st-key-annex_wide"] [data-testid="stTable"] th:nth-child(5) { width: 9%; }
[class*="st-key-annex_wide"] [data-testid="stTable"] th:nth-child(6), [class*="st-key-annex_wide"] [data-testid="stTable"] th:nth-child(7),
[class*="st-key-annex_wide"] [data-testid="stTable"] th:nth-child(8) { width: 5.5%; }
[class*="st-key-annex_wide"] [data-testid="stTable"] th:nth-child(11), [class*="st-key-annex_wide"] [data-testid="stTable"] th:nth-child(14) { width: 6.5%; }
[class*="st-key-annex_wide"] [data-testid="stTable"] th:nth-child(15) { width: 9%; }
</style>
"""

v = view()
st.html(ANNEX_CSS)
st.title("Annex A: every measure")
st.caption(
    "Every measure reporting in the period, grouped by priority, in the columns of the "
    "council's Annex A. Status is as reported where the council recorded one, otherwise the "
    "RAG rule's; where they differ, the status note says so."
)

if v.period is None:
    empty_state("There are no figures in the database yet. Load a return on the Data page.")
    st.stop()

reporting = for_period(v.data.statuses, v.period)
st.caption(f"Figures for {month_long(v.period)} (financial year {financial_year(v.period)}).")
if reporting.empty:
    empty_state(f"No measures reported for {month_long(v.period)}.")
    st.stop()

table = annex_table(reporting)
priorities = table.drop_duplicates("priority_id")
names = dict(zip(priorities["priority_id"], priorities["priority_name"], strict=True))
directors = directors_in(table)

a, b, c, d = st.columns([1.2, 1.2, 1, 1.2])
chosen_priorities = a.multiselect(
    "Priority",
    list(names),
    default=[v.priority] if v.priority in names else [],
    format_func=lambda p: f"{p} – {names.get(p, p)}",
    placeholder="All priorities",
    key="annex_priority",
)
chosen_directors = b.multiselect(
    "Director", directors, placeholder="All directors", key="annex_director"
)
chosen_statuses = c.multiselect(
    "Status", list(STATUSES), format_func=status_label, placeholder="Any status", key="annex_status"
)
query = d.text_input(
    "Search",
    placeholder="Words in any column",
    key="annex_search",
    help="Matches the measure, director, portfolio holder, comment, plan, impacts and notes.",
)
shown = filter_annex(
    table,
    priorities=chosen_priorities,
    directors=chosen_directors,
    statuses=chosen_statuses,
    query=query,
)
st.markdown(f"**{len(shown):,} of {len(table):,} measures shown.**")
if shown.empty:
    empty_state("No measure matches these filters. Clear a filter or search for fewer words.")
    st.stop()

expand = st.toggle(
    "One row per measure: open a measure to read every column in full",
    key="annex_expand",
    help="For narrow screens and long comments: each measure becomes an expandable row.",
)
for priority_id, priority_name, rows in annex_groups(shown):
    st.subheader(f"{md_text(priority_id, one_line=True)} – {md_text(priority_name, one_line=True)}")
    if expand:
        for _, row in rows.iterrows():
            with st.expander(f"{row['Status']} — {md_text(row['Measure'], one_line=True)}"):
                pairs = pd.DataFrame({"Column": list(row.index), "Value": list(row.to_numpy())})
                st.table(escaped(pairs[pairs["Value"].ne("")]), hide_index=True)
        continue
    notes = rows[NOTE_COLUMN].ne("").sum()
    body = rows if notes else rows.drop(columns=NOTE_COLUMN)
    with st.container(key=f"annex_wide_{priority_id}"):
        st.table(styled(escaped(body), STATUS_COLUMNS), hide_index=True)

csv_button(v, shown.drop(columns=["priority_name"]), "annex-a", key="csv_annex")
