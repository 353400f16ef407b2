"""The one comparison of incoming rows with the latest versions held: new, restated or unchanged.

The preview reads it to say what a load would do, and the insert writes exactly the rows it
calls new or restated, so the two cannot disagree. Table and column names come from the
registry (constants), never from a file.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from intake.kinds import Table

_DATES = ("period", "date")


def _held_columns(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [table]
    ).fetchall()
    return {str(r[0]) for r in rows}


def _incoming(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """The key and value columns of the rows, with where each came from when known."""
    extra = [c for c in ("_sheet", "_row") if c in frame]
    incoming = frame[[*table.key, *table.value_columns, *extra]].copy()
    for column in _DATES:
        if column in incoming:
            incoming[column] = pd.to_datetime(incoming[column])
    return incoming


def compared_sql(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    registered: str,
    extras: list[str],
    *,
    detail: bool = True,
) -> str:
    """SELECT of every incoming row with `_class` (new, restated, unchanged), `_version` (the
    version it would be written as) and, with `detail`, `was_<column>` (the value held) and
    `changed_<column>` (the preview's; the insert leaves them out, as they cost memory)."""
    held = _held_columns(con, table.name)
    key = list(table.key)
    values = list(table.value_columns)
    key_list = ", ".join(key)
    carried = "".join(f"i.{c}, " for c in extras)
    latest_columns = ", ".join(
        [*key, "version", *(v if v in held else f"NULL AS {v}" for v in values)]
    )
    join = " AND ".join(
        f"c.{k} = CAST(i.{k} AS DATE)" if k in _DATES else f"c.{k} = i.{k}" for k in key
    )
    differs = [f"i.{v} IS DISTINCT FROM c.{v}" for v in values]
    select_key = ", ".join(
        f"CAST(i.{k} AS DATE) AS {k}" if k in _DATES else f"i.{k} AS {k}" for k in key
    )
    was_new = "".join(f", NULL AS was_{v}, FALSE AS changed_{v}" for v in values)
    was_held = "".join(
        f", c.{v} AS was_{v}, (c.version IS NOT NULL AND {d}) AS changed_{v}"
        for v, d in zip(values, differs, strict=True)
    )
    if not detail:
        was_new = was_held = ""
    if not held:
        return f"""
            SELECT {select_key}, {", ".join("i." + v for v in values)}, {carried}
                'new' AS _class, 1 AS _version{was_new}
            FROM {registered} i
        """  # noqa: S608
    return f"""
        SELECT {select_key}, {", ".join("i." + v for v in values)}, {carried}
            CASE WHEN c.version IS NULL THEN 'new'
                 WHEN {" OR ".join(differs)} THEN 'restated'
                 ELSE 'unchanged' END AS _class,
            coalesce(c.version, 0) + 1 AS _version{was_held}
        FROM {registered} i
        LEFT JOIN (
            SELECT {latest_columns} FROM {table.name}
            QUALIFY row_number() OVER (PARTITION BY {key_list} ORDER BY version DESC) = 1
        ) c ON {join}
    """  # noqa: S608


def compare(con: duckdb.DuckDBPyConnection, table: Table, frame: pd.DataFrame) -> pd.DataFrame:
    """Every incoming row classed against the latest version held (read-only)."""
    incoming = _incoming(frame, table)
    extras = [c for c in ("_sheet", "_row") if c in incoming]
    con.register("incoming", incoming)
    try:
        return con.execute(compared_sql(con, table, "incoming", extras)).df()
    finally:
        con.unregister("incoming")


def insert_changed(
    con: duckdb.DuckDBPyConnection, table: Table, frame: pd.DataFrame, load_id: int
) -> int:
    """Insert the rows `compare` calls new or restated, as the next version; return how many."""
    key_and_values = [*table.key, *table.value_columns]
    con.register("incoming", _incoming(frame, table))
    try:
        sql = f"""
            INSERT INTO {table.name} ({", ".join(key_and_values)}, version, load_id)
            SELECT {", ".join(key_and_values)}, _version, ?
            FROM ({compared_sql(con, table, "incoming", [], detail=False)})
            WHERE _class <> 'unchanged'
        """  # noqa: S608
        con.execute(sql, [load_id]).fetchall()
    finally:
        con.unregister("incoming")
    rows = con.execute(
        f"SELECT count(*) FROM {table.name} WHERE load_id = ?",  # noqa: S608
        [load_id],
    ).fetchall()
    return int(rows[0][0]) if rows else 0
