"""Row models for the improvement plan's files: actions.csv and workstreams.csv.

Lists (linked measures, risks, quality statements) are `;`-separated. Quality statements are
stored under their canonical names whatever spelling the file used; an unknown one refuses
the row. Every field type is intake.fields', as for every other kind.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator

from intake.fields import (
    ID_RE,
    Date,
    Identifier,
    IdList,
    RequiredDate,
    RequiredText,
    StatementList,
    Text,
    blank,
    choice,
    statement_list,
)
from intake.models import _Row
from metrics.vocab import ActionStatus

__all__ = ["ActionRow", "WorkstreamRow", "statement_list"]


def _workstream_id(value: Any) -> str | None:
    """The workstream an action belongs to, or None when blank."""
    if blank(value):
        return None
    written = str(value).strip()
    if not ID_RE.match(written):
        raise ValueError(f"must be a short code with no spaces, got {written[:40]!r}")
    return written


OptionalWorkstream = Annotated[str | None, BeforeValidator(_workstream_id)]


class ActionRow(_Row):
    """One update of one action from the weekly meeting or the improvement plan (actions.csv)."""

    action_id: Identifier
    title: RequiredText
    workstream_id: OptionalWorkstream = None
    owner: RequiredText
    raised: RequiredDate
    due: RequiredDate
    status: Annotated[ActionStatus, choice(ActionStatus)]
    progress_note: Text = None
    escalated_to: Text = None
    closed_on: Date = None
    linked_measures: IdList = None
    linked_risks: IdList = None
    quality_statements: StatementList = None


class WorkstreamRow(_Row):
    """One workstream of the improvement plan with its lead and success measures."""

    workstream_id: Identifier
    name: RequiredText
    lead: RequiredText
    description: Text = None
    quality_statements: StatementList = None
    success_measures: IdList = None
