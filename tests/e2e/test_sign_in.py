"""Sign-in through a real OpenID Connect provider on localhost (oidc-provider-mock)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from oidc_provider_mock import User, run_server_in_thread
from playwright.sync_api import Browser, BrowserContext, Page

from settings.config import Settings
from store.audit import events
from tests.e2e.conftest import TIMEOUT_MS, free_port, new_page, run_server, wait_for_app

VIEWER = "val.viewer@council.example"
OFFICER = "omar.officer@council.example"


@pytest.fixture(scope="module")
def provider() -> Iterator[int]:
    """The identity provider, with two predefined people."""
    users = [
        User(sub="viewer", claims={"email": VIEWER, "name": "Val Viewer"}),
        User(sub="officer", claims={"email": OFFICER, "name": "Omar Officer"}),
    ]
    with run_server_in_thread(port=free_port(), user_claims=users) as server:
        yield server.server_port


@pytest.fixture(scope="module")
def signed_in_server(
    provider: int, demo_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path]]:
    """The dashboard with [auth] pointing at the provider and roles from [access]."""
    workdir = tmp_path_factory.mktemp("auth")
    port = free_port()
    secrets_file = workdir / "secrets.toml"
    secrets_file.write_text(
        f"""
[auth]
redirect_uri = "http://localhost:{port}/oauth2callback"
cookie_secret = "{secrets.token_urlsafe(32)}"
client_id = "meaningful-measures"
client_secret = "not-a-real-secret"
server_metadata_url = "http://localhost:{provider}/.well-known/openid-configuration"

[access]
data_officers = ["{OFFICER}"]
"""
    )
    args = ("--secrets.files", str(secrets_file))
    with run_server(demo_db, workdir, port=port, extra_args=args, allow_local_load=False) as base:
        yield base.replace("127.0.0.1", "localhost"), workdir / "demo.duckdb"


def _sign_in(browser: Browser, base: str, who: str) -> tuple[BrowserContext, Page]:
    context, page = new_page(browser, viewport={"width": 1400, "height": 900})
    page.goto(base + "/")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name=who).click()  # the provider's predefined-user button
    page.wait_for_url(f"{base}/**", timeout=TIMEOUT_MS)
    wait_for_app(page)
    return context, page


def test_viewer_and_data_officer_sign_in_with_their_roles(
    signed_in_server: tuple[str, Path],
    browser: Browser,
    screenshot_dir: Path,
) -> None:
    base, db = signed_in_server

    viewer_context, viewer = _sign_in(browser, base, "viewer")
    assert f"Signed in as {VIEWER} (Viewer)" in viewer.inner_text("body")
    nav = viewer.inner_text('[data-testid="stSidebarNav"]')
    assert "Overview" in nav and "Data: load a return" not in nav
    viewer.goto(base + "/load-data")
    wait_for_app(viewer)
    assert "Data: load a monthly return" not in viewer.inner_text('[data-testid="stMain"]')
    viewer.screenshot(path=str(screenshot_dir / "sign_in_viewer_data_url.png"), full_page=True)
    viewer_context.close()

    officer_context, officer = _sign_in(browser, base, "officer")
    assert f"Signed in as {OFFICER} (Data officer)" in officer.inner_text("body")
    officer.goto(base + "/load-data")
    wait_for_app(officer)
    upload = b"measure_id,period,team,actual\nASC-WL01,2025-10,North,61\n"
    officer.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(
        files=[{"name": "north.csv", "mimeType": "text/csv", "buffer": upload}]
    )
    officer.get_by_text("Every row passed the checks.").wait_for(timeout=TIMEOUT_MS)
    officer.get_by_role("button", name="Load", exact=True).click()
    officer.get_by_text("loaded 1 new or changed row(s)").wait_for(timeout=TIMEOUT_MS)
    officer.screenshot(path=str(screenshot_dir / "sign_in_officer_loaded.png"), full_page=True)
    officer_context.close()

    log = events(Settings(db_path=db))
    actions = set(zip(log["actor"], log["action"], strict=True))
    assert (VIEWER, "sign-in") in actions
    assert (OFFICER, "sign-in") in actions
    assert (OFFICER, "load") in actions


def test_a_broken_secrets_file_closes_the_dashboard(
    demo_db: Path, browser: Browser, tmp_path: Path
) -> None:
    """Issue 21: a secrets file that cannot be read used to turn sign-in off (fail open)."""
    secrets_file = tmp_path / "secrets.toml"
    secrets_file.write_text('[auth]\nredirect_uri = "http://localhost/oauth2callback\n')  # bad TOML
    args = ("--secrets.files", str(secrets_file))
    with run_server(demo_db, tmp_path, extra_args=args, allow_local_load=True) as base:
        context, page = new_page(browser, viewport={"width": 1400, "height": 900})
        page.goto(base + "/load-data")
        wait_for_app(page)
        main = page.inner_text('[data-testid="stMain"]')
        assert "Sign-in is not working, so the dashboard is closed" in main
        assert "Data: load" not in main and "Local demo" not in page.inner_text("body")
        assert page.locator('[data-testid="stSidebarNav"]').count() == 0
        assert page.locator('[data-testid="stFileUploader"]').count() == 0
        context.close()
