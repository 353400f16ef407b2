"""One demo measure's series and its returns rows: smooth through the knots, exact at anchors."""

from __future__ import annotations

import datetime as dt

import numpy as np

from demo.source import Spec
from metrics.periods import add_months, financial_year, month_index, period_key
from metrics.rag import rag_status
from metrics.vocab import FREQUENCY_MONTHS

START = dt.date(2021, 4, 1)
END = dt.date(2025, 10, 1)


def periods(frequency: str) -> list[dt.date]:
    """The months a measure of this frequency reports in, START to END (quarters end Mar...)."""
    step = FREQUENCY_MONTHS[frequency]
    end_month = {"monthly": None, "bimonthly": 1, "quarterly": 0, "biannual": 3, "annual": 3}
    out = []
    day = START
    while day <= END:
        anchor = end_month[frequency]
        if anchor is None or (day.month % step) == (anchor % step):
            out.append(day)
        day = add_months(day, 1)
    return out


def series(
    spec: Spec, months: list[dt.date], anchors: dict[str, float], rng: np.random.Generator
) -> np.ndarray:
    """Smooth path through the knots plus tapered AR(1) noise, exact at the anchors."""
    x = np.array([month_index(m) for m in months], dtype=float)
    knots = {**spec.knots, **anchors}
    kx = np.array([month_index(dt.date.fromisoformat(k + "-01")) for k in sorted(knots)], float)
    ky = np.array([knots[k] for k in sorted(knots)], float)
    base = np.interp(x, kx, ky)
    noise = np.zeros(len(x))
    for i in range(1, len(x)):
        noise[i] = 0.6 * noise[i - 1] + rng.normal(0, spec.noise)
    anchor_x = np.array([month_index(dt.date.fromisoformat(k + "-01")) for k in anchors], float)
    if anchor_x.size:
        distance = np.min(np.abs(x[:, None] - anchor_x[None, :]), axis=1)
        noise *= np.clip(distance / 3.0, 0.0, 1.0)
    values = base * (1 + noise)
    values = np.round(values, spec.decimals)
    for key, value in anchors.items():
        where = x == month_index(dt.date.fromisoformat(key + "-01"))
        values[where] = value
    return values


def _target(spec: Spec, month: dt.date) -> float | None:
    return spec.targets.get(financial_year(month))


def fmt(value: float | None, decimals: int = 0) -> str:
    """A figure as the CSV cell the loader reads: fixed decimals, blank for none."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    return f"{value:.{decimals}f}"


def _commentary(spec: Spec, value: float, previous: float | None, status: str) -> str:
    unit = {"percent": "%", "days": " days", "currency": ""}.get(spec.unit, "")
    shown = f"£{value:,.0f}" if spec.unit == "currency" else f"{value:,.{spec.decimals}f}{unit}"
    if previous is None:
        return f"Illustrative figure: {shown}."
    change = value - previous
    verb = "up" if change > 0 else "down" if change < 0 else "unchanged"
    amount = (
        f"£{abs(change):,.0f}" if spec.unit == "currency" else f"{abs(change):,.{spec.decimals}f}"
    )
    text = f"Illustrative figure: {shown}, {verb}" + (f" {amount}" if change else "")
    text += " on the previous period."
    if status in ("red", "amber"):
        text += " Off target; actions agreed at the Meaningful Measures meeting."
    return text


def rows_for(spec: Spec, values: np.ndarray, months: list[dt.date]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    targets = [_target(spec, m) for m in months]
    statuses = rag_status(
        values.astype(float),
        np.array([np.nan if t is None else t for t in targets], float),
        spec.polarity,
        spec.tolerance,
        spec.tolerance_type,
    )
    fy_values: dict[str, list[float]] = {}
    fy_targets: dict[str, list[float]] = {}
    for i, month in enumerate(months):
        fy = financial_year(month)
        fy_values.setdefault(fy, []).append(float(values[i]))
        target = targets[i]
        if target is not None:
            fy_targets.setdefault(fy, []).append(target)
        if spec.ytd == "sum":
            ytd_a = sum(fy_values[fy])
            ytd_t = sum(fy_targets.get(fy, [])) if target is not None else None
        elif spec.ytd == "mean":
            ytd_a = float(np.mean(fy_values[fy]))
            ytd_t = target
        else:
            ytd_a, ytd_t = float(values[i]), target
        status = str(statuses[i])
        previous = float(values[i - 1]) if i else None
        off = status in ("red", "amber")
        rows.append(
            {
                "measure_id": spec.measure_id,
                "period": period_key(month),
                "team": "",
                "actual": fmt(values[i], spec.decimals),
                "target": fmt(target, spec.decimals if spec.unit != "currency" else 0),
                "ytd_actual": fmt(ytd_a, max(spec.decimals, 1 if spec.ytd == "mean" else 0)),
                "ytd_target": fmt(ytd_t, spec.decimals),
                "commentary": _commentary(spec, float(values[i]), previous, status),
                "improvement_plan": (
                    spec.improvement_plan or "Service manager's recovery plan in place."
                )
                if off
                else "",
                "timeframe": f"By end of {financial_year(month)}" if off else "",
                "finance_impact": "Within existing budget." if off else "",
                "risk_impact": "Linked to strategic risk 04, Managing Demand." if off else "",
            }
        )
    return rows
