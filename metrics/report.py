"""Period report: every measure's status, previous status, direction, run length and exception.

Computed for all measures and periods at once (vectorised pandas), then sliced by period; the
CLI report, the pages and the exports all read these frames and never re-derive a status.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from metrics.definitions import RATING_FIELDS, in_force
from metrics.exceptions import exceptions_in_order  # noqa: F401 - moved; old import path kept
from metrics.periods import month_indices, month_long, period_key
from metrics.rag import direction_of_travel, movement, rag_status
from metrics.reported import NO_DATA_REASONS, no_data_kind, status_used
from metrics.vocab import FREQUENCIES, FREQUENCY_MONTHS, STATUSES

_CATALOGUE_COLUMNS = [
    "measure_id",
    "name",
    "priority_id",
    "priority_name",
    "director",
    "portfolio_holder",
    "frequency",
    "polarity",
    "unit",
    "tolerance",
    "tolerance_type",
]


_CODED = ("polarity", "tolerance_type", "frequency")


def _month_index(periods: pd.Series) -> np.ndarray:
    return month_indices(periods)


def _same_series(measure: Any) -> np.ndarray:
    """For rows sorted by (measure, period): whether each row's measure is the row before's."""
    keys = np.asarray(measure)
    same = np.zeros(len(keys), dtype=bool)
    if len(keys) > 1:
        same[1:] = keys[1:] == keys[:-1]
    return same


def reporting_step(frequency: Any) -> np.ndarray:
    """Months from one report to the next for each row's frequency (a blank frequency: 1).

    Monthly 1, bimonthly 2, quarterly 3, six-monthly 6, annual 12, as vocab.FREQUENCY_MONTHS.
    """
    coded = frequency if isinstance(frequency, pd.Categorical) else pd.Categorical(frequency)
    steps = np.array([FREQUENCY_MONTHS.get(name, 1) for name in coded.categories] + [1])
    return steps[coded.codes]  # code -1 (blank frequency) picks the trailing 1


def periods_at_status(
    measure: Any, period: pd.Series, status: pd.Series, step: np.ndarray
) -> np.ndarray:
    """Run length: how many reports running (this one included) a measure has held its status.

    Rows are sorted by (measure, period). A run continues only from the measure's previous
    report exactly one reporting step earlier (`step` months) with the same status; a missed
    report, a new measure or a change of status starts again at 1.
    """
    same = _same_series(measure)
    month = _month_index(pd.Series(period))
    gap = month - np.r_[month[:1], month[:-1]]
    words = pd.Series(status).to_numpy(dtype=object, na_value=None)
    kept = np.zeros(len(words), dtype=bool)
    if len(words) > 1:  # a blank status never continues a run
        kept[1:] = (words[1:] == words[:-1]) & pd.notna(words[1:])
    new_run = ~(same & (gap == step) & kept)
    position = np.arange(len(words))
    if not len(words):
        return position
    return position - np.maximum.accumulate(np.where(new_run, position, 0)) + 1


def is_exception(status: pd.Series, periods_at_status: Any) -> pd.Series:
    """The council's exception: Red, or Amber for two reports running or more."""
    runs = np.asarray(periods_at_status)
    return status.eq("red") | (status.eq("amber") & (runs >= 2))


def year_ago_actual(measure: Any, period: pd.Series, actual: pd.Series) -> np.ndarray:
    """The same measure's figure for the period exactly 12 months earlier (NaN if none).

    Rows are sorted by (measure, period), so a binary search on one integer key per row
    (measure number, month) finds the row without a merge.
    """
    same = _same_series(measure)
    month = _month_index(pd.Series(period))
    key = np.cumsum(~same) * 100_000 + month
    out = np.full(len(key), np.nan)
    if len(key):
        at = np.searchsorted(key, key - 12)  # never past the row itself, so always in range
        found = key[at] == key - 12
        out[found] = pd.Series(actual).to_numpy(dtype=float, na_value=np.nan)[at[found]]
    return out


def ytd_statuses(
    ytd_actual: pd.Series,
    ytd_target: pd.Series,
    polarity: Any,
    tolerance: pd.Series,
    tolerance_type: Any,
    reported: pd.Series,
) -> tuple[pd.Series, pd.Series]:
    """Year-to-date status by the same RAG rule and tolerance as the period's, and the one used.

    The computed one is the rule's; the one used is the council's reported YTD status where
    given, else the computed one.
    """
    computed = rag_status(ytd_actual, ytd_target, polarity, tolerance, tolerance_type)
    if reported.notna().any():
        used, _ = status_used(computed, reported)
        return computed, used
    return computed, computed


