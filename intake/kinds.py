"""The registry of import kinds: each kind of file declared once.

A declaration says how the kind is recognised (marker column), what it must hold (required
columns), how a row is read (model), what identifies a row (key), what a row says about its key
(value columns, versioned), where it is stored (table), its template's example row, which of its
columns point at another kind's key (links), and its own row and file rules (hooks).
Validation, preview, insert, templates, the Data page and the README's table all read KINDS.
Adding a kind is one declaration here plus its own rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from intake import kind_rules
from intake import row_rules as rules
from intake.context import FileRule, RowRule
from intake.examples import EXAMPLES
from intake.models import (
    ComparatorRow,
    EventRow,
    FinanceRow,
    MeasureRow,
    PriorityStatusRow,
    ReturnRow,
    RiskRow,
    WaitingListRow,
)
from intake.plan_models import ActionRow, WorkstreamRow

#: How every kind is versioned: a row is written as a new version of its key only when it is
#: new or a value column differs from the latest version held (an unchanged row writes nothing).
VERSIONED_BY_KEY = "new version of the key when any value column differs from the latest held"


@dataclass(frozen=True)
class Link:
    """A column whose value (or `;`-separated values) names a row of another kind by its key."""

    column: str
    kind: str
    key: str


@dataclass(frozen=True)
class Table:
    """Where rows are stored: a table, its key, and the columns versioned under that key."""

    name: str
    key: tuple[str, ...]
    value_columns: tuple[str, ...]


@dataclass(frozen=True)
class Kind:
    """One kind of import file, declared once.

    `row_rules` run in order on each row that passed its model (see intake.context.RowRule);
    `file_rules` run once on the kind's accepted rows of a file (see intake.context.FileRule).
    `detect_rank` breaks ties when a header holds the marker of more than one kind (lowest wins).
    """

    name: str
    label: str
    model: Any
    marker: str
    required: tuple[str, ...]
    key: tuple[str, ...]
    table: str
    detect_rank: int
    links: tuple[Link, ...] = ()
    row_rules: tuple[RowRule, ...] = ()
    file_rules: tuple[FileRule, ...] = ()
    versioning: str = VERSIONED_BY_KEY
    side_tables: tuple[tuple[Table, dict[str, str]], ...] = ()
    #: Columns written only to a side table (not versioned with the kind's own rows).
    side_only: tuple[str, ...] = ()

    @property
    def value_columns(self) -> tuple[str, ...]:
        """What a row says about its key, versioned: every model column but the key's and the
        side table's own, in template order (derived, so model and table cannot drift)."""
        kept = set(self.key) | set(self.side_only)
        return tuple(c for c in self.model.model_fields if c not in kept)

    @property
    def columns(self) -> list[str]:
        """Every column of the kind in template order."""
        return list(self.model.model_fields)

    @property
    def stored(self) -> Table:
        """The table the kind's rows are written to."""
        return Table(self.table, self.key, self.value_columns)

    @property
    def example(self) -> dict[str, str]:
        """The template's example row."""
        return EXAMPLES[self.name]


_MEASURE = Link("measure_id", "measures", "measure_id")

#: Priorities are written from the measures file (priority_id, priority_name) to their own table.
PRIORITIES = Table("priorities", ("priority_id",), ("name",))

