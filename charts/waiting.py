"""Waiting-times charts: the list by team, wait lengths, time-waited bands, flows, and team lines.

Plain Plotly figures (no Streamlit) shared by the pages and the PDF/PPTX exports. Every chart
has a title, axis titles with units, UK month ticks, thousands separators, the target where the
measure has one and published figures as open diamonds named "Published figure".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from charts.performance import (
    ACTUAL_COLOUR,
    FONT,
    anchor_trace,
    base_layout,
    no_data_note,
    target_trace,
)
from charts.text import chart_text
from metrics.formatting import unit_axis_title
from metrics.periods import period_starts

#: Okabe-Ito colours (colour-blind safe) for up to seven teams, then repeated.
TEAM_COLOURS: tuple[str, ...] = (
    "#0072b2",
    "#e69f00",
    "#009e73",
    "#cc79a7",
    "#56b4e9",
    "#d55e00",
    "#8c7a00",
)
#: One line colour per wait measure (longest, mean, median) and per flow.
LINE_COLOURS: tuple[str, ...] = ("#0b0c0c", "#1d70b8", "#d55e00", "#6f4e9c")
#: Time-waited bands, longest first: drawn from the bottom of the stack, darkest first.
BAND_COLOURS: tuple[str, ...] = ("#08306b", "#2171b5", "#6baed6", "#c6dbef")
REFERRALS_COLOUR = "#e69f00"
COMPLETED_COLOUR = "#0072b2"
NET_UP_COLOUR = "#d55e00"  # list growing
NET_DOWN_COLOUR = "#009e73"  # list falling
MONTH_FORMAT = "%b %Y"
PERSON_AXIS = unit_axis_title("count")


def _months(values: pd.Series | Sequence[object]) -> pd.Series:
    """Periods as month-start Timestamps (accepts Timestamps or strict `YYYY-MM` strings)."""
    return period_starts(values)


def _sorted(rows: pd.DataFrame) -> pd.DataFrame:
    if rows.empty:
        return rows
    return rows.assign(period=_months(rows["period"]).to_numpy()).sort_values("period")


def _finish(fig: go.Figure, y_title: str, *, x_title: str = "Month") -> go.Figure:
    fig.update_xaxes(title_text=x_title, tickformat=MONTH_FORMAT, hoverformat=MONTH_FORMAT)
    fig.update_yaxes(title_text=y_title, tickformat=",", hoverformat=",", rangemode="tozero")
    return fig


def _line(rows: pd.DataFrame, name: str, colour: str, hover: str, **style) -> go.Scatter:
    """A measure's monthly line, 3 px wide; `hover` is the hover's label and unit template."""
    return go.Scatter(
        x=list(rows["period"]),
        y=list(rows["actual"]),
        mode=style.pop("mode", "lines"),
        name=chart_text(name),
        line={"color": colour, "width": 3},
        hovertemplate=f"{hover}<extra></extra>",
        **style,
    )


def _team_trace(group: pd.DataFrame, name: object, colour: str, *, width: float) -> go.Scatter:
    """One team's monthly figures as a line (areas stack these)."""
    return go.Scatter(
        x=list(group["period"]),
        y=list(group["actual"]),
        mode="lines",
        name=chart_text(name),
        line={"color": colour, "width": width},
        hovertemplate=f"{chart_text(name)}: %{{y:,}}<extra></extra>",
    )


def _add_target_and_anchors(
    fig: go.Figure,
    rows: pd.DataFrame,
    anchors: pd.DataFrame | None,
    window: tuple[pd.Timestamp | None, pd.Timestamp | None],
    *,
    target: dict | None = None,
    **anchor_style,
) -> bool:
    """The line's target (if it has one) and the published figures in `window`; whether any
    published figure was drawn."""
    for trace in target_trace(rows, **(target or {})):
        fig.add_trace(trace)
    traces = anchor_trace(anchors, *window, **anchor_style)
    for trace in traces:
        fig.add_trace(trace)
    return bool(traces)


