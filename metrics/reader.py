"""Turn an uploaded file's bytes into sheets of text cells, or a clear reason it cannot be read.

CSV (UTF-8, UTF-8 with BOM, Windows-1252) and XLSX (cached values of formulas) are read;
anything else is refused by its content, not its name.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

import openpyxl


class UnreadableFileError(ValueError):
    """The file as a whole cannot be read; the message says why in plain English."""


@dataclass
class Sheet:
    """A table of cells: the header row and the data rows, with spreadsheet row numbers."""

    name: str
    header: list[str]
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    encoding: str = "utf-8"


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:4096]:
        raise UnreadableFileError(
            "the file is UTF-16 or binary, not a CSV: save it from Excel as "
            "'CSV UTF-8 (Comma delimited)' or upload the .xlsx"
        )
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(
            f"the text is neither UTF-8 nor Windows-1252 (byte {exc.start:,} cannot be read)"
        ) from None


def _clean_header(cells: list[Any]) -> list[str]:
    return [str(c).strip().lower() if c is not None else "" for c in cells]


def _read_csv(data: bytes, name: str) -> list[Sheet]:
    text, encoding = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = next((d for d in (",", ";", "\t") if d in first_line), ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = [r for r in reader]
    rows = [r for r in rows if any(cell.strip() for cell in r)] if rows else rows
    if not rows:
        raise UnreadableFileError("the file is empty")
    header = _clean_header(rows[0])
    sheet = Sheet(name=name, header=header, encoding=encoding)
    for index, raw in enumerate(rows[1:], start=2):
        sheet.rows.append((index, dict(zip(header, raw, strict=False))))
    return [sheet]


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _read_xlsx(data: bytes) -> list[Sheet]:
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnreadableFileError(
            f"the workbook cannot be opened ({exc.__class__.__name__})"
        ) from None
    sheets: list[Sheet] = []
    for ws in book.worksheets:
        rows = [
            (i, list(r))
            for i, r in enumerate(ws.iter_rows(values_only=True), start=1)
            if any(c is not None and str(c).strip() for c in r)
        ]
        if not rows:
            continue
        _, header_cells = rows[0]
        header = _clean_header(header_cells)
        sheet = Sheet(name=ws.title, header=header, encoding="xlsx")
        for index, cells in rows[1:]:
            values = [_cell(c) for c in cells]
            sheet.rows.append((index, dict(zip(header, values, strict=False))))
        sheets.append(sheet)
    book.close()
    if not sheets:
        raise UnreadableFileError("the workbook has no data on any sheet")
    return sheets


def read_sheets(data: bytes, name: str, max_bytes: int) -> list[Sheet]:
    """Every table in the file; raise UnreadableFileError with the reason otherwise."""
    if len(data) == 0:
        raise UnreadableFileError("the file is empty")
    if len(data) > max_bytes:
        raise UnreadableFileError(
            f"the file is {len(data) / 1e6:,.1f} MB; the limit is {max_bytes / 1e6:,.0f} MB"
        )
    if data.startswith(b"%PDF"):
        raise UnreadableFileError("this is a PDF, not a CSV or Excel workbook")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFileError("old .xls workbooks are not read: save it as .xlsx or CSV")
    return _read_csv(data, name)
