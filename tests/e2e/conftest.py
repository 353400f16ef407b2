"""Browser tests: `streamlit run` on localhost, driven by Playwright in Debian's chromium."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from dashboard.serve import CHROMIUM, CHROMIUM_ARGS, headless_command

ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
#: The longest any browser wait may take. Waits end as soon as Streamlit reports the state a
#: test needs, so this bounds only a hung app: a busy machine makes tests slower, never red.
TIMEOUT_MS = int(float(os.environ.get("MM_E2E_TIMEOUT_S", "240")) * 1000)
CHART = '[data-testid="stPlotlyChart"] .main-svg'


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/e2e is a browser test."""
    for item in items:
        if "/e2e/" in str(item.path):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict:
    """Debian's chromium (Playwright's own download cannot work here)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} not found: install Debian's chromium (scripts/test.sh does this as root)"
        )
    return {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(autouse=True)
def _generous_waits(request: pytest.FixtureRequest) -> None:
    """Every Playwright action and navigation in a browser test may take up to TIMEOUT_MS."""
    if "page" in request.fixturenames:
        page = request.getfixturevalue("page")
        page.set_default_timeout(TIMEOUT_MS)
        page.set_default_navigation_timeout(TIMEOUT_MS)


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Screenshots go to MM_SCREENSHOT_DIR if set, else a temporary folder."""
    chosen = os.environ.get("MM_SCREENSHOT_DIR")
    path = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def new_page(browser: Browser, **context_args: object) -> tuple[BrowserContext, Page]:
    """A page in a new browser context, with the same generous waits as the `page` fixture."""
    context = browser.new_context(**context_args)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context, context.new_page()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def run_server(
    demo_db: Path,
    workdir: Path,
    *,
    port: int | None = None,
    extra_args: tuple[str, ...] = (),
    allow_local_load: bool = True,
) -> Iterator[str]:
    """A real dashboard (`python -m dashboard.serve`, as scripts/run.sh) on a copy of the db."""
    db = workdir / "demo.duckdb"
    shutil.copyfile(demo_db, db)
    port = port or free_port()
    env = {
        **os.environ,
        "MM_DB_PATH": str(db),
        "MM_BACKUP_DIR": str(workdir / "backups"),
        "MM_ALLOW_LOCAL_LOAD": "1" if allow_local_load else "0",
    }
    log_path = workdir / "streamlit.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            headless_command(port, *extra_args),
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + TIMEOUT_MS / 1000
            while True:
                try:
                    with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                        if response.status == 200:
                            break
                except OSError:
                    if time.monotonic() > deadline or process.poll() is not None:
                        pytest.fail(f"streamlit did not start: {log_path.read_text()[-2000:]}")
                    time.sleep(0.3)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="session")
def server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One dashboard for the whole browser-test session."""
    with run_server(demo_db, tmp_path_factory.mktemp("server")) as base:
        yield base


@pytest.fixture
def fresh_server(demo_db: Path, tmp_path: Path) -> Iterator[str]:
    """A dashboard that no browser has visited yet (as after a restart)."""
    with run_server(demo_db, tmp_path) as base:
        yield base


def axe_violations(page: Page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict]:
    """Run axe-core (WCAG 2 A/AA rules) in the page; return serious and critical violations."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
            resultTypes: ['violations']
        })"""
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "targets": [n["target"] for n in v["nodes"][:5]],
            "html": [n["html"][:300] for n in v["nodes"][:3]],
        }
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def wait_for_idle(page: Page, timeout_ms: int = TIMEOUT_MS) -> None:
    """Wait for Streamlit's own idle state: connected, the script run finished, nothing pending.

    `stApp` carries the script state Streamlit itself reports ("initial" before the first run,
    "running", "rerunRequested", then "notRunning"); the running-man status widget and the
    skeleton placeholders are gone once a run has finished drawing.
    """
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-connection-state="CONNECTED"]',
        state="attached",
        timeout=timeout_ms,
    )
    page.wait_for_function(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            return app !== null
                && app.getAttribute('data-test-script-state') === 'notRunning'
                && !document.querySelector('[data-testid="stStatusWidget"]')
                && !document.querySelector('[data-testid="stSkeleton"]');
        }""",
        timeout=timeout_ms,
        polling=100,
    )


def wait_for_app(page: Page, timeout_ms: int = TIMEOUT_MS) -> None:
    """Wait until Streamlit has rendered the page and finished running the script."""
    page.wait_for_selector('[data-testid="stAppViewContainer"]', timeout=timeout_ms)
    wait_for_idle(page, timeout_ms)
    page.wait_for_selector(
        '[data-testid="stMain"] [data-testid="stElementContainer"]', timeout=timeout_ms
    )


def wait_for_chart(page: Page, timeout_ms: int = TIMEOUT_MS) -> None:
    """Wait for the app to be idle and its first Plotly chart drawn (plotly.js loads lazily)."""
    wait_for_app(page, timeout_ms)
    page.locator(CHART).first.wait_for(state="visible", timeout=timeout_ms)


def assert_accessible(page: Page) -> None:
    """Fail with a readable list when axe finds serious or critical WCAG violations."""
    violations = axe_violations(page)
    lines = [f"{v['id']} ({v['impact']}): {v['help']}\n    {v['html']}" for v in violations]
    assert not violations, "\n".join(lines)
