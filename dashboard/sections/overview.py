"""The Overview page's parts: frequency and trailing tables, tile change words, attention lists."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.performance import status_change_rows
from charts.sparkline import sparkline_img
from dashboard.links import explorer_link
from dashboard.text import md_text
from metrics.attention import (
    KeyTile,
    change_size,
    key_tiles,
)
from metrics.exceptions import EXCEPTION_RULE
from metrics.finance import FinanceThresholds, finance_table
from metrics.formatting import format_value
from metrics.periods import month_label, month_long
from metrics.report import counts_by_frequency, status_counts, trailing_periods
from metrics.showing import finance_period
from metrics.vocab import MOVEMENT_SYMBOL, STATUSES, direction_label, status_label

STATUS_COLUMNS = {s: status_label(s) for s in STATUSES}


def _count_pct(count: float, pct: float) -> str:
    """A count with its share, "12 (40%)", as the frequency table prints it."""
    return f"{int(count):,} ({pct:.0f}%)"


def frequency_table(reporting: pd.DataFrame) -> pd.DataFrame:
    """Table 1: rows are frequencies (plus a total), cells 'count (pct%)'."""
    table = pd.concat(
        [counts_by_frequency(reporting), status_counts(reporting).rename(index={"all": "total"})]
    )
    out = pd.DataFrame(index=table.index)
    out.index = [str(i).capitalize() if i != "total" else "All frequencies" for i in table.index]
    for status, label in STATUS_COLUMNS.items():
        out[label] = [
            _count_pct(c, p) for c, p in zip(table[status], table[f"{status}_pct"], strict=True)
        ]
    out["● Amber 2+ periods"] = [
        _count_pct(c, p)
        for c, p in zip(table["amber_2plus"], table["amber_2plus_pct"], strict=True)
    ]
    out["Total"] = [f"{int(t):,}" for t in table["total"]]
    return out.rename_axis("Frequency").reset_index()


def trailing_table(statuses: pd.DataFrame, period: pd.Timestamp) -> pd.DataFrame:
    """Table 2: status counts for each of the last 12 periods, labelled 'Sep 2024'."""
    table = trailing_periods(statuses, period, 12)
    out = pd.DataFrame({"Period": [month_label(p) for p in table.index]})
    for status, label in STATUS_COLUMNS.items():
        out[label] = table[status].astype(int).to_numpy()
    out["Exceptions"] = table["exceptions"].astype(int).to_numpy()
    out["Total reporting"] = table["total"].astype(int).to_numpy()
    return out


def change_text(tile: KeyTile, which: str) -> str:
    """'↓ 39 (6.7%) on last period · better': the arrow is the change, the word the judgement."""
    change = tile.on_last if which == "last" else tile.on_year
    when = "on last period" if which == "last" else "on a year ago"
    if change is None:
        return f"– no figure to compare {when.removeprefix('on ')}"
    move = tile.movement if which == "last" else tile.year_on_year_movement
    judged = tile.direction if which == "last" else tile.year_on_year
    word = direction_label(judged, move).split(" · ", 1)[-1]
    pct = "" if change.percent is None else f" ({abs(change.percent):.1f}%)"
    size = change_size(abs(change.difference), tile.unit)
    return f"{MOVEMENT_SYMBOL.get(move, '–')} {size}{pct} {when} · {word}"


def attention_list(title: str, frame: pd.DataFrame, period: pd.Timestamp, column, key: str) -> None:
    """A named list of measures, each a link to the explorer on that measure."""
    box = column.container(border=True, key=key)
    box.markdown(f"**{title} ({len(frame):,})**")
    if frame.empty:
        box.caption("None this period.")
        return
    for row in frame.itertuples(index=False):
        runs = int(row.periods_at_status)
        detail = (
            f"{status_label(row.status)} · {format_value(row.actual, row.unit)} against "
            f"{format_value(row.target, row.unit)}"
            + (f" · {runs} periods at this status" if runs > 1 else "")
        )
        explorer_link(
            f"{row.measure_id} {row.name}", row.measure_id, period, container=box, key_help=detail
        )
        box.caption(detail)


def key_measures(statuses: pd.DataFrame, catalogue: pd.DataFrame, period: pd.Timestamp) -> None:
    """The key measures' tiles, three a row: latest figure, sparkline, status and change."""
    tiles_key = key_tiles(statuses, catalogue, period)
    if tiles_key:
        st.subheader("Key measures")
        for start in range(0, len(tiles_key), 3):
            row_tiles = tiles_key[start : start + 3]
            for column, tile in zip(st.columns(3), row_tiles, strict=False):
                box = column.container(key=f"key_tile_{tile.measure_id}", border=True)
                box.metric(
                    md_text(f"{tile.name} ({tile.measure_id})"),
                    format_value(tile.actual, tile.unit),
                    delta=change_text(tile, "last"),
                    delta_color="off",
                    delta_arrow="off",
                    help=f"{month_long(tile.period)}; the line shows the last "
                    f"{len(tile.spark)} figures.",
                )
                # Only numbers and constant words go into this SVG; html-escaped in sparkline_svg.
                line = sparkline_img(
                    tile.spark,
                    f"The last {len(tile.spark)} figures, from "
                    f"{format_value(tile.spark[0], tile.unit)} to "
                    f"{format_value(tile.spark[-1], tile.unit)}",
                )
                if line:
                    box.html(line)
                box.caption(
                    f"{month_label(tile.period)} · {status_label(tile.status)} · "
                    f"{change_text(tile, 'year')}"
                )


