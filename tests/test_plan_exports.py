"""Plan exports: the one-page week PDF, the plan workbook and section, the CQC evidence pack."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from exports.pdf import evidence_pdf, plan_pdf, week_pdf
from exports.plan_xlsx import evidence_xlsx, plan_xlsx
from plan.evidence import evidence, evidence_summary
from plan.service import action_history, load_plan
from plan.tables import (
    actions_table,
    history_table,
    success_measures,
    week_tables,
    workstream_summary,
)
from plan.this_week import week_digest
from store.service import Dataset

ON = dt.date(2025, 11, 17)


def _text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(p.extract_text() for p in reader.pages)


def test_week_pdf_is_one_page_even_over_a_fortnight(demo_db: Path) -> None:
    digest = week_digest(demo_db, dt.date(2025, 11, 3), ON)
    pages, text = _text(week_pdf(digest, week_tables(digest), demo=True))
    assert pages == 1
    assert "This week — Meaningful Measures meeting, 17 November 2025" in text
    assert "Loads (12)" in text  # every demo load: 3 to 17 Nov 2025 (store.reference.DEMO_LOADS)
    assert "Actions overdue (6)" in text
    assert "ILLUSTRATIVE DATA" in text
    assert "…and 6 more on the This week page." in text  # 12 loads, 6 shown


@pytest.fixture(scope="module")
def plan_parts(demo_db: Path, data: Dataset):
    plan = load_plan(demo_db)
    summary = workstream_summary(plan, ON)
    measures = success_measures(["ASC-WL01"], data.statuses, data.catalogue, data.latest_period)
    every = action_history(demo_db, None)
    history = history_table(every)
    history.insert(0, "Action", every["action_id"])
    return plan, summary, measures, history


def test_plan_workbook_sheets_and_rows(plan_parts) -> None:
    plan, summary, measures, history = plan_parts
    content = plan_xlsx(summary, actions_table(plan.actions, ON), measures, history, ON, demo=True)
    book = openpyxl.load_workbook(io.BytesIO(content))
    assert book.sheetnames == [
        "About",
        "Workstreams",
        "Actions",
        "Success measures",
        "Action history",
    ]
    assert book["About"]["A2"].value == "WARNING"
    actions = list(book["Actions"].values)
    assert actions[0][:3] == ("Action", "Title", "Workstream")
    assert len(actions) == 1 + 43
    # 43 first versions + 8 from the 17 Nov update, of which one (MM-003) is new: 50 rows.
    assert book["Action history"].max_row == 1 + 50
    ip303 = [r for r in book["Action history"].values if r[0] == "IP-303"]
    assert [r[1] for r in ip303] == [1, 2]


def test_plan_section_pdf_has_every_workstream(plan_parts) -> None:
    plan, summary, measures, _ = plan_parts
    pages = [
        (
            f"{w.workstream_id} – {w.name}",
            f"Lead: {w.lead}",
            measures,
            actions_table(plan.actions[plan.actions["workstream_id"] == w.workstream_id], ON),
        )
        for w in plan.workstreams.itertuples(index=False)
    ]
    count, text = _text(plan_pdf(summary, pages, ON, demo=True))
    assert count >= 7  # summary + one page per workstream
    assert "Improvement plan 2025–27" in text
    assert "WS6 – Workforce, governance and learning" in text
    assert "IP-602" in text


def test_evidence_pack_xlsx_and_pdf(demo_db: Path, data: Dataset) -> None:
    plan = load_plan(demo_db)
    items = evidence(plan, data.statuses, data.risks, data.latest_period, ON)
    summary = evidence_summary(items)
    book = openpyxl.load_workbook(io.BytesIO(evidence_xlsx(summary, items, ON, demo=True)))
    assert book.sheetnames == ["About", "Summary", "Measures", "Actions", "Risks"]
    rows = list(book["Summary"].values)
    assert [r[2] for r in rows[1:]] == [2, 2, 2, 2, 3, 3, 3, 3, 3]
    assert rows[9][1] == "Learning, improvement and innovation"
    assert rows[9][4] == "● No linked measures"
    count, text = _text(evidence_pdf(summary, items, ON, demo=True))
    assert count >= 10  # summary + at least a page per statement
    assert "overall rating Good" in text
    flat = " ".join(text.split())  # long headings wrap onto two lines
    for e in items:
        assert f"{e.statement.theme_number}. {e.statement.theme}: {e.statement.name}" in flat
    assert "Safe pathways, systems and transitions" in text


def test_board_pack_pdf_carries_the_improvement_plan_section(demo_db: Path, data: Dataset) -> None:
    from exports.pdf import build_pdf
    from settings.config import Settings

    content = build_pdf(data, "2025-10", None, Settings(db_path=demo_db))
    pages = [
        " ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(content)).pages
    ]
    contents = " ".join(p for p in pages[1:4] if "Contents" in p or "WS1" in p)
    assert "Improvement plan 2025–27" in contents and "WS6 – Workforce" in contents
    section = [
        i
        for i, text in enumerate(pages)
        if text.startswith("Meaningful Measures")
        and "Improvement plan 2025–27 Actions as held on 17 November 2025" in text
    ]
    assert len(section) == 1
    assert any("WS6 – Workforce, governance and learning" in p for p in pages[section[0] :])
