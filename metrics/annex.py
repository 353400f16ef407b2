"""Annex A: every measure reporting in a period, grouped by priority, in the council's columns.

One builder for the page, the PDF section and the Excel sheet, so the three cannot differ.
Statuses are the status used (reported where given); where the rule disagrees, the row says so.
"""

from __future__ import annotations

import pandas as pd

from metrics.formatting import format_value
from metrics.reported import disagreement
from metrics.vocab import status_label

#: The council's Annex A columns, in its order: (label, source column).
ANNEX_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Measure", "measure"),
    ("Director", "director"),
    ("Portfolio holder", "portfolio_holder"),
    ("Comment", "commentary"),
    ("Improvement plan", "improvement_plan"),
    ("Timeframe", "timeframe"),
    ("Finance impact", "finance_impact"),
    ("Risk impact", "risk_impact"),
    ("Period actual", "actual"),
    ("Period target", "target"),
    ("Status", "status"),
    ("YTD actual", "ytd_actual"),
    ("YTD target", "ytd_target"),
    ("YTD status", "ytd_status"),
)
#: After the council's columns: why a reported status differs from the rule.
NOTE_COLUMN = "Status note"
TEXT_COLUMNS = ("Comment", "Improvement plan", "Timeframe", "Finance impact", "Risk impact")
NUMBER_COLUMNS = ("Period actual", "Period target", "YTD actual", "YTD target")
STATUS_COLUMNS = ("Status", "YTD status")
STATUS_COLUMNS_SOURCE = ("status", "ytd_status")


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) and value.strip() else ""


def _status(value: object) -> str:
    return status_label(value) if isinstance(value, str) else "–"


def status_note(row: pd.Series) -> str:
    """The disagreement(s) between reported and computed status for one row, or ''."""
    parts = [
        disagreement(
            row.get("reported_status"), row.get("computed_status"), row.get("status_note")
        ),
        disagreement(
            row.get("reported_ytd_status"), row.get("computed_ytd_status"), None, ytd=True
        ),
    ]
    return " · ".join(p for p in parts if p)


def annex_table(reporting: pd.DataFrame, *, numbers: bool = False) -> pd.DataFrame:
    """One row per measure: priority keys, then the Annex A columns and the status note.

    `numbers=True` keeps actuals and targets as numbers (Excel); otherwise they are shown in
    UK formats with their units (`76.0%`, `£2.1m`).
    """
    rows = reporting.sort_values(["priority_id", "measure_id"]).reset_index(drop=True)
    out = pd.DataFrame(
        {
            "priority_id": rows["priority_id"].astype(object),
            "priority_name": rows["priority_name"].astype(object),
            "measure_id": rows["measure_id"].astype(object),
        }
    )
    for label, column in ANNEX_COLUMNS:
        if column == "measure":
            out[label] = (rows["measure_id"] + " " + rows["name"].fillna("")).str.strip()
        elif column in STATUS_COLUMNS_SOURCE:
            out[label] = [_status(s) for s in rows[column]]
        elif column in ("actual", "target", "ytd_actual", "ytd_target"):
            values = pd.to_numeric(rows[column], errors="coerce")
            out[label] = (
                values.astype(object).where(values.notna(), None)
                if numbers
                else [format_value(x, u) for x, u in zip(values, rows["unit"], strict=True)]
            )
        else:
            source = rows[column] if column in rows else pd.Series(None, index=rows.index)
            out[label] = [_text(x) for x in source]
    out[NOTE_COLUMN] = [status_note(r) for _, r in rows.iterrows()]
    return out


def split_names(cell: object) -> list[str]:
    """The people named in a director cell, which may list several separated by ';'."""
    if not isinstance(cell, str):
        return []
    return [name.strip() for name in cell.split(";") if name.strip()]


def directors_in(table: pd.DataFrame) -> list[str]:
    """Every director named in the table, each once, alphabetically."""
    return sorted({name for cell in table["Director"] for name in split_names(cell)})


def filter_annex(
    table: pd.DataFrame,
    *,
    priorities: list[str] | None = None,
    directors: list[str] | None = None,
    statuses: list[str] | None = None,
    query: str = "",
) -> pd.DataFrame:
    """Rows for the chosen priorities, directors and statuses whose text has every query word."""
    keep = pd.Series(True, index=table.index)
    if priorities:
        keep &= table["priority_id"].isin(priorities)
    if directors:  # a cell may name several ("Lisa Lyons; Stephen Chandler")
        chosen = set(directors)
        keep &= table["Director"].map(lambda cell: bool(chosen & set(split_names(cell))))
    if statuses:
        keep &= table["Status"].isin([status_label(s) for s in statuses])
    words = [w for w in query.lower().split() if w]
    if words:
        text = table[[label for label, _ in ANNEX_COLUMNS] + [NOTE_COLUMN]].astype(str)
        haystack = text.agg(" ".join, axis=1).str.lower()
        for word in words:
            keep &= haystack.str.contains(word, regex=False)
    return table[keep]


def annex_groups(table: pd.DataFrame) -> list[tuple[str, str, pd.DataFrame]]:
    """(priority id, priority name, its rows with only the display columns), in priority order."""
    shown = [label for label, _ in ANNEX_COLUMNS] + [NOTE_COLUMN]
    return [
        (str(pid), str(group["priority_name"].iloc[0]), group[shown].reset_index(drop=True))
        for pid, group in table.groupby("priority_id", sort=True)
    ]
