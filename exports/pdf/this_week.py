"""The one-page "This week" for the Meaningful Measures meeting."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from exports.pdf.document import (
    CONTENT_W,
    FONT,
    MARGIN,
    MUTED,
    PAGE_H,
    cells,
    standalone_pdf,
)
from metrics.periods import day_label, day_long, day_month
from metrics.vocab import INK
from plan.this_week import WeekDigest

_LINE = 3.6
_COLUMN_W = (CONTENT_W - 6) / 2
_BOTTOM = PAGE_H - MARGIN - 8
_PER_SECTION = 6


def week_pdf(digest: WeekDigest, tables: dict[str, pd.DataFrame], *, demo: bool) -> bytes:
    """One A4 landscape page: each list in two columns, at most six lines each, with a count."""
    pdf = standalone_pdf(
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
    pdf.set_text_color(INK)
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
            pdf.set_text_color(INK)
            y += _LINE
        for r in rows[:_PER_SECTION]:
            if y + _LINE > _BOTTOM:
                break
            full = " · ".join(c for c in cells(r) if c != "–")
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
            pdf.set_text_color(INK)
            y += _LINE
        y += 1.5
    return bytes(pdf.output())
