"""Status words, shapes and colours: one definition in metrics.vocab, read back only exactly."""

from __future__ import annotations

import pytest

from dashboard.ui import status_cell_style
from metrics.vocab import status_label, status_of_label


@pytest.mark.parametrize(
    ("label", "status"),
    [
        ("★ Green", "green"),
        ("● Amber", "amber"),
        ("▲ Red", "red"),
        ("n/a Monitoring", "monitoring"),
        ("? No data", "no_data"),
    ],
)
def test_each_label_stands_for_its_status(label: str, status: str) -> None:
    assert status_label(status) == label
    assert status_of_label(label) == status


@pytest.mark.parametrize("text", ["Red", "red", "▲ Red (Sep 2025)", "", None, 3, "★ green"])
def test_anything_but_an_exact_label_is_no_status(text: object) -> None:
    assert status_of_label(text) is None
    assert status_cell_style(text) == ""  # type: ignore[arg-type]


def test_a_status_cell_is_filled_with_the_vocab_colours() -> None:
    assert status_cell_style("▲ Red") == "background-color:#c0282d;color:#ffffff;font-weight:600"
    assert status_cell_style("● Amber") == "background-color:#f2b632;color:#0b0c0c;font-weight:600"


def test_status_colours_are_fill_and_text_with_no_data_for_anything_else() -> None:
    from metrics.vocab import status_colours

    assert status_colours("green") == ("#1a7a3c", "#ffffff")
    assert status_colours("amber") == ("#f2b632", "#0b0c0c")
    assert status_colours(None) == ("#d9dde1", "#0b0c0c")
    assert status_colours("purple") == ("#d9dde1", "#0b0c0c")


def test_status_of_takes_a_code_or_an_exact_label() -> None:
    from metrics.vocab import status_of

    assert status_of("red") == "red"
    assert status_of("no_data") == "no_data"
    assert status_of("● Amber") == "amber"
    assert status_of("Amber") is None
    assert status_of("Total") is None
    assert status_of(None) is None
