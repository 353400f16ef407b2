"""Shared fixtures: a demo database built once per test session with the real loader."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from hypothesis import settings as hypothesis_settings
from streamlit.runtime.pages_manager import PagesManager

from settings.config import Settings
from store.reference import build_demo_database
from store.schema import ensure_schema
from store.service import Dataset, load_dataset

ROOT = Path(__file__).resolve().parent.parent
# scripts/mutation.sh passes --hypothesis-profile=mutmut: every surviving mutant runs each
# property test, so there the properties try fewer examples.
hypothesis_settings.register_profile("mutmut", max_examples=20, deadline=None)
APP = str(ROOT / "app.py")


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database built from data/demo once; copy it before writing to it."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    build_demo_database(Settings(db_path=path, backups_kept=0))
    return path


@pytest.fixture(scope="session")
def data(demo_db: Path) -> Dataset:
    """The demo database read once, to compute what the pages should show."""
    return load_dataset(demo_db)


@pytest.fixture(scope="session")
def bmmr_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The published Sep 2024 Annex A (tests/fixtures/bmmr_2024_09) loaded by the real loader."""
    from intake.loader import load_files

    fixture = ROOT / "tests" / "fixtures" / "bmmr_2024_09"
    path = tmp_path_factory.mktemp("bmmr") / "bmmr.duckdb"
    settings = Settings(db_path=path, backups_kept=0)
    names = ("measures.csv", "returns.csv", "priority_statuses.csv")
    files = [(name, (fixture / name).read_bytes()) for name in names]
    checked, results = load_files(files, settings, "tester")
    assert [v.rejections for v in checked] == [[], [], []]
    assert [r.status for r in results] == ["loaded", "loaded", "loaded"]
    return path


@pytest.fixture(scope="session")
def bmmr(bmmr_db: Path) -> Dataset:
    """The Sep 2024 fixture database, read once."""
    return load_dataset(bmmr_db)


@pytest.fixture
def bmmr_env(bmmr_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the Sep 2024 fixture database, as the app's MM_DB_PATH."""
    path = tmp_path / "bmmr.duckdb"
    shutil.copyfile(bmmr_db, path)
    monkeypatch.setenv("MM_DB_PATH", str(path))
    monkeypatch.setenv("MM_BACKUP_DIR", str(tmp_path / "backups"))
    return path


@pytest.fixture
def demo_env(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app (MM_DB_PATH) at the shared read-only demo database."""
    monkeypatch.setenv("MM_DB_PATH", str(demo_db))
    return demo_db


@pytest.fixture
def writable_demo_db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the demo database for tests that load into it."""
    path = tmp_path / "demo.duckdb"
    shutil.copyfile(demo_db, path)
    monkeypatch.setenv("MM_DB_PATH", str(path))
    monkeypatch.setenv("MM_BACKUP_DIR", str(tmp_path / "backups"))
    return path


@pytest.fixture
def empty_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A database with the schema and nothing loaded, as on the day a council installs the app."""
    path = tmp_path / "empty.duckdb"
    with duckdb.connect(str(path)) as con:
        ensure_schema(con)
    monkeypatch.setenv("MM_DB_PATH", str(path))
    return path


@pytest.fixture(autouse=True)
def navigation_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Behave like the real server (dashboard/serve.py): pages/ is routed by st.navigation only.

    AppTest re-detects the pages/ folder before every run and would otherwise rerun a page file
    on its own, skipping app.py and its sidebar.
    """
    original = PagesManager.__init__

    def init(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
