"""metrics.exceptions: the one order, the Red list and the facts every view shows."""

from __future__ import annotations

import pandas as pd
import pytest

from metrics.exceptions import exception_facts, exceptions_in_order, red_in_order


def _reporting() -> pd.DataFrame:
    # Five measures in two priorities; the exception flags are given, as measure_statuses
    # would set them (Red always, Amber from its second period).
    return pd.DataFrame(
        {
            "measure_id": ["B2", "A9", "C1", "A1", "B1", "D1"],
            "priority_id": ["P2", "P1", "P1", "P2", "P1", "P1"],
            "status": ["red", "amber", "red", "amber", "amber", "green"],
            "exception": [True, True, True, True, False, False],
        }
    )


def test_red_first_then_amber_then_priority_then_id() -> None:
    out = exceptions_in_order(_reporting())
    # Red: C1 (P1) before B2 (P2) although "B2" < "C1"; Amber: A9 (P1) before A1 (P2).
    # B1 is Amber for one period only and D1 is Green: not exceptions.
    assert list(out["measure_id"]) == ["C1", "B2", "A9", "A1"]


def test_within_one_priority_the_order_is_red_then_amber_by_id() -> None:
    p1 = _reporting()[lambda f: f["priority_id"] == "P1"]
    assert list(exceptions_in_order(p1)["measure_id"]) == ["C1", "A9"]


def test_membership_is_the_exception_column_not_the_status() -> None:
    # A Red row the report did not flag (e.g. a reported status overriding) is not listed.
    frame = pd.DataFrame(
        {"measure_id": ["M1"], "priority_id": ["P1"], "status": ["red"], "exception": [False]}
    )
    assert exceptions_in_order(frame).empty


def test_red_in_order_lists_red_only_by_id() -> None:
    assert list(red_in_order(_reporting())["measure_id"]) == ["B2", "C1"]


def _row(**changes: object) -> pd.Series:
    row = {
        "measure_id": "ASC-WL01",
        "name": "People waiting",
        "priority_id": "P1",
        "priority_name": "Living well",
        "status": "amber",
        "previous_status": "red",
        "periods_at_status": 3,
        "direction": "improving",
        "movement": "fell",
        "actual": 1448.0,
        "target": 1400.0,
        "ytd_actual": 1500.0,
        "ytd_target": 1400.0,
        "unit": "count",
        "director": "  Karen Fuller ",
        "portfolio_holder": None,
        "restated_from": None,
        "loaded_at": None,
    }
    row.update(changes)
    return pd.Series(row)


def test_exception_facts_title_and_pairs() -> None:
    facts = exception_facts(_row())
    assert facts.title == "● Amber — ASC-WL01 People waiting"
    assert facts.facts == (
        ("Previous status", "▲ Red"),
        ("Current status", "● Amber"),
        ("Periods at status", "3"),
        ("Direction of travel", "↓ fell · better"),
        ("Actual", "1,448"),
        ("Target", "1,400"),
        ("Year to date", "1,500"),
        ("YTD target", "1,400"),
        ("Director", "Karen Fuller"),
        ("Portfolio holder", "Not recorded."),
        ("Priority", "P1 Living well"),
    )
    assert facts.restated is None


def test_exception_facts_with_no_previous_report_and_a_restatement() -> None:
    facts = exception_facts(
        _row(previous_status=None, restated_from=512.0, actual=547.0, status="red")
    )
    assert facts.fact("Previous status") == "no previous report"
    assert facts.title.startswith("▲ Red — ")
    assert facts.restated == "Restated: was 512, now 547"
    with pytest.raises(KeyError):
        facts.fact("Commentary")


def test_the_rule_in_words_is_one_sentence() -> None:
    from metrics.exceptions import EXCEPTION_DEFINITION, EXCEPTION_RULE

    assert EXCEPTION_RULE == "▲ Red, or ● Amber for two or more periods in a row"
    assert EXCEPTION_DEFINITION == (
        "An exception is a measure rated ▲ Red, or ● Amber for two or more periods in a row."
    )


def test_a_blank_exception_flag_is_not_an_exception() -> None:
    frame = pd.DataFrame(
        {
            "measure_id": ["M1", "M2"],
            "priority_id": ["P1", "P1"],
            "status": ["red", "red"],
            "exception": [None, True],
        }
    )
    assert list(exceptions_in_order(frame)["measure_id"]) == ["M2"]
    # A NaN (an outer join's blank) too: bool(NaN) would be True.
    frame["exception"] = [float("nan"), True]
    assert list(exceptions_in_order(frame)["measure_id"]) == ["M2"]


def test_without_priorities_the_order_is_status_then_id() -> None:
    frame = _reporting().drop(columns="priority_id")
    assert list(exceptions_in_order(frame)["measure_id"]) == ["B2", "C1", "A1", "A9"]
    assert "_order" not in exceptions_in_order(frame)


def test_a_flagged_row_of_another_status_comes_after_red_and_amber() -> None:
    # Not produced by measure_statuses, but a reported status may arrive with a flag.
    frame = pd.DataFrame(
        {
            "measure_id": ["A1", "B1", "C1"],
            "priority_id": ["P1", "P1", "P1"],
            "status": ["green", "amber", "red"],
            "exception": [True, True, True],
        }
    )
    assert list(exceptions_in_order(frame)["measure_id"]) == ["C1", "B1", "A1"]


def test_exception_facts_use_the_measure_s_unit_and_the_load_date() -> None:
    import datetime as dt

    facts = exception_facts(
        _row(
            unit="percent",
            actual=76.0,
            target=78.5,
            ytd_actual=75.25,
            ytd_target=78.0,
            portfolio_holder="Cllr Tim Bearder",
            restated_from=74.0,
            loaded_at=dt.datetime(2025, 11, 14, 9, 30),
        )
    )
    assert facts.fact("Actual") == "76.0%"
    assert facts.fact("Target") == "78.5%"
    assert facts.fact("Year to date") == "75.2%"
    assert facts.fact("YTD target") == "78.0%"
    assert facts.fact("Portfolio holder") == "Cllr Tim Bearder"
    assert facts.restated == "Restated on 14 Nov 2025: was 74.0%, now 76.0%"
