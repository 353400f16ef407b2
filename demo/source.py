"""Read the hand-editable demo catalogue in `data/demo_source/*.csv` (see its README).

The generator's inputs are data, not code: a measure, a knot of its series, a target, a
waiting list or an action is one CSV row. Cells are read exactly; a blank is "none".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from demo import csvfiles
from demo.bands import Band, WaitingList
from metrics.config import PROJECT_ROOT

SOURCE_DIR = PROJECT_ROOT / "data" / "demo_source"


def read_rows(name: str, directory: Path = SOURCE_DIR) -> list[dict[str, str]]:
    """Every row of one source file, in file order."""
    return csvfiles.read_rows(directory / name)


def _number(text: str) -> float | int:
    """An int where the cell is written as one, else a float: the literal as written."""
    return int(text) if text.lstrip("-").isdigit() else float(text)


@dataclass
class Spec:
    """How one demo measure is described and generated (one row of measures.csv)."""

    measure_id: str
    name: str
    priority: str
    director: str
    holder: str
    frequency: str
    polarity: str
    unit: str
    knots: dict[str, float]
    targets: dict[str, float] = field(default_factory=dict)  # financial year -> target
    tolerance: float = 0.05
    tolerance_type: str = "relative"
    noise: float = 0.03  # relative sd of the smooth noise
    decimals: int = 0
    ytd: str = "snapshot"  # snapshot | sum | mean
    description: str = ""
    source: str = "Illustrative (synthetic) series"
    plan: str = ""
    key_measure: bool = False
    quality_statements: str = ""


@cache
def catalogue() -> tuple[Spec, ...]:
    """The demo measures in catalogue order, with their knots and targets."""
    knots: dict[str, dict[str, float]] = {}
    for row in read_rows("knots.csv"):
        knots.setdefault(row["measure_id"], {})[row["period"]] = _number(row["value"])
    targets: dict[str, dict[str, float]] = {}
    for row in read_rows("targets.csv"):
        targets.setdefault(row["measure_id"], {})[row["financial_year"]] = _number(row["target"])
    return tuple(
        Spec(
            row["measure_id"],
            row["name"],
            row["priority_id"],
            row["director"],
            row["portfolio_holder"],
            row["frequency"],
            row["polarity"],
            row["unit"],
            knots.get(row["measure_id"], {}),
            targets.get(row["measure_id"], {}),
            _number(row["tolerance"]),
            row["tolerance_type"],
            noise=float(row["noise"]),
            decimals=int(row["decimals"]),
            ytd=row["ytd"],
            description=row["description"],
            source=row["source"],
            plan=row["improvement_plan"],
            key_measure=row["key_measure"] == "yes",
            quality_statements=row["quality_statements"],
        )
        for row in read_rows("measures.csv")
    )


def priorities() -> dict[str, str]:
    """priority_id -> the priority's name."""
    return {r["priority_id"]: r["priority_name"] for r in read_rows("priorities.csv")}


def ytd_rules() -> dict[str, str]:
    """measure_id -> snapshot | sum | mean (how each measure's year-to-date figure is made)."""
    return {s.measure_id: s.ytd for s in catalogue()}


def waiting_list_rows() -> list[dict[str, str]]:
    """The waiting-list catalogue as written to data/demo/waiting_lists.csv."""
    return read_rows("waiting_lists.csv")


@cache
def waiting_lists() -> tuple[WaitingList, ...]:
    """The waiting-list families, with the teams and referral level the generator uses."""
    families = {r["waiting_list"]: r for r in read_rows("waiting_list_families.csv")}
    roles: dict[str, dict[str, str]] = {}
    bands: dict[str, list[Band]] = {}
    names: dict[str, str] = {}
    breakdown: dict[str, str] = {}
    for row in waiting_list_rows():
        list_id = row["waiting_list"]
        names[list_id] = row["waiting_list_name"]
        if row["waiting_role"] == "band":
            hi = row["band_to_days"]
            band = Band(row["measure_id"], int(row["band_from_days"]), int(hi) if hi else None)
            bands.setdefault(list_id, []).append(band)
        else:
            roles.setdefault(list_id, {})[row["waiting_role"]] = row["measure_id"]
        if row["breakdown"]:
            breakdown[list_id] = row["breakdown"]
    out = []
    for list_id, name in names.items():
        family = families[list_id]
        level = family["referrals_a_month"]
        out.append(
            WaitingList(
                list_id,
                name,
                roles[list_id],
                tuple(bands.get(list_id, ())),
                tuple(family["teams"].split(";")) if family["teams"] else (),
                tuple(float(w) for w in family["team_weights"].split(";"))
                if family["team_weights"]
                else (),
                breakdown.get(list_id, "team"),
                int(level) if level else None,
            )
        )
    return tuple(out)
