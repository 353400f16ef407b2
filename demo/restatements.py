"""Jan 2025's Care Act waiting list: first returned as 286, later restated as 547 (both published)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from demo.families import family_month, family_team_rows, waits_at
from demo.source import waiting_lists
from metrics.periods import period_key

#: The two published figures for Jan 2025 and where each was published.
FIRST_JAN_2025, RESTATED_JAN_2025 = 286, 547
_RESTATED_TEXT = (
    "Restated from 286 to 547. Two figures were published for January 2025: 286 people "
    "waiting for a Care Act assessment (CQC assessment report, Sep 2025) and 547 (People "
    "Overview & Scrutiny, Nov 2025). The reason for the difference is not given in either "
    "document."
)
_FIRST_TEXT = (
    "Illustrative figure: 286 people waiting, as published in the CQC assessment report (Sep 2025)."
)


def restatements(
    returns: list[dict[str, str]],
    values: dict[str, np.ndarray],
    months: list[dt.date],
    seed: int,
) -> list[dict[str, str]]:
    """Jan 2025: first returned as 286 (with bands and teams for 286), later restated as 547.

    returns.csv carries the first figure and a team and band breakdown that adds up to it;
    returns_restated.csv carries every row that changes when the list is 547.
    """
    family = waiting_lists()[0]
    i = next(k for k, m in enumerate(months) if period_key(m) == "2025-01")
    jan = "2025-01"
    first_values = {k: v.copy() for k, v in values.items()}
    first_values[family.roles["waiting"]][i] = FIRST_JAN_2025
    rng = np.random.default_rng(seed + 2025)
    waits = waits_at(family, first_values, i)
    counts, team_n, split = family_month(family, FIRST_JAN_2025, waits, rng)
    first_rows = {
        (r["measure_id"], r["team"]): r["actual"]
        for r in family_team_rows(family, months[i], team_n, split, first_values, i, rng)
    }
    first_rows[(family.roles["waiting"], "")] = str(FIRST_JAN_2025)
    for b, band in enumerate(family.bands):
        first_rows[(band.measure_id, "")] = str(int(counts[b]))
    out = []
    for row in returns:
        key = (row["measure_id"], row["team"])
        if row["period"] != jan or key not in first_rows or first_rows[key] == row["actual"]:
            continue
        restated = dict(row)
        row["actual"] = first_rows[key]
        if key == (family.roles["waiting"], ""):
            restated["commentary"] = _RESTATED_TEXT
            row["commentary"] = _FIRST_TEXT
        elif row["team"] == "":
            row["commentary"] = f"Illustrative figure: {int(row['actual']):,}."
        if row["team"] == "" and row["ytd_actual"]:
            row["ytd_actual"] = row["actual"]  # snapshot measures: YTD is the month's figure
        out.append(restated)
    return out
