"""A status for each priority ("Status of Indicators"), by a stated rule, or as reported.

The council prints one symbol per priority but does not state its rule, so the app states its
own (RULE_TEXT, shown wherever the status is) and, like a measure's, a reported status from a
priority_statuses file is used where given, with the rule's shown beside it.
"""

from __future__ import annotations

import pandas as pd

from metrics.reported import status_used
from metrics.vocab import status_label

RULE_TEXT = (
    f"A priority is {status_label('red')} when more of its rated measures are Red than Green; "
    f"{status_label('amber')} when its Amber and Red measures together outnumber its Green "
    f"ones; otherwise {status_label('green')}. Rated measures are those with a Green, Amber "
    "or Red status (monitoring-only and no-data measures do not count); a priority with none "
    f"has {status_label('no_data')}. A status reported by the council is used where given."
)


def rule_status(green: int, amber: int, red: int) -> str:
    """The stated rule for one priority's counts of Green, Amber and Red measures."""
    if green + amber + red == 0:
        return "no_data"
    if red > green:
        return "red"
    if amber + red > green:
        return "amber"
    return "green"


def priority_statuses(
    reporting: pd.DataFrame,
    catalogue: pd.DataFrame,
    reported: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per priority in the catalogue: counts, the rule's status and the status used."""
    names = catalogue.drop_duplicates("priority_id").sort_values("priority_id")
    counts = pd.crosstab(reporting["priority_id"], reporting["status"])  # empty: no columns
    out = pd.DataFrame(
        {"priority_id": names["priority_id"].to_numpy(), "priority_name": names["priority_name"]}
    ).reset_index(drop=True)
    for status in ("green", "amber", "red", "monitoring", "no_data"):
        column = counts[status] if status in counts else pd.Series(dtype=int)
        out[status] = [int(column.get(p, 0)) for p in out["priority_id"]]
    out["measures"] = out[["green", "amber", "red", "monitoring", "no_data"]].sum(axis=1)
    out["computed_status"] = [
        rule_status(g, a, r) for g, a, r in zip(out["green"], out["amber"], out["red"], strict=True)
    ]
    out["reported_status"] = None
    out["status_note"] = None
    if reported is not None and len(reported) and len(reporting):
        period = pd.Timestamp(reporting["period"].iloc[0])
        mine = reported[reported["period"] == period].set_index("priority_id")
        out["reported_status"] = [mine["reported_status"].get(p) for p in out["priority_id"]]
        out["status_note"] = [mine["status_note"].get(p) for p in out["priority_id"]]
    out["status"], out["status_source"] = status_used(
        out["computed_status"], out["reported_status"]
    )
    return out
