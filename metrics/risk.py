"""Strategic risk scoring: likelihood x impact, rating bands and direction of travel."""

from __future__ import annotations

import numpy as np
import pandas as pd

from metrics.rag import movement
from metrics.vocab import STATUS_SYMBOL, status_label

RISK_RATINGS = ("green", "amber", "red")
#: The highest score on the 5 x 5 matrix.
MAX_SCORE = 25


def risk_score(likelihood: pd.Series | int, impact: pd.Series | int) -> pd.Series | int:
    """Score = likelihood x impact, each 1-5 (so 1-25)."""
    return likelihood * impact


def risk_rating(score: pd.Series, amber_from: int = 9, red_from: int = 16) -> pd.Series:
    """Green up to 8, amber 9-15, red from 16 by default (the council's Sep 2024 bands)."""
    values = pd.to_numeric(score, errors="coerce").to_numpy(dtype=float)
    rating = np.where(values >= red_from, "red", np.where(values >= amber_from, "amber", "green"))
    rating = rating.astype(object)
    rating[np.isnan(values)] = None  # no score, no rating
    return pd.Series(rating, index=score.index, dtype=object)


def band_ranges(amber_from: int = 9, red_from: int = 16) -> dict[str, str]:
    """Score range of each band in words, e.g. {"green": "1–8", ...}, for legends and captions."""
    return {
        "green": f"1–{amber_from - 1}",
        "amber": f"{amber_from}–{red_from - 1}",
        "red": f"{red_from}–{MAX_SCORE}",
    }


def band_label(band: str, amber_from: int = 9, red_from: int = 16) -> str:
    """A rating band as shape, word and score range ("★ Green (1–8)"), never colour alone."""
    return f"{status_label(band)} ({band_ranges(amber_from, red_from)[band]})"


def cell_label(band: str, score: int) -> str:
    """A matrix cell's own text: the band's shape and the score ("▲ 16")."""
    return f"{STATUS_SYMBOL[band]} {score}"


def risk_direction(current: pd.Series, previous: pd.Series) -> pd.Series:
    """Lower residual score than last month is improving; no previous month is not comparable."""
    cur = pd.to_numeric(current, errors="coerce")
    prev = pd.to_numeric(previous, errors="coerce")
    out = np.where(cur < prev, "improving", np.where(cur > prev, "worsening", "no_change"))
    out = np.where(cur.isna() | prev.isna(), "not_comparable", out)
    return pd.Series(out, index=cur.index, dtype=object)


def risk_register(
    assessments: pd.DataFrame, period: pd.Timestamp, amber_from: int = 9, red_from: int = 16
) -> pd.DataFrame:
    """The register for one month: inherent, previous and current residual, target, rating, DoT."""
    frame = risk_history(assessments).sort_values(["risk_id", "period"])
    same = frame["risk_id"].eq(frame["risk_id"].shift())
    consecutive = same & (frame["period"] - pd.DateOffset(months=1)).eq(frame["period"].shift())
    frame["previous_residual_score"] = frame["residual_score"].shift().where(consecutive)
    frame["previous_residual_likelihood"] = frame["residual_likelihood"].shift().where(consecutive)
    frame["previous_residual_impact"] = frame["residual_impact"].shift().where(consecutive)
    frame["rating"] = risk_rating(frame["residual_score"], amber_from, red_from)
    frame["inherent_rating"] = risk_rating(frame["inherent_score"], amber_from, red_from)
    frame["direction"] = risk_direction(frame["residual_score"], frame["previous_residual_score"])
    frame["movement"] = movement(frame["residual_score"], frame["previous_residual_score"])
    current = frame[frame["period"] == pd.Timestamp(period)]
    return current.reset_index(drop=True)


def risk_history(assessments: pd.DataFrame) -> pd.DataFrame:
    """Every month of every risk with its scores, for the history chart."""
    frame = assessments.copy()
    frame["inherent_score"] = risk_score(frame["inherent_likelihood"], frame["inherent_impact"])
    frame["residual_score"] = risk_score(frame["residual_likelihood"], frame["residual_impact"])
    frame["target_score"] = risk_score(frame["target_likelihood"], frame["target_impact"])
    return frame
