"""The one loader behind the Data page and `python -m cli load`: several files, one load.

Every file is read first; files are checked in load order of the kinds they hold (measures and
risks before the rows that link to them), each against the database and the files checked
before it, so links resolve against the whole load whatever order the files were named in.
The same key given by two files of one load is refused, naming both. Then all are written in
one transaction (intake.commit), or none.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

import pandas as pd

from intake.commit import LoadResult, commit, commit_all, previous_load_of
from intake.kinds import KINDS, load_rank
from intake.validate import ReadFile, read_file, validate_file, validate_read
from intake.validated import Issue, ValidatedFile, sha256_of
from metrics.periods import period_key
from settings.config import Settings

__all__ = [
    "Issue",
    "LoadResult",
    "ValidatedFile",
    "commit",
    "commit_all",
    "load_files",
    "previous_load_of",
    "sha256_of",
    "validate_file",
    "validate_files",
]


def _first_kind(read: ReadFile) -> int:
    kinds = read.kinds()
    return min((load_rank(k) for k in kinds), default=len(KINDS))


def validate_files(files: Iterable[tuple[str, bytes]], settings: Settings) -> list[ValidatedFile]:
    """Check every file of one load; write nothing. Results come in load order (by kind)."""
    given = list(files)
    reads = [read_file(data, name, settings) for name, data in given]
    order = sorted(range(len(reads)), key=lambda i: _first_kind(reads[i]))
    checked: list[ValidatedFile] = []
    for index in order:
        checked.append(validate_read(reads[index], settings, earlier=checked))
    _recheck_waiting_lists([given[i] for i in order], checked, settings)
    refuse_keys_given_twice(checked)
    return checked


def _recheck_waiting_lists(
    files: list[tuple[str, bytes]], checked: list[ValidatedFile], settings: Settings
) -> None:
    """A waiting list may be split over files of one load, named in any order: each file with
    waiting-list rows is checked again with every other file of the load as held."""
    listed = [n for n, v in enumerate(checked) if "waiting_lists" in v.detected.values()]
    if len(listed) < 2:
        return
    for n in listed:
        name, data = files[n]
        others = [v for m, v in enumerate(checked) if m != n]
        checked[n] = validate_read(read_file(data, name, settings), settings, earlier=others)


def _shown_key(columns: list[str], key: tuple[object, ...]) -> str:
    """A key as a person writes it: periods as YYYY-MM, dates as YYYY-MM-DD, blanks left out."""
    parts = []
    for column, part in zip(columns, key, strict=True):
        if column == "period":
            parts.append(period_key(pd.Timestamp(part)))
        elif column == "date":
            parts.append(f"{pd.Timestamp(part):%Y-%m-%d}")
        elif part not in ("", None):
            parts.append(str(part))
    return ", ".join(parts)


def refuse_keys_given_twice(files: list[ValidatedFile]) -> None:
    """The same key in two files of one load is refused in the later file, naming both files.

    Only kinds that more than one file holds are walked: a file's own duplicates are refused
    as it is checked, and a 300,000-row return loaded alone keeps no key index (110 MB).
    """
    holding = Counter(kind for validated in files for kind in validated.frames)
    first: dict[tuple[str, tuple[object, ...]], tuple[str, int]] = {}
    for validated in files:
        for kind, frame in validated.frames.items():
            if holding[kind] < 2:
                continue
            key_columns = list(KINDS[kind].key)
            for values in frame[[*key_columns, "_sheet", "_row"]].itertuples(index=False):
                key = tuple(values[: len(key_columns)])
                sheet, row = str(values[-2]), int(values[-1])
                seen = first.get((kind, key))
                if seen is None:
                    first[(kind, key)] = (validated.file_name, row)
                    continue
                validated.refuse(
                    sheet,
                    row,
                    key_columns[0],
                    None,
                    f"{kind} key ({_shown_key(key_columns, key)}) is also given by {seen[0]} row {seen[1]}: "
                    f"{validated.file_name} and {seen[0]} cannot both be loaded in one load",
                )
        validated.drop_refused()
        validated.rejections.sort(key=lambda i: (i.sheet or "", i.row or 0))


def load_files(
    paths: Iterable[tuple[str, bytes]],
    settings: Settings,
    loaded_by: str,
    *,
    loaded_at: dt.datetime | None = None,
) -> tuple[list[ValidatedFile], list[LoadResult]]:
    """Validate every file of the load first, then load all in one transaction (or none)."""
    checked = validate_files(paths, settings)
    if any(not v.ok for v in checked):
        return checked, []
    return checked, commit_all(checked, settings, loaded_by, loaded_at=loaded_at)
