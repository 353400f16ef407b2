"""Command line: `python -m cli load|report|export|actions|demo|restore` (the app's own code).

It wires `metrics` (the rules and the loader) to `exports` (the packs) and `demo` (the
generator); `metrics` imports neither.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from metrics.config import get_settings
from metrics.periods import parse_period

if TYPE_CHECKING:
    from metrics.config import Settings
    from metrics.service import Dataset


def _fail(problem: object, code: int) -> int:
    """Say what went wrong on stderr, as `error: ...`, and give the exit code."""
    print(f"error: {problem}", file=sys.stderr)
    return code


def _emit(document: dict, as_json: bool, table: Callable[[dict], list[str]]) -> int:
    """Print a command's document: as JSON with --json, as a short table otherwise."""
    print(json.dumps(document, indent=2) if as_json else "\n".join(table(document)))
    return 0


def _settings(db: str | None) -> Settings:
    """Settings from the environment, with --db taking precedence."""
    settings = get_settings()
    if db:
        settings = settings.model_copy(update={"db_path": Path(db)})
    return settings


def cmd_load(args: argparse.Namespace) -> int:
    """Validate every file, then load each one as one transaction (or nothing at all)."""
    from metrics.loader import load_files
    from metrics.store import LoadBusyError

    settings = _settings(args.db)
    files = []
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            print(f"error: {name}: no such file", file=sys.stderr)
            return 2
        files.append((path.name, path.read_bytes()))
    loaded_at = dt.datetime.fromisoformat(args.loaded_at) if args.loaded_at else None
    refused = _refused_redefinitions(files, settings, args.redefine)
    if refused:
        for line in refused:
            print(f"error: {line}", file=sys.stderr)
        print(
            "Nothing was loaded: give the new definitions an effective_from (YYYY-MM), "
            "or pass --redefine to re-rate every past period.",
            file=sys.stderr,
        )
        return 1
    try:
        checked, results = load_files(
            files, settings, args.user or getpass.getuser(), loaded_at=loaded_at
        )
    except LoadBusyError as exc:
        return _fail(exc, 3)
    failed = False
    for validated in checked:
        for warning in validated.warnings:
            print(f"warning: {warning.describe()}", file=sys.stderr)
        for issue in validated.rejections:
            failed = True
            print(f"error: {issue.describe()}", file=sys.stderr)
    if failed:
        print("Nothing was loaded: fix the rows above and load again.", file=sys.stderr)
        return 1
    for result in results:
        print(result.message)
    return 0


def _refused_redefinitions(
    files: list[tuple[str, bytes]], settings: Settings, redefine: bool
) -> list[str]:
    """Undated changes to a measure's rating fields, which would silently re-rate history."""
    from metrics.definitions import impact_of
    from metrics.loader import validate_file

    lines: list[str] = []
    for name, data in files:
        if b"polarity" not in data[:2048].lower():
            continue
        validated = validate_file(data, name, settings)
        incoming = validated.frames.get("measures")
        if incoming is None:
            continue
        impact = impact_of(settings.db_path, incoming)
        if redefine or not impact.redefinitions:
            continue
        lines += [f"{name}, {r.describe()}" for r in impact.redefinitions]
        if not impact.changes.empty:
            lines.append(f"{name}: {len(impact.changes):,} past status(es) would change:")
            lines += [f"  {line}" for line in impact.lines()]
    return lines


def _period_and_data(args: argparse.Namespace) -> tuple[dt.date, Dataset, Settings] | None:
    """Parse --period/--as-of and read the database; print the reason and return None if not."""
    from metrics.as_reported import before_first_load
    from metrics.service import load_dataset
    from metrics.store import DatabaseMissingError

    settings = _settings(args.db)
    try:
        period = parse_period(args.period)
        as_of = dt.date.fromisoformat(args.as_of) if args.as_of else None
        data = load_dataset(settings.db_path, as_of)
        too_early = before_first_load(data.loads, as_of)
        if too_early:
            raise ValueError(too_early)
        return period, data, settings
    except (ValueError, DatabaseMissingError) as exc:
        _fail(exc, 2)
        return None


def cmd_report(args: argparse.Namespace) -> int:
    """Print the period report (JSON with --json, a short table otherwise)."""
    from metrics.report import report_dict

    loaded = _period_and_data(args)
    if loaded is None:
        return 2
    period, data, _ = loaded
    return _emit(report_dict(data.statuses, period), args.json, _report_table)


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
    from metrics.plan_service import actions_report
    from metrics.store import DatabaseMissingError

    settings = _settings(args.db)
    try:
        on = dt.date.fromisoformat(args.on)
        as_of = dt.date.fromisoformat(args.as_of) if args.as_of else None
        document = actions_report(settings.db_path, on, as_of)
    except ValueError as exc:
        return _fail(f"dates must be YYYY-MM-DD: {exc}", 2)
    except DatabaseMissingError as exc:
        return _fail(exc, 2)
    return _emit(document, args.json, _actions_table)


