"""metrics.spc against NHSRplotthedots 0.2.2 golden outputs, the spc.md examples and edge cases."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from metrics.spc import (
    MIN_FIX_AFTER,
    POINT_TYPES,
    SPC_COLOURS,
    special_cause_labels,
    summarise,
    xmr,
)

FIXTURES = Path(__file__).parent / "fixtures" / "spc"
REL = 1e-6


@pytest.fixture(scope="module")
def crafted() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "spc_golden_crafted.csv")


@pytest.fixture(scope="module")
def golden_series() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "spc_golden_series.csv")


def one(y: list[float], **kwargs: object) -> pd.DataFrame:
    """xmr on a single series with t = 0, 1, 2, ..."""
    frame = pd.DataFrame({"series": "s", "t": np.arange(len(y)), "y": np.asarray(y, dtype=float)})
    return xmr(frame, **kwargs)


def types(result: pd.DataFrame) -> list[object]:
    return result["point_type"].tolist()


def assert_matches_golden(result: pd.DataFrame, golden: pd.DataFrame, suffix: str) -> None:
    """Limits to 1e-6 relative, strings exactly; report the first mismatching point clearly."""
    problems: list[str] = []
    for column in ("mean", "lpl", "upl"):
        got = result[column].to_numpy(dtype=float)
        want = golden[column + suffix].to_numpy(dtype=float)
        bad = ~np.isclose(got, want, rtol=REL, atol=1e-12)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            problems.append(
                f"{column}: {bad.sum()} rows differ; first series={golden['series'].iat[i]} "
                f"t={golden['t'].iat[i]}: got {got[i]!r}, golden {want[i]!r}"
            )
    for column in ("special_cause_type", "point_type"):
        got = result[column].astype(object).to_numpy()
        want = golden[column + suffix].astype(object).to_numpy()
        bad = got != want
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            problems.append(
                f"{column}: {bad.sum()} rows differ; first series={golden['series'].iat[i]} "
                f"t={golden['t'].iat[i]} y={golden['y'].iat[i]}: got {got[i]!r}, "
                f"golden {want[i]!r}"
            )
    assert not problems, "\n".join(problems)


# --- golden files ---------------------------------------------------------------------------


@pytest.mark.parametrize("series", [0, 1, 2, 3, 4])
def test_golden_crafted_series(crafted: pd.DataFrame, series: int) -> None:
    golden = crafted[crafted["series"] == series].reset_index(drop=True)
    result = xmr(golden[["series", "t", "y"]])
    assert len(golden) > 0
    assert_matches_golden(result, golden, "")


def test_golden_crafted_all_at_once(crafted: pd.DataFrame) -> None:
    assert_matches_golden(xmr(crafted[["series", "t", "y"]]), crafted, "")


@pytest.mark.parametrize(("screen", "suffix"), [(True, ""), (False, "_unscreened")])
def test_golden_series(golden_series: pd.DataFrame, screen: bool, suffix: str) -> None:
    assert golden_series["series"].nunique() == 240
    result = xmr(golden_series[["series", "t", "y"]], screen_outliers=screen)
    assert_matches_golden(result, golden_series, suffix)


def test_golden_series_uses_every_label(golden_series: pd.DataFrame) -> None:
    # Guards the golden comparison itself: it must exercise every rule, not just common cause.
    labels = set(golden_series["special_cause_type"])
    assert {"Above UCL", "Below LCL", "2 in 3 Above CL", "7 Points Below CL"} <= labels
    assert "7 Point Trend (Increasing)" in labels


def test_golden_series_shuffled_rows_keep_their_results(golden_series: pd.DataFrame) -> None:
    shuffled = golden_series.sample(frac=1.0, random_state=7)
    result = xmr(shuffled[["series", "t", "y"]])
    assert result.index.equals(shuffled.index)
    assert_matches_golden(result, shuffled, "")


# --- worked examples from spc.md ------------------------------------------------------------


def test_worked_example_rnorm_series(crafted: pd.DataFrame) -> None:
    result = xmr(crafted[crafted["series"] == 0][["series", "t", "y"]])
    assert result["mean"].iat[0] == pytest.approx(0.1416238, abs=5e-8)
    assert result["lpl"].iat[0] == pytest.approx(-3.01138, abs=5e-6)
    assert result["upl"].iat[0] == pytest.approx(3.294627, abs=5e-7)
    assert set(result["point_type"]) == {"common_cause"}


def test_worked_example_vignette_screening(crafted: pd.DataFrame) -> None:
    frame = crafted[crafted["series"] == 1][["series", "t", "y"]]
    screened = xmr(frame)
    assert round(screened["upl"].iat[0], 2) == 4.60
    assert round(screened["mean"].iat[0], 2) == 1.94
    assert round(screened["lpl"].iat[0], 2) == -0.72
    assert screened["special_cause_type"].iat[4] == "Above UCL"
    unscreened = xmr(frame, screen_outliers=False)
    # Without screening the two big moving ranges (8 and 9) widen the limits: 1.94 ± 2.66 × 32/17.
    assert unscreened["upl"].iat[0] == pytest.approx(35 / 18 + 2.66 * 32 / 17)
    assert unscreened["mean"].iat[0] == screened["mean"].iat[0]


def test_screening_drops_moving_ranges_at_or_above_3267_times_the_average() -> None:
    # Moving ranges 1733 ×4 and 13068: average 4000, and 3.267 × 4000 = 13068 exactly.
    at_threshold = one([0.0, 1733, 0, 1733, 0, 13068])
    mean = at_threshold["mean"].iat[0]
    assert at_threshold["upl"].iat[0] == pytest.approx(mean + 2.66 * 1733)
    below_threshold = one([0.0, 1733, 0, 1733, 0, 13067])
    mean = below_threshold["mean"].iat[0]
    assert below_threshold["upl"].iat[0] == pytest.approx(mean + 2.66 * (4 * 1733 + 13067) / 5)


def test_mean_is_correctly_rounded() -> None:
    rng = np.random.default_rng(3)
    y = rng.normal(0, 1e6, 500).round(3)
    result = one(list(y))
    assert result["mean"].iat[0] == math.fsum(y) / len(y)


def test_points_exactly_on_the_mean_break_a_shift() -> None:
    y = [1.8] * 4 + [0.5] * 3 + [-0.8] * 4 + [1.8, -0.8] * 3
    assert np.mean(y) < 0.5  # numpy's pairwise mean would put the three 0.5s above the mean
    result = one(y)
    assert result["mean"].iat[0] == 0.5
    assert set(types(result)) == {"common_cause"}
    # Nudged just above the mean they complete a run of 7 above it.
    nudged = one([1.8] * 4 + [0.5000001] * 3 + [-0.8] * 4 + [1.8, -0.8] * 3)
    assert nudged["special_cause_type"].iloc[:7].tolist() == ["7 Points Above CL"] * 7


# --- rules ----------------------------------------------------------------------------------


def test_decreasing_trend_and_precedence(crafted: pd.DataFrame) -> None:
    result = xmr(crafted[crafted["series"] == 2][["series", "t", "y"]])
    labels = result["special_cause_type"].tolist()
    assert labels[0] == "Below LCL"
    assert labels[7] == "Above UCL"  # also in both trends: beyond a limit comes first
    assert labels[8:] == ["7 Point Trend (Decreasing)"] * 6


def test_a_tie_breaks_a_trend() -> None:
    rising = [0.0, 1, 2, 3, 4, 5, 6]
    assert one([*rising, 0, 3, 1, 3, 2, 3])["special_cause_type"].iat[3] == (
        "7 Point Trend (Increasing)"
    )
    tied = [0.0, 1, 2, 3, 3, 4, 5]
    assert "7 Point Trend (Increasing)" not in set(
        one([*tied, 0, 3, 1, 3, 2, 3])["special_cause_type"]
    )


def test_shift_of_seven_and_configurable_run_length() -> None:
    y = [1.0, 0, 1, 0, 1, 0, 1, 0] + [1.6, 1.4] * 3 + [0, 1, 0, 1, 0, 1, 0]
    default = one(y)
    assert "7 Points Above CL" not in set(default["special_cause_type"])
    six = one(y, run_length=6)
    assert six["special_cause_type"].iloc[8:14].tolist() == ["6 Points Above CL"] * 6
    assert set(six["point_type"].iloc[8:14]) == {"special_cause_improvement"}


def test_configurable_trend_length() -> None:
    y = [5.0, 0, 5, 0, 1, 2, 3, 4, 5, 0, 5, 0, 5, 0]
    assert "6 Point Trend (Increasing)" in set(one(y, trend_length=6)["special_cause_type"])
    assert set(one(y)["point_type"]) == {"common_cause"}


def test_two_in_three_flags_the_near_points_only() -> None:
    y = [0.0, 0.2] * 10 + [0.65, 0.3, 0.65] + [0.2, 0.0] * 5
    result = one(y)
    assert result["upl"].iat[0] > 0.65 > result["near_upl"].iat[0]
    assert result["near_upl"].iat[0] > 0.3 > result["mean"].iat[0]
    labels = result["special_cause_type"].tolist()
    assert labels[20] == labels[22] == "2 in 3 Above CL"
    assert labels[21] == "Common Cause"
    assert set(labels[:20] + labels[23:]) == {"Common Cause"}


def test_two_in_three_on_opposite_sides_is_common_cause(crafted: pd.DataFrame) -> None:
    result = xmr(crafted[crafted["series"] == 4][["series", "t", "y"]])
    assert set(types(result)) == {"common_cause"}


def test_two_in_three_option_counts_points_beyond_the_limit() -> None:
    y = [0.0, 0.2] * 10 + [0.65, 0.3, 3.0] + [0.2, 0.0] * 5
    default = one(y)
    assert default["special_cause_type"].iloc[20:23].tolist() == [
        "Common Cause",
        "Common Cause",
        "Above UCL",
    ]
    variant = one(y, two_of_three_includes_beyond=True)
    assert variant["special_cause_type"].iloc[20:23].tolist() == [
        "2 in 3 Above CL",
        "Common Cause",
        "Above UCL",
    ]


def test_flat_series_has_limits_on_the_mean_and_no_signal() -> None:
    result = one([4.0] * 15)
    assert result["lpl"].iat[0] == result["upl"].iat[0] == 4.0
    assert set(types(result)) == {"common_cause"}


# --- polarity --------------------------------------------------------------------------------


def test_decrease_flips_improvement_and_concern(crafted: pd.DataFrame) -> None:
    frame = crafted[crafted["series"] == 2][["series", "t", "y"]]
    up = xmr(frame)
    down = xmr(frame, improvement="decrease")
    assert up["special_cause_type"].tolist() == down["special_cause_type"].tolist()
    swap = {
        "special_cause_improvement": "special_cause_concern",
        "special_cause_concern": "special_cause_improvement",
        "common_cause": "common_cause",
    }
    assert types(down) == [swap[p] for p in types(up)]
    assert down["point_type"].iat[0] == "special_cause_improvement"  # below LCL


def test_neutral_gives_neutral_special_cause(crafted: pd.DataFrame) -> None:
    frame = crafted[crafted["series"] == 2][["series", "t", "y"]]
    result = xmr(frame, improvement="neutral")
    assert set(types(result)) == {"special_cause_neutral"}
    assert result["special_cause_side"].iat[0] == "low"
    assert result["special_cause_side"].iat[7] == "high"


def test_improvement_column_overrides_keyword_per_series(crafted: pd.DataFrame) -> None:
    frame = crafted[crafted["series"].isin([2, 3])][["series", "t", "y"]].copy()
    frame["improvement"] = np.where(frame["series"] == 2, "lower_is_better", None)
    result = xmr(frame, improvement="neutral")
    s2 = result[result["series"] == 2]
    s3 = result[result["series"] == 3]
    assert s2["point_type"].iat[0] == "special_cause_improvement"  # below LCL, lower is better
    assert set(s3["point_type"]) == {"special_cause_neutral"}  # missing: the keyword
    assert set(s2["improvement"]) == {"decrease"}
    assert set(s3["improvement"]) == {"neutral"}


def test_unknown_improvement_is_rejected() -> None:
    with pytest.raises(ValueError, match="improvement"):
        one([1.0, 2.0], improvement="up")
    frame = pd.DataFrame({"series": "s", "t": [0, 1], "y": [1.0, 2.0], "improvement": "up"})
    with pytest.raises(ValueError, match="improvement"):
        xmr(frame)


# --- missing values, short groups, fixing and rebasing ---------------------------------------


def test_missing_values_are_a_gap_excluded_from_limits_and_rules() -> None:
    y = [0.0, 1, 2, np.nan, 3, 4, 5, 6, 2, 3, 2, 3, 2, 3]
    with_gap = one(y)
    without = one([v for v in y if not np.isnan(v)])
    assert with_gap["mean"].iat[3] == without["mean"].iat[0]
    assert with_gap["upl"].iat[0] == without["upl"].iat[0]
    assert pd.isna(with_gap["point_type"].iat[3])
    assert pd.isna(with_gap["special_cause_type"].iat[3])
    # Rules run over consecutive reported points: 0,1,2,(gap),3,4,5,6 is a 7-point trend.
    assert with_gap["special_cause_type"].iat[4] == "7 Point Trend (Increasing)"
    kept = with_gap["y"].notna().to_numpy()
    assert types(with_gap[kept]) == types(without)


def test_fewer_than_13_points_are_trial_limits() -> None:
    assert one(list(np.arange(12.0) % 3))["trial_limits"].all()
    assert not one(list(np.arange(13.0) % 3))["trial_limits"].any()


def test_one_point_is_insufficient_data() -> None:
    result = one([5.0])
    assert result["insufficient_data"].iat[0]
    assert np.isnan(result["lpl"].iat[0]) and np.isnan(result["upl"].iat[0])
    assert types(result) == ["common_cause"]
    assert not one([5.0, 6.0])["insufficient_data"].any()


def test_fix_after_n_points_must_be_at_least_12() -> None:
    with pytest.raises(ValueError, match="fix_after_n_points"):
        one([1.0] * 20, fix_after_n_points=MIN_FIX_AFTER - 1)
    with pytest.raises(ValueError, match="run_length"):
        one([1.0] * 20, run_length=1)


def test_fix_after_n_points_freezes_limits_from_the_first_points() -> None:
    base = [10.0, 11] * 6
    result = one([*base, 20.0, 21, 22], fix_after_n_points=12)
    assert result["mean"].iat[0] == 10.5
    assert result["upl"].iat[-1] == pytest.approx(10.5 + 2.66)
    assert result["special_cause_type"].iloc[12:].tolist() == ["Above UCL"] * 3
    unfixed = one([*base, 20.0, 21, 22])
    assert unfixed["mean"].iat[0] != 10.5


def test_rebase_starts_a_new_group_with_its_own_mean() -> None:
    frame = pd.DataFrame(
        {
            "series": ["a"] * 30 + ["b"] * 30,
            "t": list(range(30)) * 2,
            "y": ([0.0, 1] * 8 + [10.0, 11] * 7) * 2,
        }
    )
    result = xmr(frame, rebase={"a": [16]})
    a = result[result["series"] == "a"]
    b = result[result["series"] == "b"]
    assert a["group"].tolist() == [0] * 16 + [1] * 14
    assert a["mean"].iat[0] == 0.5 and a["mean"].iat[-1] == 10.5
    assert set(a["point_type"]) == {"common_cause"}
    assert set(b["group"]) == {0}
    assert (b["point_type"] != "common_cause").any()  # not rebased: the jump is a signal
    # A sequence applies to every series; a t between reported points starts at the next one.
    both = xmr(frame, rebase=[15.5])
    assert both.groupby("series")["mean"].nunique().tolist() == [2, 2]


def test_rebase_with_dates() -> None:
    t = pd.date_range("2022-01-01", periods=26, freq="MS")
    frame = pd.DataFrame({"series": "m", "t": t, "y": [1.0, 2] * 7 + [5.0, 6] * 6})
    result = xmr(frame, rebase=["2023-03-01"])
    assert result["group"].tolist() == [0] * 14 + [1] * 12
    assert result["mean"].iat[-1] == 5.5


def test_duplicate_t_is_rejected() -> None:
    frame = pd.DataFrame({"series": "s", "t": [0, 1, 1], "y": [1.0, 2.0, 3.0]})
    with pytest.raises(ValueError, match="duplicate"):
        xmr(frame)


# --- summary ---------------------------------------------------------------------------------


def stable(level: float, n: int = 20) -> list[float]:
    return [level + d for d in ([0.0, 1.0, 0.5, 1.5] * n)[:n]]


def test_variation_is_the_latest_point_not_the_last_signal(crafted: pd.DataFrame) -> None:
    result = xmr(crafted[["series", "t", "y"]])
    summary = summarise(result).set_index("series")
    assert summary.loc[1, "variation"] == "common_cause"  # the 10 was long ago
    assert summary.loc[1, "variation_text"] == "Common cause — no significant change"
    assert summary.loc[2, "variation"] == "special_cause_concern"  # decreasing trend
    assert summary.loc[2, "variation_text"] == "Special cause — concern, low"
    assert summary.loc[3, "variation"] == "special_cause_concern"
    assert not summary["trial_limits"].loc[[0, 1, 4]].any()
    assert summary.loc[3, "trial_limits"]  # 8 points


def test_variation_text_improvement_high() -> None:
    frame = pd.DataFrame({"series": "s", "t": range(21), "y": [*stable(0.0), 9.0]})
    summary = summarise(xmr(frame))
    assert summary["variation"].iat[0] == "special_cause_improvement"
    assert summary["variation_text"].iat[0] == "Special cause — improvement, high"


def assurance_of(target: float, improvement: str = "increase") -> str:
    frame = pd.DataFrame({"series": "s", "t": range(20), "y": stable(0.0), "target": target})
    result = xmr(frame, improvement=improvement)
    return str(summarise(result)["assurance"].iat[0])


def test_assurance_strict_comparisons() -> None:
    result = xmr(pd.DataFrame({"series": "s", "t": range(20), "y": stable(0.0)}))
    lpl, upl = result["lpl"].iat[0], result["upl"].iat[0]
    assert assurance_of(lpl) == "hit_and_miss"
    assert assurance_of(upl) == "hit_and_miss"
    assert assurance_of(np.nextafter(lpl, -np.inf)) == "consistently_pass"
    assert assurance_of(np.nextafter(upl, np.inf)) == "consistently_fail"
    assert assurance_of(lpl, "decrease") == "hit_and_miss"
    assert assurance_of(upl + 1, "decrease") == "consistently_pass"
    assert assurance_of(lpl - 1, "decrease") == "consistently_fail"
    assert assurance_of(upl + 1, "neutral") == "none"


def test_assurance_text_and_targets_argument() -> None:
    frame = pd.DataFrame({"series": ["a"] * 20 + ["b"] * 20, "t": list(range(20)) * 2})
    frame["y"] = stable(0.0) * 2
    result = xmr(frame)
    summary = summarise(result, targets={"a": 0.75, "b": -50.0}).set_index("series")
    assert summary.loc["a", "assurance"] == "hit_and_miss"
    assert summary.loc["a", "assurance_text"] == (
        "Hit and miss: the target lies inside the process limits"
    )
    assert summary.loc["b", "assurance"] == "consistently_pass"
    no_target = summarise(result)
    assert set(no_target["assurance"]) == {"none"}
    assert no_target["assurance_text"].iat[0] == "No assurance: no target set"


def test_summary_of_too_few_points() -> None:
    frame = pd.DataFrame(
        {
            "series": ["one", "empty", "empty", "short", "short", "short"],
            "t": [0, 0, 1, 0, 1, 2],
            "y": [3.0, np.nan, np.nan, 1.0, 2.0, 1.5],
            "target": 2.0,
        }
    )
    summary = summarise(xmr(frame)).set_index("series")
    assert summary.loc["one", "variation"] == "insufficient_data"
    assert summary.loc["empty", "variation"] == "insufficient_data"
    assert summary.loc[["one", "empty"], "assurance"].tolist() == ["none", "none"]
    assert summary.loc["short", "variation"] == "common_cause"
    assert summary.loc["short", "trial_limits"]
    assert summary.loc["short", "assurance"] == "hit_and_miss"
    assert "trial limits" in summary.loc["short", "variation_text"]
    assert summary.index.tolist() == ["one", "empty", "short"]


def test_colours_and_vocabulary() -> None:
    assert SPC_COLOURS == {
        "common_cause": "#a6a6a6",
        "special_cause_improvement": "#00b0f0",
        "special_cause_concern": "#e46c0a",
        "special_cause_neutral": "#490092",
        "target": "#de1b1b",
    }
    assert set(POINT_TYPES) < set(SPC_COLOURS)
    assert special_cause_labels()[2] == "7 Point Trend (Increasing)"


# --- properties ------------------------------------------------------------------------------

small_ints = st.lists(st.integers(-20, 20), min_size=2, max_size=40)
finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values=small_ints, shift=st.integers(-1000, 1000))
def test_adding_a_constant_shifts_the_limits_and_keeps_point_types(
    values: list[int], shift: int
) -> None:
    base = one([float(v) for v in values])
    moved = one([float(v + shift) for v in values])
    y = base["y"].to_numpy()
    thresholds = base[["lpl", "upl", "near_lpl", "near_upl"]].to_numpy()
    # Skip (rare) points lying within rounding of a limit, where either side is right.
    assume(np.all(np.abs(y[:, None] - thresholds) > 1e-9))
    for column in ("mean", "lpl", "upl"):
        np.testing.assert_allclose(moved[column], base[column] + shift, rtol=0, atol=1e-9)
    assert types(moved) == types(base)
    assert moved["special_cause_type"].tolist() == base["special_cause_type"].tolist()


MIRROR_LABEL = {
    "Above UCL": "Below LCL",
    "Below LCL": "Above UCL",
    "7 Point Trend (Increasing)": "7 Point Trend (Decreasing)",
    "7 Point Trend (Decreasing)": "7 Point Trend (Increasing)",
    "2 in 3 Above CL": "2 in 3 Below CL",
    "2 in 3 Below CL": "2 in 3 Above CL",
    "7 Points Above CL": "7 Points Below CL",
    "7 Points Below CL": "7 Points Above CL",
    "Common Cause": "Common Cause",
}


@settings(max_examples=150, deadline=None)
@given(values=st.lists(finite, min_size=2, max_size=40), screen=st.booleans())
def test_mirroring_with_flipped_improvement_gives_the_same_point_types(
    values: list[float], screen: bool
) -> None:
    up = one(values, screen_outliers=screen)
    down = one([-v for v in values], improvement="decrease", screen_outliers=screen)
    assert types(down) == types(up)
    assert down["special_cause_type"].tolist() == [
        MIRROR_LABEL[s] for s in up["special_cause_type"]
    ]
    np.testing.assert_array_equal(down["upl"], -up["lpl"])


@settings(max_examples=60, deadline=None)
@given(
    data=st.lists(
        st.lists(st.integers(0, 9).map(float) | st.just(np.nan), min_size=0, max_size=25),
        min_size=1,
        max_size=6,
    ),
    seed=st.integers(0, 2**16),
)
def test_one_batch_call_equals_one_call_per_series(data: list[list[float]], seed: int) -> None:
    frames = [
        pd.DataFrame({"series": f"s{i}", "t": np.arange(len(ys)), "y": ys})
        for i, ys in enumerate(data)
    ]
    batch = pd.concat(frames, ignore_index=True)
    assume(len(batch) > 0)
    shuffled = batch.sample(frac=1.0, random_state=seed)
    together = xmr(shuffled).sort_index()
    apart = pd.concat([xmr(f) for f in frames if len(f)], ignore_index=True)
    columns = ["mean", "lpl", "upl", "special_cause_type", "point_type", "trial_limits"]
    pd.testing.assert_frame_equal(together[columns], apart[columns], check_dtype=False)
