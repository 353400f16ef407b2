"""Benchmarks, ASCOF-annex style: the council against England, its region and its neighbours.

Gap: percentage points for percentages, relative % for rates and everything else (as the
ASCOF annex prints care-home admissions). Rank 1 is best given the measure's polarity; equal
values share the better rank; neighbours without a value for the year are left out.
"""

from __future__ import annotations

import math

import pandas as pd
from pydantic import BaseModel, Field

from settings.config import get_settings

COUNCIL = "Council"
COLUMNS = [
    "measure_id",
    "name",
    "unit",
    "polarity",
    "period",
    "council",
    "england",
    "region",
    "gap",
    "gap_unit",
    "versus_england",
    "previous",
    "change",
    "change_unit",
    "rank",
    "ranked",
    "quartile",
    "neighbours_missing",
]


class BenchmarkGroups(BaseModel):
    """Which comparator names are England and the region; every other name is a neighbour.

    `similar_pp` / `similar_pct` set the "similar to England" band (percentage points for
    percentages, relative % for other units).
    """

    england: str = "England"
    region_prefix: str = "South East"
    similar_pp: float = Field(default=2.5, ge=0)
    similar_pct: float = Field(default=5.0, ge=0)

    @classmethod
    def from_env(cls) -> BenchmarkGroups:
        """MM_BENCHMARK_ENGLAND and MM_BENCHMARK_REGION (a name prefix), read by settings.config."""
        settings = get_settings()
        return cls(england=settings.benchmark_england, region_prefix=settings.benchmark_region)

    def kind_of(self, comparator: str) -> str:
        if comparator == self.england:
            return "england"
        if comparator.startswith(self.region_prefix):
            return "region"
        return "neighbour"

    def rule(self) -> str:
        """The rule in words for the page and the pack."""
        return (
            f"Better than / similar to / worse than England: similar when the gap is within "
            f"±{self.similar_pp:g} percentage points (percentages) or ±{self.similar_pct:g}% "
            "of England's value (rates and other units); otherwise better or worse given "
            "whether higher or lower is better for the measure. This is the dashboard's "
            "rule, not CQC's statistical test, so a few words differ from CQC's report. "
            "Rank 1 is best among the council and its nearest neighbours with a value for "
            "the year; equal values share the better rank; quartile 1 is the best quarter "
            "(ceil(4 × rank ÷ number ranked)), shown only when at least 4 are ranked."
        )


def gap(council: float | None, other: float | None, unit: str) -> tuple[float | None, str]:
    """Council minus comparator: (pp, "pp") for percentages, else (relative %, "%")."""
    if council is None or other is None or any(map(_nan, (council, other))):
        return None, "pp" if unit == "percent" else "%"
    if unit == "percent":
        return council - other, "pp"
    if other == 0:
        return None, "%"
    return 100 * (council - other) / abs(other), "%"


def _nan(value: float | None) -> bool:
    return isinstance(value, float) and math.isnan(value)


def versus(gap_value: float | None, gap_unit: str, polarity: str, groups: BenchmarkGroups) -> str:
    """'better than', 'similar to', 'worse than' England (or higher/lower for monitoring)."""
    if gap_value is None:
        return "no comparison"
    band = groups.similar_pp if gap_unit == "pp" else groups.similar_pct
    if abs(gap_value) <= band:
        return "similar to"
    higher = gap_value > 0
    if polarity == "monitoring_only":
        return "higher than" if higher else "lower than"
    better = higher if polarity == "higher_is_better" else not higher
    return "better than" if better else "worse than"


def rank_among(
    council: float, neighbours: list[float | None], polarity: str
) -> tuple[int | None, int]:
    """(rank of the council, how many were ranked): 1 is best; ties share the better rank.

    Neighbours without a value are left out. Monitoring-only measures are ranked highest first.
    """
    values = [v for v in neighbours if v is not None and not _nan(v)]
    if council is None or _nan(council) or not values:
        return None, len(values) + (0 if council is None or _nan(council) else 1)
    if polarity == "lower_is_better":
        rank = 1 + sum(v < council for v in values)
    else:
        rank = 1 + sum(v > council for v in values)
    return rank, len(values) + 1


