"""docs/architecture.md names modules as `package/module.py`: every one it names must exist."""

from __future__ import annotations

import re

from tests.layout import ROOT, SOURCE_FOLDERS

PAGE = ROOT / "docs" / "architecture.md"
#: A path in backticks: `folder/…/name.py`, or a folder `name/`.
MODULE = re.compile(r"`([A-Za-z_][\w/]*\.py)`")
FOLDER = re.compile(r"`([A-Za-z_][\w/]*)/`")
PACKAGES = (*SOURCE_FOLDERS, "bench")


def test_every_module_the_page_names_exists() -> None:
    text = PAGE.read_text(encoding="utf-8")
    named = set(MODULE.findall(text))
    assert len(named) > 40
    missing = sorted(p for p in named if not (ROOT / p).is_file())
    assert missing == []


def test_every_folder_the_page_names_exists() -> None:
    text = PAGE.read_text(encoding="utf-8")
    missing = sorted(f for f in FOLDER.findall(text) if not (ROOT / f).is_dir())
    assert missing == []


def test_the_page_gives_each_package_its_job_and_the_two_walks() -> None:
    text = PAGE.read_text(encoding="utf-8")
    for package in PACKAGES:
        assert f"| `{package}/` |" in text, package
    for heading in (
        "## The walk of an upload",
        "## The walk of a page view",
        "## Where each rule lives",
    ):
        assert heading in text
    assert "`metrics/rag.py`" in text


def test_a_missing_module_would_be_caught() -> None:
    assert MODULE.findall("see `metrics/no_such_rule.py` and `store/database.py`") == [
        "metrics/no_such_rule.py",
        "store/database.py",
    ]
    assert not (ROOT / "metrics" / "no_such_rule.py").exists()
