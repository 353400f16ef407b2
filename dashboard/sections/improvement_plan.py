"""The Improvement plan page's sections: each workstream's expander, one action's details, and
tables whose ids link to the action's history and the measure's explorer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.plan_state import action_link, measure_link
from dashboard.state import View
from dashboard.text import md_text
from dashboard.ui import empty_state, styled
from plan.quality import split_list
from plan.tables import actions_table, day, success_measures

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


def workstream_expander(
    w: Any, actions: pd.DataFrame, summary: pd.DataFrame, on: dt.date, v: View
) -> pd.DataFrame:
    """One workstream in an expander (its label escaped): lead, success measures and actions.

    Returns its success measures' table, for the plan's download.
    """
    mine = actions[actions["workstream_id"] == w.workstream_id]
    row = summary[summary["Workstream"] == w.workstream_id].iloc[0]
    name = f"{md_text(w.workstream_id, one_line=True)} – {md_text(w.name, one_line=True)}"
    label = f"{name}: {row['Actions']:,} actions, {row['Open']:,} open, {row['Overdue']:,} overdue"
    with st.expander(label, expanded=False):
        st.text(f"Lead: {w.lead}")
        if isinstance(w.description, str):
            st.text(w.description)
        st.text("Quality statements: " + ("; ".join(split_list(w.quality_statements)) or "none"))
        measures = success_measures(
            split_list(w.success_measures), v.data.statuses, v.data.catalogue, v.period
        )
        st.subheader("Success measures")
        if measures.empty:
            empty_state("This workstream names no success measures.")
        else:
            st.dataframe(
                styled(linked(measures, v), status_columns=("Status",)),
                hide_index=True,
                width="stretch",
                key=f"plan_measures_{w.workstream_id}",
                column_config={
                    **LINK_CONFIG,
                    "Trend": st.column_config.LineChartColumn(
                        "Last 12 figures", help="The measure's last 12 reported figures"
                    ),
                },
            )
        st.subheader("Actions")
        if mine.empty:
            empty_state("No actions in this workstream yet.")
        else:
            table = actions_table(mine, on).drop(columns=["Workstream"])
            st.dataframe(
                linked(table, v),
                hide_index=True,
                width="stretch",
                key=f"plan_actions_{w.workstream_id}",
                column_config=LINK_CONFIG,
            )
    return measures


def action_details(r: pd.Series, focus: str) -> None:
    """One action's title, owner, dates and links, with a link to each measure and risk."""
    st.text(
        f"{focus}: {r['title']}\nOwner: {r['owner']} · Raised {day(r['raised'])} · "
        f"Due {day(r['due'])}"
    )
    links = []
    if split_list(r["linked_measures"]):
        links.append("Measures: " + ", ".join(split_list(r["linked_measures"])))
    if split_list(r["linked_risks"]):
        links.append("Risks: " + ", ".join(split_list(r["linked_risks"])))
    if split_list(r["quality_statements"]):
        links.append("Quality statements: " + "; ".join(split_list(r["quality_statements"])))
    if links:
        st.text("\n".join(links))
    for measure_id in split_list(r["linked_measures"]):
        st.page_link(
            "pages/explorer.py",
            label=f"Open {md_text(measure_id, one_line=True)} in the measure explorer",
            query_params={"measure": measure_id},
        )
    for risk_id in split_list(r["linked_risks"]):
        st.page_link(
            "pages/risks.py",
            label=f"Open risk {md_text(risk_id, one_line=True)}",
            query_params={"risk": risk_id},
        )
