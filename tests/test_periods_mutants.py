"""metrics.periods edges that mutation testing showed unpinned, with literal answers.

tests/test_periods.py covers the months and financial years; this file adds the refusals and
the arithmetic edges a changed character in periods.py would otherwise slip past.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from metrics.periods import (
    add_months,
    financial_year,
    month_index,
    month_label,
    month_long,
    parse_period,
    period_key,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01", dt.date(2024, 1, 1)),
        ("2024-12", dt.date(2024, 12, 1)),
        (" 2024-09 ", dt.date(2024, 9, 1)),
        ("0999-03", dt.date(999, 3, 1)),
    ],
)
def test_parse_period_accepts_yyyy_mm(text: str, expected: dt.date) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["2024-9", "2024-009", "24-09", "12024-09", "2024/09", "Sep 2024",
                                  "2024-09-01", "x2024-09", "2024-09x", ""])  # fmt: skip
def test_parse_period_refuses_anything_else_with_the_form(text: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_period(text)
    assert str(raised.value) == f"period must be YYYY-MM (e.g. 2024-09), got {text!r}"


@pytest.mark.parametrize("text", ["2024-00", "2024-13", "2024-99"])
def test_parse_period_refuses_a_month_outside_1_to_12(text: str) -> None:
    with pytest.raises(ValueError) as raised:
        parse_period(text)
    assert str(raised.value) == f"period month must be 01-12, got {text!r}"


def test_period_key_pads_year_and_month() -> None:
    assert period_key(dt.date(2024, 9, 1)) == "2024-09"
    assert period_key(pd.Timestamp("2025-12-01")) == "2025-12"
    assert period_key(dt.date(987, 3, 1)) == "0987-03"


def test_month_labels() -> None:
    assert month_label(dt.date(2024, 9, 1)) == "Sep 2024"
    assert month_label(pd.Timestamp("2025-01-01")) == "Jan 2025"
    assert month_long(dt.date(2024, 9, 1)) == "September 2024"
    assert month_long(pd.Timestamp("2025-03-01")) == "March 2025"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2024, 3, 31), "2023/24"),
        (dt.date(2024, 4, 1), "2024/25"),
        (dt.date(2025, 1, 1), "2024/25"),
        (dt.date(2024, 12, 1), "2024/25"),
        (dt.date(2000, 1, 1), "1999/00"),
        (dt.date(2009, 5, 1), "2009/10"),
        (dt.date(2099, 12, 1), "2099/00"),
    ],
)
def test_financial_year_turns_in_april(day: dt.date, expected: str) -> None:
    assert financial_year(day) == expected


def test_month_index_and_add_months() -> None:
    assert month_index(dt.date(2024, 1, 1)) == 24_288
    assert month_index(dt.date(2024, 12, 31)) == 24_299
    assert month_index(pd.Timestamp("2023-12-01")) == 24_287
    assert add_months(dt.date(2024, 11, 15), 2) == dt.date(2025, 1, 1)
    assert add_months(dt.date(2024, 1, 31), -1) == dt.date(2023, 12, 1)
    assert add_months(dt.date(2024, 6, 10), 0) == dt.date(2024, 6, 1)
    assert add_months(dt.date(2024, 1, 1), -13) == dt.date(2022, 12, 1)
    assert add_months(dt.date(2024, 12, 1), 1) == dt.date(2025, 1, 1)
    assert add_months(dt.date(2024, 12, 1), 12) == dt.date(2025, 12, 1)
