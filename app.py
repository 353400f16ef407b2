"""Meaningful Measures: the Adult Social Care performance dashboard (Streamlit entry point).

Builds the demo database on first run, renders the shared sidebar (period, filters, as-reported
date, board mode), labels demo data, and routes to the pages, which only compose.
"""

from __future__ import annotations

import streamlit as st

from dashboard import state
from dashboard.ui import base_css, demo_banner
from metrics.config import get_settings
from metrics.demo import ensure_database
from metrics.store import LoadBusyError

board = st.query_params.get("board") == "1"
st.set_page_config(
    page_title="Meaningful Measures – Adult Social Care",
    layout="wide",
    initial_sidebar_state="collapsed" if board else "expanded",
)

settings = get_settings()
if not settings.db_path.exists():
    try:
        with st.spinner("Building the demo database from data/demo (first run only)…"):
            ensure_database(settings)
    except LoadBusyError:
        st.info("The demo database is being built by another session. Refresh in a few seconds.")
        st.stop()

PAGES = {
    "overview": st.Page("pages/overview.py", title="Overview", default=True),
    "exceptions": st.Page(
        "pages/exceptions.py",
        title="Exceptions by priority",
        url_path="exceptions-by-priority",
    ),
    "waiting": st.Page("pages/waiting_times.py", title="Waiting times", url_path="waiting-times"),
    "risks": st.Page("pages/risks.py", title="Strategic risks", url_path="strategic-risks"),
    "explorer": st.Page("pages/explorer.py", title="Measure explorer", url_path="measure-explorer"),
    "board": st.Page("pages/board.py", title="Board mode", url_path="board-mode"),
    "data": st.Page("pages/data.py", title="Data: load a return", url_path="load-data"),
}

base_css()
view = state.build_view()
state.set_view(view)

if board:
    page = st.navigation([PAGES["board"]], position="hidden")
else:
    page = st.navigation(list(PAGES.values()), position="sidebar")
    demo_banner(view.data.demo)
page.run()
