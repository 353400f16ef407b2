"""The small "Actions and quality statements" section on the measure explorer and risk page."""

from __future__ import annotations

import streamlit as st

from dashboard.plan_state import action_link, meeting_date, plan
from dashboard.state import View
from dashboard.text import md_text
from dashboard.ui import empty_state
from plan.tables import measure_links, risk_links


def _render(v: View, what: str, actions, names: list[str], key: str) -> None:
    st.subheader(f"Actions and CQC quality statements linked to {md_text(what)}")
    if names:
        st.text("Quality statements: " + "; ".join(names))
    else:
        st.text("Quality statements: none linked.")
    if actions.empty:
        empty_state(f"No action in the improvement plan or the weekly meeting names {what}.")
        return
    shown = actions.drop(columns=["Progress"]).assign(
        Action=[action_link(a, v) for a in actions["Action"]]
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        key=key,
        column_config={
            "Action": st.column_config.LinkColumn("Action", display_text=r"action=([^&#]+)")
        },
    )


def measure_section(v: View, measure_id: str) -> None:
    """Actions naming the measure and the statements it is evidence for."""
    on, _ = meeting_date(v)
    actions, names = measure_links(plan(v), measure_id, on)
    _render(v, measure_id, actions, names, "explorer_actions")


def risk_section(v: View, risk_id: str, linked_measures: list[str]) -> None:
    """Actions naming the risk and the statements they (and its measures) evidence."""
    on, _ = meeting_date(v)
    actions, names = risk_links(plan(v), risk_id, linked_measures, on)
    _render(v, risk_id, actions, names, "risk_actions")
