"""Issue 11: a figure is read exactly as written or its row is refused, with the exact reason.

Every fixture file is built here, in the test, and every message is asserted word for word.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from intake.loader import commit, validate_file
from settings.config import Settings
from store import queries
from store.database import read_connection

MEASURES = (
    "measure_id,name,priority_id,priority_name,frequency,reporting_months,polarity,unit\n"
    "M1,People waiting,P1,Timely,monthly,,lower_is_better,count\n"
    "M2,Reablement,P1,Timely,monthly,,higher_is_better,percent\n"
    "M3,Spend,P2,Money,monthly,,lower_is_better,currency\n"
    "Q1,Reviews,P1,Timely,quarterly,,higher_is_better,percent\n"
    "B1,Carers,P2,Money,bimonthly,Feb;Apr;Jun;Aug;Oct;Dec,higher_is_better,count\n"
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A fresh database with five measures of different units and cadences."""
    s = Settings(db_path=tmp_path / "t.duckdb", backup_dir=tmp_path / "backups", backups_kept=3)
    validated = validate_file(MEASURES.encode(), "measures.csv", s)
    assert validated.ok, [i.describe() for i in validated.rejections]
    assert commit(validated, s, "tester").status == "loaded"
    return s


def _check(settings: Settings, data: str | bytes, name: str = "returns.csv"):
    return validate_file(data.encode() if isinstance(data, str) else data, name, settings)


def _lines(validated) -> list[str]:
    return [i.describe() for i in validated.rejections]


def _actuals(settings: Settings) -> list[tuple[str, float | None]]:
    with read_connection(settings.db_path) as con:
        frame = queries.snapshots(con)
    return sorted(zip(frame["measure_id"], frame["actual"], strict=True))


# --- 1. CSV structure -------------------------------------------------------------------------


def test_a_row_with_an_extra_field_refuses_the_whole_file(settings: Settings) -> None:
    text = "measure_id,period,actual,target\nM1,2024-09,1,448,500\nM1,2024-10,560,500\n"
    validated = _check(settings, text)
    assert _lines(validated) == [
        "returns.csv: row 2 has 5 fields, but the header has 4: a value containing a comma "
        "must be in double quotes (e.g. a figure written 1,448 or text with a comma). The "
        "whole file was refused, because its columns cannot be told apart for certain"
    ]
    assert validated.rows_accepted == 0


def test_an_unclosed_quote_refuses_the_whole_file(settings: Settings) -> None:
    text = (
        'measure_id,period,actual,commentary\nM1,2024-09,560,"Down 32\n'
        "M1,2024-10,540,Fine\nM1,2024-11,530,Fine\n"
    )
    validated = _check(settings, text)
    assert _lines(validated) == [
        "returns.csv: row 2 (line 4) has a quote that is not closed or is followed by other "
        "text (unexpected end of data): nothing in the file was read, because the rows after "
        "it cannot be told apart for certain. Put each text containing a comma or quote in "
        'double quotes, with any quote inside it doubled ("")'
    ]


def test_duplicate_and_blank_column_names_are_refused(settings: Settings) -> None:
    dup = _check(settings, "measure_id,period,actual,actual\nM1,2024-09,1,2\n")
    assert _lines(dup) == [
        "returns.csv: row 1 (the header) names column 'actual' twice: keep one of them"
    ]
    blank = _check(settings, "measure_id,period,,actual\nM1,2024-09,x,2\n")
    assert _lines(blank) == [
        "returns.csv: row 1 (the header) has a blank column name in column 3: every column "
        "needs a name from the template (delete empty columns)"
    ]


