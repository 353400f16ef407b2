"""A replaced measure and its replacement on one chart, with the change of measure marked."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.events import mark_start
from charts.performance import base_layout, no_data_note
from metrics.formatting import unit_axis_title
from metrics.vocab import STATUS_FILL

OLD_COLOUR = STATUS_FILL["monitoring"]  # the grey of monitoring-only: the old series is history
NEW_COLOUR = "#1d3f8f"


def replacement_figure(
    old: pd.DataFrame, new: pd.DataFrame, old_id: str, new_id: str, unit: str
) -> go.Figure:
    """Both measures' actuals by month; a dashed line where the new measure's history begins."""
    fig = go.Figure()
    base_layout(fig, f"{old_id} replaced by {new_id}: both histories")
    for rows, measure_id, colour, dash in (
        (old, old_id, OLD_COLOUR, "dot"),
        (new, new_id, NEW_COLOUR, "solid"),
    ):
        rows = rows.sort_values("period")
        fig.add_trace(
            go.Scatter(
                x=rows["period"],
                y=pd.to_numeric(rows["actual"], errors="coerce"),
                mode="lines+markers",
                name=f"{measure_id} actual",
                line={"color": colour, "dash": dash, "width": 2.5},
                marker={"symbol": "circle" if measure_id == new_id else "square", "size": 7},
            )
        )
    if len(new):
        mark_start(fig, new["period"].min(), new_id)
    if old.empty and new.empty:
        no_data_note(fig, "Neither measure has reported a figure yet.")
    fig.update_xaxes(title_text="Month", tickformat="%b %Y")
    fig.update_yaxes(title_text=unit_axis_title(unit))
    return fig
