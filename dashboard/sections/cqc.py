"""The CQC assurance page's sections: one quality statement's expander with the evidence held."""

from __future__ import annotations

import streamlit as st

from dashboard.plan_state import action_link, measure_link, risk_link
from dashboard.state import View
from dashboard.text import md_text
from dashboard.ui import empty_state, styled
from plan.evidence import Evidence

#: Id columns shown as links whose text is the id.
MEASURE_CONFIG = {
    "Measure": st.column_config.LinkColumn("Measure", display_text=r"measure=([^&]+)")
}
ACTION_CONFIG = {"Action": st.column_config.LinkColumn("Action", display_text=r"action=([^&#]+)")}
RISK_CONFIG = {"Risk": st.column_config.LinkColumn("Risk", display_text=r"risk=([^&]+)")}


def statement_expander(e: Evidence, v: View) -> None:
    """One statement (its label escaped): score and rating sources, linked measures, actions, risks."""
    s = e.statement
    flag = f" · {e.flag}" if e.flag else ""
    label = md_text(f"{s.name} · score {s.score}, {s.rating}{flag}", one_line=True)
    with st.expander(label, expanded=False):
        st.caption(f"Score source: {s.score_source}. Rating source: {s.rating_source}.")
        if e.none:
            empty_state(
                "No evidence held: no measure, action or risk is linked to this statement. "
                "Link measures (measures.csv) or actions (actions.csv) to it."
            )
            return
        for title, frame, column, link, config, none_text in (
            ("Measures", e.measures, "Measure", measure_link, MEASURE_CONFIG, "No measure"),
            ("Actions", e.actions, "Action", action_link, ACTION_CONFIG, "No action"),
        ):
            st.subheader(f"{title} ({len(frame):,})")
            if frame.empty:
                empty_state(f"{none_text} is linked to this statement.")
                continue
            shown = frame.assign(**{column: [link(x, v) for x in frame[column]]})
            st.dataframe(
                styled(shown, status_columns=("Status",)) if column == "Measure" else shown,
                hide_index=True,
                width="stretch",
                column_config=config,
                key=f"cqc_{column[0].lower()}_{s.statement_id}",
            )
        st.subheader(f"Risks ({len(e.risks):,})")
        if e.risks.empty:
            empty_state("No strategic risk is linked through these measures or actions.")
        else:
            st.dataframe(
                e.risks.assign(Risk=[risk_link(r, v) for r in e.risks["Risk"]]),
                hide_index=True,
                width="stretch",
                column_config=RISK_CONFIG,
                key=f"cqc_r_{s.statement_id}",
            )
