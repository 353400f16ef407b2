"""format_value and unit_axis_title on literal values, edges included (worked by hand)."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics.formatting import format_value, unit_axis_title


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (999_999, "£1.0m"),  # would round to £1,000k: millions instead
        (999_500, "£1.0m"),
        (999_499, "£999k"),
        (1_000_000, "£1.0m"),
        (-999_999, "£-1.0m"),
        (-1_260_000, "£-1.3m"),
        (12_345_678, "£12.3m"),
        (1_050_000, "£1.1m"),
        (45_500, "£46k"),
        (1_234_567_890, "£1,234.6m"),
        (10_000, "£10k"),
        (9_999, "£9,999"),
        (-45_000, "£-45k"),
        (-9_999, "£-9,999"),
        (0, "£0"),
        (1_234.4, "£1,234"),
    ],
)
def test_currency_scales_at_ten_thousand_and_at_a_million(value: float, expected: str) -> None:
    assert format_value(value, "currency") == expected


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "expected"),
    [
        (76.26, "percent", None, "76.3%"),
        (76.26, "percent", 2, "76.26%"),
        (76.26, "percent", 0, "76%"),
        (1_234.56, "percent", 1, "1,234.6%"),
        (1_448.0, "count", None, "1,448"),
        (1_448.0, "count", 2, "1,448.00"),
        (0.26, "count", None, "0.3"),
        (12.34, "rate", None, "12.3"),
        (1_234, "minutes", None, "1,234 min"),
        (7.5, "days", 0, "8 days"),
        (1_000_000, None, None, "1,000,000"),
        (3.26, "number", None, "3.3"),
    ],
)
def test_other_units(value: float, unit: str | None, decimals: int | None, expected: str) -> None:
    assert format_value(value, unit, decimals) == expected


@pytest.mark.parametrize("blank", [None, float("nan"), pd.NaT, pd.NA])
def test_blank_values_print_a_dash(blank: object) -> None:
    assert format_value(blank, "currency") == "–"
    assert format_value(blank) == "–"


@pytest.mark.parametrize(
    ("unit", "title"),
    [
        ("count", "Number of people or cases"),
        ("percent", "Per cent (%)"),
        ("rate", "Rate per 100,000 population"),
        ("days", "Days"),
        ("currency", "Pounds (£)"),
        ("minutes", "Minutes"),
        ("number", "Value"),
        ("furlongs", "Value"),
        (None, "Value"),
        ("", "Value"),
    ],
)
def test_axis_titles_name_the_unit(unit: str | None, title: str) -> None:
    assert unit_axis_title(unit) == title
