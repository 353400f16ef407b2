"""The audit log and administrator-edited role mappings, in a small database of their own.

Kept apart from the measures database so a sign-in or an export never rewrites (and backs
up) the data file; writes are short and serialised, with a retry when another process holds
the file for a moment.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd

from settings.config import Settings

_THREAD_LOCK = threading.Lock()
_DDL = """
CREATE TABLE IF NOT EXISTS audit (
    occurred_at TIMESTAMP NOT NULL,
    actor VARCHAR NOT NULL,
    action VARCHAR NOT NULL,
    detail VARCHAR
);
CREATE TABLE IF NOT EXISTS role_mappings (
    pattern VARCHAR NOT NULL PRIMARY KEY,
    role VARCHAR NOT NULL,
    added_by VARCHAR NOT NULL,
    added_at TIMESTAMP NOT NULL
);
"""


def admin_path(settings: Settings) -> Path:
    """`meaningful_measures.admin.duckdb` beside the measures database."""
    return settings.db_path.with_name(settings.db_path.stem + ".admin.duckdb")


@contextlib.contextmanager
def _connection(settings: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    path = admin_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _THREAD_LOCK, open(path.with_name(path.name + ".lock"), "a+") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        deadline = time.monotonic() + 10
        while True:
            try:
                con = duckdb.connect(str(path))
                break
            except duckdb.IOException:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        try:
            con.execute(_DDL).fetchall()
            yield con
        finally:
            con.close()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def record_event(settings: Settings, actor: str, action: str, detail: str = "") -> None:
    """Append one line to the audit log (sign-in, load, export, role change, restore)."""
    with _connection(settings) as con:
        con.execute(
            "INSERT INTO audit VALUES (?, ?, ?, ?)", [dt.datetime.now(), actor, action, detail]
        ).fetchall()


def events(settings: Settings, limit: int = 500) -> pd.DataFrame:
    """The newest audit lines first."""
    with _connection(settings) as con:
        return con.execute("SELECT * FROM audit ORDER BY occurred_at DESC LIMIT ?", [limit]).df()


def role_mappings(settings: Settings) -> list[tuple[str, str]]:
    """Mappings administrators added in the app, as (email or @domain, role)."""
    with _connection(settings) as con:
        rows = con.execute("SELECT pattern, role FROM role_mappings ORDER BY pattern").fetchall()
    return [(str(p), str(r)) for p, r in rows]


def set_role_mapping(settings: Settings, pattern: str, role: str | None, actor: str) -> None:
    """Add, change or (role None) remove a mapping, and audit the change."""
    with _connection(settings) as con:
        con.execute("DELETE FROM role_mappings WHERE pattern = ?", [pattern]).fetchall()
        if role:
            con.execute(
                "INSERT INTO role_mappings VALUES (?, ?, ?, ?)",
                [pattern, role, actor, dt.datetime.now()],
            ).fetchall()
        con.execute(
            "INSERT INTO audit VALUES (?, ?, 'role change', ?)",
            [dt.datetime.now(), actor, f"{pattern} -> {role or 'removed'}"],
        ).fetchall()
