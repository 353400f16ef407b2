"""XmR statistical process control the NHS "Making Data Count" way, for many series at once.

Reproduces NHSRplotthedots 0.2.2 (limits, screening, special-cause rules, point types; see
shared/reference/spc.md), except that missing values are dropped rather than signalled.
Every series is computed in one vectorised pass: rows are sorted once by (series, t), each
(series, rebase group) becomes a contiguous segment and every rule works on whole arrays.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping, Sequence
from typing import Any, Final, Literal

import numpy as np
import pandas as pd

from metrics.vocab import SPC_COLOURS as SPC_COLOURS  # declared with every status colour

Improvement = Literal["increase", "decrease", "neutral"]

#: Process limits sit this many average moving ranges from the mean (3 sigma).
LIMIT: Final = 2.66
#: The "near limit" band (2 sigma), computed as the R package does.
NEAR_LIMIT: Final = 2 * (LIMIT / 3)
#: Moving ranges at or above this multiple of the average are screened out.
SCREEN_FACTOR: Final = 3.267
#: Fewer non-missing points than this in a group: limits are "trial" and icons are not shown.
MIN_POINTS_FOR_ICONS: Final = 13
#: Fewer non-missing points than this in a group: no moving range, so no limits at all.
MIN_POINTS_FOR_LIMITS: Final = 2
#: Smallest allowed ``fix_after_n_points``.
MIN_FIX_AFTER: Final = 12

POINT_TYPES: Final = (
    "common_cause",
    "special_cause_improvement",
    "special_cause_concern",
    "special_cause_neutral",
)
ASSURANCE_TYPES: Final = ("consistently_pass", "hit_and_miss", "consistently_fail", "none")

TARGET_LINE_DASH: Final = "dash"

COMMON_CAUSE: Final = "Common Cause"
ABOVE_UCL: Final = "Above UCL"
BELOW_LCL: Final = "Below LCL"

#: Polarity words accepted for ``improvement`` (the store's polarity vocabulary included).
IMPROVEMENTS: Final[tuple[Improvement, ...]] = ("increase", "decrease", "neutral")
_IMPROVEMENT_ALIASES: Final[dict[str, Improvement]] = {
    "increase": "increase",
    "higher_is_better": "increase",
    "decrease": "decrease",
    "lower_is_better": "decrease",
    "neutral": "neutral",
    "monitoring_only": "neutral",
}

_VARIATION_WORDS: Final = {
    "special_cause_improvement": "improvement",
    "special_cause_concern": "concern",
    "special_cause_neutral": "neither improvement nor concern",
}
_ASSURANCE_TEXT: Final = {
    "consistently_pass": "Consistently passing: the target lies outside the process limits, "
    "so every expected value meets it",
    "consistently_fail": "Consistently failing: the target lies outside the process limits, "
    "so no expected value meets it",
    "hit_and_miss": "Hit and miss: the target lies inside the process limits",
}


def special_cause_labels(run_length: int = 7, trend_length: int = 7) -> tuple[str, ...]:
    """The special_cause_type words in precedence order, so pages can match on them."""
    return (
        ABOVE_UCL,
        BELOW_LCL,
        f"{trend_length} Point Trend (Increasing)",
        f"{trend_length} Point Trend (Decreasing)",
        "2 in 3 Above CL",
        "2 in 3 Below CL",
        f"{run_length} Points Above CL",
        f"{run_length} Points Below CL",
    )


# Which of the labels above are a "high" signal (the rest are "low").
_LABEL_IS_HIGH: Final = np.array([False, True, False, True, False, True, False, True, False])


def _normalise_improvement(value: Any) -> Improvement:
    key = str(value).strip().lower()
    if key not in _IMPROVEMENT_ALIASES:
        raise ValueError(
            f"improvement must be one of {sorted(_IMPROVEMENT_ALIASES)}, got {value!r}"
        )
    return _IMPROVEMENT_ALIASES[key]


def _improvement_column(frame: pd.DataFrame, default: Improvement) -> np.ndarray:
    """Per-row polarity index into IMPROVEMENTS: the ``improvement`` column, else the default."""
    default_index = IMPROVEMENTS.index(default)
    if "improvement" not in frame.columns:
        return np.full(len(frame), default_index, dtype=np.int8)
    codes, uniques = pd.factorize(frame["improvement"], use_na_sentinel=True)
    indices = np.array(
        [IMPROVEMENTS.index(_normalise_improvement(u)) for u in uniques] + [default_index],
        dtype=np.int8,
    )
    return indices[codes]


def _as_list(values: Any) -> list[Any]:
    if isinstance(values, str | bytes) or not isinstance(values, Sequence | np.ndarray | pd.Index):
        return [values]
    return list(values)


def _on_or_after(t: pd.Series, start: Any) -> np.ndarray:
    if pd.api.types.is_datetime64_any_dtype(t):
        start = pd.Timestamp(start)
        tz = getattr(t.dtype, "tz", None)
        if tz is not None and start.tzinfo is None:
            start = start.tz_localize(tz)
    return (t >= start).to_numpy(dtype=bool)


def _rebase_counts(
    frame: pd.DataFrame, rebase: Mapping[Hashable, Any] | Sequence[Any] | None
) -> np.ndarray:
    """How many rebase points each row is on or after; a change starts a new group."""
    counts = np.zeros(len(frame), dtype=np.int64)
    if rebase is None:
        return counts
    t = frame["t"]
    if isinstance(rebase, Mapping):
        for key, starts in rebase.items():
            in_series = (frame["series"] == key).to_numpy(dtype=bool)
            for start in _as_list(starts):
                counts += in_series & _on_or_after(t, start)
    else:
        for start in _as_list(rebase):
            counts += _on_or_after(t, start)
    return counts


def _segment_fsum(values: np.ndarray, seg: np.ndarray, n_seg: int) -> np.ndarray:
    """Correctly rounded sum of each segment (``seg`` sorted), so exact means compare equal."""
    sums = np.zeros(n_seg)
    if values.size == 0:
        return sums
    starts = np.flatnonzero(np.r_[True, seg[1:] != seg[:-1]])
    ends = np.r_[starts[1:], values.size]
    as_list = values.tolist()
    sums[seg[starts]] = [math.fsum(as_list[a:b]) for a, b in zip(starts, ends, strict=True)]
    return sums


def _segment_mean(values: np.ndarray, seg: np.ndarray, n_seg: int) -> np.ndarray:
    counts = np.bincount(seg, minlength=n_seg)
    with np.errstate(invalid="ignore", divide="ignore"):
        return _segment_fsum(values, seg, n_seg) / counts


def _run_lengths(flag: np.ndarray, same_prev: np.ndarray) -> np.ndarray:
    """Length of the run of True (not crossing a segment) that each element is in; 0 if False."""
    if flag.size == 0:
        return np.zeros(0, dtype=np.int64)
    continues = np.r_[False, flag[:-1]] & same_prev
    run_id = np.cumsum(flag & ~continues)
    lengths = np.bincount(run_id[flag], minlength=int(run_id[-1]) + 1)
    return np.where(flag, lengths[run_id], 0)


def _validate_options(
    improvement: str,
    run_length: int,
    trend_length: int,
    fix_after_n_points: int | None,
) -> Improvement:
    for name, value in (("run_length", run_length), ("trend_length", trend_length)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 2:
            raise ValueError(f"{name} must be an integer of at least 2, got {value!r}")
    if fix_after_n_points is not None and (
        isinstance(fix_after_n_points, bool)
        or not isinstance(fix_after_n_points, int | np.integer)
        or fix_after_n_points < MIN_FIX_AFTER
    ):
        raise ValueError(
            f"fix_after_n_points must be an integer of at least {MIN_FIX_AFTER}, "
            f"got {fix_after_n_points!r}"
        )
    return _normalise_improvement(improvement)


def _sort_order(series: pd.Series, t: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Row order by (series, t) and, in that order, 'same series as the previous row'."""
    s_codes, _ = pd.factorize(series, sort=False)
    t_codes, _ = pd.factorize(t, sort=True)
    if (s_codes < 0).any():
        raise ValueError("series must not be missing")
    if (t_codes < 0).any():
        raise ValueError("t must not be missing")
    order = np.lexsort((t_codes, s_codes))
    s_sorted = s_codes[order]
    t_sorted = t_codes[order]
    same_series = np.r_[False, s_sorted[1:] == s_sorted[:-1]]
    duplicated = same_series & np.r_[False, t_sorted[1:] == t_sorted[:-1]]
    if duplicated.any():
        first = order[np.flatnonzero(duplicated)[0]]
        raise ValueError(
            f"duplicate t within a series: series={series.iloc[first]!r}, t={t.iloc[first]!r}"
        )
    return order, same_series


