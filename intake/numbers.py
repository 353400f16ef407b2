"""Reading a figure exactly as written, or refusing it: the one number grammar of the contract.

A figure is a plain decimal with `.`, an optional leading minus and `,` only as a thousands
separator in its proper place. `%` (percent measures) and `£` (currency measures) are marks the
loader checks against the measure's unit; everything else (decimal commas, exponents, hex,
underscores, other currency signs) is refused, because guessing is how figures go wrong.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

_NUMBER_RE = re.compile(
    r"""^(?P<sign>-)?\s*(?P<pound>£)?\s*(?P<sign2>-)?
        (?P<digits>\d{1,3}(?:,\d{3})+|\d+|(?=\.\d))(?P<fraction>\.\d+)?
        \s*(?P<percent>%)?$""",
    re.VERBOSE,
)

#: The largest plausible magnitude of a figure of each unit: beyond it a typing or export
#: error is far more likely than a real figure (a council has no £1 trillion budget line).
MAX_MAGNITUDE: dict[str, float] = {
    "count": 10_000_000,
    "rate": 1_000_000,
    "days": 36_600,
    "minutes": 10_000_000,
    "currency": 100_000_000_000,
    "number": 1_000_000_000_000,
}
#: Any figure at all, before the unit is known (percentages are held to 0-100 by their own rule).
MAX_ANY = max(MAX_MAGNITUDE.values())


@dataclass(frozen=True)
class Figure:
    """A parsed figure and the marks written with it, for the unit check."""

    value: float
    percent: bool = False
    pound: bool = False
    thousands: bool = False


def _hint(text: str, comma_is_delimiter_risk: bool) -> str:
    """What is wrong with a value that is not a plain number, and what to write instead."""
    shown = text[:40]
    stripped = text.strip()
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", stripped) or re.fullmatch(
        r"-?\d+,\d+", stripped
    ):
        if comma_is_delimiter_risk and "," in stripped:
            return (
                f"has a comma in a number ({shown!r}) in a file separated by semicolons or "
                "tabs, where it may be a decimal comma: write the figure with '.' for decimals "
                "and no thousands separator"
            )
        return (
            f"looks like a decimal comma or a misplaced thousands separator ({shown!r}): "
            "write decimals with '.', e.g. 1234.5, and ',' only between groups of three digits"
        )
    if re.search(r"\d[eE][+-]?\d", stripped):
        return f"is written as an exponent ({shown!r}): write the figure out in full"
    if stripped.lower().startswith(("0x", "-0x")):
        return f"is written in hexadecimal ({shown!r}): write the decimal figure"
    if "_" in stripped:
        return f"contains '_' ({shown!r}): write the figure without underscores"
    if re.search(r"[$€¥]", stripped):
        return f"has a currency sign other than £ ({shown!r}): write the figure only"
    if stripped.startswith("+"):
        return f"starts with '+' ({shown!r}): write the figure without a plus sign"
    return f"must be a number, got {shown!r}"


def parse_figure(value: object, *, comma_is_delimiter_risk: bool = False) -> Figure | None:
    """A cell's figure (None when blank), or ValueError with the reason and what to do."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"must be a number, got {value!r}")
    if isinstance(value, int | float):
        number = float(value)
        return Figure(_finite(number, str(value)))
    return _parse_text(str(value), comma_is_delimiter_risk)


@functools.lru_cache(maxsize=65_536)
def _parse_text(value: str, comma_is_delimiter_risk: bool) -> Figure | None:
    """Text figures repeat a great deal in a return, so each distinct one is parsed once."""
    text = str(value).replace("\u00a0", " ").strip()
    if text == "":
        return None
    match = _NUMBER_RE.match(text)
    if not match or (match.group("sign") and match.group("sign2")):
        raise ValueError(_hint(text, comma_is_delimiter_risk))
    if match.group("pound") and match.group("percent"):
        raise ValueError(f"has both '£' and '%' ({text[:40]!r}): write the figure only")
    digits = match.group("digits")
    if comma_is_delimiter_risk and "," in digits:
        raise ValueError(_hint(text, True))
    negative = bool(match.group("sign") or match.group("sign2"))
    number = float((digits or "0").replace(",", "") + (match.group("fraction") or ""))
    number = -number if negative else number
    return Figure(
        _finite(number, text),
        percent=bool(match.group("percent")),
        pound=bool(match.group("pound")),
        thousands="," in digits,
    )


def _finite(number: float, written: str) -> float:
    if math.isnan(number) or math.isinf(number):
        raise ValueError("must be a finite number")
    if abs(number) > MAX_ANY:
        raise ValueError(
            f"is beyond any plausible figure ({written[:40]!r}); check the cell and write "
            "the figure in full"
        )
    return number + 0.0  # -0 becomes 0, so nothing is ever shown as "-0"


def unit_problem(figure: Figure, unit: str, written: object) -> str | None:
    """Why a parsed figure cannot be a figure of this unit, or None when it can."""
    shown = str(written)[:40]
    if figure.percent and unit != "percent":
        return (
            f"has '%' ({shown!r}) but this is a {unit} measure: write the figure only, "
            "or check the measure"
        )
    if figure.pound and unit != "currency":
        return (
            f"has '£' ({shown!r}) but this is a {unit} measure: write the figure only, "
            "or check the measure"
        )
    limit = MAX_MAGNITUDE.get(unit, MAX_ANY)
    if abs(figure.value) > limit:
        return (
            f"{shown} is beyond a plausible figure for a {unit} measure "
            f"(at most {limit:,.0f}): check the cell"
        )
    return None
