"""Performance charts: one measure's trend against target, and RAG counts by priority.

Plain Plotly figures (no Streamlit) so the pages and the PDF/PPTX exports draw the same thing.
Status is always shown by shape and word as well as colour.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from charts.events import add_events
from charts.text import chart_text, chart_texts
from metrics.benchmarks import BenchmarkGroups
from metrics.events import events_for
from metrics.formatting import format_value, unit_axis_title
from metrics.periods import month_label, period_starts
from metrics.report import status_changes
from metrics.vocab import STATUS_FILL, STATUS_SYMBOL, STATUS_TEXT, STATUSES, status_label

#: Plotly marker symbol for each status (matches the ★ ● ▲ of the council's report).
STATUS_MARKER: dict[str, str] = {
    "green": "star",
    "amber": "circle",
    "red": "triangle-up",
    "monitoring": "square",
    "no_data": "x",
}
ACTUAL_COLOUR = "#0b0c0c"
TARGET_COLOUR = "#505a5f"
COMPARATOR_COLOURS = ("#1d70b8", "#6f4e9c", "#28a197", "#912b88")
COMPARATOR_DASHES = ("dot", "dash", "dashdot", "longdash")
ANCHOR_COLOUR = "#1d70b8"
FONT = "Arial, Helvetica, sans-serif"


#: Trace types the charts draw. The template keeps plotly_white's defaults for these only:
#: the same drawing, without validating and copying defaults for 25 other trace types on
#: every figure (about two thirds of the template's cost). Add a type here when a chart
#: starts to use it.
TRACE_TYPES = ("scatter", "bar", "heatmap")
TEMPLATE = go.layout.Template(
    layout=pio.templates["plotly_white"].layout,
    data={kind: pio.templates["plotly_white"].data[kind] for kind in TRACE_TYPES},
)


def base_layout(fig: go.Figure, title: str) -> None:
    fig.update_layout(
        title={"text": chart_text(title), "x": 0, "xanchor": "left"},
        template=TEMPLATE,
        font={"family": FONT, "size": 14, "color": ACTUAL_COLOUR},
        separators=".,",
        margin={"l": 70, "r": 30, "t": 60, "b": 40},
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0, "xanchor": "left"},
        hoverlabel={"font": {"family": FONT}},
    )


def no_data_note(fig: go.Figure, text: str) -> None:
    """A plain sentence in the middle of an empty chart, instead of bare axes."""
    fig.add_annotation(
        text=text, showarrow=False, xref="paper", yref="paper", x=0.5, y=0.5, font={"size": 16}
    )


def _periods(frame: pd.DataFrame) -> pd.Series:
    """Period column as Timestamps (accepts Timestamps or strict `YYYY-MM` strings)."""
    return period_starts(frame["period"])


def target_trace(
    rows: pd.DataFrame, name: str = "Target", colour: str = TARGET_COLOUR, width: float = 2
) -> list:
    """A stepped dashed target line, or nothing when the measure has no target."""
    if "target" not in rows or rows.empty:
        return []
    targets = pd.to_numeric(rows["target"], errors="coerce")
    if targets.notna().sum() == 0:
        return []
    return [
        go.Scatter(
            x=list(rows["period"]),
            y=list(targets),
            mode="lines",
            name=chart_text(name),
            line={"color": colour, "width": width, "dash": "dash", "shape": "hv"},
            hovertemplate="%{fullData.name}: %{y:,}<extra></extra>",
        )
    ]


def anchor_trace(
    anchors: pd.DataFrame | None,
    start: pd.Timestamp | None,
    end: pd.Timestamp | None,
    *,
    name: str = "Published figure",
    showlegend: bool = True,
    colour: str = ANCHOR_COLOUR,
    size: int = 15,
    legendgroup: str | None = "published",
) -> list:
    """Published figures inside the chart's window as open diamonds.

    `legendgroup` ties several lines' published points to one legend entry (waiting charts);
    None leaves the legend laid out as one group (the trend chart)."""
    if anchors is None or anchors.empty or start is None:
        return []
    points = anchors.assign(period=_periods(anchors)).sort_values("period")
    points = points[(points["period"] >= start) & (points["period"] <= end)]
    if points.empty:
        return []
    return [
        go.Scatter(
            x=list(points["period"]),
            y=list(points["value"]),
            mode="markers",
            name=chart_text(name),
            legendgroup=legendgroup,
            showlegend=showlegend,
            marker={
                "symbol": "diamond-open",
                "size": size,
                "color": colour,
                "line": {"width": 2.5, "color": colour},
            },
            hovertemplate="Published figure: %{y:,}<extra></extra>",
        )
    ]


def measure_trend(
    statuses_for_measure: pd.DataFrame,
    comparators_for_measure: pd.DataFrame,
    *,
    name: str,
    unit: str | None,
    periods: int = 24,
    anchors: pd.DataFrame | None = None,
) -> go.Figure:
    """Last `periods` actuals marked by status, the target, comparators and published points.

    `statuses_for_measure` holds one measure's rows of `Dataset.statuses` (period, actual,
    target, status); `comparators_for_measure` its comparator rows (period, comparator, value);
    `anchors` optional published figures (period, value).
    """
    fig = go.Figure()
    base_layout(fig, name)
    rows = statuses_for_measure.sort_values("period").tail(periods)
    x = list(rows["period"])
    statuses = [s if isinstance(s, str) else "no_data" for s in rows["status"]]
    values = [format_value(a, unit) for a in rows["actual"]]
    hover = [
        f"{month_label(p)}<br>Actual: {val}<br>Target: {format_value(t, unit)}"
        f"<br>Status: {status_label(s)}"
        for p, val, t, s in zip(x, values, rows["target"], statuses, strict=True)
    ]
    fig.add_trace(
        go.Scatter(
            x=x,
            y=list(rows["actual"]),
            mode="lines+markers",
            name="Actual",
            line={"color": ACTUAL_COLOUR, "width": 2},
            marker={
                "symbol": [STATUS_MARKER.get(s, "x") for s in statuses],
                "color": [STATUS_FILL.get(s, STATUS_FILL["no_data"]) for s in statuses],
                "size": 13,
                "line": {"color": ACTUAL_COLOUR, "width": 1},
            },
            text=hover,
            hovertemplate="%{text}<extra></extra>",
        )
    )
    for status in STATUSES:  # legend keys explaining the marker shapes actually used
        if status in statuses:
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="markers",
                    name=status_label(status),
                    marker={
                        "symbol": STATUS_MARKER[status],
                        "color": STATUS_FILL[status],
                        "size": 13,
                        "line": {"color": ACTUAL_COLOUR, "width": 1},
                    },
                    hoverinfo="skip",
                )
            )
    for trace in target_trace(rows):
        fig.add_trace(trace)
    start = min(x) if x else None
    end = max(x) if x else None
    if len(comparators_for_measure):
        comps = comparators_for_measure.assign(period=_periods(comparators_for_measure))
        # England and the region only: nearest neighbours belong on the Benchmarks chart.
        kinds = comps["comparator"].astype(str).map(BenchmarkGroups.from_env().kind_of)
        comps = comps[kinds != "neighbour"]
        if start is not None:
            comps = comps[(comps["period"] >= start) & (comps["period"] <= end)]
        for i, (label, group) in enumerate(comps.sort_values("period").groupby("comparator")):
            fig.add_trace(
                go.Scatter(
                    x=list(group["period"]),
                    y=list(group["value"]),
                    mode="lines+markers",
                    name=chart_text(label),
                    line={
                        "color": COMPARATOR_COLOURS[i % len(COMPARATOR_COLOURS)],
                        "dash": COMPARATOR_DASHES[i % len(COMPARATOR_DASHES)],
                        "width": 2,
                    },
                    marker={"symbol": "square", "size": 8},
                    hovertemplate="%{fullData.name}: %{y:,}<extra></extra>",
                )
            )
    # With no figures yet, every published point is shown (there is no window to cut to).
    window = (start, end) if start is not None else (pd.Timestamp.min, pd.Timestamp.max)
    for trace in anchor_trace(anchors, *window, size=16, legendgroup=None):
        fig.add_trace(trace)
    fig.update_xaxes(title_text="Reporting period", tickformat="%b %Y", showgrid=False)
    fig.update_yaxes(
        title_text=unit_axis_title(unit),
        hoverformat=",",
        tickformat=",",
        rangemode="tozero" if unit in ("count", "percent", "days", "rate") else "normal",
    )
    if not x:
        no_data_note(fig, "No figures reported for this measure yet.")
    return fig


def status_bar(
    status: str, categories: list, values: list[int], *, text_size: int, horizontal: bool = False
) -> go.Bar:
    """One status's segment of a stacked bar: its fill, and its shape and count inside each
    segment, so the bars never rely on colour alone."""
    along, count = ("y", "x") if horizontal else ("x", "y")
    return go.Bar(
        **{along: categories, count: values},
        orientation="h" if horizontal else "v",
        name=status_label(status),
        marker={"color": STATUS_FILL[status], "line": {"color": "#ffffff", "width": 1}},
        text=[f"{STATUS_SYMBOL[status]} {v}" if v else "" for v in values],
        textposition="inside",
        insidetextanchor="middle",
        textfont={"color": STATUS_TEXT[status], "size": text_size},
        hovertemplate=f"%{{{along}}}<br>{status_label(status)}: %{{{count}}}<extra></extra>",
    )


def rag_by_priority(reporting: pd.DataFrame) -> go.Figure:
    """Horizontal stacked bar of status counts per priority for one period (shape+word legend)."""
    fig = go.Figure()
    period = reporting["period"].iloc[0] if len(reporting) else None
    title = "RAG status by priority"
    if period is not None and not (isinstance(period, float) and math.isnan(period)):
        title += f", {month_label(pd.Timestamp(period))}"
    base_layout(fig, title)
    if len(reporting):
        names = (
            reporting.drop_duplicates("priority_id")
            .sort_values("priority_id")
            .set_index("priority_id")["priority_name"]
        )
        counts = pd.crosstab(reporting["priority_id"], reporting["status"]).reindex(
            index=list(names.index), columns=list(STATUSES), fill_value=0
        )
        labels = chart_texts(f"{pid} {names[pid]}" for pid in names.index)
    else:
        counts = pd.DataFrame(columns=list(STATUSES))
        labels = []
    for status in STATUSES:
        values = [int(v) for v in counts[status]] if len(counts) else []
        bar = status_bar(status, labels, values, text_size=16, horizontal=True)
        fig.add_trace(bar.update(texttemplate="%{text}"))
    fig.update_layout(
        barmode="stack",
        uniformtext={"minsize": 12, "mode": "show"},
        legend={"traceorder": "normal"},
    )
    fig.update_xaxes(title_text="Number of measures", tickformat=",d")
    fig.update_yaxes(
        title_text="Priority", autorange="reversed", automargin=True, ticklabelstandoff=8
    )
    if not labels:
        no_data_note(fig, "No measures reporting in this period.")
    return fig


#: The status-change table's rows, in the council's order (improvements first).
CHANGE_ROWS: tuple[tuple[str, str], ...] = (
    ("red", "green"),
    ("amber", "green"),
    ("red", "amber"),
    ("green", "amber"),
    ("amber", "red"),
    ("green", "red"),
)


def status_change_rows(reporting: pd.DataFrame, *, names: bool = True) -> pd.DataFrame:
    """Rows of the status-change table (change, count, which measures) for one period.

    Not a figure, but the shared data behind the page table, the board slide and the exports.
    `names=False` lists measure ids only (for the projector).
    """
    changes = status_changes(reporting)
    label = changes["measure_id"] + " " + changes["name"] if names else changes["measure_id"]
    named = changes.assign(label=label)
    rows: list[dict[str, object]] = []
    used = pd.Series(False, index=changes.index)
    for old, new in CHANGE_ROWS:
        hit = changes["from"].eq(old) & changes["to"].eq(new)
        used |= hit
        rows.append(
            {
                "Change": f"{status_label(old)} → {status_label(new)}",
                "Measures": int(hit.sum()),
                "Which measures": "; ".join(named.loc[hit, "label"]),
            }
        )
    same = changes["from"].eq(changes["to"])
    other = ~used & ~same
    rows.append(
        {
            "Change": "Other changes",
            "Measures": int(other.sum()),
            "Which measures": "; ".join(
                f"{lab} ({status_label(o)} → {status_label(n)})"
                for lab, o, n in zip(
                    named.loc[other, "label"],
                    named.loc[other, "from"],
                    named.loc[other, "to"],
                    strict=True,
                )
            ),
        }
    )
    rows.append(
        {
            "Change": "No change",
            "Measures": int(same.sum()),
            "Which measures": "; ".join(named.loc[same, "label"]),
        }
    )
    first = len(reporting) - len(changes)
    if first:
        fresh = reporting[reporting["previous_status"].isna()]
        rows.append(
            {
                "Change": "First report (no previous period)",
                "Measures": first,
                "Which measures": "; ".join(
                    fresh["measure_id"] + " " + fresh["name"] if names else fresh["measure_id"]
                ),
            }
        )
    return pd.DataFrame(rows, columns=["Change", "Measures", "Which measures"])


EXCEPTION_TREND_PERIODS = 24


def exception_figure(
    row: pd.Series,
    history: pd.DataFrame,
    comparators: pd.DataFrame,
    anchors: pd.DataFrame,
    events: pd.DataFrame | None = None,
) -> go.Figure:
    """One exception's trend chart, as the Exceptions page and the board pack both show it.

    `events` (events.csv) are drawn where they fall within the periods shown.
    """
    measure_id = row["measure_id"]
    fig = measure_trend(
        history[history["measure_id"] == measure_id],
        comparators[comparators["measure_id"] == measure_id],
        name=f"{measure_id} {row['name']}",
        unit=row["unit"],
        periods=EXCEPTION_TREND_PERIODS,
        anchors=anchors[anchors["measure_id"] == measure_id],
    )
    fig.update_layout(height=440)
    if events is not None and len(events):
        shown = history[history["measure_id"] == measure_id].sort_values("period")
        shown = shown.tail(EXCEPTION_TREND_PERIODS)
        if len(shown):
            add_events(
                fig,
                events_for(events, measure_id),
                start=shown["period"].min(),
                end=shown["period"].max(),
            )
    return fig


def status_over_time(table: pd.DataFrame) -> go.Figure:
    """Stacked bars of status counts for each month (the report's Table 2), shape in each bar."""
    fig = go.Figure()
    base_layout(fig, "Statuses over the last 12 periods")
    months = [month_label(pd.Timestamp(p)) for p in table.index]
    for status in STATUSES:
        values = [int(v) for v in table[status]] if status in table else []
        fig.add_trace(status_bar(status, months, values, text_size=13))
    fig.update_layout(
        barmode="stack",
        uniformtext={"minsize": 10, "mode": "hide"},
        legend={"traceorder": "normal"},
    )
    fig.update_xaxes(title_text="Reporting period", tickangle=0, nticks=6)
    fig.update_yaxes(title_text="Number of measures", tickformat=",d")
    if table.empty:
        no_data_note(fig, "No measures reported in these periods.")
    return fig