def waiting_list_by_team(
    team_rows: pd.DataFrame,
    whole: pd.DataFrame,
    *,
    team: str = "",
    anchors: pd.DataFrame | None = None,
    title: str = "People waiting for a Care Act assessment",
    breakdown: str = "team",
) -> go.Figure:
    """Stacked areas of each team's list with the total line, target and published figures.

    `team_rows` (period, team, actual) are the team rows; `whole` (period, actual, target) the
    whole-measure rows. With `team` set only that team's area is drawn, without the service
    total, target or published figures (they describe the whole service). `breakdown` names
    what the team column holds for this list (team, priority).
    """
    fig = go.Figure()
    heading = f"{title}, by {breakdown}" if breakdown else title
    base_layout(fig, f"{title} – {team} {breakdown}" if team else heading)
    total_name = "All teams (total)" if breakdown == "team" else f"All ({breakdown} total)"
    rows = _sorted(team_rows)
    if team:
        rows = rows[rows["team"] == team]
    teams = sorted(rows["team"].unique()) if len(rows) else []
    for i, name in enumerate(teams):
        colour = TEAM_COLOURS[i % len(TEAM_COLOURS)]
        area = _team_trace(rows[rows["team"] == name], name, colour, width=0.5)
        fig.add_trace(area.update(stackgroup="teams", fillcolor=colour))
    total = _sorted(whole)
    start = end = None
    if len(rows):
        start, end = rows["period"].min(), rows["period"].max()
    if not team and len(total):
        start = total["period"].min() if start is None else min(start, total["period"].min())
        end = total["period"].max() if end is None else max(end, total["period"].max())
        fig.add_trace(_line(total, total_name, ACTUAL_COLOUR, "Total: %{y:,}"))
        target = {"colour": ACTUAL_COLOUR, "width": 3}
        _add_target_and_anchors(fig, total, anchors, (start, end), target=target)
    if not teams and (team or total.empty):
        no_data_note(fig, "No waiting-list figures for this selection.")
    fig.update_layout(hovermode="x unified")
    return _finish(fig, PERSON_AXIS)


def wait_lengths(
    series: Mapping[str, pd.DataFrame],
    *,
    anchors: Mapping[str, pd.DataFrame] | None = None,
    title: str = "How long people have waited",
) -> go.Figure:
    """Longest, mean and median waits (days) with each one's target and published figures.

    `series` maps a line name ("Longest wait") to rows (period, actual, optional target);
    `anchors` maps the same names to published figures (period, value).
    """
    fig = go.Figure()
    base_layout(fig, title)
    shown_anchor = False
    any_rows = False
    for i, (name, frame) in enumerate(series.items()):
        rows = _sorted(frame)
        if rows.empty:
            continue
        any_rows = True
        colour = LINE_COLOURS[i % len(LINE_COLOURS)]
        fig.add_trace(_line(rows, name, colour, f"{chart_text(name)}: %{{y:,}} days"))
        drawn = _add_target_and_anchors(
            fig,
            rows,
            (anchors or {}).get(name),
            (rows["period"].min(), rows["period"].max()),
            target={"name": f"Target: {name.lower()}", "colour": colour},
            showlegend=not shown_anchor,
            colour=colour,
        )
        shown_anchor = shown_anchor or drawn
    if not any_rows:
        no_data_note(fig, "No wait-length figures for this selection.")
    fig.update_layout(hovermode="x unified")
    return _finish(fig, unit_axis_title("days"))


def waits_by_band(
    bands: pd.DataFrame,
    band_order: Sequence[str],
    *,
    target: pd.DataFrame | None = None,
    target_band: str | None = None,
    title: str = "People waiting by time waited",
) -> go.Figure:
    """Stacked monthly bars of the list split into time-waited bands, longest at the bottom.

    `bands` has period, band, actual; `band_order` lists the bands bottom first; `target`
    (period, target) is the bottom band's target, drawn as a dashed line.
    """
    fig = go.Figure()
    base_layout(fig, title)
    rows = _sorted(bands)
    for i, band in enumerate(band_order):
        group = rows[rows["band"] == band] if len(rows) else rows
        fig.add_trace(
            go.Bar(
                x=list(group["period"]) if len(group) else [],
                y=list(group["actual"]) if len(group) else [],
                name=chart_text(band),
                marker={"color": BAND_COLOURS[i % len(BAND_COLOURS)], "line": {"width": 0}},
                hovertemplate=f"{chart_text(band)}: %{{y:,}}<extra></extra>",
            )
        )
    if target is not None and len(target):
        label = f"Target: {target_band}" if target_band else "Target"
        for trace in target_trace(_sorted(target), label, "#d4351c", width=3):
            fig.add_trace(trace)
    if rows.empty:
        no_data_note(fig, "No time-waited figures for this selection.")
    fig.update_layout(
        barmode="stack", bargap=0.15, hovermode="x unified", legend={"traceorder": "normal"}
    )
    return _finish(fig, PERSON_AXIS)


