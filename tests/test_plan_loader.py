"""Actions, workstreams and quality statements: validation, versions, as-reported history."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intake.loader import commit, validate_file
from plan import queries as plan_queries
from plan.quality import resolve, statements
from settings.config import Settings
from store.database import read_connection

MEASURES = (
    "measure_id,name,priority_id,priority_name,frequency,polarity,unit,quality_statements\n"
    "M1,People waiting,P1,Timely,monthly,lower_is_better,count,Assessing needs\n"
    "M2,Reablement,P1,Timely,monthly,higher_is_better,percent,"
    "safe systems pathways & transitions; QS7\n"
)
RISKS = (
    "risk_id,name,period,inherent_likelihood,inherent_impact,residual_likelihood,residual_impact\n"
    "SR04,Managing demand,2024-09,3,5,2,4\n"
)
WORKSTREAMS = (
    "workstream_id,name,lead,description,quality_statements,success_measures\n"
    "WS1,Timely assessment,Head of Service,Clear the waiting list,Assessing needs,M1;M2\n"
)
ACTION_HEADER = (
    "action_id,title,workstream_id,owner,raised,due,status,progress_note,escalated_to,"
    "closed_on,linked_measures,linked_risks,quality_statements\n"
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Measures, one risk and one workstream loaded."""
    s = Settings(db_path=tmp_path / "p.duckdb", backup_dir=tmp_path / "backups", backups_kept=3)
    for name, text, day in (
        ("measures.csv", MEASURES, 1),
        ("risks.csv", RISKS, 1),
        ("workstreams.csv", WORKSTREAMS, 2),
    ):
        validated = validate_file(text.encode(), name, s)
        assert validated.ok, [i.describe() for i in validated.rejections]
        commit(validated, s, "tester", loaded_at=dt.datetime(2025, 3, day, 9))
    return s


def _check(settings: Settings, text: str, name: str = "actions.csv"):
    return validate_file(text.encode(), name, settings)


def _reasons(validated) -> list[str]:
    return [f"{i.row}|{i.column}|{i.reason}" for i in validated.rejections]


def test_reference_has_nine_statements_under_four_themes_with_published_scores() -> None:
    published = [(s.name, s.score, s.rating) for s in statements()]
    assert [score for _, score, _ in published] == [2, 2, 2, 2, 3, 3, 3, 3, 3]
    assert len({s.theme for s in statements()}) == 4
    assert published[5] == ("Safe pathways, systems and transitions", 3, "Good")
    assert published[0] == ("Assessing needs", 2, "Requires Improvement")


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("Safe systems, pathways and transitions", "Safe pathways, systems and transitions"),
        ("EQUITY IN EXPERIENCES & OUTCOMES", "Equity in experience and outcomes"),
        ("care provision integration and continuity", "Care provision, integration and continuity"),
        ("qs9", "Learning, improvement and innovation"),
    ],
)
def test_aliases_resolve_to_the_published_name(spelling: str, name: str) -> None:
    assert resolve(spelling).name == name


def test_measures_store_canonical_statement_names(settings: Settings) -> None:
    with read_connection(settings.db_path) as con:
        links = plan_queries.measure_statements(con)
    assert dict(zip(links["measure_id"], links["quality_statements"], strict=True)) == {
        "M1": "Assessing needs",
        "M2": "Safe pathways, systems and transitions;Safeguarding",
    }


def test_unknown_statement_on_a_measure_refuses_the_row(settings: Settings) -> None:
    text = MEASURES.replace("Assessing needs", "Assessing wants")
    validated = _check(settings, text, "measures.csv")
    assert validated.rows_rejected == 1
    assert _reasons(validated) == [
        "2|quality_statements|unknown quality statement 'Assessing wants': use one of the 9 CQC "
        "statements (e.g. 'Assessing needs') or QS1–QS9"
    ]


