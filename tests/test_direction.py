"""One vocabulary for direction: the arrow is the numeric change, the word is the judgement."""

from __future__ import annotations

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from metrics.rag import direction_of_travel, movement
from metrics.report import measure_statuses
from metrics.vocab import direction_label

LOWER = "lower_is_better"
HIGHER = "higher_is_better"
MONITOR = "monitoring_only"


def _label(current: float, previous: float, polarity: str) -> str:
    return direction_label(
        direction_of_travel(current, previous, polarity), movement(current, previous)
    )


def test_a_falling_waiting_list_falls_and_is_better() -> None:
    # 586 people waiting last month, 547 now; fewer is better.
    assert _label(547, 586, LOWER) == "↓ fell · better"


def test_a_rising_waiting_list_rises_and_is_worse() -> None:
    assert _label(612, 547, LOWER) == "↑ rose · worse"


def test_a_rising_share_of_reviews_done_rises_and_is_better() -> None:
    assert _label(81.5, 79.0, HIGHER) == "↑ rose · better"


def test_a_falling_higher_is_better_measure_is_worse() -> None:
    assert _label(79.0, 81.5, HIGHER) == "↓ fell · worse"


def test_unchanged_is_same_and_no_change() -> None:
    assert _label(40, 40, HIGHER) == "→ same · no change"


def test_a_monitoring_measure_moves_but_is_not_judged() -> None:
    assert _label(1_313, 2_010, MONITOR) == "↓ fell · not judged"


def test_no_earlier_figure_says_so_and_judges_nothing() -> None:
    assert _label(547, float("nan"), LOWER) == "– no earlier figure"
    assert direction_label(None, None) == "– no earlier figure"


def test_movement_on_a_column_keeps_the_index() -> None:
    moves = movement(pd.Series([5.0, 3.0, 3.0, None], index=[7, 8, 9, 10]), [4.0, 4.0, 3.0, 1.0])
    assert moves.to_dict() == {7: "rose", 8: "fell", 9: "same", 10: "none"}


@given(
    st.floats(-1e6, 1e6, allow_nan=False),
    st.floats(-1e6, 1e6, allow_nan=False),
    st.sampled_from([LOWER, HIGHER, MONITOR]),
)
def test_the_arrow_never_depends_on_polarity(current: float, previous: float, pol: str) -> None:
    """Swapping polarity may change the judgement word but never the arrow."""
    arrow = _label(current, previous, pol).split(" ")[0]
    assert arrow == ("↑" if current > previous else "↓" if current < previous else "→")


def test_the_report_carries_movement_for_last_period_and_a_year_ago() -> None:
    catalogue = pd.DataFrame(
        {
            "measure_id": ["ASC-WL01"],
            "name": ["People waiting"],
            "priority_id": ["P1"],
            "priority_name": ["Timely"],
            "frequency": ["monthly"],
            "polarity": [LOWER],
            "unit": ["count"],
            "tolerance": [0.1],
            "tolerance_type": ["relative"],
        }
    )
    periods = pd.date_range("2023-09-01", "2024-09-01", freq="MS")
    actual = [900.0] + [700.0] * 11 + [650.0]
    snaps = pd.DataFrame(
        {
            "measure_id": "ASC-WL01",
            "period": periods,
            "actual": actual,
            "target": 600.0,
            "ytd_actual": None,
            "ytd_target": None,
        }
    )
    last = measure_statuses(snaps, catalogue).iloc[-1]
    assert direction_label(last["direction"], last["movement"]) == "↓ fell · better"
    assert last["year_ago_actual"] == 900.0
    assert direction_label(last["year_on_year"], last["year_on_year_movement"]) == "↓ fell · better"