def xmr(
    frame: pd.DataFrame,
    *,
    improvement: str = "increase",
    screen_outliers: bool = True,
    run_length: int = 7,
    trend_length: int = 7,
    two_of_three_includes_beyond: bool = False,
    fix_after_n_points: int | None = None,
    rebase: Mapping[Hashable, Any] | Sequence[Any] | None = None,
) -> pd.DataFrame:
    """XmR limits and special-cause point types for every series of a long frame in one call.

    ``frame`` has ``series``, ``t``, ``y`` (NaN allowed: a gap, excluded from limits and rules)
    and optionally ``target`` and a per-series ``improvement`` (increase / decrease / neutral or
    the polarity words higher_is_better / lower_is_better / monitoring_only), which overrides the
    keyword. ``rebase`` is a sequence of t values (every series) or a mapping series -> t values:
    each starts a new group at the first point on or after it. Returns the same rows in the same
    order with ``group``, ``mean``, ``lpl``, ``upl``, ``near_lpl``, ``near_upl``,
    ``special_cause_type``, ``special_cause_side``, ``point_type``, ``improvement``,
    ``trial_limits`` and ``insufficient_data`` added.
    """
    default = _validate_options(improvement, run_length, trend_length, fix_after_n_points)
    missing = {"series", "t", "y"} - set(frame.columns)
    if missing:
        raise ValueError(f"frame lacks column(s) {sorted(missing)}")

    n = len(frame)
    polarity = _improvement_column(frame, default)
    y_all = pd.to_numeric(frame["y"]).to_numpy(dtype="float64", na_value=np.nan)
    order, same_series = _sort_order(frame["series"], frame["t"])

    # Segments: one per (series, rebase group), contiguous in sorted order.
    raw_group = _rebase_counts(frame, rebase)[order]
    new_segment = ~same_series | (raw_group != np.r_[-1, raw_group[:-1]])
    seg = np.cumsum(new_segment) - 1
    n_seg = int(seg[-1]) + 1 if n else 0
    series_first_seg = np.maximum.accumulate(np.where(same_series, 0, seg)) if n else seg
    group = seg - series_first_seg

    y = y_all[order]
    valid = ~np.isnan(y)
    yv = y[valid]
    segv = seg[valid]
    nv = yv.size
    count = np.bincount(segv, minlength=n_seg)

    # Consecutive reported points: the previous non-missing point in the same segment.
    same_prev = np.r_[False, segv[1:] == segv[:-1]] if nv else np.zeros(0, dtype=bool)
    idx = np.arange(nv)
    pos = idx - np.maximum.accumulate(np.where(same_prev, 0, idx)) if nv else idx
    in_basis = pos < fix_after_n_points if fix_after_n_points is not None else np.ones(nv, bool)

    mean = _segment_mean(yv[in_basis], segv[in_basis], n_seg)

    mr = moving_ranges(yv, same_prev)
    amr = average_moving_range(mr, same_prev & in_basis, segv, n_seg, screen_outliers)
    lpl, upl, near_lpl, near_upl = process_limits(mean, amr)

    # Rules, over the non-missing points of each segment.
    m_v = mean[segv]
    above, below = outside_limits(yv, lpl[segv], upl[segv])
    high_side, low_side = yv > m_v, yv < m_v
    trend_up, trend_down = trend_points(yv, same_prev, trend_length)
    shift_up, shift_down = shift_points(high_side, low_side, same_prev, run_length)
    near = near_limit_points(
        yv, near_lpl[segv], near_upl[segv], above | below, two_of_three_includes_beyond
    )
    two_up, two_down = _two_in_three(near, high_side, low_side, same_prev)

    code = special_cause_codes(
        above, below, trend_up, trend_down, two_up, two_down, shift_up, shift_down
    )
    insufficient_seg = count < MIN_POINTS_FOR_LIMITS
    code[insufficient_seg[segv]] = 0
    pt_code, side_code = point_type_codes(code, polarity[order][valid])

    def unsort(sorted_values: np.ndarray) -> np.ndarray:
        out = np.empty_like(sorted_values)
        out[order] = sorted_values
        return out

    def words(valid_codes: np.ndarray, vocabulary: Sequence[str]) -> pd.Series:
        """Strings for the non-missing points (code -1: none), in input order."""
        full = np.full(n, -1, dtype=np.int64)
        full[valid] = valid_codes
        lookup = np.array([*vocabulary, None], dtype=object)
        return pd.Series(lookup[unsort(full)], index=frame.index, dtype="str")

    labels = (COMMON_CAUSE, *special_cause_labels(run_length, trend_length))
    by_segment = {
        "mean": mean,
        "lpl": lpl,
        "upl": upl,
        "near_lpl": near_lpl,
        "near_upl": near_upl,
    }
    result = frame.copy()
    result["group"] = unsort(group)
    for name, values in by_segment.items():
        result[name] = unsort(values[seg])
    result["special_cause_type"] = words(code, labels)
    result["special_cause_side"] = words(side_code, ("high", "low"))
    result["point_type"] = words(pt_code, POINT_TYPES)
    result["improvement"] = pd.Series(
        np.array(IMPROVEMENTS, dtype=object)[polarity], index=frame.index, dtype="str"
    )
    result["trial_limits"] = unsort(count[seg] < MIN_POINTS_FOR_ICONS)
    result["insufficient_data"] = unsort(insufficient_seg[seg])
    return result


