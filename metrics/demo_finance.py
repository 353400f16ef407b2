"""Demo finance.csv (the BMMR's Table 13 for Adult Services), breakeven in Sep 2024 as published.

Sep 2024 is exact: net budget £250,201k, forecast £250,201k, variance 0, variance last
reported 0; the SCS1 Adult Social Care line £27,209k / £27,509k (+£300k). The split of the
rest between service areas is illustrative; totals of other periods follow ASC-FN01.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from metrics.periods import financial_year, period_key

#: (service area, share of the budget not in the published lines) — the split is illustrative.
AREAS = (
    "Age Well pooled budget",
    "Live Well pooled budget",
    "Adult Social Care (SCS1)",
    "Other Adult Services",
)
#: Sep 2024 as published (£): pooled budgets 214.9m, SCS1 27,209k -> 27,509k, total 250,201k.
SEP_2024_BUDGET = (121_600_000, 93_300_000, 27_209_000, 8_092_000)
SEP_2024_VARIANCE = (0, 0, 300_000, -300_000)
#: 2024/25 savings (£): planned 4.3m, delivered to date 2.9m, forecast 4.2m (split illustrative).
SAVINGS_2024 = (
    (2_000_000, 1_500_000, 800_000, 0),
    (1_400_000, 1_000_000, 500_000, 0),
    (2_000_000, 1_450_000, 750_000, 0),
)
_GROWTH = {"2021/22": 0.84, "2022/23": 0.89, "2023/24": 0.95, "2024/25": 1.0, "2025/26": 1.05}


def _round_k(value: float) -> int:
    return round(value / 1000.0) * 1000


def finance_files(
    values: dict[str, np.ndarray], months: list[dt.date]
) -> dict[str, list[dict[str, str]]]:
    """finance.csv rows: one per service area and bimonthly period, totals = ASC-FN01."""
    total_variance = values["ASC-FN01"]
    rows: list[dict[str, str]] = []
    last: dict[tuple[str, str], int] = {}
    weights = np.array([0.45, 0.35, 0.12, 0.08])
    for i, month in enumerate(months):
        fy = financial_year(month)
        scale = _GROWTH[fy]
        budgets = [_round_k(b * scale) for b in SEP_2024_BUDGET]
        key = period_key(month)
        if key in ("2024-07", "2024-09"):
            variances = list(SEP_2024_VARIANCE)
        else:
            variances = [_round_k(float(total_variance[i]) * w) for w in weights]
            variances[-1] += _round_k(float(total_variance[i])) - sum(variances)
        months_in = (month.month - 4) % 12 + 1
        planned = [_round_k(p * scale) for p in SAVINGS_2024[0]]
        delivered = [_round_k(p * min(1.0, months_in / 12) * 0.9) for p in planned]
        forecast = [_round_k(p * 0.97) for p in planned]
        if fy == "2024/25" and key == "2024-09":
            planned, delivered, forecast = (list(x) for x in SAVINGS_2024)
        for a, area in enumerate(AREAS):
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
