"""The budget table (the council's Table 13): variance, variance %, change and traffic light.

Thresholds are per-council configuration (published key: "Red > 1.5%, Amber > 1.1% < 1.5%,
Green on track"). The variance % is rounded to two decimal places, as printed, before the
thresholds apply; only an overspend is Amber or Red.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from pydantic import BaseModel, Field, model_validator

from settings.config import get_settings

TOTAL = "Total"
#: The £ figures of a finance row (intake.models.FinanceRow declares the same, in this order).
MONEY_COLUMNS = (
    "net_budget",
    "forecast",
    "variance_last_reported",
    "savings_planned",
    "savings_delivered",
    "savings_forecast",
)
COLUMNS = [
    "service_area",
    "period",
    "net_budget",
    "forecast",
    "variance",
    "variance_pct",
    "variance_last_reported",
    "change",
    "light",
    "savings_planned",
    "savings_delivered",
    "savings_forecast",
]


class FinanceThresholds(BaseModel):
    """Variance % of net budget above which the forecast is Amber, and above which Red."""

    amber_above_pct: float = Field(default=1.1, ge=0)
    red_above_pct: float = Field(default=1.5, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> FinanceThresholds:
        if self.red_above_pct < self.amber_above_pct:
            raise ValueError("the Red threshold must not be below the Amber threshold")
        return self

    @classmethod
    def from_env(cls) -> FinanceThresholds:
        """MM_FINANCE_AMBER_ABOVE_PCT and MM_FINANCE_RED_ABOVE_PCT, read by settings.config."""
        settings = get_settings()
        return cls(
            amber_above_pct=settings.finance_amber_above_pct,
            red_above_pct=settings.finance_red_above_pct,
        )

    def rule(self) -> str:
        """The rule in words, printed under every table that uses it."""
        amber, red = f"{self.amber_above_pct:g}%", f"{self.red_above_pct:g}%"
        return (
            "Traffic light on the forecast variance as a % of the net budget's size, rounded to two "
            f"decimal places as printed: ▲ Red over {red}; ● Amber over {amber} up to and "
            f"including {red}; ★ Green at or under {amber} (on track) or an underspend."
        )


def traffic_light(variance_pct: object, thresholds: FinanceThresholds) -> np.ndarray:
    """'red' / 'amber' / 'green' per variance %, 'no_data' where it cannot be worked out."""
    pct = np.round(pd.to_numeric(pd.Series(variance_pct), errors="coerce").to_numpy(float), 2)
    out = np.full(pct.shape, "green", dtype=object)
    out[pct > thresholds.amber_above_pct] = "amber"
    out[pct > thresholds.red_above_pct] = "red"
    out[np.isnan(pct)] = "no_data"
    return out


def finance_table(
    rows: pd.DataFrame, period: pd.Timestamp, thresholds: FinanceThresholds
) -> pd.DataFrame:
    """Table 13 for one period: each service area and a total, with variance and light.

    variance = forecast − net budget (positive is an overspend, or an income shortfall on a
    negative budget); variance % = variance / |net budget|; change = variance − variance
    last reported. A blank budget or forecast leaves that row's variance blank.
    """
    mine = rows[rows["period"] == period].copy()
    if mine.empty:
        return pd.DataFrame(columns=COLUMNS)
    money = list(MONEY_COLUMNS)  # every figure of finance.csv is £
    total = {c: mine[c].sum(min_count=len(mine)) for c in money}
    total.update(service_area=TOTAL, period=period)
    table = pd.concat([mine, pd.DataFrame([total])], ignore_index=True)
    table["variance"] = table["forecast"] - table["net_budget"]
    # Relative to the size of the budget: a net-income line (a negative budget) forecast to
    # bring in less is a shortfall, positive variance and a positive %, like any overspend.
    budget = table["net_budget"].abs().where(table["net_budget"] != 0)
    table["variance_pct"] = 100 * table["variance"] / budget
    table["change"] = table["variance"] - table["variance_last_reported"]
    table["light"] = traffic_light(table["variance_pct"], thresholds)
    return table[COLUMNS].reset_index(drop=True)
