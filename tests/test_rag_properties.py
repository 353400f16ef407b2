"""Properties of the RAG and direction rules and of measure_statuses, checked with hypothesis."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.rag import direction_of_travel, rag_status
from metrics.report import measure_statuses
from metrics.vocab import FREQUENCIES, FREQUENCY_MONTHS

HIGHER = "higher_is_better"
LOWER = "lower_is_better"
RANK = {"red": 0, "amber": 1, "green": 2}
MIRROR = {"improving": "worsening", "worsening": "improving"}

values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
ints = st.integers(min_value=-1_000_000, max_value=1_000_000)
tolerances = st.sampled_from([0.0, 0.05, 0.1, 0.15, 0.2, 0.5, 1.0, 2.0, 3.0, 500.0])
tolerance_types = st.sampled_from(["relative", "absolute"])


@given(a1=values, a2=values, t=values, k=tolerances, ttype=tolerance_types)
def test_status_is_monotonic_in_the_actual(
    a1: float, a2: float, t: float, k: float, ttype: str
) -> None:
    """Doing better never makes a status worse (red < amber < green)."""
    low, high = sorted((a1, a2))
    assert RANK[rag_status(low, t, HIGHER, k, ttype)] <= RANK[rag_status(high, t, HIGHER, k, ttype)]
    assert RANK[rag_status(high, t, LOWER, k, ttype)] <= RANK[rag_status(low, t, LOWER, k, ttype)]


@given(a=values, t=values, k=tolerances, ttype=tolerance_types)
def test_status_is_always_one_of_the_three_when_target_and_actual_given(
    a: float, t: float, k: float, ttype: str
) -> None:
    assert rag_status(a, t, HIGHER, k, ttype) in RANK
    assert rag_status(a, t, LOWER, k, ttype) in RANK
    assert rag_status(a, t, "monitoring_only", k, ttype) == "monitoring"


@given(a=ints, t=ints, k=tolerances, ttype=tolerance_types)
def test_mirroring_around_the_target_swaps_polarity_for_status(
    a: int, t: int, k: float, ttype: str
) -> None:
    """Missing a 'higher' target by x is the same status as overshooting a 'lower' one by x."""
    assert rag_status(a, t, HIGHER, k, ttype) == rag_status(2 * t - a, t, LOWER, k, ttype)


@given(c=ints, p=ints, t=ints)
def test_mirroring_or_swapping_polarity_swaps_improving_and_worsening(
    c: int, p: int, t: int
) -> None:
    """Either change alone swaps improving and worsening; both together cancel out."""
    up = direction_of_travel(c, p, HIGHER)
    swapped = MIRROR.get(up, up)
    assert direction_of_travel(c, p, LOWER) == swapped
    assert direction_of_travel(2 * t - c, 2 * t - p, HIGHER) == swapped
    assert direction_of_travel(2 * t - c, 2 * t - p, LOWER) == up


@given(c=values, p=values)
def test_direction_agrees_with_the_sign_of_the_change(c: float, p: float) -> None:
    expected = "improving" if c > p else "worsening" if c < p else "no_change"
    assert direction_of_travel(c, p, HIGHER) == expected
    assert direction_of_travel(c, p, "monitoring_only") in ("no_change", "not_comparable")


# --- measure_statuses on random small histories ---------------------------------------------


@st.composite
def histories(draw: st.DrawFn) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A few measures with random frequency, polarity, tolerance and gappy histories."""
    n = draw(st.integers(min_value=1, max_value=4))
    catalogue_rows: list[dict[str, Any]] = []
    snapshot_rows: list[dict[str, Any]] = []
    for i in range(n):
        measure_id = f"M{i}"
        frequency = draw(st.sampled_from(FREQUENCIES))
        polarity = draw(st.sampled_from([HIGHER, LOWER, "monitoring_only"]))
        catalogue_rows.append(
            {
                "measure_id": measure_id,
                "name": f"Measure {i}",
                "priority_id": draw(st.sampled_from(["P1", "P2"])),
                "priority_name": "Priority",
                "director": "D",
                "portfolio_holder": "PH",
                "frequency": frequency,
                "polarity": polarity,
                "unit": "count",
                "tolerance": draw(st.sampled_from([0.05, 0.1, 0.5, 5.0])),
                "tolerance_type": draw(tolerance_types),
            }
        )
        step = FREQUENCY_MONTHS[frequency]
        # Mostly on the measure's own cadence, sometimes off it: gaps and irregular returns.
        slots = draw(st.lists(st.integers(0, 30), min_size=0, max_size=14, unique=True))
        jitter = draw(st.booleans())
        months = sorted({s * step + (s % 2 if jitter else 0) for s in slots})
        target = draw(st.integers(50, 150))
        for m in months:
            snapshot_rows.append(
                {
                    "measure_id": measure_id,
                    "period": pd.Timestamp(2020, 1, 1) + pd.DateOffset(months=m),
                    "actual": draw(st.one_of(st.none(), st.integers(0, 200))),
                    "target": draw(st.one_of(st.just(target), st.none())),
                    "ytd_actual": None,
                    "ytd_target": None,
                }
            )
    snapshots = pd.DataFrame(
        snapshot_rows,
        columns=["measure_id", "period", "actual", "target", "ytd_actual", "ytd_target"],
    )
    snapshots["period"] = pd.to_datetime(snapshots["period"])
    for column in ("actual", "target", "ytd_actual", "ytd_target"):
        snapshots[column] = pd.to_numeric(snapshots[column]).astype(float)
    return snapshots, pd.DataFrame(catalogue_rows)


