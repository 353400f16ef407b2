"""AppTest: This week, Improvement plan and CQC assurance on the demo database (and empty)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from dashboard.text import md_text
from tests.apptest import metric, open_page, table_with
from tests.test_text_is_text import rendered_markdown


def _texts(at) -> str:
    return "\n".join(
        [e.value for e in at.text] + [e.value for e in at.caption] + [e.body for e in at.info]
    )


def _ids(frame) -> list[str]:
    assert all(cell.endswith("#action-history") for cell in frame["Action"])
    return [cell.split("action=")[1].split("#")[0] for cell in frame["Action"]]


def test_this_week_on_the_demo_lists_the_meeting_update(demo_env: Path) -> None:
    at = open_page("pages/this_week.py")
    assert [t.value for t in at.title] == ["This week"]
    # Demo loads are dated Nov 2025: the meeting date is the last load, 17 Nov 2025.
    assert "Meeting date 17 Nov 2025" in _texts(at)
    # The restatement (14 Nov), the action update and the risk re-scoring (17 Nov).
    assert metric(at, "Loads") == "3"
    assert metric(at, "Risks moved") == "2"
    assert metric(at, "Actions overdue") == "6"
    assert metric(at, "Actions escalated") == "2"
    restated = table_with(at, "Restated on")
    assert restated.iloc[0]["Was"] == "286" and restated.iloc[0]["Now"] == "547"
    assert restated.iloc[0]["Measure"] == "/measure-explorer?measure=ASC-WL01"


def test_this_week_actions_due_overdue_closed_escalated(demo_env: Path) -> None:
    at = open_page("pages/this_week.py")
    due, overdue, closed, escalated = [
        d.value for d in at.dataframe if "Escalated to" in d.value.columns
    ]
    # Due 18 Nov - 1 Dec 2025 and open, soonest first.
    assert _ids(due) == ["MM-002", "IP-507", "MM-003", "IP-406"]
    assert _ids(overdue) == ["IP-502", "IP-104", "IP-103", "IP-205", "IP-303", "IP-602"]
    assert _ids(closed) == ["IP-107", "MM-001"]
    assert _ids(escalated) == ["IP-303", "IP-504"]
    assert list(escalated["Escalated to"]) == [
        "Performance, Practice and Pounds",
        "Directorate Leadership Team",
    ]


def test_this_week_since_the_first_load_counts_every_load(demo_env: Path) -> None:
    at = open_page("pages/this_week.py")
    at.date_input(key="week_since").set_value(dt.date(2025, 11, 3)).run()
    assert metric(at, "Loads") == "12"


def test_improvement_plan_workstreams_and_history(demo_env: Path) -> None:
    at = open_page("pages/improvement_plan.py", action="IP-303")
    assert [t.value for t in at.title] == ["Improvement plan"]
    assert metric(at, "Workstreams") == "6"
    assert metric(at, "Actions") == "43"
    assert metric(at, "▲ Overdue") == "6"  # on 17 Nov 2025 (hand-counted in data/demo)
    summary = table_with(at, "Lead")
    assert list(summary["Workstream"]) == ["WS1", "WS2", "WS3", "WS4", "WS5", "WS6"]
    assert list(summary["Overdue"]) == [2, 1, 1, 0, 1, 1]
    log = table_with(at, "Progress note")
    assert list(log["Version"]) == [1, 2]
    assert list(log["Escalated to"]) == ["–", "Performance, Practice and Pounds"]
    assert list(log["File"]) == ["actions.csv", "actions_update.csv"]


def test_improvement_plan_as_reported_before_the_update_shows_one_version(
    demo_env: Path,
) -> None:
    at = open_page("pages/improvement_plan.py", action="IP-303", as_of="2025-11-10")
    log = table_with(at, "Progress note")
    assert list(log["Version"]) == [1]
    assert metric(at, "Actions") == "42"  # MM-003 was raised on 17 Nov


def test_cqc_page_lists_nine_statements_with_published_scores(demo_env: Path) -> None:
    at = open_page("pages/cqc.py")
    assert [t.value for t in at.title] == ["CQC assurance"]
    summary = table_with(at, "Published score")
    assert list(summary["Published score"]) == [2, 2, 2, 2, 3, 3, 3, 3, 3]
    assert list(summary["Rating"])[:4] == ["Requires Improvement"] * 4
    learning = summary[summary["Quality statement"] == "Learning, improvement and innovation"]
    assert learning.iloc[0]["Flag"] == "● No linked measures"
    assert metric(at, "▲ With no evidence held") == "0"
    assert [h.value for h in at.header][:4] == [
        "Summary",
        "Theme 1: Working with people",
        "Theme 2: Providing support",
        "Theme 3: How the local authority ensures safety within the system",
    ]


def test_plan_pages_on_an_empty_database(empty_db: Path) -> None:
    plan = open_page("pages/improvement_plan.py")
    assert "There are no workstreams or actions yet" in _texts(plan)
    cqc = open_page("pages/cqc.py")
    assert metric(cqc, "▲ With no evidence held") == "9"
    flags = table_with(cqc, "Flag")
    assert set(flags["Flag"]) == {"▲ No evidence held"}
    week = open_page("pages/this_week.py")
    assert metric(week, "Loads") == "0"


def test_explorer_lists_the_actions_and_statements_of_a_measure(demo_env: Path) -> None:
    at = open_page("pages/explorer.py", measure="ASC-DL01")
    assert "Quality statements: Safeguarding" in _texts(at)
    actions = table_with(at, "Escalated to")
    assert _ids(actions) == ["IP-502", "MM-002"]


def test_risk_page_lists_the_actions_and_statements_of_a_risk(demo_env: Path) -> None:
    at = open_page("pages/risks.py", risk="SR07")
    assert (
        "Quality statements: Care provision, integration and continuity; Safeguarding; "
        "Governance, management and sustainability"
    ) in _texts(at)
    actions = table_with(at, "Escalated to")
    assert _ids(actions) == ["IP-401", "IP-504", "IP-601", "IP-602"]


def test_this_week_risks_rescored_at_the_meeting(demo_env: Path) -> None:
    at = open_page("pages/this_week.py")
    moved = table_with(at, "Direction")
    assert [r.split("risk=")[1] for r in moved["Risk"]] == ["SR04", "SR07"]
    assert list(moved["Direction"]) == ["↓ fell · better", "↑ rose · worse"]


def test_workstream_names_are_text_not_markdown(writable_demo_db: Path) -> None:
    from intake.loader import commit, validate_file
    from settings.config import Settings

    settings = Settings(db_path=writable_demo_db, backup_dir=writable_demo_db.parent / "b")
    name = "**Loud** [click](http://evil) :red[x] <b>b</b> www.evil.com ops@evil.com"
    text = f"workstream_id,name,lead\nWS1,{name},Lead\n"
    commit(validate_file(text.encode(), "workstreams.csv", settings), settings, "tester")
    at = open_page("pages/improvement_plan.py")
    label = next(e.label for e in at.expander if e.label.startswith("WS1"))
    # The app's one escaper, and nothing in the label is a link, an e-mail link, HTML or styling.
    assert label.startswith(f"WS1 – {md_text(name)}:")
    assert rendered_markdown(label).startswith(f"WS1 – {name}: ")


def test_plan_pages_and_exports_with_only_required_fields(empty_db: Path, monkeypatch) -> None:
    import datetime as dt

    from exports.pdf import evidence_pdf, plan_pdf, week_pdf
    from exports.plan_xlsx import evidence_xlsx, plan_xlsx
    from intake.loader import commit, validate_file
    from plan.evidence import evidence, evidence_summary
    from plan.service import load_plan
    from plan.tables import (
        actions_table,
        history_table,
        week_tables,
        workstream_pages,
        workstream_summary,
    )
    from plan.this_week import week_digest
    from settings.config import Settings
    from store.service import load_dataset

    s = Settings(db_path=empty_db, backup_dir=empty_db.parent / "b")
    for name, text in (
        ("workstreams.csv", "workstream_id,name,lead\nWS1,Only required,Lead\n"),
        (
            "actions.csv",
            "action_id,title,owner,raised,due,status\nA1,Bare,Jo,2025-01-06,2025-02-28,on_track\n",
        ),
    ):
        validated = validate_file(text.encode(), name, s)
        assert validated.ok
        commit(validated, s, "tester")
    for page in ("pages/this_week.py", "pages/improvement_plan.py", "pages/cqc.py"):
        at = open_page(page)
        assert not at.exception
    plan = load_plan(empty_db)
    data = load_dataset(empty_db)
    on = dt.date.today()
    summary = workstream_summary(plan, on)
    assert list(summary["Quality statements"]) == ["–"]
    pages = workstream_pages(plan, data.statuses, data.catalogue, None, on)
    assert plan_pdf(summary, pages, on, demo=False)[:5] == b"%PDF-"
    table = actions_table(plan.actions, on)
    assert table.iloc[0]["Overdue"].startswith("▲")  # due 28 Feb 2025, still on track
    history = history_table(load_plan(empty_db).actions.assign(file_name="actions.csv"))
    assert plan_xlsx(summary, table, pages[0][2], history, on, demo=False)[:2] == b"PK"
    items = evidence(plan, data.statuses, data.risks, None, on)
    assert all(e.none for e in items)
    assert evidence_pdf(evidence_summary(items), items, on, demo=False)[:5] == b"%PDF-"
    assert evidence_xlsx(evidence_summary(items), items, on, demo=False)[:2] == b"PK"
    digest = week_digest(empty_db, on - dt.timedelta(days=7), on)
    assert week_pdf(digest, week_tables(digest), demo=False)[:5] == b"%PDF-"
