"""metrics.periods: reporting periods, financial years and every date shown to a reader.

Every expected value is written out by hand (Jan, Mar, Apr and Dec for each function, the
financial-year edges, the 1st/9th/10th/31st of a month), never computed with the code under
test. The refusals are pinned word for word, here and wherever a period is read: the loader
for each file kind, a workbook cell, the CLI, the board pack and the charts.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charts.performance import measure_trend
from charts.waiting import waiting_list_by_team
from intake.loader import commit, validate_file
from metrics import periods
from metrics.periods import (
    MONTH_ABBR,
    MONTH_NAMES,
    add_months,
    day_label,
    day_long,
    day_month,
    financial_year,
    financial_year_start,
    month_index,
    month_indices,
    month_label,
    month_long,
    parse_period,
    period_key,
    period_starts,
    stamp_label,
    stamp_long,
    time_label,
)
from settings.config import Settings

ROOT = Path(__file__).resolve().parents[1]

#: The six malformed periods the issue names, and the exact reason each is refused.
BAD_PERIODS = [
    ("2024-9", "period must be YYYY-MM (e.g. 2024-09), got '2024-9'"),
    ("2024-13", "period month must be 01-12, got '2024-13'"),
    ("2024-00", "period month must be 01-12, got '2024-00'"),
    ("24-09", "period must be YYYY-MM (e.g. 2024-09), got '24-09'"),
    ("2024/09", "period must be YYYY-MM (e.g. 2024-09), got '2024/09'"),
    ("2024-09-01", "period must be YYYY-MM (e.g. 2024-09), got '2024-09-01'"),
]


# --- month names --------------------------------------------------------------------------


def test_month_names_are_english_whatever_the_locale() -> None:
    assert MONTH_ABBR == (
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    )  # fmt: skip
    assert MONTH_NAMES == (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    )  # fmt: skip
    assert periods.FIRST_MONTH_OF_FINANCIAL_YEAR == 4


@pytest.mark.parametrize(
    ("month", "short", "long"),
    [
        (1, "Jan 2024", "January 2024"),
        (2, "Feb 2024", "February 2024"),
        (3, "Mar 2024", "March 2024"),
        (4, "Apr 2024", "April 2024"),
        (5, "May 2024", "May 2024"),
        (6, "Jun 2024", "June 2024"),
        (7, "Jul 2024", "July 2024"),
        (8, "Aug 2024", "August 2024"),
        (9, "Sep 2024", "September 2024"),
        (10, "Oct 2024", "October 2024"),
        (11, "Nov 2024", "November 2024"),
        (12, "Dec 2024", "December 2024"),
    ],
)
def test_month_label_and_month_long_for_every_month(month: int, short: str, long: str) -> None:
    assert month_label(dt.date(2024, month, 1)) == short
    assert month_long(dt.date(2024, month, 1)) == long


def test_month_labels_accept_a_datetime_and_a_timestamp_on_any_day() -> None:
    assert month_label(pd.Timestamp("2025-03-31 23:59")) == "Mar 2025"
    assert month_label(dt.datetime(1999, 4, 30, 12, 0)) == "Apr 1999"
    assert month_long(pd.Timestamp("2000-01-15")) == "January 2000"
    assert month_long(dt.datetime(2024, 12, 31, 0, 0)) == "December 2024"


# --- parsing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01", dt.date(2024, 1, 1)),
        ("2024-03", dt.date(2024, 3, 1)),
        ("2024-04", dt.date(2024, 4, 1)),
        ("2024-12", dt.date(2024, 12, 1)),
        ("1999-04", dt.date(1999, 4, 1)),
        ("0001-01", dt.date(1, 1, 1)),
        ("9999-12", dt.date(9999, 12, 1)),
        (" 2024-09 ", dt.date(2024, 9, 1)),  # spaces around a cell are not part of it
        ("2024-09\n", dt.date(2024, 9, 1)),
    ],
)
def test_parse_period_reads_yyyy_mm_as_the_first_of_the_month(text: str, expected: dt.date) -> None:
    assert parse_period(text) == expected
    assert type(parse_period(text)) is dt.date


@pytest.mark.parametrize(("text", "message"), BAD_PERIODS)
def test_parse_period_refuses_the_malformed_periods(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        parse_period(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "period must be YYYY-MM (e.g. 2024-09), got ''"),
        ("Sep 2024", "period must be YYYY-MM (e.g. 2024-09), got 'Sep 2024'"),
        ("202409", "period must be YYYY-MM (e.g. 2024-09), got '202409'"),
        ("2024-09x", "period must be YYYY-MM (e.g. 2024-09), got '2024-09x'"),
        ("x2024-09", "period must be YYYY-MM (e.g. 2024-09), got 'x2024-09'"),
        ("12024-09", "period must be YYYY-MM (e.g. 2024-09), got '12024-09'"),
        ("2024-009", "period must be YYYY-MM (e.g. 2024-09), got '2024-009'"),
        ("2024 09", "period must be YYYY-MM (e.g. 2024-09), got '2024 09'"),
        # Full-width digits are digits to Python's \d and int(), but not to a return.
        ("２０２４-０９", "period must be YYYY-MM (e.g. 2024-09), got '２０２４-０９'"),
        ("2024-1O", "period must be YYYY-MM (e.g. 2024-09), got '2024-1O'"),
        ("2024-99", "period month must be 01-12, got '2024-99'"),
        ("0000-01", "period year must be 0001 or later, got '0000-01'"),
        ("0000-13", "period month must be 01-12, got '0000-13'"),
    ],
)
def test_parse_period_refuses_everything_else_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        parse_period(text)


def test_parse_period_of_a_number_names_what_it_was_given() -> None:
    with pytest.raises(
        ValueError, match=r"^period must be YYYY-MM \(e\.g\. 2024-09\), got 202409$"
    ):
        parse_period(202409)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "key"),
    [
        (dt.date(2024, 1, 1), "2024-01"),
        (dt.date(2024, 3, 9), "2024-03"),
        (dt.date(2024, 4, 10), "2024-04"),
        (dt.date(2024, 12, 31), "2024-12"),
        (pd.Timestamp("2025-03-31 23:59"), "2025-03"),
        (dt.datetime(2000, 1, 1, 0, 0), "2000-01"),
        (dt.date(999, 1, 1), "0999-01"),
        (dt.date(5, 10, 1), "0005-10"),
    ],
)
def test_period_key_is_four_digit_year_and_two_digit_month(day: dt.date, key: str) -> None:
    assert period_key(day) == key


@settings(deadline=None, max_examples=300)
@given(year=st.integers(1, 9999), month=st.integers(1, 12))
def test_every_valid_month_round_trips(year: int, month: int) -> None:
    key = f"{year:04d}-{month:02d}"
    assert parse_period(key) == dt.date(year, month, 1)
    assert period_key(parse_period(key)) == key


_VALID = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")


@settings(deadline=None, max_examples=400)
@given(st.text(alphabet="0123456789-/ ", max_size=10))
def test_text_is_read_only_when_it_is_exactly_a_month(text: str) -> None:
    """The rule written independently: four ASCII digits, a hyphen, 01-12; year 0 refused."""
    shown = text.strip()
    readable = bool(_VALID.fullmatch(shown)) and not shown.startswith("0000")
    try:
        day = parse_period(text)
    except ValueError:
        assert not readable, text
    else:
        assert readable, text
        assert (day.year, day.month, day.day) == (int(shown[:4]), int(shown[5:]), 1)


# --- financial years ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "label", "start"),
    [
        (dt.date(2025, 3, 31), "2024/25", dt.date(2024, 4, 1)),
        (dt.date(2025, 4, 1), "2025/26", dt.date(2025, 4, 1)),
        (dt.date(2000, 1, 1), "1999/00", dt.date(1999, 4, 1)),
        (dt.date(1999, 4, 1), "1999/00", dt.date(1999, 4, 1)),
        (dt.date(2009, 4, 1), "2009/10", dt.date(2009, 4, 1)),
        (dt.date(2024, 1, 1), "2023/24", dt.date(2023, 4, 1)),
        (dt.date(2024, 3, 1), "2023/24", dt.date(2023, 4, 1)),
        (dt.date(2024, 4, 30), "2024/25", dt.date(2024, 4, 1)),
        (dt.date(2024, 12, 31), "2024/25", dt.date(2024, 4, 1)),
        (dt.date(2099, 5, 1), "2099/00", dt.date(2099, 4, 1)),
        (pd.Timestamp("2025-03-31 23:59"), "2024/25", dt.date(2024, 4, 1)),
        (pd.Timestamp("2025-04-01 00:00"), "2025/26", dt.date(2025, 4, 1)),
        (dt.datetime(2024, 9, 1, 12, 0), "2024/25", dt.date(2024, 4, 1)),
    ],
)
def test_financial_year_runs_april_to_march(day: dt.date, label: str, start: dt.date) -> None:
    assert financial_year(day) == label
    assert financial_year_start(day) == start
    assert type(financial_year_start(day)) is dt.date


# --- month arithmetic ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "index"),
    [
        (dt.date(2024, 1, 1), 24288),  # 2024 × 12 + 0
        (dt.date(2024, 3, 9), 24290),
        (dt.date(2024, 4, 10), 24291),
        (dt.date(2024, 12, 31), 24299),
        (dt.date(2025, 1, 1), 24300),
        (pd.Timestamp("2025-03-31 23:59"), 24302),
        (dt.date(1, 1, 1), 12),
    ],
)
def test_month_index(day: dt.date, index: int) -> None:
    assert month_index(day) == index


@pytest.mark.parametrize(
    ("later", "earlier", "months"),
    [
        (dt.date(2025, 1, 1), dt.date(2024, 12, 1), 1),
        (dt.date(2025, 3, 1), dt.date(2024, 4, 1), 11),  # a financial year, first to last
        (dt.date(2025, 4, 1), dt.date(2024, 4, 1), 12),
        (dt.date(2026, 1, 1), dt.date(2024, 12, 1), 13),
        (dt.date(2024, 3, 31), dt.date(2024, 3, 1), 0),
        (dt.date(2024, 1, 1), dt.date(2024, 3, 1), -2),
    ],
)
def test_month_index_differences_count_months(
    later: dt.date, earlier: dt.date, months: int
) -> None:
    assert month_index(later) - month_index(earlier) == months


def test_month_indices_for_a_column() -> None:
    days = pd.Series(
        pd.to_datetime(["2024-01-01", "2024-03-09", "2024-04-10", "2024-12-31", "2025-01-01"])
    )
    out = month_indices(days)
    assert isinstance(out, np.ndarray)
    assert out.tolist() == [24288, 24290, 24291, 24299, 24300]


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2024, 12, 1), 1, dt.date(2025, 1, 1)),
        (dt.date(2025, 1, 1), -1, dt.date(2024, 12, 1)),
        (dt.date(2024, 12, 1), 12, dt.date(2025, 12, 1)),
        (dt.date(2024, 12, 1), -12, dt.date(2023, 12, 1)),
        (dt.date(2024, 12, 1), 13, dt.date(2026, 1, 1)),
        (dt.date(2024, 12, 1), -13, dt.date(2023, 11, 1)),
        (dt.date(2024, 1, 1), 12, dt.date(2025, 1, 1)),
        (dt.date(2024, 1, 1), -12, dt.date(2023, 1, 1)),
        (dt.date(2024, 1, 1), 13, dt.date(2025, 2, 1)),
        (dt.date(2024, 1, 1), -13, dt.date(2022, 12, 1)),
        (dt.date(2024, 3, 1), 1, dt.date(2024, 4, 1)),  # into a new financial year
        (dt.date(2024, 4, 1), -1, dt.date(2024, 3, 1)),
        (dt.date(2024, 3, 1), -3, dt.date(2023, 12, 1)),
        (dt.date(2024, 4, 1), 11, dt.date(2025, 3, 1)),
        (dt.date(2024, 1, 31), 1, dt.date(2024, 2, 1)),  # first of the month, never 31 Feb
        (dt.date(2024, 3, 15), 0, dt.date(2024, 3, 1)),
        (pd.Timestamp("2024-12-31 23:59"), 1, dt.date(2025, 1, 1)),
        (dt.date(3, 1, 1), -13, dt.date(1, 12, 1)),
    ],
)
def test_add_months_across_year_ends_both_ways(
    day: dt.date, months: int, expected: dt.date
) -> None:
    result = add_months(day, months)
    assert result == expected
    assert type(result) is dt.date


@settings(deadline=None, max_examples=200)
@given(
    day=st.dates(min_value=dt.date(100, 1, 1), max_value=dt.date(9900, 12, 31)),
    months=st.integers(-1000, 1000),
)
def test_add_months_moves_exactly_that_many_months_and_back(day: dt.date, months: int) -> None:
    moved = add_months(day, months)
    assert moved.day == 1
    assert month_index(moved) - month_index(day) == months
    assert add_months(moved, -months) == dt.date(day.year, day.month, 1)


# --- days and moments ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "short", "long", "no_year"),
    [
        (dt.date(2024, 1, 1), "1 Jan 2024", "1 January 2024", "1 Jan"),
        (dt.date(2024, 3, 9), "9 Mar 2024", "9 March 2024", "9 Mar"),
        (dt.date(2024, 4, 10), "10 Apr 2024", "10 April 2024", "10 Apr"),
        (dt.date(2024, 12, 31), "31 Dec 2024", "31 December 2024", "31 Dec"),
        (dt.datetime(2025, 3, 31, 23, 59), "31 Mar 2025", "31 March 2025", "31 Mar"),
        (pd.Timestamp("2025-04-01 00:00"), "1 Apr 2025", "1 April 2025", "1 Apr"),
        (pd.Timestamp("2000-01-09 14:05"), "9 Jan 2000", "9 January 2000", "9 Jan"),
        (dt.datetime(1999, 12, 10, 0, 0), "10 Dec 1999", "10 December 1999", "10 Dec"),
    ],
)
def test_days_have_no_leading_zero(day: dt.date, short: str, long: str, no_year: str) -> None:
    assert day_label(day) == short
    assert day_long(day) == long
    assert day_month(day) == no_year


@pytest.mark.parametrize(
    ("moment", "stamp", "with_seconds", "long"),
    [
        (
            dt.datetime(2024, 1, 1, 0, 0),
            "1 Jan 2024 00:00",
            "1 Jan 2024 00:00:00",
            "1 January 2024 00:00",
        ),
        (
            dt.datetime(2024, 3, 9, 9, 5, 7),
            "9 Mar 2024 09:05",
            "9 Mar 2024 09:05:07",
            "9 March 2024 09:05",
        ),
        (
            pd.Timestamp("2024-04-10 14:05:09"),
            "10 Apr 2024 14:05",
            "10 Apr 2024 14:05:09",
            "10 April 2024 14:05",
        ),
        (
            pd.Timestamp("2024-12-31 23:59:59"),
            "31 Dec 2024 23:59",
            "31 Dec 2024 23:59:59",
            "31 December 2024 23:59",
        ),
    ],
)
def test_stamps_show_the_day_and_the_24_hour_time(
    moment: dt.datetime, stamp: str, with_seconds: str, long: str
) -> None:
    assert stamp_label(moment) == stamp
    assert stamp_label(moment, seconds=True) == with_seconds
    assert stamp_long(moment) == long


@pytest.mark.parametrize(
    ("moment", "short", "with_seconds"),
    [
        (dt.datetime(2024, 1, 1, 0, 0, 0), "00:00", "00:00:00"),
        (dt.datetime(2024, 3, 9, 9, 5, 7), "09:05", "09:05:07"),
        (pd.Timestamp("2024-04-10 10:10:10"), "10:10", "10:10:10"),
        (pd.Timestamp("2024-12-31 23:59:59"), "23:59", "23:59:59"),
    ],
)
def test_time_label(moment: dt.datetime, short: str, with_seconds: str) -> None:
    assert time_label(moment) == short
    assert time_label(moment, seconds=True) == with_seconds


@pytest.mark.parametrize("formatter", [day_label, day_long, day_month])
@pytest.mark.parametrize(
    ("value", "shown"),
    [(pd.NaT, "NaT"), (None, "None"), ("2024-09-01", "'2024-09-01'"), (20240901, "20240901")],
)
def test_a_day_formatter_refuses_what_is_not_a_day(formatter, value: object, shown: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(f'a date is needed here, got {shown}')}$"):
        formatter(value)


@pytest.mark.parametrize("formatter", [stamp_label, stamp_long, time_label])
@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (dt.date(2024, 9, 1), "datetime.date(2024, 9, 1)"),  # no time of day is made up
        (pd.NaT, "NaT"),
        (None, "None"),
        ("2024-09-01 14:05", "'2024-09-01 14:05'"),
    ],
)
def test_a_stamp_formatter_refuses_what_has_no_time(formatter, value: object, shown: str) -> None:
    message = f"a date and time is needed here, got {shown}"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        formatter(value)


# --- a column of periods, as the charts read it -------------------------------------------


def test_period_starts_reads_text_and_dates_to_month_starts() -> None:
    out = period_starts(
        [
            "2024-01",
            "2024-12",
            dt.date(2024, 3, 9),
            dt.datetime(2024, 4, 10, 14, 5),
            pd.Timestamp("2025-03-31 23:59"),
            np.datetime64("1999-04-30"),
        ]
    )
    assert out.dtype == "datetime64[us]"  # as the charts' other columns
    assert out.tolist() == [
        pd.Timestamp("2024-01-01"),
        pd.Timestamp("2024-12-01"),
        pd.Timestamp("2024-03-01"),
        pd.Timestamp("2024-04-01"),
        pd.Timestamp("2025-03-01"),
        pd.Timestamp("1999-04-01"),
    ]
    assert out.index.tolist() == [0, 1, 2, 3, 4, 5]


def test_period_starts_keeps_a_series_index_so_assign_lines_up() -> None:
    column = pd.Series(pd.to_datetime(["2024-12-31", "2024-01-09"]), index=[7, 3])
    out = period_starts(column)
    assert out.index.tolist() == [7, 3]
    assert out.tolist() == [pd.Timestamp("2024-12-01"), pd.Timestamp("2024-01-01")]
    frame = pd.DataFrame({"period": ["2024-04", "2024-03"]}, index=[5, 2])
    assert frame.assign(p=period_starts(frame["period"]))["p"].tolist() == [
        pd.Timestamp("2024-04-01"),
        pd.Timestamp("2024-03-01"),
    ]


def test_period_starts_leaves_blanks_blank() -> None:
    out = period_starts([None, float("nan"), pd.NaT, pd.NA, np.datetime64("NaT"), "2024-03"])
    assert out.isna().tolist() == [True, True, True, True, True, False]
    assert out.iloc[5] == pd.Timestamp("2024-03-01")
    assert period_starts([]).tolist() == []


@pytest.mark.parametrize(("text", "message"), BAD_PERIODS)
def test_period_starts_refuses_the_malformed_periods(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        period_starts(["2024-08", text])


@pytest.mark.parametrize(
    ("value", "shown"), [(202409, "202409"), (2024.09, "2024.09"), (True, "True")]
)
def test_period_starts_refuses_a_number(value: object, shown: str) -> None:
    message = f"period must be YYYY-MM (e.g. 2024-09), got {shown}"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        period_starts([value])


@pytest.mark.parametrize(("text", "message"), BAD_PERIODS)
def test_the_charts_refuse_a_malformed_published_point(text: str, message: str) -> None:
    months = pd.date_range("2024-01-01", periods=3, freq="MS")
    team_rows = pd.DataFrame({"period": months, "team": "North", "actual": [1, 2, 3]})
    whole = pd.DataFrame({"period": months, "actual": [1, 2, 3], "target": 2})
    anchors = pd.DataFrame({"period": [text], "value": [2.0]})
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        waiting_list_by_team(team_rows, whole, anchors=anchors)
    statuses = pd.DataFrame(
        {"period": months, "actual": [1.0, 2.0, 3.0], "target": 2.0, "status": "green"}
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        measure_trend(statuses, pd.DataFrame(), name="M", unit="count", anchors=anchors)


# --- wherever a period is read: the loader, a workbook, the CLI, the board pack -----------

MEASURES = (
    "measure_id,name,priority_id,priority_name,frequency,reporting_months,polarity,unit\n"
    "M1,People waiting,P1,Timely,monthly,,lower_is_better,count\n"
)

#: One file of each kind with a period, the period left as {p}.
FILES = {
    "returns.csv": "measure_id,period,actual\nM1,{p},5\n",
    "risks.csv": (
        "risk_id,name,period,inherent_likelihood,inherent_impact,residual_likelihood,"
        "residual_impact\nR1,Market failure,{p},4,5,3,4\n"
    ),
    "comparators.csv": "measure_id,period,comparator,value\nM1,{p},england,5\n",
    "priority_statuses.csv": "priority_id,period,priority_status\nP1,{p},green\n",
    "finance.csv": "service_area,period,net_budget,forecast\nHome care,{p},100,100\n",
}


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A real database holding one measure, so returns and comparators name a known id."""
    where = tmp_path_factory.mktemp("periods")
    s = Settings(db_path=where / "t.duckdb", backup_dir=where / "backups", backups_kept=3)
    validated = validate_file(MEASURES.encode(), "measures.csv", s)
    assert validated.ok, [i.describe() for i in validated.rejections]
    assert commit(validated, s, "tester").status == "loaded"
    return s


