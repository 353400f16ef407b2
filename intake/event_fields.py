"""Reading an event row's cells: its date, its yes/no process change, and the measure it names."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Container
from typing import Any

from metrics.periods import day_label

_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}


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
