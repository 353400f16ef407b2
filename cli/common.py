"""What every command shares: settings from --db, error lines, JSON-or-table output."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from metrics.periods import parse_period
from settings.config import get_settings

if TYPE_CHECKING:
    from settings.config import Settings
    from store.service import Dataset


def fail(problem: object, code: int) -> int:
    """Say what went wrong on stderr, as `error: ...`, and give the exit code."""
    print(f"error: {problem}", file=sys.stderr)
    return code


def emit(document: dict, as_json: bool, table: Callable[[dict], list[str]]) -> int:
    """Print a command's document: as JSON with --json, as a short table otherwise."""
    print(json.dumps(document, indent=2) if as_json else "\n".join(table(document)))
    return 0


def settings_for(db: str | None) -> Settings:
    """Settings from the environment, with --db taking precedence."""
    settings = get_settings()
    if db:
        settings = settings.model_copy(update={"db_path": Path(db)})
    return settings


def period_and_data(args: argparse.Namespace) -> tuple[dt.date, Dataset, Settings] | None:
    """Parse --period/--as-of and read the database; print the reason and return None if not."""
    from metrics.as_reported import before_first_load
    from store.database import DatabaseMissingError
    from store.service import load_dataset

    settings = settings_for(args.db)
    try:
        period = parse_period(args.period)
        as_of = dt.date.fromisoformat(args.as_of) if args.as_of else None
        data = load_dataset(settings.db_path, as_of)
        too_early = before_first_load(data.loads, as_of)
        if too_early:
            raise ValueError(too_early)
        return period, data, settings
    except (ValueError, DatabaseMissingError) as exc:
        fail(exc, 2)
        return None
