"""Finance table rules: variance, variance %, change and the traffic light at its edges."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from metrics.finance import TOTAL, FinanceThresholds, finance_table, traffic_light

PUBLISHED = FinanceThresholds()  # Red > 1.5%, Amber > 1.1% (BMMR Table 13 key)
SEP = pd.Timestamp("2024-09-01")


def _light(budget: float, forecast: float, thresholds: FinanceThresholds = PUBLISHED) -> str:
    pct = 100 * (forecast - budget) / budget
    return str(traffic_light([pct], thresholds)[0])


def test_exactly_1_1_percent_is_green_and_just_over_is_amber() -> None:
    assert _light(1_000_000, 1_011_000) == "green"  # 1.10% (float gives 1.0999…)
    assert _light(1_000_000, 1_011_100) == "amber"  # 1.11%


def test_exactly_1_5_percent_is_amber_and_just_over_is_red() -> None:
    assert _light(1_000_000, 1_015_000) == "amber"  # 1.50%
    assert _light(1_000_000, 1_015_100) == "red"  # 1.51%


def test_underspend_breakeven_and_blank() -> None:
    assert list(traffic_light([-3.0, 0.0, None, np.nan], PUBLISHED)) == [
        "green",
        "green",
        "no_data",
        "no_data",
    ]


def test_thresholds_are_configuration() -> None:
    strict = FinanceThresholds(amber_above_pct=0.5, red_above_pct=1.0)
    assert _light(1_000_000, 1_008_000, strict) == "amber"  # 0.8%
    assert _light(1_000_000, 1_011_000, strict) == "red"  # 1.1%
    with pytest.raises(ValidationError):
        FinanceThresholds(amber_above_pct=2.0, red_above_pct=1.0)


def test_thresholds_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MM_FINANCE_AMBER_ABOVE_PCT", "1")
    monkeypatch.setenv("MM_FINANCE_RED_ABOVE_PCT", "2")
    assert FinanceThresholds.from_env() == FinanceThresholds(amber_above_pct=1, red_above_pct=2)


@settings(deadline=None)  # the machine is shared; speed is not what this test is about
@given(st.floats(min_value=-50, max_value=50, allow_nan=False))
def test_the_light_never_improves_as_the_overspend_grows(pct: float) -> None:
    order = {"green": 0, "amber": 1, "red": 2}
    here, more = traffic_light([pct, pct + 0.25], PUBLISHED)
    assert order[more] >= order[here]


def test_table_13_for_the_published_sep_2024_lines() -> None:
    rows = pd.DataFrame(
        {
            "service_area": ["Adult Social Care (SCS1)", "Other"],
            "period": [SEP, SEP],
            "net_budget": [27_209_000.0, 8_092_000.0],
            "forecast": [27_509_000.0, 7_792_000.0],
            "variance_last_reported": [300_000.0, -100_000.0],
            "savings_planned": [800_000.0, 0.0],
            "savings_delivered": [500_000.0, 0.0],
            "savings_forecast": [750_000.0, 0.0],
        }
    )
    table = finance_table(rows, SEP, PUBLISHED).set_index("service_area")
    scs1 = table.loc["Adult Social Care (SCS1)"]
    assert scs1["variance"] == 300_000
    assert round(scs1["variance_pct"], 2) == 1.10  # 300 / 27,209 = 1.1026%
    assert scs1["light"] == "green"  # 1.10% printed: not over 1.1%
    assert scs1["change"] == 0
    other = table.loc["Other"]
    assert other["variance"] == -300_000 and other["change"] == -200_000
    total = table.loc[TOTAL]
    assert total["net_budget"] == 35_301_000 and total["variance"] == 0
    assert total["light"] == "green" and total["change"] == -200_000


def test_blank_budget_leaves_the_row_and_total_blank() -> None:
    rows = pd.DataFrame(
        {
            "service_area": ["A", "B"],
            "period": [SEP, SEP],
            "net_budget": [100.0, np.nan],
            "forecast": [102.0, 50.0],
            "variance_last_reported": [np.nan, np.nan],
            "savings_planned": [np.nan, np.nan],
            "savings_delivered": [np.nan, np.nan],
            "savings_forecast": [np.nan, np.nan],
        }
    )
    table = finance_table(rows, SEP, PUBLISHED).set_index("service_area")
    assert table.loc["A", "light"] == "red"  # 2%
    assert table.loc["B", "light"] == "no_data"
    assert table.loc[TOTAL, "light"] == "no_data"
    assert pd.isna(table.loc["A", "change"])


def test_no_rows_for_the_period_is_an_empty_table() -> None:
    empty = pd.DataFrame(columns=["service_area", "period", "net_budget", "forecast"])
    assert finance_table(empty, SEP, PUBLISHED).empty
