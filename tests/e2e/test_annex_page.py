"""Browser: the Annex A page lists every measure, wraps its text (no sideways scrolling) and
passes axe; the Overview shows Table 3 and the Status of Indicators."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from tests.e2e.conftest import assert_accessible, wait_for_app


def test_annex_a_fits_the_page_and_is_accessible(
    server: str, page: Page, screenshot_dir: Path
) -> None:
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(server + "/annex-a?period=2024-09")
    page.get_by_role("heading", name="Annex A: every measure", level=1).wait_for(timeout=30_000)
    wait_for_app(page)
    main = page.inner_text('[data-testid="stMain"]')
    assert "measures shown." in main
    assert "Portfolio holder" in main and "YTD status" in main
    assert page.locator('[data-testid="stException"]').count() == 0
    widths = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stTable"]')].map(
            t => [t.scrollWidth, t.clientWidth])"""
    )
    assert widths, "no Annex A table"
    assert all(scroll <= client + 1 for scroll, client in widths), widths
    page.screenshot(path=str(screenshot_dir / "page_annex_a.png"), full_page=True)
    assert_accessible(page)


def test_overview_table_3_and_status_of_indicators(server: str, page: Page) -> None:
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(server + "/?period=2024-09")
    page.get_by_role("heading", name="Status of Indicators, September 2024").wait_for(
        timeout=30_000
    )
    wait_for_app(page)
    main = page.inner_text('[data-testid="stMain"]')
    assert "Table 3: measures reporting ▲ Red for September 2024" in main
    assert "A priority is ▲ Red when more of its rated measures are Red than Green" in main
