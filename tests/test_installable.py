"""`pip install -e .` gives the `mm` command: declared, resolvable, and working from any folder.

Nothing is installed during the test run: the declaration is read from the installed metadata
when the project is installed, from pyproject.toml otherwise.
"""

from __future__ import annotations

import importlib
import importlib.metadata
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.layout import CODE_PACKAGES, ROOT

PACKAGES = CODE_PACKAGES


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _declared_mm() -> str:
    """The `mm` entry point as installed, or as pyproject.toml declares it."""
    installed = [
        e
        for e in importlib.metadata.entry_points(group="console_scripts", name="mm")
        if e.dist is not None and e.dist.name == "meaningful-measures"
    ]
    if installed:
        return installed[0].value
    return str(_pyproject()["project"]["scripts"]["mm"])


def test_the_mm_command_is_declared_and_resolves_to_a_callable() -> None:
    target = _declared_mm()
    assert target == "cli.commands:run"
    module, _, name = target.partition(":")
    assert callable(getattr(importlib.import_module(module), name))
    assert _pyproject()["build-system"]["build-backend"] == "setuptools.build_meta"


def test_every_package_is_declared_with_its_subpackages() -> None:
    from setuptools import find_packages

    include = _pyproject()["tool"]["setuptools"]["packages"]["find"]["include"]
    found = set(find_packages(where=str(ROOT), include=include))
    assert set(PACKAGES) <= found
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for package in PACKAGES
        for init in (ROOT / package).rglob("__init__.py")
    }
    assert on_disk == found
    assert not found & {"pages", "tests", "bench", "scripts"}


def test_mm_runs_from_another_folder_and_finds_the_project_data(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("MM_DB_PATH", None)
    script = (
        "import sys\n"
        "from cli.commands import run\n"
        "from settings.config import DEMO_DIR, DEFAULT_DB\n"
        "print(DEMO_DIR)\n"
        "print(DEFAULT_DB)\n"
        "sys.argv = ['mm', '--help']\n"
        "sys.exit(run())\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, env=env
    )
    assert ran.returncode == 0, ran.stderr
    demo, db, usage = ran.stdout.split("\n", 2)
    assert Path(demo) == ROOT / "data" / "demo"
    assert Path(db) == ROOT / "data" / "meaningful_measures.duckdb"
    assert usage.startswith("usage: mm [-h] {load,report,export,actions,demo,restore}")
