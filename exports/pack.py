"""The board pack's content, gathered once from `metrics` for the PDF, PowerPoint and Excel.

Every status, exception, count and sentence here is read from `metrics.report` /
`metrics.risk` output; nothing is re-derived. Charts are the same `charts/` figures the pages
show, built with the same arguments, so the pack and the screen cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from charts.performance import exception_figure, rag_by_priority, status_change_rows
from charts.risks import risk_heatmap
from charts.waiting import waiting_list_by_team
from metrics.annex import annex_groups, annex_table
from metrics.council_tables import table2
from metrics.exceptions import (
    EXCEPTION_RULE,
    ExceptionFacts,
    exception_facts,
    exceptions_in_order,
    red_in_order,
)
from metrics.formatting import format_value
from metrics.periods import (
    day_long,
    financial_year,
    month_label,
    month_long,
    period_key,
    stamp_long,
)
from metrics.priority_status import priority_statuses
from metrics.report import (
    counts_by_frequency,
    for_period,
    priority_sentence,
    report_dict,
    status_counts,
    trailing_periods,
)
from metrics.risk import risk_register
from metrics.showing import finance_period, latest_rows, risk_period
from metrics.vocab import NARRATIVE_FIELDS, direction_label, status_label
from metrics.waiting_lists import families, headline_list
from settings.config import Settings, get_settings
from store.reference import published_points
from store.service import Dataset

TITLE = "Meaningful Measures — Adult Social Care performance"
DEMO_WARNING = (
    "ILLUSTRATIVE DATA: synthetic series anchored on published figures; do not quote. "
    "Only the published points (Oxfordshire County Council reports, 2023–2025) are real; "
    "everything between them is made up."
)
#: Trend chart size in CSS pixels, shared by the PDF and PowerPoint so one render serves both.
TREND_PX = (940, 600)
CHART_SCALE = 2.0
WAITING_MONTHS = 24
#: The measure table's columns (Excel sheets and CSV): label -> source column.
MEASURE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Measure ID", "measure_id"),
    ("Measure", "name"),
    ("Priority", "priority_id"),
    ("Priority name", "priority_name"),
    ("Director", "director"),
    ("Portfolio holder", "portfolio_holder"),
    ("Frequency", "frequency"),
    ("Unit", "unit"),
    ("Actual", "actual"),
    ("Target", "target"),
    ("Status", "status"),
    ("Previous status", "previous_status"),
    ("Direction of travel", "direction"),
    ("Periods at status", "periods_at_status"),
    ("Exception", "exception"),
    ("YTD actual", "ytd_actual"),
    ("YTD target", "ytd_target"),
    ("YTD status", "ytd_status"),
    ("Commentary", "commentary"),
    ("Improvement plan", "improvement_plan"),
    ("Timeframe", "timeframe"),
    ("Finance impact", "finance_impact"),
    ("Risk impact", "risk_impact"),
)
STATUS_COLUMNS = ("Status", "Previous status", "YTD status")


class PackError(ValueError):
    """The pack cannot be built for this request (no figures for the period, unknown priority)."""


def text_or(value: object, default: str = "Not recorded.") -> str:
    """Free text as recorded, or a plain default when blank."""
    return value.strip() if isinstance(value, str) and value.strip() else default


#: The facts the pack prints beside an exception's chart (owners are a line of their own).
_FACT_LABELS = (
    *("Previous status", "Current status", "Periods at status", "Direction of travel"),
    *("Actual", "Target", "Year to date", "YTD target"),
)


@dataclass(frozen=True)
class ExceptionItem:
    """One exception: its status row (from measure_statuses) and its trend chart."""

    row: pd.Series
    figure: go.Figure | None

    @property
    def measure_id(self) -> str:
        return str(self.row["measure_id"])

    @cached_property
    def _facts(self) -> ExceptionFacts:
        return exception_facts(self.row)

    @property
    def title(self) -> str:
        """'▲ Red — ASC-WL01 People waiting…' (shape and word, never colour alone)."""
        return self._facts.title

    @property
    def facts(self) -> list[tuple[str, str]]:
        """The figures a reader needs next to the chart, as (label, text) pairs."""
        return [(label, text) for label, text in self._facts.facts if label in _FACT_LABELS]

    @property
    def owners(self) -> str:
        f = self._facts.fact
        return (
            f"{f('Priority')} · Director: {f('Director')}"
            f" · Portfolio holder: {f('Portfolio holder')}"
        )

    @property
    def restated(self) -> str | None:
        """'Restated: was 512, now 547' when the figure was revised, else None."""
        return self._facts.restated

    @property
    def texts(self) -> list[tuple[str, str]]:
        """Commentary, improvement plan, timeframe, finance and risk impact as recorded."""
        return [(label, text_or(self.row.get(key))) for key, label in NARRATIVE_FIELDS]


@dataclass(frozen=True)
class PrioritySection:
    """One priority: its sentence, its measures this period and its exceptions."""

    priority_id: str
    name: str
    sentence: str
    reporting: pd.DataFrame
    exceptions: list[ExceptionItem] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.priority_id} – {self.name}"


@dataclass(frozen=True)
class Pack:
    """Everything the three formats show for one period (and optionally one priority)."""

    period: pd.Timestamp
    priority: str | None
    priority_name: str | None
    demo: bool
    as_of: dt.date | None
    last_loaded: dt.datetime | None
    reporting: pd.DataFrame
    report: dict[str, Any]
    by_frequency: pd.DataFrame
    by_priority: pd.DataFrame
    trailing: pd.DataFrame
    changes: pd.DataFrame
    priorities: list[PrioritySection]
    rag_figure: go.Figure | None
    waiting_figure: go.Figure | None
    waiting_latest: pd.DataFrame
    risk_period: pd.Timestamp | None
    risks: pd.DataFrame
    heatmap_figure: go.Figure | None
    risk_bands: tuple[int, int]
    #: Chart PNGs already drawn for this pack (shared by its PDF and PowerPoint).
    images: dict[tuple[int, int, int, float], bytes] = field(default_factory=dict, repr=False)
    #: Table 2 as the council prints it: each month of the financial year so far.
    table2_financial_year: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    #: The Status of Indicators: each priority's status (metrics.priority_status).
    indicators: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    #: ASCOF-annex benchmarks (metrics.benchmarks) and the rule in words.
    benchmarks: pd.DataFrame = field(default_factory=pd.DataFrame)
    benchmark_rule: str = ""
    #: Table 13 (metrics.finance) for the latest finance report at or before the period.
    finance: pd.DataFrame = field(default_factory=pd.DataFrame)
    finance_period: pd.Timestamp | None = None
    finance_rule: str = ""

    @property
    def period_long(self) -> str:
        return month_long(self.period)

    @property
    def period_short(self) -> str:
        return month_label(self.period)

    @property
    def financial_year(self) -> str:
        return financial_year(self.period)

    @property
    def as_reported(self) -> str:
        """When the figures were taken: an as-of date, or the latest figures and last load."""
        if self.as_of is not None:
            return f"As reported on {day_long(self.as_of)}"
        if self.last_loaded is not None:
            return f"Latest figures (last load {stamp_long(self.last_loaded)})"
        return "Latest figures"

    @property
    def scope(self) -> str:
        if self.priority:
            return f"Priority {self.priority} – {self.priority_name}"
        return "All priorities"

    @property
    def exceptions(self) -> list[ExceptionItem]:
        return [item for section in self.priorities for item in section.exceptions]

    @cached_property
    def measure_table(self) -> pd.DataFrame:
        """Every reporting measure as display columns (labels, not codes) for Excel and CSV."""
        return measure_table(self.reporting)

    @cached_property
    def annex(self) -> pd.DataFrame:
        """Annex A: every reporting measure in the council's columns (metrics.annex)."""
        return annex_table(self.reporting)

    @property
    def annex_groups(self) -> list[tuple[str, str, pd.DataFrame]]:
        return annex_groups(self.annex) if len(self.annex) else []

    @property
    def red_measures(self) -> list[str]:
        """Table 3: 'OCC01.04 Oxfordshire greenhouse gas…', each measure whose status is Red."""
        red = red_in_order(self.reporting)
        return [f"{m} {n}" for m, n in zip(red["measure_id"], red["name"], strict=True)]

    @property
    def headline(self) -> str:
        """One sentence: how many measures reported and how many are exceptions."""
        total = len(self.reporting)
        exceptions = len(self.exceptions)
        return (
            f"{total:,} measure{'s' if total != 1 else ''} reported in {self.period_long}; "
            f"{exceptions:,} {'is an exception' if exceptions == 1 else 'are exceptions'} "
            f"({EXCEPTION_RULE})."
        )


