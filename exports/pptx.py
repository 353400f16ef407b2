"""The PowerPoint board pack (16:9): title, summary, one slide per exception, strategic risks.

python-pptx writes the .pptx directly (no Office needed on the server). Slides use the
default template's "Title Only" layout, resized to 13.333 × 7.5 in, so the title is a real
title placeholder (screen readers and the outline view see it); everything else is placed
explicitly. Charts are the pages' Plotly figures as PNGs (one kaleido session per pack).
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from exports.pack import DEMO_WARNING, TITLE, TREND_PX, ExceptionItem, Pack
from exports.pack_images import gather, render_pack_images
from metrics.exceptions import EXCEPTION_DEFINITION
from metrics.periods import month_label
from metrics.vocab import STATUSES, direction_label, status_colours, status_label, status_of
from settings.config import Settings
from store.service import Dataset

SLIDE_W = Inches(13.333)
SLIDE_H = Inches(7.5)
MARGIN = Inches(0.45)
TITLE_ONLY = 5
FONT = "Arial"
INK = RGBColor(0x0B, 0x0C, 0x0C)
MUTED = RGBColor(0x50, 0x5A, 0x5F)
ACCENT = RGBColor(0x1D, 0x3F, 0x8F)
WARN_FILL = RGBColor(0xFF, 0xF4, 0xD6)
WARN_EDGE = RGBColor(0xB3, 0x59, 0x00)
HEAD_FILL = RGBColor(0xE8, 0xEA, 0xF1)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)
#: Chart sizes in CSS pixels (rendered at 2x) matching the boxes they are placed in.
SUMMARY_CHART_PX = (1000, 620)
HEATMAP_PX = (760, 720)


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _title(slide: Slide, text: str, size: int = 28) -> None:
    """Fill and place the layout's title placeholder (kept, so the slide has a real title)."""
    title = slide.shapes.title
    title.left, title.top = MARGIN, Inches(0.25)
    title.width, title.height = SLIDE_W - 2 * MARGIN, Inches(0.85)
    frame = title.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.text = text
    para = frame.paragraphs[0]
    para.alignment = PP_ALIGN.LEFT
    for run in para.runs:
        run.font.size = Pt(size)
        run.font.bold = True
        run.font.name = FONT
        run.font.color.rgb = ACCENT


def _text_box(
    slide: Slide,
    left: int,
    top: int,
    width: int,
    height: int,
    paragraphs: list[tuple[str, int, bool, RGBColor]],
    *,
    fill: RGBColor | None = None,
    line: RGBColor | None = None,
) -> None:
    """A word-wrapped text box; each paragraph is (text, size pt, bold, colour)."""
    box = slide.shapes.add_textbox(left, top, width, height)
    if fill is not None:
        box.fill.solid()
        box.fill.fore_color.rgb = fill
    if line is not None:
        box.line.color.rgb = line
        box.line.width = Pt(2)
    frame = box.text_frame
    frame.word_wrap = True
    for i, (text, size, bold, colour) in enumerate(paragraphs):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = text
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.name = FONT
        run.font.color.rgb = colour
        para.space_after = Pt(4)


def _badge(slide: Slide, status: object, left: int, top: int, width: int, height: int) -> None:
    """A RAG badge: colour plus shape and word."""
    key = status if isinstance(status, str) else "no_data"
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, height)
    shape.fill.solid()
    fill, text = status_colours(key)
    shape.fill.fore_color.rgb = _rgb(fill)
    shape.line.fill.background()
    frame = shape.text_frame
    frame.text = status_label(key)
    para = frame.paragraphs[0]
    para.alignment = PP_ALIGN.CENTER
    for run in para.runs:
        run.font.size = Pt(16)
        run.font.bold = True
        run.font.name = FONT
        run.font.color.rgb = _rgb(text)


def _table(
    slide: Slide,
    left: int,
    top: int,
    width: int,
    header: list[str],
    rows: list[list[str]],
    col_widths: list[float],
    *,
    status_cols: tuple[int, ...] = (),
    size: int = 12,
) -> None:
    """A simple table with a shaded header and RAG-coloured status cells."""
    row_h = Inches(0.36)
    shape = slide.shapes.add_table(len(rows) + 1, len(header), left, top, width, row_h)
    table = shape.table
    total = sum(col_widths)
    for i, w in enumerate(col_widths):
        table.columns[i].width = Emu(int(width * w / total))
    for r, values in enumerate([header, *rows]):
        table.rows[r].height = row_h
        for c, text in enumerate(values):
            cell = table.cell(r, c)
            status = status_of(text) if r and c in status_cols else None
            cell.text = status_label(status) if status else text
            cell.margin_left = cell.margin_right = Inches(0.06)
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            fill, colour, bold = (HEAD_FILL, INK, True) if r == 0 else (WHITE, INK, False)
            if status:
                fill, colour = (_rgb(c) for c in status_colours(status))
                bold = True
            cell.fill.solid()
            cell.fill.fore_color.rgb = fill
            for para in cell.text_frame.paragraphs:
                for run in para.runs:
                    run.font.size = Pt(size)
                    run.font.bold = bold
                    run.font.name = FONT
                    run.font.color.rgb = colour


