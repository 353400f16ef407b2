"""The checks across the rows of a kind, as pure functions, and the cadence in force."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from intake.fields import comparator_name
from intake.kind_checks import finance_line_problems, replaces_problems, waiting_list_problems
from metrics.cadence import months_in_force
from metrics.definitions import cadence_segments

IDS = ["A", "B", "C", "D", "E"]


def _measures(chain: dict[str, str | None]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "measure_id": list(chain),
            "replaces": list(chain.values()),
            "_sheet": "measures.csv",
            "_row": range(2, 2 + len(chain)),
        }
    )


def _returns_to_itself(start: str, chain: dict[str, str | None]) -> bool:
    seen: set[str] = set()
    current = chain.get(start)
    while current is not None and current not in seen:
        if current == start:
            return True
        seen.add(current)
        current = chain.get(current)
    return False


@given(st.dictionaries(st.sampled_from(IDS), st.one_of(st.none(), st.sampled_from(IDS))))
def test_a_row_is_refused_exactly_when_its_replacements_lead_back_to_it(
    chain: dict[str, str | None],
) -> None:
    refused = {p.row for p in replaces_problems(_measures(chain), {})}
    rows = {m: 2 + i for i, m in enumerate(chain)}
    for measure, old in chain.items():
        bad = old is not None and (old not in chain or _returns_to_itself(measure, chain))
        assert (rows[measure] in refused) == bad, (measure, chain)


def test_a_held_replacement_counts_towards_a_cycle() -> None:
    (problem,) = replaces_problems(_measures({"A": "B"}), {"B": "A"})
    assert "A → B → A" in problem.reason


def test_replacing_a_held_id_in_another_case_names_the_held_spelling() -> None:
    (problem,) = replaces_problems(_measures({"A": "b"}), {"B": None})
    assert "the catalogue has 'B'" in problem.reason


def _lists(rows: list[tuple[str, str, str, float | None, float | None]]) -> pd.DataFrame:
    frame = pd.DataFrame(
        rows,
        columns=["waiting_list", "measure_id", "waiting_role", "band_from_days", "band_to_days"],
    )
    return frame.assign(_sheet="waiting_lists.csv", _row=range(2, 2 + len(frame)))


def test_a_band_added_to_a_list_whose_waiting_measure_is_held_is_accepted() -> None:
    held = _lists([("ot", "M1", "waiting", None, None)]).drop(columns=["_sheet", "_row"])
    assert waiting_list_problems(_lists([("ot", "M3", "band", 0, 28)]), held) == []


def test_a_second_waiting_measure_beside_a_held_one_is_refused() -> None:
    held = _lists([("ot", "M1", "waiting", None, None)]).drop(columns=["_sheet", "_row"])
    (problem,) = waiting_list_problems(_lists([("ot", "M2", "waiting", None, None)]), held)
    assert "'M1', 'M2'" in problem.reason and "one already held" in problem.reason


def test_restating_the_held_waiting_measure_is_not_a_second_one() -> None:
    held = _lists([("ot", "M1", "waiting", None, None)]).drop(columns=["_sheet", "_row"])
    assert waiting_list_problems(_lists([("ot", "M1", "waiting", None, None)]), held) == []


def _finance(lines: list[tuple[str, str]]) -> pd.DataFrame:
    frame = pd.DataFrame(lines, columns=["service_area", "period"])
    frame["period"] = pd.to_datetime(frame["period"])
    return frame.assign(_sheet="finance.csv", _row=range(2, 2 + len(frame)))


def test_a_new_month_of_finance_is_never_a_restatement() -> None:
    held = _finance([("Home care", "2024-09-01")])
    assert finance_line_problems(_finance([("Other", "2024-10-01")]), held) == []


def test_a_restatement_missing_a_held_line_names_it_and_the_month() -> None:
    held = _finance([("Home care", "2024-09-01"), ("Day care", "2024-09-01")])
    problems = finance_line_problems(_finance([("Day care", "2024-09-01")]), held)
    assert [p.row for p in problems] == [2]
    assert "'Home care'" in problems[0].reason and "Sep 2024" in problems[0].reason


def test_england_and_the_region_are_read_whatever_the_case() -> None:
    assert comparator_name("ENGLAND", "England", "South East")[0] == "England"
    assert comparator_name("south east average", "England", "South East")[0] == (
        "South East average"
    )
    assert comparator_name("Kent", "England", "South East") == ("Kent", None)
    assert comparator_name("England", "England", "South East") == ("England", None)


def test_the_cadence_in_force_follows_effective_from() -> None:
    versions = pd.DataFrame(
        {
            "measure_id": ["M1", "M1"],
            "version": [1, 2],
            "effective_from": [pd.NaT, pd.Timestamp("2027-04-01")],
            "frequency": ["monthly", "quarterly"],
            "reporting_months": [None, None],
        }
    )
    segments = cadence_segments(versions)["M1"]
    assert months_in_force(segments, dt.date(2026, 11, 1)) == tuple(range(1, 13))
    assert months_in_force(segments, dt.date(2027, 5, 1)) == (3, 6, 9, 12)


@given(
    starts=st.lists(st.integers(min_value=0, max_value=40), min_size=1, max_size=5, unique=True),
    month=st.integers(min_value=0, max_value=50),
)
def test_the_latest_start_on_or_before_the_month_decides(starts: list[int], month: int) -> None:
    def day(n: int) -> dt.date:
        return dt.date(2020 + n // 12, n % 12 + 1, 1)

    ordered = sorted(starts)
    segments = [(None, (0,)), *((day(s), (s + 1,)) for s in ordered)]
    expected = max([0, *(s + 1 for s in ordered if s <= month)])
    assert months_in_force(segments, day(month)) == (expected,)


def test_a_list_checked_against_nothing_held_is_judged_on_its_own_rows() -> None:
    held = pd.DataFrame(columns=["waiting_list", "measure_id", "waiting_role"])
    problems = waiting_list_problems(_lists([("ot", "M3", "band", 0, 28)]), held)
    assert [p.row for p in problems] == [2]
