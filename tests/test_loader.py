"""The loader: every validation rule gives a clear reason; loads are versioned and idempotent."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import duckdb
import openpyxl
import pytest

from intake.loader import commit, validate_file
from intake.templates import template_csv, template_xlsx
from settings.config import Settings
from store import queries
from store.database import read_connection
from store.schema import SCHEMA_VERSION, ensure_schema

MEASURES = (
    "measure_id,name,priority_id,priority_name,frequency,polarity,unit,tolerance,tolerance_type\n"
    "M1,People waiting,P1,Timely,monthly,lower_is_better,count,0.1,relative\n"
    "M2,Reablement,P1,Timely,monthly,higher_is_better,percent,2,absolute\n"
    "M3,Concerns,P2,Safe,monthly,monitoring_only,count,,\n"
)
RETURNS_HEADER = "measure_id,period,team,actual,target,commentary\n"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """A fresh database with three measures loaded."""
    s = Settings(db_path=tmp_path / "t.duckdb", backup_dir=tmp_path / "backups", backups_kept=3)
    result = commit(validate_file(MEASURES.encode(), "measures.csv", s), s, "tester")
    assert result.status == "loaded"
    return s


def _load(settings: Settings, text: str | bytes, name: str = "returns.csv", **kw):
    data = text.encode() if isinstance(text, str) else text
    validated = validate_file(data, name, settings)
    return validated, commit(validated, settings, "tester", **kw)


def _reasons(validated) -> list[str]:
    return [f"{i.row}|{i.column}|{i.reason}" for i in validated.rejections]


def _snapshots(settings: Settings, as_of: dt.date | None = None):
    with read_connection(settings.db_path) as con:
        return queries.snapshots(con, as_of)


# --- schema -----------------------------------------------------------------------------------


def test_schema_creation_is_idempotent_and_records_each_step_once(tmp_path: Path) -> None:
    con = duckdb.connect(str(tmp_path / "s.duckdb"))
    assert ensure_schema(con) == SCHEMA_VERSION
    assert ensure_schema(con) == SCHEMA_VERSION
    rows = con.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    con.close()
    assert rows == [(v,) for v in range(1, SCHEMA_VERSION + 1)]
    assert {
        "priorities",
        "measures",
        "snapshots",
        "risk_assessments",
        "comparators",
        "loads",
        "load_rejections",
    } <= tables


# --- round trips ------------------------------------------------------------------------------


def test_returns_round_trip_and_team_blank_means_whole_measure(settings: Settings) -> None:
    text = RETURNS_HEADER + "M1,2024-09,,560,500,Down 32\nM1,2024-09,East,80,,\n"
    validated, result = _load(settings, text)
    assert validated.ok and result.status == "loaded" and result.rows_written == 2
    whole = _snapshots(settings)
    assert whole[["measure_id", "actual", "target", "commentary"]].values.tolist() == [
        ["M1", 560.0, 500.0, "Down 32"]
    ]
    with read_connection(settings.db_path) as con:
        teams = queries.snapshots(con, teams=True)
    assert teams[["team", "actual"]].values.tolist() == [["East", 80.0]]


def test_measures_round_trip_keeps_defaults(settings: Settings) -> None:
    with read_connection(settings.db_path) as con:
        catalogue = queries.measures(con).set_index("measure_id")
    assert catalogue.loc["M3", "tolerance"] == 0.05
    assert catalogue.loc["M3", "tolerance_type"] == "relative"
    assert catalogue.loc["M2", "tolerance_type"] == "absolute"
    assert catalogue.loc["M1", "priority_name"] == "Timely"


def test_risks_and_comparators_round_trip(settings: Settings) -> None:
    risks = template_csv("risks").replace(b"Weekly Meaningful Measures meeting.", b"Weekly review.")
    comparators = (
        "measure_id,period,comparator,value\nM2,2024-03,England,79.39\nM2,2024-03,South East,78\n"
    )
    assert _load(settings, risks, "risks.csv")[1].status == "loaded"
    assert _load(settings, comparators, "comparators.csv")[1].status == "loaded"
    with read_connection(settings.db_path) as con:
        assessed = queries.risk_assessments(con)
        comps = queries.comparators(con)
    assert assessed[["risk_id", "residual_likelihood", "residual_impact"]].values.tolist() == [
        ["SR04", 2, 4]
    ]
    assert sorted(comps["comparator"]) == ["England", "South East"]


def test_xlsx_workbook_with_several_kinds_and_formula_cached_values(settings: Settings) -> None:
    book = openpyxl.Workbook()
    first = book.active
    first.title = "My returns"
    first.append(["measure_id", "period", "actual", "target"])
    first.append(["M1", "2024-10", "=500+40", 500])
    other = book.create_sheet("Benchmarks")
    other.append(["measure_id", "period", "comparator", "value"])
    other.append(["M2", dt.datetime(2024, 3, 1), "England", 79.39])
    buffer = io.BytesIO()
    book.save(buffer)
    # openpyxl writes no cached value for formulas; add one as Excel would have saved it.
    patched = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(patched, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                data = data.replace(b"<f>500+40</f><v></v>", b"<f>500+40</f><v>540</v>")
                data = data.replace(b"<f>500+40</f><v />", b"<f>500+40</f><v>540</v>")
            dst.writestr(item, data)
    validated, result = _load(settings, patched.getvalue(), "book.xlsx")
    assert validated.detected == {"My returns": "returns", "Benchmarks": "comparators"}
    assert validated.ok, _reasons(validated)
    assert result.status == "loaded"
    assert _snapshots(settings)["actual"].tolist() == [540.0]


def test_template_workbook_is_recognised_and_its_example_rows_refused(settings: Settings) -> None:
    validated = validate_file(template_xlsx(), "templates.xlsx", settings)
    assert set(validated.detected.values()) == {
        "measures",
        "returns",
        "risks",
        "comparators",
        "priority_statuses",
        "workstreams",
        "actions",
        "waiting_lists",
        "finance",
        "events",
    }
    reasons = {i.reason for i in validated.rejections}
    assert reasons == {"this is the template's example row, not a real figure: delete it"}
    assert validated.rows_rejected == 10


# --- versions and idempotence -----------------------------------------------------------------


def test_same_file_twice_is_a_no_op(settings: Settings) -> None:
    text = RETURNS_HEADER + "M1,2024-09,,560,500,\n"
    first = _load(settings, text)[1]
    second = _load(settings, text, "renamed.csv")[1]
    assert first.status == "loaded"
    assert second.status == "duplicate" and "already loaded" in second.message
    with read_connection(settings.db_path) as con:
        assert len(queries.loads(con)) == 2  # measures + the first returns load only


def test_changed_figure_becomes_a_new_version_and_old_one_is_kept(settings: Settings) -> None:
    _load(settings, RETURNS_HEADER + "M1,2024-09,,512,500,first\nM1,2024-08,,600,500,\n")
    _, result = _load(
        settings, RETURNS_HEADER + "M1,2024-09,,547,500,restated\nM1,2024-08,,600,500,\n"
    )
    assert result.rows_written == 1 and result.rows_unchanged == 1
    latest = _snapshots(settings).set_index("period")
    sep = latest.loc["2024-09-01"]
    assert (sep["actual"], sep["version"], sep["restated_from"]) == (547.0, 2, 512.0)
    assert latest.loc["2024-08-01", "version"] == 1
    with read_connection(settings.db_path) as con:
        versions = con.execute(
            "SELECT version, actual FROM snapshots WHERE period = DATE '2024-09-01' ORDER BY version"
        ).fetchall()
    assert versions == [(1, 512.0), (2, 547.0)]


def test_as_reported_on_shows_only_versions_loaded_by_then(settings: Settings) -> None:
    text1 = RETURNS_HEADER + "M1,2024-09,,512,500,\n"
    text2 = RETURNS_HEADER + "M1,2024-09,,547,500,\n"
    commit(
        validate_file(text1.encode(), "a.csv", settings),
        settings,
        "t",
        loaded_at=dt.datetime(2024, 10, 1, 9),
    )
    commit(
        validate_file(text2.encode(), "b.csv", settings),
        settings,
        "t",
        loaded_at=dt.datetime(2024, 10, 14, 9),
    )
    assert _snapshots(settings, dt.date(2024, 10, 13))["actual"].tolist() == [512.0]
    assert _snapshots(settings, dt.date(2024, 10, 14))["actual"].tolist() == [547.0]
    assert _snapshots(settings, dt.date(2024, 9, 30)).empty


def test_partial_load_records_rejections(settings: Settings) -> None:
    text = RETURNS_HEADER + "M1,2024-09,,560,,\nM1,2024-13,,1,,\n"
    validated, refused = _load(settings, text)
    assert refused.status == "rejected" and "nothing was loaded" in refused.message
    assert _snapshots(settings).empty
    result = commit(validated, settings, "tester", allow_partial=True)
    assert result.status == "loaded"
    assert _snapshots(settings)["actual"].tolist() == [560.0]
    with read_connection(settings.db_path) as con:
        rejects = con.execute("SELECT row_number, column_name FROM load_rejections").fetchall()
    assert rejects == [(3, "period")]


# --- validation rules: each gives a clear reason ----------------------------------------------

FUTURE = (dt.date.today().replace(day=1) + dt.timedelta(days=40)).strftime("%Y-%m")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("measure_id,period,team\nM1,2024-09,\n", "1|actual|required column 'actual' is missing"),
        (RETURNS_HEADER + "NOPE,2024-09,,1,,\n", "2|measure_id|unknown measure_id 'NOPE'"),
        (RETURNS_HEADER + "M1,Sep 2024,,1,,\n", "2|period|period must be YYYY-MM"),
        (RETURNS_HEADER + f"M1,{FUTURE},,1,,\n", "2|period|is in the future"),
        (RETURNS_HEADER + "M1,1999-12,,1,,\n", "2|period|is before 2000"),
        (RETURNS_HEADER + "M1,2024-09,,lots,,\n", "2|actual|must be a number"),
        (RETURNS_HEADER + "M1,2024-09,,5,abc,\n", "2|target|must be a number"),
        (RETURNS_HEADER + "M1,2024-09,,-3,,\n", "2|actual|cannot be negative for a count measure"),
        (RETURNS_HEADER + "M2,2024-09,,101,,\n", "2|actual|a percentage must be between 0 and 100"),
        (RETURNS_HEADER + "M1,2024-09,,1,,\nM1,2024-09,,2,,\n", "3|measure_id|duplicate of row 2"),
        (
            RETURNS_HEADER + "M1,2024-09,,1,," + "x" * 4001 + "\n",
            "2|commentary|text is 4,001 characters",
        ),
        ("", "None|None|the file is empty"),
        (RETURNS_HEADER, "None|None|the file has a header but no data rows"),
        ("a,b\n1,2\n", "1|None|cannot tell which kind of file this is"),
    ],
)
def test_returns_validation_reasons(settings: Settings, text: str, expected: str) -> None:
    validated, result = _load(settings, text)
    row, column, fragment = expected.split("|", 2)
    assert any(r.startswith(f"{row}|{column}|") and fragment in r for r in _reasons(validated)), (
        _reasons(validated)
    )
    assert result.status == "rejected"
    assert _snapshots(settings).empty


def test_likelihood_outside_1_to_5_is_rejected(settings: Settings) -> None:
    text = template_csv("risks").decode("utf-8-sig").replace("2024-09,3,5,2,4", "2024-09,6,5,2,0")
    validated, _ = _load(settings, text, "risks.csv")
    reasons = _reasons(validated)
    assert any("inherent_likelihood|must be a whole number from 1 to 5" in r for r in reasons)
    assert any("residual_impact|must be a whole number from 1 to 5" in r for r in reasons)


def test_unknown_column_and_monitoring_target_are_warnings_not_rejections(
    settings: Settings,
) -> None:
    text = "measure_id,period,actual,target,colour\nM3,2024-09,10,12,blue\n"
    validated, result = _load(settings, text)
    warnings = [w.reason for w in validated.warnings]
    assert "unknown column 'colour' was ignored" in warnings
    assert any("monitoring-only" in w for w in warnings)
    assert result.status == "loaded"


def test_file_over_size_limit_is_rejected(settings: Settings) -> None:
    small = settings.model_copy(update={"max_upload_mb": 0.001})
    validated = validate_file(
        (RETURNS_HEADER + "M1,2024-09,,1,,\n" * 100).encode(), "big.csv", small
    )
    assert "the limit is" in validated.rejections[0].reason


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "this is a PDF"),
        ("measure_id,period,actual\n".encode("utf-16"), "UTF-16 or binary"),
        (b"PK\x03\x04 not really a zip", "workbook cannot be opened"),
    ],
)
def test_files_that_are_not_csv_or_xlsx_are_refused_cleanly(
    settings: Settings, data: bytes, reason: str
) -> None:
    validated = validate_file(data, "returns.csv", settings)
    assert len(validated.rejections) == 1 and reason in validated.rejections[0].reason


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings_are_read_correctly(settings: Settings, encoding: str) -> None:
    text = RETURNS_HEADER + "M1,2024-09,,5,,Cost £1.2m – see plan\n"
    validated, result = _load(settings, text.encode(encoding))
    assert validated.ok and result.status == "loaded"
    assert _snapshots(settings)["commentary"].tolist() == ["Cost £1.2m – see plan"]


def test_formula_like_text_is_stored_as_text(settings: Settings) -> None:
    evil = '=HYPERLINK("http://example.invalid","click")'
    text = RETURNS_HEADER + f'M1,2024-09,,5,,"{evil.replace(chr(34), chr(34) * 2)}"\n'
    _load(settings, text)
    assert _snapshots(settings)["commentary"].tolist() == [evil]


def test_every_rejection_names_file_row_and_column(settings: Settings) -> None:
    validated, _ = _load(settings, RETURNS_HEADER + "M1,2024-09,,x,,\n", "march.csv")
    line = validated.rejections[0].describe()
    assert line.startswith("march.csv, row 2, column actual: must be a number")
