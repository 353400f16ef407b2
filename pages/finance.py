"""Finance: the Adult Services budget table (the council's Table 13), savings and the trend.

Every figure comes from metrics.finance (variance, %, change, traffic light); this page only
composes. Finance is reported every two months, so the page shows the latest report at or
before the selected period.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from charts.finance import variance_trend
from dashboard.downloads import csv_button
from dashboard.sections.finance import (
    MONEY,
    savings,
    table_13,
)
from dashboard.state import view
from dashboard.ui import badge_html, empty_state
from metrics.finance import TOTAL, FinanceThresholds, finance_table
from metrics.formatting import format_value
from metrics.periods import financial_year, month_long
from metrics.showing import finance_period
from metrics.vocab import status_label

v = view()
st.title("Finance")
thresholds = FinanceThresholds.from_env()
rows = v.data.finance
if v.period is None or rows.empty:
    empty_state(
        "There are no budget figures in the database yet. Load a finance.csv on the Data page."
    )
    st.stop()

period = finance_period(rows, v.period)
reported = sorted(p for p in rows["period"].unique() if p <= v.period)  # the trend's months
if period is None:
    empty_state(f"There are no budget figures up to {month_long(v.period)}.")
    st.stop()
table = finance_table(rows, period, thresholds)
total = table[table["service_area"] == TOTAL].iloc[0]
st.caption(
    f"Adult Services budget, {financial_year(period)}: forecast as at {month_long(period)}"
    + (
        f" (finance reports every two months; the latest at or before {month_long(v.period)})."
        if period != v.period
        else "."
    )
)

tiles = st.columns(4)
tiles[0].metric("Net budget", format_value(total["net_budget"], "currency"), border=True)
tiles[1].metric("Forecast spend", format_value(total["forecast"], "currency"), border=True)
variance = total["variance"]
tiles[2].metric(
    "Forecast variance",
    "Breakeven" if variance == 0 else format_value(variance, "currency"),
    delta=None if pd.isna(total["variance_pct"]) else f"{total['variance_pct']:.2f}% of budget",
    delta_color="off",
    delta_arrow="off",
    border=True,
)
tiles[3].metric("Traffic light", status_label(total["light"]), border=True)
tiles[3].markdown(badge_html(total["light"]), unsafe_allow_html=True)

st.subheader(f"Table 13: budget and forecast, {month_long(period)}")
shown = table_13(table)
money_format = st.column_config.NumberColumn(format="localized")
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    key="finance_table13",
    column_config={label: money_format for label in MONEY.values()}
    | {
        "Variance %": st.column_config.NumberColumn(format="%.2f%%"),
        "Service area": st.column_config.TextColumn(width="medium"),
    },
)
st.caption(
    thresholds.rule()
    + " Variance = forecast spend − net budget; a positive figure is an overspend."
)
csv_button(v, shown, "table13-finance", key="csv_finance")

st.subheader("Savings")
st.dataframe(savings(table), hide_index=True, width="stretch", key="finance_savings")

totals = pd.concat(
    [finance_table(rows, p, thresholds).tail(1) for p in reported], ignore_index=True
)
fig = variance_trend(totals, thresholds, title="Forecast year-end variance, Adult Services")
fig.update_layout(height=420)
st.plotly_chart(fig, width="stretch", key="finance_trend")
