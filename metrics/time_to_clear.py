"""Waiting-list arithmetic: how long the list would take to clear at the recent rate.

Pure pandas so the waiting-times page, the exports and the tests share one rule.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pandas as pd

from metrics.periods import month_label

METHOD_TEXT = (
    "How this is worked out: the net monthly change is the average of (assessments completed "
    "− referrals received) over the last {months} months with both figures. When it is "
    "positive, months to clear = people waiting now ÷ net monthly change; it assumes the recent "
    "rates carry on and is a guide, not a forecast."
)


@dataclass(frozen=True)
class ClearanceProjection:
    """The projection and the sentences the page prints."""

    period: pd.Timestamp | None  # month of the list size used
    waiting: float | None  # people waiting in that month
    referrals_per_month: float | None  # average over the months used
    completed_per_month: float | None
    net_per_month: float | None  # completed - referrals: positive shrinks the list
    months_used: int  # months in the window that had both figures
    months_to_clear: float | None
    clear_by: pd.Timestamp | None  # first month by which the list would be cleared
    falling: bool
    sentence: str
    method: str


def _monthly(series: pd.Series) -> pd.Series:
    """Index as month-start Timestamps, numeric values, missing values dropped, sorted."""
    values = pd.to_numeric(pd.Series(series), errors="coerce")
    index = pd.to_datetime(pd.Index(series.index)).to_period("M").to_timestamp()
    out = pd.Series(values.to_numpy(), index=index).dropna()
    return out[~out.index.duplicated(keep="last")].sort_index()


def _rate(n: float) -> str:
    """A monthly average to one decimal unless whole, so the sentence's division checks out."""
    return f"{n:,.0f}" if abs(n - round(n)) < 0.05 else f"{n:,.1f}"


def _people(n: float) -> str:
    count = f"{n:,.0f}"
    return f"{count} person" if round(n) == 1 else f"{count} people"


def clearance_projection(
    waiting: pd.Series,
    referrals: pd.Series,
    completed: pd.Series,
    months: int = 3,
) -> ClearanceProjection:
    """Months to clear the list if the average net change of the last `months` months carries on.

    Series are indexed by period. The window is the `months` calendar months ending at the
    latest waiting-list figure; months missing either flow figure are left out of the average.
    """
    if months < 1:
        raise ValueError(f"months must be at least 1, got {months}")
    wait = _monthly(waiting)
    method = METHOD_TEXT.format(months=months)
    empty = ClearanceProjection(None, None, None, None, None, 0, None, None, False, "", method)
    if wait.empty:
        return replace(empty, sentence="There is no waiting-list figure to project from.")
    end = wait.index[-1]
    current = float(wait.iloc[-1])
    start = end - pd.DateOffset(months=months - 1)
    flows = pd.concat(
        {"referrals": _monthly(referrals), "completed": _monthly(completed)}, axis=1, sort=True
    ).dropna()
    flows = flows[(flows.index >= start) & (flows.index <= end)]
    base = replace(empty, period=end, waiting=current)
    if current <= 0:
        return replace(
            base,
            months_to_clear=0.0,
            clear_by=end,
            falling=True,
            sentence=f"No one was waiting at the end of {month_label(end)}, so there is no "
            "list to clear.",
        )
    if flows.empty:
        return replace(
            base,
            sentence=f"There are no referral and completion figures for the {months} months "
            f"to {month_label(end)}, so the time to clear the list cannot be projected.",
        )
    referred = float(flows["referrals"].mean())
    done = float(flows["completed"].mean())
    net = done - referred
    used = len(flows)
    span = (
        f"the last {months} months"
        if used == months
        else f"the {used} of the last {months} months with figures"
    )
    rates = (
        f"on average {done:,.0f} assessments completed and {referred:,.0f} referrals received "
        f"a month over {span}"
    )
    base = replace(
        base,
        referrals_per_month=referred,
        completed_per_month=done,
        net_per_month=net,
        months_used=used,
    )
    if net <= 0:
        return replace(
            base,
            sentence=f"The list of {_people(current)} is not falling at the current rate: "
            f"{rates}, so referrals are keeping pace with or outrunning completions.",
        )
    to_clear = current / net
    # 455 / (35 / 3) is 39.000000000000014 in binary floating point: ceil() made that 40.
    # "About" is the nearest whole month; the clear-by month is the whole month it falls in.
    whole = max(1, math.ceil(to_clear - 1e-9))
    about = max(1, round(to_clear))
    clear_by = end + pd.DateOffset(months=whole)
    when = "within a month" if to_clear <= 1 else f"in about {about:,} months"
    return replace(
        base,
        months_to_clear=to_clear,
        clear_by=clear_by,
        falling=True,
        sentence=f"At the recent rate ({rates}: a net fall of {_rate(net)} a month), the list of "
        f"{_people(current)} at the end of {month_label(end)} would clear {when}, by "
        f"{month_label(clear_by)}.",
    )
