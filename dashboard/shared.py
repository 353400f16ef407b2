"""What one session gets from the process-wide caches: its own frames, never the shared ones.

`st.cache_resource` hands every session the same object. The frames inside are given out as
shallow copies (pandas copy-on-write: nothing is copied until someone writes), so a page that
adds a column or sets a cell changes only its own run, never another session's figures.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any, TypeVar

import pandas as pd

from store.service import Dataset

T = TypeVar("T")


def own(value: T) -> T:
    """A frame as a lazy copy; a dataclass with each frame field so; anything else as is."""
    if isinstance(value, pd.DataFrame | pd.Series):
        return value.copy(deep=False)  # type: ignore[return-value]
    if isinstance(value, Dataset):
        return SessionDataset.of(value)  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: own(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.init and isinstance(getattr(value, f.name), pd.DataFrame | pd.Series)
        }
        return dataclasses.replace(value, **changes)  # type: ignore[type-var]
    return value


@dataclasses.dataclass(frozen=True, eq=False)
class SessionDataset(Dataset):
    """A session's view of a cached Dataset: own frames, the shared team-row cache behind it."""

    @classmethod
    def of(cls, shared: Dataset) -> SessionDataset:
        fields: dict[str, Any] = {}
        for f in dataclasses.fields(Dataset):
            value = getattr(shared, f.name)
            fields[f.name] = value.copy(deep=False) if isinstance(value, pd.DataFrame) else value
        return cls(**fields)  # the team cache dict and its lock stay shared: reads are costly

    def team_rows(self, measure_ids: Iterable[str] | None = None) -> pd.DataFrame:
        """The shared team rows (read once per database version), as this session's copy."""
        return super().team_rows(measure_ids).copy(deep=False)