def test_a_good_action_is_accepted_with_its_lists_tidied(settings: Settings) -> None:
    validated = _check(
        settings,
        ACTION_HEADER + "A1,Clear backlog,WS1,Jo Bloggs,2025-03-03,2025-06-30,on_track,"
        "Started,,,M1; M1 ;M2,SR04,assessing needs;QS1\n",
    )
    assert validated.ok, _reasons(validated)
    row = validated.frames["actions"].iloc[0]
    assert (row["linked_measures"], row["linked_risks"], row["quality_statements"]) == (
        "M1;M2",
        "SR04",
        "Assessing needs",
    )
    assert row["due"] == dt.date(2025, 6, 30)


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (
            "A1,T,WS9,Jo,2025-03-03,2025-06-30,on_track,,,,,,",
            "2|workstream_id|unknown workstream_id 'WS9': load workstreams first",
        ),
        (
            "A1,T,,Jo,2025-03-03,2025-06-30,on_track,,,,M1;M7,,",
            "2|linked_measures|unknown measure 'M7': add it to measures first",
        ),
        (
            "A1,T,,Jo,2025-03-03,2025-06-30,on_track,,,,,SR04;SR99,",
            "2|linked_risks|unknown risk 'SR99': load the risk register first",
        ),
        (
            "A1,T,,Jo,2025-03-03,2025-06-30,on_track,,,,,,Leadership",
            "2|quality_statements|unknown quality statement 'Leadership': use one of the 9 CQC "
            "statements (e.g. 'Assessing needs') or QS1–QS9",
        ),
        (
            "A1,T,,Jo,2025-03-03,2025-02-28,on_track,,,,,,",
            "2|due|is before the action was raised (2025-03-03)",
        ),
        (
            "A1,T,,Jo,2025-03-03,2025-06-30,on_track,,,2025-04-01,,,",
            "2|closed_on|is given but the status is on_track: a closing date needs status "
            "complete or closed",
        ),
        (
            "A1,T,,Jo,03/03/2025,2025-06-30,on_track,,,,,,",
            "2|raised|must be a date YYYY-MM-DD (e.g. 2025-03-31), got '03/03/2025'",
        ),
        (
            "A1,T,,Jo,2025-03-03,2025-06-30,done,,,,,,",
            "2|status|must be one of not_started, on_track, at_risk, off_track, complete, "
            "closed, got 'done'",
        ),
        ("A1,T,,,2025-03-03,2025-06-30,on_track,,,,,,", "2|owner|is required and was blank"),
    ],
)
def test_bad_action_rows_are_refused_with_the_reason(
    settings: Settings, cells: str, expected: str
) -> None:
    validated = _check(settings, ACTION_HEADER + cells + "\n")
    assert validated.rows_rejected == 1
    assert _reasons(validated) == [expected]
    assert "actions" not in validated.frames


def test_a_workstream_with_an_unknown_success_measure_is_refused(settings: Settings) -> None:
    validated = _check(settings, WORKSTREAMS.replace("M1;M2", "M1;M9"), "workstreams.csv")
    assert _reasons(validated) == [
        "2|success_measures|unknown measure 'M9': add it to measures first"
    ]


def test_an_action_may_link_a_workstream_in_the_same_workbook(settings: Settings) -> None:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "workstreams"
    book.active.append(WORKSTREAMS.splitlines()[0].split(","))
    book.active.append(["WS2", "Carers", "Head of Carers", "", "", "M1"])
    actions = book.create_sheet("actions")
    actions.append(ACTION_HEADER.strip().split(","))
    actions.append(["A9", "Carers' offer", "WS2", "Sam", "2025-03-03", "2025-09-30", "on_track"])
    out = io.BytesIO()
    book.save(out)
    validated = validate_file(out.getvalue(), "plan.xlsx", settings)
    assert validated.ok, _reasons(validated)
    assert validated.kinds == ["workstreams", "actions"]


def _load_actions(settings: Settings, text: str, day: dt.datetime) -> str:
    validated = _check(settings, ACTION_HEADER + text)
    assert validated.ok, _reasons(validated)
    return commit(validated, settings, "tester", loaded_at=day).message


def test_reloaded_action_is_a_new_version_and_unchanged_is_not(settings: Settings) -> None:
    first = "A1,Clear backlog,WS1,Jo,2025-03-03,2025-06-30,on_track,Started,,,M1,,\n"
    second = "A1,Clear backlog,WS1,Jo,2025-03-03,2025-06-30,at_risk,Agency late,DLT,,M1,,\n"
    assert "loaded 1 new" in _load_actions(settings, first, dt.datetime(2025, 3, 10, 9))
    # Same content in a different file (a new row order/whitespace) is not a new version.
    message = _load_actions(
        settings, first.replace("Started", " Started "), dt.datetime(2025, 3, 11)
    )
    assert "loaded 0 new or changed row(s), 1 unchanged" in message
    _load_actions(settings, second, dt.datetime(2025, 3, 17, 9))
    with read_connection(settings.db_path) as con:
        history = plan_queries.action_history(con, "A1")
        latest = plan_queries.actions(con)
    assert list(history["version"]) == [1, 2]
    assert list(history["status"]) == ["on_track", "at_risk"]
    assert list(history["progress_note"]) == ["Started", "Agency late"]
    assert latest.iloc[0]["status"] == "at_risk" and latest.iloc[0]["escalated_to"] == "DLT"


