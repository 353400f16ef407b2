"""The shared view: which database, which period, filters and board mode, kept in the URL.

app.py builds the view once per run from the sidebar; pages call `view()` and compose.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard.auth import CurrentUser
from dashboard.shared import own
from metrics.periods import day_label, month_label, parse_period, period_key
from settings.config import Settings, get_settings
from store.database import db_version
from store.service import Dataset, load_dataset

ALL = ""


@dataclass(frozen=True)
class View:
    """What every page needs: the data as of a date, the chosen period and filters."""

    settings: Settings
    data: Dataset
    period: pd.Timestamp | None
    priority: str  # "" for all priorities
    team: str  # "" for all teams
    board: bool
    user: CurrentUser | None = None

    @property
    def period_label(self) -> str:
        return month_label(self.period) if self.period is not None else "no period"


@st.cache_resource(max_entries=6, show_spinner=False)
def _cached_dataset(path: str, version: str, as_of: dt.date | None) -> Dataset:
    """Cached per database version and as-of date, so widget changes never re-read the file."""
    del version  # part of the cache key only
    return load_dataset(Path(path), as_of)


def dataset(settings: Settings, as_of: dt.date | None) -> Dataset:
    """The dataset for the live file as it is now (a load changes the version token)."""
    # The cached Dataset is shared by every session: each run gets its own frames.
    return own(_cached_dataset(str(settings.db_path), db_version(settings.db_path), as_of))


def restore_from_url(key: str, param: str, read: Callable[[str], object], default: object) -> None:
    """Seed a widget's session key from `?param=` on the first run, so a link restores it.

    `read` turns the URL's text into the widget's value (the default when it is not valid).
    """
    if key not in st.session_state:
        raw = st.query_params.get(param)
        st.session_state[key] = default if raw is None else read(raw)


def restore_choice(key: str, param: str, options: list[str], default: str) -> None:
    """Seed a choice from the URL; a value no longer among the options falls back to default."""
    restore_from_url(key, param, lambda raw: raw if raw in options else default, default)
    if st.session_state[key] not in options:
        st.session_state[key] = default


def write_url(param: str, value: str | None, default: str | None = None) -> None:
    """Keep `?param=value` in the URL; the default (or nothing) leaves the parameter out."""
    if value in (None, "", default):
        if param in st.query_params:
            del st.query_params[param]
    else:
        st.query_params[param] = value


def synced_select(
    label: str,
    param: str,
    options: list[str],
    default: str,
    format_func=str,
    container=None,
    help: str | None = None,
    omit_default: bool = False,
) -> str:
    """A selectbox whose value is restored from and written to the URL (`?param=value`).

    With `omit_default` the default is left out of the URL, so a bookmark taken on it keeps
    meaning "the default" (the latest period) rather than freezing today's value.
    """
    key = f"url_{param}"
    restore_choice(key, param, options, default)
    where = container or st.sidebar
    value = where.selectbox(label, options, key=key, format_func=format_func, help=help)
    write_url(param, value, default if omit_default else None)
    return value


def _follow_latest(latest: str) -> None:
    """Someone on the latest period moves on with it when a newer period is loaded."""
    seen = st.session_state.get("_latest_period")
    on_latest = st.session_state.get("url_period") == seen and "period" not in st.query_params
    if seen and seen != latest and on_latest:
        st.session_state["url_period"] = latest
    st.session_state["_latest_period"] = latest


def _as_of_from_url() -> dt.date | None:
    raw = st.query_params.get("as_of")
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def build_view(user: CurrentUser | None = None, settings: Settings | None = None) -> View:
    """Render the shared sidebar and return the view (called once per run by app.py)."""
    settings = settings or get_settings()
    board = st.query_params.get("board") == "1"

    if "url_as_of" not in st.session_state:
        st.session_state["url_as_of"] = _as_of_from_url()
    as_of = st.session_state["url_as_of"]
    data = dataset(settings, as_of)

    periods = [period_key(p) for p in data.periods]
    latest = periods[-1] if periods else ""
    sidebar = st.sidebar
    if not board:
        sidebar.markdown("### Meaningful Measures")
    if periods:
        _follow_latest(latest)
        period = synced_select(
            "Reporting period",
            "period",
            periods[::-1],
            latest,
            format_func=lambda p: month_label(parse_period(p)),
            help="The month the figures report on. Latest by default.",
            omit_default=True,
        )
    else:
        period = ""
    priorities = data.catalogue.drop_duplicates("priority_id")
    names = dict(zip(priorities["priority_id"], priorities["priority_name"], strict=True))
    priority = synced_select(
        "Priority",
        "priority",
        [ALL, *names],
        ALL,
        format_func=lambda p: "All priorities" if p == ALL else f"{p} – {names.get(p, p)}",
    )
    teams = data.teams
    team = synced_select(
        "Team (waiting times)",
        "team",
        [ALL, *teams],
        ALL,
        format_func=lambda t: "All teams" if t == ALL else t,
    )
    chosen = sidebar.date_input(
        "As reported on",
        key="url_as_of",
        format="DD/MM/YYYY",
        help="Show every page as it stood on this date: only the figures loaded by then.",
    )
    write_url("as_of", chosen.isoformat() if chosen else None)
    if chosen:
        sidebar.caption(f"Showing figures as reported on {day_label(chosen)}.")
    return View(
        settings=settings,
        data=data,
        period=pd.Timestamp(parse_period(period)) if period else None,
        priority=priority,
        team=team,
        board=board,
        user=user,
    )


def set_view(value: View) -> None:
    """Store the view for this run so pages can read it."""
    st.session_state["_view"] = value


def view() -> View:
    """The view built by app.py for this run."""
    return st.session_state["_view"]
