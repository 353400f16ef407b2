"""Strategic risks: the month's register, the likelihood x impact heat map and one risk in focus.

Scores, ratings and direction of travel come from `metrics.risk.risk_register`; this page only
lays them out.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.risks import band_ranges
from dashboard.downloads import csv_button, export_panel
from dashboard.plain import escaped
from dashboard.plan_links import risk_section
from dashboard.sections.risks import (
    heat_map,
    linked_measures,
    register_table,
    risk_in_focus,
)
from dashboard.state import synced_select, view
from dashboard.ui import empty_state, styled
from metrics.periods import month_label, month_long
from metrics.risk import risk_register
from metrics.showing import risk_caption, risk_period
from metrics.vocab import status_label

v = view()
st.title("Strategic risks")
amber_from, red_from = v.settings.risk_amber_from, v.settings.risk_red_from
ranges = band_ranges(amber_from, red_from)

if v.period is None or v.data.risks.empty:
    empty_state("There are no strategic risk assessments in the database yet.")
    st.stop()

assessed = risk_period(v.data.risks, v.period)
register = (
    risk_register(v.data.risks, assessed, amber_from, red_from)
    if assessed is not None
    else pd.DataFrame()
)
if register.empty:
    empty_state(
        f"No strategic risks were assessed up to {month_long(v.period)}. Choose another "
        "reporting period in the sidebar."
    )
    st.stop()

fallback = risk_caption(assessed, v.period)
if fallback:
    st.caption(f"{fallback}, the latest assessment up to {month_long(v.period)}.")
st.caption(
    f"The corporate strategic risk register as assessed for {month_long(assessed)}. "
    f"Score = likelihood × impact (each 1–5). Rating bands: {status_label('green')} "
    f"{ranges['green']}, {status_label('amber')} {ranges['amber']}, {status_label('red')} "
    f"{ranges['red']}. Direction of travel compares the residual score with last month: "
    "↓ fell · better means the score went down."
)

counts = register["rating"].value_counts()
moved = int(register["direction"].isin(["improving", "worsening"]).sum())
tiles = st.columns(4)
tiles[0].metric("Risks assessed", f"{len(register):,}", border=True)
for column, band in zip(tiles[1:], ("red", "amber", "green"), strict=True):
    column.metric(f"Rated {status_label(band)}", f"{int(counts.get(band, 0)):,}", border=True)
st.caption(f"{moved:,} of {len(register):,} risks changed residual score since last month.")

st.subheader(f"Risk register, {month_label(assessed)}")
table = register_table(register)
# A static table that wraps: every risk's full name and its owner stay on screen at 1440 px
# (the scrolling grid cut names off and pushed the owner column out of view).
st.table(styled(escaped(table), status_columns=("Rating",)), hide_index=True)
csv_button(v, table, "risk-register", key="csv_risk_register")
export_panel(v, key="risks")

ids = list(register["risk_id"])
names = dict(zip(register["risk_id"], register["name"], strict=True))
focus = synced_select(
    "Focus on a risk",
    "risk",
    ids,
    ids[0],
    format_func=lambda rid: f"{rid} – {names.get(rid, rid)}",
    container=st,
)

left, right = st.columns([1.35, 1])
with left:
    heat_map(register, focus, assessed, amber_from, red_from)
with right:
    row = risk_in_focus(v, register, focus, amber_from, red_from)

links = linked_measures(v, row, focus)
risk_section(v, focus, links)
