"""Issue 11: text from a data file is shown literally: never markdown, HTML, a link or an image."""

from __future__ import annotations

import ast
import re
from html import unescape
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from dashboard.text import md_text
from intake.loader import commit, validate_file
from settings.config import Settings
from tests.apptest import open_page

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("written", "escaped"),
    [
        ("**bold**", r"\*\*bold\*\*"),
        ("[click](http://x)", r"\[click\](http\://x)"),
        ("![i](http://x/t.png)", r"\!\[i\](http\://x/t.png)"),
        ("<img src=x onerror=alert(1)>", r"\<img src=x onerror=alert(1)\>"),
        ("costs $5 and $6", r"costs \$5 and \$6"),
        (":red[alarm] :material/home:", r"\:red\[alarm\] \:material/home:"),
        ("# heading", r"\# heading"),
        ("1. first", r"1\. first"),
        ("Health &amp; care", r"Health \&amp; care"),
        (
            "Down 32 on August (East locality), 5.1% better.",
            "Down 32 on August (East locality), 5.1% better.",
        ),
    ],
)
def test_md_text_escapes_every_active_mark_and_leaves_plain_text_alone(
    written: str, escaped: str
) -> None:
    assert md_text(written) == escaped


def test_risk_owner_and_description_are_shown_literally(writable_demo_db: Path) -> None:
    risk = (
        "risk_id,name,period,inherent_likelihood,inherent_impact,residual_likelihood,"
        "residual_impact,owner,description\n"
        'SR78,**Loud** risk,2025-10,4,4,3,4,<b>Boss</b>,"![t](http://127.0.0.1:9/t.png) [x](http://e)"\n'
    )
    settings = Settings(db_path=writable_demo_db, backups_kept=0)
    validated = validate_file(risk.encode(), "risks.csv", settings)
    assert validated.ok
    commit(validated, settings, "t")
    at = open_page("pages/risks.py", risk="SR78", period="2025-10")
    shown = [m.value for m in at.markdown] + [s.value for s in at.subheader]
    assert r"SR78: \*\*Loud\*\* risk" in shown
    assert any(r"**Owner:** \<b\>Boss\</b\>" in m for m in shown)
    literal = r"**Description:** \!\[t\](http\://127.0.0.1:9/t.png) \[x\](http\://e)"
    assert literal in shown, shown


def rendered_markdown(label: str) -> str:
    """What GFM markdown shows for a label, as plain text; fails if anything is more than text.

    markdown-it with the GFM extras (tables, strikethrough, autolinked URLs and e-mail
    addresses) stands in for Streamlit's renderer: an escaped mark stays a literal character.
    """
    md = MarkdownIt("gfm-like")
    md.linkify.set({"fuzzy_link": False})
    html = md.renderInline(label)
    assert not re.search(r"<(?!br\s*/?>)[A-Za-z]", html), html  # no link, image or styling
    # GFM links a bare `www.` too (markdown-it does only with fuzzy links, which link bare domains too, unlike GFM).
    assert not re.search(r"(?i)(?<![A-Za-z0-9\\])www\.", label), label
    return unescape(html)


HOSTILE = "**Loud** [click](http://evil) ![i](http://e/t.png) <b>b</b> :red[x] ~~s~~ $x$"


@pytest.mark.parametrize(
    "written",
    [
        HOSTILE,
        "see http://evil.com/path now",
        "see www.evil.com now",
        "mail ops@evil.com now",
        "Down 32 on August (East locality), 5.1% better.",
    ],
)
def test_the_one_escaper_shows_links_urls_and_addresses_as_text(written: str) -> None:
    assert rendered_markdown(md_text(written)) == written


def test_one_line_cells_and_blank_values() -> None:
    assert md_text("a\nb", one_line=True) == "a b"
    assert md_text(None) == "" and md_text(float("nan")) == ""


#: Where markdown is written for Streamlit; exports escape for their own formats (XML, PDF).
_SOURCE = ("dashboard", "pages", "charts", "exports", "metrics", "store", "intake", "plan", "cli")
_ESCAPER_NAME = re.compile(r"(?i)(md|markdown).*(escape|text|plain)|escape.*(md|markdown)")


