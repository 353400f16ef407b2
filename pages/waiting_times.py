"""Waiting times: a summary of every waiting list, then one list in full (chosen by selector).

The lists and the role of each measure come from the catalogue's waiting-list families
(waiting_lists.csv); every list gets the same sections, each shown where the list reports it.
"""

from __future__ import annotations

import streamlit as st

from dashboard.sections.waiting_times import (
    SPANS,
    ListSeries,
    flows_and_projection,
    headline_tiles,
    list_by_team,
    published_anchors,
    safeguarding_and_dols,
    series,
    summary_frame,
    waits_and_bands,
)
from dashboard.state import synced_select, view
from dashboard.text import md_text
from dashboard.ui import empty_state, no_figures_state
from metrics.periods import month_long
from metrics.waiting_lists import families, headline_list, summary

v = view()
st.title("Waiting times")

if v.period is None:
    no_figures_state(v.data.loads, v.data.as_of)
    st.stop()

statuses = v.data.statuses
# Team detail for the declared lists' measures only (a large database has many team rows).
teams = v.data.team_rows(v.data.waiting_lists["measure_id"].tolist())
period = v.period
lists = families(v.data.waiting_lists, v.data.catalogue)
if not lists:
    empty_state(
        "No waiting lists are declared in the catalogue. Load a waiting_lists.csv (see the "
        "templates on the Data page) to name each list's measures."
    )
    st.stop()

# 0. Every list at a glance.
st.subheader(f"All waiting lists, {month_long(period)}")
overview = summary(lists, statuses, period)
st.dataframe(
    summary_frame(overview),
    hide_index=True,
    width="stretch",
    key="waiting_summary",
)
st.caption(
    "Blank (–) where a list does not report that figure. Time to clear uses each list's "
    "referrals and completions over the last 3 months (method below). Status is the number "
    "waiting against its target, where it has one."
)

by_id = {f.list_id: f for f in lists}
chosen = synced_select(
    "Waiting list",
    "list",
    list(by_id),
    headline_list(lists).list_id,
    format_func=lambda k: by_id[k].name,
    container=st,
)
family = by_id[chosen]
if family.missing:
    st.caption("Not in the catalogue, so not shown: " + md_text(", ".join(family.missing)) + ".")

catalogue = v.data.catalogue.set_index("measure_id")
waiting_id = family.measure("waiting")
list_teams = teams[teams["measure_id"] == waiting_id]
team = v.team if v.team and (list_teams["team"] == v.team).any() else ""
word = family.breakdown
who = (
    f"the {md_text(team)} {md_text(word)}"
    if team
    else ("all teams" if word == "team" else f"every {md_text(word)}")
)
st.caption(
    f"{md_text(family.name)}: the waiting list and related waits for {who}, up to "
    f"{month_long(period)}."
    + (" Choose a team in the sidebar to see one team's figures." if word == "team" else "")
)
if v.team and not team and len(list_teams):
    st.caption(f"There are no figures for {md_text(v.team)} on this list; showing the whole list.")

if series(statuses, waiting_id).pipe(lambda r: r[r["period"] <= period]).empty:
    empty_state(f"There are no figures for this list up to {month_long(period)}.")
    st.stop()

span_label = st.radio("Show", list(SPANS), index=1, horizontal=True, key="waiting_span")
months = SPANS[span_label]
anchors = published_anchors()
list_series = ListSeries(teams if team else statuses, team, period, months)

headline_tiles(family, list_series, statuses, catalogue)
list_by_team(family, list_series, statuses, teams, catalogue, anchors)
waits_and_bands(family, list_series, anchors)
flows_and_projection(family, list_series)
safeguarding_and_dols(statuses, catalogue, anchors, period, months)
