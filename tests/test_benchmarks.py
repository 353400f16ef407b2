"""Benchmark rules: gap units, better/similar/worse, rank with ties and missing neighbours."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from metrics.benchmarks import BenchmarkGroups, benchmark_table, gap, quartile, rank_among, versus

GROUPS = BenchmarkGroups()
Y23, Y24 = pd.Timestamp("2023-03-01"), pd.Timestamp("2024-03-01")


def test_gap_is_percentage_points_for_percentages() -> None:
    value, unit = gap(70.0, 77.5, "percent")  # ASCOF 2A 2022/23: -7.5 as the annex prints
    assert unit == "pp" and value == pytest.approx(-7.5)


def test_gap_is_relative_percent_for_rates() -> None:
    value, unit = gap(357.7, 560.8, "rate")  # ASCOF 2B 65+ 2022/23: annex prints -36%
    assert unit == "%" and round(value) == -36
    assert gap(8.5, 14.6, "rate")[0] == pytest.approx(-41.78, abs=0.01)  # annex: -42%


def test_gap_without_a_comparator_or_against_zero_is_blank() -> None:
    assert gap(70.0, None, "percent") == (None, "pp")
    assert gap(5.0, 0.0, "rate") == (None, "%")


def test_better_similar_worse_follow_polarity_and_the_band() -> None:
    assert versus(-7.5, "pp", "higher_is_better", GROUPS) == "worse than"
    assert versus(-36.0, "%", "lower_is_better", GROUPS) == "better than"
    assert versus(2.5, "pp", "higher_is_better", GROUPS) == "similar to"  # edge: within
    assert versus(2.51, "pp", "higher_is_better", GROUPS) == "better than"
    assert versus(-5.0, "%", "lower_is_better", GROUPS) == "similar to"
    assert versus(8.0, "%", "monitoring_only", GROUPS) == "higher than"
    assert versus(None, "pp", "higher_is_better", GROUPS) == "no comparison"


def test_rank_one_is_best_and_ties_share_the_better_rank() -> None:
    assert rank_among(80.0, [70.0, 90.0, 80.0, 60.0], "higher_is_better") == (2, 5)
    assert rank_among(80.0, [70.0, 90.0, 80.0, 60.0], "lower_is_better") == (3, 5)
    assert rank_among(50.0, [50.0, 50.0], "higher_is_better") == (1, 3)


def test_missing_neighbours_are_left_out_of_the_ranking() -> None:
    assert rank_among(80.0, [70.0, None, float("nan"), 90.0], "higher_is_better") == (2, 3)
    assert rank_among(80.0, [None, None], "higher_is_better") == (None, 1)
    assert rank_among(None, [70.0], "higher_is_better") == (None, 1)


def test_quartile_needs_four_ranked() -> None:
    assert quartile(1, 16) == 1
    assert quartile(4, 16) == 1
    assert quartile(5, 16) == 2
    assert quartile(16, 16) == 4
    assert quartile(3, 5) == 3  # ceil(12 / 5)
    assert quartile(1, 3) is None
    assert quartile(None, 10) is None


@settings(deadline=None)
@given(st.integers(min_value=4, max_value=60), st.data())
def test_quartile_is_monotonic_in_rank(n: int, data: st.DataObject) -> None:
    rank = data.draw(st.integers(min_value=1, max_value=n - 1))
    assert 1 <= quartile(rank, n) <= quartile(rank + 1, n) <= 4


def _frames() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    catalogue = pd.DataFrame(
        {
            "measure_id": ["A", "B"],
            "name": ["Reablement", "Admissions"],
            "unit": ["percent", "rate"],
            "polarity": ["higher_is_better", "lower_is_better"],
        }
    )
    statuses = pd.DataFrame(
        {
            "measure_id": ["A", "A", "B"],
            "period": [Y23, Y24, Y24],
            "actual": [70.0, 75.1, 346.2],
        }
    )
    rows = [
        ("A", Y23, "England", 77.5),
        ("A", Y24, "England", 79.4),
        ("A", Y24, "South East (illustrative)", 78.0),
        ("A", Y24, "Nbr 1", 80.0),
        ("A", Y24, "Nbr 2", 75.1),
        ("A", Y24, "Nbr 3", 70.0),
        ("A", Y23, "Nbr 4", 66.0),  # no 2023/24 value: missing that year
        ("B", Y24, "Nbr 1", 400.0),
    ]
    comparators = pd.DataFrame(rows, columns=["measure_id", "period", "comparator", "value"])
    return statuses, comparators, catalogue


def test_benchmark_table_for_a_crafted_year() -> None:
    statuses, comparators, catalogue = _frames()
    table = benchmark_table(statuses, comparators, catalogue, GROUPS).set_index("measure_id")
    a = table.loc["A"]
    assert a["period"] == Y24
    assert a["england"] == 79.4 and a["region"] == 78.0
    assert a["gap"] == pytest.approx(-4.3) and a["gap_unit"] == "pp"
    assert a["versus_england"] == "worse than"
    assert a["change"] == pytest.approx(5.1) and a["change_unit"] == "pp"
    assert (a["rank"], a["ranked"]) == (2, 4)  # 80.0 better; tie with Nbr 2 shares rank 2
    assert a["quartile"] == 2
    assert a["neighbours_missing"] == 1  # Nbr 4
    b = table.loc["B"]  # no England value: the latest year with any comparator
    assert pd.isna(b["england"]) and b["versus_england"] == "no comparison"
    assert (b["rank"], b["ranked"]) == (1, 2) and pd.isna(b["quartile"])


def test_benchmark_table_is_empty_without_comparators() -> None:
    statuses, comparators, catalogue = _frames()
    assert benchmark_table(statuses, comparators.iloc[0:0], catalogue, GROUPS).empty


def test_region_and_england_names_are_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MM_BENCHMARK_REGION", "North West")
    groups = BenchmarkGroups.from_env()
    assert groups.kind_of("North West (ADASS)") == "region"
    assert groups.kind_of("South East") == "neighbour"
    assert groups.kind_of("England") == "england"
