"""Strategic risk charts: the 5 x 5 likelihood x impact heat map and one risk's score history.

Plain Plotly (no Streamlit). Bands are shown by colour, by symbol (★ ● ▲) and by word, never
by colour alone.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from charts.performance import ACTUAL_COLOUR, base_layout, no_data_note
from metrics.risk import band_label, cell_label, risk_rating, risk_score
from metrics.risk import band_ranges as band_ranges  # the Risks page's captions import it here
from metrics.vocab import STATUS_FILL, STATUS_TINT, status_label

#: Light tints of the RAG colours for the heat-map cells, so the markers on top stay visible.
CELL_FILL: dict[str, str] = dict(STATUS_TINT)
BANDS: tuple[str, ...] = ("green", "amber", "red")
INHERENT_COLOUR = "#505a5f"
RESIDUAL_COLOUR = "#1d3f8f"
TARGET_MARK_COLOUR = "#0b0c0c"
MOVE_COLOUR = "#6f4e9c"
SCORE_AXIS = "Risk score (likelihood × impact)"


def cell_bands(amber_from: int = 9, red_from: int = 16) -> pd.DataFrame:
    """The 25 cells of the matrix with their score and rating band (one row per cell)."""
    cells = pd.DataFrame(
        [(lik, imp) for lik in range(1, 6) for imp in range(1, 6)],
        columns=["likelihood", "impact"],
    )
    cells["score"] = risk_score(cells["likelihood"], cells["impact"])
    cells["band"] = risk_rating(cells["score"], amber_from, red_from)
    return cells


#: The page draws cells about this many pixels square; label and marker sizes are fitted to it.
CELL_PX = 90
_TOP, _BOTTOM, _MAX_STEP = 0.22, -0.44, 0.16


def _step(n: int) -> float:
    rows = math.ceil(n / 2)
    return min(_MAX_STEP, (_TOP - _BOTTOM) / max(rows - 1, 1))


def label_size(n: int) -> int:
    """Label font size (px) for a cell of n markers: a row's height, at most 11 px."""
    return max(7, min(11, int(_step(n) * CELL_PX * 0.85)))


def marker_size(n: int) -> int:
    """Marker diameter (px) for a cell of n markers, so a row's markers never touch."""
    return max(6, min(11, int(_step(n) * CELL_PX * 0.9)))


