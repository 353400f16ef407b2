"""Properties of the budget table's rule: the variance % always has the variance's sign."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from metrics.finance import FinanceThresholds, finance_table

MONEY = st.integers(min_value=-50_000_000, max_value=50_000_000).map(float)


def _table(budget: float, forecast: float) -> pd.Series:
    rows = pd.DataFrame(
        {
            "service_area": ["Line"],
            "period": [pd.Timestamp("2024-09-01")],
            "net_budget": [budget],
            "forecast": [forecast],
            "variance_last_reported": [None],
            "savings_planned": [None],
            "savings_delivered": [None],
            "savings_forecast": [None],
        }
    )
    return finance_table(rows, pd.Timestamp("2024-09-01"), FinanceThresholds()).iloc[0]


@given(budget=MONEY.filter(lambda b: b != 0), forecast=MONEY)
def test_an_overspend_or_shortfall_is_never_green_beyond_red(
    budget: float, forecast: float
) -> None:
    row = _table(budget, forecast)
    pct = 100 * (forecast - budget) / abs(budget)
    assert (row["variance_pct"] > 0) == (forecast > budget)
    assert abs(row["variance_pct"] - pct) < 1e-9
    if round(pct, 2) > 1.5:
        assert row["light"] == "red"
    if forecast <= budget:
        assert row["light"] == "green"
