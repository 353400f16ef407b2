"""The Exceptions page's parts: one exception's label, facts and expander."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.performance import exception_figure
from dashboard.state import view
from dashboard.text import md_text
from dashboard.ui import badge_html
from metrics.exceptions import exception_facts
from metrics.reported import disagreement
from metrics.vocab import NARRATIVE_FIELDS
from store.reference import published_points


@st.cache_data(show_spinner=False)
def published_anchors() -> pd.DataFrame:
    """Published figures (read once per process), for the trend charts."""
    return published_points()


def _text(value: object) -> str:
    """A field from the file, or "Not recorded." when it is blank."""
    return value.strip() if isinstance(value, str) and value.strip() else "Not recorded."


def exception_label(row: pd.Series) -> str:
    """'▲ Red — ASC-WL01 People waiting…': status shape and word, id and name."""
    return exception_facts(row).title


def facts_markdown(row: pd.Series) -> str:
    """The exception's key facts (metrics.exceptions) as short markdown lines."""
    facts = exception_facts(row)
    f = facts.fact
    periods = int(f("Periods at status"))
    lines = [
        f"**Status:** {f('Previous status')} → {f('Current status')} "
        f"({periods} period{'s' if periods != 1 else ''} at this status) · "
        f"**Direction:** {f('Direction of travel')}",
        f"**Actual:** {f('Actual')} against target {f('Target')} · **Year to date:** "
        f"{f('Year to date')} against {f('YTD target')}",
        f"**Director:** {md_text(f('Director'))} · **Portfolio holder:** "
        f"{md_text(f('Portfolio holder'))}",
    ]
    if facts.restated:
        lines.append(facts.restated)
    return "  \n".join(lines)


def render_exception(
    row: pd.Series, history: pd.DataFrame, comparators: pd.DataFrame, expanded: bool = False
) -> None:
    """One exception as an expander: facts, trend chart, commentary and plan."""
    with st.expander(md_text(exception_label(row)), expanded=expanded):
        st.markdown(badge_html(row["status"]), unsafe_allow_html=True)
        note = disagreement(row["reported_status"], row["computed_status"], row["status_note"])
        if note:
            st.markdown(f"**{md_text(note, one_line=True)}**")
        st.markdown(facts_markdown(row))
        fig = exception_figure(row, history, comparators, published_anchors(), view().data.events)
        st.plotly_chart(fig, width="stretch", key=f"trend_{row['measure_id']}")
        for field, label in NARRATIVE_FIELDS:
            st.markdown(f"**{label}:** {md_text(_text(row[field]))}")
