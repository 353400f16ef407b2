"""Reported statuses and no-data reasons: parsing, validation, and the status every count uses."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from intake.loader import commit, validate_file
from metrics.exceptions import exceptions_in_order
from metrics.report import for_period, measure_statuses, status_changes, status_counts
from metrics.reported import disagreement, parse_no_data_reason, parse_reported_status
from settings.config import Settings
from store.service import load_dataset

MEASURES = (
    "measure_id,name,priority_id,priority_name,frequency,polarity,unit\n"
    "M1,Calls answered,P1,Customers,monthly,higher_is_better,number\n"
    "C1,Complaints upheld,P1,Customers,monthly,lower_is_better,count\n"
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("green", "green"),
        ("GREEN", "green"),
        ("★", "green"),
        ("★ Green", "green"),
        ("●", "amber"),
        ("Amber", "amber"),
        ("▲", "red"),
        ("red", "red"),
        ("Monitoring only", "monitoring"),
        ("MONITORING ONLY", "monitoring"),
        ("n/a", "monitoring"),
        ("monitoring", "monitoring"),
        ("Data unavailable", "no_data"),
        ("no_data", "no_data"),
        ("  ", None),
        (None, None),
    ],
)
def test_reported_status_words(text: object, expected: str | None) -> None:
    assert parse_reported_status(text) == expected


def test_unknown_status_word_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match=r"must be a status: green, amber, red.*got 'purple'"):
        parse_reported_status("purple")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no complaints received", "none_received"),
        ("No Complaints Received", "none_received"),
        ("none_received", "none_received"),
        ("Data unavailable", "data_unavailable"),
        ("", None),
    ],
)
def test_no_data_reasons(text: str, expected: str | None) -> None:
    assert parse_no_data_reason(text) == expected


def test_disagreement_sentence() -> None:
    assert (
        disagreement("green", "red", " judged on the trend ")
        == "Reported ★ Green · rule gives ▲ Red: judged on the trend"
    )
    assert disagreement("green", "green", "same") is None
    assert disagreement(None, "red", None) is None


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = Settings(db_path=tmp_path / "r.duckdb", backup_dir=tmp_path / "b", backups_kept=0)
    assert commit(validate_file(MEASURES.encode(), "measures.csv", s), s, "t").status == "loaded"
    return s


def test_bad_reported_status_and_misplaced_reason_are_rejected_row_by_row(
    settings: Settings,
) -> None:
    text = (
        "measure_id,period,actual,target,reported_status,no_data_reason\n"
        "M1,2024-08,80,80,Purple,\n"
        "C1,2024-08,3,0,,no complaints received\n"
        "C1,2024-09,,0,Green,no complaints received\n"
        "C1,2024-07,,0,,no complaints received\n"
    )
    validated = validate_file(text.encode(), "returns.csv", settings)
    reasons = sorted((i.row, i.column, i.reason[:45]) for i in validated.rejections)
    assert reasons == [
        (2, "reported_status", "must be a status: green, amber, red, monitori"),
        (3, None, "no_data_reason 'none_received' given, but act"),
        (4, None, "no_data_reason 'none_received' given, but rep"),
    ]
    assert validated.rows_accepted == 1  # C1 2024-07: no figure, and why


def test_loaded_reported_status_is_the_status_used_everywhere(settings: Settings) -> None:
    # 80 against 80 is Green by the rule; the council reported Amber for Aug and Sep.
    text = (
        "measure_id,period,actual,target,reported_status,status_note,no_data_reason\n"
        "M1,2024-07,80,80,,,\n"
        "M1,2024-08,80,80,Amber,officers judged the trend,\n"
        "M1,2024-09,80,80,●,officers judged the trend,\n"
        "C1,2024-09,,0,,,no complaints received\n"
    )
    validated = validate_file(text.encode(), "returns.csv", settings)
    assert validated.ok, [i.describe() for i in validated.rejections]
    assert commit(validated, settings, "t").status == "loaded"
    statuses = load_dataset(settings.db_path).statuses
    sep = for_period(statuses, pd.Timestamp("2024-09-01"))
    m1 = sep[sep["measure_id"] == "M1"].iloc[0]
    assert (m1["status"], m1["computed_status"], m1["status_source"]) == (
        "amber",
        "green",
        "reported",
    )
    assert m1["status_note"] == "officers judged the trend"
    assert int(m1["periods_at_status"]) == 2  # Aug and Sep, as reported
    assert list(exceptions_in_order(sep)["measure_id"]) == ["M1"]
    aug = for_period(statuses, pd.Timestamp("2024-08-01"))
    changes = status_changes(aug)
    assert list(zip(changes["from"], changes["to"], strict=True)) == [("green", "amber")]
    counts = status_counts(sep).loc["all"]
    assert [int(counts[c]) for c in ("amber", "no_data", "none_received", "data_unavailable")] == [
        1,
        1,
        1,
        0,
    ]


def test_blank_reason_counts_as_data_unavailable() -> None:
    catalogue = pd.DataFrame(
        {
            "measure_id": ["A", "B", "C"],
            "name": ["a", "b", "c"],
            "priority_id": "P1",
            "priority_name": "P",
            "director": None,
            "portfolio_holder": None,
            "frequency": "monthly",
            "polarity": "higher_is_better",
            "unit": "count",
            "tolerance": 0.05,
            "tolerance_type": "relative",
        }
    )
    snaps = pd.DataFrame(
        {
            "measure_id": ["A", "B", "C"],
            "period": pd.Timestamp("2024-09-01"),
            "actual": [np.nan, np.nan, 5.0],
            "target": 1.0,
            "ytd_actual": np.nan,
            "ytd_target": np.nan,
            "no_data_reason": [None, "none_received", None],
        }
    )
    counts = status_counts(measure_statuses(snaps, catalogue)).loc["all"]
    assert [int(counts[c]) for c in ("green", "no_data", "data_unavailable", "none_received")] == [
        1,
        2,
        1,
        1,
    ]


def test_priority_status_rule_and_reported_priority_status(settings: Settings) -> None:
    from metrics.priority_status import priority_statuses, rule_status

    # The rule, on the published Sep 2024 counts (Green, Amber, Red):
    assert rule_status(4, 1, 3) == "green"  # OCC03: published ★
    assert rule_status(9, 3, 3) == "green"  # OCC11: published ▲ (needs the reported status)
    assert rule_status(1, 2, 0) == "amber"
    assert rule_status(1, 0, 2) == "red"
    assert rule_status(0, 0, 0) == "no_data"  # OCC08: "This report does not contain any data"

    _load = (
        "measure_id,period,actual,target\nM1,2024-09,100,80\n",
        "priority_id,period,priority_status,status_note\nP1,2024-09,▲,finance overspend\n",
    )
    for number, text in enumerate(_load):
        validated = validate_file(text.encode(), f"f{number}.csv", settings)
        assert validated.ok, [i.describe() for i in validated.rejections]
        assert commit(validated, settings, "t").status == "loaded"
    data = load_dataset(settings.db_path)
    sep = for_period(data.statuses, pd.Timestamp("2024-09-01"))
    table = priority_statuses(sep, data.catalogue, data.priority_reports)
    row = table.iloc[0]
    assert (row["priority_id"], row["green"], row["computed_status"]) == ("P1", 1, "green")
    assert (row["status"], row["status_source"], row["status_note"]) == (
        "red",
        "reported",
        "finance overspend",
    )


def test_a_database_from_before_these_columns_is_upgraded_on_first_read(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    import duckdb

    from store.schema import needs_upgrade

    monkeypatch.setenv("MM_BACKUP_DIR", str(settings.db_path.parent / "upgrade-backups"))
    with duckdb.connect(str(settings.db_path)) as con:  # make it look like the old schema
        for column in ("reported_status", "reported_ytd_status", "status_note", "no_data_reason"):
            con.execute(f"ALTER TABLE snapshots DROP COLUMN {column}")
        con.execute("ALTER TABLE measures DROP COLUMN effective_from")
        con.execute("ALTER TABLE measures DROP COLUMN replaces")
        con.execute("DROP TABLE priority_statuses")
        con.execute("DELETE FROM schema_version WHERE version > 1")  # as every earlier release
        assert needs_upgrade(con)
    data = load_dataset(settings.db_path)
    assert list(data.catalogue["measure_id"]) == ["C1", "M1"]
    with duckdb.connect(str(settings.db_path), read_only=True) as con:
        assert not needs_upgrade(con)
