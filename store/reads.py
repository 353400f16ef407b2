"""Read-side SQL for the rule modules' tables: definitions, events, finance, priority statuses
and waiting lists, each as it stood on a date (the rules in metrics/ take the frames).

Every table is there: store.database runs the migrations before a file is first read."""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from metrics.definitions import RATING_FIELDS

_AS_OF = "(SELECT load_id FROM loads WHERE ? IS NULL OR loaded_at < ?)"


def definition_versions(
    con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None
) -> pd.DataFrame:
    """Every stored version of every measure's rating fields, oldest first (as of a date)."""
    end = None if as_of is None else dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
    sql = f"""
        SELECT measure_id, version, effective_from, replaces, {", ".join(RATING_FIELDS)}
        FROM measures WHERE load_id IN {_AS_OF}
        ORDER BY measure_id, version
    """  # noqa: S608 - only constant fragments are interpolated
    frame = con.execute(sql, [end, end]).df()
    frame["effective_from"] = pd.to_datetime(frame["effective_from"])
    return frame


def read_events(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> pd.DataFrame:
    """The latest version of every event loaded by `as_of` (all of them when None)."""
    end = None if as_of is None else dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
    frame = con.execute(
        """
        SELECT e.date, e.measure_id, e.label, e.process_change
        FROM events e
        WHERE e.load_id IN (SELECT load_id FROM loads WHERE ? IS NULL OR loaded_at < ?)
        QUALIFY row_number() OVER (
            PARTITION BY e.date, e.measure_id, e.label ORDER BY e.version DESC) = 1
        ORDER BY e.date, e.measure_id, e.label
        """,
        [end, end],
    ).df()
    frame["date"] = pd.to_datetime(frame["date"])
    frame["process_change"] = frame["process_change"].astype(bool)
    return frame


def read_finance(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> pd.DataFrame:
    """Latest version of each finance row (as of a date)."""
    end = None if as_of is None else dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
    sql = f"""
        SELECT * EXCLUDE (version, load_id) FROM finance
        WHERE load_id IN {_AS_OF}
        QUALIFY row_number() OVER (PARTITION BY service_area, period ORDER BY version DESC) = 1
        ORDER BY period, service_area
    """  # noqa: S608 - only a constant sub-query is interpolated
    frame = con.execute(sql, [end, end]).df()
    frame["period"] = pd.to_datetime(frame["period"])
    return frame


def reported_priority_statuses(
    con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None
) -> pd.DataFrame:
    """Latest reported status of each priority and period (as of a date)."""
    end = None if as_of is None else dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
    sql = f"""
        SELECT priority_id, period, priority_status AS reported_status, status_note
        FROM priority_statuses WHERE load_id IN {_AS_OF}
        QUALIFY row_number() OVER (PARTITION BY priority_id, period ORDER BY version DESC) = 1
    """  # noqa: S608 - only a constant sub-query is interpolated
    frame = con.execute(sql, [end, end]).df()
    frame["period"] = pd.to_datetime(frame["period"])
    return frame


def read_waiting_lists(
    con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None
) -> pd.DataFrame:
    """Latest version of each waiting-list row (as of a date)."""
    end = None if as_of is None else dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
    # Lists keep the order of the file that declared them (first row of each list).
    sql = f"""
        WITH latest AS (
            SELECT *, rowid AS position FROM waiting_lists
            WHERE load_id IN {_AS_OF}
            QUALIFY row_number() OVER (
                PARTITION BY waiting_list, measure_id ORDER BY version DESC) = 1
        )
        SELECT * EXCLUDE (version, load_id, position) FROM latest
        ORDER BY min(position) OVER (PARTITION BY waiting_list), position
    """  # noqa: S608 - only a constant sub-query is interpolated
    return con.execute(sql, [end, end]).df()
