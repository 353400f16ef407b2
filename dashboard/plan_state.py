"""Shared pieces of the plan pages: the cached plan, the meeting date, links to other pages.

The meeting date comes from plan.service.judged_on (As reported on, else today; the
demo database's last load on the demo).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from dashboard.shared import own
from dashboard.state import View
from plan.service import PlanData, action_history, judged_on, load_plan
from store.database import db_version


@st.cache_resource(max_entries=6, show_spinner=False)
def _cached_plan(path: str, version: str, as_of: dt.date | None) -> PlanData:
    del version  # part of the cache key only
    return load_plan(Path(path), as_of)


def plan(v: View) -> PlanData:
    """The plan as of the view's as-reported date (cached per database version)."""
    return own(_cached_plan(str(v.settings.db_path), db_version(v.settings.db_path), v.data.as_of))


@st.cache_resource(max_entries=32, show_spinner=False)
def _cached_history(
    path: str, version: str, action_id: str | None, as_of: dt.date | None
) -> pd.DataFrame:
    del version
    return action_history(Path(path), action_id, as_of)


def history(v: View, action_id: str | None) -> pd.DataFrame:
    """One action's versions as of the view's date (None: every action's)."""
    return own(
        _cached_history(
            str(v.settings.db_path), db_version(v.settings.db_path), action_id, v.data.as_of
        )
    )


def meeting_date(v: View) -> tuple[dt.date, str | None]:
    """The date the pages judge 'overdue' and 'this week' on, and a sentence if not today."""
    return judged_on(v.data.as_of, v.data.demo, v.data.loads)


def _link(page: str, param: str, value: str, v: View) -> str:
    query = {param: value}
    if v.data.as_of is not None:
        query["as_of"] = v.data.as_of.isoformat()
    return f"/{page}?{urlencode(query)}"


def measure_link(measure_id: str, v: View) -> str:
    """Relative URL of the measure explorer focused on one measure."""
    return _link("measure-explorer", "measure", measure_id, v)


def risk_link(risk_id: str, v: View) -> str:
    return _link("strategic-risks", "risk", risk_id, v)


def action_link(action_id: str, v: View) -> str:
    """The improvement plan opened at this action's history."""
    return _link("improvement-plan", "action", action_id, v) + "#action-history"
