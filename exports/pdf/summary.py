"""The summary pages: Table 1 counts, the RAG chart, Tables 3 and 2, and the Status of Indicators."""

from __future__ import annotations

from exports.pack import Pack
from exports.pdf.document import CONTENT_W, MARGIN, PAGE_H, WIDE_PX, PackPDF
from metrics.exceptions import EXCEPTION_DEFINITION
from metrics.periods import month_label
from metrics.priority_status import RULE_TEXT
from metrics.reported import NO_DATA_REASONS, disagreement
from metrics.vocab import STATUSES, status_label


def count_text(n: int, pct: float) -> str:
    return f"{n:,} ({pct:.0f}%)" if n else "0"


def summary_pages(pdf: PackPDF, pack: Pack, rag_png: bytes) -> None:
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
                *[count_text(int(r[s]), float(r[f"{s}_pct"])) for s in shown],
                count_text(int(r["amber_2plus"]), float(r["amber_2plus_pct"])),
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
                *[count_text(int(totals[s]), 100 * totals[s] / grand) for s in shown],
                count_text(int(totals["amber_2plus"]), 100 * totals["amber_2plus"] / grand),
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

    table3(pdf, pack)
    table2_financial_year(pdf, pack)
    indicators(pdf, pack)

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


def table3(pdf: PackPDF, pack: Pack) -> None:
    """Table 3: the measures reporting Red, by name, as the council prints it."""
    red = pack.red_measures
    pdf.room_for(30 + 6 * len(red))
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


def table2_financial_year(pdf: PackPDF, pack: Pack) -> None:
    """Table 2 as the council prints it: each month of the financial year, counts and shares."""
    table = pack.table2_financial_year
    if table.empty:
        return
    pdf.room_for(24 + 6 * len(table))
    pdf.heading(f"Table 2: measures by month, financial year {pack.financial_year}", 1, 12)
    widths = [40, 40, 40, 40, 50, 45, 18]
    pdf.table_from(
        list(table.columns),
        [[str(v) for v in r] for r in table.itertuples(index=False)],
        widths,
        size=8.5,
        align=["LEFT"] + ["RIGHT"] * (len(widths) - 1),
    )


def indicators(pdf: PackPDF, pack: Pack) -> None:
    """The Status of Indicators: each priority's status, the rule's, and the rule in words."""
    table = pack.indicators
    if table.empty:
        return
    pdf.room_for(40 + 6 * len(table))
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
