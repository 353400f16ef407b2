"""Each XmR rule of metrics.spc on a few literal points, with the answer worked by hand.

One function per rule, as NHSRplotthedots splits ptd_spc_standard and its special-cause
helpers: moving ranges, the screened average, limits, outside limits, trend, shift, near
limits, 2 in 3, precedence and point type.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics.spc import (
    _two_in_three,
    average_moving_range,
    moving_ranges,
    near_limit_points,
    outside_limits,
    point_type_codes,
    process_limits,
    shift_points,
    special_cause_codes,
    trend_points,
    xmr,
)

F, T = False, True


def arr(*values: float) -> np.ndarray:
    return np.array(values, dtype=float)


def flags(*values: bool) -> np.ndarray:
    return np.array(values, dtype=bool)


def test_moving_range_is_the_gap_to_the_previous_point_of_the_segment() -> None:
    got = moving_ranges(arr(10, 12, 9, 9, 15), flags(F, T, T, F, T))
    np.testing.assert_array_equal(got, [np.nan, 2, 3, np.nan, 6])


def test_average_moving_range_without_and_with_screening() -> None:
    mr = arr(np.nan, 2, 4, 3, 30)
    basis = flags(F, T, T, T, T)
    seg = np.zeros(5, dtype=np.int64)
    # (2 + 4 + 3 + 30) / 4 = 9.75; 30 < 3.267 x 9.75 = 31.85, so screening keeps it.
    assert average_moving_range(mr, basis, seg, 1, False).tolist() == [9.75]
    assert average_moving_range(mr, basis, seg, 1, True).tolist() == [9.75]
    # 24 / 5 = 4.8; 20 >= 3.267 x 4.8 = 15.68 is screened out: 4 / 4 = 1.
    mr = arr(np.nan, 1, 1, 1, 1, 20)
    basis = flags(F, T, T, T, T, T)
    seg = np.zeros(6, dtype=np.int64)
    assert average_moving_range(mr, basis, seg, 1, False).tolist() == [4.8]
    assert average_moving_range(mr, basis, seg, 1, True).tolist() == [1.0]


def test_average_moving_range_per_segment_and_of_a_flat_series() -> None:
    mr = arr(np.nan, 2, 4, np.nan, 0, 0)
    basis = flags(F, T, T, F, T, T)
    seg = np.array([0, 0, 0, 1, 1, 1])
    assert average_moving_range(mr, basis, seg, 2, True).tolist() == [3.0, 0.0]
    # Only the basis (e.g. the first points when limits are fixed) counts.
    assert average_moving_range(mr, flags(F, T, F, F, T, F), seg, 2, False).tolist() == [2, 0]


def test_process_limits_are_2_66_and_near_limits_1_77_average_ranges_out() -> None:
    lpl, upl, near_lpl, near_upl = process_limits(arr(10, 0), arr(3, 1))
    np.testing.assert_allclose(lpl, [2.02, -2.66])
    np.testing.assert_allclose(upl, [17.98, 2.66])
    np.testing.assert_allclose(near_lpl, [4.68, -1.773333333])
    np.testing.assert_allclose(near_upl, [15.32, 1.773333333])


def test_outside_limits_is_strict() -> None:
    above, below = outside_limits(arr(1, 2, 5, 8, 9), arr(2, 2, 2, 2, 2), arr(8, 8, 8, 8, 8))
    assert above.tolist() == [F, F, F, F, T]
    assert below.tolist() == [T, F, F, F, F]


def test_trend_of_seven_rising_points() -> None:
    y = arr(1, 2, 3, 4, 5, 6, 7, 6, 5)
    same = flags(F, T, T, T, T, T, T, T, T)
    up, down = trend_points(y, same, 7)
    assert up.tolist() == [T, T, T, T, T, T, T, F, F]
    assert down.tolist() == [F] * 9
    up, down = trend_points(y, same, 3)
    assert down.tolist() == [F, F, F, F, F, F, T, T, T]  # 7, 6, 5
    up, _ = trend_points(y, same, 8)
    assert up.tolist() == [F] * 9


def test_trend_is_broken_by_a_repeat_and_by_a_new_segment() -> None:
    up, _ = trend_points(arr(1, 2, 2, 3, 4), flags(F, T, T, T, T), 3)
    assert up.tolist() == [F, F, T, T, T]
    up, _ = trend_points(arr(1, 2, 3, 4, 5), flags(F, T, T, F, T), 3)
    assert up.tolist() == [T, T, T, F, F]


def test_shift_of_points_on_one_side() -> None:
    high = flags(T, T, T, F, T, T, T)
    low = flags(F, F, F, T, F, F, F)
    same = flags(F, T, T, T, T, T, T)
    up, down = shift_points(high, low, same, 3)
    assert up.tolist() == [T, T, T, F, T, T, T]
    assert down.tolist() == [F] * 7
    up, _ = shift_points(high, low, same, 4)
    assert up.tolist() == [F] * 7
    up, _ = shift_points(high, low, flags(F, T, F, T, T, T, T), 3)  # a segment starts at 2
    assert up.tolist() == [F, F, F, F, T, T, T]


def test_near_limit_points_leave_out_those_beyond_the_limits_unless_asked() -> None:
    y = arr(5, 16, 19, 10, 3)
    near_lpl, near_upl = np.full(5, 4.68), np.full(5, 15.32)
    beyond = flags(F, F, T, F, F)
    assert near_limit_points(y, near_lpl, near_upl, beyond, False).tolist() == [F, T, F, F, T]
    assert near_limit_points(y, near_lpl, near_upl, beyond, True).tolist() == [F, T, T, F, T]


def test_two_in_three_near_points_on_one_side() -> None:
    near = flags(T, F, T, F, F)
    same = flags(F, T, T, T, T)
    up, down = _two_in_three(near, flags(T, T, T, T, T), flags(F, F, F, F, F), same)
    assert up.tolist() == [T, F, T, F, F]
    assert down.tolist() == [F] * 5
    up, _ = _two_in_three(near, flags(T, F, T, T, T), flags(F, T, F, F, F), same)
    assert up.tolist() == [F] * 5  # the window crosses the mean
    up, _ = _two_in_three(near, flags(T, T, T, T, T), flags(F, F, F, F, F), flags(F, T, F, T, T))
    assert up.tolist() == [F] * 5  # the window crosses a segment
    up, down = _two_in_three(flags(T, T), flags(T, T), flags(F, F), flags(F, T))
    assert (up.tolist(), down.tolist()) == ([F, F], [F, F])


def test_special_cause_precedence() -> None:
    above = flags(T, F, F, F)
    below = flags(F, F, F, F)
    trend_up = flags(F, F, F, F)
    trend_down = flags(F, T, F, F)
    two_up = flags(F, F, F, F)
    two_down = flags(F, T, F, F)
    shift_up = flags(T, F, F, F)
    shift_down = flags(F, F, F, T)
    codes = special_cause_codes(
        above, below, trend_up, trend_down, two_up, two_down, shift_up, shift_down
    )
    assert codes.tolist() == [1, 4, 0, 8]


def test_point_type_reads_the_side_through_the_polarity() -> None:
    # codes: common, above UCL, below LCL, 7 above CL, above UCL
    # polarity: increase, increase, decrease, neutral, decrease
    point_type, side = point_type_codes(np.array([0, 1, 2, 7, 1]), np.array([0, 0, 1, 2, 1]))
    assert point_type.tolist() == [0, 1, 1, 3, 2]
    assert side.tolist() == [-1, 0, 1, 0, 0]


def test_xmr_on_six_points_by_hand() -> None:
    frame = pd.DataFrame({"series": "A", "t": range(6), "y": [10, 12, 14, 12, 10, 30]})
    out = xmr(frame)
    # mean 88 / 6; ranges 2, 2, 2, 2, 20: average 5.6, 20 >= 3.267 x 5.6 is screened, so 2.
    mean = 88 / 6
    assert out["mean"].iloc[0] == pytest.approx(mean)
    assert out["upl"].iloc[0] == pytest.approx(mean + 5.32)
    assert out["lpl"].iloc[0] == pytest.approx(mean - 5.32)
    assert out["near_upl"].iloc[0] == pytest.approx(mean + 2 * 2.66 / 3 * 2)
    assert list(out["special_cause_type"]) == ["Common Cause"] * 5 + ["Above UCL"]
    assert list(out["point_type"]) == ["common_cause"] * 5 + ["special_cause_improvement"]
    assert out["trial_limits"].all()
    assert not out["insufficient_data"].any()
    down = xmr(frame, improvement="decrease")
    assert down["point_type"].iloc[-1] == "special_cause_concern"
    assert list(xmr(frame, screen_outliers=False)["upl"].round(3).unique()) == [
        round(mean + 2.66 * 5.6, 3)
    ]
