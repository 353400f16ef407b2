"""Chart images are drawn once per figure content and size, then served from the cache."""

from __future__ import annotations

import time

import plotly.graph_objects as go

from exports import static_charts


def _figure(title: str) -> go.Figure:
    fig = go.Figure(go.Bar(x=["Green", "Amber", "Red"], y=[9, 3, 2]))
    fig.update_layout(title=title, xaxis_title="Status", yaxis_title="Measures")
    return fig


def test_the_same_chart_is_drawn_once_and_a_changed_one_again(monkeypatch) -> None:
    monkeypatch.setattr(static_charts, "LINGER_S", 0)  # stop the browser after each batch
    static_charts.clear_cache()
    first = static_charts.render_sized([(_figure("Sep 2024"), 400, 300)], scale=1.0)
    assert first[0].startswith(b"\x89PNG")
    assert len(static_charts._IMAGES) == 1
    # A new figure object with the same content (the next pack, another format): a cache hit,
    # and no browser is started for it.
    again = static_charts.render_sized([(_figure("Sep 2024"), 400, 300)], scale=1.0)
    assert again == first and len(static_charts._IMAGES) == 1
    assert not static_charts._server().is_running()
    # Another title or another size is another drawing.
    other = static_charts.render_sized(
        [(_figure("Oct 2024"), 400, 300), (_figure("Sep 2024"), 500, 300)], scale=1.0
    )
    assert len(static_charts._IMAGES) == 3
    assert other[0] != first[0] and other[1] != first[0]


def test_keys_depend_on_content_and_size_only() -> None:
    key = static_charts.image_key(_figure("Sep 2024"), 400, 300, 2.0)
    assert key == static_charts.image_key(_figure("Sep 2024"), 400, 300, 2.0)
    assert key != static_charts.image_key(_figure("Sep 2024"), 400, 301, 2.0)
    assert key != static_charts.image_key(_figure("Sep 2024"), 400, 300, 1.0)
    assert key != static_charts.image_key(_figure("Aug 2024"), 400, 300, 2.0)


def test_the_cache_forgets_the_oldest_images_beyond_its_budget(monkeypatch) -> None:
    static_charts.clear_cache()
    monkeypatch.setattr(static_charts, "CACHE_BYTES", 10)
    static_charts._keep("a", b"123456")
    static_charts._keep("b", b"7890ab")
    assert list(static_charts._IMAGES) == ["b"]
    static_charts.clear_cache()


def test_the_browser_lingers_for_the_next_export_then_stops(monkeypatch) -> None:
    monkeypatch.setattr(static_charts, "LINGER_S", 1.0)
    static_charts.clear_cache()
    static_charts.render_sized([(_figure("Nov 2024"), 300, 200)], scale=1.0)
    assert static_charts._server().is_running()  # kept for the PowerPoint after the PDF
    deadline = time.monotonic() + 60
    while static_charts._server().is_running() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not static_charts._server().is_running()
