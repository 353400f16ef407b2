"""The download controls on the pages: board pack prepared on request, safe CSV of tables."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.conftest import APP


def test_overview_prepares_the_excel_pack_and_offers_table_csvs(demo_env: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["period"] = "2024-09"
    at.run()
    prepare = next(b for b in at.button if b.label == "Prepare workbook (excel)")
    prepare.click().run()
    assert not at.exception
    downloads = [b for b in at.get("download_button")]
    labels = [b.proto.label for b in downloads]
    assert "Download Workbook (Excel)" in labels
    # Tables 1 and 2, status changes, and the council's Table 1 and Table 2 (financial year).
    assert labels.count("Download this table (CSV)") == 5
