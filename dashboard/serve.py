"""Start `streamlit run app.py` with pages/ routed by st.navigation from the very first visit.

Streamlit treats a `pages/` folder beside the entry point as legacy auto-discovered pages
until st.navigation first runs in the process, so the first deep link after a restart
(e.g. /waiting-times?period=2024-09) showed "Page not found". Setting the flag that
st.navigation itself sets, before any session starts, removes that window.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from streamlit import config
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli
from streamlit.web.server.starlette import starlette_server

from dashboard.base_url import PinBackendBaseUrl
from settings.config import get_settings
from store.reference import ensure_database

APP = Path(__file__).resolve().parent.parent / "app.py"


def _pinned_app(create):
    """Wrap Streamlit's ASGI app so every page knows the server's base URL (no 404 probes)."""

    def create_app(runtime):
        base = str(config.get_option("server.baseUrlPath") or "")
        return PinBackendBaseUrl(create(runtime), base)

    return create_app


#: Debian's chromium and its flags, for the browser tests and the page benchmark alike.
CHROMIUM = os.environ.get("MM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def headless_command(port: int, *extra: str) -> list[str]:
    """The command the browser tests and the page benchmark start the dashboard with.

    One list, so what is timed in bench/ is what is tested in tests/e2e/.
    """
    return [
        sys.executable,
        "-m",
        "dashboard.serve",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        *extra,
    ]


def main(argv: list[str] | None = None) -> None:
    """Run the dashboard; extra arguments go to `streamlit run`."""
    PagesManager.uses_pages_directory = False
    starlette_server.create_starlette_app = _pinned_app(starlette_server.create_starlette_app)
    settings = get_settings()
    if ensure_database(settings):  # first run: build the demo so the first visitor need not wait
        print(f"Built the demo database at {settings.db_path} from data/demo.", flush=True)
    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
