"""The DuckDB schema. Created idempotently; the version is recorded so later changes can migrate."""

from __future__ import annotations

import duckdb

SCHEMA_VERSION = 1

_DDL = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER NOT NULL,
    applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS loads (
    load_id INTEGER PRIMARY KEY,
    loaded_at TIMESTAMP NOT NULL,
    loaded_by VARCHAR NOT NULL,
    file_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    kinds VARCHAR NOT NULL,
    rows_accepted INTEGER NOT NULL,
    rows_rejected INTEGER NOT NULL,
    rows_unchanged INTEGER NOT NULL DEFAULT 0,
    periods VARCHAR,
    note VARCHAR
);
CREATE TABLE IF NOT EXISTS load_rejections (
    load_id INTEGER NOT NULL,
    sheet VARCHAR,
    row_number INTEGER,
    column_name VARCHAR,
    value VARCHAR,
    reason VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS priorities (
    priority_id VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    load_id INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    PRIMARY KEY (priority_id, version)
);
CREATE TABLE IF NOT EXISTS measures (
    measure_id VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    load_id INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    priority_id VARCHAR NOT NULL,
    director VARCHAR,
    portfolio_holder VARCHAR,
    frequency VARCHAR NOT NULL,
    polarity VARCHAR NOT NULL,
    unit VARCHAR NOT NULL,
    tolerance DOUBLE NOT NULL,
    tolerance_type VARCHAR NOT NULL,
    description VARCHAR,
    source VARCHAR,
    reporting_months VARCHAR,
    effective_from DATE,
    replaces VARCHAR,
    key_measure BOOLEAN,
    PRIMARY KEY (measure_id, version)
);
CREATE TABLE IF NOT EXISTS snapshots (
    measure_id VARCHAR NOT NULL,
    period DATE NOT NULL,
    team VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    load_id INTEGER NOT NULL,
    actual DOUBLE,
    target DOUBLE,
    ytd_actual DOUBLE,
    ytd_target DOUBLE,
    commentary VARCHAR,
    improvement_plan VARCHAR,
    timeframe VARCHAR,
    finance_impact VARCHAR,
    risk_impact VARCHAR,
    reported_status VARCHAR,
    reported_ytd_status VARCHAR,
    status_note VARCHAR,
    no_data_reason VARCHAR,
    PRIMARY KEY (measure_id, period, team, version)
);
CREATE TABLE IF NOT EXISTS risk_assessments (
    risk_id VARCHAR NOT NULL,
    period DATE NOT NULL,
    version INTEGER NOT NULL,
    load_id INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    description VARCHAR,
    owner VARCHAR,
    inherent_likelihood INTEGER NOT NULL,
    inherent_impact INTEGER NOT NULL,
    residual_likelihood INTEGER NOT NULL,
    residual_impact INTEGER NOT NULL,
    target_likelihood INTEGER,
    target_impact INTEGER,
    controls VARCHAR,
    actions VARCHAR,
    linked_measures VARCHAR,
    PRIMARY KEY (risk_id, period, version)
);
CREATE TABLE IF NOT EXISTS comparators (
    measure_id VARCHAR NOT NULL,
    period DATE NOT NULL,
    comparator VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    load_id INTEGER NOT NULL,
    value DOUBLE,
    PRIMARY KEY (measure_id, period, comparator, version)
);
CREATE TABLE IF NOT EXISTS priority_statuses (
    priority_id VARCHAR NOT NULL,
    period DATE NOT NULL,
    version INTEGER NOT NULL,
    load_id INTEGER NOT NULL,
    priority_status VARCHAR NOT NULL,
    status_note VARCHAR,
    PRIMARY KEY (priority_id, period, version)
);
CREATE TABLE IF NOT EXISTS workstreams (
    workstream_id VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    load_id INTEGER NOT NULL,
    name VARCHAR NOT NULL,
    lead VARCHAR NOT NULL,
    description VARCHAR,
    quality_statements VARCHAR,
    success_measures VARCHAR,
    PRIMARY KEY (workstream_id, version)
);
CREATE TABLE IF NOT EXISTS actions (
    action_id VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    load_id INTEGER NOT NULL,
    title VARCHAR NOT NULL,
    workstream_id VARCHAR,
    owner VARCHAR NOT NULL,
    raised DATE NOT NULL,
    due DATE NOT NULL,
    status VARCHAR NOT NULL,
    progress_note VARCHAR,
    escalated_to VARCHAR,
    closed_on DATE,
    linked_measures VARCHAR,
    linked_risks VARCHAR,
    quality_statements VARCHAR,
    PRIMARY KEY (action_id, version)
);
CREATE TABLE IF NOT EXISTS events (
    date DATE NOT NULL,
    measure_id VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    load_id INTEGER NOT NULL,
    process_change BOOLEAN NOT NULL,
    PRIMARY KEY (date, measure_id, label, version)
);
"""

#: Columns added after a table was first created: databases made before them gain them here.
# Added after version 1 shipped: older files gain the columns (blank = as before).
_ADDED_COLUMNS = """
ALTER TABLE measures ADD COLUMN IF NOT EXISTS reporting_months VARCHAR;
ALTER TABLE measures ADD COLUMN IF NOT EXISTS effective_from DATE;
ALTER TABLE measures ADD COLUMN IF NOT EXISTS replaces VARCHAR;
ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS reported_status VARCHAR;
ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS reported_ytd_status VARCHAR;
ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS status_note VARCHAR;
ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS no_data_reason VARCHAR;
ALTER TABLE measures ADD COLUMN IF NOT EXISTS quality_statements VARCHAR;
ALTER TABLE measures ADD COLUMN IF NOT EXISTS key_measure BOOLEAN;
CREATE TABLE IF NOT EXISTS waiting_lists (
    waiting_list VARCHAR NOT NULL,
    measure_id VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    load_id INTEGER NOT NULL,
    waiting_list_name VARCHAR NOT NULL,
    waiting_role VARCHAR NOT NULL,
    band_from_days DOUBLE,
    band_to_days DOUBLE,
    breakdown VARCHAR,
    PRIMARY KEY (waiting_list, measure_id, version)
);
CREATE TABLE IF NOT EXISTS finance (
    service_area VARCHAR NOT NULL,
    period DATE NOT NULL,
    version INTEGER NOT NULL,
    load_id INTEGER NOT NULL,
    net_budget DOUBLE,
    forecast DOUBLE,
    variance_last_reported DOUBLE,
    savings_planned DOUBLE,
    savings_delivered DOUBLE,
    savings_forecast DOUBLE,
    PRIMARY KEY (service_area, period, version)
);
"""


def fetch_one(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None
) -> tuple | None:
    """First row of a query, consuming the whole result (DuckDB 2 refuses unfinished results)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


#: The newest column and table of each later addition: a file lacking one needs an upgrade.
_NEWEST_COLUMNS = (
    ("snapshots", "no_data_reason"),
    ("measures", "reporting_months"),
    ("measures", "quality_statements"),
    ("measures", "key_measure"),
)
_NEWEST_TABLES = (
    "priority_statuses",
    "workstreams",
    "actions",
    "waiting_lists",
    "finance",
    "events",
)


def needs_upgrade(con: duckdb.DuckDBPyConnection) -> bool:
    """True for a database made before the columns and tables added since (read-only check)."""
    columns = {
        (str(t), str(c))
        for t, c in con.execute("SELECT table_name, column_name FROM duckdb_columns()").fetchall()
    }
    tables = {str(r[0]) for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    return not (set(_NEWEST_COLUMNS) <= columns and set(_NEWEST_TABLES) <= tables)


def ensure_schema(con: duckdb.DuckDBPyConnection) -> int:
    """Create every table if missing and record the schema version once; returns that version."""
    con.execute(_DDL).fetchall()
    con.execute(_ADDED_COLUMNS).fetchall()
    row = fetch_one(con, "SELECT max(version) FROM schema_version")
    current = row[0] if row else None
    if current is None:
        con.execute("INSERT INTO schema_version (version) VALUES (?)", [SCHEMA_VERSION]).fetchall()
        current = SCHEMA_VERSION
    return int(current)
