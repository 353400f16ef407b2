"""Annex A rows (metrics.annex) and the pack's Annex A and Table 3, on the published Sep 2024 report."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from pypdf import PdfReader

from exports.pack import build_pack
from exports.pdf import render_pack_pdf
from metrics.annex import (
    ANNEX_COLUMNS,
    NOTE_COLUMN,
    annex_groups,
    annex_table,
    directors_in,
    filter_annex,
)
from metrics.report import for_period
from store.service import Dataset

SEP = pd.Timestamp("2024-09-01")


@pytest.fixture(scope="module")
def table(bmmr: Dataset) -> pd.DataFrame:
    return annex_table(for_period(bmmr.statuses, SEP))


def test_columns_are_the_councils_in_its_order(table: pd.DataFrame) -> None:
    assert [label for label, _ in ANNEX_COLUMNS] == [
        "Measure",
        "Director",
        "Portfolio holder",
        "Comment",
        "Improvement plan",
        "Timeframe",
        "Finance impact",
        "Risk impact",
        "Period actual",
        "Period target",
        "Status",
        "YTD actual",
        "YTD target",
        "YTD status",
    ]
    groups = annex_groups(table)
    assert [g[0] for g in groups] == [
        *("OCC01", "OCC02", "OCC03", "OCC04", "OCC05", "OCC06", "OCC07", "OCC09", "OCC10"),
        "OCC11",
    ]
    assert list(groups[0][2].columns) == [label for label, _ in ANNEX_COLUMNS] + [NOTE_COLUMN]


def test_a_row_as_printed_with_its_disagreement(table: pd.DataFrame) -> None:
    row = table[table["measure_id"] == "OCC03.02"].iloc[0]
    assert row["Measure"].startswith("OCC03.02 ")
    assert (row["Director"], row["Portfolio holder"]) == ("Ansaf Azhar", "Cllr L Leffman")
    assert (row["Period actual"], row["Period target"], row["Status"]) == (
        "4.1%",
        "5.0%",
        "★ Green",
    )
    assert row[NOTE_COLUMN].startswith("Reported ★ Green · rule gives ▲ Red")


def test_filters_and_search(table: pd.DataFrame) -> None:
    occ03 = filter_annex(table, priorities=["OCC03"])
    assert len(occ03) == 9
    rob = filter_annex(table, directors=["Rob MacDougall"], statuses=["red"])
    assert sorted(rob["measure_id"]) == ["OCC03.08", "OCC03.10", "OCC03.12"]
    assert list(filter_annex(table, query="dwelling FIRES")["measure_id"]) == ["OCC03.12"]
    # "Lisa Lyons; Stephen Chandler" counts for each of them.
    assert "Stephen Chandler" in directors_in(table)
    chandler = filter_annex(table, directors=["Stephen Chandler"])
    assert sorted(chandler["measure_id"]) == [
        *("OCC07.02", "OCC07.03", "OCC07.05", "OCC07.06", "OCC07.07", "OCC07.08"),
    ]
    assert filter_annex(table, query="no such words here").empty


def test_pack_has_table_3_and_annex_a(bmmr: Dataset) -> None:
    pack = build_pack(bmmr, SEP)
    assert [name.split()[0] for name in pack.red_measures] == [
        *("OCC01.04", "OCC03.08", "OCC03.10", "OCC03.12"),
        *("OCC11.02", "OCC11.06", "OCC11.11"),
    ]
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(render_pack_pdf(pack))).pages
    )
    assert "There are 7 measures reporting as Red for the reporting period." in text
    assert "Annex A: OCC03 – Prioritise the health and wellbeing of residents" in text
    assert "Annex A: OCC11 – Finance" in text
    assert "Table 2: measures by month, financial year 2024/25" in text
    assert "Status of Indicators, Sep 2024" in text
    assert list(pack.indicators.loc[pack.indicators["status"] == "red", "priority_id"]) == ["OCC11"]
    assert list(pack.table2_financial_year["Total"]) == ["0", "0", "4", "5", "7", "71"]
