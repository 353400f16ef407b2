"""The command line's options: one --db for every command, --period where a period is read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cli.commands import build_parser

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    "argv",
    [
        ["load", "a.csv", "--db", "x.duckdb"],
        ["report", "--db", "x.duckdb", "--period", "2024-09"],
        ["export", "--db", "x.duckdb", "--period", "2024-09", "--format", "csv", "--out", "o"],
        ["actions", "--db", "x.duckdb", "--on", "2025-11-17"],
        ["demo", "--db", "x.duckdb"],
        ["restore", "--db", "x.duckdb"],
    ],
)
def test_every_command_takes_db(argv: list[str]) -> None:
    assert build_parser().parse_args(argv).db == "x.duckdb"


@pytest.mark.parametrize("command", ["report", "export"])
def test_a_period_command_refuses_to_run_without_period(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        build_parser().parse_args([command, "--db", "x.duckdb", "--format", "csv", "--out", "o"])
    assert exited.value.code == 2
    assert "the following arguments are required: --period" in capsys.readouterr().err


def test_as_of_is_optional_and_kept_as_written() -> None:
    parser = build_parser()
    assert parser.parse_args(["report", "--period", "2024-09"]).as_of is None
    args = parser.parse_args(["actions", "--on", "2025-11-17", "--as-of", "2025-11-10"])
    assert (args.on, args.as_of) == ("2025-11-17", "2025-11-10")


def test_the_command_line_runs_as_python_m_cli_and_not_from_metrics() -> None:
    ran = subprocess.run(
        [sys.executable, "-m", "cli", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert ran.returncode == 0
    assert ran.stdout.startswith(
        "usage: python -m cli [-h] {load,report,export,actions,demo,restore}"
    )
    old = subprocess.run(
        [sys.executable, "-m", "metrics", "--help"], cwd=ROOT, capture_output=True, text=True
    )
    assert old.returncode == 1
    assert "No module named metrics.__main__" in old.stderr
