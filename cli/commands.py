"""Command line: `mm` or `python -m cli` load|report|export|actions|demo|restore.

It wires `metrics` (the rules and the loader) to `exports` (the packs) and `demo` (the
generator); `metrics` imports neither.
"""

from __future__ import annotations

import argparse

from cli.admin import cmd_demo, cmd_restore
from cli.load import cmd_load
from cli.reports import EXPORT_FORMATS, cmd_actions, cmd_export, cmd_report

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


def build_parser(prog: str = "python -m cli") -> argparse.ArgumentParser:
    """The argument parser, also used by the tests."""
    parser = argparse.ArgumentParser(prog=prog, description=__doc__)
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
    load.add_argument(
        "--dry-run",
        action="store_true",
        help="say what the load would do, per file (new, restated, unchanged, refused, "
        "normalised rows), and write nothing",
    )
    load.add_argument("--json", action="store_true", help="with --dry-run: print JSON")
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


def main(argv: list[str] | None = None, prog: str = "python -m cli") -> int:
    """Entry point; returns the exit code."""
    args = build_parser(prog).parse_args(argv)
    return int(args.func(args))


def run() -> int:
    """The `mm` console command (`pip install -e .`): the same commands as `python -m cli`."""
    return main(prog="mm")