@pytest.mark.parametrize("name", sorted(FILES))
def test_each_file_kind_accepts_a_well_formed_period(catalogue: Settings, name: str) -> None:
    validated = validate_file(FILES[name].format(p="2024-09").encode(), name, catalogue)
    assert [i.describe() for i in validated.rejections] == []
    assert validated.rows_accepted == 1
    assert validated.periods() == ["2024-09"]


@pytest.mark.parametrize("name", sorted(FILES))
@pytest.mark.parametrize(("text", "message"), BAD_PERIODS)
def test_each_file_kind_refuses_the_malformed_periods(
    catalogue: Settings, name: str, text: str, message: str
) -> None:
    validated = validate_file(FILES[name].format(p=text).encode(), name, catalogue)
    assert [i.describe() for i in validated.rejections] == [
        f"{name}, row 2, column period: {message} (value '{text}')"
    ]
    assert validated.rows_accepted == 0


@pytest.mark.parametrize(("text", "message"), BAD_PERIODS)
def test_a_definition_change_month_refuses_the_malformed_periods(
    catalogue: Settings, text: str, message: str
) -> None:
    data = MEASURES.replace("unit\n", "unit,effective_from\n").replace("count\n", f"count,{text}\n")
    validated = validate_file(data.encode(), "measures.csv", catalogue)
    assert [i.describe() for i in validated.rejections] == [
        f"measures.csv, row 2, column effective_from: {message} (value '{text}')"
    ]


