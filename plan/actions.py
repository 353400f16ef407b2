"""Action rules: overdue, due soon, escalated; and the `actions --json` contract.

An action is overdue on a date when its due date is before that date and it is neither
complete nor closed. One function says so, for the pages, exports and CLI alike.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from metrics.vocab import ACTION_STATUSES
from metrics.vocab import FINISHED_ACTION_STATUSES as FINISHED
from plan.quality import by_name, split_list

DUE_SOON_DAYS = 14

STATUS_WORD = {
    "not_started": "Not started",
    "on_track": "On track",
    "at_risk": "At risk",
    "off_track": "Off track",
    "complete": "Complete",
    "closed": "Closed",
}
#: Shape and word, never colour alone (the same idea as RAG's ★ ● ▲).
STATUS_SYMBOL = {
    "not_started": "○",
    "on_track": "★",
    "at_risk": "●",
    "off_track": "▲",
    "complete": "✓",
    "closed": "■",
}
assert set(STATUS_WORD) == set(ACTION_STATUSES)


def status_label(status: object) -> str:
    """'▲ Off track' for the pages and exports; '–' for anything unknown."""
    if not isinstance(status, str) or status not in STATUS_WORD:
        return "–"
    return f"{STATUS_SYMBOL[status]} {STATUS_WORD[status]}"


def is_overdue(due: dt.date | None, status: str, on: dt.date) -> bool:
    """Due strictly before `on` and not finished (due on the day itself is not yet overdue)."""
    return due is not None and due < on and status not in FINISHED


def flag_actions(actions: pd.DataFrame, on: dt.date) -> pd.DataFrame:
    """Actions with overdue, days_overdue, due_soon (within 14 days from `on`) and escalated."""
    frame = actions.copy()
    frame["overdue"] = [
        is_overdue(d, s, on) for d, s in zip(frame["due"], frame["status"], strict=True)
    ]
    frame["days_overdue"] = [
        (on - d).days if late else 0 for d, late in zip(frame["due"], frame["overdue"], strict=True)
    ]
    soon_end = on + dt.timedelta(days=DUE_SOON_DAYS)
    frame["due_soon"] = [
        s not in FINISHED and d is not None and on <= d <= soon_end
        for d, s in zip(frame["due"], frame["status"], strict=True)
    ]
    frame["escalated"] = [isinstance(x, str) and bool(x.strip()) for x in frame["escalated_to"]]
    frame["finished"] = frame["status"].isin(FINISHED)
    # Empty lists would make object columns, which pandas reads as column labels in a filter.
    for column in ("overdue", "due_soon", "escalated", "finished"):
        frame[column] = frame[column].astype(bool)
    frame["days_overdue"] = frame["days_overdue"].astype(int)
    return frame


def actions_json(
    actions: pd.DataFrame, measure_statements: pd.DataFrame, on: dt.date
) -> dict[str, Any]:
    """The `python -m cli actions --json` document (see README, Command line)."""
    flagged = flag_actions(actions, on).sort_values("action_id")
    rows = []
    for r in flagged.itertuples(index=False):
        rows.append(
            {
                "action_id": r.action_id,
                "status": r.status,
                "due": r.due.isoformat(),
                "overdue": bool(r.overdue),
                "workstream_id": r.workstream_id if isinstance(r.workstream_id, str) else None,
                "linked_measures": split_list(r.linked_measures),
                "linked_risks": split_list(r.linked_risks),
                "quality_statements": split_list(r.quality_statements),
            }
        )
    by_statement: dict[str, dict[str, list[str]]] = {
        name: {"measures": [], "actions": []} for name in by_name()
    }
    for m in measure_statements.sort_values("measure_id").itertuples(index=False):
        for name in split_list(m.quality_statements):
            by_statement.setdefault(name, {"measures": [], "actions": []})
            by_statement[name]["measures"].append(m.measure_id)
    for row in rows:
        for name in row["quality_statements"]:
            by_statement.setdefault(name, {"measures": [], "actions": []})
            by_statement[name]["actions"].append(row["action_id"])
    return {"on": on.isoformat(), "actions": rows, "by_quality_statement": by_statement}