def _actions_table(document: dict) -> list[str]:
    lines = [f"Actions on {document['on']}: {len(document['actions'])}"]
    for a in document["actions"]:
        flag = "OVERDUE" if a["overdue"] else ""
        lines.append(f"  {a['action_id']:<12} {a['status']:<12} due {a['due']} {flag}")
    return lines


def cmd_demo(args: argparse.Namespace) -> int:
    """Regenerate data/demo/*.csv and, with --build, a fresh demo database."""
    from demo.generate import write_demo_files
    from metrics.reference import build_demo_database

    for path in write_demo_files():
        print(f"wrote {path}")
    if args.build:
        settings = _settings(args.db)
        if settings.db_path.exists():
            print(f"error: {settings.db_path} exists; remove it first", file=sys.stderr)
            return 2
        build_demo_database(settings)
        print(f"built {settings.db_path}")
    return 0


EXPORT_FORMATS = ("pdf", "pptx", "xlsx", "csv")


def cmd_export(args: argparse.Namespace) -> int:
    """Write the board pack (pdf, pptx) or the measures table (xlsx, csv) for one period."""
    from exports.pack import PackError
    from exports.static_charts import ChartExportError

    loaded = _period_and_data(args)
    if loaded is None:
        return 2
    period, data, settings = loaded
    out = Path(args.out)
    if not out.parent.is_dir():
        print(f"error: {out.parent} is not a folder", file=sys.stderr)
        return 2
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
        return _fail(exc, 2)
    except ChartExportError as exc:
        return _fail(exc, 1)
    out.write_bytes(content)
    from metrics.audit import record_event

    record_event(settings, args.user or getpass.getuser(), "export", f"{out.name} (command line)")
    print(f"wrote {out} ({len(content):,} bytes)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """List backups, or put one back by name (the same function as the Access page)."""
    from metrics.store import (
        LoadBusyError,
        RestoreError,
        list_backups,
        no_backups_message,
        restore_backup,
    )

    settings = _settings(args.db)
    backups = list_backups(settings)
    if not args.backup:
        for path in backups:
            print(path.name)
        if not backups:
            print(no_backups_message(settings), file=sys.stderr)
        return 0
    try:
        chosen = restore_backup(settings, args.backup, args.user or getpass.getuser())
    except LoadBusyError as exc:
        return _fail(exc, 3)
    except RestoreError as exc:
        return _fail(exc, 2)
    print(f"restored {chosen.name} to {settings.db_path}")
    return 0


DB_HELP = "database path (default: MM_DB_PATH or data/meaningful_measures.duckdb)"


def _database_args(
    parser: argparse.ArgumentParser, *, period: bool = False, as_of: str | None = None
) -> argparse.ArgumentParser:
    """The options every command on a database shares: --db, and --period / --as-of if asked."""
    parser.add_argument("--db", help=DB_HELP)
    if period:
        parser.add_argument("--period", required=True, help="YYYY-MM")
    if as_of:
        parser.add_argument("--as-of", help=f"{as_of} as reported on this date (YYYY-MM-DD)")
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, also used by the tests."""
    parser = argparse.ArgumentParser(prog="python -m cli", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    load = _database_args(
        sub.add_parser("load", help="validate and load measures/returns/risks/comparators files")
    )
    load.add_argument("files", nargs="+")
    load.add_argument("--user", help="who is loading (default: your login name)")
    load.add_argument("--loaded-at", help="ISO timestamp to record, for back-filling history")
    load.add_argument(
        "--redefine",
        action="store_true",
        help="allow a changed definition with no effective_from (re-rates every past period)",
    )
    load.set_defaults(func=cmd_load)

    report = _database_args(
        sub.add_parser("report", help="the period report"), period=True, as_of="the figures"
    )
    report.add_argument("--json", action="store_true")
    report.set_defaults(func=cmd_report)

    export = _database_args(
        sub.add_parser("export", help="the board pack (pdf, pptx) or measures (xlsx, csv)"),
        period=True,
        as_of="the figures",
    )
    export.add_argument("--priority", help="one priority only, e.g. P1")
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    export.add_argument("--out", required=True, help="file to write")
    export.add_argument("--user", help="who is exporting (default: your login name)")
    export.set_defaults(func=cmd_export)

    acts = _database_args(
        sub.add_parser("actions", help="actions with overdue flags on a date"), as_of="actions"
    )
    acts.add_argument("--on", required=True, help="judge overdue on this date (YYYY-MM-DD)")
    acts.add_argument("--json", action="store_true")
    acts.set_defaults(func=cmd_actions)

    demo = _database_args(sub.add_parser("demo", help="regenerate the illustrative demo files"))
    demo.add_argument("--build", action="store_true", help="also build a demo database")
    demo.set_defaults(func=cmd_demo)

    restore = _database_args(sub.add_parser("restore", help="list backups, or restore one by name"))
    restore.add_argument("backup", nargs="?")
    restore.add_argument("--user")
    restore.set_defaults(func=cmd_restore)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = build_parser().parse_args(argv)
    return int(args.func(args))
