"""UK display formats for values, shared by pages and exports (no Streamlit here)."""

from __future__ import annotations

import math
from typing import Any


def format_value(value: Any, unit: str | None = None, decimals: int | None = None) -> str:
    """`1,448`, `76.0%`, `£2.1m`, `43 days`; blank for missing values."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    number = float(value)
    if unit == "currency":
        if abs(number) >= 1_000_000:
            return f"£{number / 1_000_000:,.1f}m"
        if abs(number) >= 10_000:
            return f"£{number / 1_000:,.0f}k"
        return f"£{number:,.0f}"
    if unit == "percent":
        return f"{number:,.{1 if decimals is None else decimals}f}%"
    places = decimals if decimals is not None else (0 if number.is_integer() else 1)
    text = f"{number:,.{places}f}"
    if unit == "days":
        return f"{text} days"
    if unit == "minutes":
        return f"{text} min"
    return text


def unit_axis_title(unit: str | None) -> str:
    """Axis title naming the unit, for charts."""
    return {
        "count": "Number of people or cases",
        "percent": "Per cent (%)",
        "rate": "Rate per 100,000 population",
        "days": "Days",
        "currency": "Pounds (£)",
        "minutes": "Minutes",
        "number": "Value",
    }.get(unit or "", "Value")
