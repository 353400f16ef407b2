"""The read side: latest versions (restated keys windowed, the rest read as they are) and team
rows read only for the measures asked for, from a real DuckDB file written by the real loader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from intake.loader import commit, validate_file
from settings.config import Settings
from store import queries
from store.database import read_connection
from store.service import Dataset, load_dataset

MEASURES = (
    "measure_id,name,priority_id,priority_name,frequency,polarity,unit,tolerance,tolerance_type\n"
    "M1,People waiting,P1,Timely,monthly,lower_is_better,count,0.1,relative\n"
    "M2,Reablement,P1,Timely,monthly,higher_is_better,percent,2,absolute\n"
)
HEADER = "measure_id,period,team,actual,target\n"
FIRST = (
    HEADER + "M1,2024-08,,500,500\nM1,2024-09,,512,500\nM1,2024-09,North,300,\n"
    "M1,2024-09,South,212,\nM2,2024-09,,80,75\nM2,2024-09,North,81,\n"
)
SECOND = HEADER + "M1,2024-09,,547,500\nM1,2024-09,North,320,\n"  # restates two figures
THIRD = HEADER + "M1,2024-09,,560,500\n"  # and the whole-measure one again


def _load(settings: Settings, text: str, name: str, when: dt.datetime) -> None:
    validated = validate_file(text.encode(), name, settings)
    assert commit(validated, settings, "tester", loaded_at=when).status == "loaded"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = Settings(db_path=tmp_path / "r.duckdb", backup_dir=tmp_path / "backups", backups_kept=0)
    _load(s, MEASURES, "measures.csv", dt.datetime(2024, 10, 1, 9))
    _load(s, FIRST, "first.csv", dt.datetime(2024, 10, 7, 9))
    _load(s, SECOND, "second.csv", dt.datetime(2024, 10, 14, 9))
    _load(s, THIRD, "third.csv", dt.datetime(2024, 10, 21, 9))
    return s


def _figures(frame) -> list[tuple]:
    return [
        (r.measure_id, f"{r.period:%Y-%m}", r.team, r.version, r.actual, r.restated_from)
        for r in frame.itertuples()
    ]


def test_latest_versions_carry_the_figure_they_replaced(settings: Settings) -> None:
    nan_free = [
        tuple(None if isinstance(x, float) and x != x else x for x in row)
        for row in _figures(_snapshots(settings))
    ]
    assert nan_free == [
        ("M1", "2024-08", "", 1, 500.0, None),
        ("M1", "2024-09", "", 3, 560.0, 547.0),
        ("M2", "2024-09", "", 1, 80.0, None),
    ]


def test_as_of_between_loads_sees_the_figures_of_that_day(settings: Settings) -> None:
    rows = _snapshots(settings, dt.date(2024, 10, 14)).set_index("period")
    sep = rows.loc["2024-09-01"]
    sep = sep[sep["measure_id"] == "M1"].iloc[0]
    assert (sep["actual"], sep["version"], sep["restated_from"]) == (547.0, 2, 512.0)
    assert len(_snapshots(settings, dt.date(2024, 10, 6))) == 0  # before any return was loaded


def test_team_rows_only_for_the_measures_asked_for(settings: Settings) -> None:
    data = load_dataset(settings.db_path)
    assert data.teams == ["North", "South"]
    m2 = data.team_rows(["M2"])
    assert [(r.team, r.actual) for r in m2.itertuples()] == [("North", 81.0)]
    m1 = data.team_rows(["M1"])
    assert [(r.team, r.version, r.actual) for r in m1.itertuples()] == [
        ("North", 2, 320.0),
        ("South", 1, 212.0),
    ]
    assert m1["restated_from"].iloc[0] == 300.0 and m1["restated_from"].isna().iloc[1]
    assert len(data.team_rows([])) == 0
    # The old attribute still holds every team row, now read on first use.
    every = data.team_snapshots
    assert sorted(zip(every["measure_id"], every["team"], strict=True)) == [
        ("M1", "North"),
        ("M1", "South"),
        ("M2", "North"),
    ]


def test_team_rows_respect_as_reported_on(settings: Settings) -> None:
    data = load_dataset(settings.db_path, dt.date(2024, 10, 8))
    north = data.team_rows(["M1"]).set_index("team").loc["North"]
    assert (north["actual"], north["version"]) == (300.0, 1)
    assert load_dataset(settings.db_path, dt.date(2024, 10, 2)).teams == []


def test_an_empty_dataset_has_no_team_rows() -> None:
    empty = Dataset(*(queries.empty_team_snapshots() for _ in range(5)), False, None)
    assert empty.teams == [] and len(empty.team_rows(["M1"])) == 0
    assert list(empty.team_snapshots.columns) == [
        "measure_id",
        "period",
        "team",
        "version",
        "load_id",
        "loaded_at",
        "actual",
        "target",
        "restated_from",
    ]


def _snapshots(settings: Settings, as_of: dt.date | None = None):
    with read_connection(settings.db_path) as con:
        return queries.snapshots(con, as_of)
