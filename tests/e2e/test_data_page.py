"""Browser: a deliberately broken 30-row file shows every reason on the Data page."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page

from tests.e2e.conftest import TIMEOUT_MS, assert_accessible, new_page, wait_for_app

BROKEN = Path(__file__).resolve().parents[1] / "fixtures" / "uploads" / "broken_30_rows.csv"


def test_broken_upload_shows_every_reason(server: str, page: Page, screenshot_dir: Path) -> None:
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(server + "/load-data")
    wait_for_app(page)
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(BROKEN))
    page.get_by_text("problem(s) in 20 row(s)").wait_for(timeout=TIMEOUT_MS)
    wait_for_app(page)
    body = page.inner_text('[data-testid="stMain"]')
    for fragment in (
        "unknown measure_id 'NOPE-01'",
        "period month must be 01-12",
        "is in the future",
        "is before 2000",
        "must be a number, got 'lots'",
        "cannot be negative for a days measure",
        "a percentage must be between 0 and 100",
        "duplicate of row 2",
        "text is 4,100 characters; the limit is 4,000",
        "must be a short code",
    ):
        assert fragment in body, fragment
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(screenshot_dir / "data_broken_upload.png"), full_page=True)
    assert_accessible(page)


def test_first_visit_deep_link_after_a_restart_opens_that_page(
    fresh_server: str, browser: Browser
) -> None:
    """A fresh browser context opening a deep link sees that page, with no "Page not found"."""
    context, page = new_page(browser, viewport={"width": 1400, "height": 900})
    page.goto(fresh_server + "/strategic-risks?period=2024-09")
    wait_for_app(page)
    assert "Page not found" not in page.inner_text("body")
    assert "/strategic-risks?period=2024-09" in page.url
    assert page.get_by_role("heading", level=1).first.inner_text().startswith("Strategic risks")
    context.close()
