"""Load times: a future `--loaded-at` is refused, a malformed one gets one line, not a traceback."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from hypothesis import given
from hypothesis import strategies as st

from store.clock import LoadedAtError, checked_loaded_at, parsed_loaded_at

ROOT = Path(__file__).resolve().parent.parent
NOW = dt.datetime(2025, 11, 14, 9, 30)
MEASURES = ROOT / "data" / "demo" / "measures.csv"


def _load(db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", "load", str(MEASURES), "--db", str(db), *extra],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "MM_BACKUP_DIR": str(db.parent / "backups")},
    )


def test_a_load_time_in_the_future_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    db = tmp_path / "mm.duckdb"
    ran = _load(db, "--loaded-at", "2052-11-17", "--user", "tester")
    assert ran.returncode == 2
    assert ran.stderr.startswith("error: --loaded-at 2052-11-17 00:00 is in the future")
    assert ran.stderr.count("\n") == 1
    assert "Traceback" not in ran.stderr
    assert not db.exists() or duckdb.connect(str(db), read_only=True).execute(
        "SELECT count(*) FROM loads"
    ).fetchall() == [(0,)]


def test_a_malformed_load_time_gets_one_line_and_exit_2(tmp_path: Path) -> None:
    ran = _load(tmp_path / "mm.duckdb", "--loaded-at", "garbage")
    assert ran.returncode == 2
    assert ran.stderr == (
        "error: --loaded-at: expected a date or date-time like 2025-11-14 or "
        "2025-11-14T09:00, got 'garbage'\n"
    )


def test_a_back_dated_load_is_recorded_at_that_time(tmp_path: Path) -> None:
    db = tmp_path / "mm.duckdb"
    ran = _load(db, "--loaded-at", "2025-01-15T09:00", "--user", "tester")
    assert ran.returncode == 0, ran.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT loaded_at FROM loads").fetchall() == [
            (dt.datetime(2025, 1, 15, 9, 0),)
        ]


def test_the_commit_itself_refuses_a_future_time(tmp_path: Path) -> None:
    """The Data page and the CLI share the rule: it sits where the load is written."""
    from intake.loader import load_files
    from settings.config import Settings

    settings = Settings(db_path=tmp_path / "mm.duckdb", backup_dir=tmp_path / "b")
    with pytest.raises(LoadedAtError, match="is in the future"):
        load_files(
            [("measures.csv", MEASURES.read_bytes())],
            settings,
            "tester",
            loaded_at=dt.datetime.now() + dt.timedelta(days=1),
        )
    assert not settings.db_path.exists()


@given(st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1)))
def test_any_time_up_to_now_is_kept_and_any_later_one_refused(when: dt.datetime) -> None:
    if when <= NOW:
        assert checked_loaded_at(when, NOW) == when
    else:
        with pytest.raises(LoadedAtError):
            checked_loaded_at(when, NOW)


def test_no_time_given_means_now_and_dates_or_date_times_parse() -> None:
    assert checked_loaded_at(None, NOW) == NOW
    assert parsed_loaded_at("2025-11-14", NOW) == dt.datetime(2025, 11, 14)
    assert parsed_loaded_at(" 2025-11-14T09:00 ", NOW) == dt.datetime(2025, 11, 14, 9)
    for bad in ("garbage", "2025-13-01", "14/11/2025", "2025-11-14 to 2025-11-15", ""):
        with pytest.raises(LoadedAtError, match="expected a date or date-time"):
            parsed_loaded_at(bad, NOW)
