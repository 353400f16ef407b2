"""Board mode: one slide per screen for Cabinet on a projector (1920×1080, read from the back).

Reached with `?board=1` (app.py then shows only this page, no sidebar or navigation) or from
the normal navigation. The slide is kept in the URL (`?slide=N`) so a link opens on it.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from charts.performance import measure_trend, rag_by_priority, status_change_rows
from dashboard.state import view
from dashboard.ui import empty_state, no_figures_state, with_labels
from metrics.formatting import format_value
from metrics.periods import month_label, month_long
from metrics.report import for_period
from metrics.risk import risk_register
from metrics.vocab import direction_label, status_label

CHART_HEIGHT = 650
BOARD_FONT = 20

TILE_CSS = """
<style>
.st-key-board_tile_green [data-testid="stMetric"] { border-left: 18px solid #1a7a3c; }
.st-key-board_tile_amber [data-testid="stMetric"] { border-left: 18px solid #f2b632; }
.st-key-board_tile_red [data-testid="stMetric"] { border-left: 18px solid #c0282d; }
.st-key-board_tile_exceptions [data-testid="stMetric"] { border-left: 18px solid #0b0c0c; }
.st-key-board_tile_reporting [data-testid="stMetric"] { border-left: 18px solid #5c6670; }
</style>
"""
#: Board mode only: type read from the back of a room (base 22px, headings 44px, values 64px).
LARGE_TYPE_CSS = """
<style>
html { font-size: 22px; }
[data-testid="stMainBlockContainer"] h1 { font-size: 44px !important; line-height: 1.15; }
[data-testid="stMainBlockContainer"] h2 { font-size: 38px !important; line-height: 1.15; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] > div {
  font-size: 64px !important; line-height: 1.1;
}
[data-testid="stMetricLabel"] p { font-size: 28px !important; }
[data-testid="stMetric"] { padding: 0.6rem 0.2rem 0.8rem 0.8rem; }
[data-testid="stTable"] table { font-size: 24px; }
[data-testid="stTable"] th { font-size: 24px; }
.stButton button p { font-size: 24px; font-weight: 600; }
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


def _goto(slide: int) -> None:
    st.query_params["slide"] = str(slide)


def _exit_board() -> None:
    for param in ("board", "slide"):
        if param in st.query_params:
            del st.query_params[param]


def _enter_board() -> None:
    st.query_params["board"] = "1"


def _board_figure(fig) -> None:
    """Projector sizing: large type and a fixed height that fits one 1080-pixel screen."""
    fig.update_layout(
        height=CHART_HEIGHT,
        font={"size": BOARD_FONT},
        title={"font": {"size": 30}},
        legend={"font": {"size": BOARD_FONT}},
    )
    fig.update_xaxes(title_font_size=BOARD_FONT + 2, tickfont_size=BOARD_FONT)
    fig.update_yaxes(title_font_size=BOARD_FONT + 2, tickfont_size=BOARD_FONT)


def slide_headline(reporting: pd.DataFrame, period: pd.Timestamp) -> None:
    """Slide 1: how many measures reported and how many are Green, Amber, Red, exceptions."""
    st.title(f"Performance in {month_long(period)}")
    counts = reporting["status"].value_counts()
    tiles = [
        ("reporting", "Measures reporting", len(reporting)),
        ("green", status_label("green"), int(counts.get("green", 0))),
        ("amber", status_label("amber"), int(counts.get("amber", 0))),
        ("red", status_label("red"), int(counts.get("red", 0))),
        ("exceptions", "Exceptions", int(reporting["exception"].sum())),
    ]
    for column, (key, label, value) in zip(st.columns(5), tiles, strict=True):
        column.container(key=f"board_tile_{key}").metric(label, f"{value:,}", border=True)
    st.markdown(
        f"An exception is a measure rated {status_label('red')}, or {status_label('amber')} "
        "for two or more periods in a row."
    )


def slide_rag(reporting: pd.DataFrame, period: pd.Timestamp) -> None:
    """Slide 2: RAG counts by priority."""
    del period
    fig = rag_by_priority(reporting)
    _board_figure(fig)
    fig.update_traces(textfont_size=24)
    st.plotly_chart(fig, width="stretch", theme=None, key="board_rag")


def slide_changes(reporting: pd.DataFrame, period: pd.Timestamp) -> None:
    """Slide 3: which measures changed status since their previous report."""
    st.title(f"Status changes, {month_label(period)}")
    table = status_change_rows(reporting, names=False)
    table.loc[table["Change"] == "No change", "Which measures"] = ""
    st.table(table, hide_index=True)


def slide_exception(row: pd.Series, history: pd.DataFrame, comparators: pd.DataFrame) -> None:
    """One exception: status, numbers, the trend chart and one line of commentary."""
    unit = row["unit"]
    previous = row["previous_status"]
    was = status_label(previous) if isinstance(previous, str) else "no previous report"
    st.markdown(
        f"## {status_label(row['status'])} — {row['measure_id']} {row['name']}\n"
        f"{was} → **{status_label(row['status'])}** for {int(row['periods_at_status'])} "
        f"period(s) · {direction_label(row['direction'], row['movement'])} · actual "
        f"**{format_value(row['actual'], unit)}** against target "
        f"**{format_value(row['target'], unit)}** · {row['priority_id']} {row['priority_name']}"
    )
    fig = measure_trend(
        history[history["measure_id"] == row["measure_id"]],
        comparators[comparators["measure_id"] == row["measure_id"]],
        name=f"{row['measure_id']} {row['name']}",
        unit=unit,
        periods=24,
    )
    _board_figure(fig)
    fig.update_layout(height=CHART_HEIGHT - 70, title={"text": ""}, margin={"t": 20})
    fig.update_traces(marker_size=18, line_width=3, selector={"name": "Actual"})
    fig.update_traces(marker_size=18, selector={"mode": "markers"})
    st.plotly_chart(fig, width="stretch", theme=None, key=f"board_{row['measure_id']}")
    st.markdown(f"**Commentary:** {one_line(row['commentary'])}")


def one_line(text: object, limit: int = 160) -> str:
    """The first sentence of a commentary, cut to fit one projector line."""
    if not isinstance(text, str) or not text.strip():
        return "No commentary recorded."
    first = text.strip().split(". ")[0].rstrip(".") + "."
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def slide_risks(risks: pd.DataFrame, period: pd.Timestamp, amber_from: int, red_from: int) -> None:
    """Final slide: the five strategic risks with the highest current residual score."""
    earlier = risks[risks["period"] <= period]["period"] if len(risks) else pd.Series()
    if earlier.empty:
        st.title("Top strategic risks")
        empty_state("No strategic risk assessments recorded up to this period.")
        return
    when = earlier.max()
    st.title(f"Top strategic risks, {month_label(when)}")
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
    st.table(
        table.rename(
            columns={
                "risk_id": "Risk",
                "name": "Name",
                "owner": "Owner",
                "residual_score": "Residual score (L×I)",
                "rating": "Rating",
                "direction": "Since last month",
            }
        ),
        hide_index=True,
    )


v = view()
st.html(TILE_CSS)
if v.board:
    st.html(LARGE_TYPE_CSS + HIDE_CHROME_CSS)

if v.period is None:
    st.title("Board mode")
    no_figures_state(v.data.loads, v.data.as_of)
    if v.board:
        st.button("Exit board mode", key="board_exit", on_click=_exit_board)
    st.stop()

statuses = v.data.statuses
if v.priority:
    statuses = statuses[statuses["priority_id"] == v.priority]
reporting = for_period(statuses, v.period)
history = statuses[statuses["period"] <= v.period]
exceptions = reporting[reporting["exception"]].assign(
    _order=lambda f: f["status"].map({"red": 0, "amber": 1}).fillna(9)
)
exceptions = exceptions.sort_values(["_order", "priority_id", "measure_id"])

slides: list[Callable[[], None]] = [
    lambda: slide_headline(reporting, v.period),
    lambda: slide_rag(reporting, v.period),
    lambda: slide_changes(reporting, v.period),
]
for _, exception in exceptions.iterrows():
    slides.append(
        lambda row=exception: slide_exception(row, history, v.data.comparators),
    )
slides.append(
    lambda: slide_risks(
        v.data.risks, v.period, v.settings.risk_amber_from, v.settings.risk_red_from
    )
)
total = len(slides)
try:
    current = int(st.query_params.get("slide", "1"))
except ValueError:
    current = 1
current = min(max(current, 1), total)

bar = st.columns([5, 1.6, 1.6, 2.2], vertical_alignment="center")
scope = "" if not v.priority else f" · priority {v.priority}"
demo = " · illustrative demo data, do not quote" if v.data.demo else ""
bar[0].markdown(
    f"**Meaningful Measures · Adult Social Care · {v.period_label}{scope}**  \n"
    f"Slide {current} of {total}{demo}"
)
bar[1].button(
    "◀ Previous",
    key="board_prev",
    on_click=_goto,
    args=(current - 1,),
    disabled=current <= 1,
    width="stretch",
    shortcut="Left",
)
bar[2].button(
    "Next ▶",
    key="board_next",
    on_click=_goto,
    args=(current + 1,),
    disabled=current >= total,
    width="stretch",
    shortcut="Right",
)
if v.board:
    bar[3].button("Exit board mode", key="board_exit", on_click=_exit_board, width="stretch")
else:
    bar[3].button(
        "Full screen board mode", key="board_enter", on_click=_enter_board, width="stretch"
    )

if reporting.empty:
    empty_state(f"No measures reported for {month_long(v.period)}.")
else:
    slides[current - 1]()
