"""Browser: the Overview's named lists, board slides at projector sizes, rebasing, axe at zero."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.e2e.conftest import axe_violations, wait_for_app

ALL_IMPACTS = ("minor", "moderate", "serious", "critical")
EVERY_PAGE = [
    ("overview", "/?period=2025-10"),
    ("exceptions", "/exceptions-by-priority?period=2025-10&expand=1"),
    ("waiting_times", "/waiting-times?period=2025-10"),
    ("risks", "/strategic-risks?period=2024-09"),
    ("explorer", "/measure-explorer?measure=ASC-RV01&period=2025-10"),
    ("board_page", "/board-mode"),
    ("data", "/load-data"),
    ("admin", "/access-and-audit"),
    ("accessibility", "/accessibility-statement"),
]
SIZES = [(1920, 1080), (1366, 768)]


def _no_violations(page: Page) -> None:
    violations = axe_violations(page, impacts=ALL_IMPACTS)
    lines = [f"{v['id']} ({v['impact']}): {v['help']} {v['targets']}" for v in violations]
    assert not violations, "\n".join(lines)


@pytest.mark.parametrize(("name", "path"), EVERY_PAGE, ids=[p[0] for p in EVERY_PAGE])
def test_every_page_has_no_axe_violations_of_any_impact_and_no_404s(
    server: str, page: Page, screenshot_dir: Path, name: str, path: str
) -> None:
    failed: list[str] = []
    errors: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(server + path)
    wait_for_app(page, 60_000)
    page.wait_for_timeout(1000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Page not found" not in page.inner_text("body")
    # A sub-page used to probe /<page>/_stcore/health and /<page>/_stcore/host-config first.
    assert not failed, failed
    assert not errors, errors
    page.screenshot(path=str(screenshot_dir / f"ready_{name}.png"), full_page=True)
    _no_violations(page)


def test_overview_names_red_measures_and_links_each_to_the_explorer(
    server: str, page: Page
) -> None:
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(server + "/?period=2025-10")
    wait_for_app(page, 60_000)
    red = page.locator(".st-key-attn_red")
    assert "Red measures (3)" in red.inner_text()
    amber = page.locator(".st-key-attn_amber")
    assert "ASC-WL01 People waiting for a Care Act assessment" in amber.inner_text()
    link = red.get_by_role("link", name="ASC-DL01 Deprivation of Liberty Safeguards")
    box = link.bounding_box()
    assert box is not None and box["x"] + box["width"] <= 1440  # the whole name, not cut off
    assert link.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    link.click()
    page.wait_for_url("**/measure-explorer?**", timeout=30_000)
    wait_for_app(page, 60_000)
    assert "measure=ASC-DL01" in page.url  # (Oct 2025 is the latest, so the URL leaves it out)
    page.get_by_role(
        "heading", name="Deprivation of Liberty Safeguards applications waiting (ASC-DL01)"
    ).wait_for(timeout=30_000)


def _slide_count(page: Page) -> int:
    text = page.get_by_text("Slide 1 of").first.inner_text()
    return int(text.split("Slide 1 of ")[1].split(" ")[0])


@pytest.mark.parametrize(("width", "height"), SIZES, ids=["1920x1080", "1366x768"])
def test_every_board_slide_fits_without_overflow_or_empty_space(
    server: str, page: Page, screenshot_dir: Path, width: int, height: int
) -> None:
    page.set_viewport_size({"width": width, "height": height})
    page.goto(server + "/?board=1&period=2025-10&slide=1")
    wait_for_app(page, 60_000)
    total = _slide_count(page)
    assert total >= 8
    for slide in range(1, total + 1):
        page.goto(server + f"/?board=1&period=2025-10&slide={slide}")
        wait_for_app(page, 60_000)
        page.get_by_text(f"Slide {slide} of {total}").wait_for(timeout=30_000)
        page.wait_for_timeout(800)
        fit = page.evaluate(
            """() => {
              const main = document.querySelector('[data-testid="stMain"]');
              const cut = [...main.querySelectorAll('td, th, h1, h2, p')].filter(
                e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1
              ).map(e => e.innerText.slice(0, 40));
              let bottom = 0;
              for (const e of main.querySelectorAll('[data-testid="stElementContainer"]')) {
                const r = e.getBoundingClientRect();
                if (r.height > 0) bottom = Math.max(bottom, r.bottom);
              }
              return {sh: main.scrollHeight, ch: main.clientHeight, sw: main.scrollWidth,
                      cw: main.clientWidth, bottom, cut};
            }"""
        )
        where = f"slide {slide} at {width}x{height}: {fit}"
        assert fit["sh"] <= fit["ch"], where  # nothing below the fold
        assert fit["sw"] <= fit["cw"], where  # nothing off to the right
        assert not fit["cut"], where  # no text clipped inside a cell or heading
        assert fit["bottom"] >= 0.8 * height, where  # no more than 20% left empty
        page.screenshot(path=str(screenshot_dir / f"board_{width}_{slide}.png"))
        if slide in (1, total):
            _no_violations(page)


def test_expand_all_opens_every_exception_and_is_kept_in_the_url(server: str, page: Page) -> None:
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(server + "/exceptions-by-priority?period=2025-10")
    wait_for_app(page, 60_000)
    details = page.locator('[data-testid="stExpander"] details')
    assert details.count() >= 3
    assert not any(d.evaluate("e => e.open") for d in details.all())  # closed by default
    page.get_by_text("Expand all").click()
    wait_for_app(page, 60_000)
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stExpander"] details')]
                 .every(d => d.open)""",
        timeout=30_000,
    )
    assert "expand=1" in page.url


def test_rebase_from_a_process_change_event(server: str, page: Page) -> None:
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(server + "/measure-explorer?measure=ASC-SG03&period=2025-10")
    wait_for_app(page, 60_000)
    main = page.locator('[data-testid="stMain"]')
    # The demo's events.csv: "Safeguarding triage hub opened", 1 Oct 2024, a process change.
    assert "New limits start in Oct 2024" in main.inner_text()
    spc = page.locator(".st-key-explorer_spc, [data-testid='stPlotlyChart']").filter(
        has_text="New limits: Safeguarding triage hub"
    )
    assert spc.count() >= 1
    # Switching the events off brings back one set of limits, and the URL says so.
    page.get_by_text("New limits at each process change (events)").click()
    page.wait_for_url("**spc_events=0**", timeout=30_000)
    wait_for_app(page, 60_000)
    assert "New limits start in" not in main.inner_text()
    # That single set is stale: the page names the shift and offers to rebase from it.
    assert "no longer describe it" in main.inner_text()
    page.get_by_role("button", name="Start new limits from Dec 2023").click()
    page.wait_for_url("**spc_since=2023-12**", timeout=30_000)
    wait_for_app(page, 60_000)
    assert "New limits start in Dec 2023" in main.inner_text()
