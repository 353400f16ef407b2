"""The field types of every import kind: one grammar per kind of cell, so every file gets the same trust.

Each type is a pydantic `Annotated` type whose BeforeValidator turns a CSV text or an XLSX cell
into the contract's value, or raises a plain-English reason the loader reports row by row.
Dates and periods are matched whole (no trailing characters, no ranges); money, percent and
count figures each refuse the other's marks; identifiers are short codes, and a code that must
name something already known is matched by `known_id_problem`, whatever file it comes from.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from typing import Annotated, Any, get_args

from pydantic import BeforeValidator, ValidationInfo

from intake.numbers import Figure, parse_figure, unit_problem
from intake.reader import FormulaWithoutValue, MergedValue
from metrics.periods import day_label, parse_period, period_key

MAX_TEXT = 4000
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
#: Control characters other than tab and newline (which commentary may hold).
_CONTROL_RE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]"
)
#: The whole of a date cell: ISO `2024-04-01`, or (where the contract allows it) UK `01/04/2024`.
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_UK_DAY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0", ""}


def blank(value: Any) -> bool:
    """None or only spaces: an empty cell."""
    return value is None or (isinstance(value, str) and value.strip() == "")


def cell_problem(value: Any) -> None:
    """Refuse what a workbook cell cannot tell for certain: merged cells, formulas never saved."""
    if isinstance(value, MergedValue):
        raise ValueError(
            f"is in merged cells {value.ref}: a merged cell cannot say which row it belongs "
            "to. Unmerge the cells and write the value in each row"
        )
    if isinstance(value, FormulaWithoutValue):
        raise ValueError(
            f"is a formula ({value.formula[:40]}) saved without its value: open and save the "
            "file in Excel, then upload it again"
        )


# --- text ------------------------------------------------------------------------------------


def text(value: Any) -> str | None:
    """Text is stored exactly as given (never evaluated); blank becomes None."""
    if type(value) is not str:
        cell_problem(value)
        if value is None:
            return None
        value = str(value)
    return _short_text_checked(value) if len(value) <= 200 else _text_checked(value)


def _text_checked(value: str) -> str | None:
    stripped = value.strip()
    if not stripped:
        return None
    if len(stripped) > MAX_TEXT:
        raise ValueError(f"text is {len(stripped):,} characters; the limit is {MAX_TEXT:,}")
    bad = _CONTROL_RE.search(stripped)
    if bad:
        raise ValueError(
            f"contains a control character (U+{ord(bad.group()):04X}) at position "
            f"{bad.start() + 1}: it is invisible on screen and in the board pack, so retype "
            "the text or remove the character"
        )
    return stripped


#: Team names, ids and stock phrases repeat on every row of a return: each is checked once.
_short_text_checked = functools.lru_cache(maxsize=65_536)(_text_checked)


def required_text(value: Any) -> str:
    """Text that must be given."""
    found = text(value)
    if found is None:
        raise ValueError("is required and was blank")
    return found


# --- identifiers -----------------------------------------------------------------------------


def identifier(value: Any) -> str:
    """A short code of letters, digits, `_`, `-` or `.`: the form of every id of every kind."""
    if type(value) is str and len(value) <= 200:
        return _short_identifier(value)
    return _identifier_checked(value)


def _identifier_checked(value: Any) -> str:
    found = required_text(value)
    if not ID_RE.match(found):
        raise ValueError(
            "must be a short code of letters, digits, '_', '-' or '.' (no spaces), "
            f"got {found[:40]!r}"
        )
    return found


_short_identifier = functools.lru_cache(maxsize=65_536)(_identifier_checked)


def optional_identifier(value: Any) -> str | None:
    """An id, or None when blank."""
    return None if blank(value) else identifier(value)


def id_list(value: Any) -> str | None:
    """`A;B; C` → `A;B;C` (duplicates dropped, order kept); each part must be a code."""
    found = text(value)
    if found is None:
        return None
    parts: list[str] = []
    for part in (p.strip() for p in found.split(";")):
        if not part:
            continue
        if not ID_RE.match(part):
            raise ValueError(f"{part[:40]!r} is not an id (separate ids with ';')")
        if part not in parts:
            parts.append(part)
    return ";".join(parts) or None


def known_id_problem(value: str, known: Mapping[str, str], what: str, hint: str) -> str | None:
    """Why `value` does not name a known id (None when it does): the one rule for every link.

    `known` maps each id's casefold to the id as held. An id must match exactly; one that
    differs only in case is refused naming the held spelling, so no kind guesses for another.
    """
    held = known.get(value.casefold())
    if held == value:
        return None
    if held is not None:
        return (
            f"unknown {what} '{value}': the catalogue has '{held}' (ids must match exactly, "
            "including case)"
        )
    return f"unknown {what} '{value}': {hint}"


def by_case(ids: Any) -> dict[str, str]:
    """Ids keyed by their casefold, for `known_id_problem`."""
    return {str(i).casefold(): str(i) for i in ids}


def comparator_name(name: str, england: str, region_prefix: str) -> tuple[str, str | None]:
    """A comparator named as the settings name England and the region, whatever the case.

    `ENGLAND` is England, never a neighbour ranked beside the council; `south east average` is
    the region. Returns the name to store and a note when the spelling was changed.
    """
    if name.casefold() == england.casefold() and name != england:
        return england, f"read as '{england}' (England, MM_BENCHMARK_ENGLAND)"
    head = name[: len(region_prefix)]
    if head.casefold() == region_prefix.casefold() and head != region_prefix:
        held = region_prefix + name[len(region_prefix) :]
        return held, f"read as '{held}' (the region, MM_BENCHMARK_REGION)"
    return name, None


# --- dates and periods -----------------------------------------------------------------------


def strict_day(value: Any, *, uk: bool = False) -> dt.date | None:
    """A whole-cell date (None when blank): ISO `YYYY-MM-DD`, or UK `DD/MM/YYYY` when `uk`.

    Nothing may follow the date: `2024-06-015`, `2024-06-01x` and `2024-07-01 to 2024-09-30`
    are refused, never read as their first ten characters.
    """
    cell_problem(value)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if blank(value):
        return None
    written = str(value).strip()
    iso = _ISO_DAY.fullmatch(written)
    uk_match = _UK_DAY.fullmatch(written) if uk else None
    try:
        if iso:
            return dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        if uk_match:
            return dt.date(int(uk_match.group(3)), int(uk_match.group(2)), int(uk_match.group(1)))
    except ValueError:
        pass
    example = "2024-04-01 or 01/04/2024" if uk else "YYYY-MM-DD (e.g. 2025-03-31)"
    raise ValueError(
        f"must be a date {'such as ' if uk else ''}{example}, got {written[:40]!r}"
        + (": one date only, with nothing after it" if _ISO_DAY.match(written) else "")
    )


def _day(value: Any) -> dt.date | None:
    return strict_day(value)


def _required_day(value: Any) -> dt.date:
    day = strict_day(value)
    if day is None:
        raise ValueError("is required and was blank (a date YYYY-MM-DD)")
    return day


def event_day(value: Any) -> dt.date:
    """An event's date: ISO or UK, from 2000 on (events are the one kind that allows UK dates)."""
    day = strict_day(value, uk=True)
    if day is None:
        raise ValueError("is required and was blank (a date such as 2024-04-01)")
    if day.year < 2000:
        raise ValueError(f"date {day_label(day)} is before 2000")
    return day


