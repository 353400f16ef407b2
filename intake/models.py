"""pydantic models for one row of each import file: the edge where outside data is checked.

Every field arrives as text (CSV) or a cell value (XLSX); validators turn it into the
contract's types and raise a plain-English reason that the loader reports row by row.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Annotated, Any, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from intake.event_fields import parse_event_date, parse_yes_no
from intake.numbers import parse_figure
from intake.reader import FormulaWithoutValue, MergedValue
from metrics.cadence import months_text, resolve
from metrics.periods import parse_period, period_key
from metrics.reported import check_reason, parse_no_data_reason, parse_reported_status
from metrics.vocab import DEFAULT_TOLERANCE, Frequency, Polarity, ToleranceType, Unit, WaitingRole

MAX_TEXT = 4000
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
#: Control characters other than tab and newline (which commentary may hold).
_CONTROL_RE = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]"
)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _cell_problem(value: Any) -> None:
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


def _number(value: Any, comma_risk: bool = False) -> float | None:
    """Blank is None; otherwise the figure exactly as written, or the reason it is refused."""
    _cell_problem(value)
    if _blank(value):
        return None
    figure = parse_figure(value, comma_is_delimiter_risk=comma_risk)
    return None if figure is None else figure.value


def _number_in_file(value: Any, info: ValidationInfo) -> float | None:
    """A figure, knowing whether the file's delimiter makes a comma in it doubtful."""
    risk = bool(info.context and info.context.get("comma_risk"))
    if type(value) is str:
        return _text_figure(value, risk)
    return _number(value, risk)


@functools.lru_cache(maxsize=65_536)
def _text_figure(value: str, comma_risk: bool) -> float | None:
    """A CSV cell's figure; the same text is parsed once (returns repeat figures a great deal)."""
    figure = parse_figure(value, comma_is_delimiter_risk=comma_risk)
    return None if figure is None else figure.value


def _text(value: Any) -> str | None:
    """Text is stored exactly as given (never evaluated); blank becomes None."""
    if type(value) is not str:
        _cell_problem(value)
        if value is None:
            return None
        value = str(value)
    return _short_text_checked(value) if len(value) <= 200 else _text_checked(value)


def _text_checked(value: str) -> str | None:
    text = value.strip()
    if not text:
        return None
    if len(text) > MAX_TEXT:
        raise ValueError(f"text is {len(text):,} characters; the limit is {MAX_TEXT:,}")
    bad = _CONTROL_RE.search(text)
    if bad:
        raise ValueError(
            f"contains a control character (U+{ord(bad.group()):04X}) at position "
            f"{bad.start() + 1}: it is invisible on screen and in the board pack, so retype "
            "the text or remove the character"
        )
    return text


#: Team names, ids and stock phrases repeat on every row of a return: each is checked once.
_short_text_checked = functools.lru_cache(maxsize=65_536)(_text_checked)


def _required_text(value: Any) -> str:
    text = _text(value)
    if text is None:
        raise ValueError("is required and was blank")
    return text


def _identifier(value: Any) -> str:
    if type(value) is str and len(value) <= 200:
        return _short_identifier(value)
    return _identifier_checked(value)


def _identifier_checked(value: Any) -> str:
    text = _required_text(value)
    if not _ID_RE.match(text):
        raise ValueError(
            "must be a short code of letters, digits, '_', '-' or '.' (no spaces), "
            f"got {text[:40]!r}"
        )
    return text


_short_identifier = functools.lru_cache(maxsize=65_536)(_identifier_checked)


def _period(value: Any) -> dt.date:
    if type(value) is str and value.strip():
        return _period_text(value, dt.date.today())
    _cell_problem(value)
    if isinstance(value, dt.datetime | dt.date):
        return _month_checked(dt.date(value.year, value.month, 1), dt.date.today())
    if _blank(value):
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


def _optional_month(value: Any) -> dt.date | None:
    """An optional `YYYY-MM` (e.g. the month a definition takes effect); blank is None."""
    if _blank(value):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return dt.date(value.year, value.month, 1)
    return parse_period(str(value))


def _optional_identifier(value: Any) -> str | None:
    return None if _blank(value) else _identifier(value)


def _required_status(value: Any) -> str:
    status = parse_reported_status(value)
    if status is None:
        raise ValueError("is required and was blank (green, amber, red, monitoring, no_data)")
    return status


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


