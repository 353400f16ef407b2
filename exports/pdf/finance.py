"""Table 13: the Adult Services budget, forecast, variance, change and traffic light."""

from __future__ import annotations

from exports.pack import Pack
from exports.pdf.document import PackPDF
from exports.sections import finance_display
from metrics.periods import month_long


def finance_page(pdf: PackPDF, pack: Pack) -> None:
    """Table 13: budget, forecast, variance, change and traffic light."""
    shown = finance_display(pack)
    if shown.empty or pack.finance_period is None:
        return
    pdf.new_page()
    pdf.heading(f"Table 13: Adult Services budget, {month_long(pack.finance_period)}")
    cols = list(shown.columns)
    pdf.table_from(
        cols,
        [[str(r[c]) for c in cols] for _, r in shown.iterrows()],
        [70, 30, 30, 28, 24, 32, 26, 30],
        status_cols=(7,),
        size=9,
        align=["LEFT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "RIGHT", "LEFT"],
    )
    pdf.paragraph(pack.finance_rule, size=8)
