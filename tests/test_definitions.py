"""Definitions over time: effective-dated re-rating, --redefine, the preview's impact, replaces."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from cli.commands import main
from intake.loader import commit, validate_file
from intake.redefinitions import impact_of
from metrics.definitions import replaced_by, timeline
from metrics.report import for_period
from settings.config import Settings
from store.service import load_dataset

HEADER = "measure_id,name,priority_id,priority_name,frequency,polarity,unit,tolerance"
V1 = f"{HEADER}\nM1,Waiting list,P1,Waits,monthly,higher_is_better,count,0.05\n"
RETURNS = (
    "measure_id,period,actual,target\nM1,2024-03,90,100\nM1,2024-04,90,100\nM1,2024-05,90,100\n"
)


def _load(settings: Settings, text: str, name: str) -> None:
    validated = validate_file(text.encode(), name, settings)
    assert validated.ok, [i.describe() for i in validated.rejections]
    assert commit(validated, settings, "t").status == "loaded"


def _statuses(settings: Settings) -> list[str]:
    statuses = load_dataset(settings.db_path).statuses
    return [
        str(for_period(statuses, pd.Timestamp(p))["status"].iloc[0])
        for p in ("2024-03-01", "2024-04-01", "2024-05-01")
    ]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = Settings(db_path=tmp_path / "d.duckdb", backup_dir=tmp_path / "b", backups_kept=0)
    _load(s, V1, "measures.csv")
    _load(s, RETURNS, "returns.csv")
    return s


def test_effective_from_re_rates_that_month_onwards_and_nothing_before(settings: Settings) -> None:
    # 90 against 100, higher is better: Red (10% short, band 5%) in every month.
    assert _statuses(settings) == ["red", "red", "red"]
    _load(
        settings,
        f"{HEADER},effective_from\nM1,Waiting list,P1,Waits,monthly,lower_is_better,count,0.05,"
        "2024-04\n",
        "measures-apr.csv",
    )
    # From April, lower is better: 90 <= 100 is Green. March keeps its Red.
    assert _statuses(settings) == ["red", "green", "green"]


def test_tolerance_from_may_makes_may_amber_only(settings: Settings) -> None:
    _load(
        settings,
        f"{HEADER},effective_from\nM1,Waiting list,P1,Waits,monthly,higher_is_better,count,0.2,"
        "2024-05\n",
        "measures-may.csv",
    )
    # Band 20% of 100 = 20 from May: 90 is within it.
    assert _statuses(settings) == ["red", "red", "amber"]


def test_undated_change_is_refused_by_the_cli_unless_redefine(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    changed = tmp_path / "measures-v2.csv"
    changed.write_text(f"{HEADER}\nM1,Waiting list,P1,Waits,monthly,lower_is_better,count,0.05\n")
    code = main(["load", str(changed), "--db", str(settings.db_path), "--user", "t"])
    err = capsys.readouterr().err
    assert code == 1
    assert "M1: polarity changed with no effective_from" in err
    assert "3 past status(es) would change" in err
    assert "M1 Mar 2024: ▲ Red → ★ Green" in err
    assert _statuses(settings) == ["red", "red", "red"]  # nothing was loaded

    code = main(["load", str(changed), "--db", str(settings.db_path), "--user", "t", "--redefine"])
    assert code == 0
    assert _statuses(settings) == ["green", "green", "green"]


def test_a_label_only_change_needs_no_redefine(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    renamed = tmp_path / "measures-renamed.csv"
    renamed.write_text(
        f"{HEADER}\nM1,People waiting for assessment,P1,Waits,monthly,higher_is_better,count,0.05\n"
    )
    assert main(["load", str(renamed), "--db", str(settings.db_path), "--user", "t"]) == 0


def test_preview_impact_lists_each_past_status_that_would_change(settings: Settings) -> None:
    text = (
        f"{HEADER},effective_from\nM1,Waiting list,P1,Waits,monthly,lower_is_better,count,0.05,"
        "2024-05\n"
    )
    incoming = validate_file(text.encode(), "m.csv", settings).frames["measures"]
    impact = impact_of(settings.db_path, incoming)
    assert impact.redefinitions == []  # dated: not a rewrite of all history
    assert impact.lines() == ["M1 May 2024: ▲ Red → ★ Green"]
    assert impact.needs_consent


def test_timeline_later_dated_version_cuts_off_what_followed_it() -> None:
    versions = pd.DataFrame(
        {
            "measure_id": ["M", "M", "M"],
            "version": [1, 2, 3],
            "effective_from": pd.to_datetime([None, "2024-04-01", "2024-02-01"]),
            "replaces": None,
            "frequency": "monthly",
            "polarity": ["higher_is_better", "lower_is_better", "monitoring_only"],
            "tolerance": 0.05,
            "tolerance_type": "relative",
        }
    )
    segments = timeline(versions)
    assert list(segments["polarity"]) == ["higher_is_better", "monitoring_only"]
    assert pd.isna(segments["start"].iloc[0])
    assert segments["start"].iloc[1] == pd.Timestamp("2024-02-01")


def test_replaces_links_the_new_measure_to_the_old(settings: Settings) -> None:
    _load(
        settings,
        f"{HEADER},replaces\nM2,Waiting list (new count),P1,Waits,monthly,lower_is_better,count,"
        "0.05,M1\n",
        "measures-m2.csv",
    )
    catalogue = load_dataset(settings.db_path).catalogue
    assert replaced_by(catalogue) == {"M1": "M2"}


def test_replaces_must_be_a_code(settings: Settings) -> None:
    text = f"{HEADER},replaces\nM2,New,P1,Waits,monthly,lower_is_better,count,0.05,not a code\n"
    validated = validate_file(text.encode(), "m.csv", settings)
    assert [i.column for i in validated.rejections] == ["replaces"]


def test_explorer_shows_the_definitions_and_both_histories(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.apptest import charts, open_page, table_with

    _load(
        settings,
        f"{HEADER},effective_from\nM1,Waiting list,P1,Waits,monthly,lower_is_better,count,0.05,"
        "2024-04\n",
        "measures-apr.csv",
    )
    _load(
        settings,
        f"{HEADER},replaces\nM2,Waiting list (new count),P1,Waits,monthly,lower_is_better,count,"
        "0.05,M1\n",
        "measures-m2.csv",
    )
    _load(settings, "measure_id,period,actual,target\nM2,2024-06,80,100\n", "returns-m2.csv")
    monkeypatch.setenv("MM_DB_PATH", str(settings.db_path))
    at = open_page("pages/explorer.py", measure="M1", period="2024-06")
    definitions = table_with(at, "In force from")
    assert list(definitions["In force from"]) == ["The first figure", "Apr 2024"]
    assert list(definitions["Polarity"]) == ["Higher is better", "Lower is better"]
    figure = charts(at)["M1 replaced by M2: both histories"]
    assert [trace["name"] for trace in figure["data"]] == ["M1 actual", "M2 actual"]
    assert any("M2 from Jun 2024" in a["text"] for a in figure["layout"]["annotations"])
    snapshots = table_with(at, "Status note")
    assert list(snapshots["Status"]) == ["★ Green", "★ Green", "▲ Red"]  # newest first