def _footer(slide: Slide, pack: Pack, number: int) -> None:
    text = f"Meaningful Measures · {pack.period_short} · {pack.scope} · slide {number}"
    if pack.demo:
        text += " · ILLUSTRATIVE DATA — do not quote"
    _text_box(
        slide,
        MARGIN,
        SLIDE_H - Inches(0.45),
        SLIDE_W - 2 * MARGIN,
        Inches(0.35),
        [(text, 10, pack.demo, WARN_EDGE if pack.demo else MUTED)],
    )


def _picture(slide: Slide, png: bytes, left: int, top: int, width: int, px: tuple[int, int]):
    """Place a chart PNG `width` wide keeping its aspect ratio."""
    height = int(width * px[1] / px[0])
    return slide.shapes.add_picture(io.BytesIO(png), left, top, width, height)


def _title_slide(prs: Presentation, pack: Pack) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    _title(slide, TITLE, size=34)
    slide.shapes.title.top = Inches(1.2)
    slide.shapes.title.height = Inches(1.3)
    _text_box(
        slide,
        MARGIN,
        Inches(2.6),
        SLIDE_W - 2 * MARGIN,
        Inches(2.0),
        [
            (pack.period_long, 30, True, INK),
            (f"Financial year {pack.financial_year} · {pack.scope}", 18, False, INK),
            (pack.as_reported, 16, False, MUTED),
            (pack.headline, 16, False, INK),
        ],
    )
    if pack.demo:
        _text_box(
            slide,
            MARGIN,
            Inches(5.0),
            SLIDE_W - 2 * MARGIN,
            Inches(1.3),
            [("▲ Illustrative data", 20, True, WARN_EDGE), (DEMO_WARNING, 14, False, INK)],
            fill=WARN_FILL,
            line=WARN_EDGE,
        )
    _footer(slide, pack, 1)


def _summary_slide(prs: Presentation, pack: Pack, rag_png: bytes) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    _title(slide, f"Summary, {pack.period_long}")
    counts = pack.reporting["status"].value_counts()
    total = max(len(pack.reporting), 1)
    rows = [
        [s, f"{int(counts.get(s, 0)):,}", f"{100 * counts.get(s, 0) / total:.0f}%"]
        for s in STATUSES  # codes: the table writes the words
    ]
    rows.append(["Exceptions", f"{len(pack.exceptions):,}", ""])
    rows.append(["Measures reporting", f"{len(pack.reporting):,}", ""])
    _table(
        slide,
        MARGIN,
        Inches(1.3),
        Inches(3.9),
        ["Status", "Measures", "Share"],
        rows,
        [2.0, 1.1, 0.8],
        status_cols=(0,),
        size=14,
    )
    _text_box(
        slide,
        MARGIN,
        Inches(4.5),
        Inches(3.9),
        Inches(2.2),
        [
            (
                EXCEPTION_DEFINITION,
                13,
                False,
                INK,
            )
        ],
    )
    _picture(slide, rag_png, Inches(4.6), Inches(1.25), Inches(8.25), SUMMARY_CHART_PX)
    _footer(slide, pack, 2)


def _exception_slide(prs: Presentation, pack: Pack, item: ExceptionItem, png: bytes, n: int):
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    _title(slide, item.title, size=24)
    facts = dict(item.facts)
    line = (
        f"{facts['Previous status']} → {facts['Current status']} for "
        f"{facts['Periods at status']} period(s) · {facts['Direction of travel']} · actual "
        f"{facts['Actual']} against target {facts['Target']} · year to date "
        f"{facts['Year to date']} against {facts['YTD target']}"
    )
    _text_box(
        slide,
        MARGIN,
        Inches(1.05),
        SLIDE_W - 2 * MARGIN,
        Inches(0.7),
        [(line, 14, True, INK), (item.owners, 11, False, MUTED)],
    )
    _picture(slide, png, MARGIN, Inches(1.85), Inches(8.0), TREND_PX)
    texts = [t for t in item.texts if t[0] in ("Commentary", "Improvement plan", "Timeframe")]
    if item.restated:
        texts.append(("Restated", item.restated))
    length = sum(len(t) for _, t in texts)
    size = 14 if length < 450 else 12 if length < 700 else 10
    paragraphs: list[tuple[str, int, bool, RGBColor]] = []
    for label, text in texts:
        paragraphs.append((label, size, True, ACCENT))
        paragraphs.append((text, size, False, INK))
    _text_box(
        slide,
        MARGIN + Inches(8.2),
        Inches(1.85),
        SLIDE_W - 2 * MARGIN - Inches(8.2),
        Inches(5.0),
        paragraphs,
    )
    _footer(slide, pack, n)


