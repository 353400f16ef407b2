"""The Improvement plan page's tables with their ids turned into links to the action and measure."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.plan_state import action_link, measure_link
from dashboard.state import View

#: The Action and Measure columns show the id as the link text.
LINK_CONFIG = {
    "Action": st.column_config.LinkColumn("Action", display_text=r"action=([^&#]+)", width="small"),
    "Measure": st.column_config.LinkColumn(
        "Measure", display_text=r"measure=([^&]+)", width="small"
    ),
}


def linked(frame: pd.DataFrame, v: View) -> pd.DataFrame:
    """The table with each action and measure id as a link to its history or explorer page."""
    out = frame.copy()
    if "Action" in out:
        out["Action"] = [action_link(a, v) for a in out["Action"]]
    if "Measure" in out:
        out["Measure"] = [measure_link(m, v) for m in out["Measure"]]
    return out
