"""metrics.waiting_lists: families read from the catalogue's waiting lists, one band wording."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from metrics.waiting_lists import band_label, families, headline_list

COLUMNS = [
    "waiting_list",
    "waiting_list_name",
    "measure_id",
    "waiting_role",
    "band_from_days",
    "band_to_days",
    "breakdown",
]


def _rows() -> pd.DataFrame:
    return pd.DataFrame(
        [
            ("ot", "OT assessments", "OT1", "waiting", None, None, "team"),
            ("ot", "OT assessments", "OT3", "median", None, None, None),
            ("ot", "OT assessments", "OT2", "longest", None, None, None),
            ("ot", "OT assessments", "OT5", "band", 29, None, None),
            ("ot", "OT assessments", "OT4", "band", 0, 28, None),
            ("ca", "Care Act", "CA1", "waiting", None, None, "team"),
            ("ca", "Care Act", "CA3", "mean", None, None, None),
            ("bad", "No waiting measure", "X1", "longest", None, None, None),
        ],
        columns=COLUMNS,
    )


def _catalogue() -> pd.DataFrame:
    return pd.DataFrame({"measure_id": ["OT1", "OT2", "OT3", "OT4", "OT5", "CA1", "CA3"]})


@pytest.mark.parametrize(
    ("lo", "hi", "text"),
    [
        (0, 28, "0–28 days"),
        (29, 90, "29–90 days"),
        (181, None, "181+ days"),
        (91, math.nan, "91+ days"),
    ],
)
def test_band_label_uses_an_en_dash_and_plus_for_open_bands(lo, hi, text) -> None:
    assert band_label(lo, hi) == text


def test_the_headline_list_is_the_first_declared_and_lists_its_waits_in_role_order() -> None:
    lists = families(_rows(), _catalogue())
    assert [f.list_id for f in lists] == ["ot", "ca"]  # "bad" declares no number waiting
    lead = headline_list(lists)
    assert lead is not None and lead.list_id == "ot"
    # People waiting, then longest, mean, median: the file's order (median before longest) and
    # a role the list lacks (mean) do not matter.
    assert lead.headline_measures() == [
        ("OT1", "People waiting"),
        ("OT2", "Longest wait"),
        ("OT3", "Median wait"),
    ]
    assert [b.label for b in lead.bands] == ["0–28 days", "29+ days"]
    assert headline_list([]) is None
