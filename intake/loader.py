"""The one loader behind the Data page and `python -m cli load`.

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
import numpy as np
import pandas as pd
from pydantic import ValidationError

from intake.event_fields import event_rules
from intake.models import KINDS, MAX_TEXT, value_columns_of
from intake.numbers import parse_figure, unit_problem
from intake.plan_rules import KnownIds, known_ids, row_problems
from intake.reader import FormulaWithoutValue, MergedValue, Sheet, UnreadableFileError, read_sheets
from intake.templates import is_template_example
from metrics.cadence import months_words, resolve
from metrics.periods import month_label, period_key, stamp_label
from settings import access
from settings.config import Settings
from store.audit import record_event
from store.database import read_connection, write_transaction
from store.schema import fetch_one

_KIND_ORDER = (
    "measures",
    "risks",
    "workstreams",
    "actions",
    "returns",
    "comparators",
    "priority_statuses",
    "waiting_lists",
    "finance",
    "events",
)
_MARKER_ORDER = (
    "events",
    "priority_statuses",
    "actions",
    "workstreams",
    "risks",
    "comparators",
    "waiting_lists",
    "finance",
    "measures",
    "returns",
)


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
    normalised: list[Issue] = field(default_factory=list)
    skipped_sheets: list[str] = field(default_factory=list)

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
                months = pd.to_datetime(frame["period"].drop_duplicates())
                found.update(period_key(p) for p in months)
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
    if isinstance(value, FormulaWithoutValue):
        value = value.formula
    elif isinstance(value, MergedValue):
        value = value.value
    if value is None:
        return None
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _sheet_kind(sheet: Sheet, file_name: str, result: ValidatedFile) -> str | None:
    """The sheet's kind, checking its header; None (rows refused) when it cannot be loaded."""
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
                "measures, returns, risks, comparators, actions, workstreams, priority statuses, waiting lists, finance or events (see the templates)",
            )
        )
        result.rejected_rows.update((label, r) for r, _ in sheet.rows)
        return None
    result.detected[label] = kind
    spec = KINDS[kind]
    missing = [c for c in spec["required"] if c not in sheet.header]
    for column in missing:
        result.rejections.append(
            Issue(file_name, label, 1, column, None, f"required column '{column}' is missing")
        )
    known = set(spec["model"].model_fields)
    for column in sheet.header:
        if column and column not in known:
            result.warnings.append(
                Issue(file_name, label, 1, column, None, f"unknown column '{column}' was ignored")
            )
    if missing:
        result.rejected_rows.update((label, r) for r, _ in sheet.rows)
        return None
    return kind


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


def _check_sheet(
    sheet: Sheet,
    kind: str,
    file_name: str,
    context: RowContext,
    result: ValidatedFile,
    accepted: _Accepted,
    links: KnownIds | None = None,
) -> None:
    """Validate, apply the rules to and keep or refuse each row of one sheet, as it is read.

    `links` are the ids an action or workstream row may point at (None for other kinds).
    """
    model = KINDS[kind]["model"]
    key_columns = KINDS[kind]["key"]
    label = sheet.name
    comma_risk = sheet.delimiter != ","
    validation_context = {"comma_risk": comma_risk}
    rows_seen = 0
    for row_number, cells in sheet.rows:
        rows_seen += 1
        result.rows_total += 1
        try:
            row = model.model_validate(cells, context=validation_context)
        except ValidationError as exc:
            result.rejected_rows.add((label, row_number))
            for err in exc.errors(include_url=False):
                column = str(err["loc"][0]) if err["loc"] else None
                reason = err["msg"].removeprefix("Value error, ")
                if err["type"] == "missing":
                    reason = "is required and was blank"
                result.rejections.append(
                    Issue(
                        file_name,
                        label,
                        row_number,
                        column,
                        _shown(cells.get(column) if column else None),
                        reason,
                    )
                )
            continue
        notes: list[tuple[str, str | None, str]] = []
        row, problems = _row_rules(kind, row, cells, context, notes, comma_risk)
        if links is not None and not is_template_example(kind, cells):
            problems += row_problems(kind, row, links)
        key = tuple(getattr(row, k) for k in key_columns)
        if key in accepted.seen:
            shown = ", ".join(
                period_key(k) if isinstance(k, dt.date) else str(k) for k in key if k != ""
            )
            problems.append(
                (
                    key_columns[0],
                    None,
                    f"duplicate of row {accepted.seen[key]} ({shown}) in this file",
                )
            )
        else:
            accepted.seen[key] = row_number
        for column, value, reason in _row_warnings(kind, row, context.known):
            result.warnings.append(Issue(file_name, label, row_number, column, value, reason))
        if problems:
            result.rejected_rows.add((label, row_number))
            for column, value, reason in problems:
                result.rejections.append(Issue(file_name, label, row_number, column, value, reason))
            continue
        for column, value, reason in notes:
            result.normalised.append(Issue(file_name, label, row_number, column, value, reason))
        values = dict(row.__dict__)
        values["_sheet"] = label
        values["_row"] = row_number
        accepted.add(values)
    if rows_seen == 0:
        result.rejections.append(
            Issue(file_name, label, None, None, None, "the file has a header but no data rows")
        )


