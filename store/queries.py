"""Read-side SQL: the latest version of everything, optionally as it stood on a given date.

Pages never write SQL; they call these (through a cache keyed on the database version).
"""

from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

# Team rows carry figures only: leaving their (empty) text columns out of the read keeps a
# large team breakdown cheap to turn into pandas.
_TEXT_COLUMNS = """s.ytd_actual, s.ytd_target, s.commentary, s.improvement_plan, s.timeframe,
           s.finance_impact, s.risk_impact, s.reported_status, s.reported_ytd_status,
           s.status_note, s.no_data_reason,"""
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
               m.tolerance_type, m.description, m.source, m.effective_from, m.replaces,
               coalesce(m.key_measure, false) AS key_measure
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

    Most figures are never restated, so the window (lag / row_number over every version) runs
    only on the keys that have more than one version; the rest are read as they are. On 120,000
    whole-measure rows that is about 4x cheaper than windowing all of them, for the same rows.
    """
    params = [*_as_of_params(as_of), teams, measure_ids, measure_ids]
    frame = con.execute(_SNAPSHOTS.format(text=_NO_TEXT if teams else _TEXT_COLUMNS), params).df()
    frame["period"] = pd.to_datetime(frame["period"])
    return frame


# {text} is one of two constant column lists above, never user input.
_SNAPSHOTS = f"""
    WITH base AS (
        SELECT * FROM snapshots s
        WHERE s.load_id IN {_AS_OF}
          AND (CASE WHEN ? THEN s.team <> '' ELSE s.team = '' END)
          AND (? IS NULL OR list_contains(?, s.measure_id))
    ), restated AS (
        SELECT measure_id, period, team FROM base GROUP BY ALL HAVING count(*) > 1
    ), s AS (
        SELECT b.*, NULL::DOUBLE AS restated_from
        FROM base b ANTI JOIN restated r USING (measure_id, period, team)
        UNION ALL BY NAME
        SELECT b.*, lag(b.actual) OVER w AS restated_from
        FROM base b SEMI JOIN restated r USING (measure_id, period, team)
        WINDOW w AS (PARTITION BY b.measure_id, b.period, b.team ORDER BY b.version)
        QUALIFY row_number() OVER (
            PARTITION BY b.measure_id, b.period, b.team ORDER BY b.version DESC) = 1
    )
    SELECT s.measure_id, s.period, s.team, s.version, s.load_id, l.loaded_at, s.actual,
           s.target, {{text}} s.restated_from
    FROM s JOIN loads l USING (load_id)
    ORDER BY s.measure_id, s.team, s.period
"""  # noqa: S608 - only a constant sub-query is interpolated


def team_names(
    con: duckdb.DuckDBPyConnection,
    as_of: dt.date | None = None,
    not_teams: list[str] | None = None,
) -> list[str]:
    """Teams with at least one team row (loaded by `as_of`), sorted: the sidebar's filter.

    `not_teams` are measures whose breakdown rows are something else (DoLS by priority).
    """
    sql = f"""
        SELECT DISTINCT team FROM snapshots
        WHERE team <> '' AND load_id IN {_AS_OF}
          AND NOT list_contains(?::VARCHAR[], measure_id)
        ORDER BY team
    """  # noqa: S608 - only a constant sub-query is interpolated
    params = [*_as_of_params(as_of), list(not_teams or [])]
    return [row[0] for row in con.execute(sql, params).fetchall()]


def empty_team_snapshots() -> pd.DataFrame:
    """The team-rows frame with no rows (an empty database), typed as `snapshots(teams=True)`."""
    frame = pd.DataFrame(
        {
            "measure_id": pd.Series(dtype="str"),
            "period": pd.Series(dtype="datetime64[us]"),
            "team": pd.Series(dtype="str"),
            "version": pd.Series(dtype="int32"),
            "load_id": pd.Series(dtype="int32"),
            "loaded_at": pd.Series(dtype="datetime64[us]"),
            "actual": pd.Series(dtype="float64"),
            "target": pd.Series(dtype="float64"),
            "restated_from": pd.Series(dtype="float64"),
        }
    )
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
