"""Read everything a page or export needs in one place: catalogue, statuses, risks, comparators.

Callers cache the result per database version; nothing here knows about Streamlit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from metrics import queries
from metrics.demo import is_demo
from metrics.events import read_events
from metrics.report import measure_statuses
from metrics.store import read_connection


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
    #: Dated notes for the charts (events.csv); process changes start new SPC limits.
    events: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def periods(self) -> list[pd.Timestamp]:
        """Periods with at least one whole-measure snapshot, oldest first."""
        return sorted(self.statuses["period"].unique()) if len(self.statuses) else []

    @property
    def latest_period(self) -> pd.Timestamp | None:
        return self.periods[-1] if self.periods else None


def load_dataset(path: Path, as_of: dt.date | None = None) -> Dataset:
    """One read of the database (short-lived read-only connection) into plain DataFrames."""
    with read_connection(path) as con:
        catalogue = queries.measures(con, as_of)
        snapshots = queries.snapshots(con, as_of)
        teams = queries.snapshots(con, as_of, teams=True)
        comparators = queries.comparators(con, as_of)
        risks = queries.risk_assessments(con, as_of)
        loads = queries.loads(con)
        demo = is_demo(con)
        events = read_events(con, as_of)
    return Dataset(
        catalogue=catalogue,
        statuses=measure_statuses(snapshots, catalogue),
        team_snapshots=teams,
        comparators=comparators,
        risks=risks,
        loads=loads,
        demo=demo,
        as_of=as_of,
        events=events,
    )
