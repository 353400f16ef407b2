"""pydantic models for one row of each import file: the edge where outside data is checked.

Every field arrives as text (CSV) or a cell value (XLSX); the field types of intake.fields turn
it into the contract's types and raise a plain-English reason that the loader reports row by
row. A model here only names its columns' types and the rules that join two of its cells.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from intake.fields import (
    MAX_TEXT,
    Days,
    EventDate,
    Identifier,
    Money,
    Number,
    OptionalId,
    OptionalMonth,
    Period,
    PlainFigure,
    RequiredScore,
    RequiredText,
    Score,
    StatementList,
    Text,
    YesNo,
    blank,
    choice,
    identifier,
    statement_list,
    text,
)
from metrics.cadence import months_text, resolve
from metrics.reported import check_reason, parse_no_data_reason, parse_reported_status
from metrics.vocab import DEFAULT_TOLERANCE, Frequency, Polarity, ToleranceType, Unit, WaitingRole

__all__ = ["MAX_TEXT", "statement_list"]


def _required_status(value: Any) -> str:
    status = parse_reported_status(value)
    if status is None:
        raise ValueError("is required and was blank (green, amber, red, monitoring, no_data)")
    return status


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
    frequency: Annotated[Frequency, choice(Frequency)]
    reporting_months: Text = Field(default=None, validate_default=True)
    polarity: Annotated[Polarity, choice(Polarity)]
    unit: Annotated[Unit, choice(Unit)]
    tolerance: PlainFigure = DEFAULT_TOLERANCE
    tolerance_type: Annotated[ToleranceType, choice(ToleranceType, "relative")] = "relative"
    description: Text = None
    source: Text = None
    effective_from: OptionalMonth = None
    replaces: OptionalId = None

    @field_validator("reporting_months", mode="after")
    @classmethod
    def _reporting_months(cls, value: str | None, info: ValidationInfo) -> str | None:
        """Stored resolved (`Mar;Jun;Sep;Dec`), so the cadence is explicit, never inferred."""
        frequency = info.data.get("frequency")
        if frequency is None:
            return value
        return months_text(resolve(frequency, value))

    quality_statements: StatementList = None

    #: yes marks one of the directorate's key measures: a headline tile on the Overview.
    key_measure: YesNo = False

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
    team: Annotated[str, BeforeValidator(lambda v: text(v) or "")] = ""
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


class WaitingListRow(_Row):
    """One measure's role in a waiting-list family (waiting_lists.csv)."""

    waiting_list: Identifier
    waiting_list_name: RequiredText
    measure_id: Identifier
    waiting_role: Annotated[WaitingRole, choice(WaitingRole)]
    band_from_days: Days = None
    band_to_days: Days = None
    breakdown: Text = None


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

    date: EventDate
    measure_id: Annotated[str, BeforeValidator(lambda v: identifier(v) if not blank(v) else "")] = (
        ""
    )
    label: RequiredText
    process_change: YesNo = False
