"""CQC assurance: the 4 themes and 9 quality statements, each with its published score and
the evidence held today (linked measures with status and direction, actions with progress,
risks). Statements with no evidence are flagged. Exports: the self-assessment evidence pack.
"""

from __future__ import annotations

import streamlit as st

from dashboard.downloads import prepared_pdf, xlsx_button
from dashboard.plan_state import action_link, measure_link, meeting_date, plan, risk_link
from dashboard.state import view
from dashboard.text import md_text
from dashboard.ui import empty_state, styled
from exports.plan_pdf import evidence_pdf
from exports.plan_xlsx import evidence_xlsx
from metrics.periods import day_label
from plan.evidence import evidence, evidence_summary
from plan.quality import ASSESSMENT, OVERALL_RATING, SCORE_MEANING
from store.database import db_version

v = view()
st.title("CQC assurance")
on, note = meeting_date(v)
if note:
    st.caption(note)
p = plan(v)
items = evidence(p, v.data.statuses, v.data.risks, v.period, on)
summary = evidence_summary(items)

st.caption(
    f"{ASSESSMENT}: overall rating {OVERALL_RATING}. Each statement is scored 1–4: "
    + "; ".join(f"{k} {meaning.lower()}" for k, meaning in SCORE_MEANING.items())
    + ". Published scores and ratings are from the assessment (data/reference); the evidence "
    f"is what this database holds on {day_label(on)}."
)
flagged = [e for e in items if e.none]
tiles = st.columns(4)
tiles[0].metric("Quality statements", "9", border=True)
tiles[1].metric(
    "Rated Good (score 3)", f"{sum(e.statement.score == 3 for e in items)}", border=True
)
tiles[2].metric(
    "Requires improvement (score 2)", f"{sum(e.statement.score == 2 for e in items)}", border=True
)
tiles[3].metric("▲ With no evidence held", f"{len(flagged)}", border=True)
if flagged:
    st.warning(
        "No evidence is held for: " + "; ".join(e.statement.name for e in flagged) + ".",
        icon="⚠️",
    )

st.header("Summary")
st.dataframe(summary, hide_index=True, width="stretch", key="cqc_summary")

measure_config = {
    "Measure": st.column_config.LinkColumn("Measure", display_text=r"measure=([^&]+)")
}
action_config = {"Action": st.column_config.LinkColumn("Action", display_text=r"action=([^&#]+)")}
risk_config = {"Risk": st.column_config.LinkColumn("Risk", display_text=r"risk=([^&]+)")}

theme = None
for e in items:
    s = e.statement
    if s.theme != theme:
        theme = s.theme
        st.header(md_text(f"Theme {s.theme_number}: {s.theme}", one_line=True))
    flag = f" · {e.flag}" if e.flag else ""
    label = md_text(f"{s.name} · score {s.score}, {s.rating}{flag}", one_line=True)
    with st.expander(label, expanded=False):
        st.caption(f"Score source: {s.score_source}. Rating source: {s.rating_source}.")
        if e.none:
            empty_state(
                "No evidence held: no measure, action or risk is linked to this statement. "
                "Link measures (measures.csv) or actions (actions.csv) to it."
            )
            continue
        for title, frame, column, link, config, none_text in (
            ("Measures", e.measures, "Measure", measure_link, measure_config, "No measure"),
            ("Actions", e.actions, "Action", action_link, action_config, "No action"),
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
                column_config=risk_config,
                key=f"cqc_r_{s.statement_id}",
            )

st.header("Self-assessment evidence pack")
left, right = st.columns(2)
with left:
    xlsx_button(
        v,
        "Download the evidence pack (Excel)",
        evidence_xlsx(summary, items, on, demo=v.data.demo),
        f"cqc-evidence-{on:%Y-%m-%d}.xlsx",
        key="cqc_xlsx",
    )
with right:
    prepared_pdf(
        v,
        ("cqc_pdf", db_version(v.settings.db_path), str(v.data.as_of), on),
        lambda: evidence_pdf(summary, items, on, demo=v.data.demo),
        f"cqc-evidence-{on:%Y-%m-%d}.pdf",
        ("Prepare the evidence pack (PDF)", "Download the evidence pack (PDF)"),
        ("cqc_prepare", "cqc_pdf"),
    )
