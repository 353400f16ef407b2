"""Issue 11: a restore only ever puts back a checked backup from the backup folder, by name."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from intake.loader import commit, validate_file
from settings.config import Settings
from store.database import (
    RestoreError,
    list_backups,
    no_backups_message,
    read_connection,
    restore_backup,
)

ROOT = Path(__file__).resolve().parent.parent
MEASURES = (
    b"measure_id,name,priority_id,priority_name,frequency,polarity,unit\n"
    b"M1,People waiting,P1,Timely,monthly,lower_is_better,count\n"
)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _settings(tmp_path: Path, kept: int = 3) -> Settings:
    s = Settings(
        db_path=tmp_path / "live.duckdb", backup_dir=tmp_path / "backups", backups_kept=kept
    )
    assert commit(validate_file(MEASURES, "measures.csv", s), s, "t").status == "loaded"
    return s


def _load(settings: Settings, value: int) -> None:
    text = f"measure_id,period,actual\nM1,2024-09,{value}\n".encode()
    assert commit(validate_file(text, f"r{value}.csv", settings), settings, "t").status == "loaded"


def _actual(path: Path) -> float | None:
    with read_connection(path) as con:
        rows = con.execute("SELECT actual FROM snapshots ORDER BY version DESC LIMIT 1").fetchall()
    return rows[0][0] if rows else None


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env_db = ["--db", str(settings.db_path)]
    return subprocess.run(
        [sys.executable, "-m", "cli", "restore", *args, *env_db],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            "MM_BACKUP_DIR": str(settings.backups),
            "MM_BACKUPS_KEPT": str(settings.backups_kept),
            "PATH": "/usr/bin:/bin",
        },
    )


def test_a_path_outside_the_backup_folder_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    _load(settings, 5)
    before = _sha(settings.db_path)
    done = _cli(settings, "/etc/passwd")
    assert done.returncode == 2
    assert done.stderr == (
        f"error: There is no backup called '/etc/passwd' in {settings.backups}: choose one of "
        "the names listed (python -m cli restore lists them).\n"
    )
    assert _sha(settings.db_path) == before
    with pytest.raises(RestoreError, match=r"There is no backup called '\.\./live\.duckdb'"):
        restore_backup(settings, "../live.duckdb", "t")


def test_a_listed_file_that_is_not_this_apps_database_is_refused_before_the_swap(
    tmp_path: Path,
) -> None:
    settings = _settings(tmp_path)
    _load(settings, 5)
    before = _sha(settings.db_path)
    fake = settings.backups / "live-20990101T000000000000.duckdb"
    shutil.copyfile("/etc/passwd", fake)
    with pytest.raises(RestoreError) as caught:
        restore_backup(settings, fake.name, "t")
    assert str(caught.value) == (
        "live-20990101T000000000000.duckdb was not restored: it is not a DuckDB database. "
        "The database was not changed."
    )
    other = settings.backups / "live-20990102T000000000000.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE t (x INTEGER)").fetchall()
    with pytest.raises(RestoreError) as caught:
        restore_backup(settings, other.name, "t")
    assert str(caught.value) == (
        "live-20990102T000000000000.duckdb was not restored: it is not a Meaningful Measures "
        "database (no loads, measures, priorities, risk_assessments, schema_version, snapshots "
        "table). The database was not changed."
    )
    assert _sha(settings.db_path) == before
    assert _actual(settings.db_path) == 5.0


def test_restoring_the_oldest_backup_of_a_full_folder_keeps_it_and_works(tmp_path: Path) -> None:
    settings = _settings(tmp_path, kept=2)
    _load(settings, 1)
    _load(settings, 2)
    _load(settings, 3)
    backups = list_backups(settings)
    assert len(backups) == 2
    oldest = backups[-1]
    assert _actual(oldest) == 1.0
    restored = restore_backup(settings, oldest.name, "admin")
    assert restored == oldest
    assert _actual(settings.db_path) == 1.0
    assert oldest.exists(), "the backup being restored was deleted by rotation"
    names = [b.name for b in list_backups(settings)]
    assert oldest.name in names and any(n.endswith("-before-restore.duckdb") for n in names)


def test_rotation_never_deletes_the_newest_good_backup(tmp_path: Path) -> None:
    settings = _settings(tmp_path, kept=2)
    _load(settings, 1)
    good = list_backups(settings)[0]
    # Two newer files in the folder that are not databases (a disk fault, a stray copy).
    (settings.backups / "live-20990101T000000000000.duckdb").write_bytes(b"junk")
    (settings.backups / "live-20990102T000000000000.duckdb").write_bytes(b"junk")
    _load(settings, 2)
    names = {b.name for b in list_backups(settings)}
    assert good.name in names


def test_with_backups_off_restore_says_there_are_none(tmp_path: Path) -> None:
    settings = _settings(tmp_path, kept=0)
    _load(settings, 1)
    assert list_backups(settings) == []
    message = (
        "Backups are switched off (MM_BACKUPS_KEPT=0), so there are none to restore and the "
        "current database is not backed up before a restore."
    )
    assert no_backups_message(settings) == message
    listed = _cli(settings)
    assert listed.returncode == 0 and listed.stdout == "" and listed.stderr == message + "\n"
    with pytest.raises(RestoreError, match="Backups are switched off"):
        restore_backup(settings, "live-anything.duckdb", "t")


def test_cli_lists_names_and_restores_by_name_with_an_audit_line(tmp_path: Path) -> None:
    from store.audit import events

    settings = _settings(tmp_path)
    _load(settings, 1)
    _load(settings, 2)
    listed = _cli(settings)
    names = listed.stdout.split()
    assert len(names) == 2 and all(n.startswith("live-") for n in names)
    done = _cli(settings, names[0])
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"restored {names[0]} to {settings.db_path}\n"
    assert _actual(settings.db_path) == 1.0
    log = events(settings)
    assert log[log["action"] == "restore"]["detail"].tolist() == [names[0]]


def test_access_page_restores_through_the_same_checked_function(
    writable_demo_db: Path, tmp_path: Path
) -> None:
    from tests.test_access import _signed_in

    backups = tmp_path / "backups"  # MM_BACKUP_DIR of writable_demo_db
    backups.mkdir(exist_ok=True)
    junk = backups / "demo-20990101T000000000000.duckdb"
    junk.write_bytes(b"not a database at all, but listed in the folder")
    before = _sha(writable_demo_db)
    at = _signed_in("boss@council.gov.uk")
    at.switch_page("pages/admin.py").run()
    assert not at.exception
    choice = next(s for s in at.selectbox if s.label == "Backup")
    assert choice.options == [junk.name]
    choice.set_value(junk.name)
    next(c for c in at.checkbox if c.label.startswith("I understand")).check()
    at.run()
    next(b for b in at.button if b.label == "Restore this backup").click().run()
    assert [e.value for e in at.error] == [
        "demo-20990101T000000000000.duckdb was not restored: it is not a DuckDB database. "
        "The database was not changed."
    ]
    assert _sha(writable_demo_db) == before
