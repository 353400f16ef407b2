"""Issue 21: every layout of a file gets the same trust (CR-only CSV, headerless XLSX column, consent)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pytest

from cli.commands import main
from intake.loader import commit, validate_file
from settings.config import Settings
from store.service import load_dataset

HEADER = "measure_id,name,priority_id,priority_name,frequency,polarity,unit,tolerance"
V1 = f"{HEADER}\nM1,Waiting list,P1,Waits,monthly,higher_is_better,count,0.05\n"
V2 = f"{HEADER}\nM1,Waiting list,P1,Waits,monthly,lower_is_better,count,0.05\n"
RETURNS = (
    "measure_id,period,actual,target\nM1,2024-03,90,100\nM1,2024-04,90,100\nM1,2024-05,90,100\n"
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = Settings(db_path=tmp_path / "t.duckdb", backup_dir=tmp_path / "b", backups_kept=1)
    for text, name in ((V1, "m.csv"), (RETURNS, "r.csv")):
        validated = validate_file(text.encode(), name, s)
        assert validated.ok, [i.describe() for i in validated.rejections]
        assert commit(validated, s, "t").status == "loaded"
    return s


def _statuses(settings: Settings) -> list[str]:
    statuses = load_dataset(settings.db_path).statuses
    return [str(s) for s in statuses.sort_values("period")["status"]]


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_csv_with_cr_only_line_endings_is_read(tmp_path: Path, settings: Settings) -> None:
    text = "measure_id,period,actual,target\rM1,2024-06,95,100\rM1,2024-07,96,100\r"
    validated = validate_file(text.encode(), "mac.csv", settings)
    assert validated.ok, [i.describe() for i in validated.rejections]
    assert validated.rows_accepted == 2
    assert list(validated.frames["returns"]["actual"]) == [95.0, 96.0]


def test_a_quoted_value_over_two_lines_still_reads_in_a_cr_only_csv(settings: Settings) -> None:
    text = 'measure_id,period,actual,commentary\rM1,2024-06,95,"two\rlines"\r'
    validated = validate_file(text.encode(), "mac.csv", settings)
    assert validated.ok, [i.describe() for i in validated.rejections]
    assert list(validated.frames["returns"]["commentary"]) == ["two\rlines"]  # as written


def test_a_figure_under_a_blank_header_cell_is_refused_in_xlsx_as_in_csv(
    settings: Settings,
) -> None:
    csv_file = validate_file(b"measure_id,period,actual,\nM1,2024-06,95,17\n", "r.csv", settings)
    book = validate_file(
        _xlsx([["measure_id", "period", "actual"], ["M1", "2024-06", 95, 17]]), "r.xlsx", settings
    )
    for validated in (csv_file, book):
        assert not validated.ok
        assert validated.rows_accepted == 0
        assert "blank column name in column 4" in validated.rejections[0].reason


def test_empty_formatted_cells_after_the_header_are_not_a_column(settings: Settings) -> None:
    book = validate_file(
        _xlsx([["measure_id", "period", "actual", None], ["M1", "2024-06", 95, None]]),
        "r.xlsx",
        settings,
    )
    assert book.ok, [i.describe() for i in book.rejections]


def _cli_load(settings: Settings, path: Path, *extra: str) -> int:
    return main(["load", str(path), "--db", str(settings.db_path), "--user", "t", *extra])


@pytest.mark.parametrize("layout", ["xlsx", "blank rows above the header"])
def test_an_undated_polarity_change_needs_redefine_whatever_the_layout(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture, layout: str
) -> None:
    if layout == "xlsx":
        path = tmp_path / "measures-v2.xlsx"
        path.write_bytes(_xlsx([line.split(",") for line in V2.strip().split("\n")]))
    else:
        path = tmp_path / "measures-v2.csv"
        path.write_text(",,,,,,,\n" * 300 + V2)  # the header starts past the first 2 KB
    assert _statuses(settings) == ["red", "red", "red"]
    assert _cli_load(settings, path) == 1
    err = capsys.readouterr().err
    assert "M1: polarity changed with no effective_from" in err
    assert "3 past status(es) would change" in err
    assert _statuses(settings) == ["red", "red", "red"]  # nothing was loaded
    assert _cli_load(settings, path, "--redefine") == 0
    assert _statuses(settings) == ["green", "green", "green"]


def test_a_dry_run_says_an_undated_polarity_change_needs_redefine(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    path = tmp_path / "measures-v2.xlsx"
    path.write_bytes(_xlsx([line.split(",") for line in V2.strip().split("\n")]))
    before = settings.db_path.read_bytes()
    assert _cli_load(settings, path, "--dry-run", "--json") == 1
    document = json.loads(capsys.readouterr().out)
    assert document["would_load"] is False
    assert any("polarity changed with no effective_from" in n for n in document["needs_consent"])
    assert document["files"][0]["counts"]["restated"] == 1
    assert settings.db_path.read_bytes() == before
