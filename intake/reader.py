"""Turn an uploaded file's bytes into sheets of text cells, or a clear reason it cannot be read.

CSV (UTF-8, UTF-8 with BOM, Windows-1252) and XLSX (cached values of formulas) are read;
anything else is refused by its content, not its name.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import openpyxl
from defusedxml import ElementTree
from openpyxl.utils.cell import range_boundaries


class UnreadableFileError(ValueError):
    """The file as a whole cannot be read; the message says why in plain English."""


@dataclass
class Sheet:
    """A table of cells: the header row and the data rows, with spreadsheet row numbers."""

    name: str
    header: list[str]
    rows: Iterable[tuple[int, dict[str, Any]]] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str = ","
    skipped_sheets: list[str] = field(default_factory=list)


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


def _blank_header(column: int) -> UnreadableFileError:
    return UnreadableFileError(
        f"row 1 (the header) has a blank column name in column {column}: every column "
        "needs a name from the template (delete empty columns)"
    )


def _check_header(header: list[str]) -> None:
    """Refuse a header that cannot name every column once: blank or repeated names."""
    blanks = [i + 1 for i, name in enumerate(header) if name == ""]
    if blanks and any(header):
        raise _blank_header(blanks[0])
    seen: set[str] = set()
    for name in header:
        if name in seen:
            raise UnreadableFileError(
                f"row 1 (the header) names column '{name}' twice: keep one of them"
            )
        seen.add(name)


def _delimiter(text: str) -> str:
    """Comma, unless the header row makes semicolon or tab certain (and then never a guess)."""
    first_line = text.split("\n", 1)[0]
    found = [d for d in (",", ";", "\t") if d in first_line]
    if len(found) > 1:
        shown = " and ".join({",": "commas", ";": "semicolons", "\t": "tabs"}[d] for d in found)
        raise UnreadableFileError(
            f"row 1 (the header) is separated by both {shown}, so the columns cannot be told "
            "apart for certain: save the file as 'CSV UTF-8 (Comma delimited)'"
        )
    return found[0] if found else ","


def _blank_record(record: list[str]) -> bool:
    return not any(cell.strip() for cell in record)


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their endings, one at a time (no second copy of the file).

    Lines end in LF or CRLF; a file with no LF at all ends them in CR (Excel for Mac).
    """
    ending = "\n" if "\n" in text or "\r" not in text else "\r"
    start = 0
    end = len(text)
    while start < end:
        stop = text.find(ending, start)
        if stop == -1:
            yield text[start:]
            return
        yield text[start : stop + 1]
        start = stop + 1


_SEPARATOR_WORD = {",": "a comma", ";": "a semicolon", "\t": "a tab"}


def _read_csv(data: bytes, name: str, max_rows: int | None = None) -> list[Sheet]:
    """The header now; the data rows as a stream, so a large return is never held twice.

    Structural faults (a wrong field count, an unclosed quote, too many rows) raise
    UnreadableFileError while the rows are read: the caller then refuses the whole file.
    """
    text, encoding = _decode(data)
    delimiter = _delimiter(text)
    reader = csv.reader(_lines(text), delimiter=delimiter, strict=True)
    state = {"record": 0}

    def quote_error(exc: csv.Error) -> UnreadableFileError:
        return UnreadableFileError(
            f"row {state['record'] + 1} (line {reader.line_num}) has a quote that is not closed "
            f"or is followed by other text ({exc}): nothing in the file was read, because the "
            "rows after it cannot be told apart for certain. Put each text containing a comma "
            'or quote in double quotes, with any quote inside it doubled ("")'
        )

    header: list[str] | None = None
    try:
        for record in reader:
            state["record"] += 1
            if _blank_record(record):
                state["record"] -= 1
                continue
            header = _clean_header(record)
            break
    except csv.Error as exc:
        raise quote_error(exc) from None
    if header is None:
        raise UnreadableFileError("the file is empty")
    _check_header(header)
    width = len(header)

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        wrong: list[str] = []
        count = 0
        try:
            for record in reader:
                state["record"] += 1
                if _blank_record(record):
                    continue
                if len(record) != width:
                    wrong.append(f"row {state['record']} has {len(record)} fields")
                    if len(wrong) >= 5:
                        break
                    continue
                count += 1
                if max_rows is not None and count > max_rows:
                    raise UnreadableFileError(
                        f"the file has more than {max_rows:,} data rows (the limit, "
                        "MM_MAX_ROWS): split it into smaller files"
                    )
                if not wrong:
                    yield state["record"], dict(zip(header, record, strict=True))
        except csv.Error as exc:
            raise quote_error(exc) from None
        if wrong:
            raise UnreadableFileError(
                f"{'; '.join(wrong)}, but the header has {width}: a value containing "
                f"{_SEPARATOR_WORD[delimiter]} must be in double quotes (e.g. a figure written "
                "1,448 or text with a comma). The whole file was refused, because its columns "
                "cannot be told apart for certain"
            )

    return [Sheet(name=name, header=header, rows=rows(), encoding=encoding, delimiter=delimiter)]


@dataclass(frozen=True)
class MergedValue:
    """A cell inside a merged range: its figure cannot be told to belong to one row."""

    ref: str
    value: Any


#: A workbook may not expand beyond this when unzipped (a zip bomb is refused before reading).
MAX_XLSX_EXPANDED = 200_000_000
#: Reading a workbook stops after this many seconds with a clear message.
XLSX_SECONDS = 60.0