_DECLARED = (
    Kind(
        name="measures",
        label="measures",
        model=MeasureRow,
        marker="polarity",
        required=(
            "measure_id",
            "name",
            "priority_id",
            "priority_name",
            "frequency",
            "polarity",
            "unit",
        ),
        key=("measure_id",),
        table="measures",
        detect_rank=8,
        links=(Link("replaces", "measures", "measure_id"),),
        row_rules=(rules.measure_id_case,),
        file_rules=(kind_rules.replaces_rule,),
        side_tables=((PRIORITIES, {"priority_id": "priority_id", "priority_name": "name"}),),
        side_only=("priority_name",),
    ),
    Kind(
        name="risks",
        label="risks",
        model=RiskRow,
        marker="risk_id",
        required=(
            "risk_id",
            "name",
            "period",
            "inherent_likelihood",
            "inherent_impact",
            "residual_likelihood",
            "residual_impact",
        ),
        key=("risk_id", "period"),
        table="risk_assessments",
        detect_rank=4,
        links=(Link("linked_measures", "measures", "measure_id"),),
    ),
    Kind(
        name="workstreams",
        label="workstreams",
        model=WorkstreamRow,
        marker="lead",
        required=("workstream_id", "name", "lead"),
        key=("workstream_id",),
        table="workstreams",
        detect_rank=3,
        links=(Link("success_measures", "measures", "measure_id"),),
        row_rules=(rules.plan_links,),
    ),
    Kind(
        name="actions",
        label="actions",
        model=ActionRow,
        marker="action_id",
        required=("action_id", "title", "owner", "raised", "due", "status"),
        key=("action_id",),
        table="actions",
        detect_rank=2,
        links=(
            Link("workstream_id", "workstreams", "workstream_id"),
            Link("linked_measures", "measures", "measure_id"),
            Link("linked_risks", "risks", "risk_id"),
        ),
        row_rules=(rules.plan_links,),
    ),
    Kind(
        name="returns",
        label="returns",
        model=ReturnRow,
        marker="actual",
        required=("measure_id", "period", "actual"),
        key=("measure_id", "period", "team"),
        table="snapshots",
        detect_rank=9,
        links=(_MEASURE,),
        row_rules=(
            rules.measure_is_known,
            rules.figures_fit_the_unit,
            kind_rules.period_in_cadence,
            rules.team_as_held,
            rules.target_of_monitoring_only,
        ),
    ),
    Kind(
        name="comparators",
        label="comparators",
        model=ComparatorRow,
        marker="comparator",
        required=("measure_id", "period", "comparator", "value"),
        key=("measure_id", "period", "comparator"),
        table="comparators",
        detect_rank=5,
        links=(_MEASURE,),
        row_rules=(
            rules.measure_is_known,
            rules.figures_fit_the_unit,
            kind_rules.comparator_as_named,
        ),
    ),
    Kind(
        name="priority_statuses",
        label="priority statuses",
        model=PriorityStatusRow,
        marker="priority_status",
        required=("priority_id", "period", "priority_status"),
        key=("priority_id", "period"),
        table="priority_statuses",
        detect_rank=1,
        links=(Link("priority_id", "measures", "priority_id"),),
        row_rules=(kind_rules.priority_is_known,),
    ),
    Kind(
        name="waiting_lists",
        label="waiting lists",
        model=WaitingListRow,
        marker="waiting_role",
        required=("waiting_list", "waiting_list_name", "measure_id", "waiting_role"),
        key=("waiting_list", "measure_id"),
        table="waiting_lists",
        detect_rank=6,
        links=(_MEASURE,),
        file_rules=(kind_rules.waiting_lists_rule,),
    ),
    Kind(
        name="finance",
        label="finance",
        model=FinanceRow,
        marker="net_budget",
        required=("service_area", "period", "net_budget", "forecast"),
        key=("service_area", "period"),
        table="finance",
        detect_rank=7,
        file_rules=(kind_rules.finance_lines_rule,),
    ),
    Kind(
        name="events",
        label="events",
        model=EventRow,
        marker="process_change",
        required=("date", "label", "process_change"),
        key=("date", "measure_id", "label"),
        table="events",
        detect_rank=0,
        links=(_MEASURE,),
        row_rules=(rules.event_measure,),
    ),
)

#: Every kind, in load order: a kind comes after every kind its links point at.
KINDS: dict[str, Kind] = {kind.name: kind for kind in _DECLARED}


def columns_of(kind: str) -> list[str]:
    """Every column of a kind in template order."""
    return KINDS[kind].columns


def value_columns_of(kind: str) -> list[str]:
    """A kind's value columns: what a row says about its key, versioned."""
    return list(KINDS[kind].value_columns)


def load_rank(kind: str) -> int:
    """Where a kind comes in load order (link targets first)."""
    return list(KINDS).index(kind)


def kind_of(header: list[str]) -> str | None:
    """The kind whose marker column is present; else the closest match on required columns.

    The fallback lets a returns file that lost its `actual` column be reported as exactly that.
    """
    for kind in sorted(KINDS.values(), key=lambda k: k.detect_rank):
        if kind.marker in header:
            return kind.name
    present = {k: sum(c in header for c in KINDS[k].required) for k in list(KINDS)[::-1]}
    best = max(present, key=lambda k: (present[k], k == "returns"))
    return best if present[best] >= 2 else None
