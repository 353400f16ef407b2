"""SPC for one measure as the explorer and the pack show it: which limits, and are they still true.

The engine (`metrics.spc`) computes limits for whatever groups it is given; this module decides
the groups (a new set of limits at each process change and at a chosen "since" date, limits
fixed after N points) and says when the latest points show the limits no longer describe the
process, so a page never reports assurance against limits of a process that has gone.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from metrics.events import events_for, rebase_periods
from metrics.formatting import format_value
from metrics.periods import month_label
from metrics.spc import MIN_FIX_AFTER, summarise, xmr

#: The Making Data Count shift rule: this many points in a row on one side of the mean.
SHIFT_RUN = 7


@dataclass(frozen=True)
class Baseline:
    """The user's choice of limits, as kept in the URL."""

    fix_after: int | None = None  # limits from the first N points of each group
    since: pd.Timestamp | None = None  # a new set of limits starts here
    use_events: bool = True  # process changes in events.csv start new limits

    def __post_init__(self) -> None:
        if self.fix_after is not None and self.fix_after < MIN_FIX_AFTER:
            raise ValueError(f"limits can be fixed after {MIN_FIX_AFTER} points or more")


@dataclass(frozen=True)
class Shift:
    """A run of points on one side of the mean that reaches the latest point."""

    start: pd.Timestamp
    points: int
    side: str  # "above" or "below"

    @property
    def sentence(self) -> str:
        return (
            f"The last {self.points} points, since {month_label(self.start)}, are all "
            f"{self.side} the mean: the process has shifted, so these limits no longer "
            "describe it."
        )


@dataclass(frozen=True)
class MeasureSpc:
    """The engine's rows, the one-line summary, and what the page must say about them."""

    result: pd.DataFrame
    summary: pd.Series
    rebased_at: list[pd.Timestamp]
    shift: Shift | None
    assurance: str
    assurance_text: str
    events: pd.DataFrame = field(default_factory=pd.DataFrame)


def rebase_points(
    rows: pd.DataFrame, events: pd.DataFrame, measure_id: str, baseline: Baseline
) -> list[pd.Timestamp]:
    """Periods where a new set of limits starts: process changes (if used) and the since date."""
    points = rebase_periods(events_for(events, measure_id)) if baseline.use_events else []
    if baseline.since is not None:
        points.append(pd.Timestamp(baseline.since))
    first = rows["period"].min() if len(rows) else None
    # A rebase on or before the first point changes nothing.
    return sorted({p for p in points if first is None or p > first})


def sustained_shift(result: pd.DataFrame, run: int = SHIFT_RUN) -> Shift | None:
    """The run on one side of the latest group's mean that ends at the latest point, if long."""
    rows = result[pd.to_numeric(result["y"], errors="coerce").notna()].sort_values("t")
    if rows.empty:
        return None
    latest = rows[rows["group"] == rows["group"].iloc[-1]]
    y = latest["y"].to_numpy(dtype=float)
    mean = latest["mean"].to_numpy(dtype=float)
    side = np.sign(y - mean)
    if np.isnan(mean[-1]) or side[-1] == 0:
        return None
    n = 0
    for s in side[::-1]:
        if s != side[-1]:
            break
        n += 1
    if n < run:
        return None
    start = pd.Timestamp(latest["t"].iloc[-n])
    return Shift(start=start, points=n, side="above" if side[-1] > 0 else "below")


def _contradicts(summary: pd.Series, improvement: str, unit: str | None) -> str | None:
    """Words for a latest point that disagrees with the assurance icon, else None.

    "Consistently failing" means no value the process produces meets the target, so a latest
    value that does meet it proves the limits describe an earlier process (and the mirror).
    """
    y, target, assurance = summary["y"], summary["target"], summary["assurance"]
    if pd.isna(y) or pd.isna(target) or improvement == "neutral":
        return None
    meets = y >= target if improvement == "increase" else y <= target
    if assurance == "consistently_fail" and meets:
        return f"{format_value(y, unit)}, meets the target of {format_value(target, unit)}"
    if assurance == "consistently_pass" and not meets:
        return f"{format_value(y, unit)}, misses the target of {format_value(target, unit)}"
    return None


def measure_spc(
    rows: pd.DataFrame,
    polarity: str,
    events: pd.DataFrame | None,
    measure_id: str,
    baseline: Baseline | None = None,
    unit: str | None = None,
) -> MeasureSpc:
    """XmR for one measure's rows (period, actual, target) with the chosen baseline."""
    baseline = baseline or Baseline()
    events = events if events is not None else pd.DataFrame()
    frame = pd.DataFrame(
        {
            "series": measure_id,
            "t": pd.to_datetime(rows["period"]).to_numpy(),
            "y": pd.to_numeric(rows["actual"], errors="coerce").to_numpy(),
            "target": pd.to_numeric(rows["target"], errors="coerce").to_numpy(),
        }
    )
    rebase = rebase_points(rows, events, measure_id, baseline)
    improvement = {"higher_is_better": "increase", "lower_is_better": "decrease"}.get(
        polarity, "neutral"
    )
    result = xmr(
        frame,
        improvement=improvement,
        fix_after_n_points=baseline.fix_after,
        rebase=rebase or None,
    )
    summary = summarise(result).iloc[0]
    shift = sustained_shift(result)
    assurance, text = str(summary["assurance"]), str(summary["assurance_text"])
    contradiction = _contradicts(summary, improvement, unit)
    if contradiction and shift is None:
        assurance = "none"
        text = (
            f"Not assessed: the latest figure, {contradiction}, but the process limits "
            f"({format_value(summary['lpl'], unit)} to {format_value(summary['upl'], unit)}) were set while the process was "
            "elsewhere, so they no longer describe it. Start new limits once enough new "
            "points have been reported"
        )
    if shift is not None and assurance != "none":
        # Limits built on a process that has since moved say nothing about the target now: a
        # list of reviews overdue that fell from 38% to 7.9% has its old lower limit above an
        # 8% target, which reads "consistently failing" while the latest figures meet it.
        assurance = "none"
        text = (
            "Not assessed: the latest points show a sustained shift, so these limits no longer "
            f"describe the process. Start new limits from {month_label(shift.start)} to assess "
            "the target against the process as it is now"
        )
    return MeasureSpc(
        result=result,
        summary=summary,
        rebased_at=rebase,
        shift=shift,
        assurance=assurance,
        assurance_text=text,
        events=events_for(events, measure_id),
    )