def test_semicolon_file_refuses_a_comma_inside_a_number(settings: Settings) -> None:
    text = "measure_id;period;actual\nM2;2024-09;12,5\nM1;2024-10;1.234,5\nM1;2024-11;560\n"
    validated = _check(settings, text)
    assert _lines(validated) == [
        "returns.csv, row 2, column actual: has a comma in a number ('12,5') in a file "
        "separated by semicolons or tabs, where it may be a decimal comma: write the figure "
        "with '.' for decimals and no thousands separator (value '12,5')",
        "returns.csv, row 3, column actual: has a comma in a number ('1.234,5') in a file "
        "separated by semicolons or tabs, where it may be a decimal comma: write the figure "
        "with '.' for decimals and no thousands separator (value '1.234,5')",
    ]
    assert validated.rows_accepted == 1


def test_tab_separated_file_is_read_when_the_header_is_certain(settings: Settings) -> None:
    validated = _check(settings, "measure_id\tperiod\tactual\nM1\t2024-09\t560\n")
    assert validated.ok and validated.frames["returns"]["actual"].tolist() == [560.0]


def test_a_header_mixing_delimiters_is_refused(settings: Settings) -> None:
    validated = _check(settings, "measure_id;period,actual\nM1;2024-09,1\n")
    assert _lines(validated) == [
        "returns.csv: row 1 (the header) is separated by both commas and semicolons, so the "
        "columns cannot be told apart for certain: save the file as 'CSV UTF-8 (Comma "
        "delimited)'"
    ]


# --- 2. numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        (
            '"12,5"',
            "looks like a decimal comma or a misplaced thousands separator ('12,5'): write "
            "decimals with '.', e.g. 1234.5, and ',' only between groups of three digits",
        ),
        (
            '"1.234,5"',
            "looks like a decimal comma or a misplaced thousands separator ('1.234,5'): write "
            "decimals with '.', e.g. 1234.5, and ',' only between groups of three digits",
        ),
        ("1e308", "is written as an exponent ('1e308'): write the figure out in full"),
        ("0x1F", "is written in hexadecimal ('0x1F'): write the decimal figure"),
        ("1_000", "contains '_' ('1_000'): write the figure without underscores"),
        ("$12", "has a currency sign other than £ ('$12'): write the figure only"),
        ("+5", "starts with '+' ('+5'): write the figure without a plus sign"),
        (
            "12%",
            "has '%' ('12%') but this is a count measure: write the figure only, or check "
            "the measure",
        ),
        (
            "£12",
            "has '£' ('£12') but this is a count measure: write the figure only, or check "
            "the measure",
        ),
        (
            "20000000",
            "20000000 is beyond a plausible figure for a count measure (at most 10,000,000): "
            "check the cell",
        ),
    ],
)
def test_a_count_figure_is_refused_unless_plainly_written(
    settings: Settings, written: str, reason: str
) -> None:
    validated = _check(settings, f"measure_id,period,actual\nM1,2024-09,{written}\n")
    assert [(i.row, i.column, i.reason) for i in validated.rejections] == [(2, "actual", reason)]


def test_percent_and_pound_marks_are_read_on_their_own_units_and_minus_zero_is_zero(
    settings: Settings,
) -> None:
    text = (
        "measure_id,period,actual,target\n"
        "M2,2024-09,76%,80 %\n"
        'M3,2024-09,"£1,200.50",-0\n'
        'M1,2024-09,"1,448",-0.0\n'
    )
    validated = _check(settings, text)
    assert validated.ok, _lines(validated)
    frame = validated.frames["returns"]
    assert frame[["measure_id", "actual", "target"]].values.tolist() == [
        ["M2", 76.0, 80.0],
        ["M3", 1200.5, 0.0],
        ["M1", 1448.0, 0.0],
    ]
    assert str(frame["target"].iloc[1]) == "0.0"  # not -0.0
    assert [(i.row, i.column, i.reason) for i in validated.normalised] == [
        (3, "actual", "read as 1200.5 (thousands separator)"),
        (4, "actual", "read as 1448 (thousands separator)"),
    ]


# --- 4. ids, names, control characters -------------------------------------------------------


