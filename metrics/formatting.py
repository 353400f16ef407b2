"""UK display formats for values, shared by pages and exports (no Streamlit here)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from metrics.periods import day_label


def _blank(value: Any) -> bool:
    """None, NaN or NaT: pandas' own test, which also copes with Timestamps."""
    return value is None or bool(pd.isna(value))


def format_value(value: Any, unit: str | None = None, decimals: int | None = None) -> str:
    """`1,448`, `76.0%`, `£2.1m`, `43 days`; blank for missing values."""
    if _blank(value):
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


def restatement(before: Any, now: Any, unit: str | None = None, on: Any = None) -> str:
    """'Restated on 14 Nov 2025: was 286, now 547', or "" when the figure was never revised.

    One wording for the pages, the board pack and the load history, so a revision reads the same
    wherever the Cabinet meets it.
    """
    if _blank(before):
        return ""
    when = "" if _blank(on) else f" on {day_label(on)}"
    return f"Restated{when}: was {format_value(before, unit)}, now {format_value(now, unit)}"


def snapshot_change_notes(frame: pd.DataFrame) -> list[str]:
    """Per figure: new, restated (the wording the other pages use), or revised around it."""
    notes = []
    for version, before, now in zip(
        frame["version"], frame["previous_actual"], frame["actual"], strict=True
    ):
        if version == 1:
            notes.append("New figure")
        elif _blank(before) != _blank(now):
            notes.append("Figure supplied (was blank)" if _blank(before) else "Now blank")
        elif not _blank(before) and before != now:
            notes.append(restatement(before, now))
        else:
            notes.append("Revised: target, year to date or text changed")
    return notes
