"""CQC assurance: the 4 themes and 9 quality statements, each with its published score and
the evidence held today (linked measures with status and direction, actions with progress,
risks). Statements with no evidence are flagged. Exports: the self-assessment evidence pack.
"""

from __future__ import annotations

import streamlit as st

from dashboard.downloads import prepared_pdf, xlsx_button
from dashboard.plan_state import meeting_date, plan
from dashboard.sections.cqc import statement_expander
from dashboard.state import view
from dashboard.text import md_text
from exports.pdf.cqc import evidence_pdf
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
        "No evidence is held for: " + md_text("; ".join(e.statement.name for e in flagged)) + ".",
        icon="⚠️",
    )

st.header("Summary")
st.dataframe(summary, hide_index=True, width="stretch", key="cqc_summary")

theme = None
for e in items:
    s = e.statement
    if s.theme != theme:
        theme = s.theme
        st.header(md_text(f"Theme {s.theme_number}: {s.theme}", one_line=True))
    statement_expander(e, v)

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
