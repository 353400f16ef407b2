"""Small display helpers: RAG badges (shape + word + colour), banners, tables and downloads."""

from __future__ import annotations

import html

import pandas as pd
import streamlit as st

from metrics.as_reported import before_first_load
from metrics.periods import month_label, stamp_label
from metrics.vocab import (
    STATUS_WORD,
    direction_label,
    status_colours,
    status_label,
    status_of_label,
)

DEMO_TEXT = (
    "**Illustrative data.** This is the demo database: synthetic monthly series that pass "
    "through figures published by Oxfordshire County Council (2023–2025). Everything between "
    "those published points is made up. Do not quote these figures."
)


def demo_banner(is_demo: bool) -> None:
    """The label every page carries while the demo database is in use."""
    if is_demo:
        st.warning(DEMO_TEXT, icon="⚠️")


def badge_html(status: str) -> str:
    """A RAG badge: colour, shape and word together (never colour alone).

    Its HTML is shown with unsafe_allow_html, so it holds only a word of the vocabulary: anything
    else (never a data file's text) is shown as No data, as its colour already is.
    """
    known = status if isinstance(status, str) and status in STATUS_WORD else "no_data"
    fill, text = status_colours(known)
    return (
        f'<span class="mm-badge" style="background:{fill};color:{text};padding:2px 8px;'
        f'border-radius:4px;font-weight:600;white-space:nowrap">{html.escape(status_label(known))}</span>'
    )


def status_cell_style(value: str) -> str:
    """Styler CSS for a table cell holding a status label like '▲ Red'."""
    status = status_of_label(value)
    if status is None:
        return ""
    fill, text = status_colours(status)
    return f"background-color:{fill};color:{text};font-weight:600"


def with_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """Replace status and direction codes with their shape-and-word labels for display."""
    out = frame.copy()
    for column in ("status", "previous_status", "ytd_status", "rating", "from", "to"):
        if column in out:
            out[column] = out[column].map(lambda s: status_label(s) if isinstance(s, str) else "–")
    for column, moved in (("direction", "movement"), ("year_on_year", "year_on_year_movement")):
        if column in out:
            moves = frame[moved] if moved in frame else pd.Series(None, index=frame.index)
            out[column] = [direction_label(d, m) for d, m in zip(frame[column], moves, strict=True)]
    # The movement columns only feed the direction labels (the arrow); they are not shown alone.
    return out.drop(columns=[c for c in ("movement", "year_on_year_movement") if c in out])


def styled(
    frame: pd.DataFrame,
    status_columns: tuple[str, ...] = (
        "status",
        "previous_status",
        "ytd_status",
        "rating",
        "from",
        "to",
    ),
):
    """A pandas Styler that colours status cells (their text already carries shape and word)."""
    columns = [c for c in frame.columns if c in status_columns]
    styler = frame.style
    if columns:
        styler = styler.map(status_cell_style, subset=columns)
    return styler


def count_tiles(counts: list[tuple[str, int]]) -> None:
    """A row of bordered tiles, each a label and a whole number with thousands separators."""
    for column, (label, n) in zip(st.columns(len(counts)), counts, strict=True):
        column.metric(label, f"{n:,}", border=True)


def empty_state(text: str) -> None:
    """A plain sentence instead of an empty chart or a traceback."""
    st.info(text, icon="ℹ️")


NO_FIGURES = "There are no figures in the database yet. Load a return on the Data page."


def no_figures_state(loads: pd.DataFrame, as_of) -> None:
    """Why there is nothing to show: an as-reported date before the first load, or no data."""
    empty_state(before_first_load(loads, as_of) or NO_FIGURES)


BASE_CSS = """
<style>
/* Long unbroken values (ids, pasted text) wrap instead of making a scrollable cell. */
[data-testid="stTable"] td, [data-testid="stTable"] th,
[data-testid="stMarkdownContainer"] p { overflow-wrap: anywhere; word-break: break-word; }
[data-testid="stTable"] [data-testid="stMarkdownContainer"] { overflow: visible !important; }
/* Tile labels wrap onto a second line rather than being cut off with an ellipsis. */
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
[data-testid="stMetricDelta"] * { white-space: normal !important; }
/* Links to the explorer carry whole measure names: wrap them, never cut them. */
[data-testid="stPageLink"] a, [data-testid="stPageLink"] a * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  height: auto !important;
}
[data-testid="stPageLink"] a p { text-decoration: underline; text-underline-offset: 2px; }
</style>
"""


def base_css() -> None:
    """Site-wide CSS that keeps tables readable and keyboard-accessible."""
    st.html(BASE_CSS)


COLUMN_LABELS = {  # database column -> what a data officer calls it
    "load_id": "Load",
    "loaded_at": "Loaded",
    "loaded_by": "Loaded by",
    "file_name": "File",
    "sha256": "SHA-256 (first 12)",
    "measure_id": "Measure",
    "risk_id": "Risk",
    "priority_id": "Priority",
    "previous_actual": "Was",
    "previous_target": "Target was",
    "ytd_actual": "YTD actual",
    "ytd_target": "YTD target",
    "row_number": "Row",
    "column_name": "Column",
}


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """Database rows as people read them: plain column names, `Sep 2024` periods, named teams."""
    out = frame.copy()
    if "period" in out and pd.api.types.is_datetime64_any_dtype(out["period"]):
        out["period"] = out["period"].map(lambda p: month_label(p) if pd.notna(p) else "–")
    if "team" in out:
        out["team"] = out["team"].map(lambda t: t if isinstance(t, str) and t else "Whole measure")
    if "loaded_at" in out and pd.api.types.is_datetime64_any_dtype(out["loaded_at"]):
        out["loaded_at"] = out["loaded_at"].map(stamp_label, na_action="ignore")
    return out.rename(columns=lambda c: COLUMN_LABELS.get(c, c.replace("_", " ").capitalize()))
