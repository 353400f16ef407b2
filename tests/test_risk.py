"""metrics.risk: score = likelihood x impact, rating bands, direction and the monthly register."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from metrics.risk import risk_direction, risk_history, risk_rating, risk_register, risk_score
from settings.config import Settings


def test_score_is_likelihood_times_impact() -> None:
    assert risk_score(3, 4) == 12
    assert risk_score(5, 5) == 25
    assert risk_score(1, 1) == 1
    scores = risk_score(pd.Series([1, 2, 4]), pd.Series([5, 4, 4]))
    assert list(scores) == [5, 8, 16]


@pytest.mark.parametrize(
    ("score", "rating"),
    [(1, "green"), (8, "green"), (9, "amber"), (12, "amber"), (15, "amber"), (16, "red"),
     (20, "red"), (25, "red")],
)  # fmt: skip
def test_default_bands_green_to_8_amber_9_to_15_red_from_16(score: int, rating: str) -> None:
    assert list(risk_rating(pd.Series([score]))) == [rating]


def test_bands_are_configurable() -> None:
    scores = pd.Series([5, 6, 11, 12, 20])
    assert list(risk_rating(scores, amber_from=6, red_from=12)) == [
        "green",
        "amber",
        "amber",
        "red",
        "red",
    ]


def test_settings_default_bands_match_the_council() -> None:
    settings = Settings()
    assert (settings.risk_amber_from, settings.risk_red_from) == (9, 16)


def test_missing_score_has_no_rating_and_index_is_kept() -> None:
    rating = risk_rating(pd.Series([np.nan, 16.0], index=[10, 11]))
    assert rating.loc[10] is None
    assert rating.loc[11] == "red"


def test_direction_lower_is_improving() -> None:
    current = pd.Series([8, 16, 12, 12])
    previous = pd.Series([12, 12, 12, np.nan])
    assert list(risk_direction(current, previous)) == [
        "improving",
        "worsening",
        "no_change",
        "not_comparable",
    ]


def _assessments(rows: list[tuple]) -> pd.DataFrame:
    """Rows of (risk_id, 'YYYY-MM', residual_likelihood, residual_impact)."""
    return pd.DataFrame(
        [
            {
                "risk_id": rid,
                "period": pd.Timestamp(f"{period}-01"),
                "name": f"Risk {rid}",
                "description": "",
                "owner": "Owner",
                "inherent_likelihood": 5,
                "inherent_impact": 4,
                "residual_likelihood": rl,
                "residual_impact": ri,
                "target_likelihood": 2,
                "target_impact": 2,
                "controls": "",
                "actions": "",
                "linked_measures": "",
            }
            for rid, period, rl, ri in rows
        ]
    )


def test_register_previous_residual_is_the_previous_calendar_month_only() -> None:
    frame = _assessments(
        [
            ("R1", "2024-08", 3, 4),  # 12
            ("R1", "2024-09", 2, 4),  # 8: improving on August
            ("R2", "2024-07", 4, 4),  # July only: August missing
            ("R2", "2024-09", 4, 5),  # 20: previous month missing -> not comparable
            ("R3", "2024-09", 3, 3),  # first assessment
            ("R4", "2024-08", 2, 2),
            ("R4", "2024-09", 3, 3),  # 4 -> 9 worsening
            ("R4", "2024-10", 1, 1),  # a later month must not leak into September
        ]
    )
    register = risk_register(frame, pd.Timestamp("2024-09-01")).set_index("risk_id")
    assert list(register.index) == ["R1", "R2", "R3", "R4"]
    assert register.loc["R1", "residual_score"] == 8
    assert register.loc["R1", "previous_residual_score"] == 12
    assert register.loc["R1", "previous_residual_likelihood"] == 3
    assert register.loc["R1", "previous_residual_impact"] == 4
    assert register.loc["R1", "direction"] == "improving"
    assert register.loc["R1", "rating"] == "green"
    assert pd.isna(register.loc["R2", "previous_residual_score"])
    assert register.loc["R2", "direction"] == "not_comparable"
    assert register.loc["R2", "rating"] == "red"
    assert pd.isna(register.loc["R3", "previous_residual_score"])
    assert register.loc["R3", "direction"] == "not_comparable"
    assert register.loc["R3", "rating"] == "amber"
    assert register.loc["R4", "previous_residual_score"] == 4
    assert register.loc["R4", "direction"] == "worsening"
    assert register.loc["R4", "rating"] == "amber"
    assert (register["inherent_score"] == 20).all()
    assert (register["inherent_rating"] == "red").all()
    assert (register["target_score"] == 4).all()


def test_register_uses_configured_bands() -> None:
    frame = _assessments([("R1", "2024-09", 2, 4)])
    register = risk_register(frame, pd.Timestamp("2024-09-01"), amber_from=6, red_from=8)
    assert register.loc[0, "rating"] == "red"


def test_register_for_a_month_without_assessments_is_empty() -> None:
    frame = _assessments([("R1", "2024-09", 2, 4)])
    assert risk_register(frame, pd.Timestamp("2025-01-01")).empty


def test_history_adds_the_three_scores() -> None:
    history = risk_history(_assessments([("R1", "2024-09", 2, 3)]))
    assert history.loc[0, ["inherent_score", "residual_score", "target_score"]].tolist() == [
        20,
        6,
        4,
    ]
