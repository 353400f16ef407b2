"""Exceptions by priority: each priority's sentence, then every Red or repeat-Amber measure.

An exception is what `metrics.report` marks (`exception` is True); this page only lays the
rows out, with the trend chart, the commentary and the improvement plan for each.
"""

from __future__ import annotations

import streamlit as st

from dashboard.downloads import export_panel
from dashboard.sections.exceptions import (
    render_exception,
)
from dashboard.state import view
from dashboard.text import md_text
from dashboard.ui import no_figures_state, styled
from metrics.council_tables import exception_table
from metrics.exceptions import EXCEPTION_DEFINITION, exceptions_in_order
from metrics.formatting import format_value
from metrics.periods import financial_year, month_label, month_long
from metrics.priority_status import priority_statuses
from metrics.report import for_period, priority_sentence
from metrics.reported import disagreement
from metrics.vocab import direction_label, status_label

v = view()
st.title("Exceptions by priority")
st.caption(
    f"{EXCEPTION_DEFINITION} Open a measure to see its trend, commentary and improvement plan."
)

if v.period is None:
    no_figures_state(v.data.loads, v.data.as_of)
    st.stop()

statuses = v.data.statuses
history = statuses[statuses["period"] <= v.period]
reporting = for_period(statuses, v.period)
priorities = v.data.catalogue.drop_duplicates("priority_id").sort_values("priority_id")
if v.priority:
    priorities = priorities[priorities["priority_id"] == v.priority]

st.caption(f"Figures for {month_long(v.period)} (financial year {financial_year(v.period)}).")
# In a meeting every exception should be open: one switch (kept in the URL as ?expand=1),
# on by default in board mode.
if "url_expand" not in st.session_state:
    st.session_state["url_expand"] = st.query_params.get("expand", "1" if v.board else "0") == "1"
expand_all = st.toggle(
    "Expand all",
    key="url_expand",
    help="Open every exception's chart, commentary and improvement plan at once.",
)
if expand_all != v.board:
    st.query_params["expand"] = "1" if expand_all else "0"
elif "expand" in st.query_params:
    del st.query_params["expand"]
export_panel(v, key="exceptions")
indicators = priority_statuses(reporting, v.data.catalogue, v.data.priority_reports)
indicators = indicators.set_index("priority_id")
for priority in priorities.itertuples(index=False):
    st.header(f"{md_text(priority.priority_id)} – {md_text(priority.priority_name)}")
    mine = reporting[reporting["priority_id"] == priority.priority_id]
    if priority.priority_id in indicators.index:
        soi = indicators.loc[priority.priority_id]
        note = disagreement(soi["reported_status"], soi["computed_status"], soi["status_note"])
        st.markdown(
            f"**Status of indicators:** {status_label(soi['status'])}"
            + (
                f" · {md_text(note, one_line=True)}"
                if note
                else " (by the rule on the Overview page)"
            )
        )
    st.markdown(priority_sentence(mine, v.period))
    exceptions = exceptions_in_order(mine)
    if exceptions.empty:
        st.markdown(f"No exceptions to report for this priority in {month_label(v.period)}.")
        continue
    summary = exception_table(exceptions, v.period)
    status_columns = tuple(c for c in summary.columns if c.endswith("status"))
    summary["Periods at status"] = exceptions["periods_at_status"].astype(int).to_numpy()
    summary["Direction"] = [
        direction_label(d, m)
        for d, m in zip(exceptions["direction"], exceptions["movement"], strict=True)
    ]
    summary["Actual"] = [
        format_value(a, u) for a, u in zip(exceptions["actual"], exceptions["unit"], strict=True)
    ]
    summary["Target"] = [
        format_value(t, u) for t, u in zip(exceptions["target"], exceptions["unit"], strict=True)
    ]
    st.dataframe(
        styled(summary, status_columns),
        hide_index=True,
        width="stretch",
        key=f"exc_{priority.priority_id}",
        column_config={"Measure": st.column_config.TextColumn("Measure", width="medium")},
    )
    for _, row in exceptions.iterrows():
        render_exception(row, history, v.data.comparators, expanded=expand_all)
