"""AppTest: the explorer's benchmark section, and neighbours kept off the history chart."""

from __future__ import annotations

from pathlib import Path

from tests.apptest import charts, open_page

PAGE = "pages/explorer.py"


def test_explorer_shows_the_measure_among_its_neighbours(demo_env: Path) -> None:
    at = open_page(PAGE, measure="ASC-PI01", period="2024-09")
    assert "Benchmarks, 2023/24" in [s.value for s in at.subheader]
    caption = next(c.value for c in at.caption if c.value.startswith("England 79.4%"))
    assert "gap -4.3 pp" in caption and "worse than England" in caption
    specs = charts(at)
    chart = specs["Reablement: no further support needed (ASCOF 2A) among its neighbours, 2023/24"]
    assert "This council" in {t["name"] for t in chart["data"]}
    history = next(s for title, s in specs.items() if title.endswith("full history"))
    names = {t["name"] for t in history["data"]}
    assert "England" in names
    assert not any(str(n).endswith("(illustrative)") and "South East" not in str(n) for n in names)


def test_a_measure_without_comparators_has_no_benchmark_section(demo_env: Path) -> None:
    at = open_page(PAGE, measure="ASC-WL01", period="2024-09")
    assert not any(s.value.startswith("Benchmarks") for s in at.subheader)
