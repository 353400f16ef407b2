"""Improvement plan: workstreams with their actions by status, owners, due dates and overdue
counts, each success measure's latest status with a sparkline, and any action's history.

Overdue and status words come from plan.actions; measure statuses from metrics.report.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.downloads import prepared_pdf, xlsx_button
from dashboard.plan_state import (
    history,
    meeting_date,
    plan,
)
from dashboard.sections.improvement_plan import (
    LINK_CONFIG,
    action_details,
    linked,
    workstream_expander,
)
from dashboard.state import synced_select, view
from dashboard.ui import count_tiles, empty_state
from exports.pdf.plan import plan_pdf
from exports.plan_xlsx import plan_xlsx
from metrics.periods import day_label
from plan.tables import (
    actions_table,
    history_table,
    status_counts,
    workstream_pages,
    workstream_summary,
)
from store.database import db_version

v = view()
st.title("Improvement plan")
on, note = meeting_date(v)
p = plan(v)
if note:
    st.caption(note)
if p.actions.empty and p.workstreams.empty:
    empty_state(
        "There are no workstreams or actions yet. Load workstreams.csv and actions.csv on the "
        "Data page (templates are there)."
    )
    st.stop()

st.caption(
    f"Actions as held on {day_label(on)}. Overdue: due before that date and neither complete nor "
    "closed. Status: ○ Not started, ★ On track, ● At risk, ▲ Off track, ✓ Complete, ■ Closed."
)
counts = status_counts(p.actions, on)
count_tiles(
    [
        ("Workstreams", len(p.workstreams)),
        ("Actions", len(p.actions)),
        ("Open", len(p.actions) - counts["complete"] - counts["closed"]),
        ("▲ Overdue", counts["overdue"]),
        ("Escalated (open)", counts["escalated"]),
    ]
)

summary = workstream_summary(p, on)
all_actions = actions_table(p.actions, on)

st.header("Workstreams")
if summary.empty:
    empty_state("No workstreams are loaded; actions are listed below without one.")
else:
    st.dataframe(summary, hide_index=True, width="stretch", key="plan_summary")

measure_tables = {
    w.workstream_id: workstream_expander(w, p.actions, summary, on, v)
    for w in p.workstreams.itertuples(index=False)
}

loose = p.actions[~p.actions["workstream_id"].isin(p.workstreams["workstream_id"])]
if len(loose):
    st.header("Actions outside a workstream")
    st.caption("Agreed at the weekly meeting or escalated from it.")
    st.dataframe(
        linked(actions_table(loose, on).drop(columns=["Workstream"]), v),
        hide_index=True,
        width="stretch",
        key="plan_loose",
        column_config=LINK_CONFIG,
    )

st.header("One action's history", anchor="action-history")
ids = list(p.actions["action_id"])
if not ids:
    empty_state("No actions yet.")
else:
    titles = dict(zip(p.actions["action_id"], p.actions["title"], strict=True))
    focus = synced_select(
        "Action",
        "action",
        ids,
        ids[0],
        format_func=lambda a: f"{a} – {titles.get(a, a)}",
        container=st,
    )
    r = p.actions[p.actions["action_id"] == focus].iloc[0]
    action_details(r, focus)
    log = history(v, focus)
    st.caption(
        "Every version loaded, oldest first: the progress log. With an As reported on date, "
        "only the versions loaded by then."
    )
    st.dataframe(history_table(log), hide_index=True, width="stretch", key="plan_history")

st.header("Downloads")
every = history(v, None)
full_history = history_table(every)
full_history.insert(0, "Action", every["action_id"])
all_measures = (
    pd.concat([m.assign(Workstream=w) for w, m in measure_tables.items()])
    if measure_tables
    else pd.DataFrame()
)
workstream_parts = workstream_pages(p, v.data.statuses, v.data.catalogue, v.period, on)
version = db_version(v.settings.db_path)
left, right = st.columns(2)
with left:
    xlsx_button(
        v,
        "Download the plan (Excel)",
        plan_xlsx(summary, all_actions, all_measures, full_history, on, demo=v.data.demo),
        f"improvement-plan-{on:%Y-%m-%d}.xlsx",
        key="plan_xlsx",
    )
with right:
    prepared_pdf(
        v,
        ("plan_pdf", version, str(v.data.as_of), on),
        lambda: plan_pdf(summary, workstream_parts, on, demo=v.data.demo),
        f"improvement-plan-section-{on:%Y-%m-%d}.pdf",
        ("Prepare the board pack section (PDF)", "Download the board pack section (PDF)"),
        ("plan_prepare", "plan_pdf"),
    )
