"""The pack's charts as PNGs, rendered once for the PDF and PowerPoint alike.

Both formats draw the same figures (RAG by priority, each exception's trend, the waiting list,
the risk heat map) at their own sizes; this gathers the jobs, renders them in one kaleido
session and hands each format its images by name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from exports.pack import CHART_SCALE, TREND_PX, Pack, build_pack, require_charts
from exports.static_charts import prestart, render_sized
from settings.config import Settings
from store.service import Dataset

Size = tuple[int, int]


@dataclass(frozen=True)
class PackImages:
    """PNG bytes of each chart; None where the pack has no such figure (or it was not asked)."""

    rag: bytes
    trends: list[bytes]
    waiting: bytes | None
    heatmap: bytes | None


def render_pack_images(
    pack: Pack, rag_px: Size, heatmap_px: Size, waiting_px: Size | None = None
) -> PackImages:
    """Every chart of `pack` at the given sizes (exception trends at TREND_PX)."""
    jobs = [(require_charts(pack), *rag_px)] + [(i.figure, *TREND_PX) for i in pack.exceptions]
    with_waiting = waiting_px is not None and pack.waiting_figure is not None
    if with_waiting:
        jobs.append((pack.waiting_figure, *waiting_px))  # type: ignore[misc]
    if pack.heatmap_figure is not None:
        jobs.append((pack.heatmap_figure, *heatmap_px))
    pngs = render_sized(jobs, CHART_SCALE, pack.images)
    rag, rest = pngs[0], pngs[1:]
    trends, rest = rest[: len(pack.exceptions)], rest[len(pack.exceptions) :]
    waiting = rest.pop(0) if with_waiting else None
    heatmap = rest.pop(0) if pack.heatmap_figure is not None else None
    return PackImages(rag, list(trends), waiting, heatmap)


def gather(
    data: Dataset,
    period: dt.date | pd.Timestamp | str,
    priority: str | None = None,
    settings: Settings | None = None,
) -> Pack:
    """The pack with charts, chromium already starting on its own thread meanwhile."""
    prestart()
    return build_pack(data, period, priority, settings)
