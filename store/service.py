"""Read everything a page or export needs in one place: catalogue, statuses, risks, comparators.

Callers cache the result per database version; nothing here knows about Streamlit. Team rows
are the bulk of a large database (20 teams: 95% of the snapshots), so they are not read up
front: a page asks for the few measures it draws (`Dataset.team_rows`) and DuckDB reads only
those, while the sidebar's team list comes from one small SQL aggregate.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import duckdb
import pandas as pd

from metrics.definitions import timeline
from metrics.report import measure_statuses
from metrics.waiting_lists import non_team_measures
from store import queries
from store.database import read_connection
from store.reads import (
    definition_versions,
    read_events,
    read_finance,
    read_waiting_lists,
    reported_priority_statuses,
)
from store.reference import is_demo


@dataclass(frozen=True, eq=False)
class Dataset:
    """The database as of one date: the frames every page composes.

    `team_rows(ids)` reads team figures on demand from `path` (short-lived read-only
    connections, as every other read) and keeps them per measure list. If a load replaces the
    file between the dataset's read and a page's first team read, that page's team rows come
    from the new file for one run; the next run gets a new Dataset (callers cache per version).
    """

    catalogue: pd.DataFrame
    statuses: pd.DataFrame
    comparators: pd.DataFrame
    risks: pd.DataFrame
    loads: pd.DataFrame
    demo: bool
    as_of: dt.date | None
    #: Team names with at least one team row, sorted (the sidebar's team filter).
    teams: list[str] = field(default_factory=list)
    #: The file to read team rows from; None means there are none (an empty database).
    path: Path | None = None
    _team_cache: dict[tuple[str, ...] | None, pd.DataFrame] = field(
        default_factory=dict, repr=False
    )
    _team_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    #: Priority statuses as the council reported them (metrics.priority_status).
    priority_reports: pd.DataFrame | None = None
    #: Each measure's definition timeline (metrics.definitions.timeline).
    definitions: pd.DataFrame | None = None
    #: Waiting-list families (metrics.waiting_lists) and finance rows (metrics.finance).
    waiting_lists: pd.DataFrame = field(default_factory=pd.DataFrame)
    finance: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: Dated notes for the charts (events.csv); process changes start new SPC limits.
    events: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def periods(self) -> list[pd.Timestamp]:
        """Periods with at least one whole-measure snapshot, oldest first."""
        return sorted(self.statuses["period"].unique()) if len(self.statuses) else []

    @property
    def latest_period(self) -> pd.Timestamp | None:
        return self.periods[-1] if self.periods else None

    def team_rows(self, measure_ids: Iterable[str] | None = None) -> pd.DataFrame:
        """Latest team figures for these measures (all measures when None), read on first use."""
        key = None if measure_ids is None else tuple(sorted(set(measure_ids)))
        with self._team_lock:  # Streamlit sessions share one cached Dataset across threads
            if key not in self._team_cache:
                self._team_cache[key] = self._read_teams(None if key is None else list(key))
            return self._team_cache[key]

    @cached_property
    def team_snapshots(self) -> pd.DataFrame:
        """Every team row (the old, eager attribute); prefer `team_rows(ids)`, far cheaper."""
        return self.team_rows(None)

    def _read_teams(self, measure_ids: list[str] | None) -> pd.DataFrame:
        if self.path is None or not self.teams or measure_ids == []:
            return queries.empty_team_snapshots()
        with read_connection(self.path) as con:
            return queries.snapshots(con, self.as_of, teams=True, measure_ids=measure_ids)


def load_dataset(path: Path, as_of: dt.date | None = None) -> Dataset:
    """One read of the database (short-lived read-only connection) into plain DataFrames.

    A database made by an earlier release is upgraded when it opens (store.database).
    """
    with read_connection(path) as con:
        return _read(con, as_of, path)


def _read(con: duckdb.DuckDBPyConnection, as_of: dt.date | None, path: Path) -> Dataset:
    catalogue = queries.measures(con, as_of)
    snapshots = queries.snapshots(con, as_of)
    segments = timeline(definition_versions(con, as_of))
    waiting_lists = read_waiting_lists(con, as_of)
    return Dataset(
        catalogue=catalogue,
        statuses=measure_statuses(snapshots, catalogue, segments),
        comparators=queries.comparators(con, as_of),
        risks=queries.risk_assessments(con, as_of),
        loads=queries.loads(con),
        demo=is_demo(con),
        as_of=as_of,
        priority_reports=reported_priority_statuses(con, as_of),
        definitions=segments,
        teams=queries.team_names(con, as_of, non_team_measures(waiting_lists)),
        path=path,
        waiting_lists=waiting_lists,
        finance=read_finance(con, as_of),
        events=read_events(con, as_of),
    )
