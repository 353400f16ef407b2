"""AppTest: the Finance page and the Overview's budget tile on the demo database."""

from __future__ import annotations

from pathlib import Path

from tests.apptest import charts, metric, open_app, open_page, table_with

PAGE = "pages/finance.py"


def test_sep_2024_is_breakeven_as_published(demo_env: Path) -> None:
    at = open_page(PAGE, period="2024-09")
    assert [t.value for t in at.title] == ["Finance"]
    assert metric(at, "Net budget") == "£250.2m"
    assert metric(at, "Forecast variance") == "Breakeven"
    assert metric(at, "Traffic light") == "★ Green"
    table = table_with(at, "Service area").set_index("Service area")
    total = table.loc["Total"]
    assert total["Budget £000"] == 250_201  # BMMR Sep 2024 Table 13
    assert total["Forecast £000"] == 250_201
    assert total["Variance £000"] == 0 and total["Variance %"] == 0
    assert total["Last reported £000"] == 0
    scs1 = table.loc["Adult Social Care (SCS1)"]
    assert (scs1["Budget £000"], scs1["Forecast £000"]) == (27_209, 27_509)
    assert scs1["Variance %"] == 1.10  # 300 / 27,209
    assert scs1["Traffic light"] == "★ Green"  # 1.10% is not over 1.1%
    savings = table_with(at, "Planned £000").set_index("Service area")
    assert savings.loc["Total", "Planned £000"] == "4,300"
    assert savings.loc["Total", "Delivered to date £000"] == "2,900"
    assert savings.loc["Total", "Delivered, % of plan"] == "67%"  # published 67%
    assert savings.loc["Total", "Forecast, % of plan"] == "98%"  # 4.2 of 4.3 (published 98%)
    assert savings.loc["Other Adult Services", "Forecast, % of plan"] == "–"  # no plan
    assert any("Red over 1.5%" in c.value for c in at.caption)
    spec = charts(at)["Forecast year-end variance, Adult Services"]
    assert spec["layout"]["yaxis"]["title"]["text"] == "Variance, % of net budget"


def test_a_month_between_reports_shows_the_latest_report(demo_env: Path) -> None:
    at = open_page(PAGE, period="2024-10")
    assert any("the latest at or before October 2024" in c.value for c in at.caption)
    assert metric(at, "Forecast variance") == "Breakeven"


def test_thresholds_are_read_from_configuration(demo_env: Path, monkeypatch) -> None:
    monkeypatch.setenv("MM_FINANCE_AMBER_ABOVE_PCT", "1.0")
    monkeypatch.setenv("MM_FINANCE_RED_ABOVE_PCT", "1.05")
    at = open_page(PAGE, period="2024-09")
    table = table_with(at, "Service area").set_index("Service area")
    assert table.loc["Adult Social Care (SCS1)", "Traffic light"] == "▲ Red"


def test_finance_page_without_finance_rows(empty_db: Path) -> None:
    at = open_page(PAGE)
    assert not at.exception
    assert any("no budget figures" in i.value for i in at.info)


def test_overview_has_a_budget_tile(demo_env: Path) -> None:
    at = open_app(period="2024-09")
    assert metric(at, "Forecast variance, September 2024") == "Breakeven"
