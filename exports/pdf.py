"""The PDF board pack (A4 landscape): cover, contents, summary tables, exceptions, waits, risks.

Library choice: fpdf2 (pinned). It is pure Python (no system libraries to install on a council
server), embeds TrueType fonts as subsets, has tables with per-cell colours, an outline and a
table-of-contents placeholder filled in after the pages are laid out, and "Page n of N"
aliases. WeasyPrint would give HTML/CSS layout, but needs pango and friends on the server and
an HTML template layer to maintain for what is a fixed, tabular document.

The PDF core fonts are Latin-1 only, so the bundled DejaVu Sans is embedded: the pack needs
£, –, → and the status shapes ★ ● ▲ (status is always shape + word as well as colour).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from fpdf import FPDF
from fpdf.fonts import FontFace
from fpdf.outline import OutlineSection

from exports.pack import DEMO_WARNING, TITLE, TREND_PX, ExceptionItem, Pack
from exports.pack_images import gather, render_pack_images
from metrics.council_tables import exception_table
from metrics.exceptions import EXCEPTION_DEFINITION
from metrics.periods import day_long, month_label
from metrics.priority_status import RULE_TEXT
from metrics.reported import NO_DATA_REASONS, disagreement
from metrics.showing import risk_caption
from metrics.vocab import STATUSES, direction_label, status_colours, status_label, status_of
from settings.config import Settings
from store.service import Dataset

if TYPE_CHECKING:
    from exports.plan_pdf import PlanSection

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT = "DejaVu"
MARGIN = 12.0
PAGE_W, PAGE_H = 297.0, 210.0
CONTENT_W = PAGE_W - 2 * MARGIN
INK = "#0b0c0c"
MUTED = "#505a5f"
ACCENT = "#1d3f8f"
RULE = "#b1b4b6"
HEAD_FILL = "#e8eaf1"
WARN_FILL = "#fff4d6"
WARN_EDGE = "#b35900"
#: Chart image sizes in CSS pixels (rendered at 2x): exception trend, full-width, heat map.
WIDE_PX = (1150, 540)
HEATMAP_PX = (900, 860)
TOC_LINE = 5.3
TOC_TITLE = 12.0


def _status_style(status: object, size: float | None = None) -> FontFace:
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
        style = _status_style(status)
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
                        row.cell(status_label(status), style=_status_style(status, size))
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


def _count_text(n: int, pct: float) -> str:
    return f"{n:,} ({pct:.0f}%)" if n else "0"


def _cover(pdf: PackPDF, pack: Pack) -> None:
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


def _toc_pages(pack: Pack, extra_entries: int = 0) -> int:
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


def _render_toc(pdf: FPDF, outline: list[OutlineSection]) -> None:
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


def _summary(pdf: PackPDF, pack: Pack, rag_png: bytes) -> None:
    pdf.new_page()
    pdf.heading("Summary")
    pdf.paragraph(pack.headline, size=10.5)
    pdf.ln(2)
    statuses = list(STATUSES)
    # Table 1 counts no data by its reason, as the council does.
    shown = [*statuses[:4], *NO_DATA_REASONS]
    header = [
        "Frequency",
        *[status_label(s) for s in statuses[:4]],
        "? Data unavailable",
        "? None received",
        "Amber 2+ periods",
        "Exceptions",
        "Total",
    ]
    pdf.heading("Table 1: measures by frequency and status", level=1, size=12)
    rows = []
    for freq, r in pack.by_frequency.iterrows():
        rows.append(
            [
                str(freq).capitalize(),
                *[_count_text(int(r[s]), float(r[f"{s}_pct"])) for s in shown],
                _count_text(int(r["amber_2plus"]), float(r["amber_2plus_pct"])),
                f"{int(r['exceptions']):,}",
                f"{int(r['total']):,}",
            ]
        )
    if len(pack.by_frequency):
        totals = pack.by_frequency[[*shown, "amber_2plus", "exceptions", "total"]].sum()
        grand = max(int(totals["total"]), 1)
        rows.append(
            [
                "All frequencies",
                *[_count_text(int(totals[s]), 100 * totals[s] / grand) for s in shown],
                _count_text(int(totals["amber_2plus"]), 100 * totals["amber_2plus"] / grand),
                f"{int(totals['exceptions']):,}",
                f"{int(totals['total']):,}",
            ]
        )
    widths = [30, 28, 28, 28, 30, 26, 26, 28, 26, 20]
    pdf.table_from(header, rows, widths, align=["LEFT"] + ["RIGHT"] * 9)

    pdf.heading("Table 2: the last 12 reporting periods", level=1, size=12)
    months = list(pack.trailing.index)
    header2 = ["Status", *[month_label(m) for m in months]]
    rows2 = []
    for s in (*statuses, "exceptions"):
        first_cell = s if s != "exceptions" else "Exceptions"  # a code: the table writes words
        rows2.append([first_cell, *[f"{int(pack.trailing.loc[m, s]):,}" for m in months]])
    rows2.append(["Total", *[f"{int(pack.trailing.loc[m, 'total']):,}" for m in months]])
    first = 33.0
    rest = (CONTENT_W - first) / max(len(months), 1)
    pdf.table_from(
        header2,
        rows2,
        [first] + [rest] * len(months),
        status_cols=(0,),
        size=8.5,
        align=["LEFT"] + ["RIGHT"] * len(months),
    )

    _table3(pdf, pack)
    _table2_financial_year(pdf, pack)
    _indicators(pdf, pack)

    pdf.add_page()
    pdf.heading(f"Status changes since the previous report, {pack.period_short}", level=1)
    change_rows = [
        [str(r["Change"]), f"{int(r['Measures']):,}", str(r["Which measures"]) or "–"]
        for _, r in pack.changes.iterrows()
    ]
    pdf.table_from(
        ["Change", "Measures", "Which measures"],
        change_rows,
        [62, 22, CONTENT_W - 84],
        size=8.5,
        align=["LEFT", "RIGHT", "LEFT"],
    )

    pdf.add_page()
    pdf.heading(f"RAG status by priority, {pack.period_short}", level=1)
    top = pdf.get_y()
    height = (PAGE_H - MARGIN - 8) - top - 12
    width = min(CONTENT_W, height * WIDE_PX[0] / WIDE_PX[1])
    pdf.image_box(rag_png, MARGIN, top, width, WIDE_PX)
    pdf.set_y(top + width * WIDE_PX[1] / WIDE_PX[0] + 2)
    pdf.paragraph(
        EXCEPTION_DEFINITION,
        size=9,
    )


def _table3(pdf: PackPDF, pack: Pack) -> None:
    """Table 3: the measures reporting Red, by name, as the council prints it."""
    red = pack.red_measures
    if pdf.get_y() + 30 + 6 * len(red) > PAGE_H - MARGIN - 6:
        pdf.add_page()
    pdf.heading(f"Table 3: measures reporting {status_label('red')}, {pack.period_short}", 1, 12)
    if not red:
        pdf.paragraph(f"No measure is reporting {status_label('red')} for {pack.period_long}.")
        return
    count = len(red)
    pdf.paragraph(
        f"There {'is' if count == 1 else 'are'} {count:,} measure{'' if count == 1 else 's'} "
        f"reporting as Red for the reporting period.",
        size=9.5,
    )
    pdf.table_from(
        [f"Performance measures reporting Red for {pack.period_long}"],
        [[name] for name in red],
        [CONTENT_W],
        size=9,
    )


def _table2_financial_year(pdf: PackPDF, pack: Pack) -> None:
    """Table 2 as the council prints it: each month of the financial year, counts and shares."""
    table = pack.table2_financial_year
    if table.empty:
        return
    if pdf.get_y() + 24 + 6 * len(table) > PAGE_H - MARGIN - 6:
        pdf.add_page()
    pdf.heading(f"Table 2: measures by month, financial year {pack.financial_year}", 1, 12)
    widths = [40, 40, 40, 40, 50, 45, 18]
    pdf.table_from(
        list(table.columns),
        [[str(v) for v in r] for r in table.itertuples(index=False)],
        widths,
        size=8.5,
        align=["LEFT"] + ["RIGHT"] * (len(widths) - 1),
    )


def _indicators(pdf: PackPDF, pack: Pack) -> None:
    """The Status of Indicators: each priority's status, the rule's, and the rule in words."""
    table = pack.indicators
    if table.empty:
        return
    if pdf.get_y() + 40 + 6 * len(table) > PAGE_H - MARGIN - 6:
        pdf.add_page()
    pdf.heading(f"Status of Indicators, {pack.period_short}", 1, 12)
    pdf.paragraph(RULE_TEXT, size=8.5, h=4.4)
    pdf.ln(1)
    rows = [
        [
            f"{r.priority_id} – {r.priority_name}",
            status_label(r.status),
            status_label(r.computed_status),
            f"{int(r.green)}",
            f"{int(r.amber)}",
            f"{int(r.red)}",
            f"{int(r.measures)}",
            disagreement(r.reported_status, r.computed_status, r.status_note) or "",
        ]
        for r in table.itertuples(index=False)
    ]
    pdf.table_from(
        ["Priority", "Status", "By the rule", "Green", "Amber", "Red", "Measures", "Note"],
        rows,
        [93, 24, 24, 14, 14, 14, 22, 68],
        status_cols=(1, 2),
        size=8,
        align=["LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "LEFT"],
    )


#: Annex A column widths in mm (they add up to the page's 273 mm of content).
ANNEX_WIDTHS = (34, 17, 17, 30, 26, 14, 16, 16, 13, 13, 16, 13, 13, 16, 19)


def _annex_pages(pdf: PackPDF, pack: Pack) -> None:
    """Annex A: every measure by priority in the council's columns (metrics.annex)."""
    from metrics.annex import NUMBER_COLUMNS, STATUS_COLUMNS

    pdf.new_page()
    pdf.heading("Annex A: every measure")
    pdf.paragraph(
        f"Every measure reporting in {pack.period_long}, by priority. Status is as reported "
        "where the council recorded one, else the RAG rule's; the status note says where "
        "they differ.",
        size=9.5,
    )
    for priority_id, name, rows in pack.annex_groups:
        if pdf.get_y() > PAGE_H - 60:
            pdf.add_page()
        pdf.heading(f"Annex A: {priority_id} – {name}", level=1, size=11)
        columns = list(rows.columns)
        status_cols = tuple(columns.index(c) for c in STATUS_COLUMNS)
        align = ["RIGHT" if c in NUMBER_COLUMNS else "LEFT" for c in columns]
        pdf.table_from(
            columns,
            [[str(v) for v in r] for r in rows.itertuples(index=False)],
            ANNEX_WIDTHS,
            status_cols=status_cols,
            size=6.5,
            align=align,
        )


