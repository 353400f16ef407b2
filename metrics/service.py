"""Read everything a page or export needs in one place: catalogue, statuses, risks, comparators.

Callers cache the result per database version; nothing here knows about Streamlit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from metrics import queries
from metrics.config import get_settings
from metrics.definitions import definition_versions, timeline
from metrics.demo import is_demo
from metrics.priority_status import reported_priority_statuses
from metrics.report import measure_statuses
from metrics.schema import needs_upgrade
from metrics.store import read_connection, write_transaction


@dataclass(frozen=True)
class Dataset:
    """The database as of one date: the frames every page composes."""

    catalogue: pd.DataFrame
    statuses: pd.DataFrame
    team_snapshots: pd.DataFrame
    comparators: pd.DataFrame
    risks: pd.DataFrame
    loads: pd.DataFrame
    demo: bool
    as_of: dt.date | None
    #: Priority statuses as the council reported them (metrics.priority_status).
    priority_reports: pd.DataFrame | None = None
    #: Each measure's definition timeline (metrics.definitions.timeline).
    definitions: pd.DataFrame | None = None

    @property
    def periods(self) -> list[pd.Timestamp]:
        """Periods with at least one whole-measure snapshot, oldest first."""
        return sorted(self.statuses["period"].unique()) if len(self.statuses) else []

    @property
    def latest_period(self) -> pd.Timestamp | None:
        return self.periods[-1] if self.periods else None


def upgrade(path: Path) -> None:
    """Add the columns and tables a database made by an earlier version lacks.

    Done as an empty load (a locked copy swapped in atomically, backed up first), so readers
    never meet a half-changed file.
    """
    settings = get_settings().model_copy(update={"db_path": path})
    with write_transaction(settings):
        pass  # write_transaction runs ensure_schema on the copy


def load_dataset(path: Path, as_of: dt.date | None = None) -> Dataset:
    """One read of the database (short-lived read-only connection) into plain DataFrames.

    A database made by an earlier version is upgraded first (see `upgrade`).
    """
    with read_connection(path) as con:
        try:
            return _read(con, as_of)
        except duckdb.BinderException:  # a column this version reads is missing
            if not needs_upgrade(con):
                raise
    upgrade(path)
    with read_connection(path) as con:
        return _read(con, as_of)


def _read(con: duckdb.DuckDBPyConnection, as_of: dt.date | None) -> Dataset:
    catalogue = queries.measures(con, as_of)
    snapshots = queries.snapshots(con, as_of)
    segments = timeline(definition_versions(con, as_of))
    return Dataset(
        catalogue=catalogue,
        statuses=measure_statuses(snapshots, catalogue, segments),
        team_snapshots=queries.snapshots(con, as_of, teams=True),
        comparators=queries.comparators(con, as_of),
        risks=queries.risk_assessments(con, as_of),
        loads=queries.loads(con),
        demo=is_demo(con),
        as_of=as_of,
        priority_reports=reported_priority_statuses(con, as_of),
        definitions=segments,
    )
