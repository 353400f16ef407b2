"""The Overview page's parts: frequency and trailing tables, tile change words, attention lists."""

from __future__ import annotations

import pandas as pd

from dashboard.links import explorer_link
from metrics.attention import (
    KeyTile,
    change_size,
)
from metrics.formatting import format_value
from metrics.periods import month_label
from metrics.report import counts_by_frequency, status_counts, trailing_periods
from metrics.vocab import MOVEMENT_SYMBOL, STATUSES, direction_label, status_label

STATUS_COLUMNS = {s: status_label(s) for s in STATUSES}


def _count_pct(count: float, pct: float) -> str:
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
