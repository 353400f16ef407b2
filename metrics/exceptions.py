"""Exceptions: which measures, in what order, and the facts each one is shown with.

Membership is the `exception` column `metrics.report.measure_statuses` computes; nothing
else re-tests a status for it. The page, board mode and the pack all order and describe
exceptions through these functions, and each renders the plain data its own way.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics.formatting import format_value, restatement
from metrics.vocab import direction_label, status_label

#: The rule in words, for every page and export that states it.
EXCEPTION_RULE = (
    f"{status_label('red')}, or {status_label('amber')} for two or more periods in a row"
)
EXCEPTION_DEFINITION = f"An exception is a measure rated {EXCEPTION_RULE}."

#: Red before Amber; anything else (never an exception today) last.
_STATUS_ORDER = {"red": 0, "amber": 1}


def exceptions_in_order(reporting: pd.DataFrame) -> pd.DataFrame:
    """The exceptions among reporting measures: Red first, then Amber, by priority then id.

    Within one priority (the Exceptions page, the pack's sections) this is Red then Amber by
    measure id; across priorities (board mode) the same rule keeps priorities together.
    """
    exceptions = reporting[reporting["exception"].fillna(False).astype(bool)]
    order = exceptions["status"].map(_STATUS_ORDER).fillna(len(_STATUS_ORDER))
    keys = ["_order", "priority_id", "measure_id"] if "priority_id" in exceptions else None
    return (
        exceptions.assign(_order=order)
        .sort_values(keys or ["_order", "measure_id"])  # one row per measure: keys are unique
        .drop(columns="_order")
    )


def red_in_order(reporting: pd.DataFrame) -> pd.DataFrame:
    """The measures whose status is Red (the council's Table 3), by measure id.

    Not the exceptions: a repeat Amber is an exception but not Red.
    """
    return reporting[reporting["status"].eq("red")].sort_values("measure_id")


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) and value.strip() else "Not recorded."


def _status_text(value: object) -> str:
    return status_label(value) if isinstance(value, str) else "no previous report"


@dataclass(frozen=True)
class ExceptionFacts:
    """An exception as plain text: its title, its facts as (label, text) pairs, a restatement."""

    title: str
    facts: tuple[tuple[str, str], ...]
    restated: str | None

    def fact(self, label: str) -> str:
        """One fact's text by its label."""
        return dict(self.facts)[label]


def exception_title(row: pd.Series | dict) -> str:
    """'▲ Red — ASC-WL01 People waiting…': status shape and word, id and name."""
    return f"{status_label(row['status'])} — {row['measure_id']} {row['name']}"


def exception_facts(row: pd.Series | dict) -> ExceptionFacts:
    """The title and the figures a reader needs beside an exception's chart.

    Labels: Previous status, Current status, Periods at status, Direction of travel, Actual,
    Target, Year to date, YTD target, Director, Portfolio holder, Priority.
    """
    unit = row["unit"]
    facts = (
        ("Previous status", _status_text(row["previous_status"])),
        ("Current status", status_label(row["status"])),
        ("Periods at status", f"{int(row['periods_at_status'])}"),
        ("Direction of travel", direction_label(row["direction"], row["movement"])),
        ("Actual", format_value(row["actual"], unit)),
        ("Target", format_value(row["target"], unit)),
        ("Year to date", format_value(row["ytd_actual"], unit)),
        ("YTD target", format_value(row["ytd_target"], unit)),
        ("Director", _text(row["director"])),
        ("Portfolio holder", _text(row["portfolio_holder"])),
        ("Priority", f"{row['priority_id']} {row['priority_name']}"),
    )
    revised = restatement(row.get("restated_from"), row["actual"], unit, row.get("loaded_at"))
    return ExceptionFacts(exception_title(row), facts, revised or None)
