"""The improvement plan: the board pack's section after the risk register, and the same on its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from exports.pack import DEMO_WARNING
from exports.pdf.document import WARN_EDGE, PackPDF, frame_table, standalone_pdf
from metrics.periods import day_label, day_long
from metrics.vocab import INK
from plan.service import judged_on, load_plan
from plan.tables import workstream_pages, workstream_summary
from settings.config import Settings
from store.service import Dataset


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
    frame_table(pdf, summary, [12, 40, 36, 12, 16, 10, 14, 12, 12, 60], size=7.5)
    for title, lead, measures, actions in workstreams:
        pdf.add_page()
        pdf.heading(title, level=1)
        pdf.paragraph(lead, size=9)
        pdf.ln(1)
        pdf.paragraph("Success measures", size=10, style="B")
        frame_table(
            pdf,
            measures.drop(columns=["Trend"], errors="ignore"),
            [14, 60, 14, 16, 18, 18, 20],
            size=7.5,
        )
        pdf.paragraph("Actions", size=10, style="B")
        frame_table(
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
    pdf = standalone_pdf(
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
        pdf.set_text_color(INK)
        pdf.paragraph(DEMO_WARNING, size=10)
        pdf.ln(4)
    plan_section(pdf, summary, workstreams, on)
    return bytes(pdf.output())
