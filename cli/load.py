"""`load`: validate every file, then load them through the one loader (all or nothing)."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cli.common import fail, settings_for

if TYPE_CHECKING:
    from settings.config import Settings


def cmd_load(args: argparse.Namespace) -> int:
    """Validate every file, then load each one as one transaction (or nothing at all)."""
    from intake.loader import load_files
    from settings.access import acting_as, operator
    from store.clock import LoadedAtError, parsed_loaded_at
    from store.database import LoadBusyError

    settings = settings_for(args.db)
    files = []
    for name in args.files:
        path = Path(name)
        if not path.is_file():
            return fail(f"{name}: no such file", 2)
        files.append((path.name, path.read_bytes()))
    try:
        loaded_at = parsed_loaded_at(args.loaded_at, dt.datetime.now()) if args.loaded_at else None
    except LoadedAtError as exc:
        return fail(exc, 2)
    refused = _refused_redefinitions(files, settings, args.redefine)
    if refused:
        for line in refused:
            fail(line, 1)
        print(
            "Nothing was loaded: give the new definitions an effective_from (YYYY-MM), "
            "or pass --redefine to re-rate every past period.",
            file=sys.stderr,
        )
        return 1
    try:
        with acting_as(operator(args.user)):  # the command line runs as the machine's operator
            checked, results = load_files(
                files, settings, args.user or getpass.getuser(), loaded_at=loaded_at
            )
    except LoadBusyError as exc:
        return fail(exc, 3)
    except LoadedAtError as exc:  # the clock moved back while the files were checked
        return fail(exc, 2)
    failed = False
    for validated in checked:
        for warning in validated.warnings:
            print(f"warning: {warning.describe()}", file=sys.stderr)
        for issue in validated.rejections:
            failed = True
            fail(issue.describe(), 1)
    if failed:
        print("Nothing was loaded: fix the rows above and load again.", file=sys.stderr)
        return 1
    for result in results:
        print(result.message)
    return 0


def _refused_redefinitions(
    files: list[tuple[str, bytes]], settings: Settings, redefine: bool
) -> list[str]:
    """Changes to measures' rating fields that would re-rate past statuses without --redefine."""
    from intake.redefinitions import refused_redefinitions

    return refused_redefinitions(files, settings, redefine)