def test_a_measure_id_differing_only_in_case_is_refused_naming_the_known_id(
    settings: Settings,
) -> None:
    validated = _check(settings, "measure_id,period,actual\nm1,2024-09,5\n")
    assert [i.reason for i in validated.rejections] == [
        "unknown measure_id 'm1': the catalogue has 'M1' (ids must match exactly, including case)"
    ]
    catalogue = MEASURES.splitlines()[0] + "\nm2,Other,P1,Timely,monthly,,lower_is_better,count\n"
    again = _check(settings, catalogue, "measures.csv")
    assert [i.reason for i in again.rejections] == [
        "differs only in case from the measure held as 'M2': use 'M2' exactly"
    ]


def test_team_names_map_to_the_held_spelling_and_say_so(settings: Settings) -> None:
    first = "measure_id,period,team,actual\nM1,2024-09,North East,5\n"
    assert commit(_check(settings, first), settings, "t").status == "loaded"
    validated = _check(settings, "measure_id,period,team,actual\nM1,2024-10,north  EAST,6\n")
    assert validated.ok
    assert validated.frames["returns"]["team"].tolist() == ["North East"]
    assert [i.describe() for i in validated.normalised] == [
        "returns.csv, row 2, column team: read as the team held as 'North East' "
        "(value 'north  EAST')"
    ]


def test_control_characters_in_text_are_refused(settings: Settings) -> None:
    text = "measure_id,period,actual,commentary\nM1,2024-09,5,Down\x07 5\n"
    validated = _check(settings, text)
    assert [(i.row, i.column, i.reason) for i in validated.rejections] == [
        (
            2,
            "commentary",
            "contains a control character (U+0007) at position 5: it is invisible on screen "
            "and in the board pack, so retype the text or remove the character",
        )
    ]


# --- 5. cadence -------------------------------------------------------------------------------


def test_a_quarterly_measure_gets_no_august_figure(settings: Settings) -> None:
    text = "measure_id,period,actual\nQ1,2024-08,70\nQ1,2024-09,71\n"
    validated = _check(settings, text)
    assert _lines(validated) == [
        "returns.csv, row 2, column period: Aug 2024 is not a reporting month of Q1, a "
        "quarterly measure reported in Mar, Jun, Sep and Dec: check the period, or the "
        "measure's reporting_months (value '2024-08')"
    ]
    assert validated.rows_accepted == 1


def test_a_bimonthly_measure_reports_every_second_month_from_its_first(
    settings: Settings,
) -> None:
    text = "measure_id,period,actual\nB1,2024-08,1\nB1,2024-09,2\n"
    validated = _check(settings, text)
    assert [(i.row, i.reason) for i in validated.rejections] == [
        (
            3,
            "Sep 2024 is not a reporting month of B1, a bimonthly measure reported in Feb, "
            "Apr, Jun, Aug, Oct and Dec: check the period, or the measure's reporting_months",
        )
    ]


def test_cadence_is_stored_on_the_catalogue_and_bimonthly_must_say(settings: Settings) -> None:
    with read_connection(settings.db_path) as con:
        stored = dict(con.execute("SELECT measure_id, reporting_months FROM measures").fetchall())
    assert stored["Q1"] == "Mar;Jun;Sep;Dec" and stored["B1"] == "Feb;Apr;Jun;Aug;Oct;Dec"
    assert stored["M1"] == "Jan;Feb;Mar;Apr;May;Jun;Jul;Aug;Sep;Oct;Nov;Dec"
    header = MEASURES.splitlines()[0]
    missing = _check(settings, header + "\nB2,X,P1,T,bimonthly,,higher_is_better,count\n", "m.csv")
    assert [i.reason for i in missing.rejections] == [
        "is required for a bimonthly measure: list the months it reports in, every second "
        "month from its first period, e.g. Jan;Mar;May;Jul;Sep;Nov"
    ]
    uneven = _check(
        settings, header + "\nQ2,X,P1,T,quarterly,Jan;Feb;Mar;Apr,higher_is_better,count\n", "m.csv"
    )
    assert [i.reason for i in uneven.rejections] == [
        "a quarterly measure reports in 4 month(s) 3 month(s) apart, got 'Jan;Feb;Mar;Apr'"
    ]


