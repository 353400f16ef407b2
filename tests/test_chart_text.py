"""charts.text: data text reaches Plotly escaped, so Plotly's pseudo-HTML never acts on it."""

from __future__ import annotations

from charts.text import chart_text, chart_texts


def test_markup_and_placeholders_are_escaped() -> None:
    raw = 'Team <b>A</b> & 50% %{y} <a href="https://x.test">x</a><br>'
    assert chart_text(raw) == (
        "Team &lt;b&gt;A&lt;/b&gt; &amp; 50&#37; &#37;{y} "
        '&lt;a href="https://x.test"&gt;x&lt;/a&gt;&lt;br&gt;'
    )


def test_plain_text_is_unchanged() -> None:
    assert chart_text("North Locality (Oxford City)") == "North Locality (Oxford City)"
    assert chart_text("Reablement – 91 days") == "Reablement – 91 days"


def test_an_escaped_text_is_escaped_again_not_decoded() -> None:
    """`&lt;` written in a file is shown as `&lt;`, not as `<`."""
    assert chart_text("&lt;b&gt;") == "&amp;lt;b&amp;gt;"


def test_none_is_blank_and_lists_are_escaped_each() -> None:
    assert chart_text(None) == ""
    assert chart_texts(["a<b", None, 3]) == ["a&lt;b", "", "3"]


def test_chart_builders_escape_the_data_text_they_draw() -> None:
    """A measure, team, comparator and event from a file reach the figure escaped."""
    import pandas as pd

    from charts.benchmarks import neighbour_chart
    from charts.events import add_events
    from charts.performance import measure_trend
    from charts.waiting import waiting_list_by_team

    hostile = "<b>Bold</b> 5% %{y}"
    shown = "&lt;b&gt;Bold&lt;/b&gt; 5&#37; &#37;{y}"
    months = pd.to_datetime(["2024-08-01", "2024-09-01"])
    history = pd.DataFrame(
        {"period": months, "actual": [10.0, 12.0], "target": [11.0, 11.0], "status": ["red"] * 2}
    )
    comps = pd.DataFrame({"period": months, "comparator": ["England", hostile], "value": [9, 8]})
    fig = measure_trend(history, comps, name=hostile, unit="count")
    assert fig.layout.title.text == shown
    names = [t.name for t in fig.data]
    assert "England" in names and hostile not in names
    events = pd.DataFrame({"date": [months[1]], "label": [hostile], "process_change": [False]})
    add_events(fig, events)
    assert fig.layout.annotations[-1].text == "Event: " + shown

    teams = pd.DataFrame({"period": months, "team": [hostile] * 2, "actual": [5, 6]})
    whole = pd.DataFrame({"period": months, "actual": [5, 6], "target": [4, 4]})
    fig = waiting_list_by_team(teams, whole)
    team_trace = next(t for t in fig.data if t.stackgroup == "teams")
    assert team_trace.name == shown
    assert team_trace.hovertemplate == shown + ": %{y:,}<extra></extra>"

    rows = pd.DataFrame(
        {"comparator": [hostile, "England"], "value": [3, 4], "kind": ["neighbour", "england"]}
    )
    fig = neighbour_chart(rows, title=hostile, unit="count")
    assert fig.layout.title.text == shown
    assert shown in fig.data[0].y or shown in fig.data[1].y