def _priority_intro(pdf: PackPDF, pack: Pack, section) -> None:
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


def _exception_page(pdf: PackPDF, item: ExceptionItem, png: bytes) -> None:
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


def _waiting_page(pdf: PackPDF, pack: Pack, png: bytes | None) -> None:
    pdf.new_page()
    pdf.heading("Waiting times")
    latest = pack.waiting_latest
    if len(latest):
        cols = ["Measure", "Month", "Latest", "Target", "Status", "Direction", "A year earlier"]
        pdf.table_from(
            cols,
            [
                [str(r["status_code"] if c == "Status" else r[c]) for c in cols]
                for _, r in latest.iterrows()
            ],
            [62, 24, 30, 30, 30, 36, 34],
            status_cols=(4,),
            size=9,
            align=["LEFT", "LEFT", "RIGHT", "RIGHT", "LEFT", "LEFT", "RIGHT"],
        )
    if png is None:
        pdf.paragraph("No waiting-list figures have been reported up to this period.")
        return
    top = pdf.get_y()
    height = (PAGE_H - MARGIN - 8) - top
    width = min(CONTENT_W, height * WIDE_PX[0] / WIDE_PX[1])
    pdf.image_box(png, MARGIN, top, width, WIDE_PX)


def _risk_pages(pdf: PackPDF, pack: Pack, png: bytes | None) -> None:
    pdf.new_page()
    pdf.heading("Strategic risk register")
    if pack.risk_period is None or png is None:
        pdf.paragraph("No strategic risk assessments have been recorded up to this period.")
        return
    amber_from, red_from = pack.risk_bands
    when = month_label(pack.risk_period)
    note = (
        f"Assessed {when}. Score = likelihood × impact (each 1–5). Bands: "
        f"{status_label('green')} 1–{amber_from - 1}, {status_label('amber')} "
        f"{amber_from}–{red_from - 1}, {status_label('red')} {red_from}–25."
    )
    fallback = risk_caption(pack.risk_period, pack.period)
    if fallback:
        note += f" {fallback}, the latest assessment up to {pack.period_short}."
    pdf.paragraph(note, size=9.5)
    top = pdf.get_y() + 1
    bottom = PAGE_H - MARGIN - 8
    img_h = bottom - top
    img_w = img_h * HEATMAP_PX[0] / HEATMAP_PX[1]
    pdf.image_box(png, MARGIN, top, img_w, HEATMAP_PX)
    x = MARGIN + img_w + 6
    width = PAGE_W - MARGIN - x
    pdf.set_xy(x, top)
    pdf.set_font(FONT, "B", 12)
    pdf.cell(width, 7, "Highest current residual scores", new_x="LEFT", new_y="NEXT")
    for r in pack.risks.head(6).itertuples(index=False):
        pdf.set_x(x)
        pdf.set_font(FONT, "B", 9.5)
        pdf.multi_cell(width, 5, f"{r.risk_id} {r.name}", align="L", new_x="LEFT", new_y="NEXT")
        pdf.set_x(x)
        pdf.set_font(FONT, "", 9)
        pdf.multi_cell(
            width,
            4.6,
            f"Residual {int(r.residual_score)} ({int(r.residual_likelihood)}×"
            f"{int(r.residual_impact)}), {status_label(r.rating)}, "
            f"{direction_label(_risk_direction_word(r.direction), r.movement)} · owner: "
            f"{r.owner if isinstance(r.owner, str) else 'not recorded'}",
            align="L",
            new_x="LEFT",
            new_y="NEXT",
        )
        pdf.ln(1.5)

    pdf.add_page()
    pdf.heading(f"Strategic risk register, {when}", level=1)
    rows = []
    for r in pack.risks.itertuples(index=False):
        previous = (
            f"{int(r.previous_residual_score)}" if pd.notna(r.previous_residual_score) else "–"
        )
        rows.append(
            [
                str(r.risk_id),
                str(r.name),
                str(r.owner) if isinstance(r.owner, str) else "–",
                f"{int(r.inherent_score)} ({int(r.inherent_likelihood)}×{int(r.inherent_impact)})",
                previous,
                f"{int(r.residual_score)} ({int(r.residual_likelihood)}×{int(r.residual_impact)})",
                status_label(r.rating),
                (
                    f"{int(r.target_score)} ({int(r.target_likelihood)}×{int(r.target_impact)})"
                    if pd.notna(r.target_score)
                    else "not set"
                ),
                direction_label(_risk_direction_word(r.direction), r.movement),
            ]
        )
    pdf.table_from(
        [
            "Risk",
            "Name",
            "Owner",
            "Inherent (L×I)",
            "Last month",
            "Residual (L×I)",
            "Rating",
            "Target (L×I)",
            "Since last month",
        ],
        rows,
        [14, 52, 58, 26, 18, 26, 24, 25, 30],
        status_cols=(6,),
        size=8.5,
        align=["LEFT", "LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT", "RIGHT", "LEFT"],
    )