# --- template example row ---------------------------------------------------------------------


def test_the_template_example_row_does_not_pass_silently(settings: Settings) -> None:
    from intake.templates import template_csv

    validated = _check(settings, template_csv("returns"))
    assert [(i.row, i.reason) for i in validated.rejections] == [
        (2, "this is the template's example row, not a real figure: delete it")
    ]


# --- 3. XLSX ----------------------------------------------------------------------------------


def _xlsx(book: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _patch(data: bytes, part: str, old: bytes, new: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename.endswith(part):
                assert old in body, body[:400]
                body = body.replace(old, new)
            dst.writestr(item, body)
    return out.getvalue()


def test_xlsx_hidden_sheets_are_skipped_and_named(settings: Settings) -> None:
    book = openpyxl.Workbook()
    visible = book.active
    visible.title = "Return"
    visible.append(["measure_id", "period", "actual"])
    visible.append(["M1", "2024-09", 560])
    hidden = book.create_sheet("Old figures")
    hidden.append(["measure_id", "period", "actual"])
    hidden.append(["M1", "2024-08", 999])
    hidden.sheet_state = "hidden"
    validated = _check(settings, _xlsx(book), "book.xlsx")
    assert validated.ok
    assert validated.skipped_sheets == ["Old figures"]
    assert [i.describe() for i in validated.warnings] == [
        "book.xlsx, sheet Old figures: hidden sheet: not read"
    ]
    assert validated.frames["returns"]["actual"].tolist() == [560.0]


def test_xlsx_percent_cells_are_read_as_shown(settings: Settings) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["measure_id", "period", "actual", "target"])
    ws.append(["M2", "2024-09", 0.7625, 0.8])
    ws["C2"].number_format = "0%"
    ws["D2"].number_format = "0.0%"
    ws.append(["M1", "2024-09", 0.76, None])
    ws["C3"].number_format = "0%"
    validated = _check(settings, _xlsx(book), "book.xlsx")
    assert validated.frames["returns"][["actual", "target"]].values.tolist() == [[76.25, 80.0]]
    assert [(i.row, i.column, i.reason) for i in validated.rejections] == [
        (
            3,
            "actual",
            "has '%' ('76%') but this is a count measure: write the figure only, or check "
            "the measure",
        )
    ]


def test_xlsx_formula_without_saved_value_is_refused(settings: Settings) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["measure_id", "period", "actual"])
    ws.append(["M1", "2024-09", "=500+40"])
    validated = _check(settings, _xlsx(book), "book.xlsx")
    assert _lines(validated) == [
        "book.xlsx, sheet Sheet, row 2, column actual: is a formula (=500+40) saved without "
        "its value: open and save the file in Excel, then upload it again (value '=500+40')"
    ]


def test_xlsx_figures_in_merged_cells_are_refused(settings: Settings) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["measure_id", "period", "actual"])
    ws.append(["M1", "2024-09", 560])
    ws.append(["M1", "2024-10", None])
    ws.merge_cells("C2:C3")
    validated = _check(settings, _xlsx(book), "book.xlsx")
    reason = (
        "is in merged cells C2:C3: a merged cell cannot say which row it belongs to. Unmerge "
        "the cells and write the value in each row"
    )
    assert [(i.row, i.column, i.reason) for i in validated.rejections] == [
        (2, "actual", reason),
        (3, "actual", reason),
    ]


def test_xlsx_real_extent_is_read_not_the_claimed_dimension(settings: Settings) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["measure_id", "period", "actual"])
    ws.append(["M1", "2024-09", 560])
    ws.append(["M1", "2024-10", 540])
    ws.append(["M1", "2024-11", 530])
    data = _patch(
        _xlsx(book), "sheet1.xml", b'<dimension ref="A1:C4"/>', b'<dimension ref="A1:B2"/>'
    )
    validated = _check(settings, data, "book.xlsx")
    assert validated.ok, _lines(validated)
    assert validated.frames["returns"]["actual"].tolist() == [560.0, 540.0, 530.0]