def _risk_slide(prs: Presentation, pack: Pack, png: bytes | None, n: int) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    when = month_label(pack.risk_period) if pack.risk_period is not None else ""
    _title(slide, f"Strategic risks, {when}" if when else "Strategic risks")
    if png is None or pack.risks.empty:
        _text_box(
            slide,
            MARGIN,
            Inches(1.4),
            Inches(10),
            Inches(1),
            [("No strategic risk assessments recorded up to this period.", 18, False, INK)],
        )
        _footer(slide, pack, n)
        return
    _picture(slide, png, MARGIN, Inches(1.15), Inches(5.9), HEATMAP_PX)
    top = pack.risks.head(6)
    rows = [
        [
            str(r.risk_id),
            str(r.name),
            f"{int(r.residual_score)} ({int(r.residual_likelihood)}×{int(r.residual_impact)})",
            r.rating if isinstance(r.rating, str) else status_label(r.rating),
            direction_label(r.direction, r.movement),
        ]
        for r in top.itertuples(index=False)
    ]
    _table(
        slide,
        Inches(6.6),
        Inches(1.3),
        SLIDE_W - Inches(6.6) - MARGIN,
        ["Risk", "Name", "Residual (L×I)", "Rating", "Since last month"],
        rows,
        [0.7, 2.4, 1.35, 1.1, 1.45],
        status_cols=(3,),
        size=12,
    )
    _footer(slide, pack, n)


def _section_slide(
    prs: Presentation, pack: Pack, title: str, frame, status: tuple[int, ...], n: int
) -> None:
    """A table slide for Table 13 or the benchmarks (the same words as the PDF and Excel)."""
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    _title(slide, title)
    columns = [c for c in frame.columns if c != "Measure ID"]
    _table(
        slide,
        MARGIN,
        Inches(1.3),
        SLIDE_W - 2 * MARGIN,
        columns,
        [[str(v) for v in row] for row in frame[columns].itertuples(index=False)],
        [3.0 if i == 0 else 1.0 for i in range(len(columns))],
        status_cols=status,
        size=10,
    )
    _footer(slide, pack, n)


def _extra_sections(pack: Pack) -> list[tuple[str, object, tuple[int, ...]]]:
    from exports.sections import benchmark_display, finance_display

    out = []
    if not pack.finance.empty and pack.finance_period is not None:
        title = f"Table 13: Adult Services budget, {month_label(pack.finance_period)}"
        out.append((title, finance_display(pack), (7,)))
    if not pack.benchmarks.empty:
        out.append(("Benchmarks: England, region and neighbours", benchmark_display(pack), ()))
    return out


def slide_count(pack: Pack) -> int:
    """Title + summary + one per exception + risks (+ Table 13 and benchmarks when present)."""
    return 3 + len(pack.exceptions) + len(_extra_sections(pack))


def render_pack_pptx(pack: Pack) -> bytes:
    """Lay out an already-gathered pack as a .pptx (charts rendered in one kaleido session)."""
    images = render_pack_images(pack, SUMMARY_CHART_PX, HEATMAP_PX)
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    prs.core_properties.title = f"{TITLE}, {pack.period_long}"
    prs.core_properties.subject = pack.scope
    prs.core_properties.author = "Adult Social Care performance team"
    prs.core_properties.created = dt.datetime.now()
    _title_slide(prs, pack)
    _summary_slide(prs, pack, images.rag)
    for n, (item, png) in enumerate(zip(pack.exceptions, images.trends, strict=True), start=3):
        _exception_slide(prs, pack, item, png, n)
    n = 3 + len(pack.exceptions)
    _risk_slide(prs, pack, images.heatmap, n)
    for k, (title, frame, status) in enumerate(_extra_sections(pack), start=1):
        _section_slide(prs, pack, title, frame, status, n + k)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def build_pptx(
    data: Dataset,
    period: dt.date | pd.Timestamp | str,
    priority: str | None = None,
    settings: Settings | None = None,
) -> bytes:
    """The PowerPoint board pack for one period (optionally one priority) as bytes."""
    return render_pack_pptx(gather(data, period, priority, settings))