def status_changes(reporting: pd.DataFrame) -> pd.DataFrame:
    """Each status change since the previous period; unchanged measures listed by id only."""
    changes = status_change_rows(reporting)
    unchanged = changes["Change"] == "No change"
    changes.loc[unchanged, "Which measures"] = (  # ids only: this list is long
        status_change_rows(reporting, names=False).loc[unchanged, "Which measures"]
    )
    return changes


def period_count_tiles(reporting: pd.DataFrame, changes: pd.DataFrame) -> None:
    """This period's counts: measures reporting, each status, exceptions and changes."""
    counts = reporting["status"].value_counts()
    changed = int(
        changes.loc[~changes["Change"].isin(["No change", "First report (no previous period)"])][
            "Measures"
        ].sum()
    )
    tiles = [
        ("Measures reporting", len(reporting), "Measures with a figure for this period."),
        (status_label("green"), int(counts.get("green", 0)), "On or better than target."),
        (status_label("amber"), int(counts.get("amber", 0)), "Within tolerance of target."),
        (status_label("red"), int(counts.get("red", 0)), "Outside tolerance of target."),
        (
            status_label("monitoring"),
            int(counts.get("monitoring", 0)),
            "Monitoring only: no target.",
        ),
        (status_label("no_data"), int(counts.get("no_data", 0)), "A row with no figure."),
        ("Exceptions", int(reporting["exception"].sum()), f"{EXCEPTION_RULE}."),
        (
            "Changed status since last period",  # wraps (CSS in dashboard/ui.py), never cut
            changed,
            "Measures whose status differs from their previous report.",
        ),
    ]
    for row in (tiles[:4], tiles[4:]):
        for column, (label, value, help_text) in zip(st.columns(4), row, strict=True):
            column.metric(label, f"{value:,}", help=help_text, border=True)


def budget_tile(finance_rows: pd.DataFrame, period: pd.Timestamp | None) -> None:
    """The Adult Services budget's forecast variance, when a finance month is reported."""
    reported = finance_period(finance_rows, period) if period is not None else None
    if reported is not None:
        thresholds = FinanceThresholds.from_env()
        total = finance_table(finance_rows, reported, thresholds).iloc[-1]
        st.subheader("Adult Services budget")
        variance = total["variance"]
        st.metric(
            f"Forecast variance, {month_long(reported)}",
            "Breakeven" if variance == 0 else format_value(variance, "currency"),
            delta=f"{status_label(total['light'])} · "
            + (
                "–"
                if pd.isna(total["variance_pct"])
                else f"{total['variance_pct']:.2f}% of {format_value(total['net_budget'], 'currency')}"
            ),
            delta_color="off",
            delta_arrow="off",
            border=True,
            help=thresholds.rule(),
        )
