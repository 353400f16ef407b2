"""The Overview's section of the council's own tables: Table 1 by reason, Table 2 across the
financial year, Table 3 (Red by name) and the Status of Indicators with its rule.

Kept out of pages/overview.py so the page gains one call; every frame comes from metrics.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.downloads import csv_button
from dashboard.state import View
from dashboard.ui import styled
from metrics.council_tables import table1, table2, table3
from metrics.periods import financial_year, month_long
from metrics.priority_status import RULE_TEXT, priority_statuses
from metrics.reported import disagreement
from metrics.vocab import status_label


def status_of_indicators(v: View, reporting: pd.DataFrame) -> pd.DataFrame:
    """One row per priority: the status used, the rule's, its counts and any note."""
    table = priority_statuses(reporting, v.data.catalogue, v.data.priority_reports)
    if v.priority:
        table = table[table["priority_id"] == v.priority]
    return pd.DataFrame(
        {
            "Priority": table["priority_id"] + " – " + table["priority_name"],
            "Status": [status_label(s) for s in table["status"]],
            "By the rule": [status_label(s) for s in table["computed_status"]],
            "Green": table["green"],
            "Amber": table["amber"],
            "Red": table["red"],
            "Measures": table["measures"],
            "Note": [
                disagreement(r, c, n) or ""
                for r, c, n in zip(
                    table["reported_status"],
                    table["computed_status"],
                    table["status_note"],
                    strict=True,
                )
            ],
        }
    )


def render(v: View, statuses: pd.DataFrame, reporting: pd.DataFrame) -> None:
    """The section, for the selected period and priority."""
    assert v.period is not None
    when = month_long(v.period)
    st.header("The report's tables, as the council prints them")
    st.caption("Statuses are as reported where the council recorded one, otherwise the RAG rule's.")

    st.subheader(f"Table 1: summary of {when} performance for all measures")
    st.caption(
        "Each cell is a count and its share of the row; no data is counted by its reason. "
        "The Total column gives each frequency's share of all measures."
    )
    t1 = table1(reporting)
    st.dataframe(t1, hide_index=True, width="stretch", key="council_table1")
    csv_button(v, t1, "table1-council", key="csv_council_table1")

    st.subheader(f"Table 2: measures by month, financial year {financial_year(v.period)}")
    t2 = table2(statuses, v.period)
    st.dataframe(t2, hide_index=True, width="stretch", key="council_table2")
    csv_button(v, t2, "table2-financial-year", key="csv_council_table2")

    st.subheader(f"Table 3: measures reporting {status_label('red')} for {when}")
    t3 = table3(reporting)
    if t3.empty:
        st.markdown(f"No measure is reporting {status_label('red')} for {when}.")
    else:
        count = len(t3)
        st.markdown(
            f"There {'is' if count == 1 else 'are'} {count:,} "
            f"measure{'' if count == 1 else 's'} reporting as Red for the reporting period."
        )
        st.dataframe(t3, hide_index=True, width="stretch", key="council_table3")

    st.subheader(f"Status of Indicators, {when}")
    st.markdown(RULE_TEXT)
    soi = status_of_indicators(v, reporting)
    st.dataframe(
        styled(soi, ("Status", "By the rule")), hide_index=True, width="stretch", key="council_soi"
    )
