"""The Overview names what needs attention and shows the key measures as KPI tiles."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from metrics.attention import Change, amber_exceptions, change_size, red_measures, worsened
from tests.apptest import open_app

OCT_2025 = pd.Timestamp("2025-10-01")


def _links(at) -> list[tuple[str, str]]:
    """(label, query string) of every page link on the page."""
    out = []
    for element in at.get("page_link"):
        proto = element.proto
        out.append((proto.label, proto.query_string))
    return out


def test_the_overview_names_red_measures_and_amber_exceptions_with_links(demo_env: Path) -> None:
    at = open_app(period="2025-10")
    links = dict(_links(at))
    # Red in Oct 2025 on the demo: DoLS waiting (1,192 against 1,100), care home admissions 65+
    # and agency social workers; Amber exceptions: waiting list, mean wait, reablement.
    for label, measure in [
        ("ASC\\-DL01 Deprivation of Liberty Safeguards applications waiting", "ASC-DL01"),
        ("ASC\\-WF03 Agency social workers in post", "ASC-WF03"),
        ("ASC\\-WL01 People waiting for a Care Act assessment", "ASC-WL01"),
        ("ASC\\-PI01 Reablement\\: no further support needed \\(ASCOF 2A\\)", "ASC-PI01"),
    ]:
        assert label in links, sorted(links)
        assert f"measure={measure}" in links[label]
        assert "period=2025-10" in links[label]
    captions = [c.value for c in at.caption]
    assert "▲ Red · 1,192 against 1,100 · 7 periods at this status" in captions


def test_key_measure_tile_shows_change_on_last_period_and_a_year_ago(demo_env: Path) -> None:
    at = open_app(period="2025-10")
    tile = next(m for m in at.metric if m.label.startswith("People waiting for a Care Act"))
    assert tile.value == "455"
    # 468 in Sep 2025 -> 455: 13 fewer, 13 / 468 = 2.8%; fewer waiting is better.
    assert tile.proto.delta == "↓ 13 (2.8%) on last period · better"
    captions = [c.value for c in at.caption]
    # 587 in Oct 2024 -> 455: 132 fewer, 132 / 587 = 22.5%.
    assert "Oct 2025 · ● Amber · ↓ 132 (22.5%) on a year ago · better" in captions


def _reporting(**columns) -> pd.DataFrame:
    base = {
        "measure_id": ["A", "B", "C", "D"],
        "name": ["a", "b", "c", "d"],
        "priority_id": ["P1", "P1", "P2", "P2"],
        "unit": "count",
        "actual": [1.0, 2.0, 3.0, 4.0],
        "target": [1.0, 1.0, 1.0, 1.0],
        "direction": "worsening",
        "movement": "rose",
    }
    return pd.DataFrame({**base, **columns})


def test_lists_read_the_status_column_as_given() -> None:
    frame = _reporting(
        status=["red", "amber", "amber", "green"],
        previous_status=["amber", "amber", "green", None],
        exception=[True, True, False, False],
        periods_at_status=[1, 2, 1, 1],
    )
    assert list(red_measures(frame)["measure_id"]) == ["A"]
    assert list(amber_exceptions(frame)["measure_id"]) == ["B"]
    assert list(worsened(frame)["measure_id"]) == ["A", "C"]  # Amber->Red, Green->Amber


def test_change_sizes_in_uk_form() -> None:
    assert Change.between(455, 468) == Change(-13, -13 / 468 * 100)
    assert Change.between(5, 0).percent is None
    assert Change.between(5, float("nan")) is None
    assert change_size(0.01, "percent") == "0.01 percentage points"
    assert change_size(1.0, "percent") == "1.0 percentage point"
    assert change_size(2.5, "percent") == "2.5 percentage points"
    assert change_size(1_234, "count") == "1,234"
