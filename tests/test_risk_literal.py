"""metrics.risk's score, band and wording on literal values (the heat map calls these too)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from charts.risks import cell_bands, risk_heatmap
from metrics.risk import (
    band_label,
    band_ranges,
    cell_label,
    risk_direction,
    risk_rating,
    risk_register,
    risk_score,
)


def test_score_is_likelihood_times_impact() -> None:
    assert risk_score(2, 3) == 6
    assert risk_score(5, 4) == 20
    assert list(risk_score(pd.Series([1, 3, 5]), pd.Series([2, 3, 5]))) == [2, 9, 25]


def test_rating_bands_at_each_edge_with_other_thresholds() -> None:
    scores = pd.Series([1, 9, 10, 11, 19, 20, 21, np.nan])
    assert list(risk_rating(scores, amber_from=10, red_from=20)) == [
        "green", "green", "amber", "amber", "amber", "red", "red", None,
    ]  # fmt: skip


def test_rating_keeps_the_index_and_reads_text_scores() -> None:
    rating = risk_rating(pd.Series(["16", "8", "x"], index=[7, 8, 9]))
    assert rating.to_dict() == {7: "red", 8: "green", 9: None}


def test_band_ranges_and_labels_in_words() -> None:
    assert band_ranges() == {"green": "1–8", "amber": "9–15", "red": "16–25"}
    assert band_ranges(6, 12) == {"green": "1–5", "amber": "6–11", "red": "12–25"}
    assert band_label("green") == "★ Green (1–8)"
    assert band_label("amber") == "● Amber (9–15)"
    assert band_label("red", 6, 12) == "▲ Red (12–25)"
    assert cell_label("red", 16) == "▲ 16"
    assert cell_label("green", 4) == "★ 4"
    assert cell_label("amber", 12) == "● 12"


def test_direction_reads_lower_as_better() -> None:
    assert list(risk_direction(pd.Series([9, 12, 12, np.nan]), pd.Series([12, 9, 12, 4]))) == [
        "improving",
        "worsening",
        "no_change",
        "not_comparable",
    ]


def test_heat_map_cells_and_legend_use_the_same_words() -> None:
    cells = cell_bands()
    by_cell = cells.set_index(["likelihood", "impact"])
    assert by_cell.loc[(4, 5), "score"] == 20
    assert by_cell.loc[(1, 5), "band"] == "green"  # 5
    fig = risk_heatmap(_register())
    texts = {a.text for a in fig.layout.annotations}
    assert {"★ 1", "★ 8", "● 9", "● 15", "▲ 16", "▲ 25"} <= texts
    names = [t.name for t in fig.data if t.name]
    assert {"★ Green (1–8)", "● Amber (9–15)", "▲ Red (16–25)"} <= set(names)


def _register() -> pd.DataFrame:
    rows = [
        {
            "risk_id": "R1",
            "period": pd.Timestamp("2024-09-01"),
            "name": "Risk R1",
            "owner": "Owner",
            "inherent_likelihood": 5,
            "inherent_impact": 5,
            "residual_likelihood": 3,
            "residual_impact": 4,
            "target_likelihood": 2,
            "target_impact": 2,
            "linked_measures": None,
        }
    ]
    return risk_register(pd.DataFrame(rows), pd.Timestamp("2024-09-01"))


@pytest.mark.parametrize(
    ("previous_month", "expected_previous"),
    [("2024-08", 16.0), ("2024-07", None)],
)
def test_previous_residual_only_from_the_month_before(
    previous_month: str, expected_previous: float | None
) -> None:
    rows = []
    for period, (lik, imp) in ((previous_month, (4, 4)), ("2024-09", (3, 3))):
        rows.append(
            {
                "risk_id": "R1",
                "period": pd.Timestamp(f"{period}-01"),
                "inherent_likelihood": 5,
                "inherent_impact": 5,
                "residual_likelihood": lik,
                "residual_impact": imp,
                "target_likelihood": 1,
                "target_impact": 2,
            }
        )
    register = risk_register(pd.DataFrame(rows), pd.Timestamp("2024-09-01"))
    row = register.iloc[0]
    assert row["residual_score"] == 9
    assert row["target_score"] == 2
    assert row["rating"] == "amber"
    assert row["inherent_rating"] == "red"
    if expected_previous is None:
        assert pd.isna(row["previous_residual_score"])
        assert row["direction"] == "not_comparable"
        assert row["movement"] == "none"
    else:
        assert row["previous_residual_score"] == expected_previous
        assert (row["previous_residual_likelihood"], row["previous_residual_impact"]) == (4, 4)
        assert row["direction"] == "improving"
        assert row["movement"] == "fell"


def test_direction_of_text_scores_is_not_comparable_rather_than_an_error() -> None:
    current = pd.Series(["x", "9", "12"])
    previous = pd.Series([4, "12", "n/a"])
    assert list(risk_direction(current, previous)) == [
        "not_comparable",
        "improving",
        "not_comparable",
    ]


def _one_month(rows: list[tuple[str, int, int, int, int]]) -> pd.DataFrame:
    """Rows of (risk_id, inherent L, inherent I, residual L, residual I) for Sep 2024."""
    return pd.DataFrame(
        [
            {
                "risk_id": rid,
                "period": pd.Timestamp("2024-09-01"),
                "inherent_likelihood": il,
                "inherent_impact": ii,
                "residual_likelihood": rl,
                "residual_impact": ri,
                "target_likelihood": 1,
                "target_impact": 1,
            }
            for rid, il, ii, rl, ri in rows
        ]
    )


def test_register_default_bands_and_both_ratings_follow_the_thresholds() -> None:
    frame = _one_month([("R2", 4, 4, 4, 4), ("R1", 5, 4, 2, 4)])
    register = risk_register(frame, pd.Timestamp("2024-09-01"))
    assert register["risk_id"].tolist() == ["R1", "R2"]
    assert register.index.tolist() == [0, 1]
    assert "index" not in register.columns
    assert register["rating"].tolist() == ["green", "red"]  # 8 and 16
    assert register["inherent_rating"].tolist() == ["red", "red"]  # 20 and 16
    custom = risk_register(frame, pd.Timestamp("2024-09-01"), amber_from=6, red_from=21)
    assert custom["rating"].tolist() == ["amber", "amber"]
    assert custom["inherent_rating"].tolist() == ["amber", "amber"]


def test_rating_and_direction_keep_any_index_and_give_object_columns() -> None:
    direction = risk_direction(pd.Series([4, 9], index=[5, 6]), pd.Series([8, 9], index=[5, 6]))
    assert direction.to_dict() == {5: "improving", 6: "no_change"}
    assert direction.dtype == object
    assert risk_rating(pd.Series([1])).dtype == object
