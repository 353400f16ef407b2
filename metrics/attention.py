"""What needs attention this period, by name, and the headline figures for the key measures.

Reads the status column the report produced (never recomputes RAG), so a reported status
that overrides a computed one shows here too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from metrics.exceptions import exceptions_in_order, red_in_order
from metrics.formatting import format_value

_LIST_COLUMNS = [
    "measure_id",
    "name",
    "priority_id",
    "status",
    "periods_at_status",
    "actual",
    "target",
    "unit",
    "direction",
    "movement",
    "previous_status",
]


def _listed(frame: pd.DataFrame) -> pd.DataFrame:
    columns = [c for c in _LIST_COLUMNS if c in frame]
    return frame.sort_values(["priority_id", "measure_id"])[columns].reset_index(drop=True)


def red_measures(reporting: pd.DataFrame) -> pd.DataFrame:
    """Every measure rated Red this period."""
    return _listed(red_in_order(reporting))


def amber_exceptions(reporting: pd.DataFrame) -> pd.DataFrame:
    """Amber measures that are exceptions (Amber two or more periods running)."""
    exceptions = exceptions_in_order(reporting)
    return _listed(exceptions[exceptions["status"].eq("amber")])


_RANK = {"green": 0, "amber": 1, "red": 2}


def worsened(reporting: pd.DataFrame) -> pd.DataFrame:
    """Measures whose status got worse since their previous report (e.g. Green to Amber)."""
    now = reporting["status"].map(_RANK)
    before = reporting["previous_status"].map(_RANK)
    return _listed(reporting[now.notna() & before.notna() & (now > before)])


@dataclass(frozen=True)
class Change:
    """A change in a figure: the difference and the percentage of the earlier figure."""

    difference: float
    percent: float | None  # None when the earlier figure is 0

    @classmethod
    def between(cls, now: float, before: float) -> Change | None:
        if now is None or before is None or math.isnan(now) or math.isnan(before):
            return None
        diff = now - before
        return cls(diff, None if before == 0 else 100.0 * diff / abs(before))


@dataclass(frozen=True)
class KeyTile:
    """One headline tile in the council's KPI style."""

    measure_id: str
    name: str
    unit: str
    period: pd.Timestamp
    actual: float
    status: str
    direction: str
    movement: str
    on_last: Change | None
    on_year: Change | None
    year_on_year: str
    year_on_year_movement: str
    spark: list[float]


def key_measure_ids(catalogue: pd.DataFrame) -> list[str]:
    """The measures the catalogue flags as key (`key_measure` yes), in catalogue order."""
    if "key_measure" not in catalogue:
        return []
    flagged = catalogue["key_measure"].astype("boolean").fillna(False).astype(bool)
    return list(catalogue.loc[flagged, "measure_id"])


def key_tiles(
    statuses: pd.DataFrame, catalogue: pd.DataFrame, period: pd.Timestamp, spark_points: int = 13
) -> list[KeyTile]:
    """A tile for each key measure's latest figure up to `period`, in catalogue order."""
    ids = key_measure_ids(catalogue)
    keys = statuses[statuses["measure_id"].isin(ids) & (statuses["period"] <= pd.Timestamp(period))]
    tiles = []
    for measure_id, rows in keys.groupby("measure_id", sort=False):
        rows = rows.sort_values("period")
        last = rows.iloc[-1]
        actual = float(last["actual"]) if pd.notna(last["actual"]) else math.nan
        spark = pd.to_numeric(rows["actual"].tail(spark_points), errors="coerce")
        tiles.append(
            KeyTile(
                measure_id=str(measure_id),
                name=str(last["name"]),
                unit=str(last["unit"]),
                period=pd.Timestamp(last["period"]),
                actual=actual,
                status=str(last["status"]),
                direction=last["direction"],
                movement=last["movement"],
                on_last=Change.between(actual, _float(last["previous_actual"])),
                on_year=Change.between(actual, _float(last["year_ago_actual"])),
                year_on_year=last["year_on_year"],
                year_on_year_movement=last["year_on_year_movement"],
                spark=[float(x) for x in spark.to_numpy(dtype=float, na_value=np.nan)],
            )
        )
    order = {m: i for i, m in enumerate(ids)}
    return sorted(tiles, key=lambda t: order[t.measure_id])


def change_size(difference: float, unit: str | None) -> str:
    """How big a change is: percentages change by percentage points, not per cent."""
    if unit == "percent":
        places = 1 if round(difference, 1) != 0 or difference == 0 else 2
        word = "point" if round(difference, places) == 1 else "points"
        return f"{difference:,.{places}f} percentage {word}"
    return format_value(difference, unit)


def _float(value: Any) -> float:
    """A cell's number, NaN for a blank one (None, NaN, NA)."""
    return float(value) if value is not None and pd.notna(value) else math.nan
