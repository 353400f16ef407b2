"""The PDF board pack (A4 landscape), section by section in the council's order."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from exports.pack import Pack
from exports.pack_images import gather, render_pack_images
from exports.pdf.annex import annex_pages
from exports.pdf.benchmarks import benchmark_pages
from exports.pdf.cover import cover_page, render_toc, toc_pages
from exports.pdf.document import HEATMAP_PX, WIDE_PX, PackPDF
from exports.pdf.exceptions import exception_page, priority_intro
from exports.pdf.finance import finance_page
from exports.pdf.plan import PlanSection, plan_section_for
from exports.pdf.risks import risk_pages
from exports.pdf.summary import summary_pages
from exports.pdf.waiting import waiting_page
from settings.config import Settings
from store.service import Dataset


def render_pack_pdf(pack: Pack, plan: PlanSection | None = None) -> bytes:
    """Lay out an already-gathered pack as PDF bytes (charts rendered in one kaleido session).

    `plan` adds the improvement plan section (exports.pdf.plan) after the risk register.
    """
    images = render_pack_images(pack, WIDE_PX, HEATMAP_PX, waiting_px=WIDE_PX)
    pdf = PackPDF(pack)
    cover_page(pdf, pack)
    pdf.add_page()
    extra = plan.toc_entries if plan is not None else 0
    pdf.insert_toc_placeholder(render_toc, pages=toc_pages(pack, extra), reset_page_indices=False)
    pdf.fresh_page = True
    summary_pages(pdf, pack, images.rag)
    trend = iter(images.trends)
    for section in pack.priorities:
        priority_intro(pdf, pack, section)
        for item in section.exceptions:
            exception_page(pdf, item, next(trend))
    if len(pack.waiting_latest):
        waiting_page(pdf, pack, images.waiting)
    finance_page(pdf, pack)
    benchmark_pages(pdf, pack)
    risk_pages(pdf, pack, images.heatmap)
    if pack.annex_groups:
        annex_pages(pdf, pack)
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
    plan = plan_section_for(settings, data) if settings is not None and priority is None else None
    return render_pack_pdf(pack, plan)
