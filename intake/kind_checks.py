"""Checks that look at all the rows of one kind at once: waiting lists, `replaces`, finance lines.

Each is a pure function of the accepted rows (a DataFrame with `_sheet` and `_row` columns) and
what the database already holds, returning the problems found, one per refused row. The loader
(or the registry of kinds) calls them after the rows have passed their own field types.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

import pandas as pd

from intake.fields import by_case, known_id_problem
from metrics.periods import month_label


class KindProblem(NamedTuple):
    """One refused row: where it is, the column and value at fault, and why."""

    sheet: str
    row: int
    column: str
    value: str | None
    reason: str


def _where(frame: pd.DataFrame) -> list[tuple[str, int]]:
    return list(zip(frame["_sheet"].astype(str), frame["_row"].astype(int), strict=True))


def _rows_words(rows: list[int]) -> str:
    return "row " + str(rows[0]) if len(rows) == 1 else "rows " + ", ".join(map(str, rows))


# --- waiting lists ---------------------------------------------------------------------------


def _days(value: Any) -> str:
    return f"{float(value):g}"


def waiting_list_problems(incoming: pd.DataFrame, held: pd.DataFrame) -> list[KindProblem]:
    """Each list has exactly one `waiting` measure, and every band runs from low to high.

    `held` is the latest row of each list held; an incoming row replaces the held row of the
    same list and measure, so a file may add a band to a list whose waiting measure is held.
    """
    problems: list[KindProblem] = []
    for sheet, row, start, end in zip(
        incoming["_sheet"],
        incoming["_row"],
        incoming["band_from_days"],
        incoming["band_to_days"],
        strict=True,
    ):
        if pd.notna(start) and pd.notna(end) and float(start) > float(end):
            problems.append(
                KindProblem(
                    str(sheet),
                    int(row),
                    "band_from_days",
                    _days(start),
                    f"the band starts at {_days(start)} days, after it ends at {_days(end)} days: "
                    "band_from_days must not be more than band_to_days",
                )
            )
    keys = set(zip(incoming["waiting_list"], incoming["measure_id"], strict=True))
    restated = [k in keys for k in zip(held["waiting_list"], held["measure_id"], strict=True)]
    kept = held.loc[~pd.Series(restated, index=held.index, dtype=bool)]
    for name, rows in incoming.groupby("waiting_list", sort=True):
        waiting = rows[rows["waiting_role"] == "waiting"]
        held_waiting = kept[(kept["waiting_list"] == name) & (kept["waiting_role"] == "waiting")]
        count = len(waiting) + len(held_waiting)
        if count == 1:
            continue
        if count == 0:
            reason = (
                f"waiting list '{name}' has no measure with waiting_role waiting (the number "
                "waiting, which its other measures describe): give exactly one"
            )
            at_fault = rows
        else:
            named = [f"'{m}'" for m in [*held_waiting["measure_id"], *waiting["measure_id"]]]
            reason = (
                f"waiting list '{name}' has {count} measures with waiting_role waiting "
                f"({', '.join(named)}"
                + (", one already held" if len(held_waiting) else "")
                + f"; {_rows_words(sorted(int(r) for r in waiting['_row']))} of this file): "
                "a list has exactly one"
            )
            at_fault = waiting
        problems += [
            KindProblem(sheet, row, "waiting_role", str(role), reason)
            for (sheet, row), role in zip(_where(at_fault), at_fault["waiting_role"], strict=True)
        ]
    return problems


# --- replaces --------------------------------------------------------------------------------


def replaces_problems(incoming: pd.DataFrame, held: Mapping[str, str | None]) -> list[KindProblem]:
    """A measure replaces a known other measure, and no chain of replacements loops.

    `held` maps each measure held to what its latest definition replaces (None for nothing);
    the incoming rows' `replaces` take the place of their held ones.
    """
    if "replaces" not in incoming:
        return []
    chain: dict[str, str | None] = dict(held)
    for measure_id, replaces in zip(incoming["measure_id"], incoming["replaces"], strict=True):
        chain[str(measure_id)] = None if pd.isna(replaces) else str(replaces)
    known = by_case(chain)
    problems: list[KindProblem] = []
    for (sheet, row), measure_id, replaces in zip(
        _where(incoming), incoming["measure_id"], incoming["replaces"], strict=True
    ):
        if pd.isna(replaces):
            continue
        measure, old = str(measure_id), str(replaces)
        if old == measure:
            problems.append(
                KindProblem(
                    sheet, row, "replaces", old, f"{measure} cannot replace itself: leave blank"
                )
            )
            continue
        unknown = known_id_problem(
            old, known, "measure", "a measure replaces one the catalogue holds or this load adds"
        )
        if unknown:
            problems.append(KindProblem(sheet, row, "replaces", old, f"replaces {unknown}"))
            continue
        loop = _loop_from(measure, chain)
        if loop:
            problems.append(
                KindProblem(
                    sheet,
                    row,
                    "replaces",
                    old,
                    f"replacements would form a cycle ({' → '.join(loop)}): a measure cannot "
                    "be replaced, directly or through others, by itself",
                )
            )
    return problems


def _loop_from(start: str, chain: Mapping[str, str | None]) -> list[str] | None:
    """The path back to `start` following `replaces`, or None when the chain ends."""
    path = [start]
    current = chain.get(start)
    while current is not None and len(path) <= len(chain):
        path.append(current)
        if current == start:
            return path
        if current in path[:-1]:
            return None  # a loop further down, reported on its own rows
        current = chain.get(current)
    return None


# --- finance ---------------------------------------------------------------------------------


def finance_line_problems(incoming: pd.DataFrame, held: pd.DataFrame) -> list[KindProblem]:
    """A month already held is restated whole: every service line it holds, or none.

    Otherwise a renamed line (`Home care` restated as `Home care and support`) would be summed
    with the old line it replaces, and the total overstated by the whole line. Retire a line by
    restating it with 0 budget and forecast.
    """
    if held.empty or incoming.empty:
        return []
    held_months = pd.to_datetime(held["period"])
    problems: list[KindProblem] = []
    for month, rows in incoming.groupby(pd.to_datetime(incoming["period"]), sort=True):
        held_lines = set(held.loc[held_months == month, "service_area"].astype(str))
        missing = sorted(held_lines - set(rows["service_area"].astype(str)))
        if not held_lines or not missing:
            continue
        shown = ", ".join(f"'{line}'" for line in missing)
        reason = (
            f"{month_label(month)} is already held with service line(s) {shown}, which this "
            f"file does not restate: a restated month gives every line held for it, or the "
            "lines would be summed twice. Restate each (with 0 budget and forecast if it is "
            "now part of another line)"
        )
        problems += [
            KindProblem(sheet, row, "service_area", str(area), reason)
            for (sheet, row), area in zip(_where(rows), rows["service_area"], strict=True)
        ]
    return problems
