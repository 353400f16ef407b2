"""The demo database agrees with every published figure it claims to reproduce, and is deterministic."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from demo.generate import generate, write_demo_files
from metrics.risk import risk_register
from metrics.vocab import STATUS_SYMBOL
from settings.config import DEMO_DIR, PROJECT_ROOT
from store import queries
from store.database import read_connection
from store.reference import load_anchors
from store.service import load_dataset

PUBLISHED_RISKS = PROJECT_ROOT / "data" / "reference" / "strategic_risks_sep2024.csv"
SYMBOL_STATUS = {STATUS_SYMBOL[s]: s for s in ("green", "amber", "red")}


@pytest.fixture(scope="module")
def whole_measure(demo_db: Path) -> pd.DataFrame:
    with read_connection(demo_db) as con:
        frame = queries.snapshots(con)
    assert (frame["team"] == "").all()
    return frame.set_index(["measure_id", "period"])


def test_every_anchor_equals_the_latest_whole_measure_actual(whole_measure: pd.DataFrame) -> None:
    anchors = load_anchors()
    anchors = anchors[anchors["kind"] == "anchor"]
    assert len(anchors) >= 18
    mismatches = []
    for a in anchors.itertuples(index=False):
        key = (a.measure_id, pd.Timestamp(f"{a.period}-01"))
        assert key in whole_measure.index, f"no snapshot for {key}"
        actual = whole_measure.loc[key, "actual"]
        if actual != float(a.value):
            mismatches.append((a.measure_id, a.period, a.value, actual))
    assert mismatches == []


def test_restated_waiting_list_is_versioned_not_overwritten(demo_db: Path) -> None:
    jan = pd.Timestamp("2025-01-01")
    with read_connection(demo_db) as con:
        now = queries.snapshots(con, measure_ids=["ASC-WL01"])
        then = queries.snapshots(con, as_of=dt.date(2025, 11, 10), measure_ids=["ASC-WL01"])
    now_row = now[now["period"] == jan].iloc[0]
    then_row = then[then["period"] == jan].iloc[0]
    assert now_row["actual"] == 547
    assert now_row["restated_from"] == 286
    assert now_row["version"] == 2
    assert then_row["actual"] == 286
    assert pd.isna(then_row["restated_from"])
    assert then_row["version"] == 1
    # Only that one figure was restated.
    assert now["restated_from"].notna().sum() == 1


def test_statuses_as_of_use_the_figure_then_reported(demo_db: Path) -> None:
    jan = pd.Timestamp("2025-01-01")
    now = load_dataset(demo_db).statuses
    then = load_dataset(demo_db, dt.date(2025, 11, 10)).statuses

    def pick(frame: pd.DataFrame) -> pd.Series:
        return frame[(frame["measure_id"] == "ASC-WL01") & (frame["period"] == jan)].iloc[0]

    assert (pick(now)["actual"], pick(then)["actual"]) == (547, 286)
    assert pick(now)["restated_from"] == 286


def test_published_comparators_are_present(demo_db: Path) -> None:
    anchors = load_anchors()
    published = anchors[anchors["kind"] == "comparator"]
    assert len(published) >= 10
    with read_connection(demo_db) as con:
        comparators = queries.comparators(con).set_index(["measure_id", "period", "comparator"])
    for c in published.itertuples(index=False):
        key = (c.measure_id, pd.Timestamp(f"{c.period}-01"), c.scope)
        assert key in comparators.index, f"missing comparator {key}"
        assert comparators.loc[key, "value"] == float(c.value)


def test_generator_is_deterministic() -> None:
    assert generate() == generate()


def test_committed_demo_files_are_what_the_generator_writes(tmp_path: Path) -> None:
    written = write_demo_files(tmp_path)
    names = sorted(p.name for p in written)
    # events.csv is the one hand-made demo file; every other committed one is generated
    assert set(names) | {"events.csv"} == {p.name for p in DEMO_DIR.glob("*.csv")}
    assert len(names) == 11
    for path in written:
        assert path.read_bytes() == (DEMO_DIR / path.name).read_bytes(), path.name


def test_strategic_risks_sep_2024_match_the_published_table(demo_db: Path) -> None:
    published = pd.read_csv(PUBLISHED_RISKS, dtype={"risk_id": str})
    published["risk_id"] = "SR" + published["risk_id"]
    data = load_dataset(demo_db)
    register = risk_register(data.risks, pd.Timestamp("2024-09-01")).set_index("risk_id")
    assert sorted(register.index) == [f"SR{i:02d}" for i in range(1, 11)]
    for p in published.itertuples(index=False):
        r = register.loc[p.risk_id]
        assert r["residual_score"] == float(p.current_residual_score), p.risk_id
        assert r["previous_residual_score"] == float(p.previous_residual_score), p.risk_id
        assert r["inherent_score"] == float(p.inherent_score), p.risk_id
        assert r["rating"] == SYMBOL_STATUS[p.rating_symbol], p.risk_id
        if p.direction_symbol == "➡":
            assert r["direction"] == "no_change", p.risk_id
        else:  # ↕: the score moved (both movers in Sep 2024 went down)
            assert r["direction"] == "improving", p.risk_id
