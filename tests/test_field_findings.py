"""Issue 21's hostile files, one test per finding: each kind gets the same field types and checks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from cli.commands import main
from intake.loader import commit, validate_file
from metrics.finance import FinanceThresholds, finance_table
from settings.config import Settings
from store.database import read_connection
from store.reads import read_finance

MEASURES = (
    "measure_id,name,priority_id,priority_name,frequency,polarity,unit,tolerance\n"
    "M1,Waiting list,P1,Waits,monthly,higher_is_better,count,0.05\n"
    "M2,Long waits,P1,Waits,monthly,lower_is_better,count,0.05\n"
    "M3,Bands,P2,Bands,monthly,lower_is_better,count,0.05\n"
)
FINANCE = (
    "service_area,period,net_budget,forecast,variance_last_reported,savings_planned,"
    "savings_delivered,savings_forecast\n"
)
LISTS = "waiting_list,waiting_list_name,measure_id,waiting_role,band_from_days,band_to_days\n"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "t.duckdb", backup_dir=tmp_path / "b", backups_kept=0)


def _load(settings: Settings, text: str, name: str) -> None:
    validated = validate_file(text.encode(), name, settings)
    assert validated.ok, [i.describe() for i in validated.rejections]
    assert commit(validated, settings, "t").status == "loaded"


def _reasons(settings: Settings, text: str, name: str) -> list[tuple[int | None, str | None, str]]:
    validated = validate_file(text.encode(), name, settings)
    return [(i.row, i.column, i.reason) for i in validated.rejections]


# --- events: one strict date grammar ---------------------------------------------------------


@pytest.mark.parametrize("written", ["2024-06-015", "2024-07-01 to 2024-09-30", "2024-06-01x"])
def test_an_event_date_with_trailing_characters_or_a_range_is_refused(
    settings: Settings, written: str
) -> None:
    text = f"date,measure_id,label,process_change\n{written},,New team,yes\n"
    (problem,) = _reasons(settings, text, "events.csv")
    assert problem[:2] == (2, "date")
    assert "2024-04-01" in problem[2]


@pytest.mark.parametrize("written", ["2025-03-31x", "2025-03-31 to 2025-04-30"])
def test_an_action_date_uses_the_same_grammar(settings: Settings, written: str) -> None:
    text = f"action_id,title,owner,raised,due,status\nA1,Fix it,Ann,2025-01-01,{written},on_track\n"
    problems = _reasons(settings, text, "actions.csv")
    assert (2, "due") in [p[:2] for p in problems]


@pytest.mark.parametrize("written", ["2024-09x", "2024-07 to 2024-09"])
def test_a_period_with_trailing_characters_or_a_range_is_refused(
    settings: Settings, written: str
) -> None:
    problems = _reasons(settings, FINANCE + f"A,{written},100,100,,,,\n", "finance.csv")
    assert [p[:2] for p in problems] == [(2, "period")]


# --- finance ---------------------------------------------------------------------------------


def test_a_negative_budget_overspent_by_a_million_is_red_not_green() -> None:
    rows = pd.DataFrame(
        {
            "service_area": ["Income"],
            "period": [pd.Timestamp("2024-09-01")],
            "net_budget": [-10_000_000.0],
            "forecast": [-9_000_000.0],
            **{c: [None] for c in ("variance_last_reported", "savings_planned")},
            **{c: [None] for c in ("savings_delivered", "savings_forecast")},
        }
    )
    table = finance_table(rows, pd.Timestamp("2024-09-01"), FinanceThresholds())
    first = table.iloc[0]
    assert first["variance"] == 1_000_000
    assert first["variance_pct"] == pytest.approx(10.0)
    assert first["light"] == "red"


@pytest.mark.parametrize(("written", "why"), [("0.07%", "'%'"), ("£-", "must be a number")])
def test_a_percent_in_a_money_column_is_refused(settings: Settings, written: str, why: str) -> None:
    problems = _reasons(settings, FINANCE + f"A,2024-09,{written},100,,,,\n", "finance.csv")
    assert [p[:2] for p in problems] == [(2, "net_budget")]
    assert why in problems[0][2]


def test_a_restated_month_must_restate_every_service_line_it_held(settings: Settings) -> None:
    _load(
        settings,
        FINANCE + "Home care,2024-09,28600000,28600000,,,,\nDay care,2024-09,1000,1000,,,,\n",
        "finance.csv",
    )
    # Home care renamed in the restatement: summed with its old name it would add £28.6m.
    text = (
        FINANCE
        + "Home care and support,2024-09,28600000,28700000,,,,\nDay care,2024-09,1000,1000,,,,\n"
    )
    problems = _reasons(settings, text, "finance-restated.csv")
    assert problems, "a restatement that drops a held line must be refused"
    assert any("Home care" in reason and "Sep 2024" in reason for _, _, reason in problems)
    with read_connection(settings.db_path) as con:
        assert len(read_finance(con)) == 2


def test_a_restated_month_that_restates_every_line_loads(settings: Settings) -> None:
    _load(settings, FINANCE + "Home care,2024-09,100,100,,,,\n", "finance.csv")
    _load(settings, FINANCE + "Home care,2024-09,100,120,,,,\nDay care,2024-09,5,5,,,,\n", "f2.csv")
    _load(settings, FINANCE + "Home care,2024-10,100,100,,,,\n", "f3.csv")  # a new month


# --- identifiers -----------------------------------------------------------------------------


def test_a_priority_id_in_another_case_is_refused_naming_the_held_one(settings: Settings) -> None:
    # Ids match exactly everywhere (as measure ids always have): p1 was accepted, never applied.
    _load(settings, MEASURES, "measures.csv")
    text = "priority_id,period,priority_status\np1,2024-09,green\nP1,2024-09,red\n"
    problems = _reasons(settings, text, "priority_statuses.csv")
    assert problems == [
        (
            2,
            "priority_id",
            "unknown priority_id 'p1': the catalogue has 'P1' (ids must match exactly, "
            "including case)",
        )
    ]


def test_an_unknown_priority_status_is_refused(settings: Settings) -> None:
    _load(settings, MEASURES, "measures.csv")
    text = "priority_id,period,priority_status\nP9,2024-09,green\n"
    (problem,) = _reasons(settings, text, "priority_statuses.csv")
    assert problem[:2] == (2, "priority_id")
    assert "unknown priority_id 'P9'" in problem[2]


def test_england_in_any_case_is_recognised_as_england(settings: Settings) -> None:
    _load(settings, MEASURES, "measures.csv")
    text = "measure_id,period,comparator,value\nM1,2024-03,ENGLAND,5\nM1,2024-03,Kent,6\n"
    validated = validate_file(text.encode(), "comparators.csv", settings)
    assert validated.ok
    assert list(validated.frames["comparators"]["comparator"]) == ["England", "Kent"]


# --- waiting lists ---------------------------------------------------------------------------


def test_two_waiting_measures_in_one_list_are_refused(settings: Settings) -> None:
    text = LISTS + "ot,OT,M1,waiting,,\not,OT,M2,waiting,,\n"
    problems = _reasons(settings, text, "waiting_lists.csv")
    assert problems and all("ot" in reason for _, _, reason in problems)
    assert {row for row, _, _ in problems} == {2, 3}


def test_a_band_whose_start_is_after_its_end_is_refused(settings: Settings) -> None:
    text = LISTS + "ot,OT,M1,waiting,,\not,OT,M3,band,90,28\n"
    (problem,) = _reasons(settings, text, "waiting_lists.csv")
    assert problem[:2] == (3, "band_from_days")
    assert "90" in problem[2] and "28" in problem[2]


def test_a_list_with_no_waiting_measure_is_refused(settings: Settings) -> None:
    text = LISTS + "ot,OT,M3,band,0,28\n"
    (problem,) = _reasons(settings, text, "waiting_lists.csv")
    assert problem[0] == 2
    assert "'ot'" in problem[2] and "waiting" in problem[2]


# --- replaces --------------------------------------------------------------------------------

REPLACES = "measure_id,name,priority_id,priority_name,frequency,polarity,unit,replaces\n"


def test_a_measure_that_replaces_itself_is_refused(settings: Settings) -> None:
    text = REPLACES + "C,See,P1,Waits,monthly,higher_is_better,count,C\n"
    (problem,) = _reasons(settings, text, "measures.csv")
    assert problem[:2] == (2, "replaces")
    assert "itself" in problem[2]


def test_a_cycle_of_replacements_is_refused(settings: Settings) -> None:
    text = (
        REPLACES
        + "A,Aye,P1,Waits,monthly,higher_is_better,count,B\n"
        + "B,Bee,P1,Waits,monthly,higher_is_better,count,A\n"
    )
    problems = _reasons(settings, text, "measures.csv")
    assert {(row, column) for row, column, _ in problems} == {(2, "replaces"), (3, "replaces")}
    assert all("cycle" in reason for _, _, reason in problems)


def test_a_cycle_through_a_held_measure_is_refused(settings: Settings) -> None:
    _load(settings, REPLACES + "A,Aye,P1,Waits,monthly,higher_is_better,count,\n", "m1.csv")
    _load(settings, REPLACES + "B,Bee,P1,Waits,monthly,higher_is_better,count,A\n", "m2.csv")
    text = REPLACES + "A,Aye,P1,Waits,monthly,higher_is_better,count,B\n"
    problems = _reasons(settings, text, "m3.csv")
    assert [p[:2] for p in problems] == [(2, "replaces")]


def test_replacing_an_unknown_measure_is_refused(settings: Settings) -> None:
    text = REPLACES + "A,Aye,P1,Waits,monthly,higher_is_better,count,ZZ\n"
    (problem,) = _reasons(settings, text, "measures.csv")
    assert problem[:2] == (2, "replaces")
    assert "unknown" in problem[2] and "ZZ" in problem[2]


# --- redefinitions and cadence ---------------------------------------------------------------


def test_a_change_dated_before_every_figure_needs_consent_in_the_cli(
    settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _load(settings, MEASURES, "measures.csv")
    _load(settings, "measure_id,period,actual,target\nM1,2024-03,90,100\n", "returns.csv")
    changed = tmp_path / "measures-2000.csv"
    changed.write_text(
        "measure_id,name,priority_id,priority_name,frequency,polarity,unit,tolerance,"
        "effective_from\nM1,Waiting list,P1,Waits,monthly,lower_is_better,count,0.05,2000-01\n"
    )
    code = main(["load", str(changed), "--db", str(settings.db_path), "--user", "t"])
    err = capsys.readouterr().err
    assert code == 1
    assert "1 past status(es) would change" in err
    assert (
        main(["load", str(changed), "--db", str(settings.db_path), "--user", "t", "--redefine"])
        == 0
    )


def test_a_measure_turning_quarterly_next_april_keeps_its_monthly_figures_now(
    settings: Settings,
) -> None:
    today = dt.date.today()
    april = dt.date(today.year + 1, 4, 1)
    _load(settings, MEASURES, "measures.csv")
    _load(
        settings,
        "measure_id,name,priority_id,priority_name,frequency,polarity,unit,tolerance,"
        f"effective_from\nM1,Waiting list,P1,Waits,quarterly,higher_is_better,count,0.05,"
        f"{april:%Y-%m}\n",
        "measures-quarterly.csv",
    )
    month = dt.date(today.year, today.month, 1)
    if month.month in (3, 6, 9, 12):
        month = dt.date(month.year, month.month - 1, 1)
    _load(settings, f"measure_id,period,actual,target\nM1,{month:%Y-%m},90,100\n", "returns.csv")


def test_the_quarterly_cadence_applies_from_its_month(settings: Settings) -> None:
    _load(settings, MEASURES, "measures.csv")
    _load(
        settings,
        "measure_id,name,priority_id,priority_name,frequency,polarity,unit,tolerance,"
        "effective_from\nM1,Waiting list,P1,Waits,quarterly,higher_is_better,count,0.05,2024-04\n",
        "measures-quarterly.csv",
    )
    text = "measure_id,period,actual,target\nM1,2024-02,90,100\nM1,2024-05,90,100\n"
    problems = _reasons(settings, text, "returns.csv")
    assert [p[:2] for p in problems] == [(3, "period")]


def _xlsx(text: str) -> bytes:
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for line in text.strip().splitlines():
        sheet.append(line.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


UNDATED = (
    "measure_id,name,priority_id,priority_name,frequency,polarity,unit,tolerance\n"
    "M1,Waiting list,P1,Waits,monthly,lower_is_better,count,0.05\n"
)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("measures.xlsx", _xlsx(UNDATED)),
        ("measures.csv", (",,,,,,,\n" * 400 + UNDATED).encode()),
    ],
)
def test_an_undated_change_of_polarity_needs_consent_whatever_the_layout(
    settings: Settings,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    data: bytes,
) -> None:
    _load(settings, MEASURES, "measures.csv")
    _load(settings, "measure_id,period,actual,target\nM1,2024-03,90,100\n", "returns.csv")
    assert validate_file(data, name, settings).ok
    path = tmp_path / name
    path.write_bytes(data)
    assert main(["load", str(path), "--db", str(settings.db_path), "--user", "t"]) == 1
    assert "M1: polarity changed with no effective_from" in capsys.readouterr().err


def test_every_link_names_the_held_spelling_of_an_id_in_another_case(settings: Settings) -> None:
    _load(settings, MEASURES, "measures.csv")
    event = "date,measure_id,label,process_change\n2024-04-01,m1,New team,yes\n"
    action = (
        "action_id,title,owner,raised,due,status,linked_measures\n"
        "A1,Fix it,Ann,2025-01-01,2025-02-01,on_track,m1;M9\n"
    )
    for text, name in ((event, "events.csv"), (action, "actions.csv")):
        reasons = [reason for _, _, reason in _reasons(settings, text, name)]
        assert any("the catalogue has 'M1'" in r for r in reasons), reasons
    reasons = [reason for _, _, reason in _reasons(settings, action, "actions.csv")]
    assert "unknown measure 'M9': add it to measures first" in reasons


@pytest.mark.parametrize(
    ("header", "row", "column"),
    [
        (FINANCE, "A,2024-09,100,100,,5%,,\n", "savings_planned"),
        (LISTS, "ot,OT,M3,band,0,28%\n", "band_to_days"),
        (LISTS, "ot,OT,M3,band,£0,28\n", "band_from_days"),
        (
            "measure_id,name,priority_id,priority_name,frequency,polarity,unit,tolerance\n",
            "M1,Waits,P1,Waits,monthly,higher_is_better,count,5%\n",
            "tolerance",
        ),
        (
            "risk_id,name,period,inherent_likelihood,inherent_impact,residual_likelihood,"
            "residual_impact\n",
            "R1,Risk,2024-09,3%,3,2,2\n",
            "inherent_likelihood",
        ),
    ],
)
def test_a_mark_of_another_unit_is_refused_in_every_fixed_unit_column(
    settings: Settings, header: str, row: str, column: str
) -> None:
    problems = _reasons(settings, header + row, "file.csv")
    assert (2, column) in [p[:2] for p in problems], problems


@pytest.mark.parametrize("bands_first", [True, False])
def test_a_list_split_over_two_files_of_one_load_loads_in_any_order(
    settings: Settings, bands_first: bool
) -> None:
    from intake.loader import load_files

    _load(settings, MEASURES, "measures.csv")
    files = [
        ("lists.csv", (LISTS + "ot,OT,M1,waiting,,\n").encode()),
        ("bands.csv", (LISTS + "ot,OT,M3,band,0,28\n").encode()),
    ]
    if bands_first:
        files.reverse()
    checked, results = load_files(files, settings, "t")
    assert all(v.ok for v in checked), [i.describe() for v in checked for i in v.rejections]
    assert [r.status for r in results] == ["loaded", "loaded"]


def test_two_files_of_one_load_each_naming_a_waiting_measure_are_refused(
    settings: Settings,
) -> None:
    from intake.loader import validate_files

    _load(settings, MEASURES, "measures.csv")
    files = [
        ("a.csv", (LISTS + "ot,OT,M1,waiting,,\n").encode()),
        ("b.csv", (LISTS + "ot,OT,M2,waiting,,\n").encode()),
    ]
    reasons = [i.reason for v in validate_files(files, settings) for i in v.rejections]
    assert reasons and all("2 measures with waiting_role waiting" in r for r in reasons)