def _month(ts: pd.Timestamp) -> int:
    return ts.year * 12 + ts.month - 1


def _oracle_runs(frame: pd.DataFrame) -> list[int]:
    """Loop-by-loop run lengths: the rule written the slow, obvious way."""
    out: list[int] = []
    for _, group in frame.groupby("measure_id", sort=False):
        step = FREQUENCY_MONTHS[group["frequency"].iloc[0]]
        run = 0
        prev: tuple[int, str] | None = None
        for period, status in zip(group["period"], group["status"], strict=True):
            month = _month(period)
            consecutive = prev is not None and month - prev[0] == step and status == prev[1]
            run = run + 1 if consecutive else 1
            out.append(run)
            prev = (month, status)
    return out


@settings(deadline=None, max_examples=75)
@given(history=histories())
def test_measure_statuses_invariants(history: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    snapshots, catalogue = history
    out = measure_statuses(snapshots, catalogue)
    assert len(out) == len(snapshots)
    if out.empty:
        return

    # Every exception is red or amber; every red is an exception.
    assert set(out.loc[out["exception"], "status"]) <= {"red", "amber"}
    assert out.loc[out["status"].eq("red"), "exception"].all()

    # Run lengths: at least one, one whenever the status changed, and the obvious loop agrees.
    runs = out["periods_at_status"].to_numpy()
    assert (runs >= 1).all()
    changed = out["status"].ne(out["previous_status"]).to_numpy()
    assert (runs[changed] == 1).all()
    assert list(runs) == _oracle_runs(out)

    # Amber is an exception exactly when it is the second (or later) consecutive amber.
    amber = out["status"].eq("amber")
    assert (out.loc[amber, "exception"] == (out.loc[amber, "periods_at_status"] >= 2)).all()

    # A measure reporting once has nothing to compare with.
    counts = out.groupby("measure_id")["measure_id"].transform("size")
    single = out[counts == 1]
    assert single["direction"].eq("not_comparable").all()
    assert single["previous_status"].isna().all()

    # Direction is the one rule applied to the previous snapshot.
    expected = direction_of_travel(out["actual"], out["previous_actual"], out["polarity"])
    assert list(out["direction"]) == list(expected)
    first = ~out["measure_id"].eq(out["measure_id"].shift())
    assert out.loc[first, "direction"].eq("not_comparable").all()


@settings(deadline=None, max_examples=30)
@given(
    actual=st.one_of(st.none(), ints),
    target=st.one_of(st.none(), ints),
    polarity=st.sampled_from([HIGHER, LOWER, "monitoring_only"]),
    frequency=st.sampled_from(FREQUENCIES),
)
def test_a_measure_with_one_snapshot_is_never_improving(
    actual: int | None, target: int | None, polarity: str, frequency: str
) -> None:
    snapshots = pd.DataFrame(
        {
            "measure_id": ["ONE"],
            "period": [pd.Timestamp("2024-09-01")],
            "actual": [np.nan if actual is None else float(actual)],
            "target": [np.nan if target is None else float(target)],
            "ytd_actual": [np.nan],
            "ytd_target": [np.nan],
        }
    )
    catalogue = pd.DataFrame(
        [{"measure_id": "ONE", "name": "One", "priority_id": "P1", "priority_name": "P",
          "frequency": frequency, "polarity": polarity, "unit": "count", "tolerance": 0.05,
          "tolerance_type": "relative"}]
    )  # fmt: skip
    out = measure_statuses(snapshots, catalogue).iloc[0]
    assert out["direction"] == "not_comparable"
    assert out["year_on_year"] == "not_comparable"
    assert pd.isna(out["previous_status"])
    assert out["periods_at_status"] == 1
    assert bool(out["exception"]) == (out["status"] == "red")


@settings(deadline=None, max_examples=30)
@given(history=histories())
def test_year_on_year_compares_with_twelve_months_before(
    history: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    snapshots, catalogue = history
    out = measure_statuses(snapshots, catalogue)
    lookup = {
        (m, _month(p)): a
        for m, p, a in zip(
            snapshots["measure_id"], snapshots["period"], snapshots["actual"], strict=True
        )
    }
    for row in out.itertuples(index=False):
        year_ago = lookup.get((row.measure_id, _month(row.period) - 12), np.nan)
        assert (np.isnan(year_ago) and np.isnan(row.year_ago_actual)) or (
            year_ago == row.year_ago_actual
        )
        assert row.year_on_year == direction_of_travel(row.actual, year_ago, row.polarity)
