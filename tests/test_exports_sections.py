"""Board pack: the Table 13 and Benchmarks sections in the PDF and the workbook."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from exports.pack import Pack, build_pack
from exports.pdf import render_pack_pdf
from exports.xlsx import render_pack_xlsx
from store.service import Dataset


@pytest.fixture(scope="module")
def pack(data: Dataset) -> Pack:
    return build_pack(data, "2024-09")


def test_workbook_has_table_13_and_benchmarks(pack: Pack) -> None:
    book = load_workbook(io.BytesIO(render_pack_xlsx(pack)))
    finance = {r[0].value: [c.value for c in r] for r in book["Finance"].iter_rows(min_row=2)}
    header = [c.value for c in book["Finance"][1]]
    total = dict(zip(header, finance["Total"], strict=True))
    assert total["Net budget £000"] == "250,201" and total["Variance %"] == "0.00%"
    assert total["Traffic light"] == "★ Green"
    bench = book["Benchmarks"]
    head = [c.value for c in bench[1]]
    rows = {
        r[0].value: dict(zip(head, [c.value for c in r], strict=True))
        for r in bench.iter_rows(min_row=2)
    }
    assert rows["ASC-PI01"]["Gap to England"] == "−4.3 pp"  # 75.1 against 79.39
    assert rows["ASC-PI03"]["Gap to England"] == "−36.2 %"  # 357.7 against 560.8
    assert rows["ASC-PI03"]["Compared with England"] == "Better than England"


def test_pdf_has_table_13_and_benchmark_pages(pack: Pack) -> None:
    text = [p.extract_text() for p in PdfReader(io.BytesIO(render_pack_pdf(pack))).pages]
    table13 = next(t for t in text if "Table 13: Adult Services" in t and "Service area" in t)
    assert "250,201" in table13 and "27,509" in table13 and "Red over 1.5%" in table13
    bench = next(t for t in text if "Benchmarks: England" in t and "Compared with" in t)
    assert "79.4%" in bench and "not CQC's statistical test" in bench.replace("\n", " ")


def test_one_priority_pack_has_no_table_13(data: Dataset) -> None:
    assert build_pack(data, "2024-09", "P2", charts=False).finance.empty
