"""Reporting periods: parsing `YYYY-MM`, UK display formats and financial years."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd

_PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})$")


def parse_period(text: str) -> dt.date:
    """Turn `YYYY-MM` into the first day of that month; raise ValueError with a plain reason."""
    match = _PERIOD_RE.match(str(text).strip())
    if not match:
        raise ValueError(f"period must be YYYY-MM (e.g. 2024-09), got {text!r}")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"period month must be 01-12, got {text!r}")
    return dt.date(year, month, 1)


def period_key(day: dt.date | pd.Timestamp) -> str:
    """The contract's `YYYY-MM` form of a period."""
    return f"{day.year:04d}-{day.month:02d}"


def month_label(day: dt.date | pd.Timestamp) -> str:
    """UK display form, e.g. `Sep 2024`."""
    return day.strftime("%b %Y")


def month_long(day: dt.date | pd.Timestamp) -> str:
    """Long form for sentences, e.g. `September 2024`."""
    return day.strftime("%B %Y")


def financial_year(day: dt.date | pd.Timestamp) -> str:
    """April-March financial year, e.g. Sep 2024 -> `2024/25`."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def month_index(day: dt.date | pd.Timestamp) -> int:
    """Months since year 0, so gaps between periods are plain subtraction."""
    return day.year * 12 + day.month - 1


def add_months(day: dt.date, months: int) -> dt.date:
    """First day of the month `months` after `day`'s month."""
    idx = month_index(day) + months
    return dt.date(idx // 12, idx % 12 + 1, 1)
