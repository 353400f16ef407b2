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
