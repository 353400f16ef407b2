"""The priority status rule and the status used, on literal counts and rows worked by hand."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from metrics.priority_status import RULE_TEXT, priority_statuses, rule_status
from store.reads import reported_priority_statuses
from store.schema import ensure_schema


@pytest.mark.parametrize(
    ("green", "amber", "red", "expected"),
    [
        (0, 0, 0, "no_data"),
        (0, 0, 1, "red"),
        (0, 1, 0, "amber"),
        (5, 0, 0, "green"),
        (2, 0, 3, "red"),  # more Red than Green
        (3, 0, 3, "green"),  # as many Red as Green, and no more Amber + Red than Green
        (2, 1, 2, "amber"),  # Amber + Red 3 outnumber Green 2
        (3, 1, 2, "green"),  # Amber + Red 3 do not outnumber Green 3
        (1, 2, 1, "amber"),  # rated measures: four, not none
    ],
)
def test_rule(green: int, amber: int, red: int, expected: str) -> None:
    assert rule_status(green, amber, red) == expected


def test_rule_text_names_each_status_with_its_shape() -> None:
    assert RULE_TEXT.startswith("A priority is ▲ Red when more of its rated measures are Red")
    assert "● Amber when its Amber and Red measures together outnumber" in RULE_TEXT
    assert "otherwise ★ Green." in RULE_TEXT
    assert "a priority with none has ? No data." in RULE_TEXT


def _catalogue() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "measure_id": ["M3", "M1", "M2", "M4"],
            "priority_id": ["P2", "P1", "P1", "P3"],
            "priority_name": ["Two", "One", "One", "Three"],
        }
    )


def _reporting() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "measure_id": ["M1", "M2", "M3", "M5"],
            "priority_id": ["P1", "P1", "P2", "P2"],
            "period": pd.Timestamp("2024-09-01"),
            "status": ["red", "green", "amber", "monitoring"],
        }
    )


def test_one_row_per_priority_with_counts_and_the_rules_status() -> None:
    table = priority_statuses(_reporting(), _catalogue())
    assert list(table.columns) == [
        "priority_id", "priority_name", "green", "amber", "red", "monitoring", "no_data",
        "measures", "computed_status", "reported_status", "status_note", "status",
        "status_source",
    ]  # fmt: skip
    assert table.index.tolist() == [0, 1, 2]
    assert table["priority_id"].tolist() == ["P1", "P2", "P3"]
    assert table["priority_name"].tolist() == ["One", "Two", "Three"]
    counts = table[["green", "amber", "red", "monitoring", "no_data", "measures"]]
    assert counts.to_numpy().tolist() == [[1, 0, 1, 0, 0, 2], [0, 1, 0, 1, 0, 2], [0] * 6]
    # P1: 1 Green, 1 Red: Red does not outnumber Green, nor do Amber + Red: Green.
    # P2: 1 Amber (monitoring is not rated): Amber + Red 1 outnumber Green 0: Amber.
    assert table["computed_status"].tolist() == ["green", "amber", "no_data"]
    assert table["status"].tolist() == ["green", "amber", "no_data"]
    assert table["status_source"].tolist() == ["computed"] * 3
    assert table["reported_status"].isna().all()
    assert table["status_note"].isna().all()


def test_a_reported_status_for_the_period_is_used_with_its_note() -> None:
    reported = pd.DataFrame(
        {
            "priority_id": ["P2", "P1"],
            "period": [pd.Timestamp("2024-09-01"), pd.Timestamp("2024-08-01")],
            "reported_status": ["red", "green"],
            "status_note": ["overspend", "August only"],
        }
    )
    table = priority_statuses(_reporting(), _catalogue(), reported)
    assert table["status"].tolist() == ["green", "red", "no_data"]
    assert table["status_source"].tolist() == ["computed", "reported", "computed"]
    assert table["reported_status"].tolist()[1] == "red"
    assert table["status_note"].tolist()[1] == "overspend"
    assert pd.isna(table["status_note"].tolist()[0])


def test_nothing_reporting_gives_no_data_for_every_priority() -> None:
    empty = _reporting().iloc[0:0]
    table = priority_statuses(empty, _catalogue(), pd.DataFrame(columns=["priority_id"]))
    assert table["computed_status"].tolist() == ["no_data"] * 3
    assert table["measures"].tolist() == [0, 0, 0]


def test_reported_priority_statuses_latest_version_as_of_a_date() -> None:
    con = duckdb.connect()
    ensure_schema(con)
    con.execute(
        "INSERT INTO loads (load_id, loaded_at, loaded_by, file_name, sha256, kinds, "
        "rows_accepted, rows_rejected) VALUES "
        "(1, TIMESTAMP '2024-10-05 09:00', 't', 'a.csv', 'a', 'priority_statuses', 1, 0), "
        "(2, TIMESTAMP '2024-10-20 17:30', 't', 'b.csv', 'b', 'priority_statuses', 1, 0)"
    )
    con.execute(
        "INSERT INTO priority_statuses VALUES "
        "('P1', DATE '2024-09-01', 1, 1, 'amber', 'first'), "
        "('P1', DATE '2024-09-01', 2, 2, 'red', 'restated'), "
        "('P2', DATE '2024-09-01', 1, 1, 'green', NULL)"
    )
    now = reported_priority_statuses(con).sort_values("priority_id")
    assert now["reported_status"].tolist() == ["red", "green"]
    assert now["status_note"].tolist()[0] == "restated"
    assert now["period"].tolist() == [pd.Timestamp("2024-09-01")] * 2
    # As of 19 Oct: only the first load; as of 20 Oct the whole day counts, so the second too.
    before = reported_priority_statuses(con, dt.date(2024, 10, 19)).sort_values("priority_id")
    assert before["reported_status"].tolist() == ["amber", "green"]
    on_the_day = reported_priority_statuses(con, dt.date(2024, 10, 20))
    assert sorted(on_the_day["reported_status"]) == ["green", "red"]
    assert reported_priority_statuses(con, dt.date(2024, 10, 4)).empty


def test_reported_priority_statuses_of_a_database_without_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An earlier release's file has no such table: it gains it (migrated) when it opens."""
    from store.database import read_connection
    from store.migrations import MIGRATIONS

    monkeypatch.setenv("MM_BACKUP_DIR", str(tmp_path / "backups"))
    path = tmp_path / "old.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(MIGRATIONS[0].sql)
        con.execute("INSERT INTO schema_version (version) VALUES (1)")
    with read_connection(path) as con:
        frame = reported_priority_statuses(con)
    assert frame.empty
    assert list(frame.columns) == ["priority_id", "period", "reported_status", "status_note"]


def test_one_measure_reporting_with_a_reported_status() -> None:
    one = _reporting().iloc[[2]].reset_index(drop=True)  # M3 in P2, Amber
    reported = pd.DataFrame(
        {
            "priority_id": ["P2"],
            "period": [pd.Timestamp("2024-09-01")],
            "reported_status": ["green"],
            "status_note": [None],
        }
    )
    table = priority_statuses(one, _catalogue(), reported)
    assert table["computed_status"].tolist() == ["no_data", "amber", "no_data"]
    assert table["status"].tolist() == ["no_data", "green", "no_data"]