def _join_catalogue(snapshots: pd.DataFrame, cat: pd.DataFrame) -> pd.DataFrame:
    """`snapshots.merge(cat, on="measure_id", how="inner")`, looking ids up with Arrow.

    The same rows, order and columns as the merge, without pandas sorting out join indexers on
    120,000 string keys; anything unusual (a repeated id, a shared column name) takes the merge.
    """
    shared = (set(snapshots.columns) & set(cat.columns)) - {"measure_id"}
    if shared or not cat["measure_id"].is_unique or not len(snapshots):
        return snapshots.merge(cat, on="measure_id", how="inner")
    left = pa.array(snapshots["measure_id"], from_pandas=True)
    right = pa.array(cat["measure_id"], from_pandas=True).cast(left.type)
    at = pc.fill_null(pc.index_in(left, value_set=right), -1).to_numpy()
    if (at < 0).any():
        rows = np.flatnonzero(at >= 0)
        snapshots, at = snapshots.take(rows), at[rows]
    details = cat.drop(columns="measure_id").take(at).reset_index(drop=True)
    return pd.concat([snapshots.reset_index(drop=True), details], axis=1)


def _in_order(rank: np.ndarray, when: np.ndarray) -> bool:
    """Whether rows already run by rank, then by period within a rank."""
    step, gap = np.diff(rank), np.diff(when)
    return bool(((step > 0) | ((step == 0) & (gap >= gap.dtype.type(0)))).all())


