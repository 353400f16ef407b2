"""Figure builders for the waiting-times, risk and SPC charts (pure Plotly, no Streamlit)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from charts.risks import (
    CELL_FILL,
    band_ranges,
    cell_bands,
    risk_heatmap,
    risk_history_chart,
)
from charts.spc import (
    POINT_NAMES,
    assurance_badge,
    improvement_for,
    spc_chart,
    variation_badge,
)
from charts.waiting import (
    add_ytd_line,
    measure_line,
    referrals_and_completions,
    team_lines,
    wait_lengths,
    waiting_list_by_team,
    waits_by_band,
)
from metrics.risk import risk_register
from metrics.spc import SPC_COLOURS, xmr

MONTHS = pd.date_range("2024-01-01", periods=6, freq="MS")


def _names(fig: go.Figure) -> list[str]:
    return [t.name for t in fig.data]


def _trace(fig: go.Figure, name: str) -> go.BaseTraceType:
    return next(t for t in fig.data if t.name == name)


def _team_rows() -> pd.DataFrame:
    rows = []
    for i, team in enumerate(["North", "South", "East"]):
        for j, month in enumerate(MONTHS):
            rows.append({"period": month, "team": team, "actual": 100 * (i + 1) + j})
    return pd.DataFrame(rows)


def _whole(target: float | None = 500) -> pd.DataFrame:
    teams = _team_rows().groupby("period")["actual"].sum()
    return pd.DataFrame({"period": teams.index, "actual": teams.to_numpy(), "target": target})


def _assert_titled(fig: go.Figure, y_title: str | None = None) -> None:
    layout = fig.layout
    assert layout.title.text
    assert layout.xaxis.title.text
    assert layout.yaxis.title.text
    if y_title:
        assert layout.yaxis.title.text == y_title
    assert layout.separators == ".,"


# --- waiting charts -----------------------------------------------------------------------


def test_waiting_list_by_team_stacks_teams_with_total_target_and_anchors() -> None:
    anchors = pd.DataFrame({"period": ["2024-03", "2023-01"], "value": [640.0, 999.0]})
    fig = waiting_list_by_team(_team_rows(), _whole(), anchors=anchors)
    _assert_titled(fig, "Number of people or cases")
    assert fig.layout.xaxis.tickformat == "%b %Y"
    assert _names(fig) == [
        "East",
        "North",
        "South",
        "All teams (total)",
        "Target",
        "Published figure",
    ]
    stacked = [t for t in fig.data if t.stackgroup == "teams"]
    assert len(stacked) == 3
    total = _trace(fig, "All teams (total)")
    assert list(total.y) == [600 + 3 * j for j in range(6)]
    published = _trace(fig, "Published figure")
    assert published.marker.symbol == "diamond-open"
    assert list(published.y) == [640.0]  # the 2023 point lies outside the window
    assert list(_trace(fig, "Target").y) == [500] * 6


def test_waiting_list_for_one_team_drops_the_service_total_and_target() -> None:
    fig = waiting_list_by_team(_team_rows(), _whole(), team="South")
    assert _names(fig) == ["South"]
    assert "South team" in fig.layout.title.text
    assert list(fig.data[0].y) == [200 + j for j in range(6)]


def test_waiting_list_without_rows_says_so() -> None:
    empty = pd.DataFrame(columns=["period", "team", "actual"])
    fig = waiting_list_by_team(empty, pd.DataFrame(columns=["period", "actual", "target"]))
    assert fig.layout.annotations[0].text.startswith("No waiting-list figures")


def test_wait_lengths_draws_each_wait_its_target_and_one_published_legend_entry() -> None:
    frame = pd.DataFrame({"period": MONTHS, "actual": [90, 80, 70, 60, 50, 40], "target": 60})
    no_target = frame.assign(target=np.nan)
    anchors = {
        "Longest wait": pd.DataFrame({"period": ["2024-02"], "value": [80]}),
        "Mean wait": pd.DataFrame({"period": ["2024-03"], "value": [70]}),
    }
    fig = wait_lengths(
        {"Longest wait": frame, "Mean wait": frame, "Median wait": no_target}, anchors=anchors
    )
    _assert_titled(fig, "Days")
    names = _names(fig)
    assert names.count("Published figure") == 2
    assert [t.showlegend for t in fig.data if t.name == "Published figure"] == [True, False]
    assert "Target: longest wait" in names
    assert "Target: mean wait" in names
    assert "Target: median wait" not in names  # no target: no line


def test_waits_by_band_stacks_longest_band_first_with_its_target() -> None:
    bands = pd.concat(
        [
            pd.DataFrame({"period": MONTHS, "band": band, "actual": n})
            for band, n in (("0-28", 50), ("181+", 5), ("29-90", 30))
        ]
    )
    target = pd.DataFrame({"period": MONTHS, "target": 4})
    fig = waits_by_band(bands, ["181+", "29-90", "0-28"], target=target, target_band="181+")
    _assert_titled(fig, "Number of people or cases")
    assert fig.layout.barmode == "stack"
    assert _names(fig) == ["181+", "29-90", "0-28", "Target: 181+"]
    assert list(fig.data[0].y) == [5] * 6


def test_referrals_and_completions_net_change_is_completed_minus_referrals() -> None:
    ref = pd.DataFrame({"period": MONTHS, "actual": [100, 100, 100, 100, 100, 100]})
    done = pd.DataFrame({"period": MONTHS, "actual": [120, 90, 100, 130, 80, 110], "target": 105})
    fig = referrals_and_completions(ref, done)
    assert _names(fig) == [
        "Referrals received",
        "Assessments completed",
        "Target: assessments completed",
        "Net change (completed − referrals)",
    ]
    net = _trace(fig, "Net change (completed − referrals)")
    assert list(net.y) == [20, -10, 0, 30, -20, 10]
    colours = list(net.marker.color)
    assert colours[0] != colours[1]  # falling and growing differ by colour...
    assert list(net.marker.pattern.shape)[:2] == ["", "/"]  # ...and by pattern
    assert fig.layout.yaxis.title.text == "Number per month"
    assert "Net change" in fig.layout.yaxis2.title.text
    assert fig.layout.xaxis2.title.text == "Month"


def test_measure_line_and_team_lines() -> None:
    rows = pd.DataFrame({"period": MONTHS, "actual": [5, 6, 7, 8, 9, 10], "target": np.nan})
    fig = measure_line(rows, title="Thing", unit="count")
    assert _names(fig) == ["Actual"]  # no target, no anchors
    fig = team_lines(_team_rows(), title="By team", unit="days")
    _assert_titled(fig, "Days")
    assert _names(fig) == ["East", "North", "South"]
    assert all(t.stackgroup is None for t in fig.data)


def test_ytd_line_is_skipped_for_snapshots_and_on_a_right_axis_when_cumulative() -> None:
    base = pd.DataFrame({"period": MONTHS, "actual": [10.0] * 6, "target": 12.0})
    fig = add_ytd_line(go.Figure(), base.assign(ytd_actual=base["actual"]), "count")
    assert len(fig.data) == 0
    fig = add_ytd_line(go.Figure(), base.assign(ytd_actual=np.cumsum([10.0] * 6)), "count")
    assert fig.data[0].yaxis == "y2"
    assert fig.layout.yaxis2.overlaying == "y"
    assert "right axis" in fig.data[0].name
    fig = add_ytd_line(go.Figure(), base.assign(ytd_actual=[10, 11, 12, 11, 10, 12]), "count")
    assert fig.data[0].yaxis == "y"


# --- risk charts --------------------------------------------------------------------------


def test_cell_bands_default_thresholds() -> None:
    cells = cell_bands()
    assert len(cells) == 25
    assert cells["band"].value_counts().to_dict() == {"green": 14, "amber": 7, "red": 4}
    by_cell = cells.set_index(["likelihood", "impact"])["band"]
    assert by_cell[(2, 4)] == "green"  # 8
    assert by_cell[(3, 3)] == "amber"  # 9
    assert by_cell[(3, 5)] == "amber"  # 15
    assert by_cell[(4, 4)] == "red"  # 16


def test_cell_bands_follow_settings() -> None:
    cells = cell_bands(amber_from=5, red_from=20)
    assert set(cells.loc[cells["score"] >= 20, "band"]) == {"red"}
    assert set(cells.loc[cells["score"] < 5, "band"]) == {"green"}
    assert band_ranges(5, 20) == {"green": "1–4", "amber": "5–19", "red": "20–25"}


def _assessments() -> pd.DataFrame:
    rows = []
    for rid, prev, cur in (("SR01", (4, 4), (3, 4)), ("SR02", (2, 2), (2, 2))):
        for period, residual in (("2024-08-01", prev), ("2024-09-01", cur)):
            rows.append(
                {
                    "risk_id": rid,
                    "period": pd.Timestamp(period),
                    "name": f"Risk {rid}",
                    "owner": "Owner",
                    "inherent_likelihood": 5,
                    "inherent_impact": 5,
                    "residual_likelihood": residual[0],
                    "residual_impact": residual[1],
                    "target_likelihood": 2,
                    "target_impact": 2,
                    "linked_measures": None,
                }
            )
    return pd.DataFrame(rows)


def test_heatmap_cells_markers_and_movement() -> None:
    register = risk_register(_assessments(), pd.Timestamp("2024-09-01"))
    fig = risk_heatmap(register, focus="SR01")
    heat = next(t for t in fig.data if t.type == "heatmap")
    z = np.array(heat.z)
    assert z.shape == (5, 5)
    expected = cell_bands().assign(code=lambda c: c["band"].map({"green": 0, "amber": 1, "red": 2}))
    for cell in expected.itertuples():
        assert z[cell.likelihood - 1, cell.impact - 1] == cell.code
    colours = {stop[1] for stop in heat.colorscale}
    assert colours == set(CELL_FILL.values())
    # every cell shows its score (with its band symbol), not colour alone
    scores = [a.text for a in fig.layout.annotations]
    assert len(scores) == 25
    assert "▲ 25" in scores and "★ 8" in scores and "● 12" in scores
    for name in ("Inherent (before controls)", "Current residual", "Target"):
        trace = _trace(fig, name)
        assert len(trace.x) == 2
        assert sorted(trace.customdata) == ["SR01", "SR02"]
    residual = _trace(fig, "Current residual")
    sr01 = list(residual.customdata).index("SR01")
    assert round(residual.x[sr01]) == 4 and round(residual.y[sr01]) == 3
    assert residual.marker.size[sr01] > residual.marker.size[1 - sr01]  # focused
    moves = [t for t in fig.data if t.name == "This month's movement"]
    assert len(moves) == 1  # SR02 did not move
    assert moves[0].x[0] == 4 and moves[0].y[0] == 4  # from last month's cell (4, 4)
    assert moves[0].marker.symbol[-1] == "arrow"
    assert fig.layout.xaxis.title.text.startswith("Impact")
    assert fig.layout.yaxis.title.text.startswith("Likelihood")
    legend = _names(fig)
    assert "★ Green (1–8)" in legend and "▲ Red (16–25)" in legend


def test_heatmap_markers_sharing_a_cell_do_not_overlap_and_stay_inside_it() -> None:
    frame = pd.concat(
        [_assessments().query("risk_id == 'SR01'").assign(risk_id=f"SR{i:02d}") for i in range(8)],
        ignore_index=True,
    )
    register = risk_register(frame, pd.Timestamp("2024-09-01"))
    fig = risk_heatmap(register, kinds=("inherent",))
    trace = _trace(fig, "Inherent (before controls)")
    points = set(zip(trace.x, trace.y, strict=True))
    assert len(points) == 8
    assert all(4.5 < x < 5.5 and 4.5 < y < 5.5 for x, y in points)


def test_heatmap_empty_register() -> None:
    register = risk_register(_assessments(), pd.Timestamp("2020-01-01"))
    fig = risk_heatmap(register)
    assert any("No risk assessments" in a.text for a in fig.layout.annotations)


def test_risk_history_chart() -> None:
    history = (
        _assessments()
        .query("risk_id == 'SR01'")
        .assign(inherent_score=25, residual_score=[16, 12], target_score=4)
    )
    fig = risk_history_chart(history, title="SR01")
    assert fig.layout.yaxis.title.text == "Risk score (likelihood × impact)"
    assert fig.layout.xaxis.tickformat == "%b %Y"
    assert fig.layout.xaxis.type == "date"  # the legend-only band traces must not make it linear
    assert _names(fig)[-3:] == ["Inherent score", "Residual score", "Target score"]
    assert "▲ Red (16–25)" in _names(fig)  # bands named in words, not colour alone
    assert list(_trace(fig, "Residual score").y) == [16, 12]
    assert len(fig.layout.shapes) == 3  # the three shaded bands


# --- SPC ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("polarity", "expected"),
    [
        ("higher_is_better", "increase"),
        ("lower_is_better", "decrease"),
        ("monitoring_only", "neutral"),
        (None, "neutral"),
    ],
)
def test_improvement_for(polarity: str | None, expected: str) -> None:
    assert improvement_for(polarity) == expected


def test_spc_chart_colours_points_by_type_and_draws_limits_and_target() -> None:
    values = [10, 11, 9, 10, 12, 10, 11, 9, 10, 11, 10, 10, 30]  # last point far above
    frame = pd.DataFrame(
        {
            "series": "m",
            "t": pd.date_range("2023-01-01", periods=13, freq="MS"),
            "y": values,
            "target": 12.0,
        }
    )
    result = xmr(frame, improvement="decrease")
    fig = spc_chart(result, title="SPC", unit="count")
    _assert_titled(fig, "Number of people or cases")
    concern = _trace(fig, POINT_NAMES["special_cause_concern"])
    assert list(concern.y) == [30]
    assert concern.marker.color == SPC_COLOURS["special_cause_concern"]
    common = _trace(fig, POINT_NAMES["common_cause"])
    assert common.marker.color == SPC_COLOURS["common_cause"]
    assert common.marker.symbol != concern.marker.symbol  # shape as well as colour
    for name in ("Mean", "Upper process limit", "Lower process limit", "Target"):
        assert name in _names(fig)
    assert _trace(fig, "Target").line.color == SPC_COLOURS["target"]
    mean = result["mean"].iloc[0]
    assert _trace(fig, "Mean").y[0] == pytest.approx(mean)


def test_spc_chart_without_points() -> None:
    frame = pd.DataFrame({"series": ["m"], "t": [pd.Timestamp("2024-01-01")], "y": [np.nan]})
    fig = spc_chart(xmr(frame), title="SPC", unit="count")
    assert fig.layout.annotations[0].text == "No figures to chart."


def test_badges_name_the_icon_in_words() -> None:
    assert variation_badge("special_cause_improvement")[0] == "Special cause – improvement"
    assert (
        variation_badge("special_cause_improvement")[1] == SPC_COLOURS["special_cause_improvement"]
    )
    assert assurance_badge("hit_and_miss")[0] == "Hit and miss"
    assert assurance_badge("unknown")[0] == "unknown"