def measure_table(reporting: pd.DataFrame) -> pd.DataFrame:
    """Table of measures for Excel and CSV: status codes (the writer turns them into words),
    direction in words, numbers left as numbers."""
    out = pd.DataFrame(index=reporting.index)
    for label, column in MEASURE_COLUMNS:
        values = reporting[column] if column in reporting else pd.Series(None, index=out.index)
        if column in ("status", "previous_status", "ytd_status"):
            # Codes, turned into words only when written (exports.xlsx); blank reads "–".
            out[label] = values.map(lambda s: s if isinstance(s, str) else "–").astype(object)
        elif column == "direction":
            moves = reporting.get("movement", pd.Series(None, index=reporting.index))
            out[label] = pd.Series(
                [direction_label(d, m) for d, m in zip(values, moves, strict=True)],
                index=out.index,
                dtype=object,
            )
        elif column == "exception":
            out[label] = values.map(lambda e: "Yes" if bool(e) else "No").astype(object)
        elif column in ("actual", "target", "ytd_actual", "ytd_target"):
            out[label] = pd.to_numeric(values, errors="coerce")
        elif column == "periods_at_status":
            out[label] = pd.to_numeric(values, errors="coerce").astype("Int64")
        else:
            out[label] = values.astype(object).where(values.notna(), None)
    return out.reset_index(drop=True)


