"""Demo finance.csv (the BMMR's Table 13 for Adult Services), breakeven in Sep 2024 as published.

Sep 2024 is exact: net budget £250,201k, forecast £250,201k, variance 0, variance last
reported 0; the SCS1 Adult Social Care line £27,209k / £27,509k (+£300k). The split of the
rest between service areas is illustrative; totals of other periods follow ASC-FN01. The figures
are in data/demo_source/finance_areas.csv and finance_growth.csv.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from demo.source import read_rows
from metrics.periods import financial_year, period_key


def _round_k(value: float) -> int:
    return round(value / 1000.0) * 1000


def finance_files(
    values: dict[str, np.ndarray], months: list[dt.date]
) -> dict[str, list[dict[str, str]]]:
    """finance.csv rows: one per service area and bimonthly period, totals = ASC-FN01."""
    total_variance = values["ASC-FN01"]
    rows: list[dict[str, str]] = []
    last: dict[tuple[str, str], int] = {}
    source = read_rows("finance_areas.csv")
    areas = [a["service_area"] for a in source]
    sep_2024_budget = [int(a["sep_2024_budget"]) for a in source]
    sep_2024_variance = [int(a["sep_2024_variance"]) for a in source]
    savings_2024 = [
        [int(a[f"savings_{what}_2024"]) for a in source]
        for what in ("planned", "delivered", "forecast")
    ]
    growth = {
        g["financial_year"]: float(g["budget_scale"]) for g in read_rows("finance_growth.csv")
    }
    weights = np.array([float(a["variance_share"]) for a in source])
    for i, month in enumerate(months):
        fy = financial_year(month)
        scale = growth[fy]
        budgets = [_round_k(b * scale) for b in sep_2024_budget]
        key = period_key(month)
        if key in ("2024-07", "2024-09"):
            variances = list(sep_2024_variance)
        else:
            variances = [_round_k(float(total_variance[i]) * w) for w in weights]
            variances[-1] += _round_k(float(total_variance[i])) - sum(variances)
        months_in = (month.month - 4) % 12 + 1
        planned = [_round_k(p * scale) for p in savings_2024[0]]
        delivered = [_round_k(p * min(1.0, months_in / 12) * 0.9) for p in planned]
        forecast = [_round_k(p * 0.97) for p in planned]
        if fy == "2024/25" and key == "2024-09":
            planned, delivered, forecast = (list(x) for x in savings_2024)
        for a, area in enumerate(areas):
            previous = last.get((area, fy))
            rows.append(
                {
                    "service_area": area,
                    "period": key,
                    "net_budget": str(budgets[a]),
                    "forecast": str(budgets[a] + variances[a]),
                    "variance_last_reported": "" if previous is None else str(previous),
                    "savings_planned": str(planned[a]),
                    "savings_delivered": str(delivered[a]),
                    "savings_forecast": str(forecast[a]),
                }
            )
            last[(area, fy)] = variances[a]
    return {"finance.csv": rows}
