"""The page machinery every PDF shares: fonts, margins, colours, the running header and
footer, headings, tables with status cells, and the stand-alone documents' header.

The PDF core fonts are Latin-1 only, so the bundled DejaVu Sans is embedded: the pack needs
£, –, → and the status shapes ★ ● ▲ (status is always shape + word as well as colour).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace

from exports.pack import TITLE
from metrics.vocab import INK, MUTED, status_colours, status_label, status_of

if TYPE_CHECKING:
    from exports.pack import Pack


FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
FONT = "DejaVu"
MARGIN = 12.0
PAGE_W, PAGE_H = 297.0, 210.0
CONTENT_W = PAGE_W - 2 * MARGIN
ACCENT = "#1d3f8f"
RULE = "#b1b4b6"
HEAD_FILL = "#e8eaf1"
WARN_FILL = "#fff4d6"
WARN_EDGE = "#b35900"
#: Chart image sizes in CSS pixels (rendered at 2x): exception trend, full-width, heat map.
WIDE_PX = (1150, 540)
HEATMAP_PX = (900, 860)


def status_style(status: object, size: float | None = None) -> FontFace:
    """Fill and text colour for a status cell (its text already carries shape and word)."""
    fill, text = status_colours(status)
    return FontFace(emphasis="B", color=text, fill_color=fill, size_pt=size)


class PackPDF(FPDF):
    """FPDF with the pack's running header, footer and heading styles."""

    def __init__(self, pack: Pack) -> None:
        super().__init__(orientation="landscape", unit="mm", format="A4")
        self.pack = pack
        self.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
        self.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        self.set_margins(MARGIN, MARGIN + 6, MARGIN)
        self.set_auto_page_break(auto=True, margin=MARGIN + 6)
        self.set_title(f"{TITLE}, {pack.period_long}")
        self.set_author("Adult Social Care performance team")
        self.set_subject(f"Board pack for {pack.period_long}, {pack.scope}")
        self.set_creator("Meaningful Measures (fpdf2)")
        self.set_lang("en-GB")
        self.set_creation_date(dt.datetime.now(dt.UTC))
        self.set_font(FONT, size=10)
        self.set_text_color(INK)
        self.fresh_page = False

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_xy(MARGIN, 6)
        self.set_font(FONT, size=8)
        self.set_text_color(MUTED)
        left = f"Meaningful Measures · {self.pack.period_short} · {self.pack.scope}"
        self.cell(CONTENT_W / 2, 5, left)
        if self.pack.demo:
            self.set_text_color(WARN_EDGE)
            self.set_font(FONT, "B", 8)
            self.cell(CONTENT_W / 2, 5, "ILLUSTRATIVE DATA — do not quote", align="R")
        self.set_draw_color(RULE)
        self.line(MARGIN, 12, PAGE_W - MARGIN, 12)
        self.set_text_color(INK)
        self.set_xy(MARGIN, MARGIN + 6)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(MUTED)
        self.cell(CONTENT_W / 2, 5, f"{TITLE} · {self.pack.as_reported}")
        self.cell(CONTENT_W / 2, 5, f"Page {self.page_no()} of {{nb}}", align="R")
        self.set_text_color(INK)

    def new_page(self) -> None:
        """Start a page, unless the contents placeholder has just left a fresh one."""
        if self.fresh_page:
            self.fresh_page = False
            return
        self.add_page()

    def room_for(self, height: float) -> None:
        """Start a new page unless `height` mm still fits above the bottom margin."""
        if self.get_y() + height > PAGE_H - MARGIN - 6:
            self.add_page()

    # --- building blocks -------------------------------------------------------------------

    def heading(self, text: str, level: int = 0, size: float | None = None) -> None:
        """A section heading, recorded in the outline (bookmarks) and the contents page."""
        self.start_section(text, level=level)
        self.set_font(FONT, "B", size or (18 if level == 0 else 14))
        self.set_text_color(ACCENT if level == 0 else INK)
        self.multi_cell(
            CONTENT_W, 8 if level == 0 else 7, text, align="L", new_x="LMARGIN", new_y="NEXT"
        )
        self.set_text_color(INK)
        self.ln(1)

    def paragraph(self, text: str, size: float = 10, style: str = "", h: float = 5.2) -> None:
        self.set_font(FONT, style, size)
        self.multi_cell(CONTENT_W, h, text, align="L", new_x="LMARGIN", new_y="NEXT")

    def badge(self, status: object, x: float, y: float, h: float = 8, size: float = 11) -> float:
        """A filled status badge at (x, y); returns its width."""
        label = status_label(status) if isinstance(status, str) else "–"
        self.set_font(FONT, "B", size)
        width = self.get_string_width(label) + 6
        style = status_style(status)
        self.set_fill_color(style.fill_color)
        self.set_text_color(style.color)
        self.set_xy(x, y)
        self.cell(width, h, label, align="C", fill=True)
        self.set_text_color(INK)
        return width

    def table_from(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        col_widths: Sequence[float],
        *,
        status_cols: Sequence[int] = (),
        size: float = 9,
        align: Sequence[str] | None = None,
        line_height: float | None = None,
    ) -> None:
        """A bordered table with a shaded header row; cells in `status_cols` are RAG-coloured.

        A status cell may hold the code ('red', written as '▲ Red') or a label from a table
        built elsewhere.
        """
        self.set_font(FONT, size=size)
        self.set_draw_color(RULE)
        with self.table(
            col_widths=tuple(col_widths),
            width=sum(col_widths),
            align="LEFT",
            text_align=tuple(align) if align else "LEFT",
            headings_style=FontFace(emphasis="B", fill_color=HEAD_FILL, color=INK),
            line_height=line_height or size * 0.5,
            padding=(1, 1.5),
            v_align="MIDDLE",
            cell_fill_color="#ffffff",
            cell_fill_mode="ALL",
        ) as table:
            head = table.row()
            for text in header:
                head.cell(text)
            for values in rows:
                row = table.row()
                for i, text in enumerate(values):
                    status = status_of(text) if i in status_cols else None
                    if status:
                        row.cell(status_label(status), style=status_style(status, size))
                    else:
                        row.cell(text)
        self.ln(3)

    def fit_text(
        self, blocks: Sequence[tuple[str, str]], x: float, y: float, w: float, h: float
    ) -> None:
        """Label/text blocks in a box, shrinking the type until they fit (down to 7 pt)."""
        size = 10.0
        while size > 7:
            if self._blocks_height(blocks, w, size) <= h:
                break
            size -= 0.5
        self.set_xy(x, y)
        for label, text in blocks:
            self.set_x(x)
            self.set_font(FONT, "B", size)
            self.set_text_color(ACCENT)
            self.multi_cell(w, size * 0.5, label, align="L", new_x="LEFT", new_y="NEXT")
            self.set_x(x)
            self.set_font(FONT, "", size)
            self.set_text_color(INK)
            self.multi_cell(w, size * 0.5, text, align="L", new_x="LEFT", new_y="NEXT")
            self.set_y(self.get_y() + size * 0.25)
        self.set_x(MARGIN)

    def _blocks_height(self, blocks: Sequence[tuple[str, str]], w: float, size: float) -> float:
        total = 0.0
        for label, text in blocks:
            for style, value in (("B", label), ("", text)):
                self.set_font(FONT, style, size)
                lines = self.multi_cell(
                    w, size * 0.5, value, align="L", dry_run=True, output="LINES"
                )
                total += len(lines) * size * 0.5
            total += size * 0.25
        return total

    def image_box(self, png: bytes, x: float, y: float, w: float, px: tuple[int, int]) -> float:
        """Place a chart image `w` mm wide; returns its height in mm."""
        h = w * px[1] / px[0]
        self.image(png, x=x, y=y, w=w, h=h)
        return h


@dataclass(frozen=True)
class PageHeader:
    """The fields PackPDF's header and footer read from a pack."""

    period_long: str
    period_short: str
    scope: str
    demo: bool
    as_reported: str


def standalone_pdf(title: str, short: str, scope: str, demo: bool, note: str) -> PackPDF:
    pdf = PackPDF(PageHeader(title, short, scope, demo, note))  # type: ignore[arg-type]
    pdf.set_title(title)
    pdf.set_subject(title)
    return pdf


def cells(values: Sequence[object]) -> list[str]:
    return [
        str(v) if v is not None and not (isinstance(v, float) and pd.isna(v)) else "–"
        for v in values
    ]


def frame_table(
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
        [cells(r) for r in frame.itertuples(index=False)],
        scaled,
        status_cols=[i for i, c in enumerate(frame.columns) if c in ("Status", "Rating")],
        size=size,
    )
