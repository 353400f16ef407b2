"""Waiting times: the latest figure of each waiting list, and the chart of the lists."""

from __future__ import annotations

from exports.pack import Pack
from exports.pdf.document import CONTENT_W, MARGIN, PAGE_H, WIDE_PX, PackPDF


def waiting_page(pdf: PackPDF, pack: Pack, png: bytes | None) -> None:
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
