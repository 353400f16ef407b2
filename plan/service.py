"""One read of everything the plan pages need: actions, workstreams, statement links, risks.

Like store.service, nothing here knows about Streamlit; the pages cache the result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from metrics.periods import day_label
from plan import queries as plan_queries
from plan.actions import actions_json
from store.database import read_connection


@dataclass(frozen=True)
class PlanData:
    """The improvement plan as of one date."""

    actions: pd.DataFrame
    workstreams: pd.DataFrame
    measure_statements: pd.DataFrame
    risk_scores: pd.DataFrame
    as_of: dt.date | None


def load_plan(path: Path, as_of: dt.date | None = None) -> PlanData:
    """Short-lived read-only connection; plain DataFrames out."""
    with read_connection(path) as con:
        return PlanData(
            actions=plan_queries.actions(con, as_of),
            workstreams=plan_queries.workstreams(con, as_of),
            measure_statements=plan_queries.measure_statements(con, as_of),
            risk_scores=plan_queries.risk_scores(con, as_of),
            as_of=as_of,
        )


def action_history(path: Path, action_id: str | None, as_of: dt.date | None = None) -> pd.DataFrame:
    """One action's versions up to a date (its progress log); None for every action's."""
    with read_connection(path) as con:
        return plan_queries.action_history(con, action_id, as_of)


def actions_report(path: Path, on: dt.date, as_of: dt.date | None = None) -> dict[str, Any]:
    """The CLI's JSON document: actions as reported on `as_of` (default: now), judged on `on`."""
    plan = load_plan(path, as_of)
    return actions_json(plan.actions, plan.measure_statements, on)


def judged_on(as_of: dt.date | None, demo: bool, loads: pd.DataFrame) -> tuple[dt.date, str | None]:
    """The date 'overdue' and 'this week' are judged on, and a sentence when it is not today.

    The As reported on date when set, else today; on the demo database (loads dated Nov 2025)
    the day of its last load, so the illustrative plan reads as it would have that week.
    """
    if as_of is not None:
        return as_of, f"Judged on {day_label(as_of)}, the As reported on date."
    if demo and len(loads):
        last = pd.Timestamp(loads["loaded_at"].max()).date()
        return last, (
            f"Demo database: dates are judged on {day_label(last)}, the day of its last load, "
            "so the illustrative plan reads as it would have that week."
        )
    return dt.date.today(), None