def referrals_and_completions(
    referrals: pd.DataFrame,
    completed: pd.DataFrame,
    *,
    title: str = "Referrals received and assessments completed",
) -> go.Figure:
    """Monthly referrals against completions (with the completions target) and the net change.

    The lower panel's net change is completed − referrals: above zero the list is being worked
    down, below zero it is growing.
    """
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        row_heights=[0.68, 0.32],
        vertical_spacing=0.08,
    )
    base_layout(fig, title)
    ref = _sorted(referrals)
    done = _sorted(completed)
    for rows, name, colour in (
        (ref, "Referrals received", REFERRALS_COLOUR),
        (done, "Assessments completed", COMPLETED_COLOUR),
    ):
        fig.add_trace(
            go.Bar(
                x=list(rows["period"]),
                y=list(rows["actual"]),
                name=name,
                marker={"color": colour},
                hovertemplate=f"{name}: %{{y:,}}<extra></extra>",
            ),
            row=1,
            col=1,
        )
    for trace in target_trace(done, "Target: assessments completed"):
        fig.add_trace(trace, row=1, col=1)
    net = (
        pd.concat(
            {
                "referrals": ref.set_index("period")["actual"],
                "completed": done.set_index("period")["actual"],
            },
            axis=1,
            sort=True,
        ).dropna()
        if len(ref) and len(done)
        else pd.DataFrame(columns=["referrals", "completed"])
    )
    change = net["completed"] - net["referrals"]
    fig.add_trace(
        go.Bar(
            x=list(change.index),
            y=list(change),
            name="Net change (completed − referrals)",
            marker={
                "color": [NET_DOWN_COLOUR if c > 0 else NET_UP_COLOUR for c in change],
                "pattern": {"shape": ["" if c > 0 else "/" for c in change]},
            },
            hovertemplate="Net change: %{y:+,}<extra></extra>",
        ),
        row=2,
        col=1,
    )
    if ref.empty and done.empty:
        no_data_note(fig, "No referral or completion figures for this selection.")
    fig.update_layout(barmode="group", bargap=0.2, hovermode="x unified")
    fig.update_xaxes(tickformat=MONTH_FORMAT, hoverformat=MONTH_FORMAT)
    fig.update_xaxes(title_text="Month", row=2, col=1)
    fig.update_yaxes(title_text="Number per month", tickformat=",", hoverformat=",", row=1)
    fig.update_yaxes(
        title_text="Net change<br>(+ = list falling)",
        tickformat=",",
        hoverformat="+,",
        zeroline=True,
        zerolinecolor=ACTUAL_COLOUR,
        row=2,
    )
    return fig


def measure_line(
    rows: pd.DataFrame,
    *,
    title: str,
    unit: str | None,
    anchors: pd.DataFrame | None = None,
    name: str = "Actual",
) -> go.Figure:
    """One measure's monthly line with its target and published figures."""
    fig = go.Figure()
    base_layout(fig, title)
    data = _sorted(rows)
    if len(data):
        hover = f"{chart_text(name)}: %{{y:,}}"
        line = _line(data, name, ACTUAL_COLOUR, hover, mode="lines+markers")
        fig.add_trace(line.update(marker={"size": 5}))
        _add_target_and_anchors(fig, data, anchors, (data["period"].min(), data["period"].max()))
    else:
        no_data_note(fig, "No figures for this selection.")
    fig.update_layout(hovermode="x unified")
    return _finish(fig, unit_axis_title(unit))


def team_lines(
    team_rows: pd.DataFrame,
    *,
    title: str,
    unit: str | None,
) -> go.Figure:
    """One line per team for a measure with team rows (teams side by side, not stacked)."""
    fig = go.Figure()
    base_layout(fig, title)
    rows = _sorted(team_rows)
    for i, (name, group) in enumerate(rows.groupby("team", sort=True) if len(rows) else []):
        fig.add_trace(_team_trace(group, name, TEAM_COLOURS[i % len(TEAM_COLOURS)], width=2.5))
    if rows.empty:
        no_data_note(fig, "No team figures for this measure.")
    fig.update_layout(hovermode="x unified")
    return _finish(fig, unit_axis_title(unit))


def add_ytd_line(fig: go.Figure, rows: pd.DataFrame, unit: str | None) -> go.Figure:
    """Add the year-to-date actual as a secondary line when it says something the actual doesn't.

    A YTD equal to the month's figure (a snapshot measure) adds nothing and is skipped; a
    cumulative YTD much larger than the monthly figures gets its own right-hand axis.
    """
    data = _sorted(rows)
    if data.empty or "ytd_actual" not in data:
        return fig
    ytd = pd.to_numeric(data["ytd_actual"], errors="coerce")
    actual = pd.to_numeric(data["actual"], errors="coerce")
    if ytd.notna().sum() == 0 or ytd.fillna(0).equals(actual.fillna(0)):
        return fig
    cumulative = ytd.max() > 2 * max(actual.max(), 0)
    trace = go.Scatter(
        x=list(data["period"]),
        y=list(ytd),
        mode="lines",
        name="Year to date" + (" (right axis)" if cumulative else ""),
        line={"color": "#6f4e9c", "width": 2, "dash": "dot"},
        hovertemplate="Year to date: %{y:,}<extra></extra>",
        yaxis="y2" if cumulative else "y",
    )
    fig.add_trace(trace)
    if cumulative:
        fig.update_layout(
            yaxis2={
                "title": {"text": f"Year to date: {unit_axis_title(unit).lower()}"},
                "overlaying": "y",
                "side": "right",
                "tickformat": ",",
                "hoverformat": ",",
                "rangemode": "tozero",
                "showgrid": False,
                "tickfont": {"family": FONT},
            },
            margin={"r": 80},
        )
    return fig
