"""HTML shown with unsafe_allow_html carries no text from a data file, escaped or not.

Each such call is read from the source (ast): its markup may only be built from string
constants and the badge helpers, figures, months and rule words listed here, which take codes
of the vocabulary, numbers and dates, never names, owners, directors or commentary.
"""

from __future__ import annotations

import ast

from dashboard.ui import badge_html
from tests.layout import ROOT

#: Helpers whose output is markup or words the app writes itself, from codes, figures or dates.
ALLOWED_CALLS = {
    "badge_html",  # a status code -> vocabulary word (tested below)
    "icon_html",  # an SPC icon from the rules' own words
    "format_value",  # a figure in its unit
    "month_label",  # a period
    "direction_label",  # a direction code
    "variation_meaning",  # the SPC rule's words
}
#: Attributes holding text the rules write (metrics/baseline.py, metrics/spc.py).
ALLOWED_ATTRIBUTES = {"assurance_text"}


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _unsafe_parts(node: ast.expr) -> list[str]:
    """The pieces of one markup expression that are not known to be the app's own text."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return []
    if isinstance(node, ast.JoinedStr):
        return [bad for part in node.values for bad in _unsafe_parts(part)]
    if isinstance(node, ast.FormattedValue):
        return _unsafe_parts(node.value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _unsafe_parts(node.left) + _unsafe_parts(node.right)
    if isinstance(node, ast.Call) and _called_name(node) in ALLOWED_CALLS:
        return []
    if isinstance(node, ast.Attribute) and node.attr in ALLOWED_ATTRIBUTES:
        return []
    return [ast.unparse(node)]


def _unsafe_calls() -> list[tuple[str, int, ast.Call]]:
    found = []
    for folder in ("pages", "dashboard", "app.py"):
        paths = [ROOT / folder] if folder.endswith(".py") else (ROOT / folder).rglob("*.py")
        for path in paths:
            tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and any(
                    k.arg == "unsafe_allow_html"
                    and not (isinstance(k.value, ast.Constant) and k.value.value is False)
                    for k in node.keywords
                ):
                    found.append((str(path.relative_to(ROOT)), node.lineno, node))
    return found


def test_the_walker_refuses_data_text_and_accepts_the_apps_own() -> None:
    refused = ast.parse("f'{badge_html(s)} {row[\"commentary\"]}' + name", mode="eval").body
    assert _unsafe_parts(refused) == ["row['commentary']", "name"]
    accepted = ast.parse("'**A:** ' + icon_html(t, f, c, spc.assurance_text)", mode="eval").body
    assert _unsafe_parts(accepted) == []


def test_every_unsafe_html_call_carries_only_the_apps_own_text() -> None:
    calls = _unsafe_calls()
    assert len(calls) >= 8  # the walk found the badges and the SPC icons
    offending = [
        f"{path}:{line}: {bad}"
        for path, line, call in calls
        for bad in (_unsafe_parts(call.args[0]) if call.args else ["(no markup argument)"])
    ]
    assert offending == []


def test_a_badge_shows_only_a_word_of_the_vocabulary() -> None:
    assert "★ Green" in badge_html("green")
    hostile = badge_html("Jane Smith <img src=x onerror=alert(1)>")
    assert "Jane" not in hostile and "img" not in hostile
    assert "No data" in hostile
