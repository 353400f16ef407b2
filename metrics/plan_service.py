"""One read of everything the plan pages need: actions, workstreams, statement links, risks.

Like metrics.service, nothing here knows about Streamlit; the pages cache the result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from metrics import plan_queries
from metrics.actions import actions_json
from metrics.store import read_connection


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
