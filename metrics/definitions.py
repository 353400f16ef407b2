"""Measure definitions over time: each snapshot is rated by the definition in force for its period.

A measures.csv row may carry `effective_from` (YYYY-MM): from that month on, its polarity,
tolerance and frequency rate the measure; earlier months keep the definition they had. A row
without it applies to every period, so loading a *changed* definition without a date would
re-rate history: the CLI refuses that unless `--redefine`, and the Data page asks for a tick.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics.cadence import Segment, resolve

#: The fields that decide a status: a change to any of these can re-rate a period.
RATING_FIELDS = ("frequency", "polarity", "tolerance", "tolerance_type")


def timeline(versions: pd.DataFrame, fields: tuple[str, ...] = RATING_FIELDS) -> pd.DataFrame:
    """Segments (measure_id, start, `fields`): the definition in force from `start` on.

    Versions apply in the order they were loaded. A dated version replaces the definition from
    its month onwards; an undated one replaces it for all time. The first segment's start is
    NaT: it also rates any period before the first date.
    """
    rows: list[dict[str, object]] = []
    many = versions["measure_id"].duplicated(keep=False)
    single = versions.loc[~many, ["measure_id", *fields]].assign(start=pd.NaT)
    for measure_id, group in (
        versions[many].sort_values(["measure_id", "version"]).groupby("measure_id", sort=True)
    ):
        segments: list[tuple[pd.Timestamp | None, dict[str, object]]] = []
        for version in group.itertuples(index=False):
            values = {f: getattr(version, f) for f in fields}
            start = version.effective_from
            if pd.isna(start) or not segments:
                segments = [(None, values)]
            else:
                segments = [s for s in segments if s[0] is None or s[0] < start]
                segments.append((pd.Timestamp(start), values))
        rows.extend({"measure_id": measure_id, "start": s, **f} for s, f in segments)
    columns = ["measure_id", "start", *fields]
    looped = pd.DataFrame(rows, columns=columns)
    out = pd.concat([single[columns], looped], ignore_index=True) if len(looped) else single
    out = out[columns].sort_values(["measure_id", "start"], na_position="first", kind="stable")
    out["start"] = pd.to_datetime(out["start"])
    return out.reset_index(drop=True)


def in_force(snapshots: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame | None:
    """Rating fields in force for each snapshot row (same index), or None if no measure changed.

    Only measures with more than one segment need a look-up; the rest keep the catalogue's.
    """
    if segments is None or segments.empty:
        return None
    counts = segments["measure_id"].value_counts()
    changed = set(counts.index[counts > 1])
    if not changed:
        return None
    rows = snapshots[snapshots["measure_id"].isin(changed)][["measure_id", "period"]]
    if rows.empty:
        return None
    segs = segments[segments["measure_id"].isin(changed)].copy()
    segs["start"] = segs["start"].astype("datetime64[ns]").fillna(pd.Timestamp("1900-01-01"))
    left = rows.reset_index().sort_values("period")
    left["period"] = pd.to_datetime(left["period"]).astype("datetime64[ns]")
    found = pd.merge_asof(
        left, segs.sort_values("start"), left_on="period", right_on="start", by="measure_id"
    )
    return found.set_index("index")[list(RATING_FIELDS)]


@dataclass(frozen=True)
class Redefinition:
    """A measure whose undated new definition would rewrite the rating of earlier periods."""

    measure_id: str
    changed: tuple[str, ...]  # which rating fields differ from a definition in force

    def describe(self) -> str:
        return (
            f"{self.measure_id}: {', '.join(self.changed)} changed with no effective_from, "
            "so every past period would be re-rated"
        )


def _same(a: object, b: object) -> bool:
    if pd.isna(a) and pd.isna(b):
        return True
    if isinstance(a, float | int) and isinstance(b, float | int):
        return abs(float(a) - float(b)) < 1e-12
    return a == b


def redefinitions(incoming: pd.DataFrame, segments: pd.DataFrame) -> list[Redefinition]:
    """Incoming undated rows whose rating fields differ from any definition already in force."""
    out = []
    for row in incoming.itertuples(index=False):
        if not pd.isna(getattr(row, "effective_from", None)):
            continue
        held = segments[segments["measure_id"] == row.measure_id]
        changed = tuple(
            f for f in RATING_FIELDS if any(not _same(getattr(row, f), v) for v in held[f])
        )
        if changed:
            out.append(Redefinition(str(row.measure_id), changed))
    return out


def with_incoming(versions: pd.DataFrame, incoming: pd.DataFrame) -> pd.DataFrame:
    """The stored versions plus the incoming rows as the next version of each measure."""
    nxt = versions.groupby("measure_id")["version"].max() if len(versions) else pd.Series()
    add = incoming[["measure_id", "effective_from", *RATING_FIELDS]].copy()
    add["replaces"] = incoming["replaces"] if "replaces" in incoming else None
    add["version"] = [int(nxt.get(m, 0)) + 1 for m in add["measure_id"]]
    add["effective_from"] = pd.to_datetime(add["effective_from"])
    return pd.concat([versions, add], ignore_index=True) if len(versions) else add


def replaced_by(catalogue: pd.DataFrame) -> dict[str, str]:
    """Old measure id -> the measure that replaced it (from the `replaces` column)."""
    if "replaces" not in catalogue:
        return {}
    rows = catalogue[catalogue["replaces"].notna() & catalogue["replaces"].ne("")]
    return dict(zip(rows["replaces"], rows["measure_id"], strict=True))


def cadence_segments(versions: pd.DataFrame) -> dict[str, list[Segment]]:
    """Each measure's reporting months from each start (None: from the first period), in order.

    `versions` holds measure_id, version, effective_from, frequency and reporting_months (blank
    for the usual months); a figure's period is checked against the cadence in force for it, so
    a measure that turns quarterly next April keeps its monthly figures until then.
    """
    found: dict[str, list[Segment]] = {}
    if versions.empty:
        return found
    frame = versions.copy()
    if "reporting_months" not in frame:
        frame["reporting_months"] = None
    for row in timeline(frame, ("frequency", "reporting_months")).itertuples(index=False):
        written = None if pd.isna(row.reporting_months) else str(row.reporting_months)
        try:
            months = resolve(str(row.frequency), written)
        except (ValueError, KeyError):
            months = tuple(range(1, 13))
        start = None if pd.isna(row.start) else pd.Timestamp(row.start).date()
        found.setdefault(str(row.measure_id), []).append((start, months))
    return found
