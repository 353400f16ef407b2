"""The weekly Meaningful Measures meeting's digest: what changed between two dates.

"Before" is the database as reported the day before `since`; "now" is as reported on `until`.
Measures are compared on each one's latest reported period, so a new month's return and a
restatement both count; statuses and exceptions come from metrics.report, never re-derived.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from metrics.periods import day_label
from metrics.report import measure_statuses
from plan.actions import flag_actions
from plan.service import PlanData, load_plan
from store import queries
from store.database import read_connection

WEEK = dt.timedelta(days=7)


@dataclass(frozen=True)
class WeekDigest:
    """Everything the meeting opens, each frame one list on the page and in the PDF."""

    since: dt.date
    until: dt.date
    loads: pd.DataFrame
    restatements: pd.DataFrame
    became_exceptions: pd.DataFrame
    stopped_exceptions: pd.DataFrame
    status_changes: pd.DataFrame
    actions_due_soon: pd.DataFrame
    actions_overdue: pd.DataFrame
    actions_closed: pd.DataFrame
    actions_escalated: pd.DataFrame
    risks_moved: pd.DataFrame

    @property
    def empty(self) -> bool:
        return all(
            len(getattr(self, name)) == 0
            for name in self.__dataclass_fields__
            if name not in ("since", "until")
        )


def default_since(until: dt.date) -> dt.date:
    """Seven days before the meeting date."""
    return until - WEEK


def _latest(statuses: pd.DataFrame) -> pd.DataFrame:
    if statuses.empty:
        return pd.DataFrame(columns=["measure_id", "name", "period", "status", "exception"])
    latest = statuses.sort_values(["measure_id", "period"]).groupby("measure_id").tail(1)
    return latest[["measure_id", "name", "period", "status", "exception"]]


def statuses_as_of(path: Path, as_of: dt.date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(catalogue, whole-measure statuses) as reported on a date; team rows are not needed."""
    with read_connection(path) as con:
        catalogue = queries.measures(con, as_of)
        snapshots = queries.snapshots(con, as_of)
    return catalogue, measure_statuses(snapshots, catalogue)


