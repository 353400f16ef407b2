"""The controlled vocabulary of the data contract and how each status is shown.

One place for the words, symbols and colours so pages, exports and the CLI agree.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

Frequency = Literal["monthly", "bimonthly", "quarterly", "biannual", "annual"]
Polarity = Literal["higher_is_better", "lower_is_better", "monitoring_only"]
Unit = Literal["count", "percent", "rate", "days", "currency", "minutes", "number"]
ToleranceType = Literal["relative", "absolute"]
Status = Literal["green", "amber", "red", "monitoring", "no_data"]
Direction = Literal["improving", "worsening", "no_change", "not_comparable"]
#: A measure's part in a waiting-list family (waiting_lists.csv).
WaitingRole = Literal[
    "waiting", "longest", "mean", "median", "band", "referrals", "completions", "support_plan"
]
#: An action's status (actions.csv).
ActionStatus = Literal["not_started", "on_track", "at_risk", "off_track", "complete", "closed"]

# The tuples are read off the Literal types, so the type checker and the row models share one
# list of words with the pages and exports.
FREQUENCIES: Final[tuple[Frequency, ...]] = get_args(Frequency)
POLARITIES: Final[tuple[Polarity, ...]] = get_args(Polarity)
UNITS: Final[tuple[Unit, ...]] = get_args(Unit)
TOLERANCE_TYPES: Final[tuple[ToleranceType, ...]] = get_args(ToleranceType)
STATUSES: Final[tuple[Status, ...]] = get_args(Status)
DIRECTIONS: Final[tuple[Direction, ...]] = get_args(Direction)
WAITING_ROLES: Final[tuple[WaitingRole, ...]] = get_args(WaitingRole)
ACTION_STATUSES: Final[tuple[ActionStatus, ...]] = get_args(ActionStatus)
#: Statuses after which an action can no longer be overdue.
FINISHED_ACTION_STATUSES: Final[tuple[ActionStatus, ...]] = ("complete", "closed")

#: Months between two reporting periods of each frequency.
FREQUENCY_MONTHS: Final = {
    "monthly": 1,
    "bimonthly": 2,
    "quarterly": 3,
    "biannual": 6,
    "annual": 12,
}

DEFAULT_TOLERANCE: Final = 0.05

#: The council's report marks RAG with a shape as well as a colour (★ ● ▲).
STATUS_SYMBOL: Final = {
    "green": "★",
    "amber": "●",
    "red": "▲",
    "monitoring": "n/a",
    "no_data": "?",
}
STATUS_WORD: Final = {
    "green": "Green",
    "amber": "Amber",
    "red": "Red",
    "monitoring": "Monitoring",
    "no_data": "No data",
}
#: Body text and neutral rules (GOV.UK black): the totals' edge on board mode, text on light fills.
INK: Final = "#0b0c0c"
#: Secondary text and lines (GOV.UK dark grey, AA on white).
MUTED: Final = "#505a5f"
#: Fill colours chosen for colour-blind separation; text colour gives WCAG AA contrast on each.
STATUS_FILL: Final = {
    "green": "#1a7a3c",
    "amber": "#f2b632",
    "red": "#c0282d",
    "monitoring": "#5c6670",
    "no_data": "#d9dde1",
}
STATUS_TEXT: Final = {
    "green": "#ffffff",
    "amber": "#0b0c0c",
    "red": "#ffffff",
    "monitoring": "#ffffff",
    "no_data": "#0b0c0c",
}
#: Light tints of the RAG fills, for the risk heat map's band cells (marks drawn on top stay legible).
STATUS_TINT: Final = {"green": "#cfe6d6", "amber": "#fbe3a3", "red": "#f2c0c1"}
#: Making Data Count colours: SPC point types, plus the target line (red, dashed).
SPC_COLOURS: Final[dict[str, str]] = {
    "common_cause": "#a6a6a6",
    "special_cause_improvement": "#00b0f0",
    "special_cause_concern": "#e46c0a",
    "special_cause_neutral": "#490092",
    "target": "#de1b1b",
}
#: The numeric change since the comparison figure: what the arrow shows, whatever the polarity.
#: A falling waiting list is "↓ fell", like the council's own KPI tiles.
Movement = Literal["rose", "fell", "same", "none"]
MOVEMENTS: Final = ("rose", "fell", "same", "none")
MOVEMENT_SYMBOL: Final = {"rose": "↑", "fell": "↓", "same": "→", "none": "–"}
MOVEMENT_WORD: Final = {"rose": "rose", "fell": "fell", "same": "same", "none": "no earlier figure"}
#: The judgement, kept apart from the arrow: is the change good or bad for this measure?
DIRECTION_WORD: Final = {
    "improving": "better",
    "worsening": "worse",
    "no_change": "no change",
    "not_comparable": "not judged",
}

#: The narrative columns of a return, with the labels the council's report uses.
NARRATIVE_FIELDS: Final = (
    ("commentary", "Commentary"),
    ("improvement_plan", "Improvement plan"),
    ("timeframe", "Timeframe"),
    ("finance_impact", "Finance impact"),
    ("risk_impact", "Risk impact"),
)


def status_label(status: str) -> str:
    """Shape plus word, so a status never relies on colour alone."""
    return f"{STATUS_SYMBOL.get(status, '?')} {STATUS_WORD.get(status, status)}"


def status_colours(status: object) -> tuple[str, str]:
    """(fill, text colour) of a status; a blank or unknown one is shown as No data."""
    key = status if isinstance(status, str) and status in STATUS_FILL else "no_data"
    return STATUS_FILL[key], STATUS_TEXT[key]


def status_of_label(text: object) -> str | None:
    """The status a label made by `status_label` stands for ('▲ Red' -> 'red'), else None.

    For writers that colour a table cell already holding the label (tables from metrics carry
    words, not codes). Only an exact label counts: 'Red' or 'red flag' is not a status.
    """
    return _LABEL_STATUS.get(text) if isinstance(text, str) else None


def status_of(value: object) -> str | None:
    """The status a table cell stands for: a status code as given ('red'), or the status of
    its label ('▲ Red'); None for anything else. Writers write the label and colour by this."""
    if isinstance(value, str) and value in STATUS_FILL:
        return value
    return status_of_label(value)


def direction_label(direction: object, movement: object) -> str:
    """The arrow for the numeric change, then the judgement: "↓ fell · better".

    Two separate things, so nobody reads a falling waiting list's arrow as "worse". With no
    earlier figure there is nothing to judge: "– no earlier figure".
    """
    move = movement if isinstance(movement, str) and movement in MOVEMENT_SYMBOL else "none"
    if move == "none":
        return f"{MOVEMENT_SYMBOL['none']} {MOVEMENT_WORD['none']}"
    judged = direction if isinstance(direction, str) else "not_comparable"
    word = DIRECTION_WORD.get(judged, "not judged")
    return f"{MOVEMENT_SYMBOL[move]} {MOVEMENT_WORD[move]} · {word}"


_LABEL_STATUS: Final = {status_label(s): s for s in STATUSES}