def _slots(n: int) -> list[tuple[float, float]]:
    """Offsets inside a cell for n labelled markers: rows of two, spaced so a marker and its
    4-character label never reach the next one (rows closer, type smaller, when crowded).

    Rows start below the score in the top-right corner; each label sits to its marker's right.
    """
    if n <= 0:
        return []
    xs = [-0.42, 0.04]
    cols = len(xs)
    top = _TOP
    step = _step(n)
    if n <= cols:  # a lone row sits in the middle of the cell
        return [(xs[i], 0.0) for i in range(n)]
    return [(xs[i % cols], top - step * (i // cols)) for i in range(n)]


def _positions(register: pd.DataFrame, kinds: tuple[str, ...]) -> pd.DataFrame:
    """One row per (risk, kind) with its cell and a spread-out x/y inside that cell."""
    records = []
    for kind in kinds:
        for row in register.itertuples(index=False):
            lik = getattr(row, f"{kind}_likelihood")
            imp = getattr(row, f"{kind}_impact")
            if pd.isna(lik) or pd.isna(imp):
                continue
            records.append(
                {"risk_id": row.risk_id, "kind": kind, "likelihood": int(lik), "impact": int(imp)}
            )
    frame = pd.DataFrame(records, columns=["risk_id", "kind", "likelihood", "impact"])
    if frame.empty:
        return frame.assign(x=[], y=[], crowd=[])
    xs, ys, crowd = [], [], []
    slot_of: dict[tuple[int, int], list[tuple[float, float]]] = {}
    counts = frame.groupby(["likelihood", "impact"]).size()
    used: dict[tuple[int, int], int] = {}
    for row in frame.itertuples(index=False):
        cell = (row.likelihood, row.impact)
        if cell not in slot_of:
            slot_of[cell] = _slots(int(counts[cell]))
        i = used.get(cell, 0)
        used[cell] = i + 1
        dx, dy = slot_of[cell][i]
        xs.append(row.impact + dx)
        ys.append(row.likelihood + dy)
        crowd.append(int(counts[cell]))
    return frame.assign(x=xs, y=ys, crowd=crowd)


_KIND_STYLE = {
    "inherent": (
        "Inherent (before controls)",
        {
            "symbol": "circle-open",
            "color": INHERENT_COLOUR,
            "line": {"width": 2, "color": INHERENT_COLOUR},
        },
    ),
    "residual": (
        "Current residual",
        {"symbol": "circle", "color": RESIDUAL_COLOUR, "line": {"color": "#ffffff", "width": 1}},
    ),
    "target": (
        "Target",
        {
            "symbol": "x-thin",
            "color": TARGET_MARK_COLOUR,
            "line": {"width": 2.5, "color": TARGET_MARK_COLOUR},
        },
    ),
}


def _band_key(band: str, amber_from: int, red_from: int) -> go.Scatter:
    """A legend-only entry naming a rating band's cell colour in words (e.g. "★ Green (1–8)")."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        name=band_label(band, amber_from, red_from),
        marker={
            "symbol": "square",
            "size": 14,
            "color": CELL_FILL[band],
            "line": {"color": STATUS_FILL[band], "width": 2},
        },
        hoverinfo="skip",
    )


def risk_heatmap(
    register: pd.DataFrame,
    *,
    amber_from: int = 9,
    red_from: int = 16,
    focus: str | None = None,
    kinds: tuple[str, ...] = ("inherent", "residual", "target"),
    title: str = "Strategic risks: likelihood × impact",
) -> go.Figure:
    """The 5 x 5 matrix coloured by band, with each risk's inherent, residual and target position.

    `register` is `metrics.risk.risk_register` output for one month. A risk whose residual
    position moved since last month gets a line with an arrow from last month's cell.
    `focus` draws that risk's markers larger and its labels bold.
    """
    fig = go.Figure()
    base_layout(fig, title)
    cells = cell_bands(amber_from, red_from)
    z = [[0] * 5 for _ in range(5)]
    text = [[""] * 5 for _ in range(5)]
    for cell in cells.itertuples(index=False):
        z[cell.likelihood - 1][cell.impact - 1] = BANDS.index(cell.band)
        text[cell.likelihood - 1][cell.impact - 1] = (
            f"Likelihood {cell.likelihood} × impact {cell.impact} = {cell.score}"
            f"<br>{status_label(cell.band)} band"
        )
    scale = []
    for i, band in enumerate(BANDS):
        scale += [[i / 3, CELL_FILL[band]], [(i + 1) / 3, CELL_FILL[band]]]
    fig.add_trace(
        go.Heatmap(
            x=[1, 2, 3, 4, 5],
            y=[1, 2, 3, 4, 5],
            z=z,
            zmin=-0.5,
            zmax=2.5,
            colorscale=scale,
            showscale=False,
            text=text,
            hovertemplate="%{text}<extra></extra>",
            xgap=3,
            ygap=3,
            name="Rating band",
        )
    )
    fig.update_layout(
        annotations=[
            {
                "x": cell.impact + 0.45,
                "y": cell.likelihood + 0.45,
                "text": cell_label(cell.band, cell.score),
                "showarrow": False,
                "xanchor": "right",
                "yanchor": "top",
                "font": {"size": 12, "color": "#383f43"},
            }
            for cell in cells.itertuples(index=False)
        ]
    )
    for band in BANDS:  # legend keys for the cell colours, in words
        fig.add_trace(_band_key(band, amber_from, red_from))
    points = _positions(register, kinds)
    residual_xy = {}
    for kind in kinds:
        name, marker = _KIND_STYLE[kind]
        group = points[points["kind"] == kind]
        if kind == "residual":
            residual_xy = {r.risk_id: (r.x, r.y) for r in group.itertuples(index=False)}
        focused = [rid == focus for rid in group["risk_id"]]
        fig.add_trace(
            go.Scatter(
                x=list(group["x"]),
                y=list(group["y"]),
                mode="markers+text",
                name=name,
                text=[
                    f"<b>{rid}</b>" if f else rid
                    for rid, f in zip(group["risk_id"], focused, strict=True)
                ],
                textposition="middle right",
                textfont={
                    "size": [
                        label_size(c) + (1 if f and c <= 10 else 0)
                        for c, f in zip(group["crowd"], focused, strict=True)
                    ],
                    "color": ACTUAL_COLOUR,
                },
                marker={
                    **marker,
                    "size": [
                        marker_size(c) + (3 if f and c <= 10 else 0)
                        for c, f in zip(group["crowd"], focused, strict=True)
                    ],
                },
                customdata=list(group["risk_id"]),
                hovertemplate=f"%{{customdata}}: {name.lower()}<br>likelihood %{{y:.0f}}, "
                "impact %{x:.0f}<extra></extra>",
            )
        )
    _movements(fig, register, residual_xy)
    fig.update_xaxes(
        title_text="Impact (1 = minimal, 5 = severe)",
        range=[0.5, 5.5],
        tickvals=[1, 2, 3, 4, 5],
        showgrid=False,
        zeroline=False,
        constrain="domain",
    )
    fig.update_yaxes(
        title_text="Likelihood (1 = rare, 5 = almost certain)",
        range=[0.5, 5.5],
        tickvals=[1, 2, 3, 4, 5],
        showgrid=False,
        zeroline=False,
        scaleanchor="x",
        scaleratio=1,
        constrain="domain",
    )
    fig.update_layout(legend={"y": -0.12}, margin={"b": 110})
    if register.empty:
        no_data_note(fig, "No risk assessments for this month.")
    return fig


def _movements(
    fig: go.Figure, register: pd.DataFrame, residual_xy: dict[str, tuple[float, float]]
) -> None:
    """A line and arrow from last month's residual cell to this month's residual marker."""
    needed = {"previous_residual_likelihood", "previous_residual_impact"}
    if register.empty or not needed <= set(register.columns):
        return
    first = True
    for row in register.itertuples(index=False):
        lik, imp = row.previous_residual_likelihood, row.previous_residual_impact
        if pd.isna(lik) or pd.isna(imp) or row.risk_id not in residual_xy:
            continue
        if int(lik) == int(row.residual_likelihood) and int(imp) == int(row.residual_impact):
            continue
        x1, y1 = residual_xy[row.risk_id]
        fig.add_trace(
            go.Scatter(
                x=[float(imp), x1],
                y=[float(lik), y1],
                mode="lines+markers",
                name="This month's movement",
                legendgroup="movement",
                showlegend=first,
                line={"color": MOVE_COLOUR, "width": 2.5, "dash": "dot"},
                marker={
                    "symbol": ["circle-open-dot", "arrow"],
                    "angleref": "previous",
                    "size": [10, 16],
                    "color": MOVE_COLOUR,
                },
                hovertemplate=f"{row.risk_id} moved from likelihood {int(lik)} × impact "
                f"{int(imp)} last month<extra></extra>",
            )
        )
        first = False


def risk_history_chart(
    history: pd.DataFrame,
    *,
    amber_from: int = 9,
    red_from: int = 16,
    title: str = "Risk score over time",
) -> go.Figure:
    """One risk's inherent, residual and target scores by month, over shaded rating bands.

    `history` is one risk's rows of `metrics.risk.risk_history` (period, inherent_score,
    residual_score, target_score).
    """
    fig = go.Figure()
    base_layout(fig, title)
    rows = history.sort_values("period")
    bounds = {"green": (0, amber_from - 0.5), "amber": (amber_from - 0.5, red_from - 0.5)}
    bounds["red"] = (red_from - 0.5, 25.5)
    for band, (low, high) in bounds.items():
        fig.add_hrect(
            y0=low, y1=high, fillcolor=CELL_FILL[band], opacity=0.6, line_width=0, layer="below"
        )
        fig.add_trace(_band_key(band, amber_from, red_from))
    lines = (
        ("inherent_score", "Inherent score", INHERENT_COLOUR, "dot"),
        ("residual_score", "Residual score", RESIDUAL_COLOUR, "solid"),
        ("target_score", "Target score", TARGET_MARK_COLOUR, "dash"),
    )
    for column, name, colour, dash in lines:
        if column not in rows:
            continue
        residual = column == "residual_score"
        fig.add_trace(
            go.Scatter(
                x=list(rows["period"]),
                y=list(rows[column]),
                mode="lines+markers" if residual else "lines",
                name=name,
                line={"color": colour, "width": 3 if residual else 2, "dash": dash, "shape": "hv"},
                marker={"size": 6, "color": colour},
                hovertemplate=f"{name}: %{{y}}<extra></extra>",
            )
        )
    fig.update_xaxes(title_text="Month", type="date", tickformat="%b %Y", hoverformat="%b %Y")
    fig.update_yaxes(title_text=SCORE_AXIS, range=[0, 25.5], tickvals=[0, 5, 10, 15, 20, 25])
    fig.update_layout(hovermode="x unified", legend={"y": -0.24}, margin={"b": 110})
    if rows.empty:
        no_data_note(fig, "No assessments recorded for this risk.")
    return fig
