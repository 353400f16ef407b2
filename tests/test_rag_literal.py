"""rag_status, direction_of_travel and movement on literal values, edges and shapes included."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from metrics.rag import direction_of_travel, movement, rag_status

HIGHER = "higher_is_better"
LOWER = "lower_is_better"
MONITOR = "monitoring_only"


def test_the_band_edge_allows_only_the_stated_float_slack() -> None:
    # Target 100, 2 absolute: the band runs to 98, plus a slack of 1e-9 x 100 for rounding.
    edge = 100.0 - 2.0 - 1e-9 * 100.0
    assert rag_status(edge, 100, HIGHER, 2, "absolute") == "amber"
    assert rag_status(np.nextafter(edge, 0), 100, HIGHER, 2, "absolute") == "red"
    top = 100.0 + 2.0 + 1e-9 * 100.0
    assert rag_status(top, 100, LOWER, 2, "absolute") == "amber"
    assert rag_status(np.nextafter(top, 200), 100, LOWER, 2, "absolute") == "red"
    # The slack follows the bigger of target and band: 10 absolute on a target of 1.
    assert rag_status(1.0 - 10.0 - 1e-9 * 10.0, 1, HIGHER, 10, "absolute") == "amber"


def test_just_missing_the_target_is_amber_and_meeting_it_green() -> None:
    assert rag_status(np.nextafter(100.0, 0), 100, HIGHER, 0.05) == "amber"
    assert rag_status(100.0, 100, HIGHER, 0.05) == "green"
    assert rag_status(np.nextafter(100.0, 200), 100, LOWER, 0.05) == "amber"
    assert rag_status(100.0, 100, LOWER, 0.05) == "green"


def test_one_column_argument_among_scalars_gives_a_column() -> None:
    targets = rag_status(95, np.array([100.0, 90.0]), HIGHER)
    assert isinstance(targets, np.ndarray)
    assert targets.tolist() == ["amber", "green"]
    polarities = rag_status(95, 100, np.array([HIGHER, LOWER]))
    assert polarities.tolist() == ["amber", "green"]
    previous = direction_of_travel(95, np.array([90.0, 99.0]), HIGHER)
    assert previous.tolist() == ["improving", "worsening"]
    judged = direction_of_travel(95, 90, np.array([HIGHER, LOWER, MONITOR]))
    assert judged.tolist() == ["improving", "worsening", "not_comparable"]
    assert movement(95, np.array([90.0, 95.0])).tolist() == ["rose", "same"]
    current = direction_of_travel(np.array([95.0, 85.0]), 90, HIGHER)
    assert current.tolist() == ["improving", "worsening"]
    assert movement(np.array([95.0, 85.0]), 90).tolist() == ["rose", "fell"]


def test_text_figures_are_read_as_numbers_or_as_blank() -> None:
    actual = pd.Series(["95", "x", None, "101.5"], dtype=object)
    assert rag_status(actual, 100, HIGHER).tolist() == ["amber", "no_data", "no_data", "green"]
    target = pd.Series(["100", "n/a"], dtype=object)
    assert rag_status([95.0, 95.0], target, HIGHER).tolist() == ["amber", "monitoring"]
    assert direction_of_travel(["5", "x"], ["4", "4"], HIGHER).tolist() == [
        "improving",
        "not_comparable",
    ]


def test_a_pandas_column_keeps_its_index() -> None:
    actual = pd.Series([101.0, 50.0], index=["x", "y"])
    out = rag_status(actual, 100, LOWER, 0.1)
    assert out.to_dict() == {"x": "amber", "y": "green"}
    moved = movement(actual, pd.Series([101.0, 60.0], index=["x", "y"]))
    assert moved.to_dict() == {"x": "same", "y": "fell"}


def test_direction_for_each_polarity_by_hand() -> None:
    current = [120.0, 80.0, 100.0, 120.0, 80.0, 100.0, 120.0, 100.0, np.nan, 5.0]
    previous = [100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, np.nan]
    polarity = [HIGHER, HIGHER, HIGHER, LOWER, LOWER, LOWER, MONITOR, MONITOR, HIGHER, LOWER]
    assert direction_of_travel(current, previous, polarity).tolist() == [
        "improving", "worsening", "no_change", "worsening", "improving", "no_change",
        "not_comparable", "no_change", "not_comparable", "not_comparable",
    ]  # fmt: skip
    assert direction_of_travel(1.0, 1.5, "") == "not_comparable"
    assert direction_of_travel(1.5, 1.0, None) == "not_comparable"


def test_a_blank_polarity_or_tolerance_type_is_read_safely() -> None:
    # Blank polarity: monitoring. Blank tolerance type: relative (5% of 100 = 5).
    assert rag_status(50, 100, "", 0.05) == "monitoring"
    assert rag_status(50, 100, None, 0.05) == "monitoring"
    assert rag_status(96, 100, HIGHER, 0.05, None) == "amber"
    assert rag_status(96, 100, HIGHER, 0.05, "") == "amber"
    assert rag_status(96, 100, HIGHER, 3, "absolute") == "red"  # misses by 4, band 3
    assert rag_status(96, 100, HIGHER, 3, "") == "amber"  # 3 relative: a band of 300


def test_no_warnings_on_infinite_or_blank_figures() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = rag_status([np.inf, np.nan, 1.0, -np.inf], [np.inf, 1.0, np.nan, 0.0], HIGHER)
        moves = direction_of_travel([np.inf, np.nan], [np.inf, 1.0], LOWER)
    assert out.tolist() == ["green", "no_data", "monitoring", "red"]
    assert moves.tolist() == ["no_change", "not_comparable"]


def test_a_column_of_words_is_a_string_column_with_nan_for_missing() -> None:
    # pandas' default "str" dtype: Arrow storage, NaN (not pd.NA) for a missing word, so
    # comparisons give plain booleans.
    out = rag_status(pd.Series([101.0]), 100, HIGHER)
    assert out.dtype == pd.StringDtype("pyarrow", np.nan)
    assert out.dtype != pd.StringDtype("pyarrow")