def measure_changes(
    before: pd.DataFrame, now: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(became exceptions, stopped being exceptions, status changes) between two status frames."""
    merged = _latest(now).merge(
        _latest(before), on="measure_id", how="left", suffixes=("", "_before")
    )
    was_exception = merged["exception_before"].fillna(False).astype(bool)
    is_exception = merged["exception"].astype(bool)
    columns = ["measure_id", "name", "period_before", "status_before", "period", "status"]
    became = merged.loc[is_exception & ~was_exception, columns]
    stopped = merged.loc[~is_exception & was_exception, columns]
    changed = merged.loc[
        merged["status_before"].notna() & merged["status"].ne(merged["status_before"]), columns
    ]
    return (
        became.reset_index(drop=True),
        stopped.reset_index(drop=True),
        changed.reset_index(drop=True),
    )


def _in_window(stamps: pd.Series, since: dt.date, until: dt.date) -> pd.Series:
    days = pd.to_datetime(stamps).dt.date
    return (days >= since) & (days <= until)


def action_changes(
    before: PlanData, now: PlanData, since: dt.date, until: dt.date
) -> dict[str, pd.DataFrame]:
    """Due in the next 14 days, overdue, closed in the window, escalated in the window."""
    flagged = flag_actions(now.actions, until)
    previous = before.actions.set_index("action_id") if len(before.actions) else None

    def earlier(action_id: str, column: str) -> object:
        if previous is None or action_id not in previous.index:
            return None
        return previous.at[action_id, column]

    finished_before = [earlier(a, "status") in ("complete", "closed") for a in flagged["action_id"]]
    closed_in_window = [
        isinstance(c, dt.date) and since <= c <= until for c in flagged["closed_on"]
    ]
    closed = flagged[
        flagged["finished"]
        & (
            pd.Series(closed_in_window, index=flagged.index)
            | ~pd.Series(finished_before, index=flagged.index)
        )
    ]
    escalated_now = [
        bool(e) and earlier(a, "escalated_to") != x
        for a, e, x in zip(
            flagged["action_id"], flagged["escalated"], flagged["escalated_to"], strict=True
        )
    ]
    return {
        "due_soon": flagged[flagged["due_soon"]].sort_values(["due", "action_id"]),
        "overdue": flagged[flagged["overdue"]].sort_values(["due", "action_id"]),
        "closed": closed.sort_values("action_id"),
        "escalated": flagged[pd.Series(escalated_now, index=flagged.index, dtype=bool)].sort_values(
            "action_id"
        ),
    }


def risk_moves(before: PlanData, now: PlanData) -> pd.DataFrame:
    """Risks whose latest residual score differs from the one held the day before `since`."""
    columns = ["risk_id", "name", "period_before", "score_before", "period", "score"]

    def latest(frame: pd.DataFrame) -> pd.DataFrame:
        if frame.empty:
            return pd.DataFrame(columns=["risk_id", "name", "period", "score"])
        return frame.sort_values(["risk_id", "period"]).groupby("risk_id").tail(1)

    merged = latest(now.risk_scores)[["risk_id", "name", "period", "score"]].merge(
        latest(before.risk_scores)[["risk_id", "period", "score"]],
        on="risk_id",
        how="inner",
        suffixes=("", "_before"),
    )
    moved = merged[merged["score"].ne(merged["score_before"])]
    return moved[columns].reset_index(drop=True)


def loads_between(path: Path, since: dt.date, until: dt.date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Loads in the window (oldest first) and the restated figures they carried."""
    with read_connection(path) as con:
        loads = queries.loads(con)
        loads = loads[_in_window(loads["loaded_at"], since, until)].sort_values("load_id")
        restated = []
        for load_id, loaded_at in zip(loads["load_id"], loads["loaded_at"], strict=True):
            changes = queries.load_changes(con, int(load_id))["snapshots"]
            rows = changes[changes["previous_actual"].notna() & changes["version"].gt(1)]
            if len(rows):
                rows = rows[["measure_id", "period", "team", "previous_actual", "actual"]].copy()
                rows["loaded_at"] = loaded_at
                restated.append(rows)
    columns = ["measure_id", "period", "team", "previous_actual", "actual", "loaded_at"]
    restatements = pd.concat(restated) if restated else pd.DataFrame(columns=columns)
    return loads.reset_index(drop=True), restatements.reset_index(drop=True)


def week_digest(path: Path, since: dt.date, until: dt.date) -> WeekDigest:
    """The digest for the meeting on `until`, covering loads from `since` (inclusive)."""
    if since > until:
        raise ValueError(
            f"'since' ({day_label(since)}) is after the meeting date ({day_label(until)})"
        )
    day_before = since - dt.timedelta(days=1)
    _, before = statuses_as_of(path, day_before)
    catalogue, now = statuses_as_of(path, until)
    plan_before, plan_now = load_plan(path, day_before), load_plan(path, until)
    became, stopped, changed = measure_changes(before, now)
    acts = action_changes(plan_before, plan_now, since, until)
    loads, restatements = loads_between(path, since, until)
    names = catalogue.set_index("measure_id")["name"] if len(catalogue) else pd.Series()
    restatements["name"] = restatements["measure_id"].map(names)
    return WeekDigest(
        since=since,
        until=until,
        loads=loads,
        restatements=restatements,
        became_exceptions=became,
        stopped_exceptions=stopped,
        status_changes=changed,
        actions_due_soon=acts["due_soon"],
        actions_overdue=acts["overdue"],
        actions_closed=acts["closed"],
        actions_escalated=acts["escalated"],
        risks_moved=risk_moves(plan_before, plan_now),
    )
