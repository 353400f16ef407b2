"""Board pack and exports: PDF, PowerPoint, Excel and CSV from the demo database.

Charts are drawn for real (kaleido + /usr/bin/chromium). Each format is built once per module
from one gathered pack; expectations (exceptions, names, counts) are read from
`metrics.report.report_dict` (whose rules have literal tests of their own), and the demo's
September 2024 exceptions are also written out below, so the report and the exports cannot
drift together unnoticed.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from cli.commands import main
from exports.pack import Pack, build_pack
from exports.pdf import render_pack_pdf
from exports.pptx import render_pack_pptx
from exports.safe import neutralise, neutralise_frame, to_csv_bytes
from exports.static_charts import chart_session
from exports.xlsx import build_csv, build_xlsx, render_pack_xlsx
from intake.loader import commit, validate_file
from metrics.report import report_dict
from metrics.vocab import STATUS_FILL, STATUS_TEXT, status_label
from settings.config import Settings, get_settings
from store.audit import events
from store.service import Dataset, load_dataset

PERIOD = "2024-09"
MALICIOUS = '=HYPERLINK("http://x","y")'


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def data(demo_db: Path) -> Dataset:
    return load_dataset(demo_db)


@pytest.fixture(scope="module")
def expected(data: Dataset) -> dict[str, object]:
    """What the pack must contain, from the report (not from the exports)."""
    report = report_dict(data.statuses, pd.Timestamp(f"{PERIOD}-01"))
    names = data.catalogue.set_index("measure_id")["name"]
    status = {m["measure_id"]: m["status"] for m in report["measures"]}
    priorities = sorted({m["priority_id"] for m in report["measures"]})
    return {
        "report": report,
        "exceptions": report["exceptions"],
        "names": {mid: names[mid] for mid in report["exceptions"]},
        "status": status,
        "priorities": priorities,
    }


@pytest.fixture(scope="module")
def pack(data: Dataset) -> Pack:
    return build_pack(data, PERIOD)


@pytest.fixture(scope="module")
def rendered(pack: Pack) -> dict[str, bytes]:
    """PDF and PowerPoint from one browser session (one chromium start for both)."""
    with chart_session():
        return {"pdf": render_pack_pdf(pack), "pptx": render_pack_pptx(pack)}


@pytest.fixture(scope="module")
def pdf(rendered: dict[str, bytes]) -> PdfReader:
    return PdfReader(io.BytesIO(rendered["pdf"]))


@pytest.fixture(scope="module")
def pdf_pages(pdf: PdfReader) -> list[str]:
    return [_flat(page.extract_text() or "") for page in pdf.pages]


# --- the pack's content ------------------------------------------------------------------


#: The demo's exceptions in Sep 2024, written out: a pin on the demo data and the rule together.
SEPTEMBER_EXCEPTIONS = [
    "ASC-CR04", "ASC-DL01", "ASC-DL02", "ASC-FN02", "ASC-FN03", "ASC-PI01", "ASC-PI03",
    "ASC-PI05", "ASC-QM02", "ASC-RV03", "ASC-WF02", "ASC-WF04", "ASC-WL01", "ASC-WL02",
]  # fmt: skip


def test_the_demo_september_exceptions_are_the_written_list(pack: Pack, expected: dict) -> None:
    assert sorted(expected["exceptions"]) == SEPTEMBER_EXCEPTIONS
    assert sorted(item.measure_id for item in pack.exceptions) == SEPTEMBER_EXCEPTIONS


def test_pack_exceptions_are_the_reports_exceptions(pack: Pack, expected: dict) -> None:
    assert sorted(item.measure_id for item in pack.exceptions) == sorted(expected["exceptions"])
    for item in pack.exceptions:
        assert item.row["status"] == expected["status"][item.measure_id]
        assert item.title == (
            f"{status_label(item.row['status'])} — {item.measure_id} "
            f"{expected['names'][item.measure_id]}"
        )
    # Red exceptions come before Amber ones within each priority.
    for section in pack.priorities:
        order = [0 if i.row["status"] == "red" else 1 for i in section.exceptions]
        assert order == sorted(order)


def test_pack_rejects_unknown_priority_and_empty_period(data: Dataset) -> None:
    with pytest.raises(ValueError, match="Unknown priority"):
        build_pack(data, PERIOD, "P9", charts=False)
    with pytest.raises(ValueError, match="January 2031"):
        build_pack(data, "2031-01", charts=False)


# --- PDF -----------------------------------------------------------------------------------


def test_pdf_page_count_and_cover(pdf: PdfReader, pdf_pages: list[str], expected: dict) -> None:
    minimum = 2 + 2 + len(expected["priorities"]) + len(expected["exceptions"]) + 2
    assert len(pdf.pages) >= minimum
    cover = pdf_pages[0]
    assert "September 2024" in cover
    assert "Financial year 2024/25" in cover
    assert "illustrative data" in cover.lower()
    assert "do not quote" in cover
    assert f"Page 1 of {len(pdf.pages)}" in cover
    assert f"Page {len(pdf.pages)} of {len(pdf.pages)}" in pdf_pages[-1]
    assert "Contents" in pdf_pages[1]


def test_pdf_has_every_exception_with_its_chart(
    pdf: PdfReader, pdf_pages: list[str], expected: dict
) -> None:
    for mid, name in expected["names"].items():
        heading = f"{mid} {_flat(name)}"
        pages = [i for i, text in enumerate(pdf_pages) if heading in text]
        assert pages, f"{heading} missing from the PDF"
        chart_pages = [i for i in pages if len(pdf.pages[i].images) > 0]
        assert chart_pages, f"no chart image on the page for {mid}"
        label = status_label(expected["status"][mid])
        assert any(label in pdf_pages[i] for i in chart_pages)
        assert any("Improvement plan" in pdf_pages[i] for i in chart_pages)


def test_pdf_summary_tables_and_risks(pdf_pages: list[str], pack: Pack) -> None:
    text = " ".join(pdf_pages)
    assert "Table 1: measures by frequency and status" in text
    assert "Table 2: the last 12 reporting periods" in text
    assert "▲ Red → ★ Green" in text and "★ Green → ▲ Red" in text
    assert "Waiting times" in text and "Longest wait (ASC-WL02)" in text
    assert "Strategic risk register" in text
    for risk in pack.risks.itertuples(index=False):
        assert f"{risk.risk_id} " in text


def test_pdf_fonts_are_embedded(pdf: PdfReader) -> None:
    seen = 0
    for page in pdf.pages[:4]:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]
            assert "DejaVu" in str(font["/BaseFont"])
            seen += 1
    assert seen >= 2


# --- PowerPoint ----------------------------------------------------------------------------


def test_pptx_slides(rendered: dict[str, bytes], expected: dict, pack: Pack) -> None:
    prs = Presentation(io.BytesIO(rendered["pptx"]))
    slides = list(prs.slides)
    assert len(slides) == 3 + len(expected["exceptions"]) + 2  # + Table 13 and benchmarks
    assert abs(prs.slide_width / prs.slide_height - 16 / 9) < 0.001
    assert round(prs.slide_width / 914400, 2) == 13.33
    titles = [s.shapes.title.text for s in slides]
    assert titles[0].startswith("Meaningful Measures")
    assert titles[1] == "Summary, September 2024"
    assert titles[-3].startswith("Strategic risks")
    assert titles[-2] == "Table 13: Adult Services budget, Sep 2024"
    assert titles[-1].startswith("Benchmarks")
    exception_titles = {
        f"{status_label(expected['status'][mid])} — {mid} {name}"
        for mid, name in expected["names"].items()
    }
    assert set(titles[2:-3]) == exception_titles
    title_text = " ".join(
        shape.text_frame.text for shape in slides[0].shapes if shape.has_text_frame
    )
    assert "September 2024" in title_text and "Illustrative data" in title_text
    for slide in slides[1:-2]:  # the Table 13 and benchmark slides are tables only
        assert any(s.shape_type == MSO_SHAPE_TYPE.PICTURE for s in slide.shapes)
    for slide in slides:
        for shape in slide.shapes:
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= prs.slide_width
            assert shape.top + shape.height <= prs.slide_height


# --- Excel ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workbook(pack: Pack):
    return load_workbook(io.BytesIO(render_pack_xlsx(pack)))


def test_xlsx_sheets_header_and_filters(workbook, expected: dict) -> None:
    assert workbook.sheetnames == [
        "About",
        "All measures",
        *expected["priorities"],
        "Exceptions",
        "Status changes",
        "Annex A",
        "Finance",
        "Benchmarks",
    ]
    for name in workbook.sheetnames[1:]:
        sheet = workbook[name]
        assert sheet.freeze_panes == "A2", name
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:"), name
    measures = workbook["All measures"]
    assert measures.max_row == 1 + len(expected["report"]["measures"])
    assert workbook["Exceptions"].max_row == 1 + len(expected["exceptions"])
    changes = workbook["Status changes"]
    assert changes.max_row == 1 + len(expected["report"]["status_changes"])
    annex = workbook["Annex A"]
    assert annex.max_row == 1 + len(expected["report"]["measures"])
    assert [c.value for c in annex[1]][:6] == [
        "Priority",
        "Priority name",
        "Measure",
        "Director",
        "Portfolio holder",
        "Comment",
    ]
    about = " ".join(str(c.value) for row in workbook["About"].iter_rows() for c in row)
    assert "ILLUSTRATIVE DATA" in about and "September 2024" in about


def test_xlsx_status_cells_and_numbers(workbook, expected: dict) -> None:
    sheet = workbook["All measures"]
    header = [c.value for c in sheet[1]]
    col = {name: i for i, name in enumerate(header)}
    red = next(mid for mid in expected["exceptions"] if expected["status"][mid] == "red")
    row = next(r for r in sheet.iter_rows(min_row=2) if r[col["Measure ID"]].value == red)
    status = row[col["Status"]]
    assert status.value == "▲ Red"
    assert status.fill.fgColor.rgb[-6:] == STATUS_FILL["red"].lstrip("#").upper()
    assert status.font.color.rgb[-6:] == STATUS_TEXT["red"].lstrip("#").upper()
    actual = row[col["Actual"]]
    assert isinstance(actual.value, int | float)
    assert actual.number_format in ("#,##0", "#,##0.0", "£#,##0")


def test_xlsx_for_one_priority(data: Dataset, expected: dict) -> None:
    book = load_workbook(io.BytesIO(build_xlsx(data, PERIOD, "P2")))
    assert book.sheetnames == [
        "About",
        "All measures",
        "P2",
        "Exceptions",
        "Status changes",
        "Annex A",
        "Benchmarks",  # DoLS completed per 100,000 has comparators; Table 13 is directorate-wide
    ]
    ids = [r[0].value for r in book["All measures"].iter_rows(min_row=2)]
    in_p2 = [m["measure_id"] for m in expected["report"]["measures"] if m["priority_id"] == "P2"]
    assert sorted(ids) == sorted(in_p2)


# --- formula injection ---------------------------------------------------------------------


def test_neutralise_rules() -> None:
    for text in ("=1+1", "+44 1865", "-5 on last month", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(text) == "'" + text
    for value in (-5, -5.5, 0, "Down 5", "", None, "'=already"):
        assert neutralise(value) == value
    frame = pd.DataFrame({"n": [-3, 4], "t": ["=A1", "ok"], "f": [-1.5, float("nan")]})
    safe = neutralise_frame(frame)
    assert list(safe["t"]) == ["'=A1", "ok"]
    assert safe["n"].tolist() == [-3, 4] and safe["f"].iloc[0] == -1.5
    text = to_csv_bytes(frame).decode("utf-8")
    assert text.startswith("\ufeff")
    assert "-3," in text and "'=A1" in text


def test_malicious_commentary_is_neutralised(writable_demo_db: Path, expected: dict) -> None:
    red = next(mid for mid in expected["exceptions"] if expected["status"][mid] == "red")
    settings = get_settings()
    before = load_dataset(writable_demo_db)
    row = before.statuses[
        (before.statuses["measure_id"] == red) & (before.statuses["period"] == f"{PERIOD}-01")
    ].iloc[0]
    returns = (
        "measure_id,period,team,actual,target,ytd_actual,ytd_target,commentary\n"
        f"{red},{PERIOD},,{row['actual']},{row['target']},{row['ytd_actual']},"
        f'{row["ytd_target"]},"{MALICIOUS.replace(chr(34), chr(34) * 2)}"\n'
    ).encode()
    validated = validate_file(returns, "returns.csv", settings)
    assert validated.ok, [i.describe() for i in validated.rejections]
    assert commit(validated, settings, "test").status == "loaded"
    data = load_dataset(writable_demo_db)

    rows = list(csv.DictReader(io.StringIO(build_csv(data, PERIOD).decode("utf-8-sig"))))
    mine = next(r for r in rows if r["Measure ID"] == red)
    assert mine["Commentary"] == "'" + MALICIOUS
    assert mine["Status"] == "▲ Red"

    book = load_workbook(io.BytesIO(build_xlsx(data, PERIOD)))
    sheet = book["Exceptions"]
    header = [c.value for c in sheet[1]]
    cell = next(
        r[header.index("Commentary")]
        for r in sheet.iter_rows(min_row=2)
        if r[header.index("Measure ID")].value == red
    )
    assert cell.value == "'" + MALICIOUS
    assert cell.data_type == "s"


# --- command line --------------------------------------------------------------------------


def test_cli_exports_each_format(demo_db: Path, tmp_path: Path, expected: dict) -> None:
    p2 = {m["measure_id"] for m in expected["report"]["measures"] if m["priority_id"] == "P2"}
    with chart_session():
        for fmt in ("pdf", "pptx", "xlsx", "csv"):
            out = tmp_path / f"pack.{fmt}"
            args = ["export", "--db", str(demo_db), "--period", PERIOD, "--format", fmt]
            args += ["--user", "cli-exporter"]
            if fmt in ("pdf", "pptx"):
                args += ["--priority", "P2"]  # fewer charts: keeps the test quick
            assert main([*args, "--out", str(out)]) == 0
            assert out.stat().st_size > 1000
    pages = PdfReader(tmp_path / "pack.pdf").pages
    pdf_text = _flat(" ".join(p.extract_text() for p in pages))
    assert "Priority P2" in pdf_text
    for mid in expected["exceptions"]:
        assert (mid in pdf_text) == (mid in p2), mid
    assert "Waiting times" not in pdf_text  # the waiting measures are not in P2
    prs = Presentation(tmp_path / "pack.pptx")
    # + the benchmarks slide (DoLS completed per 100,000); Table 13 is directorate-wide only
    assert len(prs.slides) == 4 + len([mid for mid in expected["exceptions"] if mid in p2])
    assert (tmp_path / "pack.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert load_workbook(tmp_path / "pack.xlsx").sheetnames[1] == "All measures"
    log = events(Settings(db_path=demo_db))
    exported = log[(log["actor"] == "cli-exporter") & (log["action"] == "export")]
    assert {d.split(" ")[0] for d in exported["detail"]} >= {
        "pack.pdf",
        "pack.pptx",
        "pack.xlsx",
        "pack.csv",
    }


@pytest.mark.parametrize(
    ("period", "extra", "message"),
    [
        ("2024-13", [], "01-12"),
        ("2031-01", [], "No measures were reported"),
        (PERIOD, ["--priority", "P9"], "Unknown priority"),
    ],
)
def test_cli_export_bad_input_exits_2(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    period: str,
    extra: list[str],
    message: str,
) -> None:
    out = tmp_path / "x.csv"
    args = ["export", "--db", str(demo_db), "--period", period, "--format", "csv", "--out"]
    assert main([*args, str(out), *extra]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out.exists()
