"""The published Sep 2024 report (BMMR Annex A, Tables 1-4 and 5-9), reproduced from its statuses.

Expected numbers are typed from /work/shared/reference/bmmr_2024-09_tables.md, not computed.
The fixture and the choices it makes where the text is silent: tests/fixtures/bmmr_2024_09/.
"""

from __future__ import annotations

import pandas as pd
import pytest

from metrics.exceptions import exceptions_in_order
from metrics.report import (
    counts_by_frequency,
    for_period,
    report_dict,
    status_changes,
    status_counts,
)
from store.service import Dataset

SEP = pd.Timestamp("2024-09-01")


@pytest.fixture(scope="module")
def september(bmmr: Dataset) -> pd.DataFrame:
    return for_period(bmmr.statuses, SEP)


def _status(reporting: pd.DataFrame, measure_id: str, column: str = "status") -> str:
    return str(reporting.loc[reporting["measure_id"] == measure_id, column].iloc[0])


def test_every_annex_a_measure_reports_in_september(september: pd.DataFrame) -> None:
    assert len(september) == 71
    assert int(september["priority_id"].eq("OCC11").sum()) == 15


def test_published_statuses_are_used_where_the_rule_disagrees(september: pd.DataFrame) -> None:
    # Published Green at 4.10% against 5.00% (higher is better): the rule says Red.
    assert _status(september, "OCC03.02") == "green"
    assert _status(september, "OCC03.02", "computed_status") == "red"
    assert _status(september, "OCC03.02", "status_source") == "reported"
    # OCC11.05 is published Amber at 0.00 against 0.00; the rule says Green.
    assert _status(september, "OCC11.05") == "amber"
    assert _status(september, "OCC11.05", "computed_status") == "green"
    # 95 against 95 YTD: Amber for OCC10.06, Green for OCC11.07, as printed.
    assert _status(september, "OCC10.06", "ytd_status") == "amber"
    assert _status(september, "OCC10.06", "computed_ytd_status") == "green"
    assert _status(september, "OCC11.07", "ytd_status") == "green"
    # Printed as symbols in the fixture: ▲ ● ★ and n/a.
    assert [_status(september, m) for m in ("OCC01.04", "OCC06.04", "OCC02.01", "OCC04.02")] == [
        "red",
        "amber",
        "green",
        "monitoring",
    ]


def test_table_1_reproduces_the_published_counts(september: pd.DataFrame) -> None:
    # Table 1 leaves out priority OCC11 (its caption says so).
    table1 = september[september["priority_id"] != "OCC11"]
    by_frequency = counts_by_frequency(table1)
    columns = ["green", "amber", "red", "monitoring", "data_unavailable", "none_received", "total"]
    got = {f: by_frequency.loc[f, columns].astype(int).tolist() for f in by_frequency.index}
    assert got == {
        "monthly": [19, 4, 0, 6, 0, 4, 33],
        "quarterly": [14, 1, 3, 0, 2, 0, 20],
        "biannual": [0, 1, 0, 0, 0, 0, 1],
        "annual": [1, 0, 1, 0, 0, 0, 2],
    }
    total = status_counts(table1).loc["all"]
    assert total[columns].astype(int).tolist() == [34, 6, 4, 6, 2, 4, 56]
    # Row percentages as printed: monthly Green 58%, Amber 12%, complaints 12%; total Green 61%.
    assert round(by_frequency.loc["monthly", "green_pct"]) == 58
    assert round(by_frequency.loc["monthly", "amber_pct"]) == 12
    assert round(by_frequency.loc["monthly", "none_received_pct"]) == 12
    assert round(total["green_pct"]) == 61
    # "Six measures rated as Amber ..., of which five were Amber for 2+ months."
    assert int(total["amber_2plus"]) == 5


