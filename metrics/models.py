"""pydantic models for one row of each import file: the edge where outside data is checked.

Every field arrives as text (CSV) or a cell value (XLSX); validators turn it into the
contract's types and raise a plain-English reason that the loader reports row by row.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from metrics.events import parse_event_date, parse_yes_no
from metrics.periods import parse_period
from metrics.vocab import DEFAULT_TOLERANCE, FREQUENCIES, POLARITIES, TOLERANCE_TYPES, UNITS

MAX_TEXT = 4000
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _number(value: Any) -> float | None:
    """Blank is None; '1,448', ' 76% ' and '£1,200' are accepted as council staff type them."""
    if _blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError("must be a number")
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip().replace(",", "").replace("£", "").rstrip("%").strip()
        try:
            number = float(text)
        except ValueError:
            raise ValueError(f"must be a number, got {str(value)[:40]!r}") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError("must be a finite number")
    return number


def _text(value: Any) -> str | None:
    """Text is stored exactly as given (never evaluated); blank becomes None."""
    if _blank(value):
        return None
    text = str(value).strip()
    if len(text) > MAX_TEXT:
        raise ValueError(f"text is {len(text):,} characters; the limit is {MAX_TEXT:,}")
    return text


def _required_text(value: Any) -> str:
    text = _text(value)
    if text is None:
        raise ValueError("is required and was blank")
    return text


def _identifier(value: Any) -> str:
    text = _required_text(value)
    if not _ID_RE.match(text):
        raise ValueError(
            "must be a short code of letters, digits, '_', '-' or '.' (no spaces), "
            f"got {text[:40]!r}"
        )
    return text


def _period(value: Any) -> dt.date:
    if isinstance(value, dt.datetime | dt.date):
        day = dt.date(value.year, value.month, 1)
    else:
        if _blank(value):
            raise ValueError("is required and was blank")
        day = parse_period(str(value))
    if day.year < 2000:
        raise ValueError(f"period {day:%Y-%m} is before 2000")
    today = dt.date.today()
    if (day.year, day.month) > (today.year, today.month):
        raise ValueError(f"period {day:%Y-%m} is in the future")
    return day


def _score(value: Any) -> int | None:
    number = _number(value)
    if number is None:
        return None
    if number != int(number) or not 1 <= number <= 5:
        raise ValueError(f"must be a whole number from 1 to 5, got {value!r}")
    return int(number)


def _required_score(value: Any) -> int:
    score = _score(value)
    if score is None:
        raise ValueError("is required and was blank (a whole number from 1 to 5)")
    return score


def _choice(allowed: tuple[str, ...], default: str | None = None):
    def check(value: Any) -> str:
        if _blank(value):
            if default is not None:
                return default
            raise ValueError(f"is required; one of {', '.join(allowed)}")
        text = str(value).strip().lower().replace("-", "_").replace(" ", "_")
        if text not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}, got {str(value)[:40]!r}")
        return text

    return check


Number = Annotated[float | None, BeforeValidator(_number)]
Text = Annotated[str | None, BeforeValidator(_text)]
RequiredText = Annotated[str, BeforeValidator(_required_text)]
Identifier = Annotated[str, BeforeValidator(_identifier)]
Period = Annotated[dt.date, BeforeValidator(_period)]
Score = Annotated[int | None, BeforeValidator(_score)]
RequiredScore = Annotated[int, BeforeValidator(_required_score)]


class _Row(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class MeasureRow(_Row):
    """One measure in the catalogue (measures.csv)."""

    measure_id: Identifier
    name: RequiredText
    priority_id: Identifier
    priority_name: RequiredText
    director: Text = None
    portfolio_holder: Text = None
    frequency: Annotated[str, BeforeValidator(_choice(FREQUENCIES))]
    polarity: Annotated[str, BeforeValidator(_choice(POLARITIES))]
    unit: Annotated[str, BeforeValidator(_choice(UNITS))]
    tolerance: Number = DEFAULT_TOLERANCE
    tolerance_type: Annotated[str, BeforeValidator(_choice(TOLERANCE_TYPES, "relative"))] = (
        "relative"
    )
    description: Text = None
    source: Text = None
    #: yes marks one of the directorate's key measures: a headline tile on the Overview.
    key_measure: Annotated[bool, BeforeValidator(parse_yes_no)] = False

    @field_validator("tolerance", mode="after")
    @classmethod
    def _tolerance(cls, value: float | None) -> float:
        if value is None:
            return DEFAULT_TOLERANCE
        if value < 0:
            raise ValueError(f"must be 0 or more, got {value:g}")
        return value


class ReturnRow(_Row):
    """One monthly figure for a measure, optionally for one team (returns.csv)."""

    measure_id: Identifier
    period: Period
    team: Annotated[str, BeforeValidator(lambda v: _text(v) or "")] = ""
    actual: Number = None
    target: Number = None
    ytd_actual: Number = None
    ytd_target: Number = None
    commentary: Text = None
    improvement_plan: Text = None
    timeframe: Text = None
    finance_impact: Text = None
    risk_impact: Text = None


class RiskRow(_Row):
    """One monthly assessment of a strategic risk (risks.csv)."""

    risk_id: Identifier
    name: RequiredText
    description: Text = None
    owner: Text = None
    period: Period
    inherent_likelihood: RequiredScore
    inherent_impact: RequiredScore
    residual_likelihood: RequiredScore
    residual_impact: RequiredScore
    target_likelihood: Score = None
    target_impact: Score = None
    controls: Text = None
    actions: Text = None
    linked_measures: Text = None


class ComparatorRow(_Row):
    """A comparator value (England, region, nearest neighbours) for a measure and period."""

    measure_id: Identifier
    period: Period
    comparator: RequiredText
    value: Number = Field(default=None)


class EventRow(_Row):
    """A dated event on the charts (events.csv); a process change starts new SPC limits."""

    date: Annotated[dt.date, BeforeValidator(parse_event_date)]
    measure_id: Annotated[
        str, BeforeValidator(lambda v: _identifier(v) if not _blank(v) else "")
    ] = ""
    label: Annotated[str, BeforeValidator(_required_text)]
    process_change: Annotated[bool, BeforeValidator(parse_yes_no)] = False


#: How each file kind is recognised, its key, and which columns must be present.
KINDS: dict[str, dict[str, Any]] = {
    "measures": {
        "model": MeasureRow,
        "marker": "polarity",
        "required": (
            "measure_id",
            "name",
            "priority_id",
            "priority_name",
            "frequency",
            "polarity",
            "unit",
        ),
        "key": ("measure_id",),
    },
    "returns": {
        "model": ReturnRow,
        "marker": "actual",
        "required": ("measure_id", "period", "actual"),
        "key": ("measure_id", "period", "team"),
    },
    "risks": {
        "model": RiskRow,
        "marker": "risk_id",
        "required": (
            "risk_id",
            "name",
            "period",
            "inherent_likelihood",
            "inherent_impact",
            "residual_likelihood",
            "residual_impact",
        ),
        "key": ("risk_id", "period"),
    },
    "comparators": {
        "model": ComparatorRow,
        "marker": "comparator",
        "required": ("measure_id", "period", "comparator", "value"),
        "key": ("measure_id", "period", "comparator"),
    },
    "events": {
        "model": EventRow,
        "marker": "process_change",
        "required": ("date", "label", "process_change"),
        "key": ("date", "measure_id", "label"),
    },
}


def columns_of(kind: str) -> list[str]:
    """Every column of a kind in template order."""
    return list(KINDS[kind]["model"].model_fields)
