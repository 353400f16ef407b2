"""Defects found trying the dashboard as the deputy director would; each test failed before."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

from intake.loader import commit, validate_file
from metrics.as_reported import before_first_load
from settings.config import get_settings
from tests.apptest import open_app, open_page
from tests.conftest import ROOT

RETURNS = "measure_id,period,team,actual,target\n"


def test_a_bookmark_on_the_latest_period_does_not_freeze_it(demo_env: Path) -> None:
    at = open_app()
    assert "period" not in at.query_params  # the URL means "latest", not "Oct 2025"
    assert any("Figures for October 2025" in c.value for c in at.caption)


def test_the_overview_moves_on_when_a_newer_period_is_loaded(writable_demo_db: Path) -> None:
    at = open_app()
    assert any("Figures for October 2025" in c.value for c in at.caption)
    settings = get_settings()
    data = (RETURNS + "ASC-WL01,2025-11,,440,450\n").encode()
    validated = validate_file(data, "nov.csv", settings)
    assert validated.ok
    commit(validated, settings, "test", loaded_at=dt.datetime(2025, 12, 5, 9, 0))
    at.run()
    assert not at.exception
    assert any("Figures for November 2025" in c.value for c in at.caption)
    # A link that names a period still opens that period.
    assert any("Figures for October 2025" in c.value for c in open_app(period="2025-10").caption)


def test_as_reported_before_the_first_load_says_so(demo_env: Path) -> None:
    at = open_app(as_of="2024-10-14")
    texts = [i.value for i in at.info]
    assert (
        "Nothing had been loaded by 14 Oct 2024: the first load was on 3 Nov 2025. Choose an "
        "“As reported on” date on or after it, or clear the date to see the figures as they "
        "stand now."
    ) in texts
    assert not any("no figures in the database yet" in t for t in texts)


def test_before_first_load_is_none_on_or_after_it() -> None:
    loads = pd.DataFrame({"loaded_at": pd.to_datetime(["2025-11-03 09:00", "2025-11-07 09:00"])})
    assert before_first_load(loads, dt.date(2025, 11, 3)) is None
    assert before_first_load(loads, None) is None
    assert before_first_load(loads, dt.date(2025, 11, 2)).startswith("Nothing had been loaded")


def test_the_readme_as_of_example_returns_figures_on_the_demo(demo_db: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = next(line for line in readme.splitlines() if "report --db PATH" in line)
    as_of = example.split("--as-of ")[1].split("]")[0]
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "cli",
            "report",
            "--db",
            str(demo_db),
            "--period",
            "2024-09",
            "--as-of",
            as_of,
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    measures = {m["measure_id"] for m in json.loads(out.stdout)["measures"]}
    assert {"ASC-WL01", "ASC-SG03", "ASC-DL01"} <= measures  # it used to return none


def test_the_cli_refuses_an_as_of_date_before_the_first_load(demo_db: Path) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "cli",
            "report",
            "--db",
            str(demo_db),
            "--period",
            "2024-09",
            "--as-of",
            "2024-10-14",
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert out.returncode == 2
    assert "Nothing had been loaded by 14 Oct 2024" in out.stderr


def test_the_access_page_by_url_without_sign_in_explains_itself(demo_env: Path) -> None:
    at = open_page("pages/admin.py")
    texts = [i.value for i in at.info]
    assert any("sign-in is not configured on this server" in t for t in texts), texts
