"""`demo` and `restore`: regenerate the demo files, or put a backup back."""

from __future__ import annotations

import argparse
import getpass
import sys

from cli.common import fail, settings_for


def cmd_demo(args: argparse.Namespace) -> int:
    """Regenerate data/demo/*.csv and, with --build, a fresh demo database."""
    from demo.generate import write_demo_files
    from store.reference import build_demo_database

    for path in write_demo_files():
        print(f"wrote {path}")
    if args.build:
        settings = settings_for(args.db)
        if settings.db_path.exists():
            return fail(f"{settings.db_path} exists; remove it first", 2)
        build_demo_database(settings)
        print(f"built {settings.db_path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """List backups, or put one back by name (the same function as the Access page)."""
    from settings.access import operator
    from store.database import (
        LoadBusyError,
        RestoreError,
        list_backups,
        no_backups_message,
        restore_backup,
    )

    settings = settings_for(args.db)
    backups = list_backups(settings)
    if not args.backup:
        for path in backups:
            print(path.name)
        if not backups:
            print(no_backups_message(settings), file=sys.stderr)
        return 0
    try:
        who = args.user or getpass.getuser()
        chosen = restore_backup(settings, args.backup, who, acting=operator(who))
    except LoadBusyError as exc:
        return fail(exc, 3)
    except RestoreError as exc:
        return fail(exc, 2)
    print(f"restored {chosen.name} to {settings.db_path}")
    return 0
