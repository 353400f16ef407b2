"""UK display formats shared by pages and exports: values and the restatement wording."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from metrics.formatting import format_value, restatement, snapshot_change_notes


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (1448, "count", "1,448"),
        (1447.5, "count", "1,447.5"),
        (76, "percent", "76.0%"),
        (2_100_000, "currency", "£2.1m"),
        (45_000, "currency", "£45k"),
        (950, "currency", "£950"),
        (43, "days", "43 days"),
        (12.5, "minutes", "12.5 min"),
        (None, "count", "–"),
        (float("nan"), "days", "–"),
    ],
)
def test_format_value(value: object, unit: str, expected: str) -> None:
    assert format_value(value, unit) == expected


def test_restatement_names_the_day_and_both_figures() -> None:
    on = pd.Timestamp("2024-10-14 09:30")
    assert restatement(512.0, 547.0, "count", on) == "Restated on 14 Oct 2024: was 512, now 547"
    assert restatement(40, 38, "days", dt.datetime(2025, 3, 1)) == (
        "Restated on 1 Mar 2025: was 40 days, now 38 days"
    )


def test_restatement_without_a_date_or_without_a_revision() -> None:
    assert restatement(286, 547, "count") == "Restated: was 286, now 547"
    assert restatement(286, 547, "count", pd.NaT) == "Restated: was 286, now 547"
    assert restatement(None, 547, "count", pd.Timestamp("2025-01-01")) == ""
    assert restatement(float("nan"), 547, "count") == ""


def test_snapshot_change_notes_say_what_each_new_version_did() -> None:
    frame = pd.DataFrame(
        {
            "version": [1, 2, 2, 2, 3],
            "previous_actual": [None, 286.0, None, 40.0, 547.0],
            "actual": [12.0, 547.0, 30.0, None, 547.0],
        }
    )
    assert snapshot_change_notes(frame) == [
        "New figure",
        "Restated: was 286, now 547",
        "Figure supplied (was blank)",
        "Now blank",
        "Revised: target, year to date or text changed",
    ]