def measure_statuses(
    snapshots: pd.DataFrame, catalogue: pd.DataFrame, definitions: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Every whole-measure snapshot with status, previous status, direction and run length.

    A measure's previous snapshot is its latest earlier one, so quarterly measures compare
    with the previous quarter. A run of the same status continues only across consecutive
    reporting periods of the measure's own frequency (a bimonthly measure: two months apart).
    `definitions` (metrics.definitions.timeline) rates each period by the definition in force
    then. `status` is the status used: the reported one where given, else `computed_status`.
    """
    cat = catalogue[[c for c in _CATALOGUE_COLUMNS if c in catalogue]].copy()
    # The rules read three words per row; coding them on the (small) catalogue and carrying the
    # codes through the merge saves factorising every snapshot row's words again.
    words: dict[str, pd.Index] = {}
    for column in _CODED:
        codes, words[column] = pd.factorize(cat[column])
        cat[f"_{column}"] = codes
    cat["_rank"] = pd.factorize(cat["measure_id"], sort=True)[0]
    frame = _join_catalogue(snapshots, cat)
    # Sorted by (measure, period) on integer keys; the read side usually delivers that order
    # already, and checking it costs far less than sorting 120,000 strings again.
    rank, when = frame.pop("_rank").to_numpy(), frame["period"].to_numpy()
    if not _in_order(rank, when):
        order = np.lexsort((when, rank))  # lexsort is stable, as sort_values was
        frame, rank = frame.take(order), rank[order]
    frame = frame.reset_index(drop=True)
    coded = {
        column: pd.Categorical.from_codes(frame.pop(f"_{column}"), categories=words[column])
        for column in _CODED
    }
    dated = in_force(frame, definitions) if definitions is not None else None
    if dated is not None:  # some measure changed definition: rate each row by its own
        for column in RATING_FIELDS:
            frame.loc[dated.index, column] = dated[column]
        coded = {column: pd.Categorical(frame[column]) for column in _CODED}
    polarity, tolerance_type = coded["polarity"], coded["tolerance_type"]
    frame["computed_status"] = rag_status(
        frame["actual"], frame["target"], polarity, frame["tolerance"], tolerance_type
    )
    for column in ("reported_status", "reported_ytd_status", "status_note", "no_data_reason"):
        if column not in frame:
            frame[column] = None
    if frame["reported_status"].notna().any():
        frame["status"], frame["status_source"] = status_used(
            frame["computed_status"], frame["reported_status"]
        )
    else:
        frame["status"], frame["status_source"] = frame["computed_status"], "computed"
    frame["computed_ytd_status"], frame["ytd_status"] = ytd_statuses(
        frame["ytd_actual"],
        frame["ytd_target"],
        polarity,
        frame["tolerance"],
        tolerance_type,
        frame["reported_ytd_status"],
    )
    frame["no_data_kind"] = no_data_kind(frame["status"], frame["no_data_reason"])
    same = pd.Series(_same_series(rank), index=frame.index)
    frame["previous_period"] = frame["period"].shift().where(same)
    frame["previous_actual"] = frame["actual"].shift().where(same)
    frame["previous_status"] = frame["status"].shift().where(same)
    frame["direction"] = direction_of_travel(frame["actual"], frame["previous_actual"], polarity)
    frame["movement"] = movement(frame["actual"], frame["previous_actual"])
    step = reporting_step(coded["frequency"])
    frame["periods_at_status"] = periods_at_status(rank, frame["period"], frame["status"], step)
    frame["exception"] = is_exception(frame["status"], frame["periods_at_status"])
    frame["year_ago_actual"] = year_ago_actual(rank, frame["period"], frame["actual"])
    frame["year_on_year"] = direction_of_travel(frame["actual"], frame["year_ago_actual"], polarity)
    frame["year_on_year_movement"] = movement(frame["actual"], frame["year_ago_actual"])
    return frame


def for_period(statuses: pd.DataFrame, period: dt.date | pd.Timestamp) -> pd.DataFrame:
    """The measures reporting in one period (those with a snapshot for it)."""
    return statuses[statuses["period"] == pd.Timestamp(period)].reset_index(drop=True)


def status_changes(reporting: pd.DataFrame) -> pd.DataFrame:
    """From -> to status for each reporting measure that has a previous snapshot."""
    has_previous = reporting["previous_status"].notna()
    out = reporting.loc[has_previous, ["measure_id", "name", "priority_id"]].copy()
    out["from"] = reporting.loc[has_previous, "previous_status"]
    out["to"] = reporting.loc[has_previous, "status"]
    return out.reset_index(drop=True)


def change_matrix(changes: pd.DataFrame) -> pd.DataFrame:
    """Counts of from (rows) -> to (columns), in status order, for the status-change table."""
    matrix = pd.crosstab(changes["from"], changes["to"])  # an empty one reindexes to zeros
    return matrix.reindex(index=list(STATUSES), columns=list(STATUSES), fill_value=0)


def _status_codes(status: pd.Series) -> np.ndarray:
    """Each status word's position in STATUSES (-1 for a blank or unknown word), via Arrow."""
    words = pa.array(status.to_numpy(dtype=object, na_value=None), type=pa.string())
    found = pc.index_in(words, value_set=pa.array(list(STATUSES), type=pa.string()))
    return pc.fill_null(found, -1).to_numpy(zero_copy_only=False).astype(np.int64)


def status_counts(reporting: pd.DataFrame, by: str | None = None) -> pd.DataFrame:
    """Counts and percentages of each status, plus "amber two periods or more" and exceptions."""
    keys = reporting[by] if by else pd.Series("all", index=reporting.index)
    group, uniques = pd.factorize(keys, sort=True)  # -1: a blank key, left out
    n_groups, n_states = len(uniques), len(STATUSES)
    state = _status_codes(reporting["status"])
    rows = group >= 0
    cells = rows & (state >= 0)
    table = np.bincount(
        group[cells] * n_states + state[cells], minlength=n_groups * n_states
    ).reshape(n_groups, n_states)
    columns: dict[str, np.ndarray] = {s: table[:, i] for i, s in enumerate(STATUSES)}
    amber_2plus = reporting["status"].eq("amber") & reporting["exception"]  # Amber exceptions
    for name, flags in (("amber_2plus", amber_2plus), ("exceptions", reporting["exception"])):
        weights = flags.to_numpy(dtype=float)[rows]
        columns[name] = np.bincount(group[rows], weights, minlength=n_groups).astype(np.int64)
    kind = reporting["no_data_kind"] if "no_data_kind" in reporting else None
    for reason in NO_DATA_REASONS:  # Table 1 counts "data unavailable" and "none received" apart
        flags = kind.eq(reason) if kind is not None else pd.Series(False, index=reporting.index)
        weights = flags.fillna(False).to_numpy(dtype=float)[rows]
        columns[reason] = np.bincount(group[rows], weights, minlength=n_groups).astype(np.int64)
    columns["total"] = table.sum(axis=1)
    for status in (*STATUSES, "amber_2plus", *NO_DATA_REASONS):
        columns[f"{status}_pct"] = 100.0 * columns[status] / np.maximum(columns["total"], 1)
    counts = pd.DataFrame(columns, index=pd.Index(uniques, name=by or "scope"))
    counts.columns.name = "status"
    return counts


def counts_by_frequency(reporting: pd.DataFrame) -> pd.DataFrame:
    """The report's Table 1: status counts for each frequency, in contract order."""
    table = status_counts(reporting, "frequency")
    order = [f for f in FREQUENCIES if f in table.index]
    return table.loc[order]


def trailing_periods(
    statuses: pd.DataFrame, period: dt.date | pd.Timestamp, n: int = 12
) -> pd.DataFrame:
    """The report's Table 2: status counts for each of the last `n` periods up to `period`."""
    end = pd.Timestamp(period)
    start = end - pd.DateOffset(months=n - 1)
    window = statuses[(statuses["period"] >= start) & (statuses["period"] <= end)]
    table = status_counts(window, "period")
    months = pd.date_range(start, end, freq="MS")
    return table.reindex(months, fill_value=0).rename_axis("period")


_NUMBER_WORDS = (
    "no zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()[1:]


def _words(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else f"{n:,}"


def priority_sentence(reporting: pd.DataFrame, period: dt.date | pd.Timestamp) -> str:
    """One sentence in the council's style summarising a priority's measures this period."""
    total = len(reporting)
    when = month_long(pd.Timestamp(period))
    if total == 0:
        return f"This priority has no measures being reported in {when}."
    green = int(reporting["status"].eq("green").sum())
    amber_exc = int((reporting["status"].eq("amber") & reporting["exception"]).sum())
    amber_other = int((reporting["status"].eq("amber") & ~reporting["exception"]).sum())
    red = int(reporting["status"].eq("red").sum())
    other = total - green - amber_exc - amber_other - red

    def part(n: int, text: str) -> str:
        verb = "is" if n == 1 else "are"
        return f"{_words(n)} ({round(100 * n / total)}%) {verb} {text}"

    parts = [part(green, "Green")]
    if amber_other:
        parts.append(part(amber_other, "Amber for the first period"))
    amber_text = (
        "reporting as an Amber exception" if amber_exc == 1 else "reporting as Amber exceptions"
    )
    if amber_exc:
        parts.append(part(amber_exc, amber_text))
    parts.append(part(red, "Red"))
    if other:
        has = "has" if other == 1 else "have"
        parts.append(part(other, f"for monitoring only or {has} no data"))
    noun = "measure" if total == 1 else "measures"
    body = ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"This priority has {_words(total)} {noun} being reported in {when}: {body}."


def _counts_dict(table: pd.DataFrame) -> dict[str, dict[str, Any]]:
    whole = (
        *("green", "amber", "red", "monitoring", "no_data", "amber_2plus", "exceptions"),
        *NO_DATA_REASONS,
        "total",
    )
    shares = (*STATUSES, "amber_2plus", *NO_DATA_REASONS)
    counts = table[list(whole)].to_numpy(dtype=np.int64).tolist()
    pcts = table[[f"{s}_pct" for s in shares]].to_numpy(dtype=float).tolist()
    return {
        str(key): {
            **dict(zip(whole, c, strict=True)),
            "pct": {s: round(p, 1) for s, p in zip(shares, pc, strict=True)},
        }
        for key, c, pc in zip(table.index, counts, pcts, strict=True)
    }


def report_dict(statuses: pd.DataFrame, period: dt.date | pd.Timestamp) -> dict[str, Any]:
    """The CLI's JSON report for one period, built from `measure_statuses` output."""
    reporting = for_period(statuses, period)
    keys = ("measure_id", "priority_id", "frequency", "status", "previous_status", "direction")
    # Whole columns through numpy, not row-by-row access (Arrow strings iterate slowly).
    columns = [reporting[k].to_numpy(dtype=object).tolist() for k in keys]
    runs = reporting["periods_at_status"].astype(int).tolist()
    flags = reporting["exception"].astype(bool).tolist()
    extra_keys = ("computed_status", "status_source", "status_note", "no_data_reason")
    extras = [
        [v if isinstance(v, str) else None for v in reporting[k].tolist()] for k in extra_keys
    ]
    measures = [
        {
            **dict(zip(keys, values, strict=True)),
            "previous_status": values[4] if isinstance(values[4], str) else None,
            "periods_at_status": run,
            "exception": flag,
            **dict(zip(extra_keys, more, strict=True)),
        }
        for *values, run, flag, more in zip(
            *columns, runs, flags, zip(*extras, strict=True), strict=True
        )
    ]
    changes = status_changes(reporting)
    return {
        "period": period_key(pd.Timestamp(period)),
        "measures": measures,
        "exceptions": [m["measure_id"] for m in measures if m["exception"]],
        "status_changes": [
            {"measure_id": mid, "from": old, "to": new}
            for mid, old, new in zip(
                changes["measure_id"], changes["from"], changes["to"], strict=True
            )
            if old != new
        ],
        "summary": {  # no measures reporting: empty tables, so empty dicts
            "by_frequency": _counts_dict(counts_by_frequency(reporting)),
            "by_priority": _counts_dict(status_counts(reporting, "priority_id")),
        },
    }
