"""Issue 11: text from a data file is shown literally: never markdown, HTML, a link or an image."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.text import md_text
from intake.loader import commit, validate_file
from settings.config import Settings
from tests.apptest import open_page


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
