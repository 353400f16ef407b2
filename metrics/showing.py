"""The period a view shows: the latest month with figures at or before the chosen month.

Risk assessments and finance reports do not arrive every month. Every view (page, board mode,
pack) that shows them uses this one rule, and says so when it is not the chosen month.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from metrics.periods import month_label


def period_shown(
    available: Iterable[dt.date | pd.Timestamp], chosen: dt.date | pd.Timestamp
) -> pd.Timestamp | None:
    """The latest of `available` at or before `chosen`, or None when there is none.

    A later month is never shown: a September view must not show October's register.
    """
    limit = pd.Timestamp(chosen)
    earlier = [pd.Timestamp(p) for p in available if pd.notna(p) and pd.Timestamp(p) <= limit]
    return max(earlier) if earlier else None


def shown_caption(
    what: str, shown: dt.date | pd.Timestamp | None, chosen: dt.date | pd.Timestamp
) -> str | None:
    """'Risk register as assessed in Aug 2024' when the view falls back, else None.

    `what` names the thing and how it is dated ("Risk register as assessed").
    """
    if shown is None or pd.Timestamp(shown) == pd.Timestamp(chosen):
        return None
    return f"{what} in {month_label(pd.Timestamp(shown))}"


def latest_rows(statuses: pd.DataFrame, period: dt.date | pd.Timestamp | None) -> pd.DataFrame:
    """Each measure's latest row at or before `period` (all rows when None), by measure id.

    The same rule per measure: a quarterly measure viewed in August shows its June figure.
    """
    rows = statuses if period is None else statuses[statuses["period"] <= pd.Timestamp(period)]
    if rows.empty:
        return rows.set_index("measure_id")
    return (
        rows.sort_values(["measure_id", "period"])
        .groupby("measure_id")
        .tail(1)
        .set_index("measure_id")
    )


def risk_period(risks: pd.DataFrame, chosen: dt.date | pd.Timestamp) -> pd.Timestamp | None:
    """The risk register's month for a view of `chosen`: its latest assessment up to then."""
    if risks is None or not len(risks):
        return None
    return period_shown(risks["period"].unique(), chosen)


def risk_caption(
    shown: dt.date | pd.Timestamp | None, chosen: dt.date | pd.Timestamp
) -> str | None:
    """'Risk register as assessed in Aug 2024' when the register is not the chosen month's."""
    return shown_caption("Risk register as assessed", shown, chosen)


def finance_period(finance: pd.DataFrame, chosen: dt.date | pd.Timestamp) -> pd.Timestamp | None:
    """The finance report a view of `chosen` shows: the latest at or before it."""
    if finance is None or not len(finance):
        return None
    return period_shown(finance["period"].unique(), chosen)
