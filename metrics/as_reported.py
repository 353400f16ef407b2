"""What "as reported on" means when the date is before anything was loaded."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from metrics.periods import day_label


def before_first_load(loads: pd.DataFrame, as_of: dt.date | None) -> str | None:
    """A plain sentence when `as_of` falls before the first load, else None.

    Without it a date before the first load looked like an empty database ("no figures yet").
    """
    if as_of is None or loads is None or loads.empty:
        return None
    first = pd.Timestamp(loads["loaded_at"].min())
    if first.date() <= as_of:
        return None
    return (
        f"Nothing had been loaded by {day_label(as_of)}: the first load was on "
        f"{day_label(first)}. Choose an “As reported on” date on or after it, or clear the date "
        "to see the figures as they stand now."
    )