_CATALOGUE_COLUMNS = ["measure_id", "unit", "polarity", "frequency", "reporting_months"]


def _catalogue(settings: Settings) -> pd.DataFrame:
    """The latest definition of every measure held, with its cadence (blank = usual months)."""
    if not settings.db_path.exists():
        return pd.DataFrame(columns=_CATALOGUE_COLUMNS)
    with read_connection(settings.db_path) as con:
        held = {
            r[0]
            for r in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = 'measures'"
            ).fetchall()
        }
        months = "reporting_months" if "reporting_months" in held else "NULL AS reporting_months"
        frame = con.execute(
            f"SELECT measure_id, unit, polarity, frequency, {months} FROM measures "  # noqa: S608
            "QUALIFY row_number() OVER (PARTITION BY measure_id ORDER BY version DESC) = 1"
        ).df()
    return frame[_CATALOGUE_COLUMNS]


def _teams(settings: Settings) -> dict[str, str]:
    """Team names held, keyed ignoring case and spaces, so 'north  east' maps to 'North East'."""
    if not settings.db_path.exists():
        return {}
    with read_connection(settings.db_path) as con:
        rows = con.execute(
            "SELECT team, count(*) AS n FROM snapshots WHERE team <> '' GROUP BY team "
            "ORDER BY n DESC, team"
        ).fetchall()
    found: dict[str, str] = {}
    for team, _ in rows:
        found.setdefault(team_key(str(team)), str(team))
    return found


def team_key(name: str) -> str:
    """A team name with case and spacing ignored."""
    return "".join(name.split()).casefold()


def validate_file(
    data: bytes,
    file_name: str,
    settings: Settings,
    extra_measures: pd.DataFrame | None = None,
) -> ValidatedFile:
    """Check every row of a file against the contract and the catalogue; write nothing.

    A file whose structure is doubtful (found while its rows are read) is refused whole.
    """
    result = ValidatedFile(file_name=file_name, sha256=sha256_of(data))
    try:
        sheets = read_sheets(
            data, file_name, int(settings.max_upload_mb * 1_000_000), settings.max_rows
        )
        _check_sheets(sheets, file_name, settings, extra_measures, result)
    except UnreadableFileError as exc:
        refused = ValidatedFile(file_name=file_name, sha256=result.sha256)
        refused.rejections.append(Issue(file_name, None, None, None, None, str(exc)))
        return refused
    result.rejections.sort(key=lambda i: (i.sheet or "", i.row or 0))
    return result


def _check_sheets(
    sheets: list[Sheet],
    file_name: str,
    settings: Settings,
    extra_measures: pd.DataFrame | None,
    result: ValidatedFile,
) -> None:
    for sheet in sheets:
        for hidden in sheet.skipped_sheets:
            result.skipped_sheets.append(hidden)
            result.warnings.append(
                Issue(file_name, hidden, None, None, None, "hidden sheet: not read")
            )
    kinds = [(sheet, _sheet_kind(sheet, file_name, result)) for sheet in sheets]
    loadable = sorted(
        ((sheet, kind) for sheet, kind in kinds if kind is not None),
        key=lambda pair: _KIND_ORDER.index(pair[1]),
    )
    catalogue = _catalogue(settings)
    held_ids = {str(m).casefold(): str(m) for m in catalogue["measure_id"]}
    frames_to_join = [catalogue]
    if extra_measures is not None:
        frames_to_join.append(extra_measures.reindex(columns=_CATALOGUE_COLUMNS))
    context = _context(frames_to_join, held_ids, {})
    accepted: dict[str, _Accepted] = {}
    joined = False
    for sheet, kind in loadable:
        if kind != "measures" and "measures" in accepted and not joined:
            # Measures defined in this same file are known to the rows that follow them.
            frames_to_join.append(accepted["measures"].frame().reindex(columns=_CATALOGUE_COLUMNS))
            context = _context(frames_to_join, held_ids, {})
            joined = True
        if kind == "returns" and not context.teams:
            context = RowContext(context.known, context.held_ids, context.by_case, _teams(settings))
        columns: dict[str, list[Any]] = {
            name: [] for name in [*KINDS[kind]["model"].model_fields, "_sheet", "_row"]
        }
        bucket = accepted.setdefault(kind, _Accepted(columns))
        links = None
        if kind in ("workstreams", "actions"):
            links = known_ids(
                settings.db_path,
                context.known,
                _accepted_ids(accepted, "risks", "risk_id"),
                _accepted_ids(accepted, "workstreams", "workstream_id"),
            )
        _check_sheet(sheet, kind, file_name, context, result, bucket, links)
    for kind, bucket in accepted.items():
        if bucket.columns["_row"]:
            result.frames[kind] = bucket.frame()


