"""An event row's own rule: the measure it names. Its date and yes/no are intake.fields' types."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from intake.fields import by_case, known_id_problem
from intake.fields import event_day as parse_event_date
from intake.fields import yes_no as parse_yes_no

__all__ = ["event_rules", "parse_event_date", "parse_yes_no"]


def event_rules(row: Any, known: Iterable[str]) -> list[tuple[str, str | None, str]]:
    """An event names a known measure (`known`: the catalogue's ids), or none (blank: it
    applies to every measure); an id is matched by intake.fields' one rule."""
    if not row.measure_id or row.measure_id in known:
        return []
    reason = known_id_problem(
        row.measure_id,
        by_case(known),
        "measure_id",
        "add it to measures first, or leave it blank for an event that applies to every measure",
    )
    return [("measure_id", row.measure_id, str(reason))]
