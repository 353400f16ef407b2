"""Start `streamlit run app.py` with pages/ routed by st.navigation from the very first visit.

Streamlit treats a `pages/` folder beside the entry point as legacy auto-discovered pages
until st.navigation first runs in the process, so the first deep link after a restart
(e.g. /waiting-times?period=2024-09) showed "Page not found". Setting the flag that
st.navigation itself sets, before any session starts, removes that window.
"""

from __future__ import annotations

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from metrics.config import get_settings
from metrics.demo import ensure_database

APP = Path(__file__).resolve().parent.parent / "app.py"


def main(argv: list[str] | None = None) -> None:
    """Run the dashboard; extra arguments go to `streamlit run`."""
    PagesManager.uses_pages_directory = False
    settings = get_settings()
    if ensure_database(settings):  # first run: build the demo so the first visitor need not wait
        print(f"Built the demo database at {settings.db_path} from data/demo.", flush=True)
    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    cli.main(prog_name="streamlit")


if __name__ == "__main__":
    main()