def _waiting(
    data: Dataset,
    statuses: pd.DataFrame,
    period: pd.Timestamp,
    anchors: pd.DataFrame,
    charts: bool = True,
) -> tuple[go.Figure | None, pd.DataFrame]:
    """The people-waiting chart (by team) and the latest wait figures, up to `period`.

    `statuses` is already limited to the pack's priority, so a pack for a priority without
    the waiting measures has no waiting section.
    """
    statuses = statuses[statuses["period"] <= period]
    family = headline_list(families(data.waiting_lists, data.catalogue))
    if family is None:
        return None, pd.DataFrame()
    waiting_measure = family.roles["waiting"]
    whole = statuses[statuses["measure_id"] == waiting_measure]
    latest_figures = []
    by_measure = latest_rows(statuses, period)
    for measure_id, label in family.headline_measures():
        if measure_id not in by_measure.index:
            continue
        last = by_measure.loc[measure_id]
        latest_figures.append(
            {
                "Measure": f"{label} ({measure_id})",
                "Month": month_label(last["period"]),
                "Latest": format_value(last["actual"], last["unit"]),
                "Target": format_value(last["target"], last["unit"]),
                "Status": status_label(last["status"]),
                "status_code": last["status"],
                "Direction": direction_label(last["direction"], last["movement"]),
                "A year earlier": format_value(last["year_ago_actual"], last["unit"]),
            }
        )
    latest = pd.DataFrame(latest_figures)
    if whole.empty or not charts:
        return None, latest
    start = period - pd.DateOffset(months=WAITING_MONTHS)  # the page's default "Last 2 years"
    teams = data.team_rows([waiting_measure])
    team_rows = (
        teams[
            (teams["measure_id"] == waiting_measure)
            & (teams["period"] <= period)
            & (teams["period"] > start)
        ]
        if len(teams)
        else teams
    )
    fig = waiting_list_by_team(
        team_rows.sort_values("period"),
        whole[whole["period"] > start].sort_values("period"),
        anchors=anchors[anchors["measure_id"] == waiting_measure],
    )
    return fig, latest


def _risks(
    data: Dataset, period: pd.Timestamp, amber_from: int, red_from: int, charts: bool = True
) -> tuple[pd.Timestamp | None, pd.DataFrame, go.Figure | None]:
    """The register for the latest assessment month up to `period`, and its heat map."""
    risks = data.risks
    when = risk_period(risks, period)
    if when is None:
        return None, pd.DataFrame(), None
    register = risk_register(risks, when, amber_from, red_from)
    register = register.sort_values(["residual_score", "risk_id"], ascending=[False, True])
    register = register.reset_index(drop=True)
    if not charts:
        return when, register, None
    title = f"Likelihood × impact, {month_label(when)}"  # as the Strategic risks page
    return (
        when,
        register,
        risk_heatmap(register, amber_from=amber_from, red_from=red_from, title=title),
    )


