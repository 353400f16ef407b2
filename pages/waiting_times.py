"""Waiting times: a summary of every waiting list, then one list in full (chosen by selector).

The lists and the role of each measure come from the catalogue's waiting-list families
(waiting_lists.csv); every list gets the same sections, each shown where the list reports it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.waiting import (
    measure_line,
    referrals_and_completions,
    wait_lengths,
    waiting_list_by_team,
    waits_by_band,
)
from dashboard.sections.waiting_times import (
    DOLS,
    SAFEGUARDING,
    SPANS,
    TILE_LABELS,
    ListSeries,
    events_over,
    headline,
    measure_name,
    published_anchors,
    series,
    summary_frame,
    team_table,
    window,
)
from dashboard.state import synced_select, view
from dashboard.text import md_text
from dashboard.ui import badge_html, empty_state, no_figures_state
from metrics.formatting import format_value
from metrics.periods import month_label, month_long
from metrics.time_to_clear import clearance_projection
from metrics.waiting_lists import WAIT_ROLES, families, headline_list, summary

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
source = list_series.source


# Headline tiles: the selected month, whole list (with status) or the chosen team.
st.subheader(f"{month_long(period)}" + (f" – {md_text(team)} {md_text(word)}" if team else ""))
tile_roles = [r for r in TILE_LABELS if family.measure(r)]
extra = family.measure("support_plan")
tiles = st.columns(len(tile_roles) + (1 if extra else 0))
for column, role in zip(tiles, tile_roles, strict=False):
    rows = series(source, family.roles[role], team)
    rows = rows[rows["period"] <= period].tail(2)
    if not rows.empty and rows.iloc[-1]["period"] != period:
        rows = rows.iloc[0:0]
    about = catalogue.loc[family.roles[role]] if family.roles[role] in catalogue.index else None
    headline(rows, TILE_LABELS[role], about if about is not None else pd.Series(), column, not team)
if extra:
    rows = series(statuses, extra)
    rows = rows[rows["period"] == period]
    tiles[-1].metric(
        "Already have a support plan",
        format_value(rows["actual"].iloc[0], "percent") if len(rows) else "–",
        border=True,
        help="Share of the people waiting who already have a support plan (whole list).",
    )
if team:
    st.caption(
        f"{md_text(word.capitalize())} figures have no targets, so RAG status is shown for the "
        "whole list only."
    )

# 1. The list by team (or priority).
whole_wait = window(series(statuses, waiting_id), period, months)
team_wait = window(list_teams.sort_values("period"), period, months)
fig = waiting_list_by_team(
    team_wait,
    whole_wait,
    team=team,
    anchors=anchors[anchors["measure_id"] == waiting_id],
    title=measure_name(catalogue, waiting_id, family.name),
    breakdown=word if len(list_teams) else "",
)
fig.update_layout(height=480)
events_over(fig, waiting_id, whole_wait)
st.plotly_chart(fig, width="stretch", key="chart_waiting_list")

st.subheader(f"Latest figures by {md_text(word)}, {month_label(period)}")
table = team_table(family, teams, statuses, period)
if table is None:
    empty_state(f"This list has no {md_text(word)} breakdown for {month_long(period)}.")
else:
    st.dataframe(table, hide_index=True, width="stretch", key="team_table")

# 2. Wait lengths and 3. bands.
left, right = st.columns(2)
wait_ids = {WAIT_ROLES[r]: family.roles[r] for r in WAIT_ROLES if family.measure(r)}
fig = wait_lengths(
    {name: list_series.shown(m) for name, m in wait_ids.items()},
    anchors=None
    if team
    else {name: anchors[anchors["measure_id"] == m] for name, m in wait_ids.items()},
    title="How long people have waited" + (f" – {team} {word}" if team else ""),
)
fig.update_layout(height=460)
left.plotly_chart(fig, width="stretch", key="chart_wait_lengths")

bands = list(reversed(family.bands))  # longest band first: the bottom of the stack
band_rows = pd.concat(
    [list_series.shown(b.measure_id).assign(band=b.label) for b in bands] or [pd.DataFrame()],
    ignore_index=True,
)
fig = waits_by_band(
    band_rows if len(band_rows) else pd.DataFrame(columns=["period", "band", "actual"]),
    [b.label for b in bands],
    target=None
    if team or not bands
    else list_series.shown(bands[0].measure_id)[["period", "target"]],
    target_band=bands[0].label if bands else None,
    title="People waiting by time waited" + (f" – {team} {word}" if team else ""),
)
fig.update_layout(height=460)
right.plotly_chart(fig, width="stretch", key="chart_wait_bands")

# 4. Flows.
referrals, completions = family.measure("referrals"), family.measure("completions")
fig = referrals_and_completions(
    list_series.shown(referrals),
    list_series.shown(completions),
    title=f"{family.name}: referrals in and completions out"
    + (f" – {team} {word}" if team else ""),
)
fig.update_layout(height=500)
st.plotly_chart(fig, width="stretch", key="chart_flows")

# 5. Projection.
st.subheader("How long would it take to clear the list?")

if referrals and completions:
    projection = clearance_projection(
        list_series.upto(waiting_id), list_series.upto(referrals), list_series.upto(completions)
    )
    st.markdown(projection.sentence)
    st.caption(projection.method)
else:
    empty_state("This list does not report referrals and completions, so it cannot be projected.")

# 6. Safeguarding and DoLS.
st.subheader("Safeguarding enquiries and DoLS applications waiting")
st.caption("Whole-service figures (these measures have no team breakdown).")
left, right = st.columns(2)
for column, measure_id in ((left, SAFEGUARDING), (right, DOLS)):
    rows = window(series(statuses, measure_id), period, months)
    if measure_id not in catalogue.index:
        column.info(f"{measure_id} is not in the catalogue.")
        continue
    info = catalogue.loc[measure_id]
    fig = measure_line(
        rows,
        title=f"{info['name']} ({measure_id})",
        unit=info["unit"],
        anchors=anchors[anchors["measure_id"] == measure_id],
    )
    fig.update_layout(height=440)
    events_over(fig, measure_id, rows)
    column.plotly_chart(fig, width="stretch", key=f"chart_{measure_id}")
    now = rows[rows["period"] == period]
    if len(now):
        last = now.iloc[-1]
        column.markdown(
            f"{month_label(period)}: **{format_value(last['actual'], info['unit'])}** "
            f"{badge_html(last['status'])} target {format_value(last['target'], info['unit'])}",
            unsafe_allow_html=True,
        )
