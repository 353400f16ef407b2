"""Issue 11: several files are one lock and one transaction: all of them or none."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from intake import commit as commit_module
from intake.loader import load_files
from settings.config import Settings
from store.database import _load_lock, list_backups, read_connection

MEASURES = (
    b"measure_id,name,priority_id,priority_name,frequency,polarity,unit\n"
    b"M1,People waiting,P1,Timely,monthly,lower_is_better,count\n"
)
JULY = b"measure_id,period,actual\nM1,2024-07,10\n"
AUGUST = b"measure_id,period,actual\nM1,2024-08,11\n"


def _settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "live.duckdb", backup_dir=tmp_path / "b", backups_kept=5)


def _loads(settings: Settings) -> list[str]:
    with read_connection(settings.db_path) as con:
        rows = con.execute("SELECT file_name FROM loads ORDER BY load_id").fetchall()
    return [r[0] for r in rows]


def test_three_files_load_in_one_transaction_with_one_backup(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    load_files([("m.csv", MEASURES)], settings, "t")
    _, results = load_files([("july.csv", JULY), ("august.csv", AUGUST)], settings, "officer")
    assert [r.status for r in results] == ["loaded", "loaded"]
    assert _loads(settings) == ["m.csv", "july.csv", "august.csv"]
    assert len(list_backups(settings)) == 1  # one swap for both files, so one backup


def test_a_fault_in_the_second_file_stores_nothing_of_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _settings(tmp_path)
    load_files([("m.csv", MEASURES)], settings, "t")
    before = hashlib.sha256(settings.db_path.read_bytes()).hexdigest()
    original = commit_module._insert_versions
    calls = {"n": 0}

    def fail_on_second_file(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk on fire")
        return original(*args, **kwargs)

    monkeypatch.setattr(commit_module, "_insert_versions", fail_on_second_file)
    with pytest.raises(RuntimeError, match="disk on fire"):
        load_files([("july.csv", JULY), ("august.csv", AUGUST)], settings, "officer")
    assert hashlib.sha256(settings.db_path.read_bytes()).hexdigest() == before
    assert _loads(settings) == ["m.csv"]


def test_the_lock_message_says_nothing_was_stored(tmp_path: Path) -> None:
    from store.database import LoadBusyError

    settings = _settings(tmp_path)
    load_files([("m.csv", MEASURES)], settings, "t")
    with _load_lock(settings.db_path), pytest.raises(LoadBusyError) as caught:
        load_files([("july.csv", JULY), ("august.csv", AUGUST)], settings, "officer")
    assert str(caught.value) == (
        "Another load is running on this database, so nothing was stored. Wait for it to "
        "finish and try again."
    )
    assert _loads(settings) == ["m.csv"]
