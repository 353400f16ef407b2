"""Reported statuses on literal values: parsing, the status used, no-data kinds, disagreements."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics.reported import (
    NO_DATA_REASON_WORD,
    check_reason,
    disagreement,
    disagreements,
    no_data_kind,
    parse_no_data_reason,
    parse_reported_status,
    status_used,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Monitoring-Only ", "monitoring"),
        ("N/A   Monitoring", "monitoring"),
        ("? No Data", "no_data"),
        ("?", "no_data"),
        ("data-missing", "no_data"),
        ("G", "green"),
        ("a", "amber"),
        ("R", "red"),
        ("▲ RED", "red"),
        ("● amber", "amber"),
        ("monitoring_only", "monitoring"),
        (float("nan"), None),
        ("", None),
    ],
)
def test_status_words(text: object, expected: str | None) -> None:
    assert parse_reported_status(text) == expected


def test_an_unknown_word_is_quoted_to_forty_characters() -> None:
    with pytest.raises(ValueError) as raised:
        parse_reported_status("x" * 50)
    assert str(raised.value) == (
        "must be a status: green, amber, red, monitoring, no_data (or ★ ● ▲, n/a, "
        "'Monitoring only', 'Data unavailable'), got '" + "x" * 40 + "'"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Data-Missing", "data_unavailable"),
        ("unavailable", "data_unavailable"),
        ("data_unavailable", "data_unavailable"),
        ("no complaint received", "none_received"),
        ("No complaints", "none_received"),
        ("None received", "none_received"),
        (None, None),
        (float("nan"), None),
    ],
)
def test_no_data_reason_words(text: object, expected: str | None) -> None:
    assert parse_no_data_reason(text) == expected


def test_an_unknown_reason_is_refused_in_words() -> None:
    with pytest.raises(ValueError) as raised:
        parse_no_data_reason("lost it")
    assert str(raised.value) == (
        "must be data_unavailable or none_received (e.g. 'no complaints received'), got 'lost it'"
    )
    assert NO_DATA_REASON_WORD["none_received"] == "None received (e.g. no complaints received)"


def test_check_reason_accepts_a_reason_only_on_a_row_without_a_figure() -> None:
    assert check_reason(None, None, "none_received") is None
    assert check_reason(None, "no_data", "data_unavailable") is None
    assert check_reason(12.0, "no_data", "data_unavailable") is None  # reported no data wins
    assert check_reason(12.0, "green", None) is None
    with pytest.raises(ValueError) as raised:
        check_reason(None, "amber", "none_received")
    assert str(raised.value) == (
        "no_data_reason 'none_received' given, but reported_status is 'amber': "
        "a reason is only for a measure with no data"
    )
    with pytest.raises(ValueError) as raised:
        check_reason(0.0, None, "data_unavailable")
    assert str(raised.value) == (
        "no_data_reason 'data_unavailable' given, but actual holds a figure: leave actual blank "
        "(or set reported_status to no_data)"
    )


def test_status_used_is_the_reported_one_where_given() -> None:
    computed = pd.Series(["green", "red", "amber"], index=[4, 5, 6])
    reported = pd.Series([None, "amber", np.nan], index=[4, 5, 6], dtype=object)
    used, source = status_used(computed, reported)
    assert used.to_dict() == {4: "green", 5: "amber", 6: "amber"}
    assert source.to_dict() == {4: "computed", 5: "reported", 6: "computed"}


def test_no_data_kind_only_for_no_data_with_blank_as_unavailable() -> None:
    status = pd.Series(["no_data", "no_data", "green", "no_data"])
    reason = pd.Series([None, "none_received", "none_received", "data_unavailable"])
    assert no_data_kind(status, reason).tolist() == [
        "data_unavailable",
        "none_received",
        None,
        "data_unavailable",
    ]


def test_disagreement_wording() -> None:
    assert disagreement("amber", "green", None) == "Reported ● Amber · rule gives ★ Green"
    assert disagreement("amber", "green", "   ") == "Reported ● Amber · rule gives ★ Green"
    assert disagreement("red", "amber", "trend", ytd=True) == (
        "YTD reported ▲ Red · rule gives ● Amber: trend"
    )
    assert disagreement("red", None, "x") is None
    assert disagreement("red", np.nan, "x") is None


def test_disagreements_lists_each_measure_that_differs() -> None:
    reporting = pd.DataFrame(
        {
            "measure_id": ["M1", "M2", "M3", "M4"],
            "reported_status": ["green", None, "red", "amber"],
            "computed_status": ["red", "red", "red", "green"],
            "status_note": ["on trend", None, None, None],
        }
    )
    assert disagreements(reporting) == [
        "M1: Reported ★ Green · rule gives ▲ Red: on trend",
        "M4: Reported ● Amber · rule gives ★ Green",
    ]
    bare = pd.DataFrame({"measure_id": ["M1"]})
    assert disagreements(bare) == []


def test_a_long_unknown_reason_is_quoted_to_forty_characters() -> None:
    with pytest.raises(ValueError) as raised:
        parse_no_data_reason("y" * 45)
    assert str(raised.value).endswith("got '" + "y" * 40 + "'")


def test_status_used_gives_object_columns() -> None:
    used, source = status_used(pd.Series(["green"]), pd.Series([None], dtype=object))
    assert (used.dtype, source.dtype) == (object, object)


def test_a_number_is_not_a_status() -> None:
    with pytest.raises(ValueError, match=r"got '2\.0'$"):
        parse_reported_status(2.0)
