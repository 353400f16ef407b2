"""Who owns the DuckDB file, and how it is read and written safely.

Readers open short-lived read-only connections. A load copies the database to a temporary
file, writes there in one transaction, keeps the old file as a backup and swaps the new one
in with an atomic rename: readers never see half a load and never meet a write lock, and a
load killed half-way leaves the live file untouched. Loads are serialised by a file lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
from filelock import FileLock, Timeout

from settings import access
from settings.config import Settings, get_settings
from store.schema import SCHEMA_VERSION, SchemaTooNewError, ensure_schema, needs_upgrade


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


#: Files (by `db_version` token) already seen at this release's schema: checked once each.
_AT_LATEST_SCHEMA: set[str] = set()


@contextlib.contextmanager
def read_connection(path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to the live file, upgraded first if an earlier release made it."""
    if not path.exists():
        raise DatabaseMissingError(f"No database at {path}. Run a load or start the app once.")
    upgrade_if_behind(path)
    con = duckdb.connect(str(path), read_only=True)
    try:
        yield con
    finally:
        con.close()


@contextlib.contextmanager
def _load_lock(path: Path) -> Iterator[None]:
    """One load at a time per database, on any OS: filelock, not POSIX-only `fcntl`.

    `timeout=0`: a second load is told at once that it is busy rather than queued behind a
    load that may run for minutes.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path.with_name(path.name + ".lock"), timeout=0)
    try:
        lock.acquire()
    except Timeout as exc:
        raise LoadBusyError(
            "Another load is running on this database, so nothing was stored. Wait for it "
            "to finish and try again."
        ) from exc
    try:
        yield
    finally:
        lock.release()


def _fsync(path: Path) -> None:
    """Make a file (or a folder's entries) durable before and after the atomic rename.

    Windows cannot open a folder to fsync it (no O_DIRECTORY); there the rename is its own
    commit, so only files are synced.
    """
    if path.is_dir() and not hasattr(os, "O_DIRECTORY"):
        return
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if path.is_dir() else 0)
    handle = os.open(path, flags)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


#: Tables a file must hold to be restored as this app's database.
REQUIRED_TABLES = frozenset(
    {"schema_version", "loads", "priorities", "measures", "snapshots", "risk_assessments"}
)


def check_database(path: Path) -> str | None:
    """Why a file cannot be this app's database, or None when it can (opened read-only)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(16)
    except OSError as exc:
        return f"it cannot be read ({exc.strerror})"
    if len(head) < 12 or head[8:12] != b"DUCK":
        return "it is not a DuckDB database"
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error as exc:
        return f"it cannot be opened as a DuckDB database ({exc.__class__.__name__})"
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        missing = sorted(REQUIRED_TABLES - tables)
        if missing:
            return f"it is not a Meaningful Measures database (no {', '.join(missing)} table)"
        version = con.execute("SELECT max(version) FROM schema_version").fetchall()[0][0]
        if version is None or int(version) > SCHEMA_VERSION:
            return f"its schema version ({version}) is not one this app can read"
    except duckdb.Error as exc:
        return f"it cannot be read as a Meaningful Measures database ({exc.__class__.__name__})"
    finally:
        con.close()
    return None


def _prune(settings: Settings, protect: set[Path]) -> None:
    """Keep the newest backups; never delete a protected one, nor the newest that is good."""
    kept = sorted(settings.backups.glob(f"{settings.db_path.stem}-*.duckdb"))
    doomed = kept[: max(0, len(kept) - settings.backups_kept)]
    if not doomed:
        return
    # The newest good backup besides the ones just taken or being restored: the way back if
    # the file being backed up now is itself the broken one.
    newest_good = next(
        (b for b in reversed(kept) if b not in protect and check_database(b) is None), None
    )
    for old in doomed:
        if old in protect or old == newest_good:
            continue
        old.unlink(missing_ok=True)


def _backup(settings: Settings, stamp: str, protect: set[Path] | None = None) -> Path | None:
    live = settings.db_path
    if not live.exists() or settings.backups_kept == 0:
        return None
    settings.backups.mkdir(parents=True, exist_ok=True)
    target = settings.backups / f"{live.stem}-{stamp}.duckdb"
    try:
        os.link(live, target)  # the old inode survives the swap, so a link is a full copy
    except OSError:
        shutil.copy2(live, target)
    _prune(settings, (protect or set()) | {target})
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
            _swap_in(tmp, live)
        except BaseException:
            with contextlib.suppress(Exception):
                con.close()
            tmp.unlink(missing_ok=True)
            Path(f"{tmp}.wal").unlink(missing_ok=True)
            raise


def upgrade(path: Path) -> None:
    """Run the pending migrations on a database made by an earlier release.

    Done as an empty load (a locked copy, backed up first, swapped in atomically), so readers
    never meet a half-changed file.
    """
    settings = get_settings().model_copy(update={"db_path": path})
    with write_transaction(settings):
        pass  # write_transaction runs the migrations on the copy


def upgrade_if_behind(path: Path) -> None:
    """Upgrade the file once if it lacks a migration; a file from a later release is left as is.

    When another load holds the lock, it upgrades the file itself: wait for it (up to a
    minute). When the folder cannot be written, the file is read as it stands.
    """
    token = db_version(path)
    if token in _AT_LATEST_SCHEMA:
        return
    con = duckdb.connect(str(path), read_only=True)
    try:
        behind = needs_upgrade(con)
    except SchemaTooNewError:
        behind = False
    finally:
        con.close()
    if behind:
        try:
            upgrade(path)
        except LoadBusyError:
            with contextlib.suppress(Timeout):
                with FileLock(path.with_name(path.name + ".lock"), timeout=60):
                    pass
            return
        except OSError:
            return
    _AT_LATEST_SCHEMA.add(db_version(path))


def _swap_in(new: Path, live: Path) -> None:
    """fsync the new file, rename it over the live one, fsync the folder: durable and atomic."""
    _fsync(new)
    os.replace(new, live)
    _fsync(live.parent)


def list_backups(settings: Settings) -> list[Path]:
    """Backups newest first (none when backups are switched off), for the restore choices."""
    if settings.backups_kept == 0 or not settings.backups.exists():
        return []
    return sorted(settings.backups.glob(f"{settings.db_path.stem}-*.duckdb"), reverse=True)


class RestoreError(ValueError):
    """The backup asked for cannot be restored; the message says why and what to do."""


def no_backups_message(settings: Settings) -> str:
    """What to say when there is nothing to restore."""
    if settings.backups_kept == 0:
        return (
            "Backups are switched off (MM_BACKUPS_KEPT=0), so there are none to restore and "
            "the current database is not backed up before a restore."
        )
    return f"There are no backups in {settings.backups} yet: one is taken before each load."


def restore_backup(
    settings: Settings, name: str, actor: str, *, acting: access.Actor | None = None
) -> Path:
    """Put back the backup with this name from the backup folder, checked first; audited.

    Only a file listed in the backup folder can be chosen (by name, never by path), and it is
    checked to be a DuckDB database with this app's tables before it replaces anything. The
    caller (`acting`, else the session's or command's) must be allowed to restore: the page's
    disabled button is not the only guard.
    """
    from store.audit import record_event

    access.require("restore", acting)

    backups = list_backups(settings)
    if not backups:
        raise RestoreError(no_backups_message(settings))
    chosen = next((b for b in backups if b.name == name), None)
    if chosen is None:
        raise RestoreError(
            f"There is no backup called {name!r} in {settings.backups}: choose one of the "
            "names listed (python -m cli restore lists them)."
        )
    live = settings.db_path
    with _load_lock(live):
        tmp = live.with_name(live.name + ".restoring")
        shutil.copyfile(chosen, tmp)
        problem = check_database(tmp)
        if problem:
            tmp.unlink(missing_ok=True)
            raise RestoreError(
                f"{chosen.name} was not restored: {problem}. The database was not changed."
            )
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
        _backup(settings, stamp + "-before-restore", protect={chosen})
        _swap_in(tmp, live)
    record_event(settings, actor, "restore", chosen.name)
    return chosen
