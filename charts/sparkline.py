"""A small inline SVG line for a KPI tile, with its meaning as the image's accessible name.

The metric's own sparkline (a Vega chart) has no text alternative, which axe reports; this one
is a plain `role="img"` SVG whose label says what the line shows.
"""

from __future__ import annotations

import html
import math


def sparkline_svg(
    values: list[float], label: str, width: int = 240, height: int = 44, colour: str = "#0b0c0c"
) -> str:
    """An SVG polyline through `values` (gaps skipped) scaled to the box; "" with < 2 points."""
    points = [(i, v) for i, v in enumerate(values) if v is not None and not math.isnan(v)]
    if len(points) < 2:
        return ""
    low = min(v for _, v in points)
    high = max(v for _, v in points)
    span = (high - low) or 1.0
    last = max(i for i, _ in points) or 1
    pad = 4
    xy = " ".join(
        f"{pad + (width - 2 * pad) * i / last:.1f},"
        f"{pad + (height - 2 * pad) * (1 - (v - low) / span):.1f}"
        for i, v in points
    )
    end_x, end_y = xy.rsplit(" ", 1)[-1].split(",")
    name = html.escape(label, quote=True)
    return (
        f'<svg role="img" aria-label="{name}" width="100%" height="{height}" '
        f'viewBox="0 0 {width} {height}" preserveAspectRatio="none">'
        f"<title>{name}</title>"
        f'<polyline points="{xy}" fill="none" stroke="{colour}" stroke-width="2" '
        'vector-effect="non-scaling-stroke"/>'
        f'<circle cx="{end_x}" cy="{end_y}" r="3" fill="{colour}"/></svg>'
    )
