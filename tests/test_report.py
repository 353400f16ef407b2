"""metrics.report on small hand-made catalogues: previous status, runs, exceptions and tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics.report import (
    change_matrix,
    counts_by_frequency,
    for_period,
    measure_statuses,
    priority_sentence,
    report_dict,
    status_changes,
    status_counts,
    trailing_periods,
)
from metrics.vocab import STATUSES

HIGHER = "higher_is_better"
LOWER = "lower_is_better"
MONITOR = "monitoring_only"
SEP = pd.Timestamp("2024-09-01")


def catalogue(*rows: tuple) -> pd.DataFrame:
    """Rows of (measure_id, frequency, polarity[, priority_id[, tolerance, tolerance_type]])."""
    out = []
    for row in rows:
        measure_id, frequency, polarity, *rest = row
        priority = rest[0] if rest else "P1"
        tolerance = rest[1] if len(rest) > 1 else 0.05
        ttype = rest[2] if len(rest) > 2 else "relative"
        out.append(
            {
                "measure_id": measure_id,
                "name": f"Measure {measure_id}",
                "priority_id": priority,
                "priority_name": f"Priority {priority}",
                "director": "Director",
                "portfolio_holder": "Cabinet Member",
                "frequency": frequency,
                "polarity": polarity,
                "unit": "count",
                "tolerance": tolerance,
                "tolerance_type": ttype,
                "description": "",
                "source": "",
            }
        )
    return pd.DataFrame(out)


def snapshots(*rows: tuple) -> pd.DataFrame:
    """Rows of (measure_id, 'YYYY-MM', actual, target); None is a blank."""
    frame = pd.DataFrame(
        [
            {
                "measure_id": m,
                "period": pd.Timestamp(f"{p}-01"),
                "actual": np.nan if a is None else float(a),
                "target": np.nan if t is None else float(t),
                "ytd_actual": np.nan if a is None else float(a),
                "ytd_target": np.nan if t is None else float(t),
                "commentary": "",
            }
            for m, p, a, t in rows
        ]
    )
    return frame


def row(statuses: pd.DataFrame, measure_id: str, period: str) -> pd.Series:
    hit = statuses[(statuses["measure_id"] == measure_id) & (statuses["period"] == period)]
    assert len(hit) == 1, f"{measure_id} {period}: {len(hit)} rows"
    return hit.iloc[0]


# --- previous status, direction, runs and exceptions ---------------------------------------


@pytest.fixture
def cadence() -> pd.DataFrame:
    cat = catalogue(
        ("Q1", "quarterly", HIGHER),
        ("B1", "bimonthly", LOWER),
        ("M1", "monthly", HIGHER),
        ("M2", "monthly", HIGHER),
        ("QG", "quarterly", HIGHER),
    )
    snaps = snapshots(
        # quarterly: Mar green, Jun amber, Sep amber (3 months apart each)
        ("Q1", "2024-03", 110, 100),
        ("Q1", "2024-06", 96, 100),
        ("Q1", "2024-09", 97, 100),
        # bimonthly, lower is better: Jul amber, Sep amber (two months apart)
        ("B1", "2024-07", 104, 100),
        ("B1", "2024-09", 103, 100),
        # monthly: amber Jan, Feb missing, amber Mar (run broken); then Apr amber again
        ("M1", "2024-01", 96, 100),
        ("M1", "2024-03", 96, 100),
        ("M1", "2024-04", 95, 100),
        # monthly: three consecutive ambers
        ("M2", "2024-07", 96, 100),
        ("M2", "2024-08", 96, 100),
        ("M2", "2024-09", 97, 100),
        # quarterly with a missing quarter: Mar amber, (Jun missing), Sep amber
        ("QG", "2024-03", 96, 100),
        ("QG", "2024-09", 96, 100),
    )
    return measure_statuses(snaps, cat)


def test_quarterly_measure_compares_with_three_months_earlier(cadence: pd.DataFrame) -> None:
    sep = row(cadence, "Q1", "2024-09")
    assert sep["previous_period"] == pd.Timestamp("2024-06-01")
    assert sep["previous_actual"] == 96
    assert sep["previous_status"] == "amber"
    assert sep["status"] == "amber"
    assert sep["direction"] == "improving"
    assert sep["periods_at_status"] == 2
    assert bool(sep["exception"]) is True
    jun = row(cadence, "Q1", "2024-06")
    assert jun["previous_period"] == pd.Timestamp("2024-03-01")
    assert jun["previous_status"] == "green"
    assert jun["direction"] == "worsening"
    assert jun["periods_at_status"] == 1
    assert bool(jun["exception"]) is False


def test_bimonthly_amber_twice_two_months_apart_is_an_exception(cadence: pd.DataFrame) -> None:
    sep = row(cadence, "B1", "2024-09")
    assert sep["status"] == "amber"
    assert sep["previous_period"] == pd.Timestamp("2024-07-01")
    assert sep["direction"] == "improving"  # lower is better: 104 -> 103
    assert sep["periods_at_status"] == 2
    assert bool(sep["exception"]) is True
    assert bool(row(cadence, "B1", "2024-07")["exception"]) is False


def test_monthly_gap_breaks_the_amber_run(cadence: pd.DataFrame) -> None:
    mar = row(cadence, "M1", "2024-03")
    assert mar["status"] == "amber"
    # The previous snapshot is still January (the latest earlier one) ...
    assert mar["previous_period"] == pd.Timestamp("2024-01-01")
    assert mar["previous_status"] == "amber"
    assert mar["direction"] == "no_change"
    # ... but February is missing, so the run starts again and it is not an exception.
    assert mar["periods_at_status"] == 1
    assert bool(mar["exception"]) is False
    apr = row(cadence, "M1", "2024-04")
    assert apr["periods_at_status"] == 2
    assert bool(apr["exception"]) is True
    assert apr["direction"] == "worsening"


def test_three_consecutive_ambers_count_three(cadence: pd.DataFrame) -> None:
    runs = [row(cadence, "M2", p)["periods_at_status"] for p in ("2024-07", "2024-08", "2024-09")]
    assert runs == [1, 2, 3]
    assert [bool(row(cadence, "M2", p)["exception"]) for p in ("2024-07", "2024-08")] == [
        False,
        True,
    ]


def test_quarterly_gap_breaks_the_run(cadence: pd.DataFrame) -> None:
    sep = row(cadence, "QG", "2024-09")
    assert sep["previous_period"] == pd.Timestamp("2024-03-01")
    assert sep["periods_at_status"] == 1
    assert bool(sep["exception"]) is False


def test_first_snapshot_has_no_previous(cadence: pd.DataFrame) -> None:
    first = row(cadence, "Q1", "2024-03")
    assert pd.isna(first["previous_status"])
    assert pd.isna(first["previous_period"])
    assert first["direction"] == "not_comparable"
    assert first["periods_at_status"] == 1


def test_red_is_always_an_exception_even_the_first_time() -> None:
    out = measure_statuses(
        snapshots(("R", "2024-09", 50, 100)), catalogue(("R", "monthly", HIGHER))
    )
    assert out.loc[0, "status"] == "red"
    assert bool(out.loc[0, "exception"]) is True


def test_no_data_and_monitoring_break_runs_and_are_never_exceptions() -> None:
    cat = catalogue(("A", "monthly", HIGHER), ("W", "monthly", MONITOR))
    snaps = snapshots(
        ("A", "2024-07", 96, 100),
        ("A", "2024-08", None, 100),
        ("A", "2024-09", 96, 100),
        ("W", "2024-08", 5, None),
        ("W", "2024-09", 7, 10),
    )
    out = measure_statuses(snaps, cat)
    aug = row(out, "A", "2024-08")
    assert (aug["status"], aug["direction"], bool(aug["exception"])) == (
        "no_data",
        "not_comparable",
        False,
    )
    sep = row(out, "A", "2024-09")
    assert (sep["previous_status"], sep["periods_at_status"], bool(sep["exception"])) == (
        "no_data",
        1,
        False,
    )
    w = row(out, "W", "2024-09")
    assert (w["status"], w["direction"], w["periods_at_status"]) == (
        "monitoring",
        "not_comparable",
        2,
    )


def test_ytd_status_uses_the_ytd_columns() -> None:
    snaps = snapshots(("A", "2024-09", 100, 100))
    snaps.loc[0, ["ytd_actual", "ytd_target"]] = [90.0, 100.0]
    out = measure_statuses(snaps, catalogue(("A", "monthly", HIGHER)))
    assert (out.loc[0, "status"], out.loc[0, "ytd_status"]) == ("green", "red")


def test_year_on_year_compares_with_twelve_months_before() -> None:
    cat = catalogue(("A", "monthly", LOWER), ("Q", "quarterly", HIGHER))
    snaps = snapshots(
        ("A", "2023-09", 600, 500),
        ("A", "2024-08", 400, 500),
        ("A", "2024-09", 550, 500),
        ("Q", "2024-06", 10, 5),
        ("Q", "2024-09", 12, 5),
    )
    out = measure_statuses(snaps, cat)
    a = row(out, "A", "2024-09")
    assert (a["year_ago_actual"], a["year_on_year"], a["direction"]) == (
        600,
        "improving",
        "worsening",
    )
    q = row(out, "Q", "2024-09")
    assert pd.isna(q["year_ago_actual"])
    assert q["year_on_year"] == "not_comparable"


def test_measures_missing_from_the_catalogue_are_left_out() -> None:
    out = measure_statuses(
        snapshots(("A", "2024-09", 1, 1), ("ZZ", "2024-09", 1, 1)),
        catalogue(("A", "monthly", HIGHER)),
    )
    assert list(out["measure_id"]) == ["A"]


def test_empty_snapshots_give_an_empty_frame_with_the_columns() -> None:
    empty = snapshots(("A", "2024-09", 1, 1)).iloc[:0]
    out = measure_statuses(empty, catalogue(("A", "monthly", HIGHER)))
    assert out.empty
    for column in ("status", "previous_status", "direction", "periods_at_status", "exception"):
        assert column in out
    assert report_dict(out, SEP)["measures"] == []


# --- one period's tables ------------------------------------------------------------------


@pytest.fixture
def september() -> pd.DataFrame:
    """Sep 2024: five monthly, one bimonthly and two quarterly measures in two priorities."""
    cat = catalogue(
        ("M1", "monthly", HIGHER, "P1"),  # green (was red)
        ("M2", "monthly", HIGHER, "P1"),  # amber first period (was green)
        ("M3", "monthly", HIGHER, "P1"),  # amber second period: exception
        ("M4", "monthly", LOWER, "P2"),  # red (was red)
        ("M5", "monthly", MONITOR, "P2"),  # monitoring (first period)
        ("B1", "bimonthly", LOWER, "P2"),  # amber second period (Jul): exception
        ("Q1", "quarterly", HIGHER, "P1"),  # green (was green in Jun)
        ("Q2", "quarterly", HIGHER, "P2"),  # red (was amber in Jun)
    )
    snaps = snapshots(
        ("M1", "2024-08", 50, 100),
        ("M1", "2024-09", 100, 100),
        ("M2", "2024-08", 101, 100),
        ("M2", "2024-09", 96, 100),
        ("M3", "2024-08", 96, 100),
        ("M3", "2024-09", 97, 100),
        ("M4", "2024-08", 200, 100),
        ("M4", "2024-09", 150, 100),
        ("M5", "2024-09", 7, None),
        ("B1", "2024-07", 104, 100),
        ("B1", "2024-09", 105, 100),
        ("Q1", "2024-06", 120, 100),
        ("Q1", "2024-09", 130, 100),
        ("Q2", "2024-06", 96, 100),
        ("Q2", "2024-09", 80, 100),
        # Older months for the trailing table.
        ("M1", "2023-10", 100, 100),
        ("M1", "2023-09", 100, 100),  # outside the 12-month window
    )
    return measure_statuses(snaps, cat)


def test_for_period_keeps_only_that_period(september: pd.DataFrame) -> None:
    reporting = for_period(september, SEP)
    assert sorted(reporting["measure_id"]) == ["B1", "M1", "M2", "M3", "M4", "M5", "Q1", "Q2"]
    assert dict(zip(reporting["measure_id"], reporting["status"], strict=True)) == {
        "B1": "amber",
        "M1": "green",
        "M2": "amber",
        "M3": "amber",
        "M4": "red",
        "M5": "monitoring",
        "Q1": "green",
        "Q2": "red",
    }
    assert for_period(september, "2024-09-01").equals(reporting)


def test_status_changes_and_change_matrix(september: pd.DataFrame) -> None:
    changes = status_changes(for_period(september, SEP))
    pairs = {
        m: (f, t)
        for m, f, t in zip(changes["measure_id"], changes["from"], changes["to"], strict=True)
    }
    assert pairs == {
        "B1": ("amber", "amber"),
        "M1": ("red", "green"),
        "M2": ("green", "amber"),
        "M3": ("amber", "amber"),
        "M4": ("red", "red"),
        "Q1": ("green", "green"),
        "Q2": ("amber", "red"),
    }  # M5 has no previous snapshot
    matrix = change_matrix(changes)
    assert list(matrix.index) == list(STATUSES)
    assert list(matrix.columns) == list(STATUSES)
    assert int(matrix.to_numpy().sum()) == 7
    assert matrix.loc["amber", "amber"] == 2
    assert matrix.loc["red", "green"] == 1
    assert matrix.loc["green", "amber"] == 1
    assert matrix.loc["red", "red"] == 1
    assert matrix.loc["green", "green"] == 1
    assert matrix.loc["amber", "red"] == 1
    assert matrix.loc["green", "red"] == 0


def test_change_matrix_of_no_changes_is_all_zero() -> None:
    empty = pd.DataFrame(columns=["measure_id", "from", "to"])
    matrix = change_matrix(empty)
    assert matrix.shape == (5, 5)
    assert int(matrix.to_numpy().sum()) == 0


def test_counts_by_frequency(september: pd.DataFrame) -> None:
    table = counts_by_frequency(for_period(september, SEP))
    assert list(table.index) == ["monthly", "bimonthly", "quarterly"]
    monthly = table.loc["monthly"]
    assert [int(monthly[s]) for s in STATUSES] == [1, 2, 1, 1, 0]
    assert int(monthly["total"]) == 5
    assert int(monthly["amber_2plus"]) == 1
    assert int(monthly["exceptions"]) == 2
    assert monthly["green_pct"] == pytest.approx(20.0)
    assert monthly["amber_pct"] == pytest.approx(40.0)
    assert monthly["amber_2plus_pct"] == pytest.approx(20.0)
    assert monthly["monitoring_pct"] == pytest.approx(20.0)
    bimonthly = table.loc["bimonthly"]
    assert (int(bimonthly["amber"]), int(bimonthly["total"]), int(bimonthly["exceptions"])) == (
        1,
        1,
        1,
    )
    assert bimonthly["amber_pct"] == pytest.approx(100.0)
    assert bimonthly["amber_2plus_pct"] == pytest.approx(100.0)
    quarterly = table.loc["quarterly"]
    assert (int(quarterly["green"]), int(quarterly["red"]), int(quarterly["total"])) == (1, 1, 2)
    assert quarterly["red_pct"] == pytest.approx(50.0)


def test_status_counts_by_priority_and_overall(september: pd.DataFrame) -> None:
    reporting = for_period(september, SEP)
    table = status_counts(reporting, "priority_id")
    assert [int(table.loc["P1", s]) for s in STATUSES] == [2, 2, 0, 0, 0]
    assert [int(table.loc["P2", s]) for s in STATUSES] == [0, 1, 2, 1, 0]
    assert int(table.loc["P1", "exceptions"]) == 1
    assert int(table.loc["P2", "exceptions"]) == 3
    overall = status_counts(reporting)
    assert int(overall.loc["all", "total"]) == 8
    assert overall.loc["all", "red_pct"] == pytest.approx(25.0)


def test_trailing_periods_has_twelve_rows_ending_at_the_period(september: pd.DataFrame) -> None:
    table = trailing_periods(september, SEP, 12)
    assert len(table) == 12
    assert table.index[0] == pd.Timestamp("2023-10-01")
    assert table.index[-1] == SEP
    assert list(table.index) == list(pd.date_range("2023-10-01", "2024-09-01", freq="MS"))
    assert int(table.loc[SEP, "total"]) == 8
    assert [int(table.loc[SEP, s]) for s in STATUSES] == [2, 3, 2, 1, 0]
    assert int(table.loc[pd.Timestamp("2024-08-01"), "total"]) == 4
    assert int(table.loc[pd.Timestamp("2023-10-01"), "green"]) == 1
    assert int(table.loc[pd.Timestamp("2023-11-01"), "total"]) == 0  # a month with no returns
    assert int(table["total"].sum()) == 8 + 4 + 1 + 2 + 1  # Sep, Aug, Jul, Jun, Oct 2023


def test_trailing_periods_before_any_data_is_all_zero(september: pd.DataFrame) -> None:
    table = trailing_periods(september, pd.Timestamp("2020-06-01"), 12)
    assert len(table) == 12
    assert int(table["total"].sum()) == 0


# --- the council's sentence -----------------------------------------------------------------


def _nine_measures() -> pd.DataFrame:
    ids = [f"N{i}" for i in range(1, 10)]
    cat = catalogue(*[(m, "monthly", MONITOR if m == "N9" else HIGHER) for m in ids])
    rows: list[tuple] = []
    for m in ids[:4]:
        rows.append((m, "2024-09", 100, 100))  # green
    rows += [("N5", "2024-08", 96, 100), ("N5", "2024-09", 96, 100)]  # amber exception
    for m in ids[5:8]:
        rows.append((m, "2024-09", 10, 100))  # red
    rows.append(("N9", "2024-09", 3, None))  # monitoring
    return for_period(measure_statuses(snapshots(*rows), cat), SEP)


def test_priority_sentence_in_the_councils_words() -> None:
    reporting = _nine_measures()
    sentence = priority_sentence(reporting, SEP)
    assert sentence.startswith("This priority has nine measures being reported in September 2024:")
    assert "four (44%) are Green" in sentence
    assert "one (11%) is reporting as an Amber exception" in sentence
    assert "three (33%) are Red" in sentence
    assert sentence.endswith(" and one (11%) is for monitoring only or has no data.")


def test_priority_sentence_mentions_first_period_ambers_and_plural_exceptions() -> None:
    cat = catalogue(("A", "monthly", HIGHER), ("B", "monthly", HIGHER), ("C", "monthly", HIGHER))
    snaps = snapshots(
        ("A", "2024-09", 96, 100),
        ("B", "2024-08", 96, 100),
        ("B", "2024-09", 96, 100),
        ("C", "2024-08", 96, 100),
        ("C", "2024-09", 96, 100),
    )
    sentence = priority_sentence(for_period(measure_statuses(snaps, cat), SEP), SEP)
    assert "three measures" in sentence
    assert "zero (0%) are Green" in sentence
    assert "one (33%) is Amber for the first period" in sentence
    assert "two (67%) are reporting as Amber exceptions" in sentence
    assert "zero (0%) are Red" in sentence


def test_priority_sentence_leaves_out_amber_exceptions_when_there_are_none() -> None:
    cat = catalogue(("A", "monthly", HIGHER), ("B", "monthly", HIGHER))
    snaps = snapshots(("A", "2024-09", 100, 100), ("B", "2024-09", 50, 100))
    sentence = priority_sentence(for_period(measure_statuses(snaps, cat), SEP), SEP)
    assert sentence == (
        "This priority has two measures being reported in September 2024: one (50%) is Green "
        "and one (50%) is Red."
    )


def test_priority_sentence_with_nothing_reporting() -> None:
    empty = _nine_measures().iloc[:0]
    assert priority_sentence(empty, SEP) == (
        "This priority has no measures being reported in September 2024."
    )


# --- report_dict ---------------------------------------------------------------------------


def test_report_dict_for_september(september: pd.DataFrame) -> None:
    report = report_dict(september, SEP)
    assert report["period"] == "2024-09"
    by_id = {m["measure_id"]: m for m in report["measures"]}
    assert by_id["M3"] == {
        "measure_id": "M3",
        "priority_id": "P1",
        "frequency": "monthly",
        "status": "amber",
        "previous_status": "amber",
        "direction": "improving",
        "periods_at_status": 2,
        "exception": True,
        "computed_status": "amber",
        "status_source": "computed",
        "status_note": None,
        "no_data_reason": None,
    }
    assert by_id["M5"]["previous_status"] is None
    assert sorted(report["exceptions"]) == ["B1", "M3", "M4", "Q2"]
    assert sorted((c["measure_id"], c["from"], c["to"]) for c in report["status_changes"]) == [
        ("M1", "red", "green"),
        ("M2", "green", "amber"),
        ("Q2", "amber", "red"),
    ]
    assert report["summary"]["by_frequency"]["monthly"]["total"] == 5
    assert report["summary"]["by_frequency"]["monthly"]["pct"]["amber"] == 40.0
    assert list(report["summary"]["by_priority"]) == ["P1", "P2"]
    assert report["summary"]["by_priority"]["P2"]["exceptions"] == 3


def test_report_dict_for_a_period_with_no_data(september: pd.DataFrame) -> None:
    report = report_dict(september, pd.Timestamp("2019-01-01"))
    assert report == {
        "period": "2019-01",
        "measures": [],
        "exceptions": [],
        "status_changes": [],
        "summary": {"by_frequency": {}, "by_priority": {}},
    }
