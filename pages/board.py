"""Board mode: one slide per screen for Cabinet on a projector (1920×1080, read from the back).

Reached with `?board=1` (app.py then shows only this page, no sidebar or navigation) or from
the normal navigation. The slide is kept in the URL (`?slide=N`) so a link opens on it.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard.sections.board import (
    HIDE_CHROME_CSS,
    LARGE_TYPE_CSS,
    TILE_CSS,
    enter_board,
    exit_board,
    goto_slide,
    slide_changes,
    slide_exception,
    slide_headline,
    slide_rag,
    slide_risks,
    slide_topic,
    topics,
)
from dashboard.state import view
from dashboard.ui import empty_state, no_figures_state
from metrics.exceptions import exceptions_in_order
from metrics.periods import month_long
from metrics.report import for_period

v = view()
st.html(TILE_CSS)
if v.board:
    st.html(LARGE_TYPE_CSS + HIDE_CHROME_CSS)

if v.period is None:
    st.title("Board mode")
    no_figures_state(v.data.loads, v.data.as_of)
    if v.board:
        st.button("Exit board mode", key="board_exit", on_click=exit_board)
    st.stop()

statuses = v.data.statuses
if v.priority:
    statuses = statuses[statuses["priority_id"] == v.priority]
reporting = for_period(statuses, v.period)
history = statuses[statuses["period"] <= v.period]
exceptions = exceptions_in_order(reporting)

slides: list[Callable[[], None]] = [
    lambda: slide_headline(reporting, v.period),
    lambda: slide_rag(reporting, v.period),
    lambda: slide_changes(reporting, statuses, v.period),
]


for title, lead, others in topics(v.data):
    if lead in set(statuses["measure_id"]):
        slides.append(
            lambda title=title, lead=lead, others=others: slide_topic(
                title, statuses, v.period, lead, others
            )
        )
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
    on_click=goto_slide,
    args=(current - 1,),
    disabled=current <= 1,
    width="stretch",
    shortcut="Left",
)
bar[2].button(
    "Next ▶",
    key="board_next",
    on_click=goto_slide,
    args=(current + 1,),
    disabled=current >= total,
    width="stretch",
    shortcut="Right",
)
if v.board:
    bar[3].button("Exit board mode", key="board_exit", on_click=exit_board, width="stretch")
else:
    bar[3].button(
        "Full screen board mode", key="board_enter", on_click=enter_board, width="stretch"
    )

if reporting.empty:
    empty_state(f"No measures reported for {month_long(v.period)}.")
else:
    slides[current - 1]()
