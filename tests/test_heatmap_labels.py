"""Heat-map labels in crowded cells: no marker or label reaches its neighbour."""

from __future__ import annotations

import itertools

import pytest

from charts.risks import CELL_PX, _slots, label_size, marker_size

CHAR_WIDTH = 0.62  # Arial's average width per character, in units of the font size
GAP = 3  # plotly's space between a marker and its "middle right" text, px


@pytest.mark.parametrize("n", range(1, 17))
def test_slots_leave_room_for_each_marker_and_its_label(n: int) -> None:
    slots = _slots(n)
    font, marker = label_size(n), marker_size(n)
    label_px = marker / 2 + GAP + 4 * CHAR_WIDTH * font  # "SR04" to the marker's right
    rows: dict[float, list[float]] = {}
    for x, y in slots:
        rows.setdefault(round(y, 6), []).append(x)
    for xs in rows.values():
        xs.sort()
        for left, right in itertools.pairwise(xs):
            assert (right - left) * CELL_PX >= label_px + marker / 2
    ys = sorted(rows)
    for low, high in itertools.pairwise(ys):
        assert (high - low) * CELL_PX >= max(font * 1.15, marker)
    for x, y in slots:  # everything stays inside its cell (-0.5 .. 0.5)
        assert -0.5 < x - marker / 2 / CELL_PX and x * CELL_PX + label_px < 0.5 * CELL_PX
        assert -0.5 < y < 0.5


def test_six_in_a_cell_sit_in_three_rows_of_two() -> None:
    assert [(round(x, 2), round(y, 2)) for x, y in _slots(6)] == [
        (-0.42, 0.22),
        (0.04, 0.22),
        (-0.42, 0.06),
        (0.04, 0.06),
        (-0.42, -0.1),
        (0.04, -0.1),
    ]
    assert (label_size(6), marker_size(6)) == (11, 11)
    # Fourteen: seven rows 0.11 of a cell (9.9 px) apart, in 8 px type with 8 px markers.
    assert (label_size(14), marker_size(14)) == (8, 8)
