"""The Excel workbook: every measure reporting in the period, by priority, exceptions, changes.

openpyxl writes the cells with real types: numbers stay numbers (with thousands-separator
formats), statuses are shape + word ("▲ Red") with the dashboard's fill and text colours, and
free text is neutralised against formula injection (`exports.safe`). The header is row 1 of
every data sheet (frozen, with an autofilter); the "About" sheet says what the file is.
"""

from __future__ import annotations

import datetime as dt
import io
import math

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from exports.pack import DEMO_WARNING, STATUS_COLUMNS, TITLE, Pack, build_pack
from exports.safe import neutralise
from metrics.annex import annex_table
from metrics.exceptions import EXCEPTION_RULE
from metrics.periods import stamp_long
from metrics.vocab import STATUSES, status_colours, status_label, status_of
from settings.config import Settings
from store.service import Dataset

HEADER_FILL = PatternFill("solid", fgColor="E8EAF1")
HEADER_FONT = Font(bold=True, color="0B0C0C")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")
#: Columns given a fixed width (characters); others are sized to their contents.
WIDTHS = {
    "Measure": 42,
    "Priority name": 30,
    "Director": 30,
    "Portfolio holder": 30,
    "Commentary": 60,
    "Improvement plan": 60,
    "Timeframe": 24,
    "Finance impact": 30,
    "Risk impact": 30,
    "Which measures": 80,
    "Comment": 60,
    "Status note": 50,
}
NUMBER_COLUMNS = ("Actual", "Target", "YTD actual", "YTD target", "Period actual", "Period target")


def status_text(value: object) -> object:
    """A status code as its label for writing ('red' -> '▲ Red'); anything else unchanged."""
    return status_label(value) if isinstance(value, str) and value in STATUSES else value


def _status_fill(status: str) -> tuple[PatternFill, Font]:
    fill, text = (c.lstrip("#").upper() for c in status_colours(status))
    return PatternFill("solid", fgColor=fill), Font(bold=True, color=text)


def number_format(unit: object, value: object) -> str:
    """'#,##0' for whole numbers, one decimal place for rates, per cents and fractions."""
    if unit in ("percent", "rate"):
        return "#,##0.0"
    if unit == "currency":
        return "£#,##0"
    if isinstance(value, float) and not math.isnan(value) and not value.is_integer():
        return "#,##0.0"
    return "#,##0"


def _cell_value(value: object) -> object:
    """Missing values as empty cells, numpy scalars as Python numbers, text neutralised."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    return neutralise(value)


def write_frame(
    sheet: Worksheet,
    frame: pd.DataFrame,
    *,
    units: pd.Series | None = None,
    status_columns: tuple[str, ...] = STATUS_COLUMNS,
) -> None:
    """Header in row 1 (frozen, filtered), typed cells, coloured status cells, column widths.

    A status column may hold status codes ('red'), written as their label ('▲ Red') and
    coloured by the code; a label from a table built elsewhere is coloured by its status.
    """
    coded = {c: frame[c].tolist() for c in status_columns if c in frame}
    frame = frame.assign(**{c: [status_text(v) for v in values] for c, values in coded.items()})
    columns = list(frame.columns)
    sheet.append(columns)
    for cell in sheet[1]:
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for i, values in enumerate(frame.itertuples(index=False), start=2):
        sheet.append([_cell_value(v) for v in values])
        unit = units.iloc[i - 2] if units is not None else None
        for j, column in enumerate(columns, start=1):
            cell = sheet.cell(row=i, column=j)
            if column in NUMBER_COLUMNS and isinstance(cell.value, int | float):
                cell.number_format = number_format(unit, cell.value)
            elif isinstance(cell.value, int):
                cell.number_format = "#,##0"
            status = None
            if column in coded:
                code = coded[column][i - 2]
                status = status_of(code)
            if status:
                cell.fill, cell.font = _status_fill(status)
            cell.alignment = WRAP if column in WIDTHS else TOP
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(len(columns), 1))
    sheet.auto_filter.ref = f"A1:{last}{max(len(frame) + 1, 1)}"
    for j, column in enumerate(columns, start=1):
        if column in WIDTHS:
            width = WIDTHS[column]
        else:
            longest = max([len(str(v)) for v in frame[column] if v is not None] + [0])
            width = min(max(len(column), longest) + 3, 40)
        sheet.column_dimensions[get_column_letter(j)].width = width


def _about(sheet: Worksheet, pack: Pack) -> None:
    rows: list[tuple[str, str]] = [
        ("Title", TITLE),
        ("Period", pack.period_long),
        ("Financial year", pack.financial_year),
        ("Scope", pack.scope),
        ("Figures", pack.as_reported),
        ("Produced", stamp_long(dt.datetime.now())),
        ("Measures reporting", f"{len(pack.reporting):,}"),
        ("Exceptions", f"{len(pack.exceptions):,}"),
        (
            "Exception",
            f"A measure rated {EXCEPTION_RULE}.",
        ),
        (
            "Status",
            "Shown as shape and word as well as colour: "
            + ", ".join(status_label(s) for s in STATUSES)
            + ".",
        ),
        (
            "Text cells",
            "Text that would start with = + - or @ is prefixed with ' so it is never run "
            "as a formula.",
        ),
    ]
    about_sheet(sheet, "About this workbook", rows, pack.demo)


def about_sheet(sheet: Worksheet, title: str, rows: list[tuple[str, str]], demo: bool) -> None:
    """A workbook's About sheet: a title, then label and text rows (the demo warning first)."""
    if demo:
        rows = [("WARNING", DEMO_WARNING), *rows]
    sheet.append([title, ""])
    sheet["A1"].font = Font(bold=True, size=14)
    for label, text in rows:
        sheet.append([label, neutralise(text)])
        row = sheet.max_row
        sheet.cell(row=row, column=1).font = Font(bold=True)
        sheet.cell(row=row, column=2).alignment = WRAP
        if label == "WARNING":
            for col in (1, 2):
                cell = sheet.cell(row=row, column=col)
                cell.fill = PatternFill("solid", fgColor="FFF4D6")
                cell.font = Font(bold=True, color="B35900")
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 110


