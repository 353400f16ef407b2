"""AppTest on the published Sep 2024 fixture: Annex A page, the Overview's council tables,
the Exceptions page's month-named columns, and the Data page's preview of statuses."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import open_app, open_page, table_with

SEP = {"period": "2024-09"}


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """st.table cells are markdown-escaped on the page; read them as the reader sees them."""
    out = frame.map(lambda v: re.sub(r"\\(.)", r"\1", v) if isinstance(v, str) else v)
    out.columns = [re.sub(r"\\(.)", r"\1", str(c)) for c in frame.columns]
    return out


def test_annex_a_lists_every_measure_by_priority(bmmr_env: Path) -> None:
    at = open_page("pages/annex_a.py", **SEP)
    assert [h.value for h in at.subheader][:3] == [
        "OCC01 – Put action to address the climate emergency at the heart of our work",
        "OCC02 – Tackle inequalities in Oxfordshire",
        "OCC03 – Prioritise the health and wellbeing of residents",
    ]
    tables = [_plain(t.value) for t in at.table]
    assert len(tables) == 10
    assert sum(len(t) for t in tables) == 71
    occ03 = tables[2]
    assert list(occ03.columns[:4]) == ["Measure", "Director", "Portfolio holder", "Comment"]
    row = occ03[occ03["Measure"].str.startswith("OCC03.02 ")].iloc[0]
    assert row["Status"] == "★ Green"
    assert row["Status note"].startswith("Reported ★ Green · rule gives ▲ Red")
    assert "71 of 71 measures shown." in [m.value.strip("*") for m in at.markdown]


def test_annex_a_filters_by_director_and_status_and_searches(bmmr_env: Path) -> None:
    at = open_page("pages/annex_a.py", **SEP)
    at.multiselect(key="annex_director").set_value(["Rob MacDougall"]).run()
    at.multiselect(key="annex_status").set_value(["red"]).run()
    tables = [_plain(t.value) for t in at.table]
    assert [list(t["Measure"].str.split().str[0]) for t in tables] == [
        ["OCC03.08", "OCC03.10", "OCC03.12"]
    ]
    at.multiselect(key="annex_status").set_value([]).run()
    at.text_input(key="annex_search").input("dwelling fires").run()
    tables = [_plain(t.value) for t in at.table]
    assert [list(t["Measure"].str.split().str[0]) for t in tables] == [["OCC03.12"]]


def test_overview_shows_table_3_and_the_status_of_indicators(bmmr_env: Path) -> None:
    at = open_app(**SEP)
    table3 = next(
        t.value for t in at.dataframe if list(t.value.columns) == ["Measure"] and len(t.value) == 7
    )
    assert list(table3["Measure"].str.split().str[0]) == [
        *("OCC01.04", "OCC03.08", "OCC03.10", "OCC03.12", "OCC11.02", "OCC11.06", "OCC11.11"),
    ]
    assert any(
        "There are 7 measures reporting as Red for the reporting period." in m.value
        for m in at.markdown
    )
    soi = table_with(at, "By the rule").set_index("Priority")
    finance = soi.loc["OCC11 – Finance"]
    assert (finance["Status"], finance["By the rule"]) == ("▲ Red", "★ Green")
    assert any(m.value.startswith("A priority is ▲ Red when more") for m in at.markdown)
    table2 = table_with(at, "Reporting month")
    assert list(table2["Reporting month"])[-1] == "September 2024"


def test_exception_tables_name_the_months_and_the_director(bmmr_env: Path) -> None:
    at = open_page("pages/exceptions.py", **SEP)
    occ11 = table_with(at, "Jul 2024 status")  # bimonthly: previous period two months back
    assert list(occ11["Sep 2024 status"]) == ["▲ Red"] * 3 + ["● Amber"] * 2
    assert set(occ11["Director"]) == {"Lorna Baxter"}
    occ03 = table_with(at, "Jun 2024 status")  # quarterly: three months back
    assert list(occ03["Jun 2024 status"]) == ["★ Green"] * 3 + ["● Amber"]
    occ04 = table_with(at, "Aug 2024 status")
    assert list(occ04["Measure"].str.split().str[0]) == ["OCC04.01", "OCC04.05"]


def _data_page(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("MM_ALLOW_LOCAL_LOAD", "1")
    return open_page("pages/data.py")


def test_data_preview_lists_each_disagreement_before_load(
    bmmr_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _data_page(monkeypatch)
    text = (
        "measure_id,period,actual,target,reported_status,status_note\n"
        "OCC11.07,2024-10,95,95,Amber,judged on the trend\n"
        "OCC11.08,2024-10,97,95,Green,\n"
    )
    at.file_uploader[0].upload("returns-oct.csv", text.encode(), "text/csv").run()
    differ = table_with(at, "Rule gives")
    assert differ.to_dict("records") == [
        {
            "Measure": "OCC11.07",
            "Period": "Oct 2024",
            "Reported": "● Amber",
            "Rule gives": "★ Green",
            "Note": "judged on the trend",
        }
    ]


def test_data_preview_of_a_redefinition_needs_a_tick(
    bmmr_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _data_page(monkeypatch)
    # OCC04.01 made lower-is-better with no effective_from: a rewrite of all its history.
    # Every fixture row carries a reported status, so no status used moves, but the undated
    # change still needs the tick before Load.
    text = (
        "measure_id,name,priority_id,priority_name,frequency,polarity,unit\n"
        "OCC04.01,% of people who received short-term services,OCC04,"
        "Support carers and the social care system,monthly,lower_is_better,number\n"
    )
    at.file_uploader[0].upload("measures-v2.csv", text.encode(), "text/csv").run()
    assert any("polarity changed with no effective_from" in w.value for w in at.warning)
    tick = at.checkbox(key="consent_redefine")
    load = next(b for b in at.button if b.label == "Load")
    assert load.disabled
    tick.check().run()
    load = next(b for b in at.button if b.label == "Load")
    assert not load.disabled
