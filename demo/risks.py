"""The demo's strategic risk register: monthly assessments, exact at the published Aug and Sep 2024."""

from __future__ import annotations

import csv
import datetime as dt

from demo.series import periods
from demo.source import read_rows
from metrics.periods import month_index, period_key
from settings.config import PROJECT_ROOT


def _risk_descriptions() -> dict[str, str]:
    path = PROJECT_ROOT / "data" / "reference" / "strategic_risks_sep2024.csv"
    with open(path, encoding="utf-8") as handle:
        return {f"SR{r['risk_id']}": r["description"] for r in csv.DictReader(handle)}


def risk_rows() -> list[dict[str, str]]:
    """Monthly assessments Apr 2023 - Oct 2025, exact at Aug and Sep 2024 (the published table)."""
    descriptions = _risk_descriptions()
    months = [m for m in periods("monthly") if m >= dt.date(2023, 4, 1)]
    aug, sep = dt.date(2024, 8, 1), dt.date(2024, 9, 1)
    rows = []
    for n, risk in enumerate(read_rows("risks.csv")):
        rid, name, owner, links = (
            risk["risk_id"],
            risk["name"],
            risk["owner"],
            risk["linked_measures"],
        )
        inherent, res_aug, res_sep, target = (
            (int(risk[f"{when}_likelihood"]), int(risk[f"{when}_impact"]))
            for when in ("inherent", "aug_2024", "sep_2024", "target")
        )
        for month in months:
            if month < aug:
                gap = (month_index(aug) - month_index(month)) // (6 + n % 4)
                residual = (min(5, res_aug[0] + min(gap, 1)), res_aug[1])
            elif month == aug:
                residual = res_aug
            elif month == sep:
                residual = res_sep
            else:
                later = (month_index(month) - month_index(sep)) // (5 + n % 5)
                residual = (max(target[0], res_sep[0] - min(later, 1)), res_sep[1])
            rows.append(
                {
                    "risk_id": rid,
                    "name": name,
                    "description": descriptions.get(rid, ""),
                    "owner": owner,
                    "period": period_key(month),
                    "inherent_likelihood": str(inherent[0]),
                    "inherent_impact": str(inherent[1]),
                    "residual_likelihood": str(residual[0]),
                    "residual_impact": str(residual[1]),
                    "target_likelihood": str(target[0]),
                    "target_impact": str(target[1]),
                    "controls": "Illustrative: controls reviewed monthly at Council Management Team.",
                    "actions": "Illustrative: mitigating actions in the directorate risk register.",
                    "linked_measures": links,
                }
            )
    return rows