def _accepted_ids(accepted: dict[str, _Accepted], kind: str, column: str) -> list[str]:
    """Ids of one kind accepted so far in this file (links may point at them)."""
    return list(accepted[kind].columns[column]) if kind in accepted else []


def _context(
    frames: list[pd.DataFrame], held_ids: dict[str, str], teams: dict[str, str]
) -> RowContext:
    """The catalogue as the rules need it: unit, polarity, frequency and months per measure."""
    nonempty = [f for f in frames if len(f)]
    known = (
        pd.concat(nonempty).drop_duplicates("measure_id", keep="last").set_index("measure_id")
        if nonempty
        else pd.DataFrame(columns=_CATALOGUE_COLUMNS[1:])
    )
    facts: dict[str, tuple[str, str, str, tuple[int, ...]]] = {}
    for measure_id, unit, polarity, frequency, written in known[
        ["unit", "polarity", "frequency", "reporting_months"]
    ].itertuples():
        try:
            months = resolve(str(frequency), None if pd.isna(written) else str(written))
        except (ValueError, KeyError):
            months = tuple(range(1, 13))
        facts[str(measure_id)] = (str(unit), str(polarity), str(frequency), months)
    return RowContext(
        known=facts,
        held_ids=held_ids,
        by_case={str(m).casefold(): str(m) for m in known.index},
        teams=teams,
    )


@dataclass(frozen=True)
class RowContext:
    """What the row rules check against: the catalogue, ids held, and team spellings held."""

    known: dict[str, tuple[str, str, str, tuple[int, ...]]]  # unit, polarity, frequency, months
    held_ids: dict[str, str]
    by_case: dict[str, str]
    teams: dict[str, str]


_NON_NEGATIVE = {"count", "days", "rate", "minutes"}


_FIGURE_COLUMNS = {
    "returns": ("actual", "target", "ytd_actual", "ytd_target"),
    "comparators": ("value",),
}


def _row_rules(
    kind: str,
    row: Any,
    cells: dict[str, Any],
    context: RowContext,
    notes: list[tuple[str, str | None, str]],
    comma_risk: bool = False,
) -> tuple[Any, list[tuple[str, str | None, str]]]:
    """The rules that need the catalogue; returns the row (team spelling mapped) and problems."""
    problems: list[tuple[str, str | None, str]] = []
    if is_template_example(kind, cells):
        problems.append(
            (
                KINDS[kind]["key"][0],
                _shown(cells.get(KINDS[kind]["key"][0])),
                "this is the template's example row, not a real figure: delete it",
            )
        )
        return row, problems
    if kind == "events":
        return row, event_rules(row, context.known)
    if kind == "measures":
        held = context.held_ids.get(row.measure_id.casefold())
        if held is not None and held != row.measure_id:
            problems.append(
                (
                    "measure_id",
                    row.measure_id,
                    f"differs only in case from the measure held as '{held}': use '{held}' exactly",
                )
            )
        return row, problems
    if kind not in _FIGURE_COLUMNS:
        return row, problems
    known = context.known
    if row.measure_id not in known:
        same = context.by_case.get(row.measure_id.casefold())
        if same is not None:
            reason = (
                f"unknown measure_id '{row.measure_id}': the catalogue has '{same}' (ids must "
                "match exactly, including case)"
            )
        else:
            reason = f"unknown measure_id '{row.measure_id}': add it to measures first"
        problems.append(("measure_id", row.measure_id, reason))
        return row, problems
    unit, _, frequency, months = known[row.measure_id]
    for column in _FIGURE_COLUMNS[kind]:
        value = getattr(row, column)
        if value is None:
            continue
        written = cells.get(column)
        figure = parse_figure(written, comma_is_delimiter_risk=comma_risk)
        problem = unit_problem(figure, unit, written) if figure is not None else None
        if problem:
            problems.append((column, _shown(written), problem))
            continue
        if figure is not None and figure.thousands:
            notes.append((column, _shown(written), f"read as {value:g} (thousands separator)"))
        if unit in _NON_NEGATIVE and value < 0:
            problems.append((column, f"{value:g}", f"cannot be negative for a {unit} measure"))
        if unit == "percent" and not 0 <= value <= 100:
            problems.append((column, f"{value:g}", "a percentage must be between 0 and 100"))
    if kind == "returns":
        if row.period.month not in months:
            problems.append(
                (
                    "period",
                    period_key(row.period),
                    f"{month_label(row.period)} is not a reporting month of {row.measure_id}, "
                    f"{'an' if frequency[:1] in 'aeiou' else 'a'} {frequency} measure reported in {months_words(months)}: check the "
                    "period, or the measure's reporting_months",
                )
            )
        if row.team:
            held_team = context.teams.get(team_key(row.team))
            if held_team is not None and held_team != row.team:
                notes.append(("team", row.team, f"read as the team held as '{held_team}'"))
                row = row.model_copy(update={"team": held_team})
    return row, problems


