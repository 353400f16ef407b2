"""Exceptions by priority: each priority's table, then a page per exception with its trend."""

from __future__ import annotations

import pandas as pd

from exports.pack import TREND_PX, ExceptionItem, Pack, PrioritySection
from exports.pdf.document import CONTENT_W, FONT, MARGIN, PAGE_H, PAGE_W, PackPDF
from metrics.council_tables import exception_table
from metrics.reported import disagreement
from metrics.vocab import INK, MUTED


def priority_intro(pdf: PackPDF, pack: Pack, section: PrioritySection) -> None:
    pdf.new_page()
    pdf.heading(f"Exceptions: {section.heading}")
    pdf.paragraph(section.sentence, size=11, h=6)
    pdf.ln(3)
    if not section.exceptions:
        pdf.paragraph(f"No exceptions to report for this priority in {pack.period_short}.")
        return
    exceptions = pd.DataFrame([item.row for item in section.exceptions])
    table = exception_table(exceptions, pack.period)
    rows = []
    for item, (_, shown) in zip(section.exceptions, table.iterrows(), strict=True):
        facts = dict(item.facts)
        rows.append(
            [
                *[str(v) for v in shown],
                facts["Periods at status"],
                facts["Actual"],
                facts["Target"],
            ]
        )
    pdf.table_from(
        [*table.columns, "Periods at status", "Actual", "Target"],
        rows,
        [92, 44, 30, 37, 20, 25, 25],
        status_cols=(1, 2),
        size=9,
        align=["LEFT", "LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT"],
    )


def exception_page(pdf: PackPDF, item: ExceptionItem, png: bytes) -> None:
    pdf.new_page()
    top = pdf.get_y()
    badge_w = pdf.badge(item.row["status"], MARGIN, top, h=9, size=12)
    pdf.set_xy(MARGIN + badge_w + 3, top)
    pdf.start_section(item.title, level=1)
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(
        CONTENT_W - badge_w - 3,
        9,
        f"{item.measure_id} {item.row['name']}",
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font(FONT, "", 9)
    pdf.set_text_color(MUTED)
    pdf.multi_cell(CONTENT_W, 5, item.owners, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(INK)
    pdf.ln(1.5)
    facts = item.facts
    pdf.table_from(
        [label for label, _ in facts],
        [[text for _, text in facts]],
        [CONTENT_W / len(facts)] * len(facts),
        status_cols=(0, 1),
        size=9,
    )
    if item.restated:
        pdf.paragraph(item.restated, size=9, style="B")
    note = disagreement(
        item.row.get("reported_status"),
        item.row.get("computed_status"),
        item.row.get("status_note"),
    )
    if note:
        pdf.paragraph(note, size=9, style="B")
    y = pdf.get_y() + 1
    chart_w = 168.0
    bottom = PAGE_H - MARGIN - 8
    chart_h = chart_w * TREND_PX[1] / TREND_PX[0]
    if y + chart_h > bottom:
        chart_w = (bottom - y) * TREND_PX[0] / TREND_PX[1]
    pdf.image_box(png, MARGIN, y, chart_w, TREND_PX)
    text_x = MARGIN + chart_w + 5
    pdf.fit_text(item.texts, text_x, y, PAGE_W - MARGIN - text_x, bottom - y)
