"""Properties of intake.fields: a date is the whole cell, and a figure's marks match its column."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from intake.fields import Date, EventDate, Money, Percent, strict_day

DAYS = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))
SUFFIX = st.text(min_size=1, max_size=12).filter(lambda s: s.strip() != "")


@given(day=DAYS)
def test_an_iso_or_uk_date_reads_as_itself(day: dt.date) -> None:
    assert strict_day(day.isoformat()) == day
    assert strict_day(f"{day:%d/%m/%Y}", uk=True) == day


@given(day=DAYS, suffix=SUFFIX)
def test_anything_after_a_date_refuses_it(day: dt.date, suffix: str) -> None:
    with pytest.raises(ValueError, match="must be a date"):
        strict_day(day.isoformat() + suffix)
    with pytest.raises(ValueError, match="must be a date"):
        strict_day(f"{day:%d/%m/%Y}" + suffix, uk=True)


class _Row(BaseModel):
    day: Date = None
    event: EventDate | None = None
    money: Money = None
    percent: Percent = None


@given(value=st.integers(min_value=-1_000_000, max_value=1_000_000))
def test_money_refuses_percent_and_percent_refuses_pounds(value: int) -> None:
    assert _Row.model_validate({"money": f"£{value}"}).money == value
    assert _Row.model_validate({"percent": f"{value}%"}).percent == value
    with pytest.raises(ValueError, match="'%'"):
        _Row.model_validate({"money": f"{value}%"})
    with pytest.raises(ValueError, match="'£'"):
        _Row.model_validate({"percent": f"£{value}"})


def test_a_spreadsheet_date_cell_is_read_as_its_day() -> None:
    row = _Row.model_validate({"day": dt.datetime(2025, 3, 31, 0, 0), "event": dt.date(2024, 4, 1)})
    assert (row.day, row.event) == (dt.date(2025, 3, 31), dt.date(2024, 4, 1))
