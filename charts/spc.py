"""Statistical process control chart (XmR, NHS "Making Data Count" colours) and its icon badges.

Plain Plotly (no Streamlit). Points are coloured AND shaped by point type and named in the
legend in words, so the chart never relies on colour alone.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts.performance import ACTUAL_COLOUR, base_layout, no_data_note
from metrics.formatting import unit_axis_title
from metrics.spc import POINT_TYPES, SPC_COLOURS, TARGET_LINE_DASH
from metrics.vocab import INK, MUTED, STATUS_FILL

POINT_NAMES: dict[str, str] = {
    "common_cause": "Common cause",
    "special_cause_improvement": "Special cause – improvement",
    "special_cause_concern": "Special cause – concern",
    "special_cause_neutral": "Special cause – neither",
}
POINT_SYMBOLS: dict[str, str] = {
    "common_cause": "circle",
    "special_cause_improvement": "diamond",
    "special_cause_concern": "square",
    "special_cause_neutral": "hexagon",
}
LIMIT_COLOUR = MUTED

#: Badge colours (fill, text) for the variation and assurance "icons", with WCAG AA text.
VARIATION_BADGE: dict[str, tuple[str, str]] = {
    "common_cause": (SPC_COLOURS["common_cause"], INK),
    "special_cause_improvement": (SPC_COLOURS["special_cause_improvement"], INK),
    "special_cause_concern": (SPC_COLOURS["special_cause_concern"], INK),
    "special_cause_neutral": (SPC_COLOURS["special_cause_neutral"], "#ffffff"),
    "insufficient_data": (STATUS_FILL["no_data"], INK),
}
ASSURANCE_BADGE: dict[str, tuple[str, str]] = {
    "consistently_pass": (SPC_COLOURS["special_cause_improvement"], INK),
    "consistently_fail": (SPC_COLOURS["special_cause_concern"], INK),
    "hit_and_miss": (SPC_COLOURS["common_cause"], INK),
    "none": (STATUS_FILL["no_data"], INK),
}
VARIATION_TITLE: dict[str, str] = {
    "common_cause": "Common cause variation",
    "special_cause_improvement": "Special cause – improvement",
    "special_cause_concern": "Special cause – concern",
    "special_cause_neutral": "Special cause – neither improvement nor concern",
    "insufficient_data": "Not enough data",
}
ASSURANCE_TITLE: dict[str, str] = {
    "consistently_pass": "Consistently passing the target",
    "consistently_fail": "Consistently failing the target",
    "hit_and_miss": "Hit and miss",
    "none": "No assurance",
}


def improvement_for(polarity: str | None) -> str:
    """The SPC improvement direction for a measure's polarity."""
    return {"higher_is_better": "increase", "lower_is_better": "decrease"}.get(
        polarity or "", "neutral"
    )


def spc_chart(
    result: pd.DataFrame,
    *,
    title: str,
    unit: str | None,
) -> go.Figure:
    """One series' XmR chart: points by point type, mean, process limits and target.

    `result` is `metrics.spc.xmr` output for ONE series (t, y, mean, lpl, upl, point_type and
    optionally target).
    """
    fig = go.Figure()
    base_layout(fig, title)
    rows = result.sort_values("t")
    rows = rows[pd.to_numeric(rows["y"], errors="coerce").notna()]
    if rows.empty:
        no_data_note(fig, "No figures to chart.")
    else:
        fig.add_trace(
            go.Scatter(
                x=list(rows["t"]),
                y=list(rows["y"]),
                mode="lines",
                name="Value",
                line={"color": SPC_COLOURS["common_cause"], "width": 1.5},
                hoverinfo="skip",
                showlegend=False,
            )
        )
        for point_type in POINT_TYPES:
            group = rows[rows["point_type"] == point_type]
            if group.empty:
                continue
            colour = SPC_COLOURS[point_type]
            fig.add_trace(
                go.Scatter(
                    x=list(group["t"]),
                    y=list(group["y"]),
                    mode="markers",
                    name=POINT_NAMES[point_type],
                    marker={
                        "symbol": POINT_SYMBOLS[point_type],
                        "color": colour,
                        "size": 10,
                        "line": {"color": ACTUAL_COLOUR, "width": 0.75},
                    },
                    customdata=list(group["special_cause_type"].fillna("")),
                    hovertemplate=f"%{{y:,}}<br>{POINT_NAMES[point_type]}"
                    "<br>%{customdata}<extra></extra>",
                )
            )
        lines = (
            ("mean", "Mean", {"color": ACTUAL_COLOUR, "width": 2}),
            ("upl", "Upper process limit", {"color": LIMIT_COLOUR, "width": 1.5, "dash": "dot"}),
            ("lpl", "Lower process limit", {"color": LIMIT_COLOUR, "width": 1.5, "dash": "dot"}),
        )
        for column, name, line in lines:
            values = pd.to_numeric(rows[column], errors="coerce")
            if values.notna().any():
                x, y = _broken_at_groups(rows, values)
                fig.add_trace(
                    go.Scatter(
                        x=x,
                        y=y,
                        mode="lines",
                        name=name,
                        line={**line, "shape": "hv"},
                        hovertemplate=f"{name}: %{{y:,.1f}}<extra></extra>",
                    )
                )
        if "target" in rows:
            target = pd.to_numeric(rows["target"], errors="coerce")
            if target.notna().any():
                fig.add_trace(
                    go.Scatter(
                        x=list(rows["t"]),
                        y=list(target),
                        mode="lines",
                        name="Target",
                        line={
                            "color": SPC_COLOURS["target"],
                            "width": 2,
                            "dash": TARGET_LINE_DASH,
                            "shape": "hv",
                        },
                        hovertemplate="Target: %{y:,}<extra></extra>",
                    )
                )
    fig.update_xaxes(title_text="Month", tickformat="%b %Y", hoverformat="%b %Y")
    fig.update_yaxes(title_text=unit_axis_title(unit), tickformat=",", hoverformat=",")
    fig.update_layout(hovermode="closest")
    return fig


def _broken_at_groups(rows: pd.DataFrame, values: pd.Series) -> tuple[list, list]:
    """x and y for a limit line with a gap where a new set of limits starts (a rebase)."""
    if "group" not in rows:
        return list(rows["t"]), list(values)
    x: list = []
    y: list = []
    previous = None
    for t, v, g in zip(rows["t"], values, rows["group"], strict=True):
        if previous is not None and g != previous:
            x.append(t)
            y.append(None)
        x.append(t)
        y.append(v)
        previous = g
    return x, y


def variation_badge(variation: str) -> tuple[str, str, str]:
    """(title, fill, text colour) of the variation icon for a `summarise` variation code."""
    fill, text = VARIATION_BADGE.get(variation, VARIATION_BADGE["insufficient_data"])
    return VARIATION_TITLE.get(variation, variation), fill, text


def assurance_badge(assurance: str) -> tuple[str, str, str]:
    """(title, fill, text colour) of the assurance icon for a `summarise` assurance code."""
    fill, text = ASSURANCE_BADGE.get(assurance, ASSURANCE_BADGE["none"])
    return ASSURANCE_TITLE.get(assurance, assurance), fill, text
