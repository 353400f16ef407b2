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
CREATE TABLE IF NOT EXISTS events (
    date DATE NOT NULL,
    measure_id VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    version INTEGER NOT NULL,
    load_id INTEGER NOT NULL,
    process_change BOOLEAN NOT NULL,
    PRIMARY KEY (date, measure_id, label, version)
);
-- Added after the first release: a database made before it gains the column here.
ALTER TABLE measures ADD COLUMN IF NOT EXISTS key_measure BOOLEAN;
"""


def fetch_one(
    con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None
) -> tuple | None:
    """First row of a query, consuming the whole result (DuckDB 2 refuses unfinished results)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


def ensure_schema(con: duckdb.DuckDBPyConnection) -> int:
    """Create every table if missing and record the schema version once; returns that version."""
    con.execute(_DDL).fetchall()
    row = fetch_one(con, "SELECT max(version) FROM schema_version")
    current = row[0] if row else None
    if current is None:
        con.execute("INSERT INTO schema_version (version) VALUES (?)", [SCHEMA_VERSION]).fetchall()
        current = SCHEMA_VERSION
    return int(current)
