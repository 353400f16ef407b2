"""AppTest: the Benchmarks page on the demo database (published England figures)."""

from __future__ import annotations

from pathlib import Path

from tests.apptest import charts, open_page, table_with

PAGE = "pages/benchmarks.py"


def test_ascof_annex_rows_use_the_published_england_figures(demo_env: Path) -> None:
    at = open_page(PAGE, period="2024-09")
    assert [t.value for t in at.title] == ["Benchmarks"]
    table = table_with(at, "Gap to England").set_index("Measure")
    reablement = table.loc["Reablement: no further support needed (ASCOF 2A) (ASC-PI01)"]
    assert reablement["Year"] == "2023/24"
    assert reablement["Council"] == 75.1 and reablement["England"] == 79.39
    assert reablement["Gap to England"] == -4.3  # 75.1 - 79.39, pp
    assert reablement["Gap in"] == "pp"
    assert reablement["Compared with England"] == "Worse than England"
    assert reablement["Change on last year"] == 5.1  # 70.0 -> 75.1 (annex: 5.1)
    admissions = table.loc["Permanent care home admissions, 65+, per 100,000 (ASC-PI03)"]
    assert admissions["Year"] == "2022/23"  # England's latest published year
    assert admissions["England"] == 560.8 and admissions["Council"] == 357.7
    assert admissions["Gap to England"] == -36.2  # annex prints -36%
    assert admissions["Gap in"] == "% of England"
    assert admissions["Compared with England"] == "Better than England"
    providers = table.loc["Providers rated Good or Outstanding by CQC (ASC-QM01)"]
    # Jun 2024: Oxfordshire 91% against 83% nationally (the old demo showed 83% as ours)
    assert providers["England"] == 83 and providers["Council"] == 91
    ranked = table.dropna(subset=["Rank"])
    assert len(ranked) >= 5
    assert (ranked["Rank"] <= ranked["Of"]).all()
    assert ranked["Quartile (1 = best)"].between(1, 4).all()
    assert any("not CQC's statistical test" in c.value for c in at.caption)


def test_neighbour_chart_labels_the_council(demo_env: Path) -> None:
    at = open_page(PAGE, period="2024-09")
    spec = next(iter(charts(at).values()))
    names = {t["name"] for t in spec["data"]}
    assert {"This council", "England", "Neighbour"} <= names
    labels = [y for t in spec["data"] for y in t["y"]]
    assert any(label.endswith("(illustrative)") for label in labels)
    assert spec["layout"]["xaxis"]["title"]["text"]


def test_benchmarks_page_on_an_empty_database(empty_db: Path) -> None:
    at = open_page(PAGE)
    assert not at.exception
