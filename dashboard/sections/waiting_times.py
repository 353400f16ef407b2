"""The Waiting times page's sections: the summary table, then one list's headline tiles, list by
team, waits and bands, flows and projection, and the safeguarding and DoLS waits.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

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
from dashboard.text import md_text
from dashboard.ui import badge_html, empty_state
from metrics.events import events_for
from metrics.formatting import format_value
from metrics.periods import month_label, month_long
from metrics.time_to_clear import clearance_projection
from metrics.vocab import direction_label, status_label
from metrics.waiting_lists import WAIT_ROLES, Family
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
        container.markdown(
            f"{badge_html(last['status'])} target {format_value(last.get('target'), unit)} · "
            f"{direction_label(last['direction'], last['movement'])}",
            unsafe_allow_html=True,
        )


def events_over(fig, measure_id: str | None, rows: pd.DataFrame) -> None:
    """Mark the measure's dated events (events.csv) within the months the chart shows."""
    if len(rows):
        start, end = rows["period"].min(), rows["period"].max()
        add_events(fig, events_for(view().data.events, measure_id), start=start, end=end)


def _clear_words(months: float | None) -> str:
    """Months to clear the list in words; a list that is not falling never clears."""
    if months is None or (isinstance(months, float) and math.isnan(months)):
        return "–"
    if math.isinf(months):
        return "Not falling"
    if months > 120:
        return "More than 10 years"
    return "Within a month" if months <= 1 else f"About {math.ceil(months):,} months"


def _change(value: object) -> str:
    """A signed change with a true minus sign; zero reads "no change"."""
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


@dataclass(frozen=True)
class ListSeries:
    """The rows the list's charts draw: the chosen team's (or the whole list's), up to a period."""

    source: pd.DataFrame
    team: str
    period: pd.Timestamp
    months: int

    def shown(self, measure_id: str | None) -> pd.DataFrame:
        """The chosen team's rows where it has them, else the whole list, in the window shown."""
        return window(series(self.source, measure_id, self.team), self.period, self.months)

    def upto(self, measure_id: str | None) -> pd.Series:
        """Every figure up to the period (the projection's history), indexed by period."""
        rows = series(self.source, measure_id, self.team)
        rows = rows[rows["period"] <= self.period]
        return rows.set_index("period")["actual"]


def measure_name(catalogue: pd.DataFrame, measure_id: str | None, fallback: str) -> str:
    """The measure's name from the catalogue (indexed by measure_id), else the fallback."""
    if measure_id in catalogue.index:
        return str(catalogue.loc[measure_id, "name"])
    return fallback


def headline_tiles(
    family: Family, list_series: ListSeries, statuses: pd.DataFrame, catalogue: pd.DataFrame
) -> None:
    """The selected month's tiles: the whole list (with status) or the chosen team's."""
    period, team, source = list_series.period, list_series.team, list_series.source
    word = family.breakdown
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
        headline(
            rows, TILE_LABELS[role], about if about is not None else pd.Series(), column, not team
        )
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


def list_by_team(
    family: Family,
    list_series: ListSeries,
    statuses: pd.DataFrame,
    teams: pd.DataFrame,
    catalogue: pd.DataFrame,
    anchors: pd.DataFrame,
) -> None:
    """The list over time by team (or priority), then the latest figures by team in a table."""
    period, team, months = list_series.period, list_series.team, list_series.months
    word, waiting_id = family.breakdown, family.measure("waiting")
    list_teams = teams[teams["measure_id"] == waiting_id]
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


def waits_and_bands(family: Family, list_series: ListSeries, anchors: pd.DataFrame) -> None:
    """How long people have waited (mean, median, longest) beside the list by time waited."""
    team, word = list_series.team, family.breakdown
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


def flows_and_projection(family: Family, list_series: ListSeries) -> None:
    """Referrals in and completions out, then how long the list would take to clear."""
    team, word, waiting_id = list_series.team, family.breakdown, family.measure("waiting")
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
        empty_state(
            "This list does not report referrals and completions, so it cannot be projected."
        )


def safeguarding_and_dols(
    statuses: pd.DataFrame,
    catalogue: pd.DataFrame,
    anchors: pd.DataFrame,
    period: pd.Timestamp,
    months: int,
) -> None:
    """Safeguarding enquiries and DoLS applications waiting: whole-service figures."""
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
