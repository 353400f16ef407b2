"""Cached reads of the waiting-list families and the finance table, per database version.

Kept beside (not inside) the shared Dataset so these kinds can be added without touching it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from metrics.config import Settings
from metrics.finance import load_finance
from metrics.store import db_version
from metrics.waiting_lists import load_waiting_lists


@st.cache_resource(max_entries=6, show_spinner=False)
def _waiting_lists(path: str, version: str, as_of: dt.date | None) -> pd.DataFrame:
    del version  # part of the cache key only
    return load_waiting_lists(Path(path), as_of)


@st.cache_resource(max_entries=6, show_spinner=False)
def _finance(path: str, version: str, as_of: dt.date | None) -> pd.DataFrame:
    del version
    return load_finance(Path(path), as_of)


def waiting_lists(settings: Settings, as_of: dt.date | None) -> pd.DataFrame:
    """Waiting-list rows as of the view's date."""
    return _waiting_lists(str(settings.db_path), db_version(settings.db_path), as_of)


def finance(settings: Settings, as_of: dt.date | None) -> pd.DataFrame:
    """Finance rows as of the view's date."""
    return _finance(str(settings.db_path), db_version(settings.db_path), as_of)
