"""Benchmark chart: the council among its neighbours, England and the region for one year.

The council's bar is dark and labelled in words; every bar carries its value as text.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.performance import base_layout, no_data_note
from charts.text import chart_texts
from metrics.formatting import format_value, unit_axis_title

_COLOURS = {"council": "#0b0c0c", "england": "#d55e00", "region": "#e69f00", "neighbour": "#6baed6"}
_WORDS = {
    "council": "This council",
    "england": "England",
    "region": "Region",
    "neighbour": "Neighbour",
}


def neighbour_chart(rows: pd.DataFrame, title: str, unit: str) -> go.Figure:
    """Horizontal bars, lowest at the bottom; `rows` has comparator, value, kind."""
    fig = go.Figure()
    base_layout(fig, title)
    if rows.empty:
        no_data_note(fig, "No comparator figures for this measure and year.")
        return fig
    ordered = rows.sort_values("value")
    for kind, group in ordered.groupby("kind", sort=False):
        fig.add_trace(
            go.Bar(
                y=chart_texts(group["comparator"]),
                x=list(group["value"]),
                orientation="h",
                name=_WORDS.get(kind, kind),
                marker={"color": _COLOURS.get(kind, "#6baed6")},
                text=[format_value(v, unit) for v in group["value"]],
                textposition="outside",
                hovertemplate="%{y}: %{x:,}<extra></extra>",
            )
        )
    fig.update_yaxes(
        title_text="Council or comparator",
        categoryorder="array",
        categoryarray=chart_texts(ordered["comparator"]),
    )
    fig.update_xaxes(title_text=unit_axis_title(unit), tickformat=",")
    fig.update_layout(barmode="overlay", height=max(360, 34 * len(ordered) + 140))
    return fig