def _row_warnings(
    kind: str, row: Any, known: dict[str, tuple[str, str, str, tuple[int, ...]]]
) -> list[tuple[str, str | None, str]]:
    if kind != "returns" or row.measure_id not in known:
        return []
    if known[row.measure_id][1] == "monitoring_only" and row.target is not None:
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
        "reporting_months",
        "effective_from",
        "replaces",
        "quality_statements",
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
        "reported_status",
        "reported_ytd_status",
        "status_note",
        "no_data_reason",
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
    "priority_statuses": ["priority_status", "status_note"],
    "workstreams": ["name", "lead", "description", "quality_statements", "success_measures"],
    "actions": [
        "title",
        "workstream_id",
        "owner",
        "raised",
        "due",
        "status",
        "progress_note",
        "escalated_to",
        "closed_on",
        "linked_measures",
        "linked_risks",
        "quality_statements",
    ],
    "waiting_lists": [
        "waiting_list_name",
        "waiting_role",
        "band_from_days",
        "band_to_days",
        "breakdown",
    ],
    "finance": value_columns_of("finance"),
}
_TABLE = {
    "measures": ("measures", ["measure_id"]),
    "returns": ("snapshots", ["measure_id", "period", "team"]),
    "risks": ("risk_assessments", ["risk_id", "period"]),
    "comparators": ("comparators", ["measure_id", "period", "comparator"]),
    "priorities": ("priorities", ["priority_id"]),
    "priority_statuses": ("priority_statuses", ["priority_id", "period"]),
    "workstreams": ("workstreams", ["workstream_id"]),
    "actions": ("actions", ["action_id"]),
    "waiting_lists": ("waiting_lists", ["waiting_list", "measure_id"]),
    "finance": ("finance", ["service_area", "period"]),
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


def _refusal(validated: ValidatedFile, allow_partial: bool) -> LoadResult | None:
    if validated.rejections and not (allow_partial and validated.rows_accepted):
        return LoadResult(
            "rejected",
            f"{validated.file_name}: {len(validated.rejections):,} problem(s) in "
            f"{validated.rows_rejected:,} row(s); nothing was loaded.",
        )
    return None


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
    if all(previous_load_of(settings, v.sha256) for v in files):
        results = []
        for v in files:
            earlier = previous_load_of(settings, v.sha256)
            assert earlier is not None
            results.append(
                LoadResult(
                    "duplicate",
                    f"{v.file_name} was already loaded on {stamp_label(earlier[1])} "
                    f"(load {earlier[0]}); nothing changed.",
                    load_id=earlier[0],
                )
            )
        return results
    when = loaded_at or dt.datetime.now()
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
) -> LoadResult:
    """Write one validated file as one load: all of it, or (if allowed) its valid rows only."""
    return commit_all(
        [validated], settings, loaded_by, allow_partial=allow_partial, loaded_at=loaded_at
    )[0]


def load_files(
    paths: Iterable[tuple[str, bytes]],
    settings: Settings,
    loaded_by: str,
    *,
    loaded_at: dt.datetime | None = None,
) -> tuple[list[ValidatedFile], list[LoadResult]]:
    """Validate every file first (measures before returns), then load all in one transaction."""
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
    return checked, commit_all(checked, settings, loaded_by, loaded_at=loaded_at)
