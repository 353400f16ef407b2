"""The one loader behind the Data page and `python -m metrics load`.

validate_file() checks every row and says why each bad one is rejected; commit() writes the
accepted rows in one transaction, as new versions only where a figure is new or changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd
from pydantic import ValidationError

from metrics.audit import record_event
from metrics.config import Settings
from metrics.events import event_rules
from metrics.models import KINDS, MAX_TEXT
from metrics.reader import Sheet, UnreadableFileError, read_sheets
from metrics.schema import fetch_one
from metrics.store import read_connection, write_transaction

_KIND_ORDER = ("measures", "risks", "returns", "comparators", "events")
_MARKER_ORDER = ("events", "risks", "comparators", "measures", "returns")


@dataclass(frozen=True)
class Issue:
    """One rejected (or warned) cell: where it is, what it held, and why."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    reason: str

    def describe(self) -> str:
        """One line naming file, sheet, row and column, for the CLI."""
        where = [self.file]
        if self.sheet and self.sheet != self.file:
            where.append(f"sheet {self.sheet}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        shown = f" (value {self.value!r})" if self.value not in (None, "") else ""
        return f"{', '.join(where)}: {self.reason}{shown}"


@dataclass
class ValidatedFile:
    """What a file would load: accepted rows by kind, and every rejection and warning."""

    file_name: str
    sha256: str
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    rejections: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    rows_total: int = 0
    detected: dict[str, str] = field(default_factory=dict)
    rejected_rows: set[tuple[str, int]] = field(default_factory=set)

    @property
    def ok(self) -> bool:
        """True when every row passed and the file can be loaded whole."""
        return not self.rejections

    @property
    def rows_rejected(self) -> int:
        return len(self.rejected_rows)

    @property
    def rows_accepted(self) -> int:
        return sum(len(f) for f in self.frames.values())

    @property
    def kinds(self) -> list[str]:
        """Kinds with accepted rows, in load order."""
        return [k for k in _KIND_ORDER if k in self.frames]

    def periods(self) -> list[str]:
        """Distinct periods touched, as YYYY-MM, for the load history."""
        found: set[str] = set()
        for frame in self.frames.values():
            if "period" in frame:
                found.update(pd.to_datetime(frame["period"]).dt.strftime("%Y-%m"))
        return sorted(found)


@dataclass(frozen=True)
class LoadResult:
    """The outcome of one load, with a sentence for the person who asked for it."""

    status: str  # loaded | duplicate | rejected
    message: str
    load_id: int | None = None
    rows_written: int = 0
    rows_unchanged: int = 0


def sha256_of(data: bytes) -> str:
    """Content hash: the same file loaded twice is recognised whatever its name."""
    return hashlib.sha256(data).hexdigest()


def _kind_of(header: list[str]) -> str | None:
    """The kind whose marker column is present; else the closest match on required columns.

    The fallback lets a returns file that lost its `actual` column be reported as exactly that.
    """
    for kind in _MARKER_ORDER:
        if KINDS[kind]["marker"] in header:
            return kind
    present = {k: sum(c in header for c in KINDS[k]["required"]) for k in _KIND_ORDER[::-1]}
    best = max(present, key=lambda k: (present[k], k == "returns"))
    return best if present[best] >= 2 else None


def _shown(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _validate_sheet(
    sheet: Sheet, file_name: str, result: ValidatedFile
) -> tuple[str, list[tuple[int, Any]]] | None:
    kind = _kind_of(sheet.header)
    label = sheet.name
    if kind is None:
        result.rejections.append(
            Issue(
                file_name,
                label,
                1,
                None,
                None,
                "cannot tell which kind of file this is: the header needs the columns of "
                "measures, returns, risks, comparators or events (see the templates)",
            )
        )
        result.rejected_rows.update((label, r) for r, _ in sheet.rows)
        return None
    result.detected[label] = kind
    spec = KINDS[kind]
    model = spec["model"]
    missing = [c for c in spec["required"] if c not in sheet.header]
    for column in missing:
        result.rejections.append(
            Issue(file_name, label, 1, column, None, f"required column '{column}' is missing")
        )
    known = set(model.model_fields)
    for column in sheet.header:
        if column and column not in known:
            result.warnings.append(
                Issue(file_name, label, 1, column, None, f"unknown column '{column}' was ignored")
            )
    if not sheet.rows and not missing:
        result.rejections.append(
            Issue(file_name, label, None, None, None, "the file has a header but no data rows")
        )
    if missing:
        result.rejected_rows.update((label, r) for r, _ in sheet.rows)
        return None
    good: list[tuple[int, Any]] = []
    for row_number, cells in sheet.rows:
        result.rows_total += 1
        try:
            good.append((row_number, model.model_validate(cells)))
        except ValidationError as exc:
            result.rejected_rows.add((label, row_number))
            for err in exc.errors(include_url=False):
                column = str(err["loc"][0]) if err["loc"] else None
                reason = err["msg"].removeprefix("Value error, ")
                if err["type"] == "missing":
                    reason = "is required and was blank"
                result.rejections.append(
                    Issue(file_name, label, row_number, column, _shown(cells.get(column)), reason)
                )
    return kind, good


def _catalogue(settings: Settings) -> pd.DataFrame:
    if not settings.db_path.exists():
        return pd.DataFrame(columns=["measure_id", "unit", "polarity"])
    from metrics.queries import measures

    with read_connection(settings.db_path) as con:
        return measures(con)[["measure_id", "unit", "polarity"]]


def validate_file(
    data: bytes,
    file_name: str,
    settings: Settings,
    extra_measures: pd.DataFrame | None = None,
) -> ValidatedFile:
    """Check every row of a file against the contract and the catalogue; write nothing."""
    result = ValidatedFile(file_name=file_name, sha256=sha256_of(data))
    try:
        sheets = read_sheets(data, file_name, int(settings.max_upload_mb * 1_000_000))
    except UnreadableFileError as exc:
        result.rejections.append(Issue(file_name, None, None, None, None, str(exc)))
        return result
    parsed: dict[str, list[tuple[str, int, Any]]] = {}
    for sheet in sheets:
        outcome = _validate_sheet(sheet, file_name, result)
        if outcome is None:
            continue
        kind, rows = outcome
        parsed.setdefault(kind, []).extend((sheet.name, n, row) for n, row in rows)

    catalogue = _catalogue(settings)
    frames_to_join = [catalogue]
    if extra_measures is not None:
        frames_to_join.append(extra_measures[["measure_id", "unit", "polarity"]])
    if "measures" in parsed:
        frames_to_join.append(
            pd.DataFrame(
                [(r.measure_id, r.unit, r.polarity) for _, _, r in parsed["measures"]],
                columns=["measure_id", "unit", "polarity"],
            )
        )
    nonempty = [f for f in frames_to_join if len(f)]
    known = (
        pd.concat(nonempty).drop_duplicates("measure_id", keep="last").set_index("measure_id")
        if nonempty
        else pd.DataFrame(columns=["unit", "polarity"])
    )

    for kind in _KIND_ORDER:
        rows = parsed.get(kind, [])
        if not rows:
            continue
        seen: dict[tuple[Any, ...], int] = {}
        keep: list[dict[str, Any]] = []
        for sheet_name, row_number, row in rows:
            problems = _row_rules(kind, row, known)
            key = tuple(getattr(row, k) for k in KINDS[kind]["key"])
            if key in seen:
                shown = ", ".join(
                    f"{k:%Y-%m}" if isinstance(k, dt.date) else str(k) for k in key if k != ""
                )
                problems.append(
                    (
                        KINDS[kind]["key"][0],
                        None,
                        f"duplicate of row {seen[key]} ({shown}) in this file",
                    )
                )
            else:
                seen[key] = row_number
            warnings = _row_warnings(kind, row, known)
            for column, value, reason in warnings:
                result.warnings.append(
                    Issue(file_name, sheet_name, row_number, column, value, reason)
                )
            if problems:
                result.rejected_rows.add((sheet_name, row_number))
                for column, value, reason in problems:
                    result.rejections.append(
                        Issue(file_name, sheet_name, row_number, column, value, reason)
                    )
            else:
                keep.append(row.model_dump())
        if keep:
            result.frames[kind] = pd.DataFrame(keep)
    result.rejections.sort(key=lambda i: (i.sheet or "", i.row or 0))
    return result


_NON_NEGATIVE = {"count", "days", "rate", "minutes"}


def _row_rules(kind: str, row: Any, known: pd.DataFrame) -> list[tuple[str, str | None, str]]:
    problems: list[tuple[str, str | None, str]] = []
    if kind == "events":
        return event_rules(row, known)
    if kind not in ("returns", "comparators"):
        return problems
    if row.measure_id not in known.index:
        problems.append(
            (
                "measure_id",
                row.measure_id,
                f"unknown measure_id '{row.measure_id}': add it to measures first",
            )
        )
        return problems
    unit = known.at[row.measure_id, "unit"]
    columns = ("actual", "target", "ytd_actual", "ytd_target") if kind == "returns" else ("value",)
    for column in columns:
        value = getattr(row, column)
        if value is None:
            continue
        if unit in _NON_NEGATIVE and value < 0:
            problems.append((column, f"{value:g}", f"cannot be negative for a {unit} measure"))
        if unit == "percent" and not 0 <= value <= 100:
            problems.append((column, f"{value:g}", "a percentage must be between 0 and 100"))
    return problems


def _row_warnings(kind: str, row: Any, known: pd.DataFrame) -> list[tuple[str, str | None, str]]:
    if kind != "returns" or row.measure_id not in known.index:
        return []
    if known.at[row.measure_id, "polarity"] == "monitoring_only" and row.target is not None:
        return [
            (
                "target",
                f"{row.target:g}",
                "target given for a monitoring-only measure: stored, but it sets no RAG status",
            )
        ]
    return []


# --- writing ---------------------------------------------------------------------------------

_VALUE_COLUMNS = {
    "measures": [
        "name",
        "priority_id",
        "director",
        "portfolio_holder",
        "frequency",
        "polarity",
        "unit",
        "tolerance",
        "tolerance_type",
        "description",
        "source",
        "key_measure",
    ],
    "returns": [
        "actual",
        "target",
        "ytd_actual",
        "ytd_target",
        "commentary",
        "improvement_plan",
        "timeframe",
        "finance_impact",
        "risk_impact",
    ],
    "risks": [
        "name",
        "description",
        "owner",
        "inherent_likelihood",
        "inherent_impact",
        "residual_likelihood",
        "residual_impact",
        "target_likelihood",
        "target_impact",
        "controls",
        "actions",
        "linked_measures",
    ],
    "comparators": ["value"],
    "events": ["process_change"],
    "priorities": ["name"],
}
_TABLE = {
    "measures": ("measures", ["measure_id"]),
    "returns": ("snapshots", ["measure_id", "period", "team"]),
    "risks": ("risk_assessments", ["risk_id", "period"]),
    "comparators": ("comparators", ["measure_id", "period", "comparator"]),
    "priorities": ("priorities", ["priority_id"]),
    "events": ("events", ["date", "measure_id", "label"]),
}


def _insert_versions(
    con: duckdb.DuckDBPyConnection, kind: str, frame: pd.DataFrame, load_id: int
) -> int:
    """Insert rows that are new or differ from the latest version; return how many."""
    table, key = _TABLE[kind]
    values = _VALUE_COLUMNS[kind]
    frame = frame[key + values].copy()
    for column in ("period", "date"):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column])
    con.register("incoming", frame)
    # Table and column names below are constants of this module, never user input.
    key_list = ", ".join(key)
    select_key = ", ".join(
        f"CAST(i.{k} AS DATE)" if k in ("period", "date") else f"i.{k}" for k in key
    )
    join = " AND ".join(
        f"c.{k} = CAST(i.{k} AS DATE)" if k in ("period", "date") else f"c.{k} = i.{k}" for k in key
    )
    changed = " OR ".join(f"i.{v} IS DISTINCT FROM c.{v}" for v in values)
    sql = f"""
        INSERT INTO {table} ({key_list}, version, load_id, {", ".join(values)})
        SELECT {select_key}, coalesce(c.version, 0) + 1, ?, {", ".join("i." + v for v in values)}
        FROM incoming i
        LEFT JOIN (
            SELECT * FROM {table}
            QUALIFY row_number() OVER (PARTITION BY {key_list} ORDER BY version DESC) = 1
        ) c ON {join}
        WHERE c.version IS NULL OR {changed}
    """  # noqa: S608
    con.execute(sql, [load_id]).fetchall()
    con.unregister("incoming")
    row = fetch_one(con, f"SELECT count(*) FROM {table} WHERE load_id = ?", [load_id])  # noqa: S608
    return int(row[0]) if row else 0


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


