"""Row rules for actions and workstreams that need more than one cell or the database.

Dates must agree (raised ≤ due, closed_on only on a finished action), and every linked
workstream, measure and risk must already be known (in the database or the same file).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from intake.fields import by_case, known_id_problem
from metrics.vocab import FINISHED_ACTION_STATUSES as FINISHED
from plan.quality import split_list
from store.schema import fetch_one

Problem = tuple[str, str | None, str]


@dataclass(frozen=True)
class KnownIds:
    """Ids a link may point at: what the database holds plus what the file itself brings."""

    measures: frozenset[str] = field(default_factory=frozenset)
    risks: frozenset[str] = field(default_factory=frozenset)
    workstreams: frozenset[str] = field(default_factory=frozenset)


def known_ids(
    db_path: Path,
    measures: Iterable[str],
    risks_in_file: Iterable[str] = (),
    workstreams_in_file: Iterable[str] = (),
) -> KnownIds:
    """Risk and workstream ids in the database (any version) and in this file's accepted rows."""
    from store.database import read_connection

    risks = set(risks_in_file)
    workstreams = set(workstreams_in_file)
    if db_path.exists():
        with read_connection(db_path) as con:
            risks.update(
                r[0]
                for r in con.execute("SELECT DISTINCT risk_id FROM risk_assessments").fetchall()
            )
            has_table = fetch_one(
                con,
                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'workstreams'",
            )
            if has_table and has_table[0]:
                workstreams.update(
                    r[0]
                    for r in con.execute(
                        "SELECT DISTINCT workstream_id FROM workstreams"
                    ).fetchall()
                )
    return KnownIds(frozenset(measures), frozenset(risks), frozenset(workstreams))


def _unknown(
    column: str, value: str | None, ids: frozenset[str], what: str, hint: str
) -> list[Problem]:
    """Links to ids not known, by intake.fields' one rule (exact, a case slip named)."""
    parts = split_list(value)
    if all(part in ids for part in parts):
        return []
    known = by_case(ids)
    slips = [known_id_problem(p, known, what, hint) for p in parts if p.casefold() in known]
    missing = [part for part in parts if part.casefold() not in known]
    problems: list[Problem] = [(column, value, reason) for reason in slips if reason]
    if missing:
        shown = ", ".join(f"'{m}'" for m in missing)
        problems.append((column, value, f"unknown {what} {shown}: {hint}"))
    return problems


def _date_problems(row: Any) -> list[Problem]:
    problems: list[Problem] = []
    today = dt.date.today()
    if row.raised > today:
        problems.append(("raised", f"{row.raised:%Y-%m-%d}", "is in the future"))
    if row.due < row.raised:
        problems.append(
            (
                "due",
                f"{row.due:%Y-%m-%d}",
                f"is before the action was raised ({row.raised:%Y-%m-%d})",
            )
        )
    if row.closed_on is not None:
        shown = f"{row.closed_on:%Y-%m-%d}"
        if row.status not in FINISHED:
            problems.append(
                (
                    "closed_on",
                    shown,
                    f"is given but the status is {row.status}: "
                    "a closing date needs status complete or closed",
                )
            )
        if row.closed_on < row.raised:
            problems.append(("closed_on", shown, "is before the action was raised"))
        if row.closed_on > today:
            problems.append(("closed_on", shown, "is in the future"))
    return problems


def row_problems(kind: str, row: Any, known: KnownIds) -> list[Problem]:
    """Why an action or workstream row cannot be loaded (empty when it can)."""
    if kind == "actions":
        problems = _date_problems(row)
        if row.workstream_id is not None and row.workstream_id not in known.workstreams:
            reason = known_id_problem(
                row.workstream_id,
                by_case(known.workstreams),
                "workstream_id",
                "load workstreams first",
            )
            problems.append(("workstream_id", row.workstream_id, str(reason)))
        problems += _unknown(
            "linked_measures",
            row.linked_measures,
            known.measures,
            "measure",
            "add it to measures first",
        )
        problems += _unknown(
            "linked_risks", row.linked_risks, known.risks, "risk", "load the risk register first"
        )
        return problems
    if kind == "workstreams":
        return _unknown(
            "success_measures",
            row.success_measures,
            known.measures,
            "measure",
            "add it to measures first",
        )
    return []
