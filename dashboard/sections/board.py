"""Board mode's slides and projector sizing: one function per slide, the CSS constants and the
slide navigation (kept in the URL).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.events import add_events
from charts.performance import (
    measure_trend,
    rag_by_priority,
    status_change_rows,
    status_over_time,
)
from charts.risks import risk_heatmap
from dashboard.plain import escaped
from dashboard.state import view
from dashboard.text import md_text
from dashboard.ui import empty_state, with_labels
from metrics.events import events_for
from metrics.exceptions import EXCEPTION_RULE, exception_facts, exceptions_in_order
from metrics.formatting import format_value
from metrics.periods import month_label, month_long
from metrics.report import trailing_periods
from metrics.reported import disagreement
from metrics.risk import risk_register
from metrics.showing import latest_rows, risk_caption, risk_period
from metrics.vocab import INK, STATUS_FILL, STATUSES, direction_label, status_label
from metrics.waiting_lists import families, headline_list
from store.service import Dataset

#: Topic slides after the waiting list's (read from the catalogue's waiting lists): title, the
#: measure charted, and the measures listed beside it.
TOPICS = (
    ("Safeguarding", "ASC-SG03", ("ASC-SG01", "ASC-SG02", "ASC-SG04")),
    ("Deprivation of Liberty Safeguards", "ASC-DL01", ("ASC-DL02",)),
)


BOARD_FONT = 18


#: Each tile's left edge: the status fill from metrics.vocab; the totals in ink.
_TILE_EDGE = {**STATUS_FILL, "exceptions": INK, "reporting": INK}


TILE_CSS = (
    "<style>\n"
    + "".join(
        f'.st-key-board_tile_{key} [data-testid="stMetric"] '
        f"{{ border-left: 18px solid {colour}; }}\n"
        for key, colour in _TILE_EDGE.items()
    )
    + "</style>\n"
)


#: Board mode only: type read from the back of a room, sized to the screen's width so a slide
#: laid out at 1920 × 1080 (base 22px, headings 44px, values 64px) fits 1366 × 768 the same way.
LARGE_TYPE_CSS = """
<style>
html { font-size: 1.146vw; }
[data-testid="stMainBlockContainer"] h1 { font-size: 2.29vw !important; line-height: 1.15; }
[data-testid="stMainBlockContainer"] h2 { font-size: 1.98vw !important; line-height: 1.15; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * {
  font-size: 3.33vw !important; line-height: 1.1;
}
[data-testid="stMetricLabel"] p { font-size: 1.46vw !important; }
[data-testid="stMetric"] { padding: 0.6rem 0.2rem 0.8rem 0.8rem; }
[data-testid="stTable"] table { font-size: 1.25vw; }
[data-testid="stTable"] th { font-size: 1.25vw; }
[data-testid="stMarkdownContainer"] p { font-size: 1.15vw; }

.stButton button p { font-size: 1.25vw; font-weight: 600; }
</style>
"""


HIDE_CHROME_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebarNav"] { display: none !important; }
[data-testid="stMainBlockContainer"] {
  padding-top: 1.2rem !important; padding-bottom: 0.5rem !important; max-width: 100% !important;
  padding-left: 2.5rem !important; padding-right: 2.5rem !important;
}
</style>
"""


def goto_slide(slide: int) -> None:
    """Open slide N (kept in the URL so a link opens on it)."""
    st.query_params["slide"] = str(slide)


def exit_board() -> None:
    """Leave board mode: back to the normal page with its navigation."""
    for param in ("board", "slide"):
        if param in st.query_params:
            del st.query_params[param]


def enter_board() -> None:
    """Full screen board mode (no sidebar or navigation)."""
    st.query_params["board"] = "1"


def board_chart(fig, key: str, vh: int) -> None:
    """A chart `vh`% of the screen tall, whatever the projector (1080 or 768 pixels high)."""
    fig.update_layout(height=None, autosize=True)
    chain = ", ".join(
        f"div.st-key-{key} {part}"
        for part in (
            "> div",
            '[data-testid="stFullScreenFrame"]',
            '[data-testid="stPlotlyChart"]',
            ".js-plotly-plot",
            ".plot-container",
            ".svg-container",
        )
    )
    st.html(  # constants only, no data
        f"<style>div:has(> div.st-key-{key}), div.st-key-{key} {{ height: {vh}vh !important; }} "
        f"{chain} {{ height: 100% !important; flex: 1 1 auto !important; }}</style>"
    )
    with st.container(key=key):
        st.plotly_chart(fig, width="stretch", height="stretch", theme=None, key=f"{key}_fig")


def board_trend(fig) -> None:
    """A two-year trend on a projector: a tick every six months, level, legend above the plot."""
    fig.update_xaxes(dtick="M6", tickformat="%b %Y", tickangle=0)
    fig.update_layout(
        legend={"orientation": "h", "y": -0.2, "yanchor": "top", "x": 0},
        margin={"b": 120},
    )


def board_figure(fig) -> None:
    """Projector sizing: large type (the height is set by `board_chart`)."""
    fig.update_layout(
        font={"size": BOARD_FONT},
        title={"font": {"size": 30}},
        legend={"font": {"size": BOARD_FONT}},
    )
    fig.update_xaxes(title_font_size=BOARD_FONT + 2, tickfont_size=BOARD_FONT)
    fig.update_yaxes(title_font_size=BOARD_FONT + 2, tickfont_size=BOARD_FONT)


def slide_headline(reporting: pd.DataFrame, period: pd.Timestamp) -> None:
    """Slide 1: every status counted (they add up to the total), then the exceptions by name."""
    st.title(f"Performance in {month_long(period)}")
    counts = reporting["status"].value_counts()
    tiles = [
        ("reporting", "Reporting", len(reporting)),
        *[(s, status_label(s), int(counts.get(s, 0))) for s in STATUSES],
        ("exceptions", "Exceptions", int(reporting["exception"].sum())),
    ]
    for column, (key, label, value) in zip(st.columns(len(tiles)), tiles, strict=True):
        column.container(key=f"board_tile_{key}").metric(label, f"{value:,}", border=True)
    exceptions = exceptions_in_order(reporting)
    st.markdown(
        f"**{len(exceptions):,} exception{'s' if len(exceptions) != 1 else ''}** "
        f"({EXCEPTION_RULE}):"
    )
    if exceptions.empty:
        st.markdown("None this period.")
        return
    st.table(escaped(exception_rows(exceptions)), hide_index=True)


def exception_rows(exceptions: pd.DataFrame) -> pd.DataFrame:
    """The named exceptions: status, code beside name, figures and how long at this status."""
    return pd.DataFrame(
        {
            "Status": [status_label(s) for s in exceptions["status"]],
            "Measure": [
                f"{m} {n}"
                for m, n in zip(exceptions["measure_id"], exceptions["name"], strict=True)
            ],
            "Actual": [
                format_value(a, u)
                for a, u in zip(exceptions["actual"], exceptions["unit"], strict=True)
            ],
            "Target": [
                format_value(t, u)
                for t, u in zip(exceptions["target"], exceptions["unit"], strict=True)
            ],
            "Periods": [int(p) for p in exceptions["periods_at_status"]],
        }
    )


def slide_rag(reporting: pd.DataFrame, period: pd.Timestamp) -> None:
    """Slide 2: RAG counts by priority."""
    del period
    fig = rag_by_priority(reporting)
    board_figure(fig)
    fig.update_traces(textfont_size=24)
    board_chart(fig, "board_rag", 80)


def slide_changes(reporting: pd.DataFrame, history: pd.DataFrame, period: pd.Timestamp) -> None:
    """Slide 3: which measures changed status since their previous report."""
    st.title(f"Status changes, {month_label(period)}")
    table = status_change_rows(reporting, names=True)  # names beside codes
    unchanged = table["Change"] == "No change"
    table.loc[unchanged, "Which measures"] = ""  # the long list stays on the Overview
    table = table[(table["Measures"] > 0) | unchanged]
    left, right = st.columns([1, 1], vertical_alignment="top")
    left.table(escaped(table), hide_index=True)
    with right:
        board_chart(status_over_time(trailing_periods(history, period, 12)), "board_trail", 74)


def slide_exception(row: pd.Series, history: pd.DataFrame, comparators: pd.DataFrame) -> None:
    """One exception: status, numbers, the trend chart and one line of commentary."""
    unit = row["unit"]
    facts = exception_facts(row)
    f = facts.fact
    st.markdown(
        f"## {md_text(facts.title)}\n"
        f"{f('Previous status')} → **{f('Current status')}** for {f('Periods at status')} "
        f"period(s) · {f('Direction of travel')} · actual **{f('Actual')}** against target "
        f"**{f('Target')}** · {md_text(f('Priority'))}"
    )
    note = disagreement(
        row.get("reported_status"), row.get("computed_status"), row.get("status_note")
    )
    if note:
        st.markdown(f"**{md_text(note, one_line=True)}**")
    fig = measure_trend(
        history[history["measure_id"] == row["measure_id"]],
        comparators[comparators["measure_id"] == row["measure_id"]],
        name=f"{row['measure_id']} {row['name']}",
        unit=unit,
        periods=24,
    )
    board_figure(fig)
    fig.update_layout(title={"text": ""}, margin={"t": 20})
    board_trend(fig)
    shown = history[history["measure_id"] == row["measure_id"]].sort_values("period").tail(24)
    add_events(
        fig,
        events_for(view().data.events, row["measure_id"]),
        start=shown["period"].min(),
        end=row["period"],
    )
    fig.update_traces(marker_size=18, line_width=3, selector={"name": "Actual"})
    fig.update_traces(marker_size=18, selector={"mode": "markers"})
    board_chart(fig, f"board_{row['measure_id']}", 52)
    st.markdown(f"**Commentary:** {md_text(one_line(row['commentary']))}")
    plan = row.get("improvement_plan")
    if isinstance(plan, str) and plan.strip():
        st.markdown(f"**Improvement plan:** {md_text(one_line(plan))}")


def slide_topic(
    title: str, statuses: pd.DataFrame, period: pd.Timestamp, lead: str, others: tuple[str, ...]
) -> None:
    """A topic slide: the lead measure's trend over two years beside the latest figures."""
    history = statuses[statuses["period"] <= period]
    lead_rows = history[history["measure_id"] == lead]
    st.title(f"{title}, {month_label(period)}")
    if lead_rows.empty:
        empty_state(f"No figures for {lead} up to {month_long(period)}.")
        return
    chart, facts = st.columns([3, 2], vertical_alignment="top")
    last = lead_rows.sort_values("period").iloc[-1]
    fig = measure_trend(
        lead_rows,
        pd.DataFrame(columns=["period", "comparator", "value"]),
        name=f"{lead} {last['name']}",
        unit=last["unit"],
        periods=24,
    )
    board_figure(fig)
    fig.update_layout(title={"font": {"size": 22}}, margin={"t": 60})
    board_trend(fig)
    shown = lead_rows.sort_values("period").tail(24)
    add_events(fig, events_for(view().data.events, lead), start=shown["period"].min())
    fig.update_traces(marker_size=14, selector={"name": "Actual"})
    with chart:
        board_chart(fig, f"board_topic_{lead}", 70)
    rows = []
    latest = latest_rows(history, period)
    for measure_id in (lead, *others):
        if measure_id not in latest.index:
            continue
        r = latest.loc[measure_id]
        rows.append(
            {
                "Measure": f"{measure_id} {r['name']}",
                "Latest": f"{format_value(r['actual'], r['unit'])} ({month_label(r['period'])})",
                "Status": status_label(r["status"]),
                "Change": direction_label(r["direction"], r["movement"]),
            }
        )
    with facts:
        st.table(escaped(pd.DataFrame(rows)), hide_index=True)


def one_line(text: object, limit: int = 160) -> str:
    """The first sentence of a commentary, cut to fit one projector line."""
    if not isinstance(text, str) or not text.strip():
        return "No commentary recorded."
    first = text.strip().split(". ")[0].rstrip(".") + "."
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def slide_risks(risks: pd.DataFrame, period: pd.Timestamp, amber_from: int, red_from: int) -> None:
    """Final slide: the five strategic risks with the highest current residual score."""
    when = risk_period(risks, period)
    if when is None:
        st.title("Top strategic risks")
        empty_state("No strategic risk assessments recorded up to this period.")
        return
    st.title(f"Top strategic risks, {month_label(when)}")
    fallback = risk_caption(when, period)
    if fallback:
        st.caption(f"{fallback}, the latest assessment up to {month_long(period)}.")
    register = risk_register(risks, when, amber_from, red_from)
    top = register.sort_values(["residual_score", "risk_id"], ascending=[False, True]).head(5)
    table = with_labels(
        top[["risk_id", "name", "owner", "residual_score", "rating", "direction", "movement"]]
    )
    table["residual_score"] = [
        f"{int(s)} ({int(li)}×{int(im)})"
        for s, li, im in zip(
            top["residual_score"], top["residual_likelihood"], top["residual_impact"], strict=True
        )
    ]
    left, right = st.columns([3, 2], vertical_alignment="top")
    left.table(
        escaped(
            table.rename(
                columns={
                    "risk_id": "Risk",
                    "name": "Name",
                    "owner": "Owner",
                    "residual_score": "Residual score (L×I)",
                    "rating": "Rating",
                    "direction": "Since last month",
                }
            )
        ),
        hide_index=True,
    )
    fig = risk_heatmap(
        register,
        amber_from=amber_from,
        red_from=red_from,
        kinds=("residual",),
        title=f"Current residual positions, {month_label(when)}",
    )
    fig.update_layout(font={"size": 14}, legend={"font": {"size": 14}})
    with right:
        board_chart(fig, "board_heatmap", 74)


def topics(data: Dataset) -> list[tuple[str, str, tuple[str, ...]]]:
    """The headline waiting list (its number waiting beside its wait lengths), then TOPICS."""
    family = headline_list(families(data.waiting_lists, data.catalogue))
    if family is None:
        return list(TOPICS)
    lead, *others = (measure_id for measure_id, _ in family.headline_measures())
    return [(f"Waiting for {family.name}", lead, tuple(others)), *TOPICS]
