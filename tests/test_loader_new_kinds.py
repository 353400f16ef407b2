"""The loader with the two new kinds: finance.csv and waiting_lists.csv."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from intake.loader import commit, validate_file
from metrics.waiting_lists import families
from settings.config import Settings
from store.database import read_connection
from store.reads import read_finance, read_waiting_lists

FINANCE = (
    "service_area,period,net_budget,forecast,variance_last_reported,savings_planned,"
    "savings_delivered,savings_forecast\n"
)
LISTS = "waiting_list,waiting_list_name,measure_id,waiting_role,band_from_days,band_to_days\n"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "t.duckdb", backup_dir=tmp_path / "b", backups_kept=0)


def _load(settings: Settings, text: str, name: str):
    validated = validate_file(text.encode(), name, settings)
    return validated, commit(validated, settings, "tester")


def test_finance_rows_load_and_a_changed_forecast_is_a_new_version(settings: Settings) -> None:
    text = FINANCE + 'Adult Social Care (SCS1),2024-09,"27,209,000",£27509000,300000,,,\n'
    validated, result = _load(settings, text, "finance.csv")
    assert validated.detected == {"finance.csv": "finance"}
    assert result.status == "loaded" and result.rows_written == 1
    _, again = _load(settings, text.replace("27509000", "27409000"), "finance2.csv")
    assert again.rows_written == 1
    with read_connection(settings.db_path) as con:
        rows = read_finance(con)
    assert len(rows) == 1
    assert rows.iloc[0]["net_budget"] == 27_209_000 and rows.iloc[0]["forecast"] == 27_409_000
    assert pd.isna(rows.iloc[0]["savings_planned"])


def test_finance_row_with_text_for_money_is_rejected_with_the_reason(settings: Settings) -> None:
    validated, result = _load(settings, FINANCE + "A,2024-09,lots,100,,,,\n", "finance.csv")
    assert result.status == "rejected"
    (issue,) = validated.rejections
    assert (issue.row, issue.column) == (2, "net_budget")
    assert issue.reason == "must be a number, got 'lots'"


def test_waiting_list_rows_are_checked(settings: Settings) -> None:
    text = LISTS + "ot,OT,ASC-OT01,queue,,\not,OT,ASC-OT04,band,-1,28\n"
    validated, result = _load(settings, text, "waiting_lists.csv")
    assert result.status == "rejected"
    reasons = {(i.row, i.column): i.reason for i in validated.rejections}
    assert reasons[(2, "waiting_role")].startswith("must be one of waiting, longest")
    assert reasons[(3, "band_from_days")] == "must be a whole number of days, 0 or more, got '-1'"


def test_a_declared_list_reads_back_as_a_family(settings: Settings) -> None:
    text = (
        LISTS
        + "ot,Occupational therapy,ASC-OT01,waiting,,\n"
        + "ot,Occupational therapy,ASC-OT05,band,29,90\n"
        + "ot,Occupational therapy,ASC-OT04,band,0,28\n"
        + "ot,Occupational therapy,ASC-OT06,band,91,\n"
    )
    _, result = _load(settings, text, "waiting_lists.csv")
    assert result.status == "loaded"
    with read_connection(settings.db_path) as con:
        rows = read_waiting_lists(con)
    catalogue = pd.DataFrame({"measure_id": ["ASC-OT01", "ASC-OT04", "ASC-OT05"]})
    (family,) = families(rows, catalogue)
    assert family.roles == {"waiting": "ASC-OT01"}
    assert [b.label for b in family.bands] == ["0–28 days", "29–90 days", "91+ days"]
    assert family.missing == ("ASC-OT06",)  # declared but not in the catalogue
    assert family.breakdown == "team"
