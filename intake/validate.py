"""Validate a file: every row against its kind's model and rules, against the database and the load.

Nothing is written. A file whose structure is doubtful (found while its rows are read) is
refused whole; a row is refused with the exact reason, cell by cell.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
from pydantic import ValidationError

from intake.context import (
    CATALOGUE_COLUMNS,
    RowCheck,
    RowContext,
    catalogue,
    held_teams,
    row_context,
)
from intake.held import Held, HeldData
from intake.kinds import KINDS, kind_of, load_rank
from intake.plan_rules import known_ids
from intake.reader import Sheet, UnreadableFileError, read_sheets
from intake.row_rules import shown
from intake.templates import is_template_example
from intake.validated import Issue, ValidatedFile, sha256_of
from metrics.periods import period_key
from settings.config import Settings

_LABELS = [kind.label for kind in KINDS.values()]
_NOT_RECOGNISED = (
    "cannot tell which kind of file this is: the header needs the columns of "
    f"{', '.join(_LABELS[:-1])} or {_LABELS[-1]} (see the templates)"
)


@dataclass
class _Accepted:
    """Accepted rows of one kind, kept as columns (a large return is never a list of dicts)."""

    columns: dict[str, list[Any]]
    seen: dict[tuple[Any, ...], int] = field(default_factory=dict)

    def add(self, values: dict[str, Any]) -> None:
        for name, column in self.columns.items():
            column.append(values[name])

    def frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(self.columns)
        if "period" in frame:  # datetime64, so DuckDB reads it without a Python object per row
            frame["period"] = np.array(self.columns["period"], dtype="datetime64[D]").astype(
                "datetime64[s]"
            )
        return frame


@dataclass(frozen=True)
class ReadFile:
    """A file's sheets as read, before any row is checked."""

    file_name: str
    sha256: str
    sheets: list[Sheet] | None
    unreadable: str | None = None

    def kinds(self) -> list[str]:
        """The kinds its sheets' headers declare (unrecognised sheets left out)."""
        found = (kind_of(sheet.header) for sheet in self.sheets or [])
        return [k for k in found if k is not None]


def read_file(data: bytes, file_name: str, settings: Settings) -> ReadFile:
    """Read a file's sheets once (bytes to cells); an unreadable file says why."""
    sha = sha256_of(data)
    try:
        sheets = read_sheets(
            data, file_name, int(settings.max_upload_mb * 1_000_000), settings.max_rows
        )
    except UnreadableFileError as exc:
        return ReadFile(file_name, sha, None, str(exc))
    return ReadFile(file_name, sha, sheets)


def validate_file(
    data: bytes,
    file_name: str,
    settings: Settings,
    extra_measures: pd.DataFrame | None = None,
) -> ValidatedFile:
    """Check every row of a file against the contract and the catalogue; write nothing."""
    return validate_read(read_file(data, file_name, settings), settings, extra_measures)


def validate_read(
    read: ReadFile,
    settings: Settings,
    extra_measures: pd.DataFrame | None = None,
    earlier: Sequence[ValidatedFile] = (),
) -> ValidatedFile:
    """Check a read file's rows; `earlier` are the files of the same load already checked.

    Measures, risks and workstreams accepted in earlier files count as known, like those held.
    """
    result = ValidatedFile(file_name=read.file_name, sha256=read.sha256)
    if read.sheets is None:
        result.rejections.append(
            Issue(read.file_name, None, None, None, None, read.unreadable or "")
        )
        return result
    try:
        context = _check_sheets(
            read.sheets, read.file_name, settings, extra_measures, earlier, result
        )
    except UnreadableFileError as exc:
        refused = ValidatedFile(file_name=read.file_name, sha256=read.sha256)
        refused.rejections.append(Issue(read.file_name, None, None, None, None, str(exc)))
        return refused
    _apply_file_rules(result, context)
    result.rejections.sort(key=lambda i: (i.sheet or "", i.row or 0))
    return result


