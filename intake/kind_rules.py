"""The registry's hooks for the field and kind checks: row rules and file rules, one job each.

Row rules take a RowCheck (intake.context) and return (column, value, reason) problems; file
rules take a kind's accepted rows and the context and return (sheet, row, column, value,
reason). What is held comes from `context.held` (intake.held.Held).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from intake.fields import comparator_name, known_id_problem
from intake.kind_checks import (
    finance_line_problems,
    replaces_problems,
    waiting_list_problems,
)
from metrics.cadence import months_in_force, months_words
from metrics.periods import month_label, period_key

Problem = tuple[str, str | None, str]
#: A file rule's problem: (sheet, row, column, value, reason), as intake.context.RowProblem.
FileProblem = tuple[str, int, str, str | None, str]
#: The frequency a number of reporting months a year means (for the message).
_FREQUENCY_OF_COUNT = {12: "monthly", 6: "bimonthly", 4: "quarterly", 2: "biannual", 1: "annual"}


def priority_is_known(check: Any) -> list[Problem]:
    """A priority status names a priority the measures name, spelt exactly as they spell it."""
    priority_id = check.row.priority_id
    reason = known_id_problem(
        priority_id,
        check.context.held.priority_ids,
        "priority_id",
        "a priority is named by the measures (their priority_id column): load them first",
    )
    return [("priority_id", priority_id, reason)] if reason else []


def comparator_as_named(check: Any) -> list[Problem]:
    """England and the region are read as the settings name them, whatever the case (noted)."""
    held = check.context.held
    name, note = comparator_name(check.row.comparator, held.england, held.region_prefix)
    if note:
        check.notes.append(("comparator", check.row.comparator, note))
        check.row = check.row.model_copy(update={"comparator": name})
    return []


def period_in_cadence(check: Any) -> list[Problem]:
    """A return's period is a reporting month of the definition in force for that period."""
    row, known = check.row, check.context.known
    if row.measure_id not in known:
        return []
    segments = check.context.held.cadence.get(row.measure_id)
    _, _, frequency, months = known[row.measure_id]
    if segments:
        months = months_in_force(segments, row.period)
        frequency = _FREQUENCY_OF_COUNT.get(len(months), frequency)
    if row.period.month in months:
        return []
    article = "an" if frequency[:1] in "aeiou" else "a"
    return [
        (
            "period",
            period_key(row.period),
            f"{month_label(row.period)} is not a reporting month of {row.measure_id}, "
            f"{article} {frequency} measure reported in {months_words(months)}: check the "
            "period, or the measure's reporting_months",
        )
    ]


def replaces_rule(frame: pd.DataFrame, context: Any) -> list[FileProblem]:
    """measures: no measure replaces itself, an unknown id, or (through others) itself."""
    found: list[FileProblem] = list(replaces_problems(frame, context.held.replaces))
    return found


def waiting_lists_rule(frame: pd.DataFrame, context: Any) -> list[FileProblem]:
    """waiting lists: one waiting measure per list, every band from low to high."""
    found: list[FileProblem] = list(waiting_list_problems(frame, context.held.waiting_lists))
    return found


def finance_lines_rule(frame: pd.DataFrame, context: Any) -> list[FileProblem]:
    """finance: a month already held is restated whole, never summed with a renamed line."""
    found: list[FileProblem] = list(finance_line_problems(frame, context.held.data.finance))
    return found
