"""Browser: This week, Improvement plan and CQC assurance render, open, pass axe, screenshotted."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import assert_accessible, run_server, wait_for_app

PAGES = [
    ("this_week", "/this-week", "This week", "Actions overdue (6)"),
    ("improvement_plan", "/improvement-plan?action=IP-303", "Improvement plan", "WS1 – Timely"),
    ("cqc", "/cqc-assurance", "CQC assurance", "Theme 4: Leadership"),
]


@pytest.fixture(scope="module")
def plan_server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One dashboard for these pages (MM_E2E_PORT picks the port; default: any free one)."""
    port = int(os.environ["MM_E2E_PORT"]) if os.environ.get("MM_E2E_PORT") else None
    with run_server(demo_db, tmp_path_factory.mktemp("plan_server"), port=port) as base:
        yield base


@pytest.mark.parametrize(("name", "path", "title", "text"), PAGES, ids=[p[0] for p in PAGES])
def test_plan_page_renders_and_is_accessible(
    plan_server: str,
    page: Page,
    screenshot_dir: Path,
    name: str,
    path: str,
    title: str,
    text: str,
) -> None:
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(plan_server + path)
    page.get_by_role("heading", name=title, level=1).wait_for(timeout=30_000)
    page.get_by_text(text).first.wait_for(timeout=30_000)
    wait_for_app(page)
    expanders = page.locator('[data-testid="stExpander"] summary')
    if expanders.count():
        expanders.first.click()
        page.locator('[data-testid="stExpander"] [data-testid="stDataFrame"]').first.wait_for(
            state="visible", timeout=30_000
        )
        wait_for_app(page)
    main = page.inner_text('[data-testid="stMain"]')
    assert text in main
    assert "Illustrative data" in main
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(screenshot_dir / f"page_{name}.png"), full_page=True)
    assert_accessible(page)
    # Streamlit scrolls inside its own container: a tall window shows the rest of the page.
    page.set_viewport_size({"width": 1600, "height": 3200})
    wait_for_app(page)
    page.screenshot(path=str(screenshot_dir / f"page_{name}_tall.png"))


def test_this_week_pdf_downloads(plan_server: str, page: Page, screenshot_dir: Path) -> None:
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(plan_server + "/this-week")
    page.get_by_role("heading", name="This week", level=1).wait_for(timeout=30_000)
    wait_for_app(page)
    page.get_by_text("Download this week as a one-page PDF").click()
    page.get_by_role("button", name="Prepare the PDF").click()
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Download the PDF").click()
    target = screenshot_dir / "this-week.pdf"
    info.value.save_as(target)
    assert target.read_bytes()[:5] == b"%PDF-"