def period(value: Any) -> dt.date:
    """A figure's month `YYYY-MM` (or a date cell's month), from 2000 and not in the future."""
    if type(value) is str and value.strip():
        return _period_text(value, dt.date.today())
    cell_problem(value)
    if isinstance(value, dt.datetime | dt.date):
        return _month_checked(dt.date(value.year, value.month, 1), dt.date.today())
    if blank(value):
        raise ValueError("is required and was blank")
    return _period_text(str(value), dt.date.today())


@functools.lru_cache(maxsize=4096)
def _period_text(value: str, today: dt.date) -> dt.date:
    """A return repeats a handful of periods many times: each is parsed once a day."""
    return _month_checked(parse_period(value), today)


def _month_checked(day: dt.date, today: dt.date) -> dt.date:
    if day.year < 2000:
        raise ValueError(f"period {period_key(day)} is before 2000")
    if (day.year, day.month) > (today.year, today.month):
        raise ValueError(f"period {period_key(day)} is in the future")
    return day


def optional_month(value: Any) -> dt.date | None:
    """An optional `YYYY-MM` (e.g. the month a definition takes effect); blank is None."""
    cell_problem(value)
    if blank(value):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return dt.date(value.year, value.month, 1)
    return parse_period(str(value))


# --- figures ---------------------------------------------------------------------------------


def number(value: Any, comma_risk: bool = False) -> float | None:
    """Blank is None; otherwise the figure exactly as written, or the reason it is refused."""
    figure = _figure(value, comma_risk)
    return None if figure is None else figure.value


def _figure(value: Any, comma_risk: bool = False) -> Figure | None:
    cell_problem(value)
    if blank(value):
        return None
    return parse_figure(value, comma_is_delimiter_risk=comma_risk)


def number_in_file(value: Any, info: ValidationInfo) -> float | None:
    """A figure, knowing whether the file's delimiter makes a comma in it doubtful."""
    risk = bool(info.context and info.context.get("comma_risk"))
    if type(value) is str:
        return _text_figure(value, risk)
    return number(value, risk)


@functools.lru_cache(maxsize=65_536)
def _text_figure(value: str, comma_risk: bool) -> float | None:
    """A CSV cell's figure; the same text is parsed once (returns repeat figures a great deal)."""
    figure = parse_figure(value, comma_is_delimiter_risk=comma_risk)
    return None if figure is None else figure.value