def _risk_direction_word(direction: str) -> str:
    """Risk directions share the measure vocabulary (a lower score is improving)."""
    return direction if isinstance(direction, str) else "not_comparable"


def render_pack_pdf(pack: Pack, plan: PlanSection | None = None) -> bytes:
    """Lay out an already-gathered pack as PDF bytes (charts rendered in one kaleido session).

    `plan` adds the improvement plan section (exports.plan_pdf) after the risk register.
    """
    images = render_pack_images(pack, WIDE_PX, HEATMAP_PX, waiting_px=WIDE_PX)
    pdf = PackPDF(pack)
    _cover(pdf, pack)
    pdf.add_page()
    extra = plan.toc_entries if plan is not None else 0
    pdf.insert_toc_placeholder(_render_toc, pages=_toc_pages(pack, extra), reset_page_indices=False)
    pdf.fresh_page = True
    _summary(pdf, pack, images.rag)
    trend = iter(images.trends)
    for section in pack.priorities:
        _priority_intro(pdf, pack, section)
        for item in section.exceptions:
            _exception_page(pdf, item, next(trend))
    if len(pack.waiting_latest):
        _waiting_page(pdf, pack, images.waiting)
    from exports.sections import benchmark_pages, finance_page

    finance_page(pdf, pack)
    benchmark_pages(pdf, pack)
    _risk_pages(pdf, pack, images.heatmap)
    if pack.annex_groups:
        _annex_pages(pdf, pack)
    if plan is not None:
        plan.render(pdf)
    return bytes(pdf.output())


def build_pdf(
    data: Dataset,
    period: dt.date | pd.Timestamp | str,
    priority: str | None = None,
    settings: Settings | None = None,
) -> bytes:
    """The PDF board pack for one period (optionally one priority) as bytes, for a download."""
    pack = gather(data, period, priority, settings)
    from exports.plan_pdf import plan_section_for

    plan = plan_section_for(settings, data) if settings is not None and priority is None else None
    return render_pack_pdf(pack, plan)
