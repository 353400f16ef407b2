"""Issue 11: a risk row with no target (which the loader accepts) breaks neither the page nor the pack."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader

from exports.pdf import build_pdf
from intake.loader import commit, validate_file
from settings.config import Settings
from store.service import load_dataset
from tests.apptest import open_page

RISK = (
    "risk_id,name,period,inherent_likelihood,inherent_impact,residual_likelihood,"
    "residual_impact,target_likelihood,target_impact,owner\n"
    "SR77,New risk without a target,2025-10,4,4,3,4,,,\n"
)


def _load(db: Path) -> None:
    settings = Settings(db_path=db, backups_kept=0)
    validated = validate_file(RISK.encode(), "risks.csv", settings)
    assert validated.ok, [i.describe() for i in validated.rejections]
    assert commit(validated, settings, "t").status == "loaded"


def test_risks_page_shows_a_risk_with_no_target(writable_demo_db: Path) -> None:
    _load(writable_demo_db)
    at = open_page("pages/risks.py", risk="SR77", period="2025-10")
    assert not at.exception
    assert at.subheader[0].value.startswith("Risk register") or any(
        s.value == "SR77: New risk without a target" for s in at.subheader
    )
    facts = " ".join(m.value for m in at.markdown)
    assert "target not set" in facts and "**Owner:** Not recorded" in facts


def test_board_pack_pdf_builds_with_a_risk_with_no_target(writable_demo_db: Path) -> None:
    _load(writable_demo_db)
    data = load_dataset(writable_demo_db)
    pdf = build_pdf(data, "2025-10", None, Settings(db_path=writable_demo_db))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "New risk without a target" in text
    assert "SR77" in text
