"""The Strategic risks page's tables: the register and the measures each risk links to."""

from __future__ import annotations

import pandas as pd

from metrics.periods import month_label
from metrics.vocab import direction_label, status_label
from plan.tables import latest_figures


def split_links(value: object) -> list[str]:
    """The ids in a `;`-separated links field (blank parts dropped)."""
    if not isinstance(value, str):
        return []
    return [part.strip() for part in value.split(";") if part.strip()]


def _score(value: object) -> object:
    """A score as a whole number, or None when the register has none."""
    return int(value) if pd.notna(value) else None


def target_words(value: object) -> str:
    """'target 6', or 'target not set' for a risk assessed without one (it is optional)."""
    return f"target {int(value)}" if pd.notna(value) else "target not set"


def register_table(register: pd.DataFrame) -> pd.DataFrame:
    """The register as shown: scores as whole numbers, rating and direction in symbols and words."""
    return pd.DataFrame(
        {
            "ID": register["risk_id"],
            "Risk": register["name"],
            "Inherent score": [_score(x) for x in register["inherent_score"]],
            "Previous residual": [_score(x) for x in register["previous_residual_score"]],
            "Current residual": [_score(x) for x in register["residual_score"]],
            "Residual L × I": [
                f"{int(lik)} × {int(imp)}"
                for lik, imp in zip(
                    register["residual_likelihood"], register["residual_impact"], strict=True
                )
            ],
            "Target score": [_score(x) for x in register["target_score"]],
            "Rating": [status_label(r) if isinstance(r, str) else "–" for r in register["rating"]],
            "Direction of travel": [
                direction_label(d, m)
                for d, m in zip(register["direction"], register["movement"], strict=True)
            ],
            "Owner": register["owner"],  # after the scores: they are what the meeting reads
            "Linked measures": [
                ", ".join(split_links(x)) or "–" for x in register["linked_measures"]
            ],
        }
    )


def linked_measures_table(
    links: list[str], statuses: pd.DataFrame, period: pd.Timestamp
) -> pd.DataFrame:
    """Each linked measure's latest figure up to the month (plan.tables)."""
    names = statuses.drop_duplicates("measure_id").set_index("measure_id")["name"]
    return latest_figures(
        links, statuses, period, names, nothing=f"Nothing reported by {month_label(period)}"
    )
