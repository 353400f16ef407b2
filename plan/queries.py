"""Read-side SQL for the improvement plan: actions, workstreams and quality-statement links.

Same rule as store.queries: the latest version of each row, optionally as it stood on a date
(the load's date decides), so an action's history is its versions in load order.
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from intake.kinds import columns_of
from store.queries import _AS_OF, _as_of_params
from store.schema import fetch_one

#: Columns as the file contract has them (the row models), so a new field is added once.
ACTION_COLUMNS = columns_of("actions")
WORKSTREAM_COLUMNS = columns_of("workstreams")


def _has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    """A database written before these kinds existed has no such table (read-only: no DDL)."""
    row = fetch_one(
        con, "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]
    )
    return bool(row and row[0])


def _has_column(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    row = fetch_one(
        con,
        "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = ?",
        [table, column],
    )
    return bool(row and row[0])


def _dates(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    for column in columns:
        frame[column] = pd.to_datetime(frame[column]).dt.date
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def actions(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> pd.DataFrame:
    """Latest version of each action, with when that version was loaded."""
    columns = [*ACTION_COLUMNS, "version", "load_id", "loaded_at"]
    if not _has_table(con, "actions"):
        return pd.DataFrame(columns=columns)
    sql = f"""
        SELECT a.*, l.loaded_at FROM actions a JOIN loads l USING (load_id)
        WHERE a.load_id IN {_AS_OF}
        QUALIFY row_number() OVER (PARTITION BY a.action_id ORDER BY a.version DESC) = 1
        ORDER BY a.action_id
    """  # noqa: S608 - only a constant sub-query is interpolated
    frame = con.execute(sql, _as_of_params(as_of)).df()
    return _dates(frame[columns], ("raised", "due", "closed_on"))


def action_history(
    con: duckdb.DuckDBPyConnection, action_id: str | None, as_of: dt.date | None = None
) -> pd.DataFrame:
    """Every version of one action (None: of every action) up to a date, oldest first."""
    columns = ["version", "loaded_at", "loaded_by", "file_name", *ACTION_COLUMNS]
    if not _has_table(con, "actions"):
        return pd.DataFrame(columns=columns)
    sql = f"""
        SELECT a.*, l.loaded_at, l.loaded_by, l.file_name FROM actions a JOIN loads l USING (load_id)
        WHERE (? IS NULL OR a.action_id = ?) AND a.load_id IN {_AS_OF}
        ORDER BY a.action_id, a.version
    """  # noqa: S608 - only a constant sub-query is interpolated
    frame = con.execute(sql, [action_id, action_id, *_as_of_params(as_of)]).df()
    return _dates(frame[columns], ("raised", "due", "closed_on"))


def workstreams(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> pd.DataFrame:
    """Latest version of each workstream."""
    if not _has_table(con, "workstreams"):
        return pd.DataFrame(columns=WORKSTREAM_COLUMNS)
    sql = f"""
        SELECT * FROM workstreams WHERE load_id IN {_AS_OF}
        QUALIFY row_number() OVER (PARTITION BY workstream_id ORDER BY version DESC) = 1
        ORDER BY workstream_id
    """  # noqa: S608 - only a constant sub-query is interpolated
    return con.execute(sql, _as_of_params(as_of)).df()[WORKSTREAM_COLUMNS]


def measure_statements(
    con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None
) -> pd.DataFrame:
    """Each measure's quality statements (latest definition), `;`-separated canonical names."""
    if not _has_column(con, "measures", "quality_statements"):
        return pd.DataFrame(columns=["measure_id", "quality_statements"])
    sql = f"""
        SELECT measure_id, quality_statements FROM measures WHERE load_id IN {_AS_OF}
        QUALIFY row_number() OVER (PARTITION BY measure_id ORDER BY version DESC) = 1
        ORDER BY measure_id
    """  # noqa: S608 - only a constant sub-query is interpolated
    return con.execute(sql, _as_of_params(as_of)).df()


def risk_scores(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> pd.DataFrame:
    """Latest assessment of each risk per month with its residual score and load date."""
    sql = f"""
        SELECT r.risk_id, r.name, r.period, r.residual_likelihood * r.residual_impact AS score,
               l.loaded_at
        FROM risk_assessments r JOIN loads l USING (load_id)
        WHERE r.load_id IN {_AS_OF}
        QUALIFY row_number() OVER (PARTITION BY r.risk_id, r.period ORDER BY r.version DESC) = 1
        ORDER BY r.risk_id, r.period
    """  # noqa: S608 - only a constant sub-query is interpolated
    frame = con.execute(sql, _as_of_params(as_of)).df()
    frame["period"] = pd.to_datetime(frame["period"])
    return frame


def plan_load_changes(con: duckdb.DuckDBPyConnection, load_id: int) -> dict[str, pd.DataFrame]:
    """What one load wrote to the plan's tables (the Data page adds these to load_changes)."""
    out = {}
    for table in ("workstreams", "actions"):
        if _has_table(con, table):
            sql = f"SELECT * EXCLUDE (load_id) FROM {table} WHERE load_id = ?"  # noqa: S608
            out[table] = con.execute(sql, [load_id]).df()
    return out
