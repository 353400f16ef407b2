"""The months a measure reports in, kept on the catalogue so a figure's period is checked, not guessed.

`reporting_months` on measures.csv lists them (`Mar;Jun;Sep;Dec`). Blank means the council's
usual cadence: quarterly Jun/Sep/Dec/Mar, biannual Sep/Mar, annual Mar, monthly every month.
A bimonthly measure has no usual months, so it must say which (every second month from its
first period, e.g. `Jan;Mar;May;Jul;Sep;Nov`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Sequence

from metrics.periods import MONTH_ABBR, MONTH_NAMES
from metrics.vocab import FREQUENCY_MONTHS

MONTHS = MONTH_ABBR
#: From a month (None: from the first period) on, the months a measure reports in.
Segment = tuple[dt.date | None, tuple[int, ...]]

DEFAULT_MONTHS: dict[str, tuple[int, ...] | None] = {
    "monthly": tuple(range(1, 13)),
    "bimonthly": None,
    "quarterly": (3, 6, 9, 12),
    "biannual": (3, 9),
    "annual": (3,),
}


def months_text(months: tuple[int, ...]) -> str:
    """The stored form, e.g. `Mar;Jun;Sep;Dec`."""
    return ";".join(MONTHS[m - 1] for m in sorted(months))


def months_words(months: tuple[int, ...]) -> str:
    """For messages: `Mar, Jun, Sep and Dec`."""
    names = [MONTHS[m - 1] for m in sorted(months)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_FULL = [name.lower() for name in MONTH_NAMES]


def _month(token: str) -> int:
    token = token.strip().lower()
    if token.isdigit() and 1 <= int(token) <= 12:
        return int(token)
    for number, full in enumerate(_FULL, start=1):
        if len(token) >= 3 and full.startswith(token):
            return number
    raise ValueError(f"{token!r} is not a month: write months as Jan, Feb, … or 1-12")


def resolve(frequency: str, written: str | None) -> tuple[int, ...]:
    """The reporting months of a measure, or ValueError saying what to write."""
    step = FREQUENCY_MONTHS[frequency]
    if written is None or not written.strip():
        default = DEFAULT_MONTHS[frequency]
        if default is None:
            raise ValueError(
                "is required for a bimonthly measure: list the months it reports in, every "
                "second month from its first period, e.g. Jan;Mar;May;Jul;Sep;Nov"
            )
        return default
    months = tuple(sorted({_month(t) for t in re.split(r"[;,/\s]+", written.strip()) if t}))
    expected = 12 // step
    spaced = all((b - a) == step for a, b in itertools.pairwise(months))
    if len(months) != expected or not spaced:
        raise ValueError(
            f"a {frequency} measure reports in {expected} month(s) {step} month(s) apart, "
            f"got {written[:60]!r}"
        )
    return months


def fits(months: tuple[int, ...], month: int) -> bool:
    """True when a figure for this calendar month belongs to the measure's cadence."""
    return month in months


def months_in_force(segments: Sequence[Segment], period: dt.date) -> tuple[int, ...]:
    """The reporting months of the definition in force for `period` (segments in start order)."""
    months = segments[0][1]
    for start, segment_months in segments:
        if start is None or start <= period:
            months = segment_months
    return months
