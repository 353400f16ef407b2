"""Write validated files: one lock, one transaction, each file with its load record (all or none).

Only the rows the comparison with the latest versions calls new or restated are written
(intake.changes), so a load writes exactly what its preview said.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from intake.changes import insert_changed
from intake.kinds import KINDS, Table
from intake.models import MAX_TEXT
from intake.validated import ValidatedFile
from metrics.periods import stamp_label
from settings import access
from settings.config import Settings
from store.audit import record_event
from store.clock import checked_loaded_at
from store.database import read_connection, write_transaction
from store.schema import fetch_one


@dataclass(frozen=True)
class LoadResult:
    """The outcome of one load, with a sentence for the person who asked for it."""

    status: str  # loaded | duplicate | rejected
    message: str
    load_id: int | None = None
    rows_written: int = 0
    rows_unchanged: int = 0


def _insert_versions(
    con: duckdb.DuckDBPyConnection, table: Table, frame: pd.DataFrame, load_id: int
) -> int:
    """Insert rows that are new or differ from the latest version; return how many."""
    return insert_changed(con, table, frame, load_id)


def previous_load_of(settings: Settings, sha256: str) -> tuple[int, dt.datetime] | None:
    """The earlier load of exactly this content, if any."""
    if not settings.db_path.exists():
        return None
    with read_connection(settings.db_path) as con:
        row = fetch_one(
            con,
            "SELECT load_id, loaded_at FROM loads WHERE sha256 = ? ORDER BY load_id LIMIT 1",
            [sha256],
        )
    return (int(row[0]), row[1]) if row else None


def _refusal(validated: ValidatedFile, allow_partial: bool) -> LoadResult | None:
    if validated.rejections and not (allow_partial and validated.rows_accepted):
        return LoadResult(
            "rejected",
            f"{validated.file_name}: {len(validated.rejections):,} problem(s) in "
            f"{validated.rows_rejected:,} row(s); nothing was loaded.",
        )
    return None


def _side_rows(frame: pd.DataFrame, columns: dict[str, str], key: tuple[str, ...]) -> pd.DataFrame:
    """A side table's rows taken from a kind's rows (the last row of each key wins)."""
    return frame[list(columns)].rename(columns=columns).drop_duplicates(list(key), keep="last")


def _write_rows(con: duckdb.DuckDBPyConnection, validated: ValidatedFile, load_id: int) -> int:
    """Write every kind's new or restated rows (and their side tables); return how many."""
    written = 0
    for kind in validated.kinds:
        spec = KINDS[kind]
        frame = validated.frames[kind]
        for side, columns in spec.side_tables:
            _insert_versions(con, side, _side_rows(frame, columns, side.key), load_id)
        written += _insert_versions(con, spec.stored, frame, load_id)
    return written


def _write_one(
    con: duckdb.DuckDBPyConnection,
    validated: ValidatedFile,
    loaded_by: str,
    when: dt.datetime,
) -> LoadResult:
    """Write one file's rows and its load record (the audit of the load) in the open transaction."""
    again = fetch_one(
        con, "SELECT load_id, loaded_at FROM loads WHERE sha256 = ?", [validated.sha256]
    )
    if again:
        return LoadResult(
            "duplicate",
            f"{validated.file_name} was already loaded on {stamp_label(again[1])} "
            f"(load {again[0]}); nothing changed.",
            load_id=int(again[0]),
        )
    next_id = fetch_one(con, "SELECT coalesce(max(load_id), 0) + 1 FROM loads")
    load_id = int(next_id[0]) if next_id else 1
    con.execute(
        "INSERT INTO loads (load_id, loaded_at, loaded_by, file_name, sha256, kinds, "
        "rows_accepted, rows_rejected, periods) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            load_id,
            when,
            loaded_by,
            validated.file_name,
            validated.sha256,
            ",".join(validated.kinds),
            validated.rows_accepted,
            validated.rows_rejected,
            ",".join(validated.periods()),
        ],
    ).fetchall()
    written = _write_rows(con, validated, load_id)
    unchanged = validated.rows_accepted - written
    con.execute(
        "UPDATE loads SET rows_unchanged = ? WHERE load_id = ?", [unchanged, load_id]
    ).fetchall()
    if validated.rejections:
        con.executemany(
            "INSERT INTO load_rejections VALUES (?, ?, ?, ?, ?, ?)",
            [
                [load_id, i.sheet, i.row, i.column, i.value, i.reason[:MAX_TEXT]]
                for i in validated.rejections
            ],
        )
    return LoadResult(
        "loaded",
        f"{validated.file_name}: loaded {written:,} new or changed row(s)"
        + (f", {unchanged:,} unchanged" if unchanged else "")
        + (
            f"; {validated.rows_rejected:,} rejected row(s) recorded"
            if validated.rejections
            else ""
        )
        + ".",
        load_id=load_id,
        rows_written=written,
        rows_unchanged=unchanged,
    )


def _already_loaded(files: list[ValidatedFile], settings: Settings) -> list[LoadResult] | None:
    """When every file was loaded before: say so for each (nothing to write)."""
    earlier = [previous_load_of(settings, v.sha256) for v in files]
    if not all(earlier):
        return None
    return [
        LoadResult(
            "duplicate",
            f"{v.file_name} was already loaded on {stamp_label(e[1])} "
            f"(load {e[0]}); nothing changed.",
            load_id=e[0],
        )
        for v, e in zip(files, earlier, strict=True)
        if e is not None
    ]


def commit_all(
    files: list[ValidatedFile],
    settings: Settings,
    loaded_by: str,
    *,
    allow_partial: bool = False,
    loaded_at: dt.datetime | None = None,
    actor: access.Actor | None = None,
) -> list[LoadResult]:
    """Write several validated files under one lock in one transaction: all of them or none.

    Each file's load record is written in the same transaction as its rows, so the database
    never holds figures without the record of who loaded them. The caller (`actor`, else the
    session's or command's) must be allowed to load: PermissionRefused otherwise.
    """
    access.require("load", actor)
    refusals = [_refusal(v, allow_partial) for v in files]
    if any(refusals):
        return [
            r or LoadResult("rejected", f"{v.file_name}: nothing was loaded.")
            for r, v in zip(refusals, files, strict=True)
        ]
    repeated = _already_loaded(files, settings)
    if repeated is not None:
        return repeated
    when = checked_loaded_at(loaded_at, dt.datetime.now())
    with write_transaction(settings) as con:
        results = [_write_one(con, v, loaded_by, when) for v in files]
    for validated, result in zip(files, results, strict=True):
        if result.status == "loaded":
            detail = f"load {result.load_id}: {validated.file_name}"
            record_event(settings, loaded_by, "load", detail)
    return results


def commit(
    validated: ValidatedFile,
    settings: Settings,
    loaded_by: str,
    *,
    allow_partial: bool = False,
    loaded_at: dt.datetime | None = None,
    actor: access.Actor | None = None,
) -> LoadResult:
    """Write one validated file as one load: all of it, or (if allowed) its valid rows only."""
    return commit_all(
        [validated],
        settings,
        loaded_by,
        allow_partial=allow_partial,
        loaded_at=loaded_at,
        actor=actor,
    )[0]
