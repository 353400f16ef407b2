"""The This week page's digest (cached per database version) and its linked tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.plan_state import action_link, measure_link, risk_link
from dashboard.state import View
from plan.this_week import WeekDigest, week_digest


@st.cache_resource(max_entries=8, show_spinner=False)
def cached_digest(path: str, version: str, since: dt.date, until: dt.date) -> WeekDigest:
    """The week's digest, cached per database version (a load changes the token)."""
    del version  # cache key only
    return week_digest(Path(path), since, until)


def with_links(table: pd.DataFrame, v: View) -> tuple[pd.DataFrame, dict]:
    """Replace the id column with a link to its page; the link text is the id itself."""
    out = table.copy()
    config: dict = {}
    for column, link, param in (
        ("Measure", measure_link, "measure"),
        ("Risk", risk_link, "risk"),
        ("Action", action_link, "action"),
    ):
        if column in out:
            out[column] = [link(x, v) for x in out[column]]
            config[column] = st.column_config.LinkColumn(
                column, display_text=rf"{param}=([^&#]+)", width="small"
            )
    return out, config
