"""Browser: every page renders its key text and a Plotly chart, passes axe, and is screenshotted."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import CHART, TIMEOUT_MS, assert_accessible, wait_for_app, wait_for_chart

PAGES = [
    ("overview", "/?period=2024-09", "Overview", "Table 1: measures by reporting frequency"),
    (
        "exceptions",
        "/exceptions-by-priority?period=2024-09",
        "Exceptions by priority",
        "This priority has",
    ),
    ("waiting_times", "/waiting-times?period=2025-10", "Waiting times", "People waiting"),
    (
        "waiting_reviews",
        "/waiting-times?period=2025-01&list=reviews",
        "Waiting times",
        "People waiting for a review",
    ),
    ("benchmarks", "/benchmarks?period=2024-09", "Benchmarks", "similar to / worse than England"),
    ("finance", "/finance?period=2024-09", "Finance", "Table 13: budget and forecast"),
    ("risks", "/strategic-risks?period=2024-09", "Strategic risks", "Risk register, Sep 2024"),
    (
        "explorer",
        "/measure-explorer?measure=ASC-SG03&period=2024-11",
        "Measure explorer",
        "Safeguarding enquiries open more than 12 weeks",
    ),
]


@pytest.mark.parametrize(("name", "path", "title", "text"), PAGES, ids=[p[0] for p in PAGES])
def test_page_renders_text_and_chart(
    server: str,
    page: Page,
    screenshot_dir: Path,
    name: str,
    path: str,
    title: str,
    text: str,
) -> None:
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(server + path)  # how fast the first chart appears is bench/bench_pages.py's job
    page.get_by_role("heading", name=title, level=1).wait_for(timeout=TIMEOUT_MS)
    wait_for_app(page)
    expanders = page.locator('[data-testid="stExpander"] summary')
    if name == "exceptions":  # the charts sit in each exception's expander
        expanders.first.click()
    page.locator(CHART).first.wait_for(state="visible", timeout=TIMEOUT_MS)
    main = page.inner_text('[data-testid="stMain"]')
    assert text in main
    assert "Illustrative data" in main
    assert page.locator('[data-testid="stException"]').count() == 0
    page.screenshot(path=str(screenshot_dir / f"page_{name}.png"), full_page=True)
    assert_accessible(page)


def test_board_mode_fits_a_projector(server: str, page: Page, screenshot_dir: Path) -> None:
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(server + "/?board=1&period=2024-09&slide=2")
    wait_for_chart(page)
    assert page.locator('[data-testid="stSidebar"]').is_hidden()
    assert "Slide 2 of" in page.inner_text("body")
    chart_box = page.locator(CHART).first.bounding_box()
    assert chart_box is not None and chart_box["y"] + chart_box["height"] <= 1080
    page.screenshot(path=str(screenshot_dir / "board_slide2.png"))
    page.get_by_role("button", name="Previous").click()
    page.get_by_text("Slide 1 of").wait_for(timeout=TIMEOUT_MS)
    wait_for_app(page)
    heading = page.get_by_role("heading", name="Performance in September 2024", level=1)
    assert float(heading.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 40
    page.screenshot(path=str(screenshot_dir / "board_slide1.png"))
    assert_accessible(page)


def test_board_pack_pdf_downloads_from_the_exceptions_page(
    server: str,
    page: Page,
    tmp_path: Path,
) -> None:
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.goto(server + "/exceptions-by-priority?period=2024-09&priority=P2")
    wait_for_app(page)
    page.get_by_text("Download the board pack").click()
    page.get_by_role("button", name="Prepare board pack (pdf)").click()
    button = page.get_by_role("button", name="Download Board pack (PDF)")
    button.wait_for(timeout=TIMEOUT_MS)
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        button.click()
    target = tmp_path / "pack.pdf"
    info.value.save_as(target)
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000
    assert info.value.suggested_filename == "meaningful-measures-2024-09-P2.pdf"
