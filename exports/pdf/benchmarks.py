"""Benchmarks: England, region and nearest neighbours, as the ASCOF annex prints them."""

from __future__ import annotations

from exports.pack import Pack
from exports.pdf.document import PackPDF
from exports.sections import benchmark_display


def benchmark_pages(pdf: PackPDF, pack: Pack) -> None:
    """The ASCOF-annex style table, with the rule under it."""
    shown = benchmark_display(pack)
    if shown.empty:
        return
    pdf.new_page()
    pdf.heading("Benchmarks: England, region and nearest neighbours")
    cols = list(shown.columns)[1:]
    pdf.table_from(
        cols,
        [[str(r[c]) for c in cols] for _, r in shown.iterrows()],
        [64, 18, 22, 22, 22, 24, 30, 26, 26, 19],
        size=8,
        align=[
            "LEFT",
            "LEFT",
            "RIGHT",
            "RIGHT",
            "RIGHT",
            "RIGHT",
            "LEFT",
            "RIGHT",
            "RIGHT",
            "RIGHT",
        ],
    )
    pdf.paragraph(pack.benchmark_rule, size=8)
    pdf.paragraph(
        "Gap: percentage points (pp) for percentages; % of England's value otherwise.", size=8
    )
