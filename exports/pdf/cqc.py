"""The CQC self-assessment evidence pack: the nine statements, then a page per statement."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from exports.pack import DEMO_WARNING
from exports.pdf.document import WARN_EDGE, frame_table, standalone_pdf
from metrics.periods import day_label, day_long
from metrics.vocab import INK
from plan.evidence import Evidence
from plan.quality import ASSESSMENT, OVERALL_RATING, SCORE_MEANING


def evidence_pdf(summary: pd.DataFrame, items: list[Evidence], on: dt.date, *, demo: bool) -> bytes:
    """Summary of the 9 statements, then a page per statement with its evidence."""
    pdf = standalone_pdf(
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
        pdf.set_text_color(INK)
    pdf.ln(2)
    frame_table(pdf, summary, [44, 52, 14, 26, 30, 14, 14, 14, 14, 12], size=7.5)
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
            pdf.set_text_color(INK)
        pdf.ln(1)
        for label, frame, widths in (
            ("Measures", e.measures, [14, 70, 14, 18, 20]),
            ("Actions", e.actions, [12, 50, 30, 16, 16, 18, 50]),
            ("Risks", e.risks, [12, 60, 16, 16]),
        ):
            pdf.paragraph(f"{label} ({len(frame):,})", size=10, style="B")
            frame_table(pdf, frame, widths, size=7.5)
    return bytes(pdf.output())
