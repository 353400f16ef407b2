"""Deterministic generator of the illustrative demo data, anchored on published figures.

Every series passes exactly through the published points in `data/reference/anchors.csv`
(Oxfordshire County Council scrutiny reports 2023-2025); everything between them is
synthetic, seeded, and labelled as illustrative on every page. The catalogue it reads is
`data/demo_source/*.csv`; it writes `data/demo/*.csv`, which the app loads.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

from demo.comparators import comparator_rows
from demo.csvfiles import write_rows
from demo.families import build_families
from demo.finance import finance_files
from demo.plan import write_plan_files
from demo.restatements import restatements
from demo.risks import risk_rows
from demo.series import periods, rows_for, series
from demo.source import catalogue, priorities, waiting_list_rows
from intake.kinds import columns_of
from settings.config import DEMO_DIR
from store.reference import load_anchors

SEED = 20240930

#: Files this generator writes, and the kind of each (hand-made demo CSVs are not listed).
GENERATED = {
    "measures.csv": "measures",
    "returns.csv": "returns",
    "returns_restated.csv": "returns",
    "risks.csv": "risks",
    "comparators.csv": "comparators",
    "waiting_lists.csv": "waiting_lists",
    "finance.csv": "finance",
}


def _measure_rows() -> list[dict[str, str]]:
    """measures.csv: the catalogue in the loader's columns."""
    names = priorities()
    return [
        {
            "measure_id": s.measure_id,
            "name": s.name,
            "priority_id": s.priority_id,
            "priority_name": names[s.priority_id],
            "director": s.director,
            "portfolio_holder": s.portfolio_holder,
            "frequency": s.frequency,
            # Bimonthly has no usual months: the demo's report in odd months (see periods).
            "reporting_months": "Jan;Mar;May;Jul;Sep;Nov" if s.frequency == "bimonthly" else "",
            "polarity": s.polarity,
            "unit": s.unit,
            "tolerance": f"{s.tolerance:g}",
            "tolerance_type": s.tolerance_type,
            "description": s.description,
            "source": s.source,
            "quality_statements": s.quality_statements,
            "key_measure": "yes" if s.key_measure else "",
        }
        for s in catalogue()
    ]


def generate(rng_seed: int = SEED) -> dict[str, list[dict[str, str]]]:
    """All demo rows, by file name; the same seed always gives the same rows."""
    rng = np.random.default_rng(rng_seed)
    anchors = load_anchors()
    anchors = anchors[anchors["kind"].isin(["anchor", "derived"])]
    specs = catalogue()
    values: dict[str, np.ndarray] = {}
    months_of: dict[str, list[dt.date]] = {}
    for spec in specs:
        months = periods(spec.frequency)
        months_of[spec.measure_id] = months
        if spec.knots:
            mine = anchors[anchors["measure_id"] == spec.measure_id]
            values[spec.measure_id] = series(
                spec,
                months,
                dict(zip(mine["period"], mine["value"].astype(float), strict=True)),
                rng,
            )
    # Money is reported to the nearest £1,000, as in the council's Table 13.
    values["ASC-FN01"] = np.round(values["ASC-FN01"], -3)
    monthly = periods("monthly")
    team_rows, _pieces = build_families(values, monthly, rng)

    returns: list[dict[str, str]] = []
    for spec in specs:
        returns.extend(rows_for(spec, values[spec.measure_id], months_of[spec.measure_id]))
    returns.extend(team_rows)
    blank = dict.fromkeys(columns_of("returns"), "")
    returns = [blank | row for row in returns]

    out = {
        "measures.csv": _measure_rows(),
        "returns.csv": returns,
        "returns_restated.csv": restatements(returns, values, monthly, rng_seed),
        "risks.csv": risk_rows(),
        "comparators.csv": comparator_rows(rng, rng_seed),
        "waiting_lists.csv": waiting_list_rows(),
    }
    out.update(finance_files(values, months_of["ASC-FN01"]))
    return out


def write_demo_files(directory: Path = DEMO_DIR) -> list[Path]:
    """Write the demo CSVs (UTF-8, contract columns) and return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written = [
        write_rows(directory / name, columns_of(GENERATED[name]), rows)
        for name, rows in generate().items()
    ]
    return written + write_plan_files(directory)
