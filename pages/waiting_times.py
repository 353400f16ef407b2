"""Waiting times: a summary of every waiting list, then one list in full (chosen by selector).

The lists and the role of each measure come from the catalogue's waiting-list families
(waiting_lists.csv); every list gets the same sections, each shown where the list reports it.
"""

from __future__ import annotations

import math

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
from dashboard.state import synced_select, view
from dashboard.text import md_text
from dashboard.ui import badge_html, empty_state, no_figures_state
from metrics.events import events_for
from metrics.formatting import format_value
from metrics.periods import month_label, month_long
from metrics.time_to_clear import clearance_projection
from metrics.vocab import direction_label, status_label
from metrics.waiting_lists import WAIT_ROLES, Family, families, headline_list, summary
from store.reference import published_points

SAFEGUARDING, DOLS = "ASC-SG03", "ASC-DL01"
SPANS = {"Last 12 months": 12, "Last 2 years": 24, "All months": 0}
TILE_LABELS = {
    "waiting": "People waiting",
    "longest": "Longest wait (days)",
    "mean": "Mean wait (days)",
    "median": "Median wait (days)",
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


def series(frame: pd.DataFrame, measure_id: str | None, team: str = "") -> pd.DataFrame:
    """One measure's rows (whole service, or one team's rows when `team` is given)."""
    rows = frame[frame["measure_id"] == measure_id]
    if team:
        rows = rows[rows["team"] == team]
    return rows.sort_values("period")


def team_table(
    family: Family, teams: pd.DataFrame, whole: pd.DataFrame, period: pd.Timestamp
) -> pd.DataFrame | None:
    """Latest list size and waits by team (or priority), with a total row for the whole list."""
    roles = [r for r in TILE_LABELS if family.measure(r)]
    ids = [family.roles[r] for r in roles]
    rows = teams[(teams["period"] == period) & teams["measure_id"].isin(ids)]
    if rows.empty:
        return None
    word = family.breakdown.capitalize()
    table = rows.pivot_table(index="team", columns="measure_id", values="actual", aggfunc="first")
    table = table.reindex(columns=ids).sort_values(ids[0], ascending=False)
    total = whole[(whole["period"] == period) & whole["measure_id"].isin(ids)]
    total_label = "All teams" if family.breakdown == "team" else "Total"
    table.loc[total_label] = total.set_index("measure_id")["actual"].reindex(ids)
    labels = {family.roles[r]: TILE_LABELS[r] for r in roles}
    out = table.rename(columns=labels).rename_axis(index=word, columns=None).reset_index()
    for column in labels.values():
        out[column] = out[column].map(lambda x: format_value(x))
    return out


#: How a tile colours a rise: by the measure's polarity in the catalogue (a fall is good for a
#: waiting list, which is lower-is-better; a list declared otherwise is coloured its own way).
DELTA_COLOUR = {"lower_is_better": "inverse", "higher_is_better": "normal"}


def headline(
    rows: pd.DataFrame, label: str, measure: pd.Series, container, show_status: bool
) -> None:
    """A metric tile for the latest figure with the change since last month.

    Unit and polarity are the measure's own, from its catalogue row (`measure`).
    """
    if rows.empty:
        container.metric(label, "–")
        return
    last = rows.iloc[-1]
    unit = measure.get("unit")
    previous = rows.iloc[-2]["actual"] if len(rows) > 1 else None
    colour = DELTA_COLOUR.get(str(measure.get("polarity")), "off")
    delta, arrow = None, "auto"
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
    if show_status and "status" in rows and last.get("status") not in (None, "monitoring"):
        target = format_value(last.get("target"), unit)
        container.markdown(
            f"{badge_html(last['status'])} target {target} · {direction_label(last['direction'], last['movement'])}",
            unsafe_allow_html=True,
        )


def events_over(fig, measure_id: str | None, rows: pd.DataFrame) -> None:
    """Mark the measure's dated events (events.csv) within the months the chart shows."""
    if len(rows):
        start, end = rows["period"].min(), rows["period"].max()
        add_events(fig, events_for(view().data.events, measure_id), start=start, end=end)


def _clear_words(months: float | None) -> str:
    if months is None or (isinstance(months, float) and math.isnan(months)):
        return "–"
    if math.isinf(months):
        return "Not falling"
    if months > 120:
        return "More than 10 years"
    return "Within a month" if months <= 1 else f"About {math.ceil(months):,} months"


def _change(value: object) -> str:
    if value is None or pd.isna(value):
        return "–"
    return "no change" if value == 0 else f"{value:+,.0f}".replace("-", "−")


def summary_frame(table: pd.DataFrame) -> pd.DataFrame:
    """The summary as printed: thousands separators, '–' where a list has no such figure."""
    return pd.DataFrame(
        {
            "Waiting list": table["list"],
            "People waiting": table["waiting"].map(format_value),
            "Change on last month": table["change"].map(_change),
            "Longest wait (days)": table["longest"].map(format_value),
            "Mean wait (days)": table["mean"].map(format_value),
            "Median wait (days)": table["median"].map(format_value),
            "Time to clear at the recent rate": table["months_to_clear"].map(_clear_words),
            "Status": table["status"].map(lambda s: status_label(s) if isinstance(s, str) else "–"),
        }
    )


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
source = teams if team else statuses


def shown(measure_id: str | None) -> pd.DataFrame:
    """The rows the charts draw: the chosen team's where it has them, else the whole list."""
    return window(series(source, measure_id, team), period, months)


def measure_name(measure_id: str | None, fallback: str) -> str:
    if measure_id in catalogue.index:
        return str(catalogue.loc[measure_id, "name"])
    return fallback


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
    title=measure_name(waiting_id, family.name),
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
    {name: shown(m) for name, m in wait_ids.items()},
    anchors=None
    if team
    else {name: anchors[anchors["measure_id"] == m] for name, m in wait_ids.items()},
    title="How long people have waited" + (f" – {team} {word}" if team else ""),
)
fig.update_layout(height=460)
left.plotly_chart(fig, width="stretch", key="chart_wait_lengths")

bands = list(reversed(family.bands))  # longest band first: the bottom of the stack
band_rows = pd.concat(
    [shown(b.measure_id).assign(band=b.label) for b in bands] or [pd.DataFrame()],
    ignore_index=True,
)
fig = waits_by_band(
    band_rows if len(band_rows) else pd.DataFrame(columns=["period", "band", "actual"]),
    [b.label for b in bands],
    target=None if team or not bands else shown(bands[0].measure_id)[["period", "target"]],
    target_band=bands[0].label if bands else None,
    title="People waiting by time waited" + (f" – {team} {word}" if team else ""),
)
fig.update_layout(height=460)
right.plotly_chart(fig, width="stretch", key="chart_wait_bands")

# 4. Flows.
referrals, completions = family.measure("referrals"), family.measure("completions")
fig = referrals_and_completions(
    shown(referrals),
    shown(completions),
    title=f"{family.name}: referrals in and completions out"
    + (f" – {team} {word}" if team else ""),
)
fig.update_layout(height=500)
st.plotly_chart(fig, width="stretch", key="chart_flows")

# 5. Projection.
st.subheader("How long would it take to clear the list?")


def upto(measure_id: str | None) -> pd.Series:
    rows = series(source, measure_id, team)
    rows = rows[rows["period"] <= period]
    return rows.set_index("period")["actual"]


if referrals and completions:
    projection = clearance_projection(upto(waiting_id), upto(referrals), upto(completions))
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
