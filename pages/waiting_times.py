"""Waiting times: the Care Act assessment list by team, wait lengths, bands, flows and projection.

Whole-service figures come from `Dataset.statuses`, team figures from `Dataset.team_snapshots`;
the sidebar's team filter switches the charts to one team where team rows exist.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.events import add_events
from charts.waiting import (
    measure_line,
    referrals_and_completions,
    wait_lengths,
    waiting_list_by_team,
    waits_by_band,
)
from dashboard.state import view
from dashboard.ui import badge_html, empty_state, no_figures_state
from metrics.demo import published_points
from metrics.events import events_for
from metrics.formatting import format_value
from metrics.periods import month_label, month_long
from metrics.vocab import direction_label
from metrics.waiting import clearance_projection

WAITING = "ASC-WL01"
LONGEST, MEAN, MEDIAN = "ASC-WL02", "ASC-WL03", "ASC-WL04"
BANDS = {  # measure -> band label, longest band first (bottom of the stack)
    "ASC-WL08": "181+ days",
    "ASC-WL07": "91–180 days",
    "ASC-WL06": "29–90 days",
    "ASC-WL05": "0–28 days",
}
REFERRALS, COMPLETED = "ASC-WL09", "ASC-WL10"
SAFEGUARDING, DOLS = "ASC-SG03", "ASC-DL01"
WAIT_NAMES = {LONGEST: "Longest wait", MEAN: "Mean wait", MEDIAN: "Median wait"}
SPANS = {"Last 12 months": 12, "Last 2 years": 24, "All months": 0}
TABLE_COLUMNS = {
    WAITING: "People waiting",
    LONGEST: "Longest wait (days)",
    MEAN: "Mean wait (days)",
    MEDIAN: "Median wait (days)",
}


def published_anchors() -> pd.DataFrame:
    """Published figures (kind=anchor) the demo series pass through."""
    return published_points()


def window(frame: pd.DataFrame, end: pd.Timestamp, months: int) -> pd.DataFrame:
    """Rows up to `end` (the selected period), the last `months` months of them (0 = all)."""
    rows = frame[frame["period"] <= end]
    if months:
        rows = rows[rows["period"] > end - pd.DateOffset(months=months)]
    return rows


def series(frame: pd.DataFrame, measure_id: str, team: str = "") -> pd.DataFrame:
    """One measure's rows (whole service, or one team's rows when `team` is given)."""
    rows = frame[frame["measure_id"] == measure_id]
    if team:
        rows = rows[rows["team"] == team]
    return rows.sort_values("period")


def team_table(
    teams: pd.DataFrame, whole: pd.DataFrame, period: pd.Timestamp
) -> pd.DataFrame | None:
    """Latest list size and waits by team, with an all-teams row from the whole-service figures."""
    ids = list(TABLE_COLUMNS)
    rows = teams[(teams["period"] == period) & teams["measure_id"].isin(ids)]
    if rows.empty:
        return None
    table = rows.pivot_table(index="team", columns="measure_id", values="actual", aggfunc="first")
    table = table.reindex(columns=ids).sort_values(WAITING, ascending=False)
    total = whole[(whole["period"] == period) & whole["measure_id"].isin(ids)]
    table.loc["All teams"] = total.set_index("measure_id")["actual"].reindex(ids)
    out = table.rename(columns=TABLE_COLUMNS).rename_axis(index="Team", columns=None)
    out = out.reset_index()
    for column in TABLE_COLUMNS.values():
        out[column] = out[column].map(lambda x: format_value(x))
    return out


def headline(rows: pd.DataFrame, label: str, unit: str, container, show_status: bool) -> None:
    """A metric tile for the latest figure with the change since last month."""
    if rows.empty:
        container.metric(label, "–")
        return
    last = rows.iloc[-1]
    previous = rows.iloc[-2]["actual"] if len(rows) > 1 else None
    delta, colour, arrow = None, "inverse", "auto"  # every waiting measure is lower-is-better
    if previous is not None and pd.notna(previous) and pd.notna(last["actual"]):
        change = round(float(last["actual"] - previous))
        delta = f"{change:+,d} on last month"
        if change == 0:  # "+0" would show a red up arrow for a figure that did not move
            delta, colour, arrow = "no change on last month", "off", "off"
    container.metric(
        label,
        format_value(last["actual"], unit),
        delta=delta,
        delta_color=colour,
        delta_arrow=arrow,
        border=True,
    )
    if show_status and "status" in rows:
        target = format_value(last.get("target"), unit)
        container.markdown(
            f"{badge_html(last['status'])} target {target} · {direction_label(last['direction'], last['movement'])}",
            unsafe_allow_html=True,
        )


v = view()
st.title("Waiting times")

if v.period is None:
    no_figures_state(v.data.loads, v.data.as_of)
    st.stop()

statuses = v.data.statuses
teams = v.data.team_snapshots
period = v.period
team = v.team if v.team and (teams["team"] == v.team).any() else ""
who = f"the {team} team" if team else "all teams"
st.caption(
    f"Care Act assessment waiting list and related waits for {who}, up to "
    f"{month_long(period)}. Choose a team in the sidebar to see one team's figures."
)
if v.team and not team:
    st.caption(f"There are no team figures for {v.team}; showing all teams.")

if series(statuses, WAITING).pipe(lambda r: r[r["period"] <= period]).empty:
    empty_state(f"There are no waiting-list figures up to {month_long(period)}.")
    st.stop()

span_label = st.radio("Show", list(SPANS), index=1, horizontal=True, key="waiting_span")
months = SPANS[span_label]
anchors = published_anchors()


def shown(measure_id: str) -> pd.DataFrame:
    """The rows the charts draw: the chosen team's where it has them, else the whole service."""
    return window(series(teams if team else statuses, measure_id, team), period, months)


