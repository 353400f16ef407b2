"""Finance chart: the forecast year-end variance by period, with the traffic-light thresholds.

Plain Plotly (no Streamlit); bars carry the light's word in the hover so colour is never alone.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.performance import base_layout, no_data_note
from metrics.finance import FinanceThresholds
from metrics.vocab import INK, MUTED, STATUS_FILL, status_label


def variance_trend(
    totals: pd.DataFrame, thresholds: FinanceThresholds, title: str = "Forecast variance"
) -> go.Figure:
    """Bars of the total variance as % of net budget; dashed lines at the Amber and Red bounds.

    `totals` has period, variance_pct and light (one row per period).
    """
    fig = go.Figure()
    base_layout(fig, title)
    rows = totals.dropna(subset=["variance_pct"]).sort_values("period")
    if rows.empty:
        no_data_note(fig, "No budget figures for this selection.")
    fig.add_trace(
        go.Bar(
            x=list(rows["period"]),
            y=list(rows["variance_pct"]),
            name="Forecast variance (% of net budget)",
            marker={"color": [STATUS_FILL.get(s, STATUS_FILL["no_data"]) for s in rows["light"]]},
            customdata=[status_label(s) for s in rows["light"]],
            hovertemplate="%{y:.2f}% of net budget · %{customdata}<extra></extra>",
        )
    )
    for value, name, colour in (
        (thresholds.amber_above_pct, f"Amber above {thresholds.amber_above_pct:g}%", MUTED),
        (thresholds.red_above_pct, f"Red above {thresholds.red_above_pct:g}%", INK),
    ):
        fig.add_trace(
            go.Scatter(
                x=list(rows["period"]),
                y=[value] * len(rows),
                mode="lines",
                name=name,
                line={
                    "dash": "dash",
                    "width": 2,
                    "color": colour,
                },
                hoverinfo="skip",
            )
        )
    fig.update_xaxes(title_text="Period", tickformat="%b %Y")
    fig.update_yaxes(title_text="Variance, % of net budget", ticksuffix="%")
    return fig