def commit(
    validated: ValidatedFile,
    settings: Settings,
    loaded_by: str,
    *,
    allow_partial: bool = False,
    loaded_at: dt.datetime | None = None,
) -> LoadResult:
    """Write one validated file as one load: all of it, or (if allowed) its valid rows only."""
    if validated.rejections and not (allow_partial and validated.rows_accepted):
        return LoadResult(
            "rejected",
            f"{validated.file_name}: {len(validated.rejections):,} problem(s) in "
            f"{validated.rows_rejected:,} row(s); nothing was loaded.",
        )
    earlier = previous_load_of(settings, validated.sha256)
    if earlier:
        return LoadResult(
            "duplicate",
            f"{validated.file_name} was already loaded on {earlier[1]:%d %b %Y %H:%M} "
            f"(load {earlier[0]}); nothing changed.",
            load_id=earlier[0],
        )
    with write_transaction(settings) as con:
        again = fetch_one(con, "SELECT load_id FROM loads WHERE sha256 = ?", [validated.sha256])
        if again:
            return LoadResult(
                "duplicate",
                f"{validated.file_name} was already loaded (load {again[0]}).",
                again[0],
            )
        next_id = fetch_one(con, "SELECT coalesce(max(load_id), 0) + 1 FROM loads")
        load_id = int(next_id[0]) if next_id else 1
        when = loaded_at or dt.datetime.now()
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
        written = 0
        for kind in validated.kinds:
            frame = validated.frames[kind]
            if kind == "measures":
                priorities = (
                    frame[["priority_id", "priority_name"]]
                    .drop_duplicates("priority_id", keep="last")
                    .rename(columns={"priority_name": "name"})
                )
                _insert_versions(con, "priorities", priorities, load_id)
            written += _insert_versions(con, kind, frame, load_id)
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
    record_event(settings, loaded_by, "load", f"load {load_id}: {validated.file_name}")
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


def load_files(
    paths: Iterable[tuple[str, bytes]],
    settings: Settings,
    loaded_by: str,
    *,
    loaded_at: dt.datetime | None = None,
) -> tuple[list[ValidatedFile], list[LoadResult]]:
    """Validate every file first (measures before returns), then load each only if all pass."""
    files = list(paths)
    checked: list[ValidatedFile] = []
    extra = None
    ordered = sorted(files, key=lambda f: 0 if b"polarity" in f[1][:2048].lower() else 1)
    for name, data in ordered:
        validated = validate_file(data, name, settings, extra_measures=extra)
        if "measures" in validated.frames:
            frame = validated.frames["measures"]
            extra = frame if extra is None else pd.concat([extra, frame])
        checked.append(validated)
    if any(not v.ok for v in checked):
        return checked, []
    return checked, [commit(v, settings, loaded_by, loaded_at=loaded_at) for v in checked]
