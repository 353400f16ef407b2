"""The Waiting times page's parts: the summary table, team table, headline tiles and the series each chart draws."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from charts.events import add_events
from dashboard.state import view
from dashboard.ui import badge_html
from metrics.events import events_for
from metrics.formatting import format_value
from metrics.vocab import direction_label, status_label
from metrics.waiting_lists import Family
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
