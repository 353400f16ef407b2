"""The row rules each kind declares in the registry: checks that need the catalogue or links.

Every rule takes a RowCheck and returns its problems (column, value shown, reason); a rule
that needs a known measure says nothing when the measure is unknown (another rule refuses it).
"""

from __future__ import annotations

from typing import Any

from intake.context import Problem, RowCheck, team_key
from intake.event_fields import event_rules
from intake.fields import known_id_problem
from intake.numbers import parse_figure, unit_problem
from intake.plan_rules import row_problems
from intake.reader import FormulaWithoutValue, MergedValue

_NON_NEGATIVE = {"count", "days", "rate", "minutes"}

#: The figure columns of each kind whose figures are read against the measure's unit.
FIGURE_COLUMNS = {
    "returns": ("actual", "target", "ytd_actual", "ytd_target"),
    "comparators": ("value",),
}


def shown(value: Any) -> str | None:
    """A cell as a rejection shows it: a formula's text, a merged cell's value, at most 80 chars."""
    if isinstance(value, FormulaWithoutValue):
        value = value.formula
    elif isinstance(value, MergedValue):
        value = value.value
    if value is None:
        return None
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "..."


def measure_id_case(check: RowCheck) -> list[Problem]:
    """A measure id that differs only in case from one held is refused (ids match exactly)."""
    measure_id = check.row.measure_id
    held = check.context.held_ids.get(measure_id.casefold())
    if held is not None and held != measure_id:
        return [
            (
                "measure_id",
                measure_id,
                f"differs only in case from the measure held as '{held}': use '{held}' exactly",
            )
        ]
    return []


def measure_is_known(check: RowCheck) -> list[Problem]:
    """A figure names a measure of the catalogue (held, or loaded with it), matched exactly."""
    measure_id = check.row.measure_id
    if measure_id in check.context.known:
        return []
    reason = known_id_problem(
        measure_id, check.context.by_case, "measure_id", "add it to measures first"
    )
    return [("measure_id", measure_id, str(reason))]


def figures_fit_the_unit(check: RowCheck) -> list[Problem]:
    """Each figure is read as written, in the measure's unit, within the unit's range."""
    row, known = check.row, check.context.known
    if row.measure_id not in known:
        return []
    unit = known[row.measure_id][0]
    problems: list[Problem] = []
    for column in FIGURE_COLUMNS[check.kind]:
        value = getattr(row, column)
        if value is None:
            continue
        written = check.cells.get(column)
        figure = parse_figure(written, comma_is_delimiter_risk=check.comma_risk)
        problem = unit_problem(figure, unit, written) if figure is not None else None
        if problem:
            problems.append((column, shown(written), problem))
            continue
        if figure is not None and figure.thousands:
            check.notes.append((column, shown(written), f"read as {value:g} (thousands separator)"))
        if unit in _NON_NEGATIVE and value < 0:
            problems.append((column, f"{value:g}", f"cannot be negative for a {unit} measure"))
        if unit == "percent" and not 0 <= value <= 100:
            problems.append((column, f"{value:g}", "a percentage must be between 0 and 100"))
    return problems


def team_as_held(check: RowCheck) -> list[Problem]:
    """A team written with other case or spacing is read as the team held (and noted)."""
    row = check.row
    if row.measure_id not in check.context.known or not row.team:
        return []
    held_team = check.context.teams.get(team_key(row.team))
    if held_team is not None and held_team != row.team:
        check.notes.append(("team", row.team, f"read as the team held as '{held_team}'"))
        check.row = row.model_copy(update={"team": held_team})
    return []


def target_of_monitoring_only(check: RowCheck) -> list[Problem]:
    """A target on a monitoring-only measure is stored with a warning: it sets no status."""
    row, known = check.row, check.context.known
    if row.measure_id in known and known[row.measure_id][1] == "monitoring_only":
        if row.target is not None:
            check.warnings.append(
                (
                    "target",
                    f"{row.target:g}",
                    "target given for a monitoring-only measure: stored, but it sets no RAG status",
                )
            )
    return []


def event_measure(check: RowCheck) -> list[Problem]:
    """An event names a known measure, or none."""
    return event_rules(check.row, check.context.known)


def plan_links(check: RowCheck) -> list[Problem]:
    """An action's or workstream's dates agree and its links point at known ids."""
    return row_problems(check.kind, check.row, check.context.links)
