"""Read the hand-editable demo catalogue in `data/demo_source/*.csv` (see its README).

The generator's inputs are data, not code: a measure, a knot of its series, a target, a
waiting list or an action is one CSV row. Cells are read exactly; a blank is "none".
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from demo import csvfiles
from demo.bands import Band, WaitingList
from metrics.vocab import Frequency, Polarity, ToleranceType, Unit
from settings.config import PROJECT_ROOT

SOURCE_DIR = PROJECT_ROOT / "data" / "demo_source"


def read_rows(name: str, directory: Path = SOURCE_DIR) -> list[dict[str, str]]:
    """Every row of one source file, in file order."""
    return csvfiles.read_rows(directory / name)


class Spec(BaseModel):
    """How one demo measure is described and generated: one row of measures.csv, by column."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    measure_id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    priority_id: str = Field(min_length=1)
    director: str
    portfolio_holder: str
    frequency: Frequency
    polarity: Polarity
    unit: Unit
    tolerance: float = Field(ge=0)
    tolerance_type: ToleranceType
    noise: float = Field(ge=0)  # relative sd of the smooth noise
    decimals: int = Field(ge=0)
    ytd: Literal["snapshot", "sum", "mean"]
    key_measure: bool
    quality_statements: str
    description: str
    source: str
    improvement_plan: str  # used in the rows where the measure is off target
    knots: dict[str, float] = Field(default_factory=dict)  # YYYY-MM -> value
    targets: dict[str, float] = Field(default_factory=dict)  # financial year -> target

    @field_validator("key_measure", mode="before")
    @classmethod
    def _yes_or_blank(cls, value: object) -> object:
        return {"yes": True, "": False}.get(value, value) if isinstance(value, str) else value


def _spec(row: dict[str, str], line: int, knots: dict, targets: dict) -> Spec:
    """One catalogue row as a Spec, or an error naming the file, row and problem."""
    mine = {
        "knots": knots.get(row["measure_id"], {}),
        "targets": targets.get(row["measure_id"], {}),
    }
    try:
        return Spec.model_validate(row | mine)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ValueError(f"measures.csv, row {line}: {problems}") from None


def catalogue(directory: Path = SOURCE_DIR) -> tuple[Spec, ...]:
    """The demo measures in catalogue order, with their knots and targets."""
    knots: dict[str, dict[str, str]] = {}
    for row in read_rows("knots.csv", directory):
        knots.setdefault(row["measure_id"], {})[row["period"]] = row["value"]
    targets: dict[str, dict[str, str]] = {}
    for row in read_rows("targets.csv", directory):
        targets.setdefault(row["measure_id"], {})[row["financial_year"]] = row["target"]
    rows = read_rows("measures.csv", directory)
    # Row numbers as Excel shows them: the header is row 1.
    return tuple(_spec(row, n, knots, targets) for n, row in enumerate(rows, start=2))


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
