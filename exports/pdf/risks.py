"""The strategic risk register: the heat map with the highest scores, then every risk."""

from __future__ import annotations

import pandas as pd

from exports.pack import Pack
from exports.pdf.document import FONT, HEATMAP_PX, MARGIN, PAGE_H, PAGE_W, PackPDF
from metrics.periods import month_label
from metrics.showing import risk_caption
from metrics.vocab import direction_label, status_label


def risk_pages(pdf: PackPDF, pack: Pack, png: bytes | None) -> None:
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