def moving_ranges(y: np.ndarray, same_prev: np.ndarray) -> np.ndarray:
    """|y - previous y| for each point after the first of its segment (NaN at a segment's start)."""
    prev = np.r_[np.nan, y[:-1]] if y.size else y
    return np.where(same_prev, np.abs(y - prev), np.nan)


def average_moving_range(
    mr: np.ndarray, basis: np.ndarray, seg: np.ndarray, n_seg: int, screen_outliers: bool
) -> np.ndarray:
    """Mean moving range per segment over the `basis` points, screened as the R package does.

    Screening drops ranges at or above SCREEN_FACTOR times the first average and averages again;
    a flat segment (average 0) keeps 0, so its limits sit on the mean.
    """
    amr = _segment_mean(mr[basis], seg[basis], n_seg)
    if not screen_outliers:
        return amr
    kept = basis & (mr < SCREEN_FACTOR * amr[seg])
    screened = _segment_mean(mr[kept], seg[kept], n_seg)
    return np.where(amr == 0, 0.0, screened)


def process_limits(
    mean: np.ndarray, amr: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Lower and upper process limits (LIMIT x amr) and near limits (NEAR_LIMIT x amr)."""
    return mean - LIMIT * amr, mean + LIMIT * amr, mean - NEAR_LIMIT * amr, mean + NEAR_LIMIT * amr


def outside_limits(
    y: np.ndarray, lpl: np.ndarray, upl: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Points strictly above the upper limit, and strictly below the lower one."""
    return y > upl, y < lpl


def trend_points(
    y: np.ndarray, same_prev: np.ndarray, trend_length: int
) -> tuple[np.ndarray, np.ndarray]:
    """Points in a run of `trend_length` or more, each higher (or each lower) than the last."""
    prev = np.r_[np.nan, y[:-1]] if y.size else y
    rising = same_prev & (y > prev)
    falling = same_prev & (y < prev)
    up = rising & (_run_lengths(rising, same_prev) >= trend_length - 1)
    down = falling & (_run_lengths(falling, same_prev) >= trend_length - 1)
    # A run of k rising differences covers k + 1 points: include the point before it.
    return up | np.r_[up[1:], False], down | np.r_[down[1:], False]


def shift_points(
    high_side: np.ndarray, low_side: np.ndarray, same_prev: np.ndarray, run_length: int
) -> tuple[np.ndarray, np.ndarray]:
    """Points in a run of `run_length` or more on one side of the mean (a point on it breaks it)."""
    up = _run_lengths(high_side, same_prev) >= run_length
    down = _run_lengths(low_side, same_prev) >= run_length
    return up, down


def near_limit_points(
    y: np.ndarray,
    near_lpl: np.ndarray,
    near_upl: np.ndarray,
    beyond: np.ndarray,
    includes_beyond: bool,
) -> np.ndarray:
    """Points beyond the near (2 sigma) limits; those beyond the process limits only if asked."""
    near = (y > near_upl) | (y < near_lpl)
    return near if includes_beyond else near & ~beyond


def special_cause_codes(*flags: np.ndarray) -> np.ndarray:
    """The first rule each point breaks, as an index into special_cause_labels() + 1; 0 none.

    `flags` come in precedence order: above UCL, below LCL, trend up, trend down, 2 in 3 high,
    2 in 3 low, shift up, shift down.
    """
    return np.select(list(flags), np.arange(1, len(flags) + 1), default=0)


def point_type_codes(code: np.ndarray, polarity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Point type (index into POINT_TYPES) and side (0 high, 1 low, -1 none) of each point.

    A high signal is an improvement when higher is better (polarity 0), a concern when lower
    is better (1), and neutral for a monitoring-only series (2).
    """
    is_high = _LABEL_IS_HIGH[code]
    good = np.where(polarity == 0, is_high, ~is_high)
    point_type = np.where(code == 0, 0, np.where(polarity == 2, 3, np.where(good, 1, 2)))
    side = np.where(code == 0, -1, np.where(is_high, 0, 1))
    return point_type, side


def _two_in_three(
    near: np.ndarray, high_side: np.ndarray, low_side: np.ndarray, same_prev: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Near-limit points in a window of 3 consecutive points, >= 2 near, all on one side."""
    nv = near.size
    if nv < 3:
        return np.zeros(nv, dtype=bool), np.zeros(nv, dtype=bool)
    window_ok = same_prev[1:-1] & same_prev[2:]
    n_near = near[:-2].astype(np.int8) + near[1:-1] + near[2:]
    enough = window_ok & (n_near >= 2)
    win_up = enough & high_side[:-2] & high_side[1:-1] & high_side[2:]
    win_down = enough & low_side[:-2] & low_side[1:-1] & low_side[2:]

    def covered(windows: np.ndarray) -> np.ndarray:
        # Point i lies in the windows starting at i - 2, i - 1 and i.
        pad = np.r_[False, False, windows, False, False]
        return pad[2:] | pad[1:-1] | pad[:-2]

    return near & covered(win_up), near & covered(win_down)


def _latest_rows(result: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per series (first-appearance order): row position of its latest non-missing point or -1."""
    s_codes, uniques = pd.factorize(result["series"], sort=False)
    t_codes, _ = pd.factorize(result["t"], sort=True)
    valid = result["y"].notna().to_numpy()
    rows = np.flatnonzero(valid)
    latest = np.full(len(uniques), -1, dtype=np.int64)
    if rows.size:
        order = rows[np.lexsort((t_codes[rows], s_codes[rows]))]
        last = np.r_[s_codes[order][1:] != s_codes[order][:-1], True]
        latest[s_codes[order][last]] = order[last]
    first_row = np.full(len(uniques), -1, dtype=np.int64)
    first_row[s_codes[::-1]] = np.arange(len(result))[::-1]
    return np.asarray(uniques), latest, first_row


_RESULT_COLUMNS: Final = (
    "series",
    "t",
    "y",
    "mean",
    "lpl",
    "upl",
    "special_cause_type",
    "special_cause_side",
    "point_type",
    "improvement",
    "trial_limits",
    "insufficient_data",
)


def summarise(
    result: pd.DataFrame,
    targets: Mapping[Hashable, float] | pd.Series | None = None,
) -> pd.DataFrame:
    """One row per series with its variation icon (latest point) and assurance icon, in words.

    Assurance compares the target (``targets[series]`` if given, else the ``target`` of the
    latest point) with the latest group's limits, strictly: a target on a limit is hit and miss.
    """
    missing = set(_RESULT_COLUMNS) - set(result.columns)
    if missing:
        raise ValueError(f"summarise takes the frame xmr returns; it lacks {sorted(missing)}")
    uniques, latest, first_row = _latest_rows(result)
    has = latest >= 0
    rows = result.iloc[np.where(has, latest, first_row)].reset_index(drop=True)

    def numbers(name: str) -> np.ndarray:
        values = pd.to_numeric(rows[name]).to_numpy(dtype="float64", na_value=np.nan)
        return np.where(has, values, np.nan)

    lpl, upl = numbers("lpl"), numbers("upl")
    insufficient = ~has | rows["insufficient_data"].to_numpy(dtype=bool) | np.isnan(lpl)
    trial = insufficient | rows["trial_limits"].to_numpy(dtype=bool)
    polarity = np.array([_normalise_improvement(p) for p in rows["improvement"]], dtype=object)
    if targets is not None:
        lookup = targets if isinstance(targets, pd.Series) else pd.Series(dict(targets))
        target = pd.to_numeric(pd.Series(uniques).map(lookup)).to_numpy(
            dtype="float64", na_value=np.nan
        )
    elif "target" in rows.columns:
        target = numbers("target")
    else:
        target = np.full(len(rows), np.nan)

    variation = np.where(insufficient, "insufficient_data", rows["point_type"].astype(object))
    variation_text = [
        _variation_text(v, s, tr)
        for v, s, tr in zip(variation, rows["special_cause_side"], trial.tolist(), strict=True)
    ]

    increase = polarity == "increase"
    decrease = polarity == "decrease"
    passes = (increase & (target < lpl)) | (decrease & (target > upl))
    fails = (increase & (target > upl)) | (decrease & (target < lpl))
    assessable = (increase | decrease) & ~np.isnan(target) & ~insufficient
    assurance = np.select(
        [~assessable, passes, fails],
        ["none", "consistently_pass", "consistently_fail"],
        default="hit_and_miss",
    ).astype(object)
    assurance_text = [
        _assurance_text(a, p, t, i)
        for a, p, t, i in zip(assurance, polarity, target, insufficient.tolist(), strict=True)
    ]
    t_latest = rows["t"].where(pd.Series(has, index=rows.index))
    return pd.DataFrame(
        {
            "series": uniques,
            "t": t_latest.to_numpy(),
            "y": numbers("y"),
            "mean": numbers("mean"),
            "lpl": lpl,
            "upl": upl,
            "target": target,
            "improvement": polarity,
            "special_cause_type": np.where(has, rows["special_cause_type"].astype(object), None),
            "variation": variation.astype(object),
            "variation_text": variation_text,
            "assurance": assurance,
            "assurance_text": assurance_text,
            "trial_limits": trial,
        }
    )


def _variation_text(variation: str, side: Any, trial: bool) -> str:
    if variation == "insufficient_data":
        return "Not enough data: fewer than 2 points, so no process limits"
    if variation == "common_cause":
        text = "Common cause — no significant change"
    else:
        text = f"Special cause — {_VARIATION_WORDS[variation]}, {side}"
    if trial:
        text += f" (trial limits: fewer than {MIN_POINTS_FOR_ICONS} points)"
    return text


def _assurance_text(assurance: str, polarity: str, target: float, insufficient: bool) -> str:
    if assurance != "none":
        return _ASSURANCE_TEXT[assurance]
    if polarity == "neutral":
        return "No assurance: a monitoring-only measure has no target to assure"
    if math.isnan(target):
        return "No assurance: no target set"
    if insufficient:
        return "No assurance: not enough data for process limits"
    return "No assurance"
