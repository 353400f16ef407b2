"""PDFs of the plan pages: the one-page "This week", the improvement plan section of the
board pack, and the CQC self-assessment evidence pack.

Reuses the board pack's fpdf2 class (DejaVu fonts for £ – ★ ● ▲, running header and footer,
the illustrative-data mark) through a small stand-in for the pack's header fields.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from exports.pack import DEMO_WARNING
from exports.pdf import CONTENT_W, FONT, MARGIN, MUTED, PAGE_H, PAGE_W, WARN_EDGE, PackPDF
from metrics.periods import day_label, day_long, day_month
from plan.evidence import Evidence
from plan.quality import ASSESSMENT, OVERALL_RATING, SCORE_MEANING
from plan.service import judged_on, load_plan
from plan.tables import workstream_pages, workstream_summary
from plan.this_week import WeekDigest
from settings.config import Settings
from store.service import Dataset


@dataclass(frozen=True)
class _Header:
    """The fields PackPDF's header and footer read from a pack."""

    period_long: str
    period_short: str
    scope: str
    demo: bool
    as_reported: str


def _pdf(title: str, short: str, scope: str, demo: bool, note: str) -> PackPDF:
    pdf = PackPDF(_Header(title, short, scope, demo, note))  # type: ignore[arg-type]
    pdf.set_title(title)
    pdf.set_subject(title)
    return pdf


def _cells(values: Sequence[object]) -> list[str]:
    return [
        str(v) if v is not None and not (isinstance(v, float) and pd.isna(v)) else "–"
        for v in values
    ]


def _frame_table(
    pdf: PackPDF, frame: pd.DataFrame, widths: Sequence[float], size: float = 8
) -> None:
    if frame.empty:
        pdf.paragraph("None.", size=size)
        pdf.ln(1)
        return
    total = sum(widths)
    scaled = [w * CONTENT_W / total for w in widths]
    pdf.table_from(
        list(frame.columns),
        [_cells(r) for r in frame.itertuples(index=False)],
        scaled,
        status_cols=[i for i, c in enumerate(frame.columns) if c in ("Status", "Rating")],
        size=size,
    )


# --- This week, on one page ------------------------------------------------------------------

_LINE = 3.6
_COLUMN_W = (CONTENT_W - 6) / 2
_BOTTOM = PAGE_H - MARGIN - 8
_PER_SECTION = 6