def _sheet_kind(sheet: Sheet, file_name: str, result: ValidatedFile) -> str | None:
    """The sheet's kind, checking its header; None (rows refused) when it cannot be loaded."""
    kind = kind_of(sheet.header)
    label = sheet.name
    if kind is None:
        result.rejections.append(Issue(file_name, label, 1, None, None, _NOT_RECOGNISED))
        result.rejected_rows.update((label, r) for r, _ in sheet.rows)
        return None
    result.detected[label] = kind
    spec = KINDS[kind]
    missing = [c for c in spec.required if c not in sheet.header]
    for column in missing:
        result.rejections.append(
            Issue(file_name, label, 1, column, None, f"required column '{column}' is missing")
        )
    known = set(spec.columns)
    for column in sheet.header:
        if column and column not in known:
            result.warnings.append(
                Issue(file_name, label, 1, column, None, f"unknown column '{column}' was ignored")
            )
    if missing:
        result.rejected_rows.update((label, r) for r, _ in sheet.rows)
        return None
    return kind


def _earlier_ids(earlier: Sequence[ValidatedFile], kind: str, column: str) -> list[str]:
    return [str(v) for f in earlier if kind in f.frames for v in f.frames[kind][column]]


def _check_sheets(
    sheets: list[Sheet],
    file_name: str,
    settings: Settings,
    extra_measures: pd.DataFrame | None,
    earlier: Sequence[ValidatedFile],
    result: ValidatedFile,
) -> RowContext:
    """Check every sheet in load order; returns the context the last rows were checked against."""
    for sheet in sheets:
        for hidden in sheet.skipped_sheets:
            result.skipped_sheets.append(hidden)
            result.warnings.append(
                Issue(file_name, hidden, None, None, None, "hidden sheet: not read")
            )
    kinds = [(sheet, _sheet_kind(sheet, file_name, result)) for sheet in sheets]
    loadable = sorted(
        ((sheet, kind) for sheet, kind in kinds if kind is not None),
        key=lambda pair: load_rank(pair[1]),
    )
    held = catalogue(settings)
    held_ids = {str(m).casefold(): str(m) for m in held["measure_id"]}
    frames_to_join = [held]
    if extra_measures is not None:
        frames_to_join.append(extra_measures.reindex(columns=CATALOGUE_COLUMNS))
    frames_to_join += [f.frames["measures"] for f in earlier if "measures" in f.frames]
    load_measures = [extra_measures] if extra_measures is not None else []
    load_measures += [f.frames["measures"] for f in earlier if "measures" in f.frames]
    held_rows = Held(
        HeldData(settings.db_path),
        load_measures,
        settings.benchmark_england,
        settings.benchmark_region,
        [f.frames["waiting_lists"] for f in earlier if "waiting_lists" in f.frames],
    )
    context = row_context(frames_to_join, held_ids, {}, held=held_rows)
    accepted: dict[str, _Accepted] = {}
    joined = False
    for sheet, kind in loadable:
        if kind != "measures" and "measures" in accepted and not joined:
            # Measures defined in this same file are known to the rows that follow them.
            frames_to_join.append(accepted["measures"].frame())
            held_rows = held_rows.with_measures([*load_measures, frames_to_join[-1]])
            context = row_context(frames_to_join, held_ids, {}, held=held_rows)
            joined = True
        context = _context_for(kind, context, settings, earlier, accepted)
        columns: dict[str, list[Any]] = {
            name: [] for name in [*KINDS[kind].columns, "_sheet", "_row"]
        }
        bucket = accepted.setdefault(kind, _Accepted(columns))
        _check_sheet(sheet, kind, file_name, context, result, bucket)
    for kind, bucket in accepted.items():
        if bucket.columns["_row"]:
            result.frames[kind] = bucket.frame()
    return context


def _context_for(
    kind: str,
    context: RowContext,
    settings: Settings,
    earlier: Sequence[ValidatedFile],
    accepted: dict[str, _Accepted],
) -> RowContext:
    """The context a kind's rows need: team spellings for returns, link targets for the plan."""
    if kind == "returns" and not context.teams:
        return replace(context, teams=held_teams(settings))
    if kind in ("workstreams", "actions"):
        links = known_ids(
            settings.db_path,
            context.known,
            _earlier_ids(earlier, "risks", "risk_id") + _ids(accepted, "risks", "risk_id"),
            _earlier_ids(earlier, "workstreams", "workstream_id")
            + _ids(accepted, "workstreams", "workstream_id"),
        )
        return replace(context, links=links)
    return context


