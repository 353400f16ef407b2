"""The Data page's sections: how a load's periods are shown in its history."""

from __future__ import annotations

from metrics.periods import month_label, parse_period


def period_span(periods: object) -> str:
    """'2021-04,…,2025-10' as 'Apr 2021 … Oct 2025' (up to three months listed in full)."""
    if not isinstance(periods, str) or not periods:
        return ""
    months = [month_label(parse_period(p)) for p in periods.split(",")]
    return ", ".join(months) if len(months) <= 3 else f"{months[0]} … {months[-1]}"
