"""Board mode (AppTest): `?board=1`, one slide per screen, slide navigation and exit."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from metrics.report import for_period
from metrics.risk import risk_register
from metrics.vocab import status_label
from tests.apptest import open_app, open_page

SEP_2024 = pd.Timestamp("2024-09-01")


def board(**params: str) -> AppTest:
    """The app opened with `?board=1` and any other query parameters."""
    return open_app(board="1", **params)


def slide_line(at: AppTest) -> str:
    for block in at.markdown:
        if "Slide " in block.value and " of " in block.value:
            return block.value.rsplit("\n", 1)[-1]
    raise AssertionError("no 'Slide n of N' text")


def slide_count(data, period: pd.Timestamp) -> int:
    reporting = for_period(data.statuses, period)
    # headline, RAG by priority, status changes; waiting, safeguarding, DoLS; exceptions; risks
    return 3 + 3 + int(reporting["exception"].sum()) + 1


def test_board_mode_shows_only_the_board(demo_env: Path, data) -> None:
    at = board()
    total = slide_count(data, data.latest_period)
    assert slide_line(at).startswith(f"Slide 1 of {total}")
    reporting = for_period(data.statuses, data.latest_period)
    tiles = {m.label: m.value for m in at.metric}
    assert tiles == {
        "Reporting": str(len(reporting)),
        "★ Green": str(int(reporting["status"].eq("green").sum())),
        "● Amber": str(int(reporting["status"].eq("amber").sum())),
        "▲ Red": str(int(reporting["status"].eq("red").sum())),
        "n/a Monitoring": str(int(reporting["status"].eq("monitoring").sum())),
        "? No data": str(int(reporting["status"].eq("no_data").sum())),
        "Exceptions": str(int(reporting["exception"].sum())),
    }
    # The status tiles add up to the number reporting (Monitoring and No data included).
    statuses = ["★ Green", "● Amber", "▲ Red", "n/a Monitoring", "? No data"]
    assert sum(int(tiles[s]) for s in statuses) == int(tiles["Reporting"])
    # Slide 1 names the exceptions: Oct 2025 on the demo, Red first.
    named = at.table[0].value
    assert list(named["Measure"])[:1] == [
        "ASC-DL01 Deprivation of Liberty Safeguards applications waiting"
    ]
    assert len(named) == int(reporting["exception"].sum())
    # no demo banner and no other page's content; the exit button replaces the enter one
    assert not at.warning
    assert at.button(key="board_exit").label == "Exit board mode"
    assert at.button(key="board_prev").disabled


def test_next_and_previous_move_between_slides(demo_env: Path, data) -> None:
    at = board(period="2024-09")
    total = slide_count(data, SEP_2024)
    at.button(key="board_next").click().run()
    assert not at.exception
    assert slide_line(at).startswith(f"Slide 2 of {total}")
    assert at.query_params["slide"] == "2"
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["title"]["text"] == "RAG status by priority, Sep 2024"
    assert spec["layout"].get("height") is None  # sized to the screen by CSS (vh)
    assert [t["name"] for t in spec["data"]][:3] == ["★ Green", "● Amber", "▲ Red"]

    at.button(key="board_next").click().run()
    assert slide_line(at).startswith(f"Slide 3 of {total}")
    assert at.title[0].value == "Status changes, Sep 2024"
    changes = at.table[0].value.set_index("Change")
    reporting = for_period(data.statuses, SEP_2024)
    assert changes["Measures"].sum() == len(reporting)
    # Names beside codes ("ASC-WL01 People waiting…"), not codes alone.
    listed = " ".join(changes["Which measures"])
    changed = reporting[
        reporting["previous_status"].notna() & reporting["previous_status"].ne(reporting["status"])
    ]
    for measure_id, name in zip(changed["measure_id"], changed["name"], strict=True):
        assert f"{measure_id} {name}" in listed

    at.button(key="board_prev").click().run()
    assert slide_line(at).startswith(f"Slide 2 of {total}")


def test_exception_slides_follow_the_tables(demo_env: Path, data) -> None:
    at = board(period="2024-09", slide="7")
    reporting = for_period(data.statuses, SEP_2024)
    exceptions = reporting[reporting["exception"]]
    first = exceptions[exceptions["status"] == "red"].sort_values(["priority_id", "measure_id"])
    row = first.iloc[0]
    heading = next(m.value for m in at.markdown if m.value.startswith("## "))
    assert heading.startswith(f"## {status_label('red')} — {row['measure_id']} {row['name']}")
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["data"][0]["name"] == "Actual"
    assert any(m.value.startswith("**Commentary:**") for m in at.markdown)


def test_last_slide_lists_the_top_five_risks(demo_env: Path, data) -> None:
    total = slide_count(data, SEP_2024)
    at = board(period="2024-09", slide=str(total))
    assert slide_line(at).startswith(f"Slide {total} of {total}")
    assert at.button(key="board_next").disabled
    table = at.table[0].value
    register = risk_register(data.risks, SEP_2024)
    top = register.sort_values(["residual_score", "risk_id"], ascending=[False, True]).head(5)
    assert list(table["Risk"]) == list(top["risk_id"])
    assert list(table["Rating"]) == [status_label(r) for r in top["rating"]]
    assert at.title[0].value == "Top strategic risks, Sep 2024"


def test_topic_slides_for_waiting_safeguarding_and_dols(demo_env: Path) -> None:
    titles = []
    for slide in ("4", "5", "6"):
        at = board(period="2024-09", slide=slide)
        assert not at.exception
        titles.append(at.title[0].value)
        facts = at.table[0].value
        assert facts["Measure"].iloc[0].split(" ", 1)[1]  # a name beside the code
    assert titles == [
        "Waiting for Care Act assessments, Sep 2024",  # the first list in waiting_lists.csv
        "Safeguarding, Sep 2024",
        "Deprivation of Liberty Safeguards, Sep 2024",
    ]
    at = board(period="2024-09", slide="4")
    facts = at.table[0].value.set_index("Measure")
    # Sep 2024 on the demo: 588 people waiting (data/demo/returns.csv).
    assert facts.loc["ASC-WL01 People waiting for a Care Act assessment", "Latest"] == (
        "588 (Sep 2024)"
    )


def test_slide_number_out_of_range_is_clamped(demo_env: Path, data) -> None:
    at = board(slide="999")
    total = slide_count(data, data.latest_period)
    assert slide_line(at).startswith(f"Slide {total} of {total}")
    at = board(slide="nonsense")
    assert slide_line(at).startswith("Slide 1 of ")


def test_exit_board_mode(demo_env: Path) -> None:
    at = board(slide="2")
    at.button(key="board_exit").click().run()
    assert not at.exception
    assert "board" not in at.query_params and "slide" not in at.query_params
    # back in the normal app: sidebar filters and the demo banner return
    assert at.sidebar.selectbox(key="url_period")
    assert at.warning
    assert at.button(key="board_enter").label == "Full screen board mode"


def test_board_page_from_the_navigation(demo_env: Path) -> None:
    at = open_page("pages/board.py")
    assert slide_line(at).startswith("Slide 1 of ")
    at.button(key="board_next").click().run()
    assert slide_line(at).startswith("Slide 2 of ")
    at.button(key="board_enter").click().run()
    assert at.query_params["board"] == "1"
    assert not at.warning


def test_board_on_an_empty_database(empty_db: Path) -> None:
    at = board()
    assert any("no figures in the database" in i.value for i in at.info)
    assert at.title[0].value == "Board mode"
    at.button(key="board_exit").click().run()
    assert "board" not in at.query_params