def test_as_reported_view_of_an_action_history(settings: Settings) -> None:
    _load_actions(
        settings,
        "A1,Clear backlog,WS1,Jo,2025-03-03,2025-06-30,on_track,Started,,,,,\n",
        dt.datetime(2025, 3, 10, 9),
    )
    _load_actions(
        settings,
        "A1,Clear backlog,WS1,Jo,2025-03-03,2025-06-30,off_track,Slipped,JCE,,,,\n",
        dt.datetime(2025, 3, 17, 9),
    )
    _load_actions(
        settings,
        "A1,Clear backlog,WS1,Jo,2025-03-03,2025-06-30,complete,Done,JCE,2025-03-20,,,\n",
        dt.datetime(2025, 3, 24, 9),
    )
    with read_connection(settings.db_path) as con:
        assert plan_queries.actions(con, dt.date(2025, 3, 9)).empty
        on_10th = plan_queries.actions(con, dt.date(2025, 3, 10))
        on_20th = plan_queries.actions(con, dt.date(2025, 3, 20))
        log_20th = plan_queries.action_history(con, "A1", dt.date(2025, 3, 20))
        log_now = plan_queries.action_history(con, "A1")
    assert on_10th.iloc[0]["status"] == "on_track"
    assert on_20th.iloc[0]["status"] == "off_track"
    assert on_20th.iloc[0]["closed_on"] is None
    assert list(log_20th["progress_note"]) == ["Started", "Slipped"]
    assert list(log_now["status"]) == ["on_track", "off_track", "complete"]
    assert log_now.iloc[2]["closed_on"] == dt.date(2025, 3, 20)
    assert [t.date() for t in log_now["loaded_at"]] == [
        dt.date(2025, 3, 10),
        dt.date(2025, 3, 17),
        dt.date(2025, 3, 24),
    ]


def test_workstream_reload_is_versioned(settings: Settings) -> None:
    text = WORKSTREAMS.replace("Head of Service", "Deputy Director")
    validated = _check(settings, text, "workstreams.csv")
    commit(validated, settings, "tester", loaded_at=dt.datetime(2025, 4, 1))
    with read_connection(settings.db_path) as con:
        before = plan_queries.workstreams(con, dt.date(2025, 3, 31))
        after = plan_queries.workstreams(con)
        versions = con.execute("SELECT count(*) FROM workstreams").fetchall()[0][0]
    assert before.iloc[0]["lead"] == "Head of Service"
    assert after.iloc[0]["lead"] == "Deputy Director"
    assert versions == 2


def test_a_database_from_before_the_plan_reads_empty_and_upgrades_on_load(tmp_path: Path) -> None:
    import duckdb

    from plan.service import load_plan
    from store.migrations import MIGRATIONS

    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:  # the schema as it was: no plan tables, no column
        con.execute(MIGRATIONS[0].sql).fetchall()
        con.execute("INSERT INTO schema_version (version) VALUES (1)").fetchall()
    assert load_plan(db).actions.empty and load_plan(db).measure_statements.empty
    s = Settings(db_path=db, backup_dir=tmp_path / "b")
    commit(validate_file(MEASURES.encode(), "measures.csv", s), s, "tester")
    links = load_plan(db).measure_statements
    assert list(links["quality_statements"]) == [
        "Assessing needs",
        "Safe pathways, systems and transitions;Safeguarding",
    ]


@given(
    index=st.integers(0, 8),
    upper=st.lists(st.booleans(), min_size=60, max_size=60),
    pad=st.text(alphabet=" ,", max_size=3),
)
def test_any_case_spacing_or_ampersand_resolves_to_the_same_statement(
    index: int, upper: list[bool], pad: str
) -> None:
    statement = statements()[index]
    spelled = "".join(
        c.upper() if flip else c.lower() for c, flip in zip(statement.name, upper, strict=False)
    )
    spelled = pad + spelled.replace(" and ", " & ").replace(" ", "  ") + pad
    assert resolve(spelled) == statement
