"""What loading new measure definitions would do to statuses already shown: the consent check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from metrics.definitions import RATING_FIELDS, Redefinition, redefinitions, timeline, with_incoming
from store.reads import definition_versions


@dataclass(frozen=True)
class Impact:
    """What loading new definitions would do to statuses already shown."""

    redefinitions: list[Redefinition]
    changes: pd.DataFrame  # measure_id, period, before, after: each past status that would change

    @property
    def needs_consent(self) -> bool:
        """True when history would be rewritten: an undated change, or any past status moving."""
        return bool(self.redefinitions) or not self.changes.empty

    def lines(self, limit: int = 50) -> list[str]:
        """'ASC-WL01 Sep 2024: ▲ Red → ★ Green', one per changed status (the first `limit`)."""
        from metrics.periods import month_label
        from metrics.vocab import status_label

        return [
            f"{r.measure_id} {month_label(r.period)}: {status_label(r.before)} → "
            f"{status_label(r.after)}"
            for r in self.changes.head(limit).itertuples(index=False)
        ]


def impact_of(db_path: Path, incoming: pd.DataFrame) -> Impact:
    """Re-rate the stored snapshots under the incoming definitions and list what would change."""
    from metrics.report import measure_statuses
    from store import queries
    from store.database import read_connection

    empty = pd.DataFrame(columns=["measure_id", "period", "before", "after"])
    if not db_path.exists() or incoming is None or incoming.empty:
        return Impact([], empty)
    with read_connection(db_path) as con:
        catalogue = queries.measures(con)
        snapshots = queries.snapshots(con, measure_ids=sorted(set(incoming["measure_id"])))
        versions = definition_versions(con)
    now = timeline(versions)
    found = redefinitions(incoming, now)
    known = catalogue[catalogue["measure_id"].isin(set(incoming["measure_id"]))]
    if known.empty or snapshots.empty:
        return Impact(found, empty)
    before = measure_statuses(snapshots, catalogue, now)
    updated = catalogue.set_index("measure_id")
    latest = incoming.drop_duplicates("measure_id", keep="last").set_index("measure_id")
    common = updated.index.intersection(latest.index)
    for field in RATING_FIELDS:
        updated.loc[common, field] = latest.loc[common, field]
    after = measure_statuses(
        snapshots, updated.reset_index(), timeline(with_incoming(versions, incoming))
    )
    merged = before[["measure_id", "period", "status"]].merge(
        after[["measure_id", "period", "status"]],
        on=["measure_id", "period"],
        suffixes=("_b", "_a"),
    )
    moved = merged[merged["status_b"] != merged["status_a"]]
    changes = moved.rename(columns={"status_b": "before", "status_a": "after"}).reset_index(
        drop=True
    )
    return Impact(found, changes)