def test_table_2_september_row_includes_finance(september: pd.DataFrame) -> None:
    counts = status_counts(september).loc["all"]
    # Green 43, Amber 9, Red 7, Monitoring only / No data 8, no complaints received 4, total 71.
    assert [int(counts[c]) for c in ("green", "amber", "red")] == [43, 9, 7]
    assert int(counts["monitoring"] + counts["data_unavailable"]) == 8
    assert int(counts["none_received"]) == 4
    assert int(counts["total"]) == 71


def test_table_3_red_measures(september: pd.DataFrame) -> None:
    red = sorted(september.loc[september["status"] == "red", "measure_id"])
    assert red == [
        "OCC01.04",
        "OCC03.08",
        "OCC03.10",
        "OCC03.12",
        "OCC11.02",
        "OCC11.06",
        "OCC11.11",
    ]


def test_fourteen_exceptions_as_in_tables_5_to_9(september: pd.DataFrame) -> None:
    exceptions = exceptions_in_order(september)
    assert list(exceptions["measure_id"]) == [
        *("OCC01.04", "OCC03.08", "OCC03.10", "OCC03.12", "OCC11.02", "OCC11.06", "OCC11.11"),
        *("OCC01.07", "OCC03.11", "OCC04.01", "OCC04.05", "OCC06.04", "OCC11.05", "OCC11.10"),
    ]
    # OCC10.04 is Amber for its first month, so not an exception.
    assert _status(september, "OCC10.04") == "amber"
    assert "OCC10.04" not in set(exceptions["measure_id"])


def test_table_4_status_changes(september: pd.DataFrame) -> None:
    changes = status_changes(september)
    moved = changes[changes["from"] != changes["to"]]
    got = sorted(zip(moved["measure_id"], moved["from"], moved["to"], strict=True))
    # Table 4 as printed, plus OCC03.08 and OCC03.12 Green -> Red, which Table 6 shows and
    # Table 4 leaves out (the report's own inconsistency).
    assert got == [
        ("OCC03.08", "green", "red"),
        ("OCC03.10", "green", "red"),
        ("OCC03.12", "green", "red"),
        ("OCC05.03", "amber", "green"),
        ("OCC09.02", "red", "green"),
        ("OCC10.04", "green", "amber"),
        ("OCC10.06", "amber", "green"),
    ]


def test_report_json_says_which_status_was_used(bmmr: Dataset) -> None:
    report = report_dict(bmmr.statuses, SEP)
    by_id = {m["measure_id"]: m for m in report["measures"]}
    assert by_id["OCC03.02"]["status"] == "green"
    assert by_id["OCC03.02"]["computed_status"] == "red"
    assert by_id["OCC03.02"]["status_source"] == "reported"
    assert by_id["OCC10.02"]["no_data_reason"] == "none_received"
    assert len(report["exceptions"]) == 14


def test_status_of_indicators_as_published(bmmr: Dataset, september: pd.DataFrame) -> None:
    from metrics.priority_status import priority_statuses

    table = priority_statuses(september, bmmr.catalogue, bmmr.priority_reports)
    used = dict(zip(table["priority_id"], table["status"], strict=True))
    assert used == {
        **{p: "green" for p in ("OCC01", "OCC02", "OCC03", "OCC04", "OCC05", "OCC06", "OCC07")},
        **{p: "green" for p in ("OCC09", "OCC10")},
        "OCC11": "red",
    }
    # The stated rule agrees with every published symbol except OCC11's.
    differ = table[table["status"] != table["computed_status"]]
    assert list(differ["priority_id"]) == ["OCC11"]


def test_plain_text_report_marks_a_reported_status(bmmr_db, capsys: pytest.CaptureFixture) -> None:
    from cli.commands import main

    assert main(["report", "--db", str(bmmr_db), "--period", "2024-09"]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()[1:]}
    assert lines["OCC03.02"].split()[1] == "green"
    assert lines["OCC03.02"].endswith("(reported; rule gives red)")
    assert lines["OCC11.05"].endswith("EXCEPTION (reported; rule gives green)")
    assert "reported" not in lines["OCC02.03"]
