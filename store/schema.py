"""The DuckDB schema: the numbered steps of store/migrations.py, run when a database opens."""

from __future__ import annotations

import duckdb

from store.migrations import LATEST, MIGRATIONS

#: The schema version this release writes: the number of its last migration.
SCHEMA_VERSION = LATEST


class SchemaTooNewError(RuntimeError):
    """The file was written by a later release, whose steps this one does not know."""


def fetch_one(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None
) -> tuple | None:
    """First row of a query, consuming the whole result (DuckDB 2 refuses unfinished results)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    """The steps a database records as applied (none for an empty file); read-only."""
    tables = {
        str(r[0])
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'"
        ).fetchall()
    }
    if "schema_version" not in tables:
        return set()
    return {int(r[0]) for r in con.execute("SELECT version FROM schema_version").fetchall()}


def pending_versions(con: duckdb.DuckDBPyConnection) -> list[int]:
    """The steps still to run on this database, in order (read-only check)."""
    applied = applied_versions(con)
    if applied and max(applied) > LATEST:
        raise SchemaTooNewError(
            f"This database has schema version {max(applied)}, written by a later release; "
            f"this one reads up to version {LATEST}. Use the later release."
        )
    return [m.version for m in MIGRATIONS if m.version not in applied]


def needs_upgrade(con: duckdb.DuckDBPyConnection) -> bool:
    """True for a database made by an earlier release (read-only check)."""
    return bool(pending_versions(con))


def ensure_schema(con: duckdb.DuckDBPyConnection) -> int:
    """Run every pending step, each with its record in one transaction; returns the version.

    Each step commits on its own, so a step that fails leaves the steps before it recorded
    and nothing of itself.
    """
    pending = set(pending_versions(con))
    for migration in MIGRATIONS:
        if migration.version not in pending:
            continue
        con.begin()
        try:
            con.execute(migration.sql).fetchall()
            con.execute(
                "INSERT INTO schema_version (version) VALUES (?)", [migration.version]
            ).fetchall()
            con.commit()
        except BaseException:
            con.rollback()
            raise
    return LATEST
