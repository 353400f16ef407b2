"""Read-side SQL: the latest version of everything, optionally as it stood on a given date.

Pages never write SQL; they call these (through a cache keyed on the database version).
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

# Team rows carry figures only: leaving their (empty) text columns out of the read keeps a
# large team breakdown cheap to turn into pandas.
_TEXT_COLUMNS = """ytd_actual, ytd_target, commentary, improvement_plan, timeframe,
               finance_impact, risk_impact,"""
_NO_TEXT = ""
_AS_OF = "(SELECT load_id FROM loads WHERE ? IS NULL OR loaded_at < ?)"


def _as_of_params(as_of: dt.date | None) -> list[object]:
    end = None if as_of is None else dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time())
    return [end, end]


def measures(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> pd.DataFrame:
    """The catalogue: latest definition of each measure, with its priority's name."""
    sql = f"""
        WITH m AS (
            SELECT * FROM measures WHERE load_id IN {_AS_OF}
            QUALIFY row_number() OVER (PARTITION BY measure_id ORDER BY version DESC) = 1
        ), p AS (
            SELECT priority_id, name AS priority_name FROM priorities
            QUALIFY row_number() OVER (PARTITION BY priority_id ORDER BY version DESC) = 1
        )
        SELECT m.measure_id, m.name, m.priority_id, p.priority_name, m.director,
               m.portfolio_holder, m.frequency, m.polarity, m.unit, m.tolerance,
               m.tolerance_type, m.description, m.source,
               -- read by name from the row so a database made before the column still opens
               coalesce(CAST(to_json(m) ->> 'key_measure' AS BOOLEAN), false) AS key_measure
        FROM m LEFT JOIN p USING (priority_id)
        ORDER BY m.priority_id, m.measure_id
    """  # noqa: S608 - only a constant sub-query is interpolated
    return con.execute(sql, _as_of_params(as_of)).df()


def snapshots(
    con: duckdb.DuckDBPyConnection,
    as_of: dt.date | None = None,
    *,
    teams: bool = False,
    measure_ids: list[str] | None = None,
) -> pd.DataFrame:
    """Latest version of each snapshot; whole-measure rows unless `teams` asks for team rows.

    Carries the previous version's actual and when it was restated, so pages can say
    "restated on 14 Oct 2024: was 512, now 547".
    """
    sql = f"""
        WITH s AS (
            SELECT s.*, l.loaded_at,
                   lag(s.actual) OVER w AS restated_from,
                   lag(s.version) OVER w AS previous_version
            FROM snapshots s JOIN loads l USING (load_id)
            WHERE s.load_id IN {_AS_OF}
              AND (CASE WHEN ? THEN s.team <> '' ELSE s.team = '' END)
              AND (? IS NULL OR list_contains(?, s.measure_id))
            WINDOW w AS (PARTITION BY s.measure_id, s.period, s.team ORDER BY s.version)
            QUALIFY row_number() OVER (
                PARTITION BY s.measure_id, s.period, s.team ORDER BY s.version DESC) = 1
        )
        SELECT measure_id, period, team, version, load_id, loaded_at, actual, target,
               {_TEXT_COLUMNS if not teams else _NO_TEXT}
               CASE WHEN previous_version IS NOT NULL THEN restated_from END AS restated_from
        FROM s ORDER BY measure_id, team, period
    """  # noqa: S608 - only constant fragments are interpolated
    params = [*_as_of_params(as_of), teams, measure_ids, measure_ids]
    frame = con.execute(sql, params).df()
    frame["period"] = pd.to_datetime(frame["period"])
    return frame


def comparators(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> pd.DataFrame:
    """Latest comparator values (England, region, nearest neighbours)."""
    sql = f"""
        SELECT measure_id, period, comparator, value FROM comparators
        WHERE load_id IN {_AS_OF}
        QUALIFY row_number() OVER (
            PARTITION BY measure_id, period, comparator ORDER BY version DESC) = 1
        ORDER BY measure_id, comparator, period
    """  # noqa: S608 - only a constant sub-query is interpolated
    frame = con.execute(sql, _as_of_params(as_of)).df()
    frame["period"] = pd.to_datetime(frame["period"])
    return frame


def risk_assessments(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> pd.DataFrame:
    """Latest version of each monthly risk assessment."""
    sql = f"""
        SELECT * EXCLUDE (version, load_id) FROM risk_assessments
        WHERE load_id IN {_AS_OF}
        QUALIFY row_number() OVER (PARTITION BY risk_id, period ORDER BY version DESC) = 1
        ORDER BY risk_id, period
    """  # noqa: S608 - only a constant sub-query is interpolated
    frame = con.execute(sql, _as_of_params(as_of)).df()
    frame["period"] = pd.to_datetime(frame["period"])
    return frame


def loads(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The load history, newest first."""
    return con.execute("SELECT * FROM loads ORDER BY load_id DESC").df()


_SNAPSHOT_CHANGES = """
WITH touched AS (
    SELECT s.*,
           lag(s.actual) OVER w AS previous_actual,
           lag(s.target) OVER w AS previous_target
    FROM snapshots s
    WHERE (s.measure_id, s.period, s.team) IN (
        SELECT (measure_id, period, team) FROM snapshots WHERE load_id = ?)
    WINDOW w AS (PARTITION BY s.measure_id, s.period, s.team ORDER BY s.version)
)
SELECT measure_id, period, team, version, previous_actual, actual, previous_target, target,
       * EXCLUDE (measure_id, period, team, version, load_id, actual, target,
                  previous_actual, previous_target)
FROM touched
WHERE load_id = ?
ORDER BY measure_id, period, team
"""


def load_changes(con: duckdb.DuckDBPyConnection, load_id: int) -> dict[str, pd.DataFrame]:
    """Exactly what one load wrote, table by table, and what it rejected.

    Snapshots carry the figure they replaced (previous_actual / previous_target; blank when the
    row was new), so a restatement reads "was 286, now 547" without opening another version.
    """
    out = {}
    for table in ("measures", "snapshots", "risk_assessments", "comparators", "load_rejections"):
        sql = (
            _SNAPSHOT_CHANGES
            if table == "snapshots"
            else f"SELECT * EXCLUDE (load_id) FROM {table} WHERE load_id = ?"  # noqa: S608
        )
        params = [load_id, load_id] if table == "snapshots" else [load_id]
        out[table] = con.execute(sql, params).df()
    return out
