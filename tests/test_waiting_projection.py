"""The waiting-list clearance projection: arithmetic, the not-falling case and gaps in the data."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from metrics.time_to_clear import clearance_projection


def _series(start: str, values: list[float | None]) -> pd.Series:
    index = pd.date_range(start, periods=len(values), freq="MS")
    return pd.Series(values, index=index, dtype="float64")


def test_positive_net_gives_months_to_clear_and_the_clear_month() -> None:
    waiting = _series("2024-01-01", [700, 650, 600])
    referrals = _series("2024-01-01", [100, 110, 90])
    completed = _series("2024-01-01", [150, 170, 130])  # net +50, +60, +40 -> mean 50
    p = clearance_projection(waiting, referrals, completed, months=3)
    assert p.net_per_month == pytest.approx(50.0)
    assert p.referrals_per_month == pytest.approx(100.0)
    assert p.completed_per_month == pytest.approx(150.0)
    assert p.months_used == 3
    assert p.waiting == 600
    assert p.months_to_clear == pytest.approx(12.0)
    assert p.clear_by == pd.Timestamp("2025-03-01")  # 12 months after Mar 2024
    assert p.falling
    assert "600 people" in p.sentence
    assert "about 12 months" in p.sentence
    assert "Mar 2025" in p.sentence
    assert "last 3 months" in p.method


def test_partial_months_round_up_to_the_clear_month() -> None:
    waiting = _series("2024-01-01", [101])
    p = clearance_projection(waiting, _series("2024-01-01", [0]), _series("2024-01-01", [20]), 1)
    assert p.months_to_clear == pytest.approx(5.05)
    assert p.clear_by == pd.Timestamp("2024-07-01")  # 6 whole months


def test_only_the_last_n_months_are_averaged() -> None:
    waiting = _series("2024-01-01", [500, 500, 500, 500, 500])
    referrals = _series("2024-01-01", [0, 0, 100, 100, 100])
    completed = _series("2024-01-01", [900, 900, 110, 120, 130])  # early months ignored
    p = clearance_projection(waiting, referrals, completed, months=3)
    assert p.net_per_month == pytest.approx(20.0)
    assert p.months_to_clear == pytest.approx(25.0)


@pytest.mark.parametrize("net", [0.0, -15.0])
def test_net_zero_or_negative_says_the_list_is_not_falling(net: float) -> None:
    waiting = _series("2024-01-01", [400, 410, 420])
    referrals = _series("2024-01-01", [100, 100, 100])
    completed = referrals + net
    p = clearance_projection(waiting, referrals, completed)
    assert not p.falling
    assert p.months_to_clear is None
    assert p.clear_by is None
    assert p.net_per_month == pytest.approx(net)
    assert "not falling at the current rate" in p.sentence
    assert "420 people" in p.sentence


def test_zero_list_has_nothing_to_clear() -> None:
    waiting = _series("2024-01-01", [10, 0])
    flows = _series("2024-01-01", [5, 5])
    p = clearance_projection(waiting, flows, flows)
    assert p.waiting == 0
    assert p.months_to_clear == 0
    assert p.falling
    assert "No one was waiting at the end of Feb 2024" in p.sentence


def test_missing_months_are_left_out_of_the_average() -> None:
    waiting = _series("2024-01-01", [300, 300, 300])
    referrals = _series("2024-01-01", [100, None, 100])
    completed = _series("2024-01-01", [130, 500, None])  # only January has both figures
    p = clearance_projection(waiting, referrals, completed, months=3)
    assert p.months_used == 1
    assert p.net_per_month == pytest.approx(30.0)
    assert p.months_to_clear == pytest.approx(10.0)
    assert "the 1 of the last 3 months with figures" in p.sentence


def test_a_missing_latest_list_figure_uses_the_last_reported_one() -> None:
    waiting = _series("2024-01-01", [300, 240, None])
    flows_in = _series("2024-01-01", [10, 10, 10])
    flows_out = _series("2024-01-01", [40, 40, 999])
    p = clearance_projection(waiting, flows_in, flows_out, months=2)
    assert p.period == pd.Timestamp("2024-02-01")
    assert p.net_per_month == pytest.approx(30.0)  # Jan and Feb only: Mar is after the list
    assert p.months_to_clear == pytest.approx(8.0)


def test_no_flow_figures_in_the_window_cannot_project() -> None:
    waiting = _series("2024-06-01", [300])
    referrals = _series("2023-01-01", [100])
    completed = _series("2023-01-01", [200])
    p = clearance_projection(waiting, referrals, completed)
    assert p.months_to_clear is None
    assert p.months_used == 0
    assert "cannot be projected" in p.sentence


def test_empty_list_series() -> None:
    empty = pd.Series([], dtype="float64", index=pd.DatetimeIndex([]))
    p = clearance_projection(empty, empty, empty)
    assert p.waiting is None
    assert p.sentence == "There is no waiting-list figure to project from."
    assert p.method


def test_periods_given_as_month_strings_and_unsorted() -> None:
    waiting = pd.Series([90.0, 100.0], index=["2024-02-01", "2024-01-01"])
    referrals = pd.Series([5.0, 5.0], index=["2024-01-01", "2024-02-01"])
    completed = pd.Series([15.0, 15.0], index=["2024-01-01", "2024-02-01"])
    p = clearance_projection(waiting, referrals, completed, months=2)
    assert p.waiting == 90
    assert p.months_to_clear == pytest.approx(9.0)
    assert math.isclose(p.net_per_month or 0, 10.0)


def test_months_must_be_positive() -> None:
    s = _series("2024-01-01", [1])
    with pytest.raises(ValueError, match="at least 1"):
        clearance_projection(s, s, s, months=0)


def test_months_to_clear_is_the_division_the_sentence_shows() -> None:
    """455 waiting, net fall 11.67 a month (35 / 3): 39 months, not the 40 ceil() gave."""
    waiting = _series("2025-08-01", [476, 468, 455])
    referrals = _series("2025-08-01", [700, 699, 698])  # mean 699
    completed = _series("2025-08-01", [711, 711, 710])  # mean 710.67: net 11.67
    p = clearance_projection(waiting, referrals, completed, months=3)
    assert p.months_to_clear == pytest.approx(39.0)
    assert "a net fall of 11.7 a month" in p.sentence  # 455 / 11.7 = 38.9
    assert "would clear in about 39 months, by Jan 2029" in p.sentence  # Oct 2025 + 39


def test_a_whole_net_fall_of_12_from_455_is_about_38_months() -> None:
    waiting = _series("2025-10-01", [455])
    p = clearance_projection(waiting, _series("2025-10-01", [700]), _series("2025-10-01", [712]), 1)
    assert "a net fall of 12 a month" in p.sentence
    assert "about 38 months" in p.sentence  # 455 / 12 = 37.9
    assert p.clear_by == pd.Timestamp("2028-12-01")  # 38 whole months after Oct 2025
