"""Item 5 of issue 17: one session changing the data it got cannot change another session's."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.plan_state import _cached_plan
from dashboard.shared import own
from dashboard.state import _cached_dataset, dataset
from settings.config import get_settings
from store.database import db_version


def test_a_session_writing_to_its_frames_leaves_the_next_session_s_alone(demo_env: Path) -> None:
    settings = get_settings()
    key = (str(settings.db_path), db_version(settings.db_path), None)
    shared = _cached_dataset(*key)
    assert _cached_dataset(*key) is shared  # one object for every session in the process
    first = dataset(settings, None)
    before = float(shared.statuses.loc[0, "actual"])
    teams_before = float(shared.team_rows(["ASC-WL01"])["actual"].sum())
    # One session scribbles on everything it was handed.
    first.statuses.loc[0, "actual"] = -1.0
    first.statuses["scribble"] = 1
    del first.catalogue["name"]
    teams = first.team_rows(["ASC-WL01"])
    teams.loc[:, "actual"] = 0.0
    second = dataset(settings, None)
    for seen in (shared, second):
        assert float(seen.statuses.loc[0, "actual"]) == before != -1.0
        assert "scribble" not in seen.statuses.columns
        assert "name" in seen.catalogue.columns
        assert float(seen.team_rows(["ASC-WL01"])["actual"].sum()) == teams_before > 0


def test_the_plan_frames_are_a_session_s_own(demo_env: Path) -> None:
    settings = get_settings()
    cached = _cached_plan(str(settings.db_path), db_version(settings.db_path), None)
    titles = cached.actions["title"].tolist()
    mine = own(cached)
    mine.actions.loc[:, "title"] = "changed"
    assert cached.actions["title"].tolist() == titles
    assert "changed" not in titles


def test_own_copies_a_frame_lazily_and_leaves_plain_values_alone() -> None:
    frame = pd.DataFrame({"x": [1, 2]})
    copy = own(frame)
    copy.loc[0, "x"] = 9
    assert frame["x"].tolist() == [1, 2]
    assert copy["x"].tolist() == [9, 2]
    assert own("text") == "text"
