"""SPC limits that describe the process: rebasing at process changes, shifts, honest assurance."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics.baseline import Baseline, measure_spc, rebase_points, sustained_shift
from metrics.spc import xmr
from store.service import Dataset

LOWER = "lower_is_better"


def _rows(values: list[float], target: float | None = None, start: str = "2023-01") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": pd.date_range(f"{start}-01", periods=len(values), freq="MS"),
            "actual": values,
            "target": target,
        }
    )


def _events(*rows: tuple[str, str, str, bool]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "date": pd.to_datetime([r[0] for r in rows]),
            "measure_id": [r[1] for r in rows],
            "label": [r[2] for r in rows],
            "process_change": [r[3] for r in rows],
        }
    )


# Twelve points around 10, then seven around 5: a step down in Jan 2024.
STEP = [10, 11, 9, 10, 11, 9, 10, 11, 9, 10, 11, 9, 5, 6, 4, 5, 6, 4, 5]


def test_a_step_down_at_the_end_is_a_sustained_shift_from_its_first_point() -> None:
    spc = measure_spc(_rows(STEP), LOWER, None, "M1")
    # One set of limits over all 19 points: mean (120 + 35) / 19 = 8.16; the last 7 are below.
    assert spc.summary["mean"] == pytest.approx(155 / 19)
    assert spc.shift is not None
    assert (spc.shift.start, spc.shift.points, spc.shift.side) == (
        pd.Timestamp("2024-01-01"),
        7,
        "below",
    )
    assert "no longer describe it" in spc.shift.sentence
    assert "since Jan 2024" in spc.shift.sentence


def test_rebasing_from_the_shift_gives_limits_for_the_new_process() -> None:
    spc = measure_spc(_rows(STEP), LOWER, None, "M1", Baseline(since=pd.Timestamp("2024-01-01")))
    assert spc.rebased_at == [pd.Timestamp("2024-01-01")]
    assert spc.shift is None
    # The new group is 5, 6, 4, 5, 6, 4, 5: mean 35/7 = 5.
    assert spc.summary["mean"] == pytest.approx(5.0)


def test_a_process_change_event_starts_new_limits_and_a_plain_event_does_not() -> None:
    events = _events(
        ("2024-01-15", "M1", "New team", True),
        ("2023-06-01", "", "Budget set", False),
        ("2023-09-01", "OTHER", "Other measure's change", True),
    )
    rows = _rows(STEP)
    assert rebase_points(rows, events, "M1", Baseline()) == [pd.Timestamp("2024-01-01")]
    assert rebase_points(rows, events, "M1", Baseline(use_events=False)) == []
    spc = measure_spc(rows, LOWER, events, "M1")
    assert spc.summary["mean"] == pytest.approx(5.0)
    assert list(spc.events["label"]) == ["Budget set", "New team"]  # its own and everyone's


def test_fixing_limits_needs_twelve_points() -> None:
    with pytest.raises(ValueError, match="12 points or more"):
        Baseline(fix_after=5)
    spc = measure_spc(_rows(STEP), LOWER, None, "M1", Baseline(fix_after=12))
    assert spc.summary["mean"] == pytest.approx(10.0)  # the first 12 points only


def test_no_shift_when_the_last_points_straddle_the_mean() -> None:
    frame = pd.DataFrame({"series": "s", "t": range(10), "y": [1, 2, 1, 2, 1, 2, 1, 2, 1, 2]})
    assert sustained_shift(xmr(frame)) is None


def test_reviews_overdue_is_not_called_consistently_failing_while_meeting_the_target(
    data: Dataset,
) -> None:
    """ASC-RV01 fell from 38% (2021) to 7.9% against an 8.0% target.

    One set of limits over the whole history has mean 19.4% and lower limit 17.7%: the target
    sits below the lower limit of a lower-is-better measure, which the engine rightly calls
    "consistently failing" for THAT process, while the latest 32 points are all below the
    mean, i.e. the process has moved. The page must say the limits are stale, not fail it.
    """
    rows = data.statuses[data.statuses["measure_id"] == "ASC-RV01"].sort_values("period")
    plain = measure_spc(rows, LOWER, data.events, "ASC-RV01", Baseline(use_events=False), "percent")
    assert plain.summary["assurance"] == "consistently_fail"  # the engine, unchanged
    assert round(plain.summary["lpl"], 1) == 17.7
    assert plain.assurance == "none"
    assert plain.shift is not None and plain.shift.start == pd.Timestamp("2023-03-01")
    assert "no longer describe the process" in plain.assurance_text
    assert "Consistently failing" not in plain.assurance_text

    # With the demo's process changes (Apr 2022, Apr 2024) the latest limits are 8.0%-9.9%,
    # still above the 7.9% the process now produces: the page says so rather than "failing".
    rebased = measure_spc(rows, LOWER, data.events, "ASC-RV01", Baseline(), "percent")
    assert rebased.rebased_at == [pd.Timestamp("2022-04-01"), pd.Timestamp("2024-04-01")]
    assert rebased.assurance == "none"
    assert rebased.assurance_text.startswith(
        "Not assessed: the latest figure, 7.9%, meets the target of 8.0%"
    )


def test_consistently_failing_stands_when_the_latest_figure_fails_too() -> None:
    values = [20, 21, 19, 20, 21, 19, 20, 21, 19, 20, 21, 19, 20, 20]
    spc = measure_spc(_rows(values, target=10.0), LOWER, None, "M1")
    assert spc.assurance == "consistently_fail"
    assert spc.assurance_text.startswith("Consistently failing")
