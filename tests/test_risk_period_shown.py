"""One risk period everywhere: a month with no assessment shows the latest earlier register,
and says so, on the Strategic risks page, the board's risk slide and in the pack."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from exports.pack import build_pack
from intake.loader import commit, validate_file
from settings.config import Settings
from store.service import load_dataset
from tests.apptest import open_page

#: One figure for Nov 2025; the demo's last risk assessment is Oct 2025.
RETURN = "measure_id,period,team,actual,target\nASC-WL01,2025-11,,450,450\n"


def _load(db: Path) -> None:
    settings = Settings(db_path=db, backups_kept=0)
    validated = validate_file(RETURN.encode(), "returns.csv", settings)
    assert validated.ok, [i.describe() for i in validated.rejections]
    assert commit(validated, settings, "t").status == "loaded"


def test_the_risks_page_falls_back_to_october_and_says_so(writable_demo_db: Path) -> None:
    _load(writable_demo_db)
    at = open_page("pages/risks.py", period="2025-11")
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert (
        "Risk register as assessed in Oct 2025, the latest assessment up to November 2025."
        in captions
    )
    assert "Risk register, Oct 2025" in [s.value for s in at.subheader]


def test_the_page_says_nothing_when_the_month_has_its_own_register(demo_env: Path) -> None:
    at = open_page("pages/risks.py", period="2025-10")
    assert not any(c.value.startswith("Risk register as assessed in") for c in at.caption)


def test_the_board_and_the_pack_show_the_same_month(writable_demo_db: Path) -> None:
    _load(writable_demo_db)
    at = open_page("pages/board.py", period="2025-11", slide="99")  # the last slide: risks
    assert not at.exception
    assert at.title[0].value == "Top strategic risks, Oct 2025"
    assert any(
        c.value == "Risk register as assessed in Oct 2025, the latest assessment up to "
        "November 2025."
        for c in at.caption
    )
    pack = build_pack(load_dataset(writable_demo_db), "2025-11", charts=False)
    assert pack.risk_period == pd.Timestamp("2025-10-01")