def _functions() -> list[tuple[str, ast.FunctionDef]]:
    found = []
    for folder in _SOURCE:
        for path in sorted((ROOT / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            found += [
                (str(path.relative_to(ROOT)), node)
                for node in ast.walk(tree)
                if isinstance(node, ast.FunctionDef)
            ]
    return found


def test_there_is_one_markdown_escaper() -> None:
    """No module but dashboard/text.py defines a markdown escaper (by name or by what it does)."""
    others = []
    for where, func in _functions():
        if where == "dashboard/text.py":
            continue
        backslashes = any(
            isinstance(n, ast.Constant) and n.value in ("\\\\\\1", "\\\\\\g<1>")
            for n in ast.walk(func)
        )
        if _ESCAPER_NAME.search(func.name) or backslashes:
            others.append(f"{where}:{func.lineno} {func.name}")
    assert others == []


def test_data_labels_in_pages_go_through_the_one_escaper() -> None:
    """No page or section imports an escaper other than md_text (or the table helper escaped)."""
    allowed = {"md_text", "escaped"}
    stray = []
    for folder in ("pages", "dashboard"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module in (
                    "dashboard.text",
                    "dashboard.plain",
                    "dashboard.links",
                    "dashboard.plan_state",
                ):
                    stray += [
                        f"{path.name}: {a.name}"
                        for a in node.names
                        if "esc" in a.name.lower() and a.name not in allowed
                    ]
    assert stray == []


def test_a_measure_description_is_shown_literally_in_the_explorer(writable_demo_db: Path) -> None:
    measures = (
        "measure_id,name,priority_id,priority_name,frequency,polarity,unit,description\n"
        'ASC-ZZ01,Loud measure,ASC-P1,Timely,monthly,lower_is_better,count,"**Loud** '
        '[x](http://e) www.evil.com"\n'
    )
    settings = Settings(db_path=writable_demo_db, backups_kept=0)
    validated = validate_file(measures.encode(), "measures.csv", settings)
    assert validated.ok, validated
    commit(validated, settings, "t")
    at = open_page("pages/explorer.py", measure="ASC-ZZ01")
    caption = next(c.value for c in at.caption if "Loud" in c.value)
    assert rendered_markdown(caption) == "**Loud** [x](http://e) www.evil.com"


#: Streamlit calls whose label is markdown (a data value in it could link, style or fetch).
_LABELLED = {"expander", "tabs", "popover", "page_link"}


def _escaped_expr(node: ast.AST, assigned: dict[str, list[ast.AST]], seen: set[str]) -> bool:
    """A constant, or an expression that goes through md_text (following variables it names)."""
    if isinstance(node, ast.Constant):
        return True
    for inner in ast.walk(node):
        if isinstance(inner, ast.Call) and getattr(inner.func, "id", "") == "md_text":
            return True
    names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} - seen
    return any(
        _escaped_expr(value, assigned, seen | {name})
        for name in names
        for value in assigned.get(name, [])
    )


def test_every_expander_tab_and_link_label_built_from_data_is_escaped() -> None:
    """An expander, tab, popover or page link whose label is built from values uses md_text.

    Labels made only of numbers and the app's own words pass when a constant; anything built at
    run time must pass through the one escaper somewhere in the expression (or the variable's).
    """
    unescaped = []
    for folder in ("pages", "dashboard"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.name in ("data.py", "admin.py") and folder == "pages":
                continue  # owned and checked by the Data and Admin pages' own tests
            tree = ast.parse(path.read_text(encoding="utf-8"))
            assigned: dict[str, list[ast.AST]] = {}
            for node in ast.walk(tree):
                if isinstance(node, ast.Assign):
                    for target in node.targets:
                        if isinstance(target, ast.Name):
                            assigned.setdefault(target.id, []).append(node.value)
            for node in ast.walk(tree):
                if not (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in _LABELLED
                ):
                    continue
                label = next((k.value for k in node.keywords if k.arg == "label"), None)
                if label is None and node.func.attr != "page_link" and node.args:
                    label = node.args[0]
                if label is None or isinstance(label, ast.JoinedStr | ast.Name | ast.Call):
                    if label is not None and not _escaped_expr(label, assigned, set()):
                        unescaped.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert unescaped == []
