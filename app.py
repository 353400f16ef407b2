"""Meaningful Measures: the Adult Social Care performance dashboard (Streamlit entry point).

Builds the demo database on first run, renders the shared sidebar (period, filters, as-reported
date, board mode), labels demo data, and routes to the pages, which only compose.
"""

from __future__ import annotations

import streamlit as st

from dashboard import auth, state
from dashboard.ui import base_css, demo_banner
from settings import access
from settings.access import ROLE_WORD, can
from settings.config import get_settings
from store.database import LoadBusyError
from store.reference import ensure_database

board = st.query_params.get("board") == "1"
st.set_page_config(
    page_title="Meaningful Measures – Adult Social Care",
    layout="wide",
    initial_sidebar_state="collapsed" if board else "expanded",
)

settings = get_settings()
# Sign-in first: a broken secrets file stops here, before any data is built or read.
user = auth.current_user(settings)
if user.auth_configured and not user.signed_in:
    auth.sign_in_screen()
if user.auth_configured and user.role is None:
    auth.refused_screen(user)

if not settings.db_path.exists():
    try:
        with (
            st.spinner("Building the demo database from data/demo (first run only)…"),
            access.acting_as(access.operator("first-run demo build")),
        ):
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
    "annex": st.Page("pages/annex_a.py", title="Annex A: every measure", url_path="annex-a"),
    "waiting": st.Page("pages/waiting_times.py", title="Waiting times", url_path="waiting-times"),
    "benchmarks": st.Page("pages/benchmarks.py", title="Benchmarks", url_path="benchmarks"),
    "finance": st.Page("pages/finance.py", title="Finance", url_path="finance"),
    "risks": st.Page("pages/risks.py", title="Strategic risks", url_path="strategic-risks"),
    "explorer": st.Page("pages/explorer.py", title="Measure explorer", url_path="measure-explorer"),
    "this_week": st.Page("pages/this_week.py", title="This week", url_path="this-week"),
    "plan": st.Page(
        "pages/improvement_plan.py", title="Improvement plan", url_path="improvement-plan"
    ),
    "cqc": st.Page("pages/cqc.py", title="CQC assurance", url_path="cqc-assurance"),
    "board": st.Page("pages/board.py", title="Board mode", url_path="board-mode"),
    "data": st.Page("pages/data.py", title="Data: load a return", url_path="load-data"),
    "admin": st.Page("pages/admin.py", title="Access and audit", url_path="access-and-audit"),
    "accessibility": st.Page(
        "pages/accessibility.py",
        title="Accessibility statement",
        url_path="accessibility-statement",
    ),
}

# Signed-in viewers never get the Data or admin pages, so they cannot reach them by URL either.
# Without sign-in both stay listed so a bookmark or link opens them and they say why loading
# or administration is unavailable (rather than "Page not found").
visible = [key for key in PAGES if key not in ("data", "admin", "accessibility")]
if can(user.role, "load") or not user.auth_configured:
    visible.append("data")
if can(user.role, "admin") or not user.auth_configured:
    visible.append("admin")
visible.append("accessibility")  # last in the list, as on most public sector sites

base_css()
view = state.build_view(user, settings)
state.set_view(view)

if user.auth_configured:
    st.sidebar.caption(f"Signed in as {user.identity} ({ROLE_WORD[user.role or 'viewer']})")
    if st.sidebar.button("Sign out"):
        st.logout()
else:
    st.sidebar.caption(
        "Local demo: no sign-in is configured, so everyone is a viewer"
        + (" (loading enabled by MM_ALLOW_LOCAL_LOAD)." if settings.allow_local_load else ".")
    )

if board:
    page = st.navigation([PAGES["board"]], position="hidden")
else:
    page = st.navigation([PAGES[key] for key in visible], position="sidebar")
    demo_banner(view.data.demo)
page.run()
