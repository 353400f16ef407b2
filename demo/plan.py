"""Illustrative improvement-plan demo: 6 workstreams and 43 actions in the spirit of the Adult
Social Care Improvement Plan 2025–27, linked to demo measures, risks and CQC statements.

Hand-written rather than random, so the story is stable: a baseline loaded on 3 Nov 2025 and
the weekly meeting's update on 17 Nov 2025 (two actions closed, two escalated, one new, and
October's scores of two strategic risks revised).
Every workstream and progress note says it is illustrative. The plan itself is in
data/demo_source/workstreams.csv, actions.csv, action_updates.csv and risk_rescores.csv;
`python -m demo` rewrites data/demo/workstreams.csv, actions.csv, actions_update.csv and
risks_update.csv.
"""

from __future__ import annotations

import csv
from pathlib import Path

from demo.csvfiles import write_rows
from demo.source import read_rows
from intake.kinds import columns_of
from settings.config import DEMO_DIR

_NOTE = "Illustrative: "


def _action_dict(action: dict[str, str]) -> dict[str, str]:
    row = {column: action[column] for column in columns_of("actions")}
    if row["progress_note"]:
        row["progress_note"] = _NOTE + row["progress_note"]
    return row


def rows() -> dict[str, list[dict[str, str]]]:
    """The three demo files' rows, by file name."""
    workstreams = [
        {**w, "description": _NOTE + w["description"]} for w in read_rows("workstreams.csv")
    ]
    actions = read_rows("actions.csv")
    updates: dict[str, dict[str, str]] = {}
    for u in read_rows("action_updates.csv"):
        updates.setdefault(u["action_id"], {})[u["column"]] = u["value"]
    baseline = [_action_dict(a) for a in actions if a["stage"] == "baseline"]
    update = []
    for row in baseline:
        if row["action_id"] in updates:
            changed = dict(row)
            for column, value in updates[row["action_id"]].items():
                changed[column] = _NOTE + value if column == "progress_note" else value
            update.append(changed)
    update += [_action_dict(a) for a in actions if a["stage"] == "new_in_update"]
    return {"workstreams.csv": workstreams, "actions.csv": baseline, "actions_update.csv": update}


def risk_update(risks_csv: Path) -> tuple[list[str], list[dict[str, str]]]:
    """October 2025's assessment of SR04 and SR07 re-scored on 17 Nov 2025 (a new version)."""
    with open(risks_csv, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        fields = list(reader.fieldnames or [])
    latest = max(r["period"] for r in rows)
    #: The weekly meeting's risk re-scoring: risk -> change in residual likelihood.
    rescores = {r["risk_id"]: int(r["likelihood_change"]) for r in read_rows("risk_rescores.csv")}
    out = []
    for row in rows:
        if row["period"] == latest and row["risk_id"] in rescores:
            changed = dict(row)
            score = int(row["residual_likelihood"]) + rescores[row["risk_id"]]
            changed["residual_likelihood"] = str(min(5, max(1, score)))
            changed["controls"] = _NOTE + "re-scored at the weekly meeting on 17 Nov 2025."
            out.append(changed)
    return fields, out


def write_plan_files(directory: Path = DEMO_DIR) -> list[Path]:
    """Write the demo plan CSVs (UTF-8) and return their paths (after the demo's risks.csv)."""
    kinds = {"workstreams.csv": "workstreams"}
    written = [
        write_rows(directory / name, columns_of(kinds.get(name, "actions")), content)
        for name, content in rows().items()
    ]
    fields, rescored = risk_update(directory / "risks.csv")
    return [*written, write_rows(directory / "risks_update.csv", fields, rescored)]
