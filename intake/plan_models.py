"""Row models for the improvement plan's files: actions.csv and workstreams.csv.

Lists (linked measures, risks, quality statements) are `;`-separated. Quality statements are
stored under their canonical names whatever spelling the file used; an unknown one refuses
the row.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from pydantic import BeforeValidator

from intake.models import (
    _ID_RE,
    Identifier,
    RequiredText,
    Text,
    _blank,
    _choice,
    _Row,
    _text,
    statement_list,
)
from metrics.vocab import ActionStatus


def _date(value: Any) -> dt.date | None:
    """YYYY-MM-DD text or a date cell from Excel; blank is None."""
    if _blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"must be a date YYYY-MM-DD (e.g. 2025-03-31), got {text[:40]!r}"
        ) from None


def _required_date(value: Any) -> dt.date:
    day = _date(value)
    if day is None:
        raise ValueError("is required and was blank (a date YYYY-MM-DD)")
    return day


def _optional_id(value: Any) -> str | None:
    if _blank(value):
        return None
    text = str(value).strip()
    if not _ID_RE.match(text):
        raise ValueError(f"must be a short code with no spaces, got {text[:40]!r}")
    return text


def _id_list(value: Any) -> str | None:
    """`A;B; C` → `A;B;C` (duplicates dropped, order kept); each part must be a code."""
    text = _text(value)
    if text is None:
        return None
    parts: list[str] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        if not _ID_RE.match(part):
            raise ValueError(f"{part[:40]!r} is not an id (separate ids with ';')")
        if part not in parts:
            parts.append(part)
    return ";".join(parts) or None


Date = Annotated[dt.date | None, BeforeValidator(_date)]
RequiredDate = Annotated[dt.date, BeforeValidator(_required_date)]
OptionalId = Annotated[str | None, BeforeValidator(_optional_id)]
IdList = Annotated[str | None, BeforeValidator(_id_list)]
StatementList = Annotated[str | None, BeforeValidator(statement_list)]


class ActionRow(_Row):
    """One update of one action from the weekly meeting or the improvement plan (actions.csv)."""

    action_id: Identifier
    title: RequiredText
    workstream_id: OptionalId = None
    owner: RequiredText
    raised: RequiredDate
    due: RequiredDate
    status: Annotated[ActionStatus, _choice(ActionStatus)]
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