def sheet_names(pack: Pack) -> list[str]:
    """The workbook's sheets in order (the tests and the page caption use this)."""
    return [
        "About",
        "All measures",
        *[section.priority_id for section in pack.priorities],
        "Exceptions",
        "Status changes",
        "Annex A",
        *(["Finance"] if not pack.finance.empty else []),
        *(["Benchmarks"] if not pack.benchmarks.empty else []),
    ]


def render_pack_xlsx(pack: Pack) -> bytes:
    """Write an already-gathered pack as an .xlsx workbook."""
    book = Workbook()
    about = book.active
    about.title = "About"
    _about(about, pack)
    table = pack.measure_table
    units = pack.reporting["unit"].reset_index(drop=True)
    write_frame(book.create_sheet("All measures"), table, units=units)
    for section in pack.priorities:
        mask = (pack.reporting["priority_id"] == section.priority_id).to_numpy()
        write_frame(
            book.create_sheet(section.priority_id),
            table[mask].reset_index(drop=True),
            units=units[mask].reset_index(drop=True),
        )
    exceptions = pack.reporting["exception"].astype(bool).to_numpy()
    write_frame(
        book.create_sheet("Exceptions"),
        table[exceptions].reset_index(drop=True),
        units=units[exceptions].reset_index(drop=True),
    )
    names = dict(zip(pack.reporting["measure_id"], pack.reporting["name"], strict=True))
    priorities = dict(zip(pack.reporting["measure_id"], pack.reporting["priority_id"], strict=True))
    changes = pd.DataFrame(
        [
            {
                "Measure ID": change["measure_id"],
                "Measure": names.get(change["measure_id"]),
                "Priority": priorities.get(change["measure_id"]),
                "From": change["from"],  # codes: write_frame writes the words
                "To": change["to"],
            }
            for change in pack.report["status_changes"]
        ],
        columns=["Measure ID", "Measure", "Priority", "From", "To"],
    )
    write_frame(book.create_sheet("Status changes"), changes, status_columns=("From", "To"))
    annex = annex_table(pack.reporting, numbers=True)
    annex_units = pack.reporting.sort_values(["priority_id", "measure_id"])["unit"].reset_index(
        drop=True
    )
    write_frame(
        book.create_sheet("Annex A"),
        annex.drop(columns=["measure_id"]).rename(
            columns={"priority_id": "Priority", "priority_name": "Priority name"}
        ),
        units=annex_units,
        status_columns=("Status", "YTD status"),
    )
    from exports.sections import benchmark_display, finance_display

    if not pack.finance.empty:
        write_frame(
            book.create_sheet("Finance"), finance_display(pack), status_columns=("Traffic light",)
        )
    if not pack.benchmarks.empty:
        write_frame(book.create_sheet("Benchmarks"), benchmark_display(pack))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def build_xlsx(
    data: Dataset,
    period: dt.date | pd.Timestamp | str,
    priority: str | None = None,
    settings: Settings | None = None,
) -> bytes:
    """The Excel workbook for one period (optionally one priority) as bytes, for a download."""
    return render_pack_xlsx(build_pack(data, period, priority, settings, charts=False))


def build_csv(
    data: Dataset,
    period: dt.date | pd.Timestamp | str,
    priority: str | None = None,
    settings: Settings | None = None,
) -> bytes:
    """Every measure reporting in the period as CSV (UTF-8 with BOM, injection-safe)."""
    from exports.safe import to_csv_bytes

    pack = build_pack(data, period, priority, settings, charts=False)
    table = pack.measure_table
    words = {c: table[c].map(status_text) for c in STATUS_COLUMNS if c in table}
    return to_csv_bytes(table.assign(**words))
