"""Issue 11: any optional field may be blank anywhere; every page and every export still works.

hypothesis blanks one optional column of one demo file (in one row, in every row of one
measure or risk, or in every row), builds a database from the result with the real loader,
renders every page through AppTest and builds every export. It is slow (a database, eight
pages and four exports per example), so it runs few examples, with no deadline.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from exports.pdf import build_pdf
from exports.pptx import build_pptx
from exports.xlsx import build_csv, build_xlsx
from settings.config import DEMO_DIR, Settings
from store.reference import build_demo_database
from store.service import load_dataset
from tests.conftest import APP


def filled_columns(path: Path, keys: tuple[str, ...]) -> tuple[str, ...]:
    """The columns of a CSV, other than its keys, with a value in at least one row."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(c for c in rows[0] if c not in keys and any(r[c] for r in rows))


#: Optional columns by demo file (key columns and reporting_months, which a bimonthly
#: measure must give, are not optional). `actual` and `value` are required columns whose
#: cells may be blank ("data unavailable"). In returns.csv: every column the demo fills.
OPTIONAL = {
    "measures.csv": (
        "director",
        "portfolio_holder",
        "tolerance",
        "tolerance_type",
        "description",
        "source",
    ),
    "returns.csv": filled_columns(DEMO_DIR / "returns.csv", keys=("measure_id", "period", "team")),
    "returns_restated.csv": ("actual", "target", "commentary", "improvement_plan"),
    "risks.csv": (
        "description",
        "owner",
        "target_likelihood",
        "target_impact",
        "controls",
        "actions",
        "linked_measures",
    ),
    "comparators.csv": ("value",),
}
PAGES = (
    "pages/overview.py",
    "pages/exceptions.py",
    "pages/waiting_times.py",
    "pages/risks.py",
    "pages/explorer.py",
    "pages/data.py",
)
PERIOD = "2025-10"


@st.composite
def blanking(draw: st.DrawFn) -> tuple[str, str, str, int]:
    """(file, column, scope, seed): what to blank and where."""
    name = draw(st.sampled_from(sorted(OPTIONAL)))
    column = draw(st.sampled_from(OPTIONAL[name]))
    scope = draw(st.sampled_from(["one row", "one id", "every row"]))
    return name, column, scope, draw(st.integers(min_value=0, max_value=10_000))


def _blanked(text: str, column: str, scope: str, seed: int) -> str:
    rows = list(csv.DictReader(io.StringIO(text)))
    fields = list(rows[0].keys())
    pick = rows[seed % len(rows)]
    ident = "risk_id" if "risk_id" in fields else "measure_id"
    for row in rows:
        if scope == "every row" or (scope == "one id" and row[ident] == pick[ident]) or row is pick:
            row[column] = ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(blanking())
def test_every_page_and_export_works_with_an_optional_field_blank(
    case: tuple[str, str, str, int],
) -> None:
    name, column, scope, seed = case
    folder = Path(tempfile.mkdtemp(prefix="blank-"))
    old_env = os.environ.get("MM_DB_PATH")
    try:
        demo = folder / "demo"
        shutil.copytree(DEMO_DIR, demo)
        path = demo / name
        path.write_text(_blanked(path.read_text(encoding="utf-8"), column, scope, seed))
        db = folder / "blank.duckdb"
        config = Settings(db_path=db, backups_kept=0)
        build_demo_database(config, demo)  # raises if the loader refused any row
        os.environ["MM_DB_PATH"] = str(db)
        for page in PAGES:
            at = AppTest.from_file(APP, default_timeout=120)
            at.query_params["period"] = PERIOD
            at.run()
            at.switch_page(page).run()
            assert not at.exception, (case, page, [e.value for e in at.exception])
        board = AppTest.from_file(APP, default_timeout=120)
        board.query_params["board"] = "1"
        board.run()
        assert not board.exception, (case, "board", [e.value for e in board.exception])
        data = load_dataset(db)
        pdf = build_pdf(data, PERIOD, None, config)
        pptx = build_pptx(data, PERIOD, None, config)
        xlsx = build_xlsx(data, PERIOD, None, config)
        table = build_csv(data, PERIOD, None, config)
        assert pdf.startswith(b"%PDF") and pptx.startswith(b"PK") and xlsx.startswith(b"PK")
        assert len(table.decode("utf-8-sig").splitlines()) > 1
    finally:
        if old_env is None:
            os.environ.pop("MM_DB_PATH", None)
        else:
            os.environ["MM_DB_PATH"] = old_env
        shutil.rmtree(folder, ignore_errors=True)
