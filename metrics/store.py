"""Who owns the DuckDB file, and how it is read and written safely.

Readers open short-lived read-only connections. A load copies the database to a temporary
file, writes there in one transaction, keeps the old file as a backup and swaps the new one
in with an atomic rename: readers never see half a load and never meet a write lock, and a
load killed half-way leaves the live file untouched. Loads are serialised by a file lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb

from metrics.config import Settings
from metrics.schema import ensure_schema


class LoadBusyError(RuntimeError):
    """Another load holds the write lock; the caller should try again shortly."""


class DatabaseMissingError(RuntimeError):
    """There is no database file at the configured path yet."""


def db_version(path: Path) -> str:
    """A token that changes whenever a load swaps in a new file (used as a cache key)."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return "missing"
    return f"{stat.st_ino}-{stat.st_mtime_ns}-{stat.st_size}"


@contextlib.contextmanager
def read_connection(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the live file, closed on exit."""
    if not path.exists():
        raise DatabaseMissingError(f"No database at {path}. Run a load or start the app once.")
    con = duckdb.connect(str(path), read_only=True)
    try:
        yield con
    finally:
        con.close()


@contextlib.contextmanager
def _load_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(path.name + ".lock")
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise LoadBusyError(
                "Another load is running on this database. Wait for it to finish and try again."
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _backup(settings: Settings, stamp: str) -> Path | None:
    live = settings.db_path
    if not live.exists() or settings.backups_kept == 0:
        return None
    settings.backups.mkdir(parents=True, exist_ok=True)
    target = settings.backups / f"{live.stem}-{stamp}.duckdb"
    try:
        os.link(live, target)  # the old inode survives the swap, so a link is a full copy
    except OSError:
        shutil.copy2(live, target)
    kept = sorted(settings.backups.glob(f"{live.stem}-*.duckdb"))
    for old in kept[: max(0, len(kept) - settings.backups_kept)]:
        old.unlink(missing_ok=True)
    return target


@contextlib.contextmanager
def write_transaction(settings: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    """One load: a locked, all-or-nothing transaction on a copy that replaces the live file."""
    live = settings.db_path
    with _load_lock(live):
        for stale in live.parent.glob(f"{live.name}.loading-*"):
            stale.unlink(missing_ok=True)
        tmp = live.with_name(f"{live.name}.loading-{os.getpid()}")
        if live.exists():
            shutil.copyfile(live, tmp)
        con = duckdb.connect(str(tmp))
        try:
            ensure_schema(con)
            con.begin()
            yield con
            con.commit()
            con.execute("CHECKPOINT").fetchall()
            con.close()
            stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
            _backup(settings, stamp)
            os.replace(tmp, live)
        except BaseException:
            with contextlib.suppress(Exception):
                con.close()
            tmp.unlink(missing_ok=True)
            Path(f"{tmp}.wal").unlink(missing_ok=True)
            raise


def list_backups(settings: Settings) -> list[Path]:
    """Backups newest first, for the restore instructions and the admin page."""
    if not settings.backups.exists():
        return []
    return sorted(settings.backups.glob(f"{settings.db_path.stem}-*.duckdb"), reverse=True)


def restore_backup(settings: Settings, backup: Path) -> None:
    """Put a backup back as the live file (the current file is itself backed up first)."""
    with _load_lock(settings.db_path):
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
        _backup(settings, stamp + "-before-restore")
        tmp = settings.db_path.with_name(settings.db_path.name + ".restoring")
        shutil.copyfile(backup, tmp)
        os.replace(tmp, settings.db_path)
