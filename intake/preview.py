"""What a load would do, row by row, before anything is written: the preview's truth.

Each row is new, restated (was → now), unchanged or refused, by the same comparison with the
latest version held that the insert uses (intake.changes), so the preview and the load agree;
a row the loader normalised (a thousands separator, a team name's case) says so.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from intake.changes import compare
from intake.kinds import KINDS
from intake.validated import ValidatedFile
from settings.config import Settings
from store.database import read_connection

CLASSES = ("new", "restated", "unchanged", "refused", "normalised")
COLUMNS = ["Sheet", "Row", "Kind", "Class", "Change", "Normalised"]


def _shown(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return "blank"
    if isinstance(value, float):
        return f"{value:,.0f}" if value.is_integer() else f"{value:,}"
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d}"
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _compared(validated: ValidatedFile, settings: Settings) -> dict[str, pd.DataFrame]:
    """Each kind's rows classed against the database (every row new when there is none)."""
    if not settings.db_path.exists():
        return {
            kind: frame.assign(_class="new", _version=1) for kind, frame in validated.frames.items()
        }
    with read_connection(settings.db_path) as con:
        return {
            kind: compare(con, KINDS[kind].stored, frame)
            for kind, frame in validated.frames.items()
        }


def _change(record: dict[str, Any], values: tuple[str, ...]) -> str:
    return "; ".join(
        f"{v}: was {_shown(record.get(f'was_{v}'))}, now {_shown(record.get(v))}"
        for v in values
        if record.get(f"changed_{v}") is True
    )


def classify(validated: ValidatedFile, settings: Settings) -> pd.DataFrame:
    """One line per data row: Sheet, Row, Kind, Class, Change (was → now, or the reasons)."""
    lines: list[dict[str, Any]] = []
    notes: dict[tuple[str, int], list[str]] = {}
    for issue in validated.normalised:
        notes.setdefault((issue.sheet or "", issue.row or 0), []).append(
            f"{issue.column}: {issue.value} {issue.reason}"
        )
    for kind, compared in _compared(validated, settings).items():
        values = KINDS[kind].value_columns
        for record in compared.to_dict("records"):
            where = (str(record["_sheet"]), int(record["_row"]))
            cls = str(record["_class"])
            lines.append(
                {
                    "Sheet": where[0],
                    "Row": where[1],
                    "Kind": kind,
                    "Class": cls,
                    "Change": _change(record, values) if cls == "restated" else "",
                    "Normalised": "; ".join(notes.get(where, [])),
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
    out = pd.DataFrame(lines, columns=COLUMNS)
    return out.sort_values(["Sheet", "Row"], kind="stable").reset_index(drop=True)


def totals(classes: pd.DataFrame) -> dict[str, int]:
    """Rows per class; 'normalised' counts rows with a normalisation note, whatever their class."""
    counts = {c: int((classes["Class"] == c).sum()) for c in CLASSES[:4]}
    counts["normalised"] = int((classes["Normalised"] != "").sum())
    return counts
