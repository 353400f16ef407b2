"""Each waiting list's bands, flows and team rows, month by month, agreeing with the whole."""

from __future__ import annotations

import datetime as dt

import numpy as np

from demo.bands import TeamSplit, WaitingList, apportion, fit_bands, split_teams
from demo.series import fmt
from demo.source import waiting_lists
from metrics.periods import period_key


def waits_at(family: WaitingList, values: dict[str, np.ndarray], i: int) -> dict[str, float | None]:
    """The month's whole-list waits, mean and median kept below the longest wait."""
    out: dict[str, float | None] = {}
    longest = family.roles.get("longest")
    out["longest"] = float(values[longest][i]) if longest else None
    for role in ("mean", "median"):
        measure_id = family.roles.get(role)
        value = float(values[measure_id][i]) if measure_id else None
        if value is not None and out["longest"] is not None:
            value = min(value, out["longest"] - 1)
            values[measure_id][i] = value
        out[role] = value
    return out


def family_month(
    family: WaitingList,
    n: int,
    waits: dict[str, float | None],
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray | None, TeamSplit | None]:
    """Band counts, team list sizes and team waits for one month."""
    counts = np.zeros(0, dtype=int)
    if family.bands and waits["longest"] is not None:
        counts = fit_bands(n, family.bands, waits["longest"], waits["mean"], waits["median"], rng)
    if not family.teams:
        return counts, None, None
    weights = np.array(family.team_weights)
    if len(counts):
        split = split_teams(
            counts, family.bands, weights, waits["longest"], waits["mean"], waits["median"], rng
        )
        return counts, split.bands.sum(axis=1), split
    return counts, apportion(n, weights * np.exp(rng.normal(0, 0.08, len(weights)))), None


def build_families(
    values: dict[str, np.ndarray], months: list[dt.date], rng: np.random.Generator
) -> tuple[list[dict[str, str]], dict[tuple[str, int], tuple]]:
    """Fill band and flow series in `values`; return team rows and each month's pieces."""
    team_out: list[dict[str, str]] = []
    pieces: dict[tuple[str, int], tuple] = {}
    for family in waiting_lists():
        roles = family.roles
        waiting = values[roles["waiting"]]
        for band in family.bands:
            values[band.measure_id] = np.zeros(len(months))
        if "referrals" in roles:
            net = np.diff(waiting, prepend=np.round(waiting[0] * 1.02))
            done_id = roles["completions"]
            if done_id in values:  # completions have their own series: referrals follow
                values[roles["referrals"]] = np.maximum(np.round(values[done_id] + net), 0)
                values[done_id] = values[roles["referrals"]] - net
            else:
                level = family.referral_level
                if level is None:
                    raise ValueError(f"{family.list_id}: referrals_a_month is blank in the source")
                x = np.arange(len(months))
                referrals = np.round(
                    level * (1 + 0.09 * np.sin(x / 2.0)) + rng.normal(0, level * 0.04, len(x))
                )
                referrals = np.maximum(referrals, net + np.ceil(level * 0.3))
                values[roles["referrals"]] = referrals
                values[done_id] = referrals - net
        for i, month in enumerate(months):
            waits = waits_at(family, values, i)
            counts, team_n, split = family_month(family, int(waiting[i]), waits, rng)
            for b, band in enumerate(family.bands):
                values[band.measure_id][i] = counts[b] if len(counts) else np.nan
            pieces[(family.list_id, i)] = (counts, team_n, split)
            if team_n is not None:
                team_out.extend(family_team_rows(family, month, team_n, split, values, i, rng))
    return team_out, pieces


def family_team_rows(
    family: WaitingList,
    month: dt.date,
    team_n: np.ndarray,
    split: TeamSplit | None,
    values: dict[str, np.ndarray],
    i: int,
    rng: np.random.Generator,
) -> list[dict[str, str]]:
    """Team (or priority) rows for one month: counts add up to the whole list."""
    roles = family.roles
    weights = np.maximum(team_n, 0) + 1e-9
    out = []

    def row(measure_id: str, team: str, value: float) -> dict[str, str]:
        return {
            "measure_id": measure_id,
            "period": period_key(month),
            "team": team,
            "actual": fmt(value),
        }

    flows = {
        role: apportion(
            int(values[roles[role]][i]), weights * np.exp(rng.normal(0, 0.05, len(weights)))
        )
        for role in ("referrals", "completions")
        if role in roles
    }
    for j, team in enumerate(family.teams):
        out.append(row(roles["waiting"], team, team_n[j]))
        if split is not None:
            for role, series in (
                ("longest", split.longest),
                ("mean", split.mean),
                ("median", split.median),
            ):
                if role in roles and not np.isnan(series[j]):
                    out.append(row(roles[role], team, series[j]))
            for b, band in enumerate(family.bands):
                out.append(row(band.measure_id, team, split.bands[j, b]))
        for role, parts in flows.items():
            out.append(row(roles[role], team, parts[j]))
    return out
