"""When a load is recorded as made: one rule for the Data page and the command line.

Every "as reported on" view reads loads by `loaded_at`, so a load stamped in the future would
hide itself from today's views and then appear unannounced; a back-filled one is fine.
"""

from __future__ import annotations

import datetime as dt


class LoadedAtError(ValueError):
    """A load time that cannot be recorded; the message says why in one line."""


def checked_loaded_at(when: dt.datetime | None, now: dt.datetime) -> dt.datetime:
    """The time to record for a load: `now` when none is given; a time after `now` is refused.

    A time with a UTC offset is turned into local time, as `now` and the stored times are.
    """
    if when is None:
        return now
    if when.tzinfo is not None:
        when = when.astimezone().replace(tzinfo=None)
    if when > now:
        raise LoadedAtError(
            f"--loaded-at {when:%Y-%m-%d %H:%M} is in the future (it is now "
            f"{now:%Y-%m-%d %H:%M}): a load can be back-dated, never dated ahead."
        )
    return when


def parsed_loaded_at(text: str, now: dt.datetime) -> dt.datetime:
    """`--loaded-at` as written (a date or an ISO date-time), checked by `checked_loaded_at`."""
    try:
        when = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise LoadedAtError(
            "--loaded-at: expected a date or date-time like 2025-11-14 or 2025-11-14T09:00, "
            f"got {text!r}"
        ) from None
    return checked_loaded_at(when, now)
