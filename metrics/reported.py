"""Statuses as the council reported them: parsing the words officers type, and the status used.

The report is a set of judged statuses. Most follow the RAG rule; some do not (an officer
rates a measure Amber although it is on target). Both are kept: `computed_status` is the rule,
`reported_status` the judgement, and `status` (the one every page, export and count uses) is
the reported one where given, else the computed one.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from metrics.vocab import STATUSES, status_label

#: Why there is no figure: the council's Table 1 counts these two kinds apart.
NO_DATA_REASONS = ("data_unavailable", "none_received")
NO_DATA_REASON_WORD = {
    "data_unavailable": "Data unavailable",
    "none_received": "None received (e.g. no complaints received)",
}

_STATUS_WORDS = {
    "green": "green",
    "g": "green",
    "★": "green",
    "★ green": "green",
    "amber": "amber",
    "a": "amber",
    "●": "amber",
    "● amber": "amber",
    "red": "red",
    "r": "red",
    "▲": "red",
    "▲ red": "red",
    "monitoring": "monitoring",
    "monitoring only": "monitoring",
    "monitoring_only": "monitoring",
    "n/a": "monitoring",
    "n/a monitoring": "monitoring",
    "no_data": "no_data",
    "no data": "no_data",
    "?": "no_data",
    "? no data": "no_data",
    "data unavailable": "no_data",
    "data missing": "no_data",
}

_REASON_WORDS = {
    "data_unavailable": "data_unavailable",
    "data unavailable": "data_unavailable",
    "data missing": "data_unavailable",
    "unavailable": "data_unavailable",
    "none_received": "none_received",
    "none received": "none_received",
    "no complaints received": "none_received",
    "no complaint received": "none_received",
    "no complaints": "none_received",
}


def _key(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = " ".join(str(value).strip().lower().replace("-", " ").split())
    return text or None


def parse_reported_status(value: Any) -> str | None:
    """'★', 'Green', 'Monitoring only', 'n/a', 'Data unavailable' … as a status code; blank is None."""
    key = _key(value)
    if key is None:
        return None
    if key in _STATUS_WORDS:
        return _STATUS_WORDS[key]
    raise ValueError(
        "must be a status: green, amber, red, monitoring, no_data (or ★ ● ▲, n/a, "
        f"'Monitoring only', 'Data unavailable'), got {str(value)[:40]!r}"
    )


def parse_no_data_reason(value: Any) -> str | None:
    """'Data unavailable' or 'no complaints received' as data_unavailable / none_received."""
    key = _key(value)
    if key is None:
        return None
    if key in _REASON_WORDS:
        return _REASON_WORDS[key]
    raise ValueError(
        "must be data_unavailable or none_received (e.g. 'no complaints received'), "
        f"got {str(value)[:40]!r}"
    )


def check_reason(actual: float | None, reported: str | None, reason: str | None) -> None:
    """A no-data reason belongs to a row with no figure; say so rather than guess which is wrong."""
    if reason is None:
        return
    if reported not in (None, "no_data"):
        raise ValueError(
            f"no_data_reason '{reason}' given, but reported_status is '{reported}': "
            "a reason is only for a measure with no data"
        )
    if actual is not None and reported is None:
        raise ValueError(
            f"no_data_reason '{reason}' given, but actual holds a figure: leave actual blank "
            "(or set reported_status to no_data)"
        )


def status_used(computed: pd.Series, reported: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The status every page uses (reported where given, else computed) and where it came from."""
    given = reported.notna().to_numpy()
    used = np.where(given, reported.astype(object), computed.astype(object))
    source = np.where(given, "reported", "computed")
    return (
        pd.Series(used, index=computed.index, dtype=object),
        pd.Series(source, index=computed.index, dtype=object),
    )


def no_data_kind(status: pd.Series, reason: pd.Series) -> pd.Series:
    """For a no-data status: its reason, blank reasons counting as data unavailable; else None."""
    out = reason.where(reason.notna(), "data_unavailable").astype(object)
    return out.where(status.eq("no_data"), None)


def disagreement(reported: object, computed: object, note: object, ytd: bool = False) -> str | None:
    """'Reported ★ Green · rule gives ▲ Red: <note>' when the two differ, else None."""
    if not isinstance(reported, str) or not isinstance(computed, str) or reported == computed:
        return None
    lead = "YTD reported" if ytd else "Reported"
    text = f"{lead} {status_label(reported)} · rule gives {status_label(computed)}"
    if isinstance(note, str) and note.strip():
        text += f": {note.strip()}"
    return text


def disagreements(reporting: pd.DataFrame) -> list[str]:
    """Every measure in `reporting` whose reported status differs from the rule's, as lines."""
    lines = []
    for row in reporting.itertuples(index=False):
        text = disagreement(
            getattr(row, "reported_status", None),
            getattr(row, "computed_status", None),
            getattr(row, "status_note", None),
        )
        if text:
            lines.append(f"{row.measure_id}: {text}")
    return lines


assert set(_STATUS_WORDS.values()) == set(STATUSES)
