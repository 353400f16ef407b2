"""`load`: validate every file of the load, then load them through the one loader (all or nothing).

`--dry-run` prints what the load would do, per file, and writes nothing (`--json` for a document).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cli.common import emit, fail, settings_for

if TYPE_CHECKING:
    from intake.validated import ValidatedFile


def _read(names: list[str]) -> list[tuple[str, bytes]] | str:
    """Each named file's bytes, or the name of the first that is missing."""
    files = []
    for name in names:
        path = Path(name)
        if not path.is_file():
            return name
        files.append((path.name, path.read_bytes()))
    return files


def _consent_refused(lines: list[str]) -> int:
    for line in lines:
        fail(line, 1)
    print(
        "Nothing was loaded: give the new definitions an effective_from (YYYY-MM), "
        "or pass --redefine to re-rate every past period.",
        file=sys.stderr,
    )
    return 1


def _problems_shown(checked: list[ValidatedFile]) -> bool:
    """Print every warning and problem; True when any file has a problem."""
    failed = False
    for validated in checked:
        for warning in validated.warnings:
            print(f"warning: {warning.describe()}", file=sys.stderr)
        for issue in validated.rejections:
            failed = True
            fail(issue.describe(), 1)
    if failed:
        print("Nothing was loaded: fix the rows above and load again.", file=sys.stderr)
    return failed


def cmd_load(args: argparse.Namespace) -> int:
    """Validate every file, then load them as one transaction (or nothing at all)."""
    from intake.consent import lines_needing_consent
    from intake.dry_run import load_preview, preview_lines
    from intake.loader import commit_all, validate_files
    from settings.access import acting_as, operator
    from store.clock import LoadedAtError, parsed_loaded_at
    from store.database import LoadBusyError

    settings = settings_for(args.db)
    files = _read(args.files)
    if isinstance(files, str):
        return fail(f"{files}: no such file", 2)
    try:
        loaded_at = parsed_loaded_at(args.loaded_at, dt.datetime.now()) if args.loaded_at else None
    except LoadedAtError as exc:
        return fail(exc, 2)
    checked = validate_files(files, settings)
    refused = [] if args.redefine else lines_needing_consent(checked, settings)
    if getattr(args, "dry_run", False):
        document = load_preview(checked, settings, refused)
        emit(document, getattr(args, "json", False), preview_lines)
        return 0 if document["would_load"] else 1
    if refused:
        return _consent_refused(refused)
    if _problems_shown(checked):
        return 1
    try:
        with acting_as(operator(args.user)):  # the command line runs as the machine's operator
            results = commit_all(
                checked, settings, args.user or getpass.getuser(), loaded_at=loaded_at
            )
    except LoadBusyError as exc:
        return fail(exc, 3)
    except LoadedAtError as exc:  # the clock moved back while the files were checked
        return fail(exc, 2)
    for result in results:
        print(result.message)
    return 0
