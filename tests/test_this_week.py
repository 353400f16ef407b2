"""The weekly digest on a small database whose every load date is known."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from intake.loader import commit, validate_file
from plan.this_week import week_digest
from settings.config import Settings

MEASURES = (
    "measure_id,name,priority_id,priority_name,frequency,polarity,unit,tolerance\n"
    "M1,Waiting,P1,Timely,monthly,lower_is_better,count,0.1\n"
    "M2,Reablement,P1,Timely,monthly,higher_is_better,percent,0.1\n"
)
RISK_HEADER = (
    "risk_id,name,period,inherent_likelihood,inherent_impact,residual_likelihood,residual_impact\n"
)
ACTION_HEADER = "action_id,title,owner,raised,due,status,escalated_to,closed_on\n"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Week 1 (loads on 3 Mar 2025): Sep figures; week 2 (10-11 Mar): Oct figures and updates."""
    s = Settings(db_path=tmp_path / "w.duckdb", backup_dir=tmp_path / "b")
    loads = [
        ("measures.csv", MEASURES, dt.datetime(2025, 3, 3, 9)),
        (
            "returns_sep.csv",
            "measure_id,period,actual,target\nM1,2024-09,130,100\nM2,2024-09,80,75\n",
            dt.datetime(2025, 3, 3, 10),
        ),
        ("risks_sep.csv", RISK_HEADER + "R1,Demand,2024-09,4,4,3,4\n", dt.datetime(2025, 3, 3, 11)),
        (
            "actions.csv",
            ACTION_HEADER
            + "A1,Clear list,Jo,2025-01-06,2025-03-10,on_track,,\n"
            + "A2,Audit,Sam,2025-01-06,2025-03-24,at_risk,,\n"
            + "A3,Review,Kim,2025-01-06,2025-03-25,on_track,,\n",
            dt.datetime(2025, 3, 3, 12),
        ),
        (
            "returns_oct.csv",
            # M1 Red -> Green (stops being an exception); M2 Green -> Red (becomes one).
            "measure_id,period,actual,target\nM1,2024-10,95,100\nM2,2024-10,60,75\n",
            dt.datetime(2025, 3, 10, 9),
        ),
        (
            "risks_oct.csv",
            RISK_HEADER + "R1,Demand,2024-10,4,4,2,4\n",
            dt.datetime(2025, 3, 10, 9, 5),
        ),
        (
            "actions_update.csv",
            ACTION_HEADER
            + "A1,Clear list,Jo,2025-01-06,2025-03-10,complete,,2025-03-10\n"
            + "A2,Audit,Sam,2025-01-06,2025-03-24,off_track,DLT,\n"
            + "A3,Review,Kim,2025-01-06,2025-03-25,on_track,,\n",
            dt.datetime(2025, 3, 11, 9),
        ),
    ]
    for name, text, when in loads:
        validated = validate_file(text.encode(), name, s)
        assert validated.ok, [i.describe() for i in validated.rejections]
        commit(validated, s, "tester", loaded_at=when)
    return s.db_path


def test_week_two_digest(db: Path) -> None:
    d = week_digest(db, dt.date(2025, 3, 10), dt.date(2025, 3, 11))
    assert list(d.loads["file_name"]) == ["returns_oct.csv", "risks_oct.csv", "actions_update.csv"]
    assert d.restatements.empty
    assert list(d.became_exceptions["measure_id"]) == ["M2"]
    assert list(d.stopped_exceptions["measure_id"]) == ["M1"]
    changes = d.status_changes.set_index("measure_id")
    assert changes.loc["M1", ["status_before", "status"]].tolist() == ["red", "green"]
    assert changes.loc["M2", ["status_before", "status"]].tolist() == ["green", "red"]
    assert list(d.actions_closed["action_id"]) == ["A1"]
    assert list(d.actions_escalated["action_id"]) == ["A2"]
    # Judged on 11 Mar: A2 (24 Mar) and A3 (25 Mar) fall within 14 days (to 25 Mar inclusive).
    assert list(d.actions_due_soon["action_id"]) == ["A2", "A3"]
    assert d.actions_overdue.empty  # A1 was due 10 Mar but is complete
    moved = d.risks_moved.iloc[0]
    assert (moved["risk_id"], moved["score_before"], moved["score"]) == ("R1", 12, 8)


def test_week_one_has_no_before_so_nothing_moved_or_changed(db: Path) -> None:
    d = week_digest(db, dt.date(2025, 3, 3), dt.date(2025, 3, 9))
    assert len(d.loads) == 4
    assert list(d.became_exceptions["measure_id"]) == ["M1"]  # Red on its first figure
    assert d.status_changes.empty and d.risks_moved.empty
    # Judged on 9 Mar nothing is overdue yet; on the 11th A1 would be, but it was done.
    assert d.actions_overdue.empty


def test_overdue_when_the_update_is_not_yet_loaded(db: Path) -> None:
    d = week_digest(db, dt.date(2025, 3, 4), dt.date(2025, 3, 10))
    # As reported on 10 Mar A1 is still on_track and due that day: due today is not overdue.
    assert d.actions_overdue.empty
    d = week_digest(db, dt.date(2025, 3, 4), dt.date(2025, 3, 11))
    assert d.actions_overdue.empty  # the 11 Mar update completed it


def test_since_after_the_meeting_is_refused(db: Path) -> None:
    with pytest.raises(ValueError, match="is after the meeting date"):
        week_digest(db, dt.date(2025, 3, 12), dt.date(2025, 3, 11))
