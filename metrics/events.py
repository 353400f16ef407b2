"""Events: dated notes on a measure's history (or every measure's), some marking a process change.

An event drawn on a chart explains a step ("New review team from Apr 2024"); a process change
also starts a new set of SPC limits there, because the old limits describe a process that
no longer exists.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

EVENT_COLUMNS = ("date", "measure_id", "label", "process_change")


def events_for(events: pd.DataFrame, measure_id: str) -> pd.DataFrame:
    """The events that apply to one measure: its own and those for every measure (blank id)."""
    if events is None or events.empty:
        return pd.DataFrame(columns=list(EVENT_COLUMNS))
    mine = events["measure_id"].fillna("").isin(["", measure_id])
    return events[mine].sort_values("date").reset_index(drop=True)


def period_of(day: pd.Timestamp | dt.date) -> pd.Timestamp:
    """The reporting period (first of the month) an event falls in."""
    return pd.Timestamp(day.year, day.month, 1)


def rebase_periods(events: pd.DataFrame) -> list[pd.Timestamp]:
    """The periods where a process change starts a new set of limits, oldest first."""
    if events is None or events.empty:
        return []
    changes = events[events["process_change"].astype(bool)]
    return sorted({period_of(d) for d in changes["date"]})
