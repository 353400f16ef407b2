"""Data text going into a Plotly figure is escaped, so a file's text is always shown literally.

Plotly reads "pseudo-HTML" in every string it draws: titles, trace names, tick labels, text,
hover text and annotations (`<b>`, `<i>`, `<br>`, `<sup>`, `<span style>`, `<a href>`). A team
or measure name from a data file could therefore bold, break, restyle or link a chart. Plotly
decodes `&lt;` `&gt;` `&amp;` back to the characters, so escaping those shows the text
exactly as written; markup the chart code writes itself (`<br>` between lines) is left alone
because it never passes through here.
"""

from __future__ import annotations

from collections.abc import Iterable

#: `%` as a numeric entity too: in a hover template `%{y}` is a placeholder, so a name holding
#: `%{…}` would otherwise be filled in; Plotly decodes `&#37;` back to `%` when it draws.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "%": "&#37;"})


def chart_text(value: object) -> str:
    """One value as literal text for Plotly; None is blank."""
    return "" if value is None else str(value).translate(_ESCAPES)


def chart_texts(values: Iterable[object]) -> list[str]:
    """Each value as literal text for Plotly (tick labels, category axes, customdata)."""
    return [chart_text(v) for v in values]
