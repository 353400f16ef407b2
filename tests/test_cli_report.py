"""`python -m cli load` then `report --json`, end to end in a subprocess, against the library."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cli.commands import main
from metrics.rag import direction_of_travel, rag_status
from metrics.report import report_dict
from metrics.service import load_dataset
from metrics.vocab import FREQUENCIES, STATUSES

ROOT = Path(__file__).resolve().parent.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
PYTHON = str(VENV_PYTHON if VENV_PYTHON.exists() else Path(sys.executable))

MEASURES = [
    # measure_id, frequency, polarity, unit, tolerance, tolerance_type, priority
    ("T-M1", "monthly", "higher_is_better", "percent", "2", "absolute", "P1"),
    ("T-M2", "monthly", "lower_is_better", "count", "0.1", "relative", "P1"),
    ("T-B1", "bimonthly", "lower_is_better", "currency", "500000", "absolute", "P2"),
    ("T-Q1", "quarterly", "higher_is_better", "percent", "", "", "P2"),
    ("T-W1", "monthly", "monitoring_only", "count", "", "", "P2"),
]
RETURNS = [
    # measure_id, period, team, actual, target
    ("T-M1", "2024-07", "", "80", "77.5"),  # green
    ("T-M1", "2024-08", "", "76", "77.5"),  # amber
    ("T-M1", "2024-09", "", "75.5", "77.5"),  # amber, exactly on the band edge: exception
    ("T-M2", "2024-07", "", "520", "500"),  # amber
    ("T-M2", "2024-09", "", "540", "500"),  # amber again, but August is missing
    ("T-M2", "2024-09", "North", "300", ""),  # a team row: not part of the whole-measure report
    ("T-B1", "2024-07", "", "600000", "0"),  # red
    ("T-B1", "2024-09", "", "400000", "0"),  # amber (two months on)
    ("T-Q1", "2024-06", "", "70", "72"),  # amber (blank tolerance = 5% of 72)
    ("T-Q1", "2024-09", "", "66", "72"),  # red
    ("T-W1", "2024-08", "", "10", ""),
    ("T-W1", "2024-09", "", "12", ""),
]
MEASURE_KEYS = {
    "measure_id",
    "priority_id",
    "frequency",
    "status",
    "previous_status",
    "direction",
    "periods_at_status",
    "exception",
    "computed_status",
    "status_source",
    "status_note",
    "no_data_reason",
}
COUNT_KEYS = {
    *STATUSES,
    "amber_2plus",
    "exceptions",
    "data_unavailable",
    "none_received",
    "total",
    "pct",
}


def _write_csv(path: Path, header: list[str], rows: list[tuple]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MM_")}
    env["MM_BACKUP_DIR"] = str(tmp / "backups")
    return env


def run_cli(*args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "-m", "cli", *args],
        cwd=ROOT,
        env=_env(tmp),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small database loaded from hand-made CSVs by the real CLI."""
    tmp = tmp_path_factory.mktemp("cli")
    measures = _write_csv(
        tmp / "measures.csv",
        ["measure_id", "name", "priority_id", "priority_name", "director", "portfolio_holder",
         "frequency", "reporting_months", "polarity", "unit", "tolerance", "tolerance_type",
         "description", "source"],
        [
            (m, f"Test measure {m}", p, f"Priority {p}", "Director", "Cabinet Member", f,
             "Jan;Mar;May;Jul;Sep;Nov" if f == "bimonthly" else "", pol, unit, tol, ttype, "",
             "test fixture")
            for m, f, pol, unit, tol, ttype, p in MEASURES
        ],
    )  # fmt: skip
    returns = _write_csv(
        tmp / "returns.csv",
        ["measure_id", "period", "team", "actual", "target", "ytd_actual", "ytd_target"],
        [(m, p, team, a, t, a, t) for m, p, team, a, t in RETURNS],
    )
    db = tmp / "fixture.duckdb"
    done = run_cli(
        "load", str(measures), str(returns), "--db", str(db), "--user", "tester",
        "--loaded-at", "2024-10-05T09:00:00", tmp=tmp,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "measures.csv: loaded 5 new or changed row(s)" in done.stdout
    assert "returns.csv: loaded 12 new or changed row(s)" in done.stdout
    return db


def report_json(db: Path, period: str, *extra: str) -> dict:
    done = run_cli("report", "--db", str(db), "--period", period, "--json", *extra, tmp=db.parent)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def september(fixture_db: Path) -> dict:
    return report_json(fixture_db, "2024-09")


def test_report_json_has_exactly_the_documented_shape(september: dict) -> None:
    assert set(september) == {"period", "measures", "exceptions", "status_changes", "summary"}
    assert september["period"] == "2024-09"
    assert isinstance(september["measures"], list)
    for measure in september["measures"]:
        assert set(measure) == MEASURE_KEYS
        assert isinstance(measure["periods_at_status"], int)
        assert isinstance(measure["exception"], bool)
    assert all(isinstance(m, str) for m in september["exceptions"])
    for change in september["status_changes"]:
        assert set(change) == {"measure_id", "from", "to"}
    assert set(september["summary"]) == {"by_frequency", "by_priority"}
    for table in september["summary"].values():
        for counts in table.values():
            assert set(counts) == COUNT_KEYS
            assert set(counts["pct"]) == {
                *STATUSES,
                "amber_2plus",
                "data_unavailable",
                "none_received",
            }
    assert list(september["summary"]["by_frequency"]) == [
        f for f in FREQUENCIES if f in {"monthly", "bimonthly", "quarterly"}
    ]
    assert list(september["summary"]["by_priority"]) == ["P1", "P2"]


def test_report_json_values(september: dict) -> None:
    by_id = {m["measure_id"]: m for m in september["measures"]}
    assert list(by_id) == ["T-B1", "T-M1", "T-M2", "T-Q1", "T-W1"]
    assert by_id["T-M1"] == {
        "measure_id": "T-M1",
        "priority_id": "P1",
        "frequency": "monthly",
        "status": "amber",
        "previous_status": "amber",
        "direction": "worsening",
        "periods_at_status": 2,
        "exception": True,
        "computed_status": "amber",
        "status_source": "computed",
        "status_note": None,
        "no_data_reason": None,
    }
    assert (by_id["T-M2"]["status"], by_id["T-M2"]["periods_at_status"]) == ("amber", 1)
    assert by_id["T-M2"]["exception"] is False  # August missing breaks the run
    assert by_id["T-B1"]["previous_status"] == "red"
    assert by_id["T-B1"]["direction"] == "improving"
    assert by_id["T-Q1"]["previous_status"] == "amber"
    assert by_id["T-W1"]["direction"] == "not_comparable"
    assert september["exceptions"] == ["T-M1", "T-Q1"]
    assert september["status_changes"] == [
        {"measure_id": "T-B1", "from": "red", "to": "amber"},
        {"measure_id": "T-Q1", "from": "amber", "to": "red"},
    ]
    monthly = september["summary"]["by_frequency"]["monthly"]
    assert (monthly["amber"], monthly["monitoring"], monthly["total"]) == (2, 1, 3)
    assert (monthly["amber_2plus"], monthly["exceptions"]) == (1, 1)
    assert monthly["pct"]["amber"] == 66.7
    assert september["summary"]["by_priority"]["P2"]["red"] == 1


def test_report_json_agrees_with_the_library(fixture_db: Path, september: dict) -> None:
    data = load_dataset(fixture_db)
    direct = json.loads(json.dumps(report_dict(data.statuses, "2024-09-01")))
    assert september == direct


def test_report_json_agrees_with_rag_status_on_the_fixture_numbers(september: dict) -> None:
    catalogue = {m[0]: m for m in MEASURES}
    whole = {
        (m, p): (float(a), float(t) if t else None) for m, p, team, a, t in RETURNS if not team
    }
    for measure in september["measures"]:
        _, _, polarity, _, tol, ttype, _ = catalogue[measure["measure_id"]]
        actual, target = whole[(measure["measure_id"], "2024-09")]
        expected = rag_status(actual, target, polarity, float(tol) if tol else None, ttype or None)
        assert measure["status"] == expected, measure["measure_id"]
        earlier = sorted(p for m, p in whole if m == measure["measure_id"] and p < "2024-09")
        if earlier:
            previous, previous_target = whole[(measure["measure_id"], earlier[-1])]
            assert measure["previous_status"] == rag_status(
                previous, previous_target, polarity, float(tol) if tol else None, ttype or None
            )
            assert measure["direction"] == direction_of_travel(actual, previous, polarity)


def test_report_for_a_period_with_no_data_is_empty(fixture_db: Path) -> None:
    report = report_json(fixture_db, "2023-01")
    assert report["period"] == "2023-01"
    assert report["measures"] == []
    assert report["exceptions"] == []
    assert report["status_changes"] == []
    assert report["summary"] == {"by_frequency": {}, "by_priority": {}}


def test_bad_period_exits_2_with_a_message(fixture_db: Path) -> None:
    done = run_cli("report", "--db", str(fixture_db), "--period", "Sep 2024", tmp=fixture_db.parent)
    assert done.returncode == 2
    assert "period must be YYYY-MM (e.g. 2024-09), got 'Sep 2024'" in done.stderr
    assert done.stdout == ""


def test_bad_month_exits_2_in_process(fixture_db: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["report", "--db", str(fixture_db), "--period", "2024-13", "--json"]) == 2
    captured = capsys.readouterr()
    assert "period month must be 01-12" in captured.err
    assert captured.out == ""


def test_missing_database_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["report", "--db", str(tmp_path / "nope.duckdb"), "--period", "2024-09"]) == 2
    assert "No database" in capsys.readouterr().err


def test_plain_text_report(fixture_db: Path) -> None:
    done = run_cli("report", "--db", str(fixture_db), "--period", "2024-09", tmp=fixture_db.parent)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0] == "Period 2024-09: 5 measures reporting"
    assert any(line.split()[:2] == ["T-Q1", "red"] and "EXCEPTION" in line for line in lines)


def test_as_of_shows_the_figure_before_a_restatement(fixture_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "restated.duckdb"
    shutil.copyfile(fixture_db, db)
    restated = _write_csv(
        tmp_path / "restated.csv",
        ["measure_id", "period", "team", "actual", "target"],
        [("T-M1", "2024-09", "", "78", "77.5")],
    )
    done = run_cli("load", str(restated), "--db", str(db), "--user", "tester",
                   "--loaded-at", "2024-10-20T09:00:00", tmp=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    now = {m["measure_id"]: m for m in report_json(db, "2024-09")["measures"]}
    before = {
        m["measure_id"]: m for m in report_json(db, "2024-09", "--as-of", "2024-10-10")["measures"]
    }
    assert now["T-M1"]["status"] == "green"
    assert before["T-M1"]["status"] == "amber"
    assert before["T-M1"]["exception"] is True