def figure_of_unit(unit: str) -> Any:
    """A validator for a column whose unit is fixed: the unit rule of `intake.numbers` applies.

    Money (`currency`) refuses `%`, a percent column refuses `£`, a count of days refuses both:
    the same `unit_problem` the loader applies to a return's figures by its measure's unit.
    """

    def check(value: Any, info: ValidationInfo) -> float | None:
        risk = bool(info.context and info.context.get("comma_risk"))
        figure = _figure(value, risk)
        if figure is None:
            return None
        problem = unit_problem(figure, unit, value)
        if problem:
            raise ValueError(problem)
        return figure.value

    return check


def _plain_figure(value: Any, info: ValidationInfo) -> float | None:
    """A figure written without '%' or '£' (e.g. a tolerance: 0.05, not 5%)."""
    risk = bool(info.context and info.context.get("comma_risk"))
    figure = _figure(value, risk)
    if figure is None:
        return None
    if figure.percent or figure.pound:
        raise ValueError(
            f"has '{'%' if figure.percent else '£'}' ({str(value)[:40]!r}): write the figure "
            "only (a relative tolerance of 5% is 0.05)"
        )
    return figure.value


def _days(value: Any, info: ValidationInfo) -> float | None:
    days = figure_of_unit("days")(value, info)
    if days is not None and (days < 0 or days != int(days)):
        raise ValueError(f"must be a whole number of days, 0 or more, got {value!r}")
    return days


def _score(value: Any) -> int | None:
    figure = _figure(value)
    if figure is None:
        return None
    score = figure.value
    if figure.percent or figure.pound or score != int(score) or not 1 <= score <= 5:
        raise ValueError(f"must be a whole number from 1 to 5, got {value!r}")
    return int(score)


def _required_score(value: Any) -> int:
    score = _score(value)
    if score is None:
        raise ValueError("is required and was blank (a whole number from 1 to 5)")
    return score


# --- words -----------------------------------------------------------------------------------


def choice(words: Any, default: str | None = None) -> BeforeValidator:
    """Validate against a `Literal` type from metrics.vocab, in the contract's own words.

    The Literal is the one list of allowed words (and the field's type, so mypy checks the
    code that reads it); this normalises `Higher-is-better` to `higher_is_better` and says
    what is allowed in the council's terms rather than pydantic's.
    """
    allowed: tuple[str, ...] = get_args(words)

    def check(value: Any) -> str:
        cell_problem(value)
        if blank(value):
            if default is not None:
                return default
            raise ValueError(f"is required; one of {', '.join(allowed)}")
        word = str(value).strip().lower().replace("-", "_").replace(" ", "_")
        if word not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}, got {str(value)[:40]!r}")
        return word

    return BeforeValidator(check)


def yes_no(value: Any) -> bool:
    """yes / no (also y, n, true, false, 1, 0); blank is no."""
    if isinstance(value, bool):
        return value
    cell_problem(value)
    word = "" if value is None else str(value).strip().lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ValueError(f"must be yes or no, got {word[:40]!r}")


def statement_list(value: Any) -> str | None:
    """Statement names, aliases or ids separated by ';' → canonical names separated by ';'."""
    from plan.quality import resolve

    found = text(value)
    if found is None:
        return None
    names: list[str] = []
    for part in (p.strip() for p in found.split(";")):
        if part:
            name = resolve(part).name
            if name not in names:
                names.append(name)
    return ";".join(names) or None


# --- the types every row model uses ----------------------------------------------------------

Text = Annotated[str | None, BeforeValidator(text)]
RequiredText = Annotated[str, BeforeValidator(required_text)]
Identifier = Annotated[str, BeforeValidator(identifier)]
OptionalId = Annotated[str | None, BeforeValidator(optional_identifier)]
IdList = Annotated[str | None, BeforeValidator(id_list)]
Period = Annotated[dt.date, BeforeValidator(period)]
OptionalMonth = Annotated[dt.date | None, BeforeValidator(optional_month)]
Date = Annotated[dt.date | None, BeforeValidator(_day)]
RequiredDate = Annotated[dt.date, BeforeValidator(_required_day)]
EventDate = Annotated[dt.date, BeforeValidator(event_day)]
#: A figure whose unit is the measure's (a return, a comparator): the loader checks the unit.
Number = Annotated[float | None, BeforeValidator(number_in_file)]
Money = Annotated[float | None, BeforeValidator(figure_of_unit("currency"))]
Percent = Annotated[float | None, BeforeValidator(figure_of_unit("percent"))]
Days = Annotated[float | None, BeforeValidator(_days)]
PlainFigure = Annotated[float | None, BeforeValidator(_plain_figure)]
Score = Annotated[int | None, BeforeValidator(_score)]
RequiredScore = Annotated[int, BeforeValidator(_required_score)]
YesNo = Annotated[bool, BeforeValidator(yes_no)]
StatementList = Annotated[str | None, BeforeValidator(statement_list)]
