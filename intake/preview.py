"""What a load would do, row by row, before anything is written: the preview's truth.

Each row is new, restated (was → now), unchanged or refused, compared with the latest version
held; a row the loader normalised (a thousands separator, a team name's case) says so.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from intake.loader import _TABLE, _VALUE_COLUMNS, ValidatedFile
from settings.config import Settings
from store.database import read_connection

CLASSES = ("new", "restated", "unchanged", "refused", "normalised")


def _same(a: Any, b: Any) -> bool:
    if a is None or (isinstance(a, float) and pd.isna(a)):
        return b is None or (isinstance(b, float) and pd.isna(b))
    if b is None or (isinstance(b, float) and pd.isna(b)):
        return False
    if isinstance(a, pd.Timestamp | dt.date) or isinstance(b, pd.Timestamp | dt.date):
        return pd.Timestamp(a) == pd.Timestamp(b)
    return a == b


def _shown(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "blank"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,}"
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _held(settings: Settings, kind: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The latest held version of each incoming key (empty when nothing is held)."""
    table, key = _TABLE[kind]
    values = _VALUE_COLUMNS[kind]
    if not settings.db_path.exists():
        return pd.DataFrame(columns=[*key, *values])
    incoming = frame[key].drop_duplicates().copy()
    if "period" in incoming:
        incoming["period"] = pd.to_datetime(incoming["period"])
    with read_connection(settings.db_path) as con:
        held_columns = {
            r[0]
            for r in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [table]
            ).fetchall()
        }
        chosen = [v for v in values if v in held_columns]
        con.register("incoming_keys", incoming)
        join = " AND ".join(
            f"c.{k} = CAST(i.{k} AS DATE)" if k == "period" else f"c.{k} = i.{k}" for k in key
        )
        # Table and column names are constants of the loader, never user input.
        sql = f"""
            SELECT c.* FROM (
                SELECT {", ".join([*key, *chosen])} FROM {table}
                QUALIFY row_number() OVER (PARTITION BY {", ".join(key)} ORDER BY version DESC) = 1
            ) c JOIN incoming_keys i ON {join}
        """  # noqa: S608
        held = con.execute(sql).df()
        con.unregister("incoming_keys")
    for v in values:
        if v not in held:
            held[v] = None
    return held


def classify(validated: ValidatedFile, settings: Settings) -> pd.DataFrame:
    """One line per data row: Sheet, Row, Kind, Class, Change (was → now, or the reasons)."""
    lines: list[dict[str, Any]] = []
    notes: dict[tuple[str, int], list[str]] = {}
    for issue in validated.normalised:
        notes.setdefault((issue.sheet or "", issue.row or 0), []).append(
            f"{issue.column}: {issue.value} {issue.reason}"
        )
    for kind, frame in validated.frames.items():
        key = _TABLE[kind][1]
        values = _VALUE_COLUMNS[kind]
        held = _held(settings, kind, frame)
        lookup: dict[tuple[Any, ...], dict[str, Any]] = {}
        for record in held.to_dict("records"):
            lookup[tuple(_norm(record[k]) for k in key)] = record
        for record in frame.to_dict("records"):
            was = lookup.get(tuple(_norm(record[k]) for k in key))
            where = (str(record["_sheet"]), int(record["_row"]))
            if was is None:
                cls, change = "new", ""
            else:
                changed = [v for v in values if not _same(record.get(v), was.get(v))]
                if changed:
                    cls = "restated"
                    change = "; ".join(
                        f"{v}: was {_shown(was.get(v))}, now {_shown(record.get(v))}"
                        for v in changed
                    )
                else:
                    cls, change = "unchanged", ""
            note = "; ".join(notes.get(where, []))
            lines.append(
                {
                    "Sheet": where[0],
                    "Row": where[1],
                    "Kind": kind,
                    "Class": cls,
                    "Change": change,
                    "Normalised": note,
                }
            )
    reasons: dict[tuple[str, int], list[str]] = {}
    for issue in validated.rejections:
        if issue.row is not None and (issue.sheet or "", issue.row) in validated.rejected_rows:
            reasons.setdefault((issue.sheet or "", issue.row), []).append(
                f"{issue.column}: {issue.reason}" if issue.column else issue.reason
            )
    for sheet, row in sorted(validated.rejected_rows):
        lines.append(
            {
                "Sheet": sheet,
                "Row": row,
                "Kind": validated.detected.get(sheet, ""),
                "Class": "refused",
                "Change": "; ".join(reasons.get((sheet, row), [])),
                "Normalised": "",
            }
        )
    out = pd.DataFrame(lines, columns=["Sheet", "Row", "Kind", "Class", "Change", "Normalised"])
    return out.sort_values(["Sheet", "Row"], kind="stable").reset_index(drop=True)


def totals(classes: pd.DataFrame) -> dict[str, int]:
    """Rows per class; 'normalised' counts rows with a normalisation note, whatever their class."""
    counts = {c: int((classes["Class"] == c).sum()) for c in CLASSES[:4]}
    counts["normalised"] = int((classes["Normalised"] != "").sum())
    return counts


def _norm(value: Any) -> Any:
    if isinstance(value, pd.Timestamp | dt.datetime):
        return dt.date(value.year, value.month, value.day)
    return value
