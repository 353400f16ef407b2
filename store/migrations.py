"""Numbered schema migrations: each step is frozen SQL, run once, recorded with its time.

A database records the steps applied to it in `schema_version`. Every release before
migrations recorded only version 1 whatever its tables held, so every later step is written
to be harmless on a file that already has its change (`IF NOT EXISTS`): a version-1 file
from any earlier release upgrades to the same schema as a new one. Never edit a step that
has shipped; add the next number.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    """One numbered step: what it is for, and the SQL that makes it."""

    version: int
    name: str
    sql: str


_INITIAL = """
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
"""

# The columns keep the order a new database has always had (reporting_months first), so a
# file built from the demo is identical column by column to one built before migrations.
_REPORTED_STATUSES_AND_DATED_DEFINITIONS = """
ALTER TABLE measures ADD COLUMN IF NOT EXISTS reporting_months VARCHAR;
ALTER TABLE measures ADD COLUMN IF NOT EXISTS effective_from DATE;
ALTER TABLE measures ADD COLUMN IF NOT EXISTS replaces VARCHAR;
ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS reported_status VARCHAR;
ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS reported_ytd_status VARCHAR;
ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS status_note VARCHAR;
ALTER TABLE snapshots ADD COLUMN IF NOT EXISTS no_data_reason VARCHAR;
"""

_PRIORITY_STATUSES = """
CREATE TABLE IF NOT EXISTS priority_statuses (
    priority_id VARCHAR NOT NULL,
    period DATE NOT NULL,
    version INTEGER NOT NULL,
    load_id INTEGER NOT NULL,
    priority_status VARCHAR NOT NULL,
    status_note VARCHAR,
    PRIMARY KEY (priority_id, period, version)
);
"""

_EVENTS_AND_KEY_MEASURES = """
ALTER TABLE measures ADD COLUMN IF NOT EXISTS key_measure BOOLEAN;
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

_IMPROVEMENT_PLAN = """
ALTER TABLE measures ADD COLUMN IF NOT EXISTS quality_statements VARCHAR;
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
"""

_WAITING_LISTS_AND_FINANCE = """
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

#: Every step, in the order it runs. The last number is the schema version of this release.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial tables: loads, priorities, measures, snapshots, risks", _INITIAL),
    Migration(
        2,
        "reported statuses, no-data reasons and dated definitions",
        _REPORTED_STATUSES_AND_DATED_DEFINITIONS,
    ),
    Migration(3, "priority statuses", _PRIORITY_STATUSES),
    Migration(4, "events and key measures", _EVENTS_AND_KEY_MEASURES),
    Migration(5, "improvement plan: workstreams, actions, quality statements", _IMPROVEMENT_PLAN),
    Migration(6, "waiting lists and finance", _WAITING_LISTS_AND_FINANCE),
)

LATEST = MIGRATIONS[-1].version
