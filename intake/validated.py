"""What validating a file found: accepted rows by kind, and every rejection, warning and note."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import pandas as pd

from intake.kinds import KINDS
from metrics.periods import period_key


@dataclass(frozen=True)
class Issue:
    """One rejected (or warned) cell: where it is, what it held, and why."""

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    reason: str

    def describe(self) -> str:
        """One line naming file, sheet, row and column, for the CLI."""
        where = [self.file]
        if self.sheet and self.sheet != self.file:
            where.append(f"sheet {self.sheet}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        shown = f" (value {self.value!r})" if self.value not in (None, "") else ""
        return f"{', '.join(where)}: {self.reason}{shown}"


@dataclass
class ValidatedFile:
    """What a file would load: accepted rows by kind, and every rejection and warning."""

    file_name: str
    sha256: str
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    rejections: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    rows_total: int = 0
    detected: dict[str, str] = field(default_factory=dict)
    rejected_rows: set[tuple[str, int]] = field(default_factory=set)
    normalised: list[Issue] = field(default_factory=list)
    skipped_sheets: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every row passed and the file can be loaded whole."""
        return not self.rejections

    @property
    def rows_rejected(self) -> int:
        return len(self.rejected_rows)

    @property
    def rows_accepted(self) -> int:
        return sum(len(f) for f in self.frames.values())

    @property
    def kinds(self) -> list[str]:
        """Kinds with accepted rows, in load order."""
        return [k for k in KINDS if k in self.frames]

    def periods(self) -> list[str]:
        """Distinct periods touched, as YYYY-MM, for the load history."""
        found: set[str] = set()
        for frame in self.frames.values():
            if "period" in frame:
                months = pd.to_datetime(frame["period"].drop_duplicates())
                found.update(period_key(p) for p in months)
        return sorted(found)

    def refuse(self, sheet: str, row: int, column: str | None, value: str | None, why: str) -> None:
        """Refuse one row already accepted (a file or load rule found it wanting)."""
        self.rejections.append(Issue(self.file_name, sheet, row, column, value, why))
        self.rejected_rows.add((sheet, row))

    def drop_refused(self) -> None:
        """Take every refused row out of the accepted frames."""
        for kind, frame in list(self.frames.items()):
            refused = [
                (sheet, row) in self.rejected_rows
                for sheet, row in zip(frame["_sheet"], frame["_row"], strict=True)
            ]
            if any(refused):
                kept = frame[[not r for r in refused]].reset_index(drop=True)
                if len(kept):
                    self.frames[kind] = kept
                else:
                    del self.frames[kind]


def sha256_of(data: bytes) -> str:
    """Content hash: the same file loaded twice is recognised whatever its name."""
    return hashlib.sha256(data).hexdigest()
