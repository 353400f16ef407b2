"""AppTest: the Strategic risks page (register, heat map, focused risk) against metrics.risk."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from streamlit.testing.v1 import AppTest

from metrics.risk import risk_register
from metrics.vocab import direction_label, status_label
from store.service import Dataset
from tests.apptest import charts, table_with, values
from tests.apptest import open_page as open_app_page

PAGE = "pages/risks.py"


def open_page(**params: str) -> AppTest:
    return open_app_page(PAGE, **params)


def register_frame(at: AppTest) -> pd.DataFrame:
    return table_with(at, "Current residual")


def test_register_has_every_risk_with_scores_rating_and_direction(
    demo_env: Path, data: Dataset
) -> None:
    at = open_page(period="2024-09")
    assert [t.value for t in at.title] == ["Strategic risks"]
    table = register_frame(at)
    assert len(table) == 10
    assert list(table.columns) == [
        "ID",
        "Risk",
        "Inherent score",
        "Previous residual",
        "Current residual",
        "Residual L × I",
        "Target score",
        "Rating",
        "Direction of travel",
        "Owner",
        "Linked measures",
    ]
    sr04 = table[table["ID"] == "SR04"].iloc[0]
    assert sr04["Current residual"] == 8
    expected = risk_register(data.risks, pd.Timestamp("2024-09-01")).set_index("risk_id")
    for row in table.to_dict("records"):
        want = expected.loc[row["ID"]]
        assert row["Current residual"] == want["residual_score"]
        assert row["Rating"] == status_label(want["rating"])
        assert row["Direction of travel"] == direction_label(want["direction"], want["movement"])
    sr05 = table[table["ID"] == "SR05"].iloc[0]
    assert sr05["Direction of travel"] == "↓ fell · better"  # 12 -> 8: the score went down
    assert sr05["Previous residual"] == 12


def test_heat_map_has_25_banded_cells_markers_and_movements(demo_env: Path) -> None:
    at = open_page(period="2024-09")
    spec = charts(at)["Likelihood × impact, Sep 2024"]
    heat = next(t for t in spec["data"] if t["type"] == "heatmap")
    z = values(heat["z"]).astype(float)
    assert z.shape == (5, 5)
    scores = np.outer(np.arange(1, 6), np.arange(1, 6))  # likelihood rows x impact columns
    assert (z[scores <= 8] == 0).all()
    assert (z[(scores >= 9) & (scores <= 15)] == 1).all()
    assert (z[scores >= 16] == 2).all()
    assert len(spec["layout"]["annotations"]) == 25
    assert spec["layout"]["xaxis"]["title"]["text"].startswith("Impact")
    assert spec["layout"]["yaxis"]["title"]["text"].startswith("Likelihood")
    by_name = {}
    for t in spec["data"]:
        by_name.setdefault(t.get("name"), []).append(t)
    for kind in ("Inherent (before controls)", "Current residual", "Target"):
        assert len(by_name[kind][0]["customdata"]) == 10
    # SR05 (12 -> 8) and SR07 (6 -> 4) moved in Sep 2024
    assert len(by_name["This month's movement"]) == 2


def test_focus_deep_link_shows_history_and_linked_measures(demo_env: Path, data: Dataset) -> None:
    at = open_page(period="2024-09", risk="SR04")
    assert at.selectbox(key="url_risk").value == "SR04"
    specs = charts(at)
    history = specs["SR04 score over time"]
    assert history["layout"]["yaxis"]["title"]["text"] == "Risk score (likelihood × impact)"
    residual = next(t for t in history["data"] if t["name"] == "Residual score")
    assert values(residual["y"])[-1] == 8
    assert residual["x"][-1].startswith("2024-09-01")
    linked = next(df.value for df in at.dataframe if "Measure" in df.value.columns)
    assert list(linked["Measure"]) == ["ASC-WL01", "ASC-SG03", "ASC-DL01", "ASC-PI03"]
    s = data.statuses
    wl01 = s[(s["measure_id"] == "ASC-WL01") & (s["period"] == "2024-09-01")].iloc[0]
    row = linked[linked["Measure"] == "ASC-WL01"].iloc[0]
    assert row["Status"] == status_label(wl01["status"])
    assert row["Value"] == f"{wl01['actual']:,.0f}"


def test_choosing_a_risk_updates_the_url_and_the_focus(demo_env: Path) -> None:
    at = open_page(period="2024-09")
    at.selectbox(key="url_risk").select("SR07").run()
    assert not at.exception
    assert at.query_params["risk"] == "SR07"
    assert "SR07 score over time" in charts(at)
    assert any("SR07" in h.value for h in at.subheader)


def test_period_selector_changes_the_register(demo_env: Path) -> None:
    at = open_page(period="2024-09")
    assert register_frame(at).set_index("ID").loc["SR05", "Current residual"] == 8
    at.sidebar.selectbox(key="url_period").select("2024-08").run()
    assert not at.exception
    assert register_frame(at).set_index("ID").loc["SR05", "Current residual"] == 12
    assert "Likelihood × impact, Aug 2024" in charts(at)


def test_a_month_without_assessments_says_so(demo_env: Path) -> None:
    at = open_page(period="2022-01")
    assert any("No strategic risks were assessed up to January 2022" in i.value for i in at.info)
    assert not at.get("plotly_chart")
