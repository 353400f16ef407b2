"""Download controls: board pack (PDF, PowerPoint, Excel) and safe CSV of any table.

Builds happen on request (a PDF draws every chart in chromium, several seconds) and are kept
for the session per database version, period and priority; every download is audited.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dashboard.state import View
from exports.pack import PackError
from exports.safe import to_csv_bytes
from exports.static_charts import ChartExportError
from metrics.periods import period_key
from store.audit import record_event
from store.database import db_version

_FORMATS = {
    "pdf": ("Board pack (PDF)", "application/pdf"),
    "pptx": (
        "Slides (PowerPoint)",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
    "xlsx": (
        "Workbook (Excel)",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}


def _audit(v: View, what: str) -> None:
    record_event(v.settings, v.user.identity if v.user else "unknown", "export", what)


def _build(v: View, fmt: str) -> bytes:
    from exports.pdf import build_pdf
    from exports.pptx import build_pptx
    from exports.xlsx import build_xlsx

    builder = {"pdf": build_pdf, "pptx": build_pptx, "xlsx": build_xlsx}[fmt]
    return builder(v.data, v.period, v.priority or None, settings=v.settings)


def export_panel(v: View, key: str) -> None:
    """Prepare-then-download buttons for the board pack in three formats."""
    if v.period is None:
        return
    scope = f"{period_key(v.period)}{'-' + v.priority if v.priority else ''}"
    with st.popover("Download the board pack (PDF, PowerPoint, Excel)"):
        st.caption(
            "The same figures and charts as these pages. The PDF and slides take a few seconds "
            "to draw."
        )
        columns = st.columns(len(_FORMATS))
        for column, (fmt, (label, mime)) in zip(columns, _FORMATS.items(), strict=True):
            cache_key = ("export", fmt, db_version(v.settings.db_path), scope, str(v.data.as_of))
            with column:
                if cache_key not in st.session_state:
                    if st.button(f"Prepare {label.lower()}", key=f"{key}_prepare_{fmt}"):
                        try:
                            with st.spinner(f"Preparing the {label.lower()}…"):
                                st.session_state[cache_key] = _build(v, fmt)
                        except (PackError, ChartExportError) as exc:
                            st.warning(str(exc))
                if cache_key in st.session_state:
                    name = f"meaningful-measures-{scope}.{fmt}"
                    st.download_button(
                        f"Download {label}",
                        st.session_state[cache_key],
                        file_name=name,
                        mime=mime,
                        key=f"{key}_download_{fmt}",
                        on_click=_audit,
                        args=(v, name),
                        type="primary",
                    )


def csv_button(v: View, frame: pd.DataFrame, name: str, key: str) -> None:
    """A CSV download of a table, with formula-like text made inert, audited."""
    file_name = f"{name}-{period_key(v.period) if v.period is not None else 'all'}.csv"
    st.download_button(
        "Download this table (CSV)",
        to_csv_bytes(frame),
        file_name=file_name,
        mime="text/csv",
        key=key,
        on_click=_audit,
        args=(v, file_name),
    )


XLSX_MIME = _FORMATS["xlsx"][1]


def xlsx_button(v: View, label: str, content: bytes, name: str, key: str) -> None:
    """An Excel download of a page's own workbook; the download is audited."""
    st.download_button(
        label,
        content,
        file_name=name,
        mime=XLSX_MIME,
        key=key,
        on_click=_audit,
        args=(v, name),
    )


def prepared_pdf(
    v: View,
    cache_key: tuple,
    make: Callable[[], bytes],
    name: str,
    labels: tuple[str, str],
    keys: tuple[str, str],
) -> None:
    """'Prepare' then 'Download' for a PDF that takes seconds to draw, kept for the session.

    `labels` and `keys` are the prepare and download buttons' texts and widget keys.
    """
    if cache_key not in st.session_state and st.button(labels[0], key=keys[0]):
        st.session_state[cache_key] = make()
    if cache_key in st.session_state:
        st.download_button(
            labels[1],
            st.session_state[cache_key],
            file_name=name,
            mime="application/pdf",
            key=keys[1],
            type="primary",
            on_click=_audit,
            args=(v, name),
        )
