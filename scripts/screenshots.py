"""Take the README screenshots: the real app on the demo database, in Debian's chromium.

Usage: .venv/bin/python scripts/screenshots.py [OUT_DIR]   (default docs/screenshots)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from settings.config import Settings  # noqa: E402
from store.reference import build_demo_database  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, run_server, wait_for_app  # noqa: E402

SHOTS = [
    ("overview", "/?period=2025-10", (1600, 1000)),
    ("exceptions", "/exceptions-by-priority?period=2024-09&priority=P1", (1600, 1000)),
    ("waiting_times", "/waiting-times?period=2025-10", (1600, 1000)),
    ("risks", "/strategic-risks?period=2024-09&risk=SR04", (1600, 1000)),
    ("explorer", "/measure-explorer?measure=ASC-WL01&period=2025-10", (1600, 1000)),
    ("board", "/?board=1&period=2025-10&slide=1", (1920, 1080)),
    ("data", "/load-data", (1600, 1000)),
    ("this_week", "/this-week", (1600, 1000)),
    ("improvement_plan", "/improvement-plan?action=IP-303", (1600, 1000)),
    ("cqc", "/cqc-assurance", (1600, 1000)),
]


def main() -> None:
    """Build a demo database, serve it, and save one full-page PNG per page."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.duckdb"
        build_demo_database(Settings(db_path=db, backups_kept=0))
        work = Path(tmp) / "server"
        work.mkdir()
        with run_server(db, work) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, path, (width, height) in SHOTS:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(base + path)
                wait_for_app(page)
                page.wait_for_timeout(2500)
                if name in ("exceptions", "improvement_plan", "cqc"):  # open the first one
                    page.locator('[data-testid="stExpander"] summary').first.click()
                if name == "this_week":  # the digest reads the database twice
                    page.get_by_text("Risks whose score moved").wait_for(timeout=60_000)
                    wait_for_app(page)
                if name != "board":  # Streamlit scrolls inside its own container: grow to fit
                    tall = page.evaluate(
                        "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
                    )
                    page.set_viewport_size({"width": width, "height": min(int(tall), 3200)})
                    page.wait_for_timeout(1500)
                if name in ("this_week", "improvement_plan", "cqc"):  # tables draw late
                    wait_for_app(page)
                    page.wait_for_timeout(4000)
                page.screenshot(path=str(out / f"{name}.png"))
                print(out / f"{name}.png")
                page.close()
            browser.close()


if __name__ == "__main__":
    main()
