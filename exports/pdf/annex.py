"""Annex A: every measure by priority, in the council's columns."""

from __future__ import annotations

from exports.pack import Pack
from exports.pdf.document import PAGE_H, PackPDF

#: Annex A column widths in mm (they add up to the page's 273 mm of content).
ANNEX_WIDTHS = (34, 17, 17, 30, 26, 14, 16, 16, 13, 13, 16, 13, 13, 16, 19)


def annex_pages(pdf: PackPDF, pack: Pack) -> None:
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
