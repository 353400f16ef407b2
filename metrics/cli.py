"""Command line: `python -m metrics load|report|demo|export` (the same code the app uses)."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from pathlib import Path

from metrics.config import get_settings
from metrics.periods import parse_period


def _settings(db: str | None):
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
    try:
        checked, results = load_files(
            files, settings, args.user or getpass.getuser(), loaded_at=loaded_at
        )
    except LoadBusyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
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


def cmd_report(args: argparse.Namespace) -> int:
    """Print the period report (JSON with --json, a short table otherwise)."""
    from metrics.report import report_dict
    from metrics.service import load_dataset
    from metrics.store import DatabaseMissingError

    settings = _settings(args.db)
    try:
        period = parse_period(args.period)
        as_of = dt.date.fromisoformat(args.as_of) if args.as_of else None
        data = load_dataset(settings.db_path, as_of)
    except (ValueError, DatabaseMissingError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report = report_dict(data.statuses, period)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"Period {report['period']}: {len(report['measures'])} measures reporting")
    for m in report["measures"]:
        flag = "EXCEPTION" if m["exception"] else ""
        print(f"  {m['measure_id']:<12} {m['status']:<10} {m['direction']:<15} {flag}")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Regenerate data/demo/*.csv and, with --build, a fresh demo database."""
    from metrics.demo import build_demo_database, write_demo_files

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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, also used by the tests."""
    parser = argparse.ArgumentParser(prog="python -m metrics", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    load = sub.add_parser("load", help="validate and load measures/returns/risks/comparators files")
    load.add_argument("files", nargs="+")
    load.add_argument(
        "--db", help="database path (default: MM_DB_PATH or data/meaningful_measures.duckdb)"
    )
    load.add_argument("--user", help="who is loading (default: your login name)")
    load.add_argument("--loaded-at", help="ISO timestamp to record, for back-filling history")
    load.set_defaults(func=cmd_load)

    report = sub.add_parser("report", help="the period report")
    report.add_argument("--db")
    report.add_argument("--period", required=True, help="YYYY-MM")
    report.add_argument("--as-of", help="as reported on this date (YYYY-MM-DD)")
    report.add_argument("--json", action="store_true")
    report.set_defaults(func=cmd_report)

    demo = sub.add_parser("demo", help="regenerate the illustrative demo files")
    demo.add_argument("--build", action="store_true", help="also build a demo database")
    demo.add_argument("--db")
    demo.set_defaults(func=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = build_parser().parse_args(argv)
    return int(args.func(args))