def _ids(accepted: dict[str, _Accepted], kind: str, column: str) -> list[str]:
    """Ids of one kind accepted so far in this file (links may point at them)."""
    return list(accepted[kind].columns[column]) if kind in accepted else []


def _model_problems(
    exc: ValidationError, cells: dict[str, Any]
) -> list[tuple[str | None, str | None, str]]:
    found: list[tuple[str | None, str | None, str]] = []
    for err in exc.errors(include_url=False):
        column = str(err["loc"][0]) if err["loc"] else None
        reason = err["msg"].removeprefix("Value error, ")
        if err["type"] == "missing":
            reason = "is required and was blank"
        found.append((column, shown(cells.get(column) if column else None), reason))
    return found


def _check_sheet(
    sheet: Sheet,
    kind: str,
    file_name: str,
    context: RowContext,
    result: ValidatedFile,
    accepted: _Accepted,
) -> None:
    """Validate, apply the kind's row rules to, and keep or refuse each row of one sheet."""
    spec = KINDS[kind]
    label = sheet.name
    comma_risk = sheet.delimiter != ","
    validation_context = {"comma_risk": comma_risk}
    rows_seen = 0
    for row_number, cells in sheet.rows:
        rows_seen += 1
        result.rows_total += 1
        try:
            row = spec.model.model_validate(cells, context=validation_context)
        except ValidationError as exc:
            result.rejected_rows.add((label, row_number))
            for column, value, reason in _model_problems(exc, cells):
                result.rejections.append(Issue(file_name, label, row_number, column, value, reason))
            continue
        check = RowCheck(kind, row, cells, context, comma_risk)
        problems = _row_problems(check)
        row = check.row
        key = tuple(getattr(row, k) for k in spec.key)
        if key in accepted.seen:
            written = ", ".join(
                period_key(k) if isinstance(k, dt.date) else str(k) for k in key if k != ""
            )
            problems.append(
                (
                    spec.key[0],
                    None,
                    f"duplicate of row {accepted.seen[key]} ({written}) in this file",
                )
            )
        else:
            accepted.seen[key] = row_number
        for column, value, reason in check.warnings:
            result.warnings.append(Issue(file_name, label, row_number, column, value, reason))
        if problems:
            result.rejected_rows.add((label, row_number))
            for column, value, reason in problems:
                result.rejections.append(Issue(file_name, label, row_number, column, value, reason))
            continue
        for column, value, reason in check.notes:
            result.normalised.append(Issue(file_name, label, row_number, column, value, reason))
        values = dict(row.__dict__)
        values["_sheet"] = label
        values["_row"] = row_number
        accepted.add(values)
    if rows_seen == 0:
        result.rejections.append(
            Issue(file_name, label, None, None, None, "the file has a header but no data rows")
        )


def _row_problems(check: RowCheck) -> list[tuple[str, str | None, str]]:
    """The template's example row is refused as such; any other row meets its kind's rules."""
    spec = KINDS[check.kind]
    if is_template_example(check.kind, check.cells):
        first = spec.key[0]
        return [
            (
                first,
                shown(check.cells.get(first)),
                "this is the template's example row, not a real figure: delete it",
            )
        ]
    problems: list[tuple[str, str | None, str]] = []
    for rule in spec.row_rules:
        problems += rule(check)
    return problems


def _apply_file_rules(result: ValidatedFile, context: RowContext) -> None:
    """Run each kind's file rules on its accepted rows; a row they name is refused."""
    for kind in list(result.frames):
        for rule in KINDS[kind].file_rules:
            for sheet, row, column, value, reason in rule(result.frames[kind], context):
                result.refuse(sheet, row, column, value, reason)
    result.drop_refused()
