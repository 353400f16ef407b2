"""Import templates (CSV and XLSX) with one example row each, built from the row models."""

from __future__ import annotations

import csv
import io

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from intake.models import KINDS, columns_of

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
        "quality_statements": "Assessing needs",
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
    "priority_statuses": {
        "priority_id": "P1",
        "period": "2024-09",
        "priority_status": "Amber",
        "status_note": "Waiting list falling but above target.",
    },
    "workstreams": {
        "workstream_id": "WS1",
        "name": "Timely assessment and review",
        "lead": "Deputy Director, Operations",
        "description": "Reduce waits for Care Act assessments and overdue reviews.",
        "quality_statements": "Assessing needs;Care provision, integration and continuity",
        "success_measures": "ASC-WL01",
    },
    "actions": {
        "action_id": "IP-001",
        "title": "Appointment-setting for assessments in every locality",
        "workstream_id": "WS1",
        "owner": "Head of Service, Localities",
        "raised": "2025-03-03",
        "due": "2025-06-30",
        "status": "on_track",
        "progress_note": "Live in East; North and South in May.",
        "escalated_to": "",
        "closed_on": "",
        "linked_measures": "ASC-WL01",
        "linked_risks": "SR04",
        "quality_statements": "Assessing needs",
    },
    "waiting_lists": {
        "waiting_list": "reviews",
        "waiting_list_name": "Reviews (example row)",
        "measure_id": "ASC-RV06",
        "waiting_role": "band",
        "band_from_days": "0",
        "band_to_days": "28",
        "breakdown": "",
    },
    "finance": {
        "service_area": "Adult Social Care (example row)",
        "period": "2024-09",
        "net_budget": "27209000",
        "forecast": "27509000",
        "variance_last_reported": "300000",
        "savings_planned": "800000",
        "savings_delivered": "500000",
        "savings_forecast": "750000",
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
