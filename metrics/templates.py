"""Import templates (CSV and XLSX) with one example row each, built from the row models."""

from __future__ import annotations

import csv
import io

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from metrics.models import KINDS, columns_of

EXAMPLES: dict[str, dict[str, str]] = {
    "measures": {
        "measure_id": "ASC-WL01",
        "name": "People waiting for a Care Act assessment",
        "priority_id": "P1",
        "priority_name": "Timely assessment and review",
        "director": "Deputy Director, Operations",
        "portfolio_holder": "Cabinet Member for Adult Social Care",
        "frequency": "monthly",
        "polarity": "lower_is_better",
        "unit": "count",
        "tolerance": "0.1",
        "tolerance_type": "relative",
        "description": "Number waiting at month end for allocation of a Care Act assessment.",
        "source": "Case management system, month-end extract",
        "key_measure": "yes",
    },
    "returns": {
        "measure_id": "ASC-WL01",
        "period": "2024-09",
        "team": "",
        "actual": "560",
        "target": "500",
        "ytd_actual": "560",
        "ytd_target": "500",
        "commentary": "Down 32 on August; East locality pilot continuing.",
        "improvement_plan": "Appointment-setting rolled out to all localities.",
        "timeframe": "By March 2025",
        "finance_impact": "Within existing budget.",
        "risk_impact": "Strategic risk 04, Managing Demand.",
    },
    "risks": {
        "risk_id": "SR04",
        "name": "Managing Demand across Adult's and Children's Services",
        "description": "Fluctuating demand can result in varying requirements in resource.",
        "owner": "Director of Adult Social Care",
        "period": "2024-09",
        "inherent_likelihood": "3",
        "inherent_impact": "5",
        "residual_likelihood": "2",
        "residual_impact": "4",
        "target_likelihood": "2",
        "target_impact": "3",
        "controls": "Weekly Meaningful Measures meeting.",
        "actions": "Demand modelling refreshed quarterly.",
        "linked_measures": "ASC-WL01;ASC-SG03",
    },
    "comparators": {
        "measure_id": "ASC-WL01",
        "period": "2024-09",
        "comparator": "South East",
        "value": "610",
    },
    "events": {
        "date": "2024-04-01",
        "measure_id": "ASC-WL01",
        "label": "Appointment-setting rolled out to all localities",
        "process_change": "yes",
    },
}


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
            cell.font = Font(bold=column in KINDS[kind]["required"])
            sheet.column_dimensions[get_column_letter(index)].width = max(12, len(column) + 4)
            # Periods and ids are text: stop Excel turning 2024-09 into a date.
            sheet.cell(row=2, column=index).number_format = "@"
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