def _choice(words: Any, default: str | None = None) -> BeforeValidator:
    """Validate against a `Literal` type from metrics.vocab, in the contract's own words.

    The Literal is the one list of allowed words (and the field's type, so mypy checks the
    code that reads it); this normalises `Higher-is-better` to `higher_is_better` and says
    what is allowed in the council's terms rather than pydantic's.
    """
    allowed: tuple[str, ...] = get_args(words)

    def check(value: Any) -> str:
        if _blank(value):
            if default is not None:
                return default
            raise ValueError(f"is required; one of {', '.join(allowed)}")
        text = str(value).strip().lower().replace("-", "_").replace(" ", "_")
        if text not in allowed:
            raise ValueError(f"must be one of {', '.join(allowed)}, got {str(value)[:40]!r}")
        return text

    return BeforeValidator(check)


Number = Annotated[float | None, BeforeValidator(_number_in_file)]
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
    frequency: Annotated[Frequency, _choice(Frequency)]
    reporting_months: Text = Field(default=None, validate_default=True)
    polarity: Annotated[Polarity, _choice(Polarity)]
    unit: Annotated[Unit, _choice(Unit)]
    tolerance: Number = DEFAULT_TOLERANCE
    tolerance_type: Annotated[ToleranceType, _choice(ToleranceType, "relative")] = "relative"
    description: Text = None
    source: Text = None
    effective_from: Annotated[dt.date | None, BeforeValidator(_optional_month)] = None
    replaces: Annotated[str | None, BeforeValidator(_optional_identifier)] = None

    @field_validator("reporting_months", mode="after")
    @classmethod
    def _reporting_months(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Stored resolved (`Mar;Jun;Sep;Dec`), so the cadence is explicit, never inferred."""
        frequency = info.data.get("frequency")
        if frequency is None:
            return value
        return months_text(resolve(frequency, value))

    quality_statements: Annotated[str | None, BeforeValidator(lambda v: _statements(v))] = None

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
    reported_status: Annotated[str | None, BeforeValidator(parse_reported_status)] = None
    reported_ytd_status: Annotated[str | None, BeforeValidator(parse_reported_status)] = None
    status_note: Text = None
    no_data_reason: Annotated[str | None, BeforeValidator(parse_no_data_reason)] = None

    @model_validator(mode="after")
    def _reason(self) -> ReturnRow:
        check_reason(self.actual, self.reported_status, self.no_data_reason)
        return self


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


class PriorityStatusRow(_Row):
    """A priority's status as the council reported it for a period (priority_statuses.csv)."""

    priority_id: Identifier
    period: Period
    priority_status: Annotated[str, BeforeValidator(_required_status)]
    status_note: Text = None


def _days(value: Any) -> float | None:
    number = _number(value)
    if number is not None and (number < 0 or number != int(number)):
        raise ValueError(f"must be a whole number of days, 0 or more, got {value!r}")
    return number


class WaitingListRow(_Row):
    """One measure's role in a waiting-list family (waiting_lists.csv)."""

    waiting_list: Identifier
    waiting_list_name: RequiredText
    measure_id: Identifier
    waiting_role: Annotated[WaitingRole, _choice(WaitingRole)]
    band_from_days: Annotated[float | None, BeforeValidator(_days)] = None
    band_to_days: Annotated[float | None, BeforeValidator(_days)] = None
    breakdown: Text = None


def _money(value: Any) -> float | None:
    return _number(value)


Money = Annotated[float | None, BeforeValidator(_money)]


class FinanceRow(_Row):
    """One service area's budget, forecast and savings for a period (finance.csv), in £."""

    service_area: RequiredText
    period: Period
    net_budget: Money = None
    forecast: Money = None
    variance_last_reported: Money = None
    savings_planned: Money = None
    savings_delivered: Money = None
    savings_forecast: Money = None


class EventRow(_Row):
    """A dated event on the charts (events.csv); a process change starts new SPC limits."""

    date: Annotated[dt.date, BeforeValidator(parse_event_date)]
    measure_id: Annotated[
        str, BeforeValidator(lambda v: _identifier(v) if not _blank(v) else "")
    ] = ""
    label: Annotated[str, BeforeValidator(_required_text)]
    process_change: Annotated[bool, BeforeValidator(parse_yes_no)] = False


def statement_list(value: Any) -> str | None:
    """Statement names, aliases or ids separated by ';' → canonical names separated by ';'."""
    from plan.quality import resolve as resolve_statement

    text = _text(value)
    if text is None:
        return None
    names: list[str] = []
    for part in (p.strip() for p in text.split(";")):
        if part:
            name = resolve_statement(part).name
            if name not in names:
                names.append(name)
    return ";".join(names) or None


_statements = statement_list
