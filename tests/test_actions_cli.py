"""Overdue on boundary dates and the exact `python -m cli actions --json` document."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli.commands import main
from intake.loader import commit, validate_file
from metrics.vocab import ACTION_STATUSES
from plan.actions import flag_actions, is_overdue
from settings.config import Settings

DUE = dt.date(2025, 6, 30)


@pytest.mark.parametrize(
    ("on", "status", "expected"),
    [
        (dt.date(2025, 6, 29), "on_track", False),
        (dt.date(2025, 6, 30), "on_track", False),  # due today: not yet overdue
        (dt.date(2025, 7, 1), "on_track", True),  # the day after: overdue
        (dt.date(2025, 7, 1), "not_started", True),
        (dt.date(2025, 7, 1), "off_track", True),
        (dt.date(2025, 7, 1), "complete", False),
        (dt.date(2025, 7, 1), "closed", False),
        (dt.date(2026, 7, 1), "closed", False),
    ],
)
def test_overdue_on_boundary_dates(on: dt.date, status: str, expected: bool) -> None:
    assert is_overdue(DUE, status, on) is expected


@given(
    due=st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)),
    on=st.dates(dt.date(2020, 1, 1), dt.date(2030, 1, 1)),
    status=st.sampled_from(ACTION_STATUSES),
)
def test_overdue_rule(due: dt.date, on: dt.date, status: str) -> None:
    assert is_overdue(due, status, on) == (on > due and status not in ("complete", "closed"))


def test_due_soon_is_the_next_fourteen_days_inclusive() -> None:
    frame = pd.DataFrame(
        {
            "due": [dt.date(2025, 7, 1), dt.date(2025, 7, 15), dt.date(2025, 7, 16), DUE],
            "status": ["on_track", "at_risk", "on_track", "on_track"],
            "escalated_to": [None, "DLT", " ", None],
        }
    )
    flagged = flag_actions(frame, dt.date(2025, 7, 1))
    assert flagged["due_soon"].tolist() == [True, True, False, False]
    assert flagged["overdue"].tolist() == [False, False, False, True]
    assert flagged["days_overdue"].tolist() == [0, 0, 0, 1]
    assert flagged["escalated"].tolist() == [False, True, False, False]


MEASURES = (
    "measure_id,name,priority_id,priority_name,frequency,polarity,unit,quality_statements\n"
    "M1,People waiting,P1,Timely,monthly,lower_is_better,count,Assessing needs\n"
    "M2,Safeguarding,P2,Safe,monthly,lower_is_better,count,Safeguarding;QS1\n"
)
RISKS = (
    "risk_id,name,period,inherent_likelihood,inherent_impact,residual_likelihood,residual_impact\n"
    "SR04,Managing demand,2024-09,3,5,2,4\n"
)
WORKSTREAMS = "workstream_id,name,lead,success_measures\nWS1,Timely assessment,Head of Service,M1\n"
ACTIONS = (
    "action_id,title,workstream_id,owner,raised,due,status,progress_note,escalated_to,"
    "closed_on,linked_measures,linked_risks,quality_statements\n"
    "A2,Review backlog,,Sam,2025-03-01,2025-06-30,on_track,,,,,,\n"
    "A1,Clear waiting list,WS1,Jo,2025-03-01,2025-06-29,at_risk,,DLT,,M1;M2,SR04,"
    "Assessing needs;safe systems pathways and transitions\n"
    "A3,Audit,WS1,Kim,2025-03-01,2025-05-31,complete,,,2025-05-30,,,QS1\n"
)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    s = Settings(db_path=tmp_path / "a.duckdb", backup_dir=tmp_path / "b")
    for name, text in (
        ("measures.csv", MEASURES),
        ("risks.csv", RISKS),
        ("workstreams.csv", WORKSTREAMS),
        ("actions.csv", ACTIONS),
    ):
        validated = validate_file(text.encode(), name, s)
        assert validated.ok, [i.describe() for i in validated.rejections]
        commit(validated, s, "tester", loaded_at=dt.datetime(2025, 6, 1, 9))
    return s.db_path


def test_actions_json_contract(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["actions", "--db", str(db), "--on", "2025-06-30", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["on"] == "2025-06-30"
    assert document["actions"] == [
        {
            "action_id": "A1",
            "status": "at_risk",
            "due": "2025-06-29",
            "overdue": True,
            "workstream_id": "WS1",
            "linked_measures": ["M1", "M2"],
            "linked_risks": ["SR04"],
            "quality_statements": ["Assessing needs", "Safe pathways, systems and transitions"],
        },
        {
            "action_id": "A2",
            "status": "on_track",
            "due": "2025-06-30",
            "overdue": False,
            "workstream_id": None,
            "linked_measures": [],
            "linked_risks": [],
            "quality_statements": [],
        },
        {
            "action_id": "A3",
            "status": "complete",
            "due": "2025-05-31",
            "overdue": False,
            "workstream_id": "WS1",
            "linked_measures": [],
            "linked_risks": [],
            "quality_statements": ["Assessing needs"],
        },
    ]
    by = document["by_quality_statement"]
    assert list(by) == [
        "Assessing needs",
        "Supporting people to lead healthier lives",
        "Equity in experience and outcomes",
        "Care provision, integration and continuity",
        "Partnerships and communities",
        "Safe pathways, systems and transitions",
        "Safeguarding",
        "Governance, management and sustainability",
        "Learning, improvement and innovation",
    ]
    assert by["Assessing needs"] == {"measures": ["M1", "M2"], "actions": ["A1", "A3"]}
    assert by["Safeguarding"] == {"measures": ["M2"], "actions": []}
    assert by["Safe pathways, systems and transitions"] == {"measures": [], "actions": ["A1"]}
    assert by["Partnerships and communities"] == {
        "measures": [],
        "actions": [],
    }


def test_actions_on_the_next_day_makes_the_due_today_action_overdue(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["actions", "--db", str(db), "--on", "2025-07-01", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert {a["action_id"]: a["overdue"] for a in document["actions"]} == {
        "A1": True,
        "A2": True,
        "A3": False,
    }


def test_actions_as_of_before_any_load_is_empty(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["actions", "--db", str(db), "--on", "2025-07-01", "--as-of", "2025-05-31", "--json"])
        == 0
    )
    assert json.loads(capsys.readouterr().out)["actions"] == []


def test_actions_bad_date_and_missing_db_exit_2(
    tmp_path: Path, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["actions", "--db", str(db), "--on", "30/06/2025"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert main(["actions", "--db", str(tmp_path / "none.duckdb"), "--on", "2025-06-30"]) == 2
    assert "No database" in capsys.readouterr().err


def test_actions_without_json_prints_one_line_each(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["actions", "--db", str(db), "--on", "2025-07-01"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Actions on 2025-07-01: 3"
    assert lines[1].split() == ["A1", "at_risk", "due", "2025-06-29", "OVERDUE"]
    assert lines[3].split() == ["A3", "complete", "due", "2025-05-31"]
