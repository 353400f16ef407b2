"""metrics.rag: every RAG rule and boundary, and direction of travel, by example."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from metrics.rag import direction_of_travel, rag_status
from metrics.vocab import DEFAULT_TOLERANCE

HIGHER = "higher_is_better"
LOWER = "lower_is_better"
MONITOR = "monitoring_only"


# --- higher is better -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (120, "green"),  # beats target
        (100, "green"),  # exactly at target
        (99.99, "amber"),  # just short
        (95, "amber"),  # exactly at t - band (band = 0.05 * 100)
        (94.99, "red"),  # just outside the band
        (0, "red"),
    ],
)
def test_higher_is_better_relative_band(actual: float, expected: str) -> None:
    assert rag_status(actual, 100, HIGHER, 0.05, "relative") == expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (77.5, "green"),
        (77.49, "amber"),
        (75.5, "amber"),  # exactly t - 2 points
        (75.49, "red"),
    ],
)
def test_higher_is_better_absolute_band(actual: float, expected: str) -> None:
    # ASC-PI01 reablement: target 77.5%, tolerance 2 percentage points.
    assert rag_status(actual, 77.5, HIGHER, 2.0, "absolute") == expected


def test_council_example_reablement_sep_2024_is_amber() -> None:
    """Sep 2024 BMMR: 76% against a 77.5% target is a narrow miss, so Amber."""
    assert rag_status(76.0, 77.5, HIGHER, 2.0, "absolute") == "amber"


# --- lower is better ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (400, "green"),
        (500, "green"),  # exactly at target
        (500.01, "amber"),
        (550, "amber"),  # exactly t + band (band = 0.1 * 500)
        (550.01, "red"),
    ],
)
def test_lower_is_better_relative_band(actual: float, expected: str) -> None:
    # ASC-WL01 waiting list 2024/25: target 500, tolerance 10%.
    assert rag_status(actual, 500, LOWER, 0.1, "relative") == expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (0, "green"),
        (500_000, "amber"),  # exactly t + £500k
        (500_001, "red"),
    ],
)
def test_lower_is_better_absolute_band(actual: float, expected: str) -> None:
    # ASC-FN01 forecast overspend: target £0, tolerance £500k absolute.
    assert rag_status(actual, 0, LOWER, 500_000, "absolute") == expected


@pytest.mark.parametrize(
    ("actual", "target", "polarity", "tolerance", "tolerance_type"),
    [
        # Published-style decimal targets whose band edge is not exact in binary floating point.
        (4.1, 4.2, HIGHER, 0.1, "absolute"),
        (0.8, 0.7, LOWER, 0.1, "absolute"),
        (0.3, 0.4, HIGHER, 0.1, "absolute"),
        (1.045, 1.1, HIGHER, 0.05, "relative"),
        (1.995, 1.9, LOWER, 0.05, "relative"),
        (8.925, 8.5, LOWER, 0.05, "relative"),
        (73.625, 77.5, HIGHER, 0.05, "relative"),
    ],
)
def test_band_edge_in_decimal_terms_is_amber(
    actual: float, target: float, polarity: str, tolerance: float, tolerance_type: str
) -> None:
    """A figure exactly on t ± band as the council would compute it is inside the band."""
    assert rag_status(actual, target, polarity, tolerance, tolerance_type) == "amber"


# --- zero and negative targets ----------------------------------------------------------------


@pytest.mark.parametrize(("polarity", "miss"), [(HIGHER, -0.01), (LOWER, 0.01)])
def test_zero_target_relative_band_is_zero_so_any_miss_is_red(polarity: str, miss: float) -> None:
    assert rag_status(0, 0, polarity, 0.05, "relative") == "green"
    assert rag_status(miss, 0, polarity, 0.05, "relative") == "red"
    assert rag_status(1_000_000 * miss, 0, polarity, 0.5, "relative") == "red"


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        (-150, "green"),  # underspend beyond target
        (-100, "green"),  # exactly at target
        (-99, "amber"),
        (-95, "amber"),  # t + 0.05 * |t|
        (-94.9, "red"),
    ],
)
def test_negative_target_lower_is_better_uses_absolute_value_of_target(
    actual: float, expected: str
) -> None:
    assert rag_status(actual, -100, LOWER, 0.05, "relative") == expected


@pytest.mark.parametrize(
    ("actual", "expected"), [(-100, "green"), (-105, "amber"), (-105.1, "red")]
)
def test_negative_target_higher_is_better_uses_absolute_value_of_target(
    actual: float, expected: str
) -> None:
    assert rag_status(actual, -100, HIGHER, 0.05, "relative") == expected


# --- blanks, monitoring and the default tolerance ---------------------------------------------


@pytest.mark.parametrize("blank", [None, np.nan, float("nan"), pd.NA, ""])
def test_blank_actual_is_no_data(blank: object) -> None:
    assert rag_status(blank, 100, HIGHER, 0.05) == "no_data"
    assert rag_status(blank, 100, LOWER, 0.05) == "no_data"


@pytest.mark.parametrize("blank", [None, np.nan, ""])
def test_blank_target_is_monitoring(blank: object) -> None:
    assert rag_status(50, blank, HIGHER, 0.05) == "monitoring"
    assert rag_status(50, blank, LOWER, 0.05) == "monitoring"


def test_monitoring_only_ignores_any_target() -> None:
    assert rag_status(50, 100, MONITOR, 0.05) == "monitoring"
    assert rag_status(500, 100, MONITOR, 0.05) == "monitoring"


@pytest.mark.parametrize("blank", [None, np.nan])
def test_blank_tolerance_means_five_percent_relative(blank: object) -> None:
    assert DEFAULT_TOLERANCE == 0.05
    assert rag_status(95, 100, HIGHER, blank, None) == "amber"
    assert rag_status(94.9, 100, HIGHER, blank, None) == "red"
    assert rag_status(105, 100, LOWER, blank, "") == "amber"
    assert rag_status(105.1, 100, LOWER, blank, "") == "red"


def test_default_arguments_are_five_percent_relative() -> None:
    assert rag_status(95, 100, HIGHER) == "amber"
    assert rag_status(94.9, 100, HIGHER) == "red"


def test_zero_tolerance_has_no_amber() -> None:
    assert rag_status(99.999, 100, HIGHER, 0, "relative") == "red"
    assert rag_status(100.001, 100, LOWER, 0, "absolute") == "red"


def test_ytd_status_is_the_same_rule() -> None:
    """measure_statuses applies the same function to the ytd columns; spot check the rule."""
    assert rag_status(5_900, 6_200, HIGHER, 0.05) == "amber"
    assert rag_status(5_889, 6_200, HIGHER, 0.05) == "red"


# --- vectorised calls -----------------------------------------------------------------------


def test_vectorised_call_equals_elementwise_scalar_calls() -> None:
    actual = [120, 100, 96, 94, 500, 551, None, 50, -95, 0.8, 4.1, np.nan, 75.5]
    target = [100, 100, 100, 100, 500, 500, 100, None, -100, 0.7, 4.2, 3, 77.5]
    polarity = [HIGHER, HIGHER, HIGHER, HIGHER, LOWER, LOWER, HIGHER, LOWER, LOWER, LOWER,
                HIGHER, MONITOR, HIGHER]  # fmt: skip
    tolerance = [0.05, 0.05, None, 0.05, 0.1, 0.1, 0.05, 0.05, 0.05, 0.1, 0.1, 0.05, 2]
    ttype = ["relative", "relative", None, "relative", "relative", "relative", "relative",
             "relative", "relative", "absolute", "absolute", "relative", "absolute"]  # fmt: skip
    vector = rag_status(
        pd.Series(actual, dtype=object),
        pd.Series(target, dtype=object),
        pd.Series(polarity),
        pd.Series(tolerance, dtype=object),
        pd.Series(ttype, dtype=object),
    )
    scalars = [
        rag_status(*args) for args in zip(actual, target, polarity, tolerance, ttype, strict=True)
    ]
    assert list(vector) == scalars
    assert scalars == ["green", "green", "amber", "red", "green", "red", "no_data",
                       "monitoring", "amber", "amber", "amber", "no_data", "amber"]  # fmt: skip


def test_scalar_arguments_broadcast_over_a_column() -> None:
    out = rag_status(np.array([101.0, 97.0, 90.0]), 100, HIGHER, 0.05, "relative")
    assert list(out) == ["green", "amber", "red"]


def test_scalar_call_returns_a_plain_string() -> None:
    result = rag_status(1, 1, HIGHER)
    assert isinstance(result, str)
    assert result == "green"


def test_empty_column_gives_empty_result() -> None:
    assert len(rag_status(pd.Series([], dtype=float), pd.Series([], dtype=float), HIGHER)) == 0


# --- direction of travel ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("current", "previous", "polarity", "expected"),
    [
        (80, 70, HIGHER, "improving"),
        (60, 70, HIGHER, "worsening"),
        (70, 70, HIGHER, "no_change"),
        (60, 70, LOWER, "improving"),
        (80, 70, LOWER, "worsening"),
        (70, 70, LOWER, "no_change"),
        (-95, -100, LOWER, "worsening"),
        (-95, -100, HIGHER, "improving"),
    ],
)
def test_direction_examples(current: float, previous: float, polarity: str, expected: str) -> None:
    assert direction_of_travel(current, previous, polarity) == expected


@pytest.mark.parametrize("polarity", [HIGHER, LOWER, MONITOR])
def test_first_period_has_no_previous_so_not_comparable(polarity: str) -> None:
    assert direction_of_travel(70, None, polarity) == "not_comparable"
    assert direction_of_travel(70, np.nan, polarity) == "not_comparable"


@pytest.mark.parametrize("polarity", [HIGHER, LOWER, MONITOR])
def test_blank_current_or_both_blank_is_not_comparable(polarity: str) -> None:
    assert direction_of_travel(None, 70, polarity) == "not_comparable"
    assert direction_of_travel(np.nan, np.nan, polarity) == "not_comparable"


def test_monitoring_only_change_is_not_comparable_but_equal_is_no_change() -> None:
    assert direction_of_travel(80, 70, MONITOR) == "not_comparable"
    assert direction_of_travel(60, 70, MONITOR) == "not_comparable"
    assert direction_of_travel(70, 70, MONITOR) == "no_change"


def test_direction_vectorised_equals_scalar_calls() -> None:
    current = [80, 60, 70, 60, None, 5, 80, 1]
    previous = [70, 70, 70, 70, 70, None, 70, 1]
    polarity = [HIGHER, HIGHER, LOWER, LOWER, HIGHER, LOWER, MONITOR, None]
    vector = direction_of_travel(
        pd.Series(current, dtype=float), pd.Series(previous, dtype=float), pd.Series(polarity)
    )
    scalars = [direction_of_travel(*args) for args in zip(current, previous, polarity, strict=True)]
    assert list(vector) == scalars
    assert scalars == ["improving", "worsening", "no_change", "improving", "not_comparable",
                       "not_comparable", "not_comparable", "no_change"]  # fmt: skip


def test_direction_uses_no_tolerance() -> None:
    """Any movement counts, however small: direction is not a RAG."""
    assert direction_of_travel(100.0, math.nextafter(100.0, 0), HIGHER) == "improving"


def test_pandas_column_in_gives_a_string_column_on_the_same_index() -> None:
    """measure_statuses puts the result straight back into its frame, so the index must match."""
    index = pd.Index([7, 3, 11])
    actual = pd.Series([101.0, 97.0, None], index=index)
    out = rag_status(actual, pd.Series([100.0, 100.0, 100.0], index=index), HIGHER)
    assert isinstance(out, pd.Series)
    assert out.index.equals(index)
    assert pd.api.types.is_string_dtype(out)
    assert out.to_dict() == {7: "green", 3: "amber", 11: "no_data"}
    moves = direction_of_travel(actual, pd.Series([90.0, 99.0, 5.0], index=index), HIGHER)
    assert moves.to_dict() == {7: "improving", 3: "worsening", 11: "not_comparable"}


def test_coded_polarity_gives_the_same_answer_as_words() -> None:
    """measure_statuses passes polarity as categorical codes; blanks still mean monitoring."""
    actual = np.array([101.0, 97.0, 90.0, 120.0, 50.0])
    words = [HIGHER, HIGHER, LOWER, None, MONITOR]
    coded = pd.Categorical(words)
    assert list(rag_status(actual, 100.0, coded)) == list(rag_status(actual, 100.0, words))
    assert list(rag_status(actual, 100.0, coded)) == [
        "green", "amber", "green", "monitoring", "monitoring"]  # fmt: skip
    previous = np.array([100.0, 99.0, 95.0, 100.0, 40.0])
    assert list(direction_of_travel(actual, previous, coded)) == list(
        direction_of_travel(actual, previous, words)
    )
