"""Reporting periods and every date shown to a reader: one place, one UK style.

Periods are written `YYYY-MM` and nothing else is guessed. Dates are shown as the UK
government style guide does, day without a leading zero: `1 Sep 2024`, `1 September 2024`.
The formatters build text from `d.day`, `d.month` and `d.year` rather than platform strftime
flags (`%-d` fails on Windows) or the locale (`%b` is not English everywhere).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TypeAlias

import numpy as np
import pandas as pd

MONTH_ABBR: tuple[str, ...] = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)
MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
#: The financial year starts in April.
FIRST_MONTH_OF_FINANCIAL_YEAR = 4

# ASCII digits only: `\d` would also accept Arabic-Indic and full-width digits.
_PERIOD_RE = re.compile(r"([0-9]{4})-([0-9]{2})")

#: A pandas Timestamp is a datetime, so a date covers both for the type checker.
Day: TypeAlias = dt.date | pd.Timestamp


def parse_period(text: str) -> dt.date:
    """Turn `YYYY-MM` into the first day of that month; raise ValueError with a plain reason."""
    match = _PERIOD_RE.fullmatch(str(text).strip())
    if not match:
        raise ValueError(f"period must be YYYY-MM (e.g. 2024-09), got {text!r}")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"period month must be 01-12, got {text!r}")
    if year < 1:
        raise ValueError(f"period year must be 0001 or later, got {text!r}")
    return dt.date(year, month, 1)


def period_key(day: Day) -> str:
    """The contract's `YYYY-MM` form of a period."""
    return f"{day.year:04d}-{day.month:02d}"


def period_starts(values: pd.Series | Sequence[object]) -> pd.Series:
    """A column of periods as month-start Timestamps, for charts.

    Dates and Timestamps keep their month; text must be `YYYY-MM` (refused as parse_period
    does otherwise); blanks stay NaT. A Series keeps its index so `assign` lines up.
    """
    index = values.index if isinstance(values, pd.Series) else None
    starts = [_month_start(v) for v in values]
    return pd.Series(pd.to_datetime(starts).as_unit("us"), index=index)


def _month_start(value: object) -> dt.date | None:
    if isinstance(value, str):
        return parse_period(value)
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, np.datetime64):
        return _month_start(pd.Timestamp(value))
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, 1)
    raise ValueError(f"period must be YYYY-MM (e.g. 2024-09), got {value!r}")


def month_label(day: Day) -> str:
    """UK display form, e.g. `Sep 2024`."""
    return f"{MONTH_ABBR[day.month - 1]} {day.year}"


def month_long(day: Day) -> str:
    """Long form for sentences, e.g. `September 2024`."""
    return f"{MONTH_NAMES[day.month - 1]} {day.year}"


def financial_year_start(day: Day) -> dt.date:
    """1 April of the financial year `day` falls in (31 Mar 2025 is in the year from 1 Apr 2024)."""
    start = day.year if day.month >= FIRST_MONTH_OF_FINANCIAL_YEAR else day.year - 1
    return dt.date(start, FIRST_MONTH_OF_FINANCIAL_YEAR, 1)


def financial_year(day: Day) -> str:
    """April-March financial year, e.g. Sep 2024 -> `2024/25`."""
    start = financial_year_start(day).year
    return f"{start}/{(start + 1) % 100:02d}"


def month_index(day: Day) -> int:
    """Months since year 0, so gaps between periods are plain subtraction."""
    return day.year * 12 + day.month - 1


def month_indices(days: pd.Series) -> np.ndarray:
    """month_index for a datetime column at once (the report's year-ago and run lookups)."""
    return (days.dt.year * 12 + days.dt.month - 1).to_numpy()


def add_months(day: Day, months: int) -> dt.date:
    """First day of the month `months` after `day`'s month."""
    idx = month_index(day) + months
    return dt.date(idx // 12, idx % 12 + 1, 1)


def _checked(day: object) -> dt.date:
    if day is pd.NaT or not isinstance(day, dt.date):
        raise ValueError(f"a date is needed here, got {day!r}")
    return day


def day_month(day: Day) -> str:
    """Day and month, for the first half of a range in one year: `1 Sep`."""
    day = _checked(day)
    return f"{day.day} {MONTH_ABBR[day.month - 1]}"


def day_label(day: Day) -> str:
    """A day in tables and captions: `1 Sep 2024` (no leading zero)."""
    day = _checked(day)
    return f"{day.day} {MONTH_ABBR[day.month - 1]} {day.year}"


def day_long(day: Day) -> str:
    """A day in sentences and document titles: `1 September 2024`."""
    day = _checked(day)
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def time_label(moment: dt.datetime, *, seconds: bool = False) -> str:
    """The 24-hour clock time of a moment: `14:05`, or `14:05:09` with seconds."""
    moment = _moment(moment)
    shown = f"{moment.hour:02d}:{moment.minute:02d}"
    return f"{shown}:{moment.second:02d}" if seconds else shown


def stamp_label(moment: dt.datetime, *, seconds: bool = False) -> str:
    """When something happened, e.g. a load: `1 Sep 2024 14:05`."""
    return f"{day_label(_moment(moment))} {time_label(moment, seconds=seconds)}"


def stamp_long(moment: dt.datetime) -> str:
    """A moment in a document's front matter: `1 September 2024 14:05`."""
    return f"{day_long(_moment(moment))} {time_label(moment)}"


def _moment(moment: object) -> dt.datetime:
    """A time of day is needed: a bare date has none, and none is made up."""
    if moment is pd.NaT or not isinstance(moment, dt.datetime):
        raise ValueError(f"a date and time is needed here, got {moment!r}")
    return moment
