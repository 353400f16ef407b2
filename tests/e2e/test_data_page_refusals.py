"""Browser (issue 11): three bad files are refused with their exact reasons; a good one loads."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from playwright.sync_api import Browser

from tests.e2e.conftest import run_server, wait_for_app

SHOTS = Path("/tmp/shots-11")
PORT = 8511  # this engineer's port range (8510-8519)


def _formula_workbook() -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Return"
    ws.append(["measure_id", "period", "actual"])
    ws.append(["ASC-WL01", "2025-10", "=500+40"])
    old = book.create_sheet("Old figures")
    old.append(["measure_id", "period", "actual"])
    old.append(["ASC-WL01", "2025-09", 999])
    old.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_three_bad_files_then_a_good_one(demo_db: Path, tmp_path: Path, browser: Browser) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    files = {
        "semicolons.csv": (
            b"measure_id;period;actual\nASC-WL01;2025-10;12,5\n",
            "has a comma in a number ('12,5') in a file separated by semicolons or tabs",
        ),
        "extra_field.csv": (
            b"measure_id,period,actual,target\nASC-WL01,2025-10,1,448,500\n",
            "row 2 has 5 fields, but the header has 4",
        ),
        "formula.xlsx": (
            _formula_workbook(),
            "is a formula (=500+40) saved without its value: open and save the file in Excel",
        ),
    }
    with run_server(demo_db, tmp_path, port=PORT) as base:
        context = browser.new_context(viewport={"width": 1500, "height": 1000})
        page = context.new_page()
        page.goto(base + "/load-data")
        wait_for_app(page, 60_000)
        uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]')

        def upload(path: Path) -> None:
            """Remove the file shown (if any), then choose this one, as a person would."""
            remove = page.locator('[data-testid="stFileUploaderDeleteBtn"] button')
            if remove.count():
                remove.first.click()
                wait_for_app(page, 60_000)
            uploader.set_input_files(str(path))

        for index, (name, (content, reason)) in enumerate(files.items(), start=1):
            path = tmp_path / name
            path.write_bytes(content)
            upload(path)
            try:
                page.get_by_text(reason, exact=False).first.wait_for(timeout=60_000)
            finally:
                page.screenshot(path=str(SHOTS / f"{index}_{name}.png"), full_page=True)
            wait_for_app(page, 60_000)
            body = page.inner_text('[data-testid="stMain"]')
            assert "Every row passed the checks." not in body, name
            assert page.locator('[data-testid="stException"]').count() == 0
            page.screenshot(path=str(SHOTS / f"{index}_{name}.png"), full_page=True)
            if name == "formula.xlsx":
                assert "Old figures" in body  # the hidden sheet is named, not read
        good = tmp_path / "good.csv"
        good.write_bytes(b"measure_id,period,team,actual,target\nASC-WL01,2025-10,,612,500\n")
        upload(good)
        page.get_by_text("Every row passed the checks.").wait_for(timeout=60_000)
        wait_for_app(page, 60_000)
        page.get_by_role("button", name="Load", exact=True).click()
        page.get_by_text("good.csv: loaded 1 new or changed row(s)").wait_for(timeout=60_000)
        wait_for_app(page, 60_000)
        assert page.locator('[data-testid="stException"]').count() == 0
        page.screenshot(path=str(SHOTS / "4_good.png"), full_page=True)
        context.close()