# Headline tiles: the selected month, whole service (with status) or the chosen team.
st.subheader(f"{month_long(period)}" + (f" – {team} team" if team else ""))
tiles = st.columns(4)
for column, (measure_id, label) in zip(tiles, TABLE_COLUMNS.items(), strict=True):
    rows = series(teams if team else statuses, measure_id, team)
    rows = rows[rows["period"] <= period].tail(2)
    if not rows.empty and rows.iloc[-1]["period"] != period:
        rows = rows.iloc[0:0]
    unit = "count" if measure_id == WAITING else "days"
    headline(rows, label, unit, column, show_status=not team)
if team:
    st.caption("Team figures have no targets, so RAG status is shown for the whole service only.")

# 1. The list by team.
whole_wait = window(series(statuses, WAITING), period, months)
team_wait = window(series(teams, WAITING), period, months)
fig = waiting_list_by_team(
    team_wait,
    whole_wait,
    team=team,
    anchors=anchors[anchors["measure_id"] == WAITING],
)
fig.update_layout(height=480)
if len(whole_wait):
    add_events(
        fig,
        events_for(v.data.events, WAITING),
        start=whole_wait["period"].min(),
        end=whole_wait["period"].max(),
    )
st.plotly_chart(fig, width="stretch", key="chart_waiting_list")

# Latest values by team.
st.subheader(f"Latest figures by team, {month_label(period)}")
table = team_table(teams, statuses, period)
if table is None:
    empty_state(f"No team figures were reported for {month_long(period)}.")
else:
    st.dataframe(table, hide_index=True, width="stretch", key="team_table")

# 2. Wait lengths.
left, right = st.columns(2)
fig = wait_lengths(
    {WAIT_NAMES[m]: shown(m) for m in WAIT_NAMES},
    anchors=None
    if team
    else {WAIT_NAMES[m]: anchors[anchors["measure_id"] == m] for m in WAIT_NAMES},
    title="How long people have waited" + (f" – {team} team" if team else ""),
)
fig.update_layout(height=460)
left.plotly_chart(fig, width="stretch", key="chart_wait_lengths")

# 3. Bands.
band_rows = pd.concat(
    [shown(m).assign(band=label) for m, label in BANDS.items()], ignore_index=True
)
longest_band = next(iter(BANDS))
fig = waits_by_band(
    band_rows,
    list(BANDS.values()),
    target=None if team else shown(longest_band)[["period", "target"]],
    target_band=BANDS[longest_band],
    title="People waiting by time waited" + (f" – {team} team" if team else ""),
)
fig.update_layout(height=460)
right.plotly_chart(fig, width="stretch", key="chart_wait_bands")

# 4. Flows.
fig = referrals_and_completions(
    shown(REFERRALS),
    shown(COMPLETED),
    title="Referrals received and assessments completed" + (f" – {team} team" if team else ""),
)
fig.update_layout(height=500)
st.plotly_chart(fig, width="stretch", key="chart_flows")

# 5. Projection.
st.subheader("How long would it take to clear the list?")


def upto(measure_id: str) -> pd.Series:
    rows = series(teams if team else statuses, measure_id, team)
    rows = rows[rows["period"] <= period]
    return rows.set_index("period")["actual"]


projection = clearance_projection(upto(WAITING), upto(REFERRALS), upto(COMPLETED), months=3)
st.markdown(projection.sentence)
st.caption(projection.method)

# 6. Safeguarding and DoLS.
st.subheader("Safeguarding enquiries and DoLS applications waiting")
st.caption("Whole-service figures (these measures have no team breakdown).")
left, right = st.columns(2)
catalogue = v.data.catalogue.set_index("measure_id")
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
    if len(rows):
        add_events(
            fig,
            events_for(v.data.events, measure_id),
            start=rows["period"].min(),
            end=rows["period"].max(),
        )
    column.plotly_chart(fig, width="stretch", key=f"chart_{measure_id}")
    now = rows[rows["period"] == period]
    if len(now):
        last = now.iloc[-1]
        column.markdown(
            f"{month_label(period)}: **{format_value(last['actual'], info['unit'])}** "
            f"{badge_html(last['status'])} target {format_value(last['target'], info['unit'])}",
            unsafe_allow_html=True,
        )
