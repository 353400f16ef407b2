"""What the kind checks compare a file with: what the database holds plus what the load brings.

Each database read happens once per validation, and only when a rule asks for it. The load's
measures (earlier files, and this file's measures sheet) count as held for the rows after them.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from intake.fields import by_case
from metrics.cadence import Segment
from metrics.definitions import cadence_segments

_VERSION_COLUMNS = ["measure_id", "version", "effective_from", "frequency", "reporting_months"]


class HeldData:
    """The database's facts the kind checks need, each read once, on first use."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path

    def _read(self, sql: str, table: str, columns: list[str]) -> pd.DataFrame:
        from store.database import read_connection

        if not self.db_path.exists():
            return pd.DataFrame(columns=columns)
        with read_connection(self.db_path) as con:
            held = {
                r[0]
                for r in con.execute(
                    "SELECT column_name FROM duckdb_columns() WHERE table_name = ?", [table]
                ).fetchall()
            }
            if not held:
                return pd.DataFrame(columns=columns)
            return con.execute(sql).df()

    @functools.cached_property
    def priority_ids(self) -> list[str]:
        """Every priority id a measure has named (any version)."""
        frame = self._read(
            "SELECT DISTINCT priority_id FROM measures ORDER BY priority_id",
            "measures",
            ["priority_id"],
        )
        return [str(p) for p in frame["priority_id"]]

    @functools.cached_property
    def versions(self) -> pd.DataFrame:
        """Every stored definition's cadence, oldest first (blank months on an old database)."""
        frame = self._read(
            "SELECT measure_id, version, effective_from, frequency, "
            "reporting_months FROM measures ORDER BY measure_id, version",
            "measures",
            _VERSION_COLUMNS,
        )
        frame["effective_from"] = pd.to_datetime(frame["effective_from"])
        return frame

    @functools.cached_property
    def replaces(self) -> dict[str, str | None]:
        """Each measure held -> what its latest definition replaces (None for nothing)."""
        frame = self._read(
            "SELECT measure_id, replaces FROM measures "
            "QUALIFY row_number() OVER (PARTITION BY measure_id ORDER BY version DESC) = 1",
            "measures",
            ["measure_id", "replaces"],
        )
        return {
            str(m): None if pd.isna(r) or r == "" else str(r)
            for m, r in zip(frame["measure_id"], frame["replaces"], strict=True)
        }

    @functools.cached_property
    def finance(self) -> pd.DataFrame:
        """The service lines held for each month (latest version of each)."""
        frame = self._read(
            "SELECT DISTINCT service_area, period FROM finance",
            "finance",
            ["service_area", "period"],
        )
        frame["period"] = pd.to_datetime(frame["period"])
        return frame

    @functools.cached_property
    def waiting_lists(self) -> pd.DataFrame:
        """The latest row of each waiting list and measure held."""
        return self._read(
            "SELECT waiting_list, measure_id, waiting_role, band_from_days, band_to_days "
            "FROM waiting_lists QUALIFY row_number() OVER "
            "(PARTITION BY waiting_list, measure_id ORDER BY version DESC) = 1",
            "waiting_lists",
            ["waiting_list", "measure_id", "waiting_role", "band_from_days", "band_to_days"],
        )


class Held:
    """What is held plus the measures this load brings, as the kind checks read it."""

    def __init__(
        self,
        data: HeldData,
        load_measures: Sequence[pd.DataFrame] = (),
        england: str = "England",
        region_prefix: str = "South East",
        load_lists: Sequence[pd.DataFrame] = (),
    ) -> None:
        self.data = data
        self.load_measures = [m for m in load_measures if len(m)]
        self.england = england
        self.region_prefix = region_prefix
        self.load_lists = [w for w in load_lists if len(w)]

    @classmethod
    def nothing(cls) -> Held:
        """Nothing held and no measures loaded (a context built without a database)."""
        return cls(HeldData(Path("/nonexistent/nothing-held.duckdb")))

    def with_measures(self, load_measures: Sequence[pd.DataFrame]) -> Held:
        """The same database reads, with these measures of the load."""
        return Held(self.data, load_measures, self.england, self.region_prefix, self.load_lists)

    def _loaded(self, column: str) -> list[object]:
        """One column of the load's measures, in load order (None where a frame lacks it)."""
        return [v for m in self.load_measures for v in m.reindex(columns=[column])[column]]

    @functools.cached_property
    def priority_ids(self) -> dict[str, str]:
        """Priority ids held or named by the load's measures, keyed by casefold."""
        return by_case([*self.data.priority_ids, *map(str, self._loaded("priority_id"))])

    @functools.cached_property
    def replaces(self) -> dict[str, str | None]:
        """Each measure -> what it replaces, the load's definitions over the held ones."""
        chain = dict(self.data.replaces)
        for measure_id, old in zip(
            self._loaded("measure_id"), self._loaded("replaces"), strict=True
        ):
            chain[str(measure_id)] = None if old is None or pd.isna(old) or old == "" else str(old)
        return chain

    @functools.cached_property
    def waiting_lists(self) -> pd.DataFrame:
        """Waiting-list rows held, with the earlier files of this load's rows over them."""
        columns = list(self.data.waiting_lists.columns)
        frames = [self.data.waiting_lists, *(w.reindex(columns=columns) for w in self.load_lists)]
        rows = pd.concat([f for f in frames if len(f)] or [frames[0]], ignore_index=True)
        return rows.drop_duplicates(["waiting_list", "measure_id"], keep="last")

    @functools.cached_property
    def cadence(self) -> dict[str, list[Segment]]:
        """Each measure's reporting months from each start, the load's definitions last."""
        versions = self.data.versions
        frames = [versions] if len(versions) else []
        top = versions.groupby("measure_id")["version"].max() if len(versions) else pd.Series()
        for measures in self.load_measures:
            add = measures.reindex(columns=_VERSION_COLUMNS).copy()
            add["version"] = [int(top.get(m, 0)) + 1 for m in add["measure_id"]]
            add["version"] += add.groupby("measure_id").cumcount()
            add["effective_from"] = pd.to_datetime(add["effective_from"])
            top = (
                pd.concat([top, add.groupby("measure_id")["version"].max()]).groupby(level=0).max()
            )
            frames.append(add)
        if not frames:
            return {}
        return cadence_segments(pd.concat(frames, ignore_index=True))