@pytest.mark.parametrize(("text", "message"), BAD_PERIODS)
def test_a_workbook_text_cell_refuses_the_malformed_periods(
    catalogue: Settings, text: str, message: str
) -> None:
    book = openpyxl.Workbook()
    book.active.append(["measure_id", "period", "actual"])
    book.active.append(["M1", text, 5])
    buffer = io.BytesIO()
    book.save(buffer)
    validated = validate_file(buffer.getvalue(), "book.xlsx", catalogue)
    lines = [i.describe() for i in validated.rejections]
    assert len(lines) == 1
    assert lines[0].endswith(f"row 2, column period: {message} (value '{text}')")
    assert validated.rows_accepted == 0


def test_the_loader_messages_name_months_and_load_times_in_the_one_style(
    catalogue: Settings,
) -> None:
    data = FILES["returns.csv"].format(p="2024-03").encode()
    validated = validate_file(data, "returns.csv", catalogue)
    first = commit(validated, catalogue, "tester", loaded_at=dt.datetime(2024, 4, 1, 9, 5))
    assert first.status == "loaded"
    again = commit(validate_file(data, "returns.csv", catalogue), catalogue, "tester")
    assert again.status == "duplicate"
    assert again.message == (
        f"returns.csv was already loaded on 1 Apr 2024 09:05 (load {first.load_id}); "
        "nothing changed."
    )


@pytest.mark.parametrize(("text", "message"), BAD_PERIODS)
def test_the_cli_refuses_the_malformed_periods(tmp_path: Path, text: str, message: str) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "cli",
            "report",
            "--db",
            str(tmp_path / "x.duckdb"),
            "--period",
            text,
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert out.returncode == 2
    assert out.stderr.strip() == f"error: {message}"


@pytest.mark.parametrize(("text", "message"), BAD_PERIODS)
def test_the_board_pack_refuses_the_malformed_periods(data, text: str, message: str) -> None:
    from exports.pack import build_pack

    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        build_pack(data, text, charts=False)


def test_an_event_date_before_2000_is_named_in_the_one_style(catalogue: Settings) -> None:
    data = b"date,label,process_change\n31/12/1999,New form,no\n1999-01-09,Other,no\n"
    validated = validate_file(data, "events.csv", catalogue)
    assert [i.describe() for i in validated.rejections] == [
        "events.csv, row 2, column date: date 31 Dec 1999 is before 2000 (value '31/12/1999')",
        "events.csv, row 3, column date: date 9 Jan 1999 is before 2000 (value '1999-01-09')",
    ]
