"""Events: dated notes on a measure's history (or every measure's), some marking a process change.

An event drawn on a chart explains a step ("New review team from Apr 2024"); a process change
also starts a new set of SPC limits there, because the old limits describe a process that
no longer exists.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Container
from typing import Any

import duckdb
import pandas as pd

from metrics.periods import day_label

_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}

EVENT_COLUMNS = ("date", "measure_id", "label", "process_change")


def parse_event_date(value: Any) -> dt.date:
    """ISO `2024-04-01`, UK `01/04/2024`, or a spreadsheet date; a plain reason otherwise."""
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    else:
        text = "" if value is None else str(value).strip()
        if not text:
            raise ValueError("is required and was blank (a date such as 2024-04-01)")
        match = _UK_DATE.match(text)
        try:
            if match:
                day = dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
            else:
                day = dt.date.fromisoformat(text[:10])
        except ValueError:
            raise ValueError(
                f"must be a date such as 2024-04-01 or 01/04/2024, got {text[:40]!r}"
            ) from None
    if day.year < 2000:
        raise ValueError(f"date {day_label(day)} is before 2000")
    return day


def parse_yes_no(value: Any) -> bool:
    """yes / no (also y, n, true, false, 1, 0); blank is no."""
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"must be yes or no, got {text[:40]!r}")


def event_rules(row: Any, known: Container[str]) -> list[tuple[str, str | None, str]]:
    """An event names a known measure (`known`: the catalogue's ids), or none (blank: it
    applies to every measure)."""
    if row.measure_id and row.measure_id not in known:
        return [
            (
                "measure_id",
                row.measure_id,
                f"unknown measure_id '{row.measure_id}': add it to measures first, "
                "or leave it blank for an event that applies to every measure",
            )
        ]
    return []


def read_events(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> pd.DataFrame:
    """The latest version of every event loaded by `as_of` (all of them when None)."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'events'"
    ).fetchall()
    if not exists[0][0]:  # a database made before events existed
        return pd.DataFrame(
            {
                "date": pd.Series(dtype="datetime64[ns]"),
                "measure_id": [],
                "label": [],
                "process_change": pd.Series(dtype=bool),
            }
        )
    end = None if as_of is None else dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
    frame = con.execute(
        """
        SELECT e.date, e.measure_id, e.label, e.process_change
        FROM events e
        WHERE e.load_id IN (SELECT load_id FROM loads WHERE ? IS NULL OR loaded_at < ?)
        QUALIFY row_number() OVER (
            PARTITION BY e.date, e.measure_id, e.label ORDER BY e.version DESC) = 1
        ORDER BY e.date, e.measure_id, e.label
        """,
        [end, end],
    ).df()
    frame["date"] = pd.to_datetime(frame["date"])
    frame["process_change"] = frame["process_change"].astype(bool)
    return frame


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
