"""The front of the board pack: the cover, and the contents filled in after layout."""

from __future__ import annotations

import datetime as dt
import math

from fpdf import FPDF
from fpdf.outline import OutlineSection

from exports.pack import DEMO_WARNING, TITLE, Pack
from exports.pdf.document import (
    ACCENT,
    CONTENT_W,
    FONT,
    MARGIN,
    PAGE_H,
    PAGE_W,
    WARN_EDGE,
    WARN_FILL,
    PackPDF,
)
from metrics.periods import day_long
from metrics.vocab import INK

TOC_LINE = 5.3
TOC_TITLE = 12.0


def cover_page(pdf: PackPDF, pack: Pack) -> None:
    pdf.add_page()
    pdf.set_fill_color(ACCENT)
    pdf.rect(0, 0, PAGE_W, 16, style="F")
    pdf.set_xy(MARGIN, 34)
    pdf.set_font(FONT, "B", 28)
    pdf.set_text_color(ACCENT)
    pdf.multi_cell(CONTENT_W, 13, TITLE, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_text_color(INK)
    pdf.set_font(FONT, "B", 22)
    pdf.multi_cell(CONTENT_W, 11, pack.period_long, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 14)
    lines = [
        f"Financial year {pack.financial_year}",
        pack.scope,
        pack.as_reported,
        f"Produced {day_long(dt.date.today())}",
    ]
    for line in lines:
        pdf.multi_cell(CONTENT_W, 8, line, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font(FONT, "", 12)
    pdf.multi_cell(CONTENT_W, 6.5, pack.headline, align="L", new_x="LMARGIN", new_y="NEXT")
    if pack.demo:
        y = max(pdf.get_y() + 8, 140)
        pdf.set_fill_color(WARN_FILL)
        pdf.set_draw_color(WARN_EDGE)
        pdf.set_line_width(1.2)
        pdf.rect(MARGIN, y, CONTENT_W, 30, style="DF")
        pdf.set_line_width(0.2)
        pdf.set_xy(MARGIN + 6, y + 4)
        pdf.set_font(FONT, "B", 14)
        pdf.set_text_color(WARN_EDGE)
        pdf.cell(CONTENT_W - 12, 8, "▲ Illustrative data", new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(MARGIN + 6)
        pdf.set_font(FONT, "", 10.5)
        pdf.set_text_color(INK)
        pdf.multi_cell(CONTENT_W - 12, 5.5, DEMO_WARNING, align="L", new_x="LMARGIN", new_y="NEXT")


def toc_pages(pack: Pack, extra_entries: int = 0) -> int:
    """Pages the contents will need, decided before the pages are laid out (fpdf2 asks)."""
    waiting = 1 if len(pack.waiting_latest) else 0
    risks = 2 if pack.risk_period is not None and pack.heatmap_figure is not None else 1
    entries = 5 + waiting + risks + len(pack.priorities) + len(pack.exceptions) + extra_entries
    entries += 4 + len(pack.annex_groups)  # Tables 3, 2 (year), indicators, Annex A, priorities
    body = PAGE_H - 2 * (MARGIN + 6)
    first = int((body - TOC_TITLE) // TOC_LINE)
    if entries <= first:
        return 1
    return 1 + math.ceil((entries - first) / int(body // TOC_LINE))


def render_toc(pdf: FPDF, outline: list[OutlineSection]) -> None:
    pdf.set_x(MARGIN)
    pdf.set_font(FONT, "B", 18)
    pdf.set_text_color(ACCENT)
    pdf.cell(CONTENT_W, TOC_TITLE - 2, "Contents", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(INK)
    pdf.ln(2)
    for section in outline:
        indent = 8 * section.level
        pdf.set_font(FONT, "B" if section.level == 0 else "", 10.5 if section.level == 0 else 9.5)
        link = pdf.add_link(page=section.page_number)
        page = str(section.page_number)
        page_w = pdf.get_string_width(page) + 2
        pdf.set_x(MARGIN + indent)
        text_w = CONTENT_W - indent - page_w
        name = section.name
        while pdf.get_string_width(name) > text_w - 4 and len(name) > 10:
            name = name[:-2]
        if name != section.name:
            name = name.rstrip() + "…"
        dots = max(0, int((text_w - pdf.get_string_width(name) - 2) / pdf.get_string_width(".")))
        pdf.cell(text_w, TOC_LINE, f"{name} {'.' * dots}", link=link)
        pdf.cell(page_w, TOC_LINE, page, align="R", link=link, new_x="LMARGIN", new_y="NEXT")
    placeholder = pdf.toc_placeholder
    if placeholder is not None:  # fpdf2 wants exactly the reserved pages: pad if we fell short
        while pdf.page < placeholder.start_page + placeholder.pages - 1:
            pdf.add_page()