def _cell(value: Any, number_format: str | None = None) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and number_format and "%" in number_format:
        shown = (Decimal(repr(value)) * 100).normalize()
        return f"{shown:f}%"  # what Excel shows: 0.76 formatted as a percentage is 76%
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _check_zip(data: bytes) -> None:
    """Refuse a workbook whose parts would expand beyond MAX_XLSX_EXPANDED (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            expanded = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise UnreadableFileError("the workbook cannot be opened (BadZipFile)") from None
    if expanded > MAX_XLSX_EXPANDED:
        raise UnreadableFileError(
            f"the workbook would expand to {expanded / 1e6:,.0f} MB when opened (the limit is "
            f"{MAX_XLSX_EXPANDED / 1e6:,.0f} MB): save it as CSV or split it"
        )


def _merged_ranges(data: bytes, path: str) -> list[tuple[str, int, int, int, int]]:
    """Merged ranges of one sheet, read from its XML (openpyxl's read-only mode skips them)."""
    ranges = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(path) as source:
        for _, element in ElementTree.iterparse(source):
            if element.tag.endswith("}mergeCell"):
                ref = element.get("ref", "")
                min_col, min_row, max_col, max_row = range_boundaries(ref)
                ranges.append((ref, min_row, min_col, max_row, max_col))
            elif element.tag.endswith("}c") or element.tag.endswith("}row"):
                element.clear()
    return ranges


def _read_xlsx(
    data: bytes, max_rows: int | None = None, seconds: float = XLSX_SECONDS
) -> list[Sheet]:
    _check_zip(data)
    deadline = time.monotonic() + seconds
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnreadableFileError(
            f"the workbook cannot be opened ({exc.__class__.__name__})"
        ) from None
    sheets: list[Sheet] = []
    skipped: list[str] = []
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            skipped.append(ws.title)
            continue
        ws.reset_dimensions()  # read every row present, never the extent the file claims
        fs = formulas[ws.title]
        fs.reset_dimensions()
        merged = _merged_ranges(data, ws._worksheet_path)
        sheet: Sheet | None = None
        for index, (cells, formula_cells) in enumerate(
            zip(ws.iter_rows(), fs.iter_rows(), strict=False), start=1
        ):
            if time.monotonic() > deadline:
                raise UnreadableFileError(
                    f"reading sheet {ws.title!r} took more than {seconds:,.0f} seconds: save it "
                    "as CSV or split it"
                )
            values = [c.value for c in cells]
            if not any(v is not None and str(v).strip() for v in values):
                continue
            if sheet is None:
                header = _clean_header(values)
                while header and header[-1] == "":
                    header.pop()
                _check_header(header)
                collected: list[tuple[int, dict[str, Any]]] = []
                sheet = Sheet(name=ws.title, header=header, rows=collected, encoding="xlsx")
                continue
            if max_rows is not None and len(collected) >= max_rows:
                raise UnreadableFileError(
                    f"sheet {ws.title!r} has more than {max_rows:,} data rows (the limit, "
                    "MM_MAX_ROWS): split it into smaller files"
                )
            collected.append((index, _xlsx_row(sheet.header, cells, formula_cells, index, merged)))
        if sheet is not None:
            sheets.append(sheet)
    book.close()
    formulas.close()
    if not sheets:
        hidden = f" (hidden sheets not read: {', '.join(skipped)})" if skipped else ""
        raise UnreadableFileError(f"the workbook has no data on any visible sheet{hidden}")
    sheets[0].skipped_sheets = skipped
    return sheets


def _xlsx_row(
    header: list[str],
    cells: tuple[Any, ...],
    formula_cells: tuple[Any, ...],
    index: int,
    merged: list[tuple[str, int, int, int, int]],
) -> dict[str, Any]:
    """One data row of a sheet by column name; a value with no column name refuses the file."""
    beyond = [
        position
        for position, cell in enumerate(cells[len(header) :], len(header) + 1)
        if cell.value is not None and str(cell.value).strip()
    ]
    if beyond:  # a value with no column name: refused, as the same CSV is
        raise _blank_header(beyond[0])
    row: dict[str, Any] = {}
    for position, name in enumerate(header, start=1):
        cell = cells[position - 1] if position <= len(cells) else None
        value = None if cell is None else cell.value
        number_format = getattr(cell, "number_format", None)
        formula = formula_cells[position - 1].value if position <= len(formula_cells) else None
        if value is None and isinstance(formula, str) and formula.startswith("="):
            value = FormulaWithoutValue(formula)
        else:
            value = _cell(value, number_format)
        for ref, r0, c0, r1, c1 in merged:
            if r0 <= index <= r1 and c0 <= position <= c1:
                value = MergedValue(ref, value)
                break
        row[name] = value
    return row


@dataclass(frozen=True)
class FormulaWithoutValue:
    """A formula cell saved without its value (e.g. written by a program, never opened)."""

    formula: str


def read_sheets(data: bytes, name: str, max_bytes: int, max_rows: int | None = None) -> list[Sheet]:
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
        try:
            return _read_xlsx(data, max_rows)
        except UnreadableFileError:
            raise
        except Exception as exc:  # a damaged or hostile workbook: refuse it, never crash
            raise UnreadableFileError(
                f"the workbook cannot be read ({exc.__class__.__name__}): open it in Excel, "
                "save it again as .xlsx, or save it as CSV"
            ) from None
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableFileError("old .xls workbooks are not read: save it as .xlsx or CSV")
    return _read_csv(data, name, max_rows)
