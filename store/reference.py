"""What the app needs of the demo at run time: the published points, and the demo database.

The database is built by loading the committed `data/demo/*.csv` through the one loader; the
generator that writes those files (`python -m demo`) is not imported here.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd

from settings.config import DEMO_DIR, PROJECT_ROOT, Settings
from store.schema import fetch_one

ANCHORS_FILE = PROJECT_ROOT / "data" / "reference" / "anchors.csv"
#: Who the demo loads are recorded as; `is_demo` looks for it.
DEMO_LOADER = "demo-generator"

#: Load order and the (illustrative) date each demo file is recorded as loaded. To add a demo
#: file (generated, or a hand-made CSV in data/demo), add one line.
DEMO_LOADS = (
    ("measures.csv", dt.datetime(2025, 11, 3, 9, 0)),
    ("events.csv", dt.datetime(2025, 11, 3, 9, 2)),  # chart notes; process changes rebase SPC
    ("waiting_lists.csv", dt.datetime(2025, 11, 3, 9, 3)),
    ("risks.csv", dt.datetime(2025, 11, 3, 9, 5)),
    ("comparators.csv", dt.datetime(2025, 11, 3, 9, 10)),
    ("workstreams.csv", dt.datetime(2025, 11, 3, 9, 20)),
    ("actions.csv", dt.datetime(2025, 11, 3, 9, 30)),
    ("returns.csv", dt.datetime(2025, 11, 7, 9, 0)),
    ("finance.csv", dt.datetime(2025, 11, 7, 9, 30)),
    ("returns_restated.csv", dt.datetime(2025, 11, 14, 9, 0)),
    ("actions_update.csv", dt.datetime(2025, 11, 17, 8, 30)),
    ("risks_update.csv", dt.datetime(2025, 11, 17, 8, 35)),
)


def load_anchors(path: Path = ANCHORS_FILE) -> pd.DataFrame:
    """The published points every demo series must pass through, with their sources."""
    return pd.read_csv(path, dtype={"period": str})


def published_points() -> pd.DataFrame:
    """The published figures (kind=anchor) that charts mark as "Published figure"."""
    anchors = load_anchors()
    return anchors[anchors["kind"] == "anchor"][["measure_id", "period", "value"]].reset_index(
        drop=True
    )


def build_demo_database(settings: Settings, directory: Path = DEMO_DIR) -> None:
    """Build the demo database from `data/demo/*.csv` with the real loader."""
    from intake.loader import commit, validate_file

    missing = [name for name, _ in DEMO_LOADS if not (directory / name).exists()]
    if missing:
        raise FileNotFoundError(
            f"demo files missing from {directory}: {', '.join(missing)} "
            "(they are committed; `python -m demo` writes them again)"
        )
    for name, when in DEMO_LOADS:
        validated = validate_file((directory / name).read_bytes(), name, settings)
        if not validated.ok:
            problems = "; ".join(i.describe() for i in validated.rejections[:5])
            raise RuntimeError(f"demo file {name} failed validation: {problems}")
        commit(validated, settings, DEMO_LOADER, loaded_at=when)


def ensure_database(settings: Settings) -> bool:
    """Build the demo database on first run; True when it was built now."""
    if settings.db_path.exists():
        return False
    build_demo_database(settings)
    return True


def is_demo(con: duckdb.DuckDBPyConnection) -> bool:
    """True while any figure in the database came from the demo generator."""
    row = fetch_one(con, "SELECT count(*) FROM loads WHERE loaded_by = ?", [DEMO_LOADER])
    return bool(row and row[0])
