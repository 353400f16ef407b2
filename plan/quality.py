"""The CQC's 9 quality statements under 4 themes, with Oxfordshire's published scores.

The documents spell the statements differently ("Safe pathways, systems and transitions" in the
assessment, "Safe systems, pathways and transitions" in the framework), so names are matched on
a normalised form and on the aliases shipped with the reference file.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

REFERENCE_FILE = (
    Path(__file__).resolve().parent.parent / "data" / "reference" / ("cqc_quality_statements.csv")
)
#: Overall rating, CQC local authority assessment of Oxfordshire (Jan 2025, published Sep 2025).
OVERALL_RATING = "Good"
OVERALL_SOURCE = "003_cc5072d7f022dd10.txt line 32 (council restatement of the CQC assessment)"
ASSESSMENT = "CQC local authority assessment, Oxfordshire, Jan 2025 (published 5 Sep 2025)"
SCORE_MEANING = {
    1: "Evidence shows significant shortfalls",
    2: "Evidence shows some shortfalls",
    3: "Evidence shows a good standard",
    4: "Evidence shows an exceptional standard",
}


@dataclass(frozen=True)
class QualityStatement:
    """One quality statement as published: its theme, score (1–4), rating and sources."""

    statement_id: str
    theme_number: int
    theme: str
    name: str
    score: int
    rating: str
    aliases: tuple[str, ...]
    score_source: str
    rating_source: str


def normalise(text: str) -> str:
    """Lower case, '&' as 'and', punctuation and repeated spaces removed."""
    text = text.lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return " ".join(text.split())


@functools.cache
def statements(path: Path = REFERENCE_FILE) -> tuple[QualityStatement, ...]:
    """The 9 statements in theme order, read once from data/reference."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(
        QualityStatement(
            statement_id=r["statement_id"],
            theme_number=int(r["theme_number"]),
            theme=r["theme"],
            name=r["statement"],
            score=int(r["score"]),
            rating=r["rating"],
            aliases=tuple(a for a in r["aliases"].split("|") if a.strip()),
            score_source=r["score_source"],
            rating_source=r["rating_source"],
        )
        for r in rows
    )


@functools.cache
def _lookup() -> dict[str, QualityStatement]:
    table: dict[str, QualityStatement] = {}
    for statement in statements():
        for spelling in (statement.statement_id, statement.name, *statement.aliases):
            table[normalise(spelling)] = statement
    return table


def resolve(text: str) -> QualityStatement:
    """The statement a name, alias or id refers to; ValueError naming the 9 if none."""
    found = _lookup().get(normalise(text))
    if found is None:
        raise ValueError(
            f"unknown quality statement {text[:60]!r}: use one of the 9 CQC statements "
            "(e.g. 'Assessing needs') or QS1–QS9"
        )
    return found


def by_name() -> dict[str, QualityStatement]:
    """Canonical name → statement."""
    return {s.name: s for s in statements()}


def split_list(value: object) -> list[str]:
    """A stored `a;b;c` list as its parts (blank or missing is an empty list)."""
    if not isinstance(value, str):
        return []
    return [part.strip() for part in value.split(";") if part.strip()]
