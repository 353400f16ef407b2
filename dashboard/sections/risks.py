"""The Strategic risks page's sections: the register table, the heat map, the risk in focus and
the measures it links to.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.risks import risk_heatmap, risk_history_chart
from dashboard.state import View
from dashboard.text import md_text
from dashboard.ui import badge_html, empty_state, styled
from metrics.periods import month_label, month_long
from metrics.risk import risk_history
from metrics.vocab import direction_label, status_label
from plan.tables import latest_figures


def split_links(value: object) -> list[str]:
    """The ids in a `;`-separated links field (blank parts dropped)."""
    if not isinstance(value, str):
        return []
    return [part.strip() for part in value.split(";") if part.strip()]


def _score(value: object) -> object:
    """A score as a whole number, or None when the register has none."""
    return int(value) if pd.notna(value) else None


def target_words(value: object) -> str:
    """'target 6', or 'target not set' for a risk assessed without one (it is optional)."""
    return f"target {int(value)}" if pd.notna(value) else "target not set"


def register_table(register: pd.DataFrame) -> pd.DataFrame:
    """The register as shown: scores as whole numbers, rating and direction in symbols and words."""
    return pd.DataFrame(
        {
            "ID": register["risk_id"],
            "Risk": register["name"],
            "Inherent score": [_score(x) for x in register["inherent_score"]],
            "Previous residual": [_score(x) for x in register["previous_residual_score"]],
            "Current residual": [_score(x) for x in register["residual_score"]],
            "Residual L × I": [
                f"{int(lik)} × {int(imp)}"
                for lik, imp in zip(
                    register["residual_likelihood"], register["residual_impact"], strict=True
                )
            ],
            "Target score": [_score(x) for x in register["target_score"]],
            "Rating": [status_label(r) if isinstance(r, str) else "–" for r in register["rating"]],
            "Direction of travel": [
                direction_label(d, m)
                for d, m in zip(register["direction"], register["movement"], strict=True)
            ],
            "Owner": register["owner"],  # after the scores: they are what the meeting reads
            "Linked measures": [
                ", ".join(split_links(x)) or "–" for x in register["linked_measures"]
            ],
        }
    )


def linked_measures_table(
    links: list[str], statuses: pd.DataFrame, period: pd.Timestamp
) -> pd.DataFrame:
    """Each linked measure's latest figure up to the month (plan.tables)."""
    names = statuses.drop_duplicates("measure_id").set_index("measure_id")["name"]
    return latest_figures(
        links, statuses, period, names, nothing=f"Nothing reported by {month_label(period)}"
    )


def heat_map(
    register: pd.DataFrame,
    focus: str,
    assessed: pd.Timestamp,
    amber_from: int,
    red_from: int,
) -> None:
    """The likelihood × impact heat map (all risks, or only the focused one) with its key."""
    only_focus = st.checkbox("Show only the focused risk on the heat map", key="risk_only_focus")
    shown = register[register["risk_id"] == focus] if only_focus else register
    fig = risk_heatmap(
        shown,
        amber_from=amber_from,
        red_from=red_from,
        focus=focus,
        title=f"Likelihood × impact, {month_label(assessed)}",
    )
    fig.update_layout(height=780)
    st.plotly_chart(fig, width="stretch", key="risk_heatmap")
    st.caption(
        "Hollow circle: inherent position (before controls). Filled circle: current residual "
        "position. Cross: target. A dotted arrow shows this month's movement from last month's "
        "residual position. Each cell shows its score and band symbol."
    )


def risk_in_focus(
    v: View, register: pd.DataFrame, focus: str, amber_from: int, red_from: int
) -> pd.Series:
    """The focused risk: rating, scores, owner, description, controls and score over time."""
    row = register[register["risk_id"] == focus].iloc[0]
    st.subheader(f"{md_text(focus)}: {md_text(row['name'])}")
    # The badge is the only HTML (no data in it); the owner from the file is escaped markdown.
    st.markdown(badge_html(row["rating"]), unsafe_allow_html=True)
    st.markdown(
        f"Residual score **{int(row['residual_score'])}** "
        f"({int(row['residual_likelihood'])} × {int(row['residual_impact'])}) · "
        f"{direction_label(row['direction'], row['movement'])} · {target_words(row['target_score'])}  \n"
        f"**Owner:** {md_text(row['owner']) if isinstance(row['owner'], str) else 'Not recorded'}"
    )
    for field, label in (
        ("description", "Description"),
        ("controls", "Controls"),
        ("actions", "Actions"),
    ):
        if isinstance(row.get(field), str) and row[field].strip():
            st.markdown(f"**{label}:** {md_text(row[field])}")
    history = risk_history(v.data.risks)
    history = history[(history["risk_id"] == focus) & (history["period"] <= v.period)]
    fig = risk_history_chart(
        history,
        amber_from=amber_from,
        red_from=red_from,
        title=f"{focus} score over time",
    )
    fig.update_layout(height=420)
    st.plotly_chart(fig, width="stretch", key="risk_history")
    return row


def linked_measures(v: View, row: pd.Series, focus: str) -> list[str]:
    """The measures the focused risk links to, with each one's latest figure; their ids."""
    st.subheader(f"Measures linked to {md_text(focus)}")
    st.caption(f"Each measure's latest figure up to {month_long(v.period)}.")
    links = split_links(row["linked_measures"])
    if not links:
        empty_state(f"{focus} has no linked Adult Social Care measures.")
    else:
        st.dataframe(
            styled(
                linked_measures_table(links, v.data.statuses, v.period), status_columns=("Status",)
            ),
            hide_index=True,
            width="stretch",
            key="risk_linked",
        )
    return links
