"""Strategic risks: the month's register, the likelihood x impact heat map and one risk in focus.

Scores, ratings and direction of travel come from `metrics.risk.risk_register`; this page only
lays them out.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.risks import band_ranges, risk_heatmap, risk_history_chart
from dashboard.downloads import csv_button, export_panel
from dashboard.plain import escaped
from dashboard.plan_links import risk_section
from dashboard.sections.risks import (
    linked_measures_table,
    register_table,
    split_links,
    target_words,
)
from dashboard.state import synced_select, view
from dashboard.text import md_text
from dashboard.ui import badge_html, empty_state, styled
from metrics.periods import month_label, month_long
from metrics.risk import risk_history, risk_register
from metrics.showing import risk_caption, risk_period
from metrics.vocab import direction_label, status_label

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
    only_focus = st.checkbox("Show only the focused risk on the heat map", key="risk_only_focus")
    shown = register[register["risk_id"] == focus] if only_focus else register
    fig = risk_heatmap(
        shown,
        amber_from=amber_from,
        red_from=red_from,
        focus=focus,
        title=f"Likelihood × impact, {month_label(assessed)}",
    )
    fig.update_layout(height=780)
    st.plotly_chart(fig, width="stretch", key="risk_heatmap")
    st.caption(
        "Hollow circle: inherent position (before controls). Filled circle: current residual "
        "position. Cross: target. A dotted arrow shows this month's movement from last month's "
        "residual position. Each cell shows its score and band symbol."
    )

with right:
    row = register[register["risk_id"] == focus].iloc[0]
    st.subheader(f"{md_text(focus)}: {md_text(row['name'])}")
    # The badge is the only HTML (no data in it); the owner from the file is escaped markdown.
    st.markdown(badge_html(row["rating"]), unsafe_allow_html=True)
    st.markdown(
        f"Residual score **{int(row['residual_score'])}** "
        f"({int(row['residual_likelihood'])} × {int(row['residual_impact'])}) · "
        f"{direction_label(row['direction'], row['movement'])} · {target_words(row['target_score'])}  \n"
        f"**Owner:** {md_text(row['owner']) if isinstance(row['owner'], str) else 'Not recorded'}"
    )
    for field, label in (
        ("description", "Description"),
        ("controls", "Controls"),
        ("actions", "Actions"),
    ):
        if isinstance(row.get(field), str) and row[field].strip():
            st.markdown(f"**{label}:** {md_text(row[field])}")
    history = risk_history(v.data.risks)
    history = history[(history["risk_id"] == focus) & (history["period"] <= v.period)]
    fig = risk_history_chart(
        history,
        amber_from=amber_from,
        red_from=red_from,
        title=f"{focus} score over time",
    )
    fig.update_layout(height=420)
    st.plotly_chart(fig, width="stretch", key="risk_history")

st.subheader(f"Measures linked to {md_text(focus)}")
st.caption(f"Each measure's latest figure up to {month_long(v.period)}.")
links = split_links(row["linked_measures"])
if not links:
    empty_state(f"{focus} has no linked Adult Social Care measures.")
else:
    st.dataframe(
        styled(linked_measures_table(links, v.data.statuses, v.period), status_columns=("Status",)),
        hide_index=True,
        width="stretch",
        key="risk_linked",
    )
risk_section(v, focus, links)
