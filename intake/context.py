"""What the row rules check against: the catalogue, the ids held, team spellings, and the hooks' types.

Built once per file from the database plus every earlier file of the same load, so a link or
a figure is judged against the whole load, whatever order the files were named in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from intake.held import Held
from intake.plan_rules import KnownIds
from metrics.cadence import resolve
from settings.config import Settings
from store.database import read_connection

#: A problem with one row: (column, the value as shown, the reason).
Problem = tuple[str, str | None, str]
#: A problem a file rule finds: (sheet, row, column, the value as shown, the reason).
RowProblem = tuple[str, int, str, str | None, str]

CATALOGUE_COLUMNS = ["measure_id", "unit", "polarity", "frequency", "reporting_months"]


@dataclass(frozen=True)
class RowContext:
    """What the row rules check against: the catalogue, ids held, team spellings and links."""

    known: dict[str, tuple[str, str, str, tuple[int, ...]]]  # unit, polarity, frequency, months
    held_ids: dict[str, str]
    by_case: dict[str, str]
    teams: dict[str, str]
    links: KnownIds = field(default_factory=KnownIds)
    #: What the kind checks compare with: held rows plus the measures of this load.
    held: Held = field(default_factory=Held.nothing)


@dataclass
class RowCheck:
    """One validated row as the kind's row rules see it.

    A rule returns its problems; it may replace `row` (e.g. a team name mapped to the spelling
    held) and append to `notes` (values normalised) or `warnings` (loaded, but worth a word).
    """

    kind: str
    row: Any
    cells: dict[str, Any]
    context: RowContext
    comma_risk: bool = False
    notes: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


#: A kind's row rule: called for each row that passed its model, in declaration order.
RowRule = Callable[[RowCheck], list[Problem]]
#: A kind's file rule: called once with the kind's accepted rows of one file (columns of the
#: model plus `_sheet` and `_row`); each problem it returns refuses that row.
FileRule = Callable[[pd.DataFrame, RowContext], list[RowProblem]]


def catalogue(settings: Settings) -> pd.DataFrame:
    """The latest definition of every measure held, with its cadence (blank = usual months)."""
    if not settings.db_path.exists():
        return pd.DataFrame(columns=CATALOGUE_COLUMNS)
    with read_connection(settings.db_path) as con:
        held = {
            r[0]
            for r in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = 'measures'"
            ).fetchall()
        }
        months = "reporting_months" if "reporting_months" in held else "NULL AS reporting_months"
        frame = con.execute(
            f"SELECT measure_id, unit, polarity, frequency, {months} FROM measures "  # noqa: S608
            "QUALIFY row_number() OVER (PARTITION BY measure_id ORDER BY version DESC) = 1"
        ).df()
    return frame[CATALOGUE_COLUMNS]


def held_teams(settings: Settings) -> dict[str, str]:
    """Team names held, keyed ignoring case and spaces, so 'north  east' maps to 'North East'."""
    if not settings.db_path.exists():
        return {}
    with read_connection(settings.db_path) as con:
        rows = con.execute(
            "SELECT team, count(*) AS n FROM snapshots WHERE team <> '' GROUP BY team "
            "ORDER BY n DESC, team"
        ).fetchall()
    found: dict[str, str] = {}
    for team, _ in rows:
        found.setdefault(team_key(str(team)), str(team))
    return found


def team_key(name: str) -> str:
    """A team name with case and spacing ignored."""
    return "".join(name.split()).casefold()


def row_context(
    frames: list[pd.DataFrame],
    held_ids: dict[str, str],
    teams: dict[str, str],
    links: KnownIds | None = None,
    held: Held | None = None,
) -> RowContext:
    """The catalogue as the rules need it: unit, polarity, frequency and months per measure."""
    nonempty = [f.reindex(columns=CATALOGUE_COLUMNS) for f in frames if len(f)]
    known = (
        pd.concat(nonempty).drop_duplicates("measure_id", keep="last").set_index("measure_id")
        if nonempty
        else pd.DataFrame(columns=CATALOGUE_COLUMNS[1:])
    )
    facts: dict[str, tuple[str, str, str, tuple[int, ...]]] = {}
    for measure_id, unit, polarity, frequency, written in known[
        ["unit", "polarity", "frequency", "reporting_months"]
    ].itertuples():
        try:
            months = resolve(str(frequency), None if pd.isna(written) else str(written))
        except (ValueError, KeyError):
            months = tuple(range(1, 13))
        facts[str(measure_id)] = (str(unit), str(polarity), str(frequency), months)
    return RowContext(
        known=facts,
        held_ids=held_ids,
        by_case={str(m).casefold(): str(m) for m in known.index},
        teams=teams,
        links=links if links is not None else KnownIds(frozenset(facts)),
        held=held if held is not None else Held.nothing(),
    )