def week_pdf(digest: WeekDigest, tables: dict[str, pd.DataFrame], *, demo: bool) -> bytes:
    """One A4 landscape page: each list in two columns, at most six lines each, with a count."""
    pdf = _pdf(
        f"This week: {day_month(digest.since)} to {day_label(digest.until)}",
        f"This week to {day_label(digest.until)}",
        "Meaningful Measures meeting",
        demo,
        f"Loads from {day_label(digest.since)} to {day_label(digest.until)}",
    )
    pdf.set_auto_page_break(auto=False)
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.cell(
        CONTENT_W,
        8,
        f"This week — Meaningful Measures meeting, {day_long(digest.until)}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font(FONT, "", 8.5)
    pdf.set_text_color(MUTED)
    line = (
        f"Changes loaded {day_label(digest.since)} – {day_label(digest.until)}; actions due in the "
        f"14 days to {day_label(digest.until + dt.timedelta(days=14))}."
    )
    if demo:
        line += " ILLUSTRATIVE DATA: do not quote."
    pdf.cell(CONTENT_W, 5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color("#0b0c0c")
    top = pdf.get_y() + 2
    x, y = MARGIN, top
    for name, table in tables.items():
        needed = _LINE * (2 + min(len(table), _PER_SECTION) + (len(table) > _PER_SECTION))
        if y + needed > _BOTTOM and x == MARGIN:
            x, y = MARGIN + _COLUMN_W + 6, top
        if y + _LINE * 2 > _BOTTOM:
            break
        pdf.set_xy(x, y)
        pdf.set_font(FONT, "B", 8.5)
        pdf.cell(_COLUMN_W, _LINE + 0.8, f"{name} ({len(table):,})")
        y += _LINE + 1
        pdf.set_font(FONT, "", 7)
        rows = list(table.itertuples(index=False))
        if not rows:
            pdf.set_xy(x + 2, y)
            pdf.set_text_color(MUTED)
            pdf.cell(_COLUMN_W - 2, _LINE, "None.")
            pdf.set_text_color("#0b0c0c")
            y += _LINE
        for r in rows[:_PER_SECTION]:
            if y + _LINE > _BOTTOM:
                break
            full = " · ".join(c for c in _cells(r) if c != "–")
            text = full
            while pdf.get_string_width(text + "…") > _COLUMN_W - 3 and len(text) > 10:
                text = text[:-1]
            pdf.set_xy(x + 2, y)
            pdf.cell(_COLUMN_W - 2, _LINE, text if text == full else text.rstrip() + "…")
            y += _LINE
        if len(rows) > _PER_SECTION and y + _LINE <= _BOTTOM:
            pdf.set_xy(x + 2, y)
            pdf.set_text_color(MUTED)
            pdf.cell(
                _COLUMN_W - 2,
                _LINE,
                f"…and {len(rows) - _PER_SECTION:,} more on the This week page.",
            )
            pdf.set_text_color("#0b0c0c")
            y += _LINE
        y += 1.5
    return bytes(pdf.output())


# --- Improvement plan (board pack section) ---------------------------------------------------


def plan_section(
    pdf: PackPDF,
    summary: pd.DataFrame,
    workstreams: list[tuple[str, str, pd.DataFrame, pd.DataFrame]],
    on: dt.date,
) -> None:
    """The improvement plan pages: the summary table, then each workstream's measures and actions."""
    pdf.new_page()
    pdf.heading("Improvement plan 2025–27")
    pdf.paragraph(
        f"Actions as held on {day_long(on)}. Overdue means due before that date and neither "
        "complete nor closed. Status is shape and word: ○ Not started, ★ On track, ● At risk, "
        "▲ Off track, ✓ Complete, ■ Closed.",
        size=9,
    )
    pdf.ln(2)
    _frame_table(pdf, summary, [12, 40, 36, 12, 16, 10, 14, 12, 12, 60], size=7.5)
    for title, lead, measures, actions in workstreams:
        pdf.add_page()
        pdf.heading(title, level=1)
        pdf.paragraph(lead, size=9)
        pdf.ln(1)
        pdf.paragraph("Success measures", size=10, style="B")
        _frame_table(
            pdf,
            measures.drop(columns=["Trend"], errors="ignore"),
            [14, 60, 14, 16, 18, 18, 20],
            size=7.5,
        )
        pdf.paragraph("Actions", size=10, style="B")
        _frame_table(
            pdf,
            actions[["Action", "Title", "Owner", "Due", "Status", "Overdue", "Escalated to"]],
            [12, 60, 36, 16, 16, 20, 30],
            size=7.5,
        )


@dataclass(frozen=True)
class PlanSection:
    """The improvement plan pages as the board pack adds them after the risk register."""

    summary: pd.DataFrame
    workstreams: list[tuple[str, str, pd.DataFrame, pd.DataFrame]]
    on: dt.date

    @property
    def toc_entries(self) -> int:
        """Contents lines the section adds: its heading and one per workstream."""
        return 1 + len(self.workstreams)

    def render(self, pdf: PackPDF) -> None:
        plan_section(pdf, self.summary, self.workstreams, self.on)


def plan_section_for(settings: Settings, data: Dataset) -> PlanSection | None:
    """The section for the board pack, or None when no plan is loaded."""
    if not settings.db_path.exists():
        return None
    plan = load_plan(settings.db_path, data.as_of)
    if plan.workstreams.empty:
        return None
    on, _ = judged_on(data.as_of, data.demo, data.loads)
    period = data.latest_period
    return PlanSection(
        workstream_summary(plan, on),
        workstream_pages(plan, data.statuses, data.catalogue, period, on),
        on,
    )


def plan_pdf(
    summary: pd.DataFrame,
    workstreams: list[tuple[str, str, pd.DataFrame, pd.DataFrame]],
    on: dt.date,
    *,
    demo: bool,
) -> bytes:
    """The improvement plan section on its own, in the board pack's layout."""
    pdf = _pdf(
        "Improvement plan 2025–27",
        f"Improvement plan, {day_label(on)}",
        "Adult Social Care improvement plan",
        demo,
        f"Actions as held on {day_label(on)}",
    )
    if demo:
        pdf.add_page()
        pdf.fresh_page = True
        pdf.set_text_color(WARN_EDGE)
        pdf.paragraph("▲ Illustrative data", size=14, style="B")
        pdf.set_text_color("#0b0c0c")
        pdf.paragraph(DEMO_WARNING, size=10)
        pdf.ln(4)
    plan_section(pdf, summary, workstreams, on)
    return bytes(pdf.output())


# --- CQC self-assessment evidence pack -------------------------------------------------------


def evidence_pdf(summary: pd.DataFrame, items: list[Evidence], on: dt.date, *, demo: bool) -> bytes:
    """Summary of the 9 statements, then a page per statement with its evidence."""
    pdf = _pdf(
        "CQC self-assessment evidence pack",
        f"CQC evidence, {day_label(on)}",
        "CQC assurance",
        demo,
        f"Evidence held on {day_label(on)}",
    )
    pdf.add_page()
    pdf.fresh_page = True
    pdf.heading("CQC self-assessment evidence pack")
    pdf.paragraph(
        f"{ASSESSMENT}: overall rating {OVERALL_RATING}. Scores: "
        + "; ".join(f"{k} = {v}" for k, v in SCORE_MEANING.items())
        + f". Evidence as held on {day_long(on)}.",
        size=9,
    )
    if demo:
        pdf.set_text_color(WARN_EDGE)
        pdf.paragraph(
            "Illustrative data: the measures, actions and risks are the demo's. " + DEMO_WARNING,
            size=9,
        )
        pdf.set_text_color("#0b0c0c")
    pdf.ln(2)
    _frame_table(pdf, summary, [44, 52, 14, 26, 30, 14, 14, 14, 14, 12], size=7.5)
    for e in items:
        pdf.add_page()
        s = e.statement
        pdf.heading(f"{s.theme_number}. {s.theme}: {s.name}", level=1)
        pdf.paragraph(
            f"Published score {s.score} ({SCORE_MEANING[s.score]}), rated {s.rating}. "
            f"Sources: {s.score_source}; {s.rating_source}.",
            size=9,
        )
        if e.flag:
            pdf.set_text_color(WARN_EDGE)
            pdf.paragraph(e.flag, size=10, style="B")
            pdf.set_text_color("#0b0c0c")
        pdf.ln(1)
        for label, frame, widths in (
            ("Measures", e.measures, [14, 70, 14, 18, 20]),
            ("Actions", e.actions, [12, 50, 30, 16, 16, 18, 50]),
            ("Risks", e.risks, [12, 60, 16, 16]),
        ):
            pdf.paragraph(f"{label} ({len(frame):,})", size=10, style="B")
            _frame_table(pdf, frame, widths, size=7.5)
    return bytes(pdf.output())


__all__ = ["PAGE_W", "evidence_pdf", "plan_pdf", "plan_section", "week_pdf"]
