"""The Finance page's tables as printed: Table 13 and the savings programme."""

from __future__ import annotations

import pandas as pd

from metrics.vocab import status_label

MONEY = {
    "net_budget": "Budget £000",
    "forecast": "Forecast £000",
    "variance": "Variance £000",
    "variance_last_reported": "Last reported £000",
    "change": "Change £000",
}


def table_13(table: pd.DataFrame) -> pd.DataFrame:
    """Table 13 as printed: £000, variance % to two places, the light as shape and word."""
    out = pd.DataFrame({"Service area": table["service_area"]})
    for column, label in MONEY.items():
        out[label] = (table[column] / 1000).round(0)
        if column == "variance":
            out["Variance %"] = table["variance_pct"].round(2)
    out["Traffic light"] = table["light"].map(status_label)
    return out


def savings(table: pd.DataFrame) -> pd.DataFrame:
    """Savings planned, delivered to date and forecast, with the shares of plan."""
    planned = table["savings_planned"].where(table["savings_planned"] != 0)

    def k(values: pd.Series) -> pd.Series:
        return values.map(lambda x: "–" if pd.isna(x) else f"{x / 1000:,.0f}")

    def pct(values: pd.Series) -> pd.Series:
        return (100 * values / planned).map(lambda x: "–" if pd.isna(x) else f"{x:.0f}%")

    return pd.DataFrame(
        {
            "Service area": table["service_area"],
            "Planned £000": k(table["savings_planned"]),
            "Delivered to date £000": k(table["savings_delivered"]),
            "Delivered, % of plan": pct(table["savings_delivered"]),
            "Forecast £000": k(table["savings_forecast"]),
            "Forecast, % of plan": pct(table["savings_forecast"]),
        }
    )
