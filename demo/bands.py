"""Demo waiting-list families whose bands, waits and team rows agree with one another.

For every month the bands add up to the number waiting, no one sits in a band beyond the
longest wait, the band holding the longest wait is not empty, the median lies in the band
holding the middle person and the mean between the band bounds; teams add up to the whole.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import lru_cache

import numpy as np


@dataclass(frozen=True)
class Band:
    """One time-waited band: its measure and inclusive day bounds (None = open-ended)."""

    measure_id: str
    lo: int
    hi: int | None


@dataclass(frozen=True)
class WaitingList:
    """A waiting-list family as data/demo_source/waiting_lists.csv declares it."""

    list_id: str
    name: str
    roles: dict[str, str]  # role -> measure_id (waiting, longest, mean, median, ...)
    bands: tuple[Band, ...] = ()
    teams: tuple[str, ...] = ()
    team_weights: tuple[float, ...] = ()
    breakdown: str = "team"
    #: Referrals a month, for lists whose referrals and completions are both synthetic.
    referral_level: int | None = None


def apportion(total: int, weights: np.ndarray) -> np.ndarray:
    """Split an integer total by weights so the parts are integers that add up exactly."""
    weights = np.asarray(weights, float)
    if total <= 0 or weights.sum() <= 0:
        return np.zeros(len(weights), dtype=int)
    raw = total * weights / weights.sum()
    parts = np.floor(raw).astype(int)
    remainder = total - parts.sum()
    order = np.argsort(-(raw - parts), kind="stable")
    parts[order[:remainder]] += 1
    return parts


@lru_cache(maxsize=8)
def _simplex(k: int, steps: int = 40) -> np.ndarray:
    """Every share vector of length k on a grid of 1/steps (rows sum to 1)."""
    rows = [c for c in itertools.product(range(steps + 1), repeat=k - 1) if sum(c) <= steps]
    grid = np.array([[*c, steps - sum(c)] for c in rows], float) / steps
    return grid


def _bounds(bands: tuple[Band, ...], longest: float) -> tuple[np.ndarray, np.ndarray]:
    lo = np.array([b.lo for b in bands], float)
    hi = np.array([np.inf if b.hi is None else b.hi for b in bands], float)
    return lo, np.minimum(hi, longest)


def consistent(
    counts: np.ndarray,
    bands: tuple[Band, ...],
    longest: float,
    mean: float | None,
    median: float | None,
) -> bool:
    """True when integer band counts agree with the longest, mean and median waits."""
    n = counts.sum()
    if n == 0:
        return True
    lo, hi = _bounds(bands, longest)
    if (counts[lo > longest] > 0).any():
        return False
    holds = (lo <= longest) & (
        longest <= np.array([np.inf if b.hi is None else b.hi for b in bands])
    )
    if not (counts[holds] > 0).any():
        return False
    if mean is not None:
        if not (counts * lo).sum() / n <= mean <= (counts * hi).sum() / n:
            return False
    if median is not None:
        b = int(np.searchsorted(np.cumsum(counts), (n + 1) / 2))
        if not lo[b] <= median <= hi[b]:
            return False
    return True


def fit_bands(
    n: int,
    bands: tuple[Band, ...],
    longest: float,
    mean: float | None,
    median: float | None,
    rng: np.random.Generator,
) -> np.ndarray:
    """Integer band counts for n people consistent with the waits, close to a plausible shape."""
    counts = np.zeros(len(bands), dtype=int)
    if n <= 0:
        return counts
    lo, hi = _bounds(bands, longest)
    valid = lo <= longest
    k = int(valid.sum())
    centre = mean or (median * 1.3 if median else longest / 3)
    mid = (lo + hi) / 2
    prior = np.exp(-lo / max(centre, 1.0)) * np.exp(rng.normal(0, 0.05, len(bands)))
    prior = np.where(valid, prior, 0)
    prior /= prior.sum()
    grid = _simplex(k, 100 if k <= 4 else 20)
    shares = np.zeros((len(grid), len(bands)))
    shares[:, :k] = grid
    feasible = shares[:, k - 1] > 0
    if mean is not None:
        feasible &= (shares @ lo <= mean) & (mean <= shares @ np.where(valid, hi, 0))
    if median is not None:
        b = int(np.searchsorted(hi, median))  # the band whose range holds the median
        before = shares[:, :b].sum(axis=1)
        feasible &= (before < 0.5 - 0.5 / n) & (before + shares[:, b] > 0.5 + 0.5 / n)
    score = np.abs(shares - prior).sum(axis=1)
    if mean is not None:
        score = score + 3 * np.abs(shares @ np.where(valid, mid, 0) - mean) / max(mean, 1)
    for order in np.argsort(np.where(feasible, score, np.inf), kind="stable")[
        : max(int(feasible.sum()), 1)
    ][:200]:
        candidate = apportion(n, shares[order])
        if candidate[k - 1] == 0 and k > 1:
            candidate[k - 1] += 1
            candidate[int(np.argmax(candidate[: k - 1]))] -= 1
        if candidate.sum() == n and consistent(candidate, bands, longest, mean, median):
            return candidate
    raise ValueError(f"no band split fits n={n}, longest={longest}, mean={mean}, median={median}")


@dataclass
class TeamSplit:
    """Per-team band counts and waits that agree with the team's own bands."""

    bands: np.ndarray  # teams × bands
    longest: np.ndarray
    mean: np.ndarray
    median: np.ndarray


def split_teams(
    counts: np.ndarray,
    bands: tuple[Band, ...],
    weights: np.ndarray,
    longest: float,
    mean: float | None,
    median: float | None,
    rng: np.random.Generator,
) -> TeamSplit:
    """Spread each band over teams; each team's longest, mean and median sit inside its bands."""
    n_teams = len(weights)
    table = np.zeros((n_teams, len(bands)), dtype=int)
    for b, count in enumerate(counts):
        table[:, b] = apportion(int(count), weights * np.exp(rng.normal(0, 0.1, n_teams)))
    top_band = int(np.max(np.nonzero(counts)[0])) if counts.sum() else 0
    holder = int(np.argmax(table[:, top_band]))
    t_longest = np.full(n_teams, np.nan)
    t_mean = np.full(n_teams, np.nan)
    t_median = np.full(n_teams, np.nan)
    for j in range(n_teams):
        row = table[j]
        n = row.sum()
        if n == 0:
            continue
        top = int(np.max(np.nonzero(row)[0]))
        lo_top = bands[top].lo
        hi_top = longest if bands[top].hi is None else min(bands[top].hi, longest)
        t_longest[j] = (
            longest if j == holder else round(rng.uniform(max(lo_top, hi_top * 0.8), hi_top))
        )
        lo, hi = _bounds(bands, t_longest[j])
        if median is not None:
            b = int(np.searchsorted(np.cumsum(row), (n + 1) / 2))
            t_median[j] = float(np.clip(round(median * rng.uniform(0.85, 1.15)), lo[b], hi[b]))
        if mean is not None:
            low, high = (row * lo).sum() / n, (row * hi).sum() / n
            t_mean[j] = float(
                np.clip(round(mean * rng.uniform(0.85, 1.15)), np.ceil(low), np.floor(high))
            )
    return TeamSplit(table, t_longest, t_mean, t_median)
