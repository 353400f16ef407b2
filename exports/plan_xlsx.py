"""Workbooks for the improvement plan and the CQC self-assessment evidence pack.

Same cell rules as the board pack workbook (exports.xlsx.write_frame): typed cells, frozen
header with a filter, status cells coloured, text neutralised against formula injection.
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from openpyxl import Workbook

from exports.xlsx import about_sheet, write_frame
from metrics.periods import day_long, stamp_long
from plan.evidence import Evidence
from plan.quality import ASSESSMENT, OVERALL_RATING, OVERALL_SOURCE

_STATUS = ("Status", "Rating")


def _about(book: Workbook, title: str, lines: list[tuple[str, str]], demo: bool) -> None:
    sheet = book.active
    sheet.title = "About"
    about_sheet(sheet, title, lines, demo)


def _save(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def plan_xlsx(
    summary: pd.DataFrame,
    actions: pd.DataFrame,
    measures: pd.DataFrame,
    history: pd.DataFrame,
    on: dt.date,
    *,
    demo: bool,
) -> bytes:
    """About, Workstreams, Actions, Success measures and every action's history."""
    book = Workbook()
    _about(
        book,
        "Improvement plan 2025–27",
        [
            ("Actions as held on", day_long(on)),
            ("Overdue", "Due before that date and neither complete nor closed."),
            ("Produced", stamp_long(dt.datetime.now())),
        ],
        demo,
    )
    for name, frame in (
        ("Workstreams", summary),
        ("Actions", actions),
        ("Success measures", measures.drop(columns=["Trend"], errors="ignore")),
        ("Action history", history),
    ):
        write_frame(book.create_sheet(name), frame, status_columns=_STATUS)
    return _save(book)


def evidence_xlsx(
    summary: pd.DataFrame, items: list[Evidence], on: dt.date, *, demo: bool
) -> bytes:
    """About, Summary, then one sheet each of measures, actions and risks by statement."""
    book = Workbook()
    _about(
        book,
        "CQC self-assessment evidence pack",
        [
            ("Assessment", f"{ASSESSMENT}; overall rating {OVERALL_RATING} ({OVERALL_SOURCE})."),
            ("Evidence held on", day_long(on)),
            ("Produced", stamp_long(dt.datetime.now())),
        ],
        demo,
    )
    write_frame(book.create_sheet("Summary"), summary, status_columns=_STATUS)
    for label, attr in (("Measures", "measures"), ("Actions", "actions"), ("Risks", "risks")):
        frames = [
            getattr(e, attr).assign(**{"Quality statement": e.statement.name})
            for e in items
            if len(getattr(e, attr))
        ]
        frame = pd.concat(frames) if frames else pd.DataFrame(columns=["Quality statement"])
        frame = frame[
            ["Quality statement", *[c for c in frame.columns if c != "Quality statement"]]
        ]
        write_frame(book.create_sheet(label), frame.reset_index(drop=True), status_columns=_STATUS)
    return _save(book)