def quartile(rank: int | None, ranked: int) -> int | None:
    """1 (best quarter) to 4; None when unranked or fewer than 4 are ranked."""
    if rank is None or ranked < 4:
        return None
    return min(4, math.ceil(4 * rank / ranked))


def benchmark_table(
    statuses: pd.DataFrame,
    comparators: pd.DataFrame,
    catalogue: pd.DataFrame,
    groups: BenchmarkGroups,
    up_to: pd.Timestamp | None = None,
) -> pd.DataFrame:
    """One row per measure with comparators: the latest year with the council and England.

    Falls back to the latest year with the council and any comparator when England is absent.
    """
    if comparators.empty or statuses.empty:
        return pd.DataFrame(columns=COLUMNS)
    info = catalogue.set_index("measure_id")
    council = statuses.set_index(["measure_id", "period"])["actual"]
    comps = comparators.copy()
    comps["kind"] = comps["comparator"].map(groups.kind_of)
    if up_to is not None:
        comps = comps[comps["period"] <= up_to]
    rows = []
    for measure_id, mine in comps.groupby("measure_id", sort=True):
        if measure_id not in info.index:
            continue
        unit, polarity = info.at[measure_id, "unit"], info.at[measure_id, "polarity"]
        periods = sorted(
            p for p in mine["period"].unique() if pd.notna(council.get((measure_id, p)))
        )
        if not periods:
            continue
        with_england = [
            p for p in periods if ((mine["period"] == p) & (mine["kind"] == "england")).any()
        ]
        period = (with_england or periods)[-1]
        year = mine[mine["period"] == period]
        value = float(council[(measure_id, period)])

        def first(kind: str, year: pd.DataFrame = year) -> float | None:
            hit = year.loc[year["kind"] == kind, "value"].dropna()
            return float(hit.iloc[0]) if len(hit) else None

        england, region = first("england"), first("region")
        gap_value, gap_unit = gap(value, england, unit)
        previous_period = period - pd.DateOffset(years=1)
        previous = council.get((measure_id, previous_period))
        previous = None if previous is None or pd.isna(previous) else float(previous)
        change, change_unit = gap(value, previous, unit)
        all_neighbours = sorted(
            set(
                comps.loc[
                    (comps["measure_id"] == measure_id) & (comps["kind"] == "neighbour"),
                    "comparator",
                ]
            )
        )
        present = year[year["kind"] == "neighbour"].dropna(subset=["value"])
        rank, ranked = rank_among(value, list(present["value"].astype(float)), polarity)
        rows.append(
            {
                "measure_id": measure_id,
                "name": info.at[measure_id, "name"],
                "unit": unit,
                "polarity": polarity,
                "period": period,
                "council": value,
                "england": england,
                "region": region,
                "gap": gap_value,
                "gap_unit": gap_unit,
                "versus_england": versus(gap_value, gap_unit, polarity, groups),
                "previous": previous,
                "change": change,
                "change_unit": change_unit,
                "rank": rank,
                "ranked": ranked if rank is not None else 0,
                "quartile": quartile(rank, ranked),
                "neighbours_missing": len(set(all_neighbours) - set(present["comparator"])),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def neighbour_values(
    statuses: pd.DataFrame,
    comparators: pd.DataFrame,
    measure_id: str,
    period: pd.Timestamp,
    groups: BenchmarkGroups,
    council_name: str = COUNCIL,
) -> pd.DataFrame:
    """Council, England, region and each neighbour for one measure and year (for a chart)."""
    year = comparators[
        (comparators["measure_id"] == measure_id) & (comparators["period"] == period)
    ]
    year = year.dropna(subset=["value"]).assign(kind=lambda f: f["comparator"].map(groups.kind_of))
    mine = statuses[(statuses["measure_id"] == measure_id) & (statuses["period"] == period)]
    rows = [
        {"comparator": c, "value": float(v), "kind": k}
        for c, v, k in zip(year["comparator"], year["value"], year["kind"], strict=True)
    ]
    if len(mine) and pd.notna(mine["actual"].iloc[0]):
        rows.append(
            {"comparator": council_name, "value": float(mine["actual"].iloc[0]), "kind": "council"}
        )
    return (
        pd.DataFrame(rows, columns=["comparator", "value", "kind"]).sort_values(
            "value", ignore_index=True
        )
        if rows
        else pd.DataFrame(columns=["comparator", "value", "kind"])
    )
