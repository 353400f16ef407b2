"""Measure explorer: find a measure, then see its definition, history, teams, SPC and snapshots.

The search (`?q=`) and the chosen measure (`?measure=`) live in the URL so a link restores the
view. Status and direction come from `Dataset.statuses`; SPC from `metrics.spc`.
"""

from __future__ import annotations

import streamlit as st

from dashboard.sections.explorer import (
    benchmarks_section,
    history_section,
    latest_figure,
    measure_heading,
    replaced_section,
    search,
    snapshots_section,
    teams_section,
)
from dashboard.sections.explorer_spc import spc_section
from dashboard.state import restore_from_url, synced_select, view, write_url
from dashboard.ui import empty_state
from metrics.periods import month_long

v = view()
st.title("Measure explorer")
catalogue = v.data.catalogue
if v.priority:
    catalogue = catalogue[catalogue["priority_id"] == v.priority]
if catalogue.empty:
    empty_state("There are no measures to explore yet. Load a measures file on the Data page.")
    st.stop()

restore_from_url("url_q", "q", str, "")
search_col, pick_col = st.columns([1, 2])
query = search_col.text_input(
    "Search measures",
    key="url_q",
    placeholder="ID or words, e.g. DoLS",
    help="Matches the measure ID, name, description or priority. Every word must match.",
)
write_url("q", query)

matches = search(catalogue, query or "")
if matches.empty:
    empty_state(f"No measure matches “{query}”. Try fewer or shorter words.")
    st.stop()
labels = dict(zip(matches["measure_id"], matches["name"], strict=True))
measure_id = synced_select(
    f"Measure ({len(matches):,} of {len(catalogue):,} match)",
    "measure",
    list(labels),
    next(iter(labels)),
    format_func=lambda m: f"{m} – {labels.get(m, m)}",
    container=pick_col,
)

info = catalogue.set_index("measure_id").loc[measure_id]
unit = str(info["unit"])
measure_heading(info, measure_id, unit)

statuses = v.data.statuses
all_rows = statuses[statuses["measure_id"] == measure_id].sort_values("period")
rows = all_rows[all_rows["period"] <= v.period] if v.period is not None else all_rows
if rows.empty:
    when = f" up to {month_long(v.period)}" if v.period is not None else ""
    empty_state(f"No figures have been reported for this measure{when}.")
    st.stop()

latest_figure(rows, info, unit, v.period)

history_section(v, rows, info, measure_id, unit)
replaced_section(v, info, measure_id, unit)
benchmarks_section(v, info, measure_id, unit)
teams_section(v, rows, info, measure_id, unit)
spc_section(v, rows, info, measure_id, unit)
snapshots_section(v, rows, measure_id, unit)