def build_pack(
    data: Dataset,
    period: dt.date | pd.Timestamp | str,
    priority: str | None = None,
    settings: Settings | None = None,
    *,
    charts: bool = True,
) -> Pack:
    """Gather the pack for `period` (a date or `YYYY-MM`) and optionally one priority.

    `charts=False` skips building the Plotly figures (Excel and CSV have no charts).
    """
    if isinstance(period, str):
        from metrics.periods import parse_period

        period = parse_period(period)
    when = pd.Timestamp(period)
    settings = settings or get_settings()
    if not len(for_period(data.statuses, when)):
        raise PackError(f"No measures were reported for {month_long(when)}.")
    catalogue = data.catalogue.drop_duplicates("priority_id").sort_values("priority_id")
    priority = priority or None
    priority_name = None
    statuses = data.statuses
    if priority:
        known = catalogue[catalogue["priority_id"] == priority]
        if known.empty:
            choices = ", ".join(catalogue["priority_id"])
            raise PackError(f"Unknown priority {priority!r} (choose from {choices}).")
        priority_name = str(known["priority_name"].iloc[0])
        catalogue = known
        statuses = statuses[statuses["priority_id"] == priority]
    reporting = for_period(statuses, when).sort_values(["priority_id", "measure_id"])
    reporting = reporting.reset_index(drop=True)
    history = statuses[statuses["period"] <= when]
    anchors = published_points()

    sections = []
    for prio in catalogue.itertuples(index=False):
        mine = reporting[reporting["priority_id"] == prio.priority_id]
        exceptions = exceptions_in_order(mine)
        items = [
            ExceptionItem(
                row,
                exception_figure(row, history, data.comparators, anchors, data.events)
                if charts
                else None,
            )
            for _, row in exceptions.iterrows()
        ]
        sections.append(
            PrioritySection(
                prio.priority_id,
                str(prio.priority_name),
                priority_sentence(mine, when),
                mine.reset_index(drop=True),
                items,
            )
        )
    waiting_figure, waiting_latest = _waiting(data, statuses, when, anchors, charts)
    amber_from, red_from = settings.risk_amber_from, settings.risk_red_from
    risk_period, register, heatmap = _risks(data, when, amber_from, red_from, charts)
    loads = data.loads
    last_loaded = None
    if len(loads) and "loaded_at" in loads:
        stamps = pd.to_datetime(loads["loaded_at"])
        if data.as_of is not None:
            stamps = stamps[stamps.dt.date <= data.as_of]
        last_loaded = stamps.max().to_pydatetime() if len(stamps) else None
    return Pack(
        period=when,
        priority=priority,
        priority_name=priority_name,
        demo=data.demo,
        as_of=data.as_of,
        last_loaded=last_loaded,
        reporting=reporting,
        report=report_dict(statuses, when),
        by_frequency=counts_by_frequency(reporting) if len(reporting) else pd.DataFrame(),
        by_priority=status_counts(reporting, "priority_id") if len(reporting) else pd.DataFrame(),
        trailing=trailing_periods(statuses, when, 12),
        changes=status_change_rows(reporting),
        priorities=sections,
        rag_figure=rag_by_priority(reporting) if charts else None,
        waiting_figure=waiting_figure,
        waiting_latest=waiting_latest,
        risk_period=risk_period,
        risks=register,
        heatmap_figure=heatmap,
        risk_bands=(amber_from, red_from),
        table2_financial_year=table2(statuses, when),
        indicators=priority_statuses(reporting, catalogue, data.priority_reports),
        **_benchmarks_and_finance(data, statuses, when, priority),
    )


def _benchmarks_and_finance(
    data: Dataset,
    statuses: pd.DataFrame,
    when: pd.Timestamp,
    priority: str | None,
) -> dict[str, Any]:
    """The benchmark table, and (for the whole directorate only) Table 13."""
    from metrics.benchmarks import BenchmarkGroups, benchmark_table
    from metrics.finance import FinanceThresholds, finance_table

    groups = BenchmarkGroups.from_env()
    out: dict[str, Any] = {
        "benchmarks": benchmark_table(
            statuses, data.comparators, data.catalogue, groups, up_to=when
        ),
        "benchmark_rule": groups.rule(),
    }
    rows = data.finance
    if priority:
        return out
    reported = finance_period(rows, when)
    if reported is not None:
        thresholds = FinanceThresholds.from_env()
        out["finance"] = finance_table(rows, reported, thresholds)
        out["finance_period"] = reported
        out["finance_rule"] = thresholds.rule()
    return out


def require_charts(pack: Pack) -> go.Figure:
    """The RAG figure of a pack built with charts (PDF and PowerPoint need them)."""
    if pack.rag_figure is None:
        raise PackError("This pack was gathered without charts (charts=False).")
    return pack.rag_figure


def file_stem(pack: Pack) -> str:
    """A download name: `meaningful-measures-2024-09` (plus `-p1` for one priority)."""
    stem = f"meaningful-measures-{period_key(pack.period)}"
    return f"{stem}-{pack.priority.lower()}" if pack.priority else stem
