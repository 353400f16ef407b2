"""Import templates (CSV and XLSX) with one example row each, built from the row models."""

from __future__ import annotations

import csv
import io

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from intake.examples import EXAMPLES
from intake.kinds import KINDS, columns_of


def template_csv(kind: str) -> bytes:
    """UTF-8 CSV (with BOM, so Excel opens it correctly) of the header and one example row."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns_of(kind), lineterminator="\r\n")
    writer.writeheader()
    writer.writerow(EXAMPLES[kind])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def template_xlsx(kinds: tuple[str, ...] = tuple(KINDS)) -> bytes:
    """A workbook with one sheet per kind: required columns in bold, one example row each."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for kind in kinds:
        sheet = book.create_sheet(kind)
        columns = columns_of(kind)
        sheet.append(columns)
        sheet.append([EXAMPLES[kind].get(c, "") for c in columns])
        for index, column in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=index)
            cell.font = Font(bold=column in KINDS[kind].required)
            sheet.column_dimensions[get_column_letter(index)].width = max(12, len(column) + 4)
            # Periods and ids are text: stop Excel turning 2024-09 into a date.
            sheet.cell(row=2, column=index).number_format = "@"
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def is_template_example(kind: str, cells: dict[str, object]) -> bool:
    """True when a row is the template's example row, left in by mistake."""
    example = EXAMPLES.get(kind)
    if not example:
        return False
    for column, value in example.items():
        cell = cells.get(column)
        if value and str(cell if cell is not None else "").strip() != value:
            return False
    return True
