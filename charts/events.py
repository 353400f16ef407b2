"""Events drawn on time charts: a dotted line and a short label at the top, in words.

A process change is drawn solid and labelled "New limits:", so the reader sees why the SPC
limits step there without relying on colour.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.text import chart_text
from metrics.periods import day_label, month_label
from metrics.vocab import INK

EVENT_COLOUR = "#6f4e9c"
LABEL_LIMIT = 38


def _short(text: str) -> str:
    return text if len(text) <= LABEL_LIMIT else text[: LABEL_LIMIT - 1].rstrip() + "…"


def add_events(fig: go.Figure, events: pd.DataFrame, *, start=None, end=None) -> go.Figure:
    """Mark each event within [start, end] on a chart whose x axis is dates (month starts)."""
    if events is None or events.empty:
        return fig
    for i, event in enumerate(events.sort_values("date").itertuples(index=False)):
        when = pd.Timestamp(event.date)
        month = pd.Timestamp(when.year, when.month, 1)
        if (start is not None and month < pd.Timestamp(start)) or (
            end is not None and month > pd.Timestamp(end)
        ):
            continue
        change = bool(event.process_change)
        fig.add_vline(
            x=month,
            line={
                "color": EVENT_COLOUR,
                "width": 2 if change else 1.5,
                "dash": "solid" if change else "dot",
            },
        )
        prefix = "New limits: " if change else "Event: "
        fig.add_annotation(
            x=month,
            y=1.0 - 0.07 * (i % 3),  # stagger so neighbouring labels do not overlap
            xref="x",
            yref="paper",
            text=chart_text(prefix + _short(str(event.label))),
            hovertext=chart_text(f"{day_label(when)}: {event.label}"),
            showarrow=False,
            xanchor="left",
            yanchor="top",
            font={"size": 12, "color": "#0b0c0c"},
            bgcolor="rgba(255,255,255,0.85)",
            bordercolor=EVENT_COLOUR,
            borderwidth=1,
        )
    return fig


def mark_start(fig: go.Figure, start: object, what: str) -> go.Figure:
    """A dashed line where something starts, labelled "<what> from Sep 2024".

    One mark for a replacement measure's first month and a new definition's first month.
    """
    month = pd.Timestamp(start)
    fig.add_vline(x=month, line={"color": INK, "dash": "dash", "width": 1.5})
    fig.add_annotation(
        x=month,
        y=1.02,
        yref="paper",
        text=chart_text(f"{what} from {month_label(month)}"),
        showarrow=False,
        xanchor="left",
    )
    return fig
