"""`report`, `actions` and `export`: what the database says for a period or a date."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
from pathlib import Path

from cli.common import emit, fail, period_and_data, settings_for


def cmd_report(args: argparse.Namespace) -> int:
    """Print the period report (JSON with --json, a short table otherwise)."""
    from metrics.report import report_dict

    loaded = period_and_data(args)
    if loaded is None:
        return 2
    period, data, _ = loaded
    return emit(report_dict(data.statuses, period), args.json, _report_table)


def _report_table(report: dict) -> list[str]:
    lines = [f"Period {report['period']}: {len(report['measures'])} measures reporting"]
    for m in report["measures"]:
        flag = "EXCEPTION" if m["exception"] else ""
        if m["status_source"] == "reported" and m["computed_status"] != m["status"]:
            flag = f"{flag} (reported; rule gives {m['computed_status']})".strip()
        lines.append(f"  {m['measure_id']:<12} {m['status']:<10} {m['direction']:<15} {flag}")
    return lines


def cmd_actions(args: argparse.Namespace) -> int:
    """Print every action with its overdue flag on a date, and the quality-statement links."""
    from plan.service import actions_report
    from store.database import DatabaseMissingError

    settings = settings_for(args.db)
    try:
        on = dt.date.fromisoformat(args.on)
        as_of = dt.date.fromisoformat(args.as_of) if args.as_of else None
        document = actions_report(settings.db_path, on, as_of)
    except ValueError as exc:
        return fail(f"dates must be YYYY-MM-DD: {exc}", 2)
    except DatabaseMissingError as exc:
        return fail(exc, 2)
    return emit(document, args.json, _actions_table)


def _actions_table(document: dict) -> list[str]:
    lines = [f"Actions on {document['on']}: {len(document['actions'])}"]
    for a in document["actions"]:
        flag = "OVERDUE" if a["overdue"] else ""
        lines.append(f"  {a['action_id']:<12} {a['status']:<12} due {a['due']} {flag}")
    return lines


EXPORT_FORMATS = ("pdf", "pptx", "xlsx", "csv")


def cmd_export(args: argparse.Namespace) -> int:
    """Write the board pack (pdf, pptx) or the measures table (xlsx, csv) for one period."""
    from exports.pack import PackError
    from exports.static_charts import ChartExportError

    loaded = period_and_data(args)
    if loaded is None:
        return 2
    period, data, settings = loaded
    out = Path(args.out)
    if not out.parent.is_dir():
        return fail(f"{out.parent} is not a folder", 2)
    if args.format == "pdf":
        from exports.pdf import build_pdf as build
    elif args.format == "pptx":
        from exports.pptx import build_pptx as build
    elif args.format == "xlsx":
        from exports.xlsx import build_xlsx as build
    else:
        from exports.xlsx import build_csv as build
    try:
        content = build(data, period, args.priority, settings)
    except PackError as exc:
        return fail(exc, 2)
    except ChartExportError as exc:
        return fail(exc, 1)
    out.write_bytes(content)
    from store.audit import record_event

    record_event(settings, args.user or getpass.getuser(), "export", f"{out.name} (command line)")
    print(f"wrote {out} ({len(content):,} bytes)")
    return 0
