"""Explorer: the SPC baseline is chosen and kept in the URL; a shift offers a rebase."""

from __future__ import annotations

from pathlib import Path

from store.service import Dataset
from tests.apptest import charts, open_page, values

PAGE = "pages/explorer.py"


def _assurance(at) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**Assurance:**"))


def test_reviews_overdue_is_not_called_consistently_failing(demo_env: Path) -> None:
    at = open_page(PAGE, measure="ASC-RV01", period="2025-10")
    text = _assurance(at)
    assert "Consistently failing" not in text
    assert "Not assessed: the latest figure, 7.9%, meets the target of 8.0%" in text


def test_a_shift_is_named_and_rebasing_from_it_is_kept_in_the_url(demo_env: Path) -> None:
    # Without the events' process changes, the waiting list's one set of limits is stale: it
    # has been below the mean every month since Dec 2023 (23 points to Oct 2025).
    at = open_page(PAGE, measure="ASC-WL01", period="2025-10", spc_events="0")
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("The last 23 points, since Dec 2023, are all below") for w in warnings)
    button = next(b for b in at.button if b.label.startswith("Start new limits from"))
    assert button.label == "Start new limits from Dec 2023"
    button.click().run()
    assert not at.exception
    assert at.query_params["spc_since"] == "2023-12"  # kept in the URL
    assert at.selectbox(key="spc_since").value == "2023-12"
    assert any("New limits start in Dec 2023" in c.value for c in at.caption)
    # The list kept falling after Dec 2023, so the new limits are overtaken in turn: the page
    # now names the later shift (16 points since Jul 2024) rather than the old one.
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("The last 16 points, since Jul 2024") for w in warnings), warnings


def test_a_since_date_in_the_url_rebases_the_limits(demo_env: Path, data: Dataset) -> None:
    at = open_page(PAGE, measure="ASC-SG03", period="2025-10", spc_events="0", spc_since="2025-01")
    assert at.selectbox(key="spc_since").value == "2025-01"
    spec = charts(at)["Safeguarding enquiries open more than 12 weeks: SPC chart"]
    mean = next(t for t in spec["data"] if t["name"] == "Mean")
    s = data.statuses
    rows = s[(s["measure_id"] == "ASC-SG03") & (s["period"] >= "2025-01-01")]
    rows = rows[rows["period"] <= "2025-10-01"]
    assert [v for v in values(mean["y"]) if v is not None][-1] == (rows["actual"].sum() / len(rows))


def test_process_change_events_are_listed_and_drawn(demo_env: Path) -> None:
    at = open_page(PAGE, measure="ASC-RV01", period="2025-10")
    table = next(t.value for t in at.dataframe if "Event" in t.value.columns)
    assert list(table["Date"]) == ["1 Apr 2022", "1 Apr 2023", "1 Apr 2024"]
    assert list(table["New limits"]) == ["Yes: process change", "No", "Yes: process change"]
    assert list(table["Applies to"]) == ["ASC-RV01", "Every measure", "ASC-RV01"]
    spec = charts(at)["Reviews overdue: SPC chart"]
    labels = [a["text"] for a in spec["layout"]["annotations"]]
    assert labels == [
        "New limits: Review Team backlog project began (il…",
        "Event: New financial year targets set (illus…",
        "New limits: Review Team restructured into localit…",
    ]


def test_every_figure_is_shown_with_its_commentary_in_full(demo_env: Path, data: Dataset) -> None:
    at = open_page(PAGE, measure="ASC-WL01", period="2025-10")
    table = next(t.value for t in at.table if "Commentary" in t.value.columns)
    s = data.statuses
    n = int(((s["measure_id"] == "ASC-WL01") & (s["period"] <= "2025-10-01")).sum())
    assert n > 10
    assert len(table) == n  # a static table: every row, not a 10-row scrolling grid
