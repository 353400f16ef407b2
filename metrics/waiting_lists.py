"""Waiting-list families as the catalogue declares them (waiting_lists.csv), and their summary.

A family names which measure is the number waiting, the longest, mean and median wait, each
time-waited band, referrals in and completions out. Pages and exports read lists from here
rather than hard-coding measure ids, so a council can declare any list it reports.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from metrics.time_to_clear import clearance_projection

WAIT_ROLES = {"longest": "Longest wait", "mean": "Mean wait", "median": "Median wait"}


@dataclass(frozen=True)
class BandDef:
    """One time-waited band of a list."""

    measure_id: str
    lo: float
    hi: float | None

    @property
    def label(self) -> str:
        """'0–28 days', '181+ days' (band_label)."""
        return band_label(self.lo, self.hi)


def band_label(lo: float, hi: float | None) -> str:
    """'0–28 days', '181+ days': the one wording of a time-waited band (en dash, as the
    council prints ranges); an open or blank upper bound is 'and over'."""
    if hi is None or (isinstance(hi, float) and math.isnan(hi)):
        return f"{lo:g}+ days"
    return f"{lo:g}–{hi:g} days"


@dataclass(frozen=True)
class Family:
    """A waiting list: its measures by role, its bands, and what its breakdown rows mean."""

    list_id: str
    name: str
    roles: dict[str, str]
    bands: tuple[BandDef, ...] = ()
    breakdown: str = "team"
    missing: tuple[str, ...] = field(default=())  # measure ids not in the catalogue

    def measure(self, role: str) -> str | None:
        return self.roles.get(role)

    def headline_measures(self) -> list[tuple[str, str]]:
        """(measure id, label) of the people waiting and each wait length the list reports."""
        labels = {"waiting": "People waiting", **WAIT_ROLES}
        return [(self.roles[role], label) for role, label in labels.items() if role in self.roles]


def headline_list(lists: list[Family]) -> Family | None:
    """The list a summary leads with (the pack, board mode, the page's default): the first the
    catalogue declares."""
    return lists[0] if lists else None


def families(rows: pd.DataFrame, catalogue: pd.DataFrame) -> list[Family]:
    """Families in file order of first appearance; the list of waiting people must be declared."""
    if rows.empty:
        return []
    known = set(catalogue["measure_id"]) if len(catalogue) else set()
    out = []
    for list_id in dict.fromkeys(rows["waiting_list"]):
        mine = rows[rows["waiting_list"] == list_id]
        roles = {
            r.waiting_role: r.measure_id
            for r in mine.itertuples(index=False)
            if r.waiting_role != "band"
        }
        if "waiting" not in roles:
            continue
        band_rows = mine[mine["waiting_role"] == "band"].sort_values("band_from_days")
        bands = tuple(
            BandDef(
                r.measure_id,
                float(r.band_from_days) if pd.notna(r.band_from_days) else 0.0,
                float(r.band_to_days) if pd.notna(r.band_to_days) else None,
            )
            for r in band_rows.itertuples(index=False)
        )
        breakdown = next((b for b in mine["breakdown"] if isinstance(b, str) and b.strip()), "team")
        missing = tuple(sorted(set(mine["measure_id"]) - known))
        out.append(
            Family(
                str(list_id),
                str(mine["waiting_list_name"].iloc[0]),
                roles,
                bands,
                breakdown.strip().lower(),
                missing,
            )
        )
    return out


def _series(frame: pd.DataFrame, measure_id: str | None, period: pd.Timestamp) -> pd.Series:
    if measure_id is None:
        return pd.Series(dtype=float)
    rows = frame[(frame["measure_id"] == measure_id) & (frame["period"] <= period)]
    return rows.sort_values("period").set_index("period")["actual"]


def _at(series: pd.Series, period: pd.Timestamp) -> float | None:
    if period in series.index and pd.notna(series.loc[period]):
        return float(series.loc[period])
    return None


def summary(lists: list[Family], statuses: pd.DataFrame, period: pd.Timestamp) -> pd.DataFrame:
    """One row per list for the month: number waiting, change, waits, months to clear, status.

    Blank where a list does not report a figure; months to clear uses the same projection as
    each list's own section (metrics.time_to_clear.clearance_projection).
    """
    rows = []
    for family in lists:
        waiting = _series(statuses, family.measure("waiting"), period)
        now = _at(waiting, period)
        before = _at(waiting, period - pd.DateOffset(months=1))
        waits = {
            role: _at(_series(statuses, family.measure(role), period), period)
            for role in WAIT_ROLES
        }
        to_clear = None
        if family.measure("referrals") and family.measure("completions") and now is not None:
            projection = clearance_projection(
                waiting,
                _series(statuses, family.measure("referrals"), period),
                _series(statuses, family.measure("completions"), period),
            )
            to_clear = projection.months_to_clear if projection.falling else math.inf
        status = statuses[
            (statuses["measure_id"] == family.measure("waiting")) & (statuses["period"] == period)
        ]
        rows.append(
            {
                "list_id": family.list_id,
                "list": family.name,
                "waiting": now,
                "change": None if now is None or before is None else now - before,
                **waits,
                "months_to_clear": to_clear,
                "status": status["status"].iloc[0] if len(status) else None,
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "list_id",
            "list",
            "waiting",
            "change",
            "longest",
            "mean",
            "median",
            "months_to_clear",
            "status",
        ],
    )


def non_team_measures(lists: pd.DataFrame) -> list[str]:
    """Measures of lists broken down by something other than team (DoLS by priority): their
    breakdown rows are not teams, so the sidebar's team filter leaves them out."""
    if lists.empty or "breakdown" not in lists:
        return []
    other = lists["breakdown"].fillna("team").str.strip().str.lower().ne("team")
    chosen = lists["waiting_list"].isin(lists.loc[other, "waiting_list"])
    return sorted(set(lists.loc[chosen, "measure_id"]))
