"""Faults and concurrency: a load is all-or-nothing, readers never see half of one, loads queue."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from intake import commit as commit_module
from intake.loader import commit, validate_file
from settings.config import Settings
from store.database import LoadBusyError, _load_lock, list_backups, read_connection, restore_backup

ROOT = Path(__file__).resolve().parent.parent
MEASURES = (ROOT / "data" / "demo" / "measures.csv").read_bytes()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _settings(tmp_path: Path, kept: int = 2) -> Settings:
    s = Settings(
        db_path=tmp_path / "live.duckdb", backup_dir=tmp_path / "backups", backups_kept=kept
    )
    assert commit(validate_file(MEASURES, "measures.csv", s), s, "t").status == "loaded"
    return s


def _returns(n_teams: int, value: int = 1) -> bytes:
    """A returns file with one row per monthly demo measure x month x team (big when n_teams is big)."""
    ids = [line.split(",")[0] for line in MEASURES.decode().splitlines()[1:] if ",monthly," in line]
    lines = ["measure_id,period,team,actual"]
    for measure_id in ids:
        for month in range(1, 13):
            for team in range(n_teams):
                lines.append(f"{measure_id},2024-{month:02d},T{team},{value}")
    return ("\n".join(lines) + "\n").encode()


def _count(path: Path, table: str = "snapshots") -> int:
    with read_connection(path) as con:
        return int(con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])


def test_failure_mid_load_leaves_the_database_exactly_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _settings(tmp_path)
    before = _sha(settings.db_path)
    original = commit_module._insert_versions
    calls = {"n": 0}

    def fail_on_second(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk on fire")
        return original(*args, **kwargs)

    monkeypatch.setattr(commit_module, "_insert_versions", fail_on_second)
    book = MEASURES + b""  # measures (priorities + measures = two inserts)
    changed = book.replace(b"People waiting for a Care Act assessment", b"Renamed")
    with pytest.raises(RuntimeError, match="disk on fire"):
        commit(validate_file(changed, "m2.csv", settings), settings, "t")
    assert _sha(settings.db_path) == before
    assert not list(tmp_path.glob("live.duckdb.loading-*"))


def test_sigkill_during_a_large_load_leaves_no_part_of_it(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    before_loads = _count(settings.db_path, "loads")
    big = tmp_path / "big.csv"
    big.write_bytes(_returns(n_teams=400))  # ~180,000 rows
    env = {**os.environ, "MM_BACKUP_DIR": str(settings.backups)}
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "load", str(big), "--db", str(settings.db_path)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(tmp_path.glob("live.duckdb.loading-*")):
        assert process.poll() is None, process.stderr.read().decode() if process.stderr else ""
        time.sleep(0.005)
    time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    # The live file opens, passes DuckDB's checks and holds nothing of the killed load.
    con = duckdb.connect(str(settings.db_path))
    con.execute("CHECKPOINT").fetchall()
    assert con.execute("SELECT count(*) FROM snapshots").fetchall() == [(0,)]
    assert con.execute("SELECT count(*) FROM loads").fetchall() == [(before_loads,)]
    con.close()
    # The next load cleans up the abandoned temporary file and succeeds.
    small = _returns(n_teams=1)
    result = commit(validate_file(small, "small.csv", settings), settings, "t")
    assert result.status == "loaded" and result.rows_written > 0
    assert not list(tmp_path.glob("live.duckdb.loading-*"))


def test_readers_never_see_half_a_load_or_a_lock_error(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    first = _returns(n_teams=20)
    commit(validate_file(first, "one.csv", settings), settings, "t")
    rows_per_load = _count(settings.db_path)
    seen: set[int] = set()
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            try:
                seen.add(_count(settings.db_path))
            except BaseException as exc:
                errors.append(exc)
                return

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    try:
        second = _returns(n_teams=20, value=2)
        result = commit(validate_file(second, "two.csv", settings), settings, "t")
    finally:
        time.sleep(0.2)
        stop.set()
        for thread in threads:
            thread.join()
    assert result.rows_written == rows_per_load
    assert errors == []
    assert seen <= {rows_per_load, 2 * rows_per_load}
    assert 2 * rows_per_load in seen


def test_two_loads_at_once_are_serialised_with_a_clear_message(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    validated = validate_file(_returns(1), "r.csv", settings)
    with (
        _load_lock(settings.db_path),
        pytest.raises(LoadBusyError, match="Another load is running"),
    ):
        commit(validated, settings, "second officer")
    assert commit(validated, settings, "second officer").status == "loaded"


def test_cli_reports_a_busy_database_without_a_traceback(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    path = tmp_path / "r.csv"
    path.write_bytes(_returns(1))
    with _load_lock(settings.db_path):
        done = subprocess.run(
            [sys.executable, "-m", "cli", "load", str(path), "--db", str(settings.db_path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 3
    assert "Another load is running" in done.stderr and "Traceback" not in done.stderr


def test_backups_are_kept_before_each_load_and_pruned(tmp_path: Path) -> None:
    settings = _settings(tmp_path, kept=2)
    for value in (1, 2, 3):
        commit(validate_file(_returns(1, value), f"r{value}.csv", settings), settings, "t")
    backups = list_backups(settings)
    assert len(backups) == 2
    # The newest backup is the state before the last load: value 2 everywhere.
    with read_connection(backups[0]) as con:
        values = con.execute(
            "SELECT DISTINCT actual FROM snapshots QUALIFY row_number() OVER "
            "(PARTITION BY measure_id, period, team ORDER BY version DESC) = 1"
        ).fetchall()
    assert values == [(2.0,)]
    restore_backup(settings, backups[0].name, "t")
    with read_connection(settings.db_path) as con:
        loads = con.execute("SELECT file_name FROM loads ORDER BY load_id").fetchall()
    assert [f for (f,) in loads] == ["measures.csv", "r1.csv", "r2.csv"]


def test_cli_load_of_a_malformed_file_names_file_row_and_column_and_stores_nothing(
    tmp_path: Path,
) -> None:
    settings = _settings(tmp_path)
    bad = tmp_path / "march.csv"
    bad.write_text("measure_id,period,actual\nASC-WL01,2024-09,12\nASC-WL01,2024-10,twelve\n")
    done = subprocess.run(
        [sys.executable, "-m", "cli", "load", str(bad), "--db", str(settings.db_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert "march.csv, row 3, column actual: must be a number" in done.stderr
    assert _count(settings.db_path) == 0


def test_cli_restore_lists_and_restores_a_backup(tmp_path: Path) -> None:
    settings = _settings(tmp_path, kept=3)
    commit(validate_file(_returns(1, 1), "r1.csv", settings), settings, "t")
    commit(validate_file(_returns(1, 2), "r2.csv", settings), settings, "t")
    run = [sys.executable, "-m", "cli", "restore", "--db", str(settings.db_path)]
    listed = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, timeout=60)
    names = [Path(line).name for line in listed.stdout.splitlines()]
    assert listed.returncode == 0 and len(names) == 2
    done = subprocess.run([*run, names[0]], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    with read_connection(settings.db_path) as con:
        files = [
            f for (f,) in con.execute("SELECT file_name FROM loads ORDER BY load_id").fetchall()
        ]
    assert files == ["measures.csv", "r1.csv"]
    missing = subprocess.run([*run, "nope.duckdb"], cwd=ROOT, capture_output=True, text=True)
    assert missing.returncode == 2
    assert "There is no backup called 'nope.duckdb'" in missing.stderr