def test_xlsx_date_cells_in_period_are_their_month(settings: Settings) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["measure_id", "period", "actual"])
    ws.append(["M1", dt.datetime(2024, 9, 30), 560])
    ws["B2"].font = Font(bold=True)
    validated = _check(settings, _xlsx(book), "book.xlsx")
    assert validated.frames["returns"]["period"].tolist() == [dt.datetime(2024, 9, 1)]


def test_xlsx_zip_bomb_is_refused_before_reading(settings: Settings) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            for _ in range(300):  # 300 MB of spaces, streamed: a few hundred kB zipped
                part.write(b" " * 1_000_000)
    validated = _check(settings, out.getvalue(), "bomb.xlsx")
    assert _lines(validated) == [
        "bomb.xlsx: the workbook would expand to 300 MB when opened (the limit is 200 MB): "
        "save it as CSV or split it"
    ]


# --- 6. bounds --------------------------------------------------------------------------------


def test_the_row_limit_is_configurable_with_a_clear_message(settings: Settings) -> None:
    small = settings.model_copy(update={"max_rows": 2})
    text = "measure_id,period,actual\nM1,2024-07,1\nM1,2024-08,2\nM1,2024-09,3\n"
    validated = _check(small, text)
    assert _lines(validated) == [
        "returns.csv: the file has more than 2 data rows (the limit, MM_MAX_ROWS): split it "
        "into smaller files"
    ]


# --- 9. the preview tells the truth -----------------------------------------------------------


def test_preview_classes_each_row_with_was_and_now_and_totals(settings: Settings) -> None:
    from intake.preview import classify, totals

    first = "measure_id,period,actual\nM1,2024-08,286\nM1,2024-09,300\n"
    assert commit(_check(settings, first), settings, "t").status == "loaded"
    text = (
        "measure_id,period,actual\n"
        "M1,2024-08,547\n"  # restated
        "M1,2024-09,300\n"  # unchanged
        'M1,2024-10,"1,200"\n'  # new, normalised
        "M1,2024-11,lots\n"  # refused
    )
    classes = classify(_check(settings, text), settings)
    assert classes[["Row", "Class", "Change", "Normalised"]].values.tolist() == [
        [2, "restated", "actual: was 286, now 547", ""],
        [3, "unchanged", "", ""],
        [4, "new", "", "actual: 1,200 read as 1200 (thousands separator)"],
        [5, "refused", "actual: must be a number, got 'lots'", ""],
    ]
    assert totals(classes) == {
        "new": 1,
        "restated": 1,
        "unchanged": 1,
        "refused": 1,
        "normalised": 1,
    }


def test_a_workbook_whose_zip_lies_about_its_sizes_is_refused_not_a_crash(
    settings: Settings,
) -> None:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["measure_id", "period", "actual"])
    ws.append(["M1", "2024-09", 560])
    data = bytearray(_xlsx(book))
    # Corrupt the compressed sheet data in place (the directory still looks fine).
    start = data.find(b"xl/worksheets/sheet1.xml") + len(b"xl/worksheets/sheet1.xml")
    for offset in range(start + 10, start + 60):
        data[offset] ^= 0x5A
    validated = _check(settings, bytes(data), "damaged.xlsx")
    assert len(validated.rejections) == 1
    reason = validated.rejections[0].reason
    assert reason.startswith(("the workbook cannot be read (", "the workbook cannot be opened ("))


def test_reading_a_workbook_stops_at_its_time_limit_with_a_clear_message() -> None:
    from intake.reader import UnreadableFileError, _read_xlsx

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["measure_id", "period", "actual"])
    ws.append(["M1", "2024-09", 560])
    with pytest.raises(UnreadableFileError) as caught:
        _read_xlsx(_xlsx(book), seconds=0.0)
    assert str(caught.value) == (
        "reading sheet 'Sheet' took more than 0 seconds: save it as CSV or split it"
    )
